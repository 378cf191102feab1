#!/usr/bin/env bash
# The comparison benchmark: Duban vs SpiffWorkflow vs raw SQLite on the
# escalation scenario, with scale curves; then Duban on PostgreSQL with 1, 2
# and 4 tickers vs raw libpq, on a throwaway cluster. Results go to benchmarks/results/.
# Usage: bash benchmarks/run.sh [--sizes 1000,10000,100000,1000000] [--spiff-sizes 1000,10000] [--repeat 3]
#                               [--pg-sizes 100000] [--pg-tickers 1,2,4] [--pg-repeat 3] [--postgres-only]
set -euo pipefail
cd "$(dirname "$0")/.."
sqlite_args=(); pg_args=(); postgres_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --pg-sizes) pg_args+=(--sizes "$2"); shift 2 ;;
    --pg-tickers) pg_args+=(--tickers "$2"); shift 2 ;;
    --pg-repeat) pg_args+=(--repeat "$2"); shift 2 ;;
    --postgres-only) postgres_only=1; shift ;;
    *) sqlite_args+=("$1"); shift ;;
  esac
done
bash scripts/setup
swift build -c release --static-swift-stdlib --product duban
swift build -c release --static-swift-stdlib --product DubanBench
mkdir -p .build-bench
gcc -O2 -o .build-bench/raw_floor benchmarks/peers/raw_floor.c -lsqlite3
gcc -O2 -o .build-bench/raw_pq_floor benchmarks/peers/raw_pq_floor.c $(pkg-config --cflags --libs libpq)
if [ "$postgres_only" -eq 0 ]; then
  [ -x benchmarks/.venv/bin/python ] || python3 -m venv benchmarks/.venv
  benchmarks/.venv/bin/python -c 'import SpiffWorkflow' 2>/dev/null || benchmarks/.venv/bin/pip install --quiet SpiffWorkflow
  python3 benchmarks/report.py ${sqlite_args[@]+"${sqlite_args[@]}"}
fi
# PostgreSQL keeps its data safe here (fsync on) but, like SQLite's WAL with
# synchronous=NORMAL, does not wait for the disk at each commit.
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/duban-bench-pg.XXXXXX")
chmod 755 "$pgdir"
trap 'bash scripts/postgres stop "$pgdir/cluster"; rm -rf "$pgdir"' EXIT
url=$(DUBAN_PG_DURABLE=1 bash scripts/postgres start "$pgdir/cluster")
python3 benchmarks/postgres_report.py --url "$url" ${pg_args[@]+"${pg_args[@]}"}
