"""The HTTP benchmark (benchmarks/http.sh): a site of N matters across 20
units served by a release `duban serve`; three wrk runs at once (the office
reading the board, units reading their matter pages, units signing for
their matters) while the server's ticker fires N timers. Prints one JSON
line per kind and a verdict against the targets; writes results/http.json."""
import argparse
import csv
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DUBAN = os.path.join(ROOT, ".build/release/duban")
UNITS = 20


def duban(site, *args, stdin=None):
    return subprocess.run([DUBAN, *args], cwd=site, input=stdin, capture_output=True, text=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--matters", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=200, help="connections in all: 10% board, 60% matter pages, 30% events")
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--think-ms", type=int, default=1000,
                    help="each client's pause between requests, as a person's (0: as fast as answered, a stress run)")
    ap.add_argument("--tick-every", default="3s", help="the server's ticker period (0: none, to see what the tick costs the requests)")
    ap.add_argument("--port", type=int, default=18931)
    ap.add_argument("--keep", help="build the site in this folder and keep it (for timing by hand)")
    args = ap.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="duban-http-")
    os.makedirs(folder, exist_ok=True)
    site = os.path.join(folder, "site")
    try:
        subprocess.run([DUBAN, "init", site], check=True, capture_output=True)
        units = os.path.join(site, "workflows/units.yaml")
        # The office and the bodies documents go to stay as shipped; the units are the benchmark's.
        shipped = open(units, encoding="utf-8").read()
        with open(units, "w", encoding="utf-8") as f:
            f.write(shipped[:shipped.index("\nunits:\n")] + "\nunits:\n")
            for i in range(UNITS):
                f.write(f"  - id: unit{i:02d}\n    name: 第{i + 1}责任单位\n    head: {{ name: 主任{i} }}\n    contact: {{ name: 联络员{i} }}\n")
        duban(site, "deploy")
        tokens = []
        duban(site, "user", "add", "office.admin", "--office", stdin="office-pass-2026\n")
        tokens.append(duban(site, "token", "create", "office.admin").strip())
        for i in range(UNITS):
            duban(site, "user", "add", f"contact{i:02d}", "--unit", f"unit{i:02d}", stdin=f"unit-pass-2026-{i}\n")
            tokens.append(duban(site, "token", "create", f"contact{i:02d}").strip())
        # Started 30 hours ago: each matter's sign-for reminder (a day after) is due, one timer each.
        now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
        start = (now - datetime.timedelta(hours=30)).strftime("%Y-%m-%dT%H:%M")
        deadline = (now + datetime.timedelta(days=20)).strftime("%Y-%m-%d")
        with open(os.path.join(folder, "matters.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["unit", "problem", "deadline"])
            for i in range(args.matters):
                w.writerow([f"unit{i % UNITS:02d}", f"问题{i + 1}", deadline])
        t = time.time()
        duban(site, "start", "rectification", "--inputs", os.path.join(folder, "matters.csv"), "--now", start)
        print(f"started {args.matters:,} matters in {time.time() - t:.1f} s", file=sys.stderr)
        server = subprocess.Popen([DUBAN, "serve", "--listen", f"127.0.0.1:{args.port}", "--tick-every", args.tick_every], cwd=site,
                                  stdout=open(os.path.join(folder, "serve.log"), "w"), stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.05)
        # One board and one page first, as an office opens the server in the morning: the board's first count is not the run's.
        for path, token in [("/api/v1/board", tokens[0]), ("/api/v1/matters/1", tokens[1])]:
            urllib.request.urlopen(urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})).read()
        env = dict(os.environ, TOKENS=",".join(tokens), MATTERS=str(args.matters), UNITS=str(UNITS), THINK_MS=str(args.think_ms))
        runs = []
        for kind, share in [("board", 0.1), ("matter", 0.6), ("event", 0.3)]:
            conns = max(2, int(args.clients * share))
            threads = 2
            runs.append(subprocess.Popen(["wrk", "-t", str(threads), "-c", str(conns), "-d", f"{args.seconds}s", "--timeout", "10s",
                                          "-s", os.path.join(HERE, "load.lua"), base],
                                         env=dict(env, KIND=kind, THREADS=str(threads)), stdout=subprocess.PIPE, text=True))
        results = []
        for r in runs:
            out, _ = r.communicate()
            results.append(json.loads([l for l in out.splitlines() if l.startswith("{")][-1]))
        metrics = urllib.request.urlopen(base + "/metrics").read().decode()
        fired = sum(int(float(l.split()[-1])) for l in metrics.splitlines() if l.startswith("duban_timers_fired_total"))
        hwm = 0
        for line in open(f"/proc/{server.pid}/status"):
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024
        server.terminate()
        server.wait(timeout=60)
        for r in results:
            print(json.dumps(r))
        by = {r["kind"]: r for r in results}
        verdict = {
            "matters": args.matters, "clients": args.clients, "seconds": args.seconds, "think_ms": args.think_ms,
            "timers_fired_during_run": fired,
            "server_peak_rss_mb": round(hwm, 1),
            "event_p99_ok": by["event"]["p99_ms"] < 100, "board_p99_ok": by["board"]["p99_ms"] < 200,
            "zero_errors": all(r["errors"] == 0 and r["non2xx"] == 0 for r in results), "rss_ok": hwm < 300,
            "runs": results,
        }
        print(json.dumps({k: v for k, v in verdict.items() if k != "runs"}))
        os.makedirs(os.path.join(ROOT, "benchmarks/results"), exist_ok=True)
        if args.keep:
            json.dump(tokens, open(os.path.join(folder, "tokens.json"), "w"))
        name = "http.json" if args.think_ms else "http-stress.json"
        json.dump(verdict, open(os.path.join(ROOT, "benchmarks/results", name), "w"), indent=1)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
