"""Runs the escalation scenario on PostgreSQL: Duban with 1, 2 and 4 tickers
(each cron tick run by that many `duban tick` processes at once) and the raw
libpq floor, each on a fresh database of the server at --url. Prints the
table and writes benchmarks/results/{postgres.json,postgres.md}.
Called by benchmarks/run.sh, which starts a throwaway cluster."""
import argparse, json, os, platform, subprocess, sys
from datetime import datetime
from report import RESULTS, in_rounds, schedule, epochs


def fresh(url, name):
    """An empty database `name` on the server; its URL."""
    for sql in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", "-q", "-d", url, "-c", sql], check=True, capture_output=True)
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True, help="the server's maintenance database, postgres://USER@HOST:PORT/postgres")
    ap.add_argument("--sizes", default="100000")
    ap.add_argument("--tickers", default="1,2,4")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each engine, in rounds (the median is kept)")
    ap.add_argument("--bin", default=".build/release", help="where duban and DubanBench were built")
    args = ap.parse_args()
    dues, ticks = schedule()
    db = fresh(args.url, "duban_bench")
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        print(f"N = {n:,}", file=sys.stderr)
        commands = [[f"{args.bin}/DubanBench", "escalation", "--duban", f"{args.bin}/duban", "--instances", str(n),
                     "--db", db, "--tickers", k] for k in args.tickers.split(",")]
        commands.append([".build-bench/raw_pq_floor", db, str(n), epochs(dues), epochs(ticks)])
        first = len(rows)
        rows += in_rounds(commands, args.repeat, before=lambda: fresh(args.url, "duban_bench"))
        for r in rows[first:]:
            print("  " + json.dumps(r), file=sys.stderr)
    fresh(args.url, "duban_bench")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"
    lines = [f"Measured {datetime.now().strftime('%Y-%m-%d')} on {machine}, PostgreSQL on the same machine "
             "(fsync on, synchronous_commit off).", "",
             "| engine | N | starts/s | transitions | transitions/s | of raw libpq | tick p50 ms | tick p99 ms | idle tick ms | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        floor = next((f["transitions_per_s"] for f in rows if f["engine"] == "raw-libpq" and f["n"] == r["n"]), None)
        share = f"{r['transitions_per_s'] / floor:.0%}" if floor else "–"
        lines.append(f"| {r['engine']} | {r['n']:,} | {r['start_per_s']:,} | {r['transitions']:,} | {r['transitions_per_s']:,} | {share} | "
                     f"{r['tick_p50_ms']} | {r['tick_p99_ms']} | {r['idle_tick_ms']} | {r['peak_rss_mb']} |")
    lines += ["", "duban-pg-K: each of the 90 cron ticks runs K `duban tick` processes at once on one database; transitions/s is "
              "net of each busy tick's fixed process start (an idle tick's time), as for SQLite. raw-libpq is one process doing "
              "the same row writes per transition in pipeline mode, 2,000 to a transaction.",
              "", f"Each engine ran {args.repeat} times, in rounds (one run of each, then the next round), each on a fresh "
              "database; the median run is shown. Every run's transitions/s, slowest first:", ""]
    lines += [f"- {r['engine']}, N = {r['n']:,}: {', '.join(f'{x:,}' for x in r.get('runs_per_s', [r['transitions_per_s']]))}"
              for r in rows]
    os.makedirs(RESULTS, exist_ok=True)
    json.dump({"machine": machine, "rows": rows}, open(os.path.join(RESULTS, "postgres.json"), "w"), indent=1)
    open(os.path.join(RESULTS, "postgres.md"), "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
