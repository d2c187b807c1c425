#!/usr/bin/env bash
# Regenerates docs/report-tiny-e2e.html and .png from a real end-to-end evaluation of the tiny
# fixture: runs system-tests' TinyModelEvaluationTest (the five packaged services on a real broker;
# it saves the metrics-service's /report.html of its first evaluation), then screenshots the page
# with headless Chromium (Debian package `chromium`). Usage: docs/render-e2e-report.sh [--no-test]
set -euo pipefail
cd "$(dirname "$0")/.."
report=system-tests/target/tiny-evaluation/report/report.html
if [ "${1:-}" != "--no-test" ]; then
  ./mvnw -B -ntp -pl system-tests -am verify -Dtest=TinyModelEvaluationTest \
    -Dsurefire.failIfNoSpecifiedTests=false
fi
[ -f "$report" ] || { echo "no report at $report (run without --no-test)" >&2; exit 1; }
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)" >&2; exit 1; }
cp "$report" docs/report-tiny-e2e.html
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2900 \
  --screenshot="$PWD/docs/report-tiny-e2e.png" "file://$PWD/docs/report-tiny-e2e.html" 2>/dev/null
echo "wrote docs/report-tiny-e2e.html and docs/report-tiny-e2e.png"
