#!/usr/bin/env bash
# Runtime benchmark (issue targets: idle tick < 50 ms at 1M instances; a tick
# of 100k due timers >= 50,000 transitions/s with peak RSS < 250 MB).
# Usage: bash benchmarks/runtime.sh [--instances N] [--due B]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup
swift build -c release --static-swift-stdlib --product duban
swift build -c release --static-swift-stdlib --product DubanBench
.build/release/DubanBench runtime --duban .build/release/duban "$@"
