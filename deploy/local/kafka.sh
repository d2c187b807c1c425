#!/usr/bin/env bash
# Starts, stops or checks a local Apache Kafka broker (KRaft mode, no containers), the same
# launcher the tests use. Data and logs live in deploy/local/run/kafka.
#   deploy/local/kafka.sh start [PORT]   # default 9092; returns once the broker accepts connections
#   deploy/local/kafka.sh stop
#   deploy/local/kafka.sh status
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/deploy/local/run/kafka"
classes="$root/test-support/target/classes"
if [ ! -f "$classes/io/acbench/testing/kafka/broker.classpath" ]; then
  echo "building test-support (the broker launcher) first..." >&2
  "$root/mvnw" -q -B -pl test-support -am install -DskipTests >&2
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && [ -z "${JAVA_HOME:-}" ] && java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cmd="${1:-}"
case "$cmd" in
  start) exec "$java_bin" -cp "$classes" io.acbench.testing.kafka.LocalKafkaBrokerCli start --dir "$dir" --port "${2:-9092}" ;;
  stop|status) exec "$java_bin" -cp "$classes" io.acbench.testing.kafka.LocalKafkaBrokerCli "$cmd" --dir "$dir" ;;
  *) echo "usage: $0 start [PORT] | stop | status" >&2; exit 2 ;;
esac
