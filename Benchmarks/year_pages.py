#!/usr/bin/env python3
"""Time every page of the year's server on a workspace of ten years (issue 14's page goal).

Builds a workspace the way the office would have it after ten years: the bundled example vote
adopted, then nine more years of ten projects each, 50 progress reports a project (5,000), and
100,000 hotline complaints spread over the years; serves it with `shishi serve --workspace` on
loopback and times each page (best of 5), beside the same server handing out its style sheet (a
static file) as the baseline measured in the same run. Goal: every page under 100 ms.

    python3 Benchmarks/year_pages.py [--binary .build/release/shishi]
"""

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(shishi, folder):
    workspace = os.path.join(folder, "ws.sqlite")
    subprocess.run([shishi, "workspace", "init", workspace], check=True, capture_output=True)
    subprocess.run(
        [shishi, "projects", "adopt", "--result", os.path.join(ROOT, "ballots", "example"), "--workspace", workspace],
        check=True, capture_output=True)
    db = sqlite3.connect(workspace)
    c = db.cursor()
    vote_columns = [r[1] for r in c.execute("PRAGMA table_info(vote)")]
    vote = c.execute("SELECT * FROM vote LIMIT 1").fetchone()
    project_columns = [r[1] for r in c.execute("PRAGMA table_info(project)")]
    project = c.execute("SELECT * FROM project LIMIT 1").fetchone()
    for year in range(2017, 2026):
        row = list(vote)
        row[vote_columns.index("id")] = None
        row[vote_columns.index("voteHash")] = f"benchmark-{year}"
        row[vote_columns.index("adoptedAt")] = f"{year}-02-01T00:00:00Z"
        c.execute(f"INSERT INTO vote ({','.join(vote_columns)}) VALUES ({','.join('?' * len(vote_columns))})", row)
        vote_id = c.lastrowid
        for k in range(10):
            p = list(project)
            p[project_columns.index("id")] = None
            p[project_columns.index("voteId")] = vote_id
            p[project_columns.index("candidateId")] = f"P{k}"
            p[project_columns.index("title")] = f"{year} 年项目 {k}"
            p[project_columns.index("rank")] = k + 1
            c.execute(f"INSERT INTO project ({','.join(project_columns)}) VALUES ({','.join('?' * len(project_columns))})", p)
    projects = [r[0] for r in c.execute("SELECT id FROM project")]
    for pid in projects:
        for m in range(50):
            c.execute(
                "INSERT INTO progressReport (projectId, date, percent, spent, narrative) VALUES (?, ?, ?, ?, ?)",
                (pid, f"20{17 + m // 12:02d}-{m % 12 + 1:02d}-01", min(100, m * 2), m * 1000, "进展"))
    rng = random.Random(7)
    for i in range(100_000):
        c.execute(
            "INSERT INTO hotlineComplaint (recordId, date, category, text, projectId, source) VALUES (?, ?, ?, ?, ?, ?)",
            (f"B{i}", f"20{17 + i % 10}-{i % 12 + 1:02d}-{i % 28 + 1:02d}", rng.choice(["道路", "停车", "噪音"]), "内容",
             rng.choice(projects + [None] * 50), "12345"))
    db.commit()
    return workspace, len(projects)


def best(url, tries=5):
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    # The most recently built shishi, release or debug (an old release may predate serve --workspace).
    built = [p for p in (os.path.join(ROOT, ".build", kind, "shishi") for kind in ("release", "debug")) if os.path.exists(p)]
    default = max(built, key=os.path.getmtime) if built else "shishi"
    parser.add_argument("--binary", default=default)
    parser.add_argument("--port", type=int, default=8187)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace, count = build(args.binary, folder)
        server = subprocess.Popen([args.binary, "serve", "--workspace", workspace, "--port", str(args.port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            site = f"http://127.0.0.1:{args.port}"
            for _ in range(100):
                if server.poll() is not None:
                    sys.exit(f"{args.binary} serve stopped: {server.stderr.read().strip()}")
                try:
                    urllib.request.urlopen(site + "/static/hall.css").read()
                    break
                except OSError:
                    time.sleep(0.1)
            baseline = best(site + "/static/hall.css")
            print(f"{os.path.basename(os.path.dirname(args.binary))} build, {count} projects, 5,000 reports, 100,000 complaints")
            print(f"baseline: the style sheet (a static file) {baseline:.1f} ms")
            worst = 0.0
            for path in ["/", "/project/5", f"/project/{count}", "/project/5/code", "/report", "/report.csv", "/office"]:
                ms = best(site + path)
                worst = max(worst, ms)
                print(f"{path:22} {ms:7.1f} ms  ({ms / baseline:5.1f}× the static file)")
            print(f"slowest page {worst:.1f} ms: goal < 100 ms {'met' if worst < 100 else 'NOT met'}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
