#!/usr/bin/env bash
# Runs the whole platform on one machine without containers: the Kafka broker and every
# service as a packaged Quarkus app in the background. Logs and pids in deploy/local/run/.
#   deploy/local/stack.sh start    # builds first if a service is not packaged
#   deploy/local/stack.sh stop
#   deploy/local/stack.sh status
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
run="$root/deploy/local/run"
services=(inference-server compressor-service task-runner-service metrics-service gateway)
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && [ -z "${JAVA_HOME:-}" ] && java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

# Options that make the services work together on one machine: one model repository shared by
# the compressor (writer) and the inference-server (reader), registration over gRPC on 8001.
service_opts() {
  case "$1" in
    inference-server) echo "-Dacbench.inference.model-repository=$run/model-repository" ;;
    compressor-service) echo "-Dacbench.compressor.model-repository=$run/model-repository \
      -Dacbench.compressor.artifact-dir=$run/artifacts -Dacbench.compressor.inference-endpoint=localhost:8001" ;;
    task-runner-service) echo "-Dacbench.task-runner.state-dir=$run/task-runner" ;;
    metrics-service) echo "-Dquarkus.datasource.h2.jdbc.url=jdbc:h2:file:$run/metrics/results;DB_CLOSE_ON_EXIT=FALSE" ;;
    *) echo "" ;;
  esac
}

start() {
  for s in "${services[@]}"; do
    if [ ! -f "$root/$s/target/quarkus-app/quarkus-run.jar" ]; then
      echo "packaging the services first..."
      "$root/mvnw" -q -B -DskipTests package
      break
    fi
  done
  "$root/deploy/local/kafka.sh" start
  mkdir -p "$run/model-repository"
  for s in "${services[@]}"; do
    if [ -f "$run/$s.pid" ] && kill -0 "$(cat "$run/$s.pid")" 2>/dev/null; then
      echo "$s already running"; continue
    fi
    # shellcheck disable=SC2046
    # `cd` on its own line: with `cd && java &` the background job would be a subshell and the
    # recorded pid not the service's.
    (cd "$root/$s" || exit 1
    nohup "$java_bin" --add-modules=jdk.incubator.vector \
      --enable-native-access=ALL-UNNAMED $(service_opts "$s") -jar target/quarkus-app/quarkus-run.jar \
      >"$run/$s.log" 2>&1 & echo $! >"$run/$s.pid")
    echo "$s started (log: deploy/local/run/$s.log)"
  done
  echo "gateway: http://localhost:8080/q/swagger-ui  (status: $0 status)"
}

stop() {
  for s in "${services[@]}"; do
    if [ -f "$run/$s.pid" ]; then
      kill "$(cat "$run/$s.pid")" 2>/dev/null || true
      rm -f "$run/$s.pid"
      echo "$s stopped"
    fi
  done
  "$root/deploy/local/kafka.sh" stop
}

status() {
  "$root/deploy/local/kafka.sh" status || true
  for s in "${services[@]}"; do
    if [ -f "$run/$s.pid" ] && kill -0 "$(cat "$run/$s.pid")" 2>/dev/null; then
      echo "$s: running (pid $(cat "$run/$s.pid"))"
    else
      echo "$s: stopped"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start | stop | status" >&2; exit 2 ;;
esac
