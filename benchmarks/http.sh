#!/usr/bin/env bash
# The HTTP benchmark: duban serve under 200 clients while its ticker fires
# 100,000 timers (benchmarks/http/load.py says what it runs). Results go to
# benchmarks/results/http.json.
# Usage: bash benchmarks/http.sh [--matters 100000] [--clients 200] [--seconds 20]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"; $sudo apt-get install -y -qq wrk; }
swift build -c release --static-swift-stdlib --product duban
python3 benchmarks/http/load.py "$@"
