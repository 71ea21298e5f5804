#!/usr/bin/env python3
"""The public site published as plain files (`shishi publish`): how long publishing takes, and
nginx serving the published pages against shishi's own server, in the same run.

Builds a city's year: the bundled example vote adopted, then projects added to it up to 30, each
with a year of monthly progress reports (360), each report with a photo of 200 kB; then times
`shishi publish --workspace` into a new folder, again with nothing changed, and again after one
new report. Then a board of --ballots ballots (default 1,000,000: `shishi simulate --bundle
--secrecy recorded`, then `shishi tally`, made once in .build/publish-bench and kept), and times
`shishi publish --vote` on it, first and again. Last, nginx serves the published site and
`shishi serve --workspace` the same workspace, and wrk drives both on the list and on a
project's page, nginx then shishi, twice. Needs Debian's wrk and nginx (apt-get install wrk
nginx-light).

    python3 Benchmarks/publish_speed.py [--binary .build/release/shishi] [--ballots 1000000] [--seconds 8]
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import year_load  # noqa: E402  (wrk and waiting for a server)
import year_pages  # noqa: E402

ROOT = year_pages.ROOT

def run(command, **kwargs):
    """Runs a command; returns its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def year(shishi, folder):
    """A workspace of 30 projects, each with 12 monthly reports and a photo on each."""
    workspace = os.path.join(folder, "year.sqlite")
    subprocess.run([shishi, "workspace", "init", workspace], check=True, capture_output=True)
    subprocess.run([shishi, "projects", "adopt", "--result", os.path.join(ROOT, "ballots", "example"), "--workspace", workspace],
                   check=True, capture_output=True)
    db = sqlite3.connect(workspace)
    c = db.cursor()
    columns = [r[1] for r in c.execute("PRAGMA table_info(project)")]
    first = c.execute("SELECT * FROM project LIMIT 1").fetchone()
    count = c.execute("SELECT COUNT(*) FROM project").fetchone()[0]
    for k in range(count, 30):
        row = list(first)
        row[columns.index("id")] = None
        row[columns.index("candidateId")] = f"B{k}"
        row[columns.index("title")] = f"民生实事项目 {k + 1}"
        row[columns.index("rank")] = k + 1
        c.execute(f"INSERT INTO project ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})", row)
    db.commit()
    projects = [r[0] for r in c.execute("SELECT id FROM project ORDER BY id")]
    db.close()
    photos = os.path.join(folder, "photos")
    os.makedirs(photos)
    for project in projects:
        for month in range(1, 13):
            photo = os.path.join(photos, f"site-{project}-{month}.jpg")
            with open(photo, "wb") as f:
                f.write(b"\xff\xd8\xff\xe0" + os.urandom(200_000))
            subprocess.run(
                [shishi, "progress", "add", "--workspace", workspace, "--project", str(project), "--date", f"2026-{month:02d}-01",
                 "--percent", str(month * 8), "--narrative", f"第 {month} 月进展", "--attach", photo],
                check=True, capture_output=True)
    return workspace, len(projects)


def size(folder):
    total = 0
    files = 0
    for base, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(base, name))
            files += 1
    return files, total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "shishi"))
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--port", type=int, default=8288)
    args = parser.parse_args()
    shishi = args.binary
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            sys.exit(f"{tool} is missing: apt-get install wrk nginx-light")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    public = "https://ms.example.gov.cn"
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        start = time.perf_counter()
        workspace, count = year(shishi, folder)
        print(f"{os.path.basename(os.path.dirname(shishi))} build; a year of {count} projects, {count * 12} reports with a 200 kB photo each "
              f"(made in {time.perf_counter() - start:.0f} s)")
        site = os.path.join(folder, "site")
        publish = [shishi, "publish", "--workspace", workspace, "--public-url", public, "--out", site]
        first = run(publish)
        files, total = size(site)
        again = run(publish)
        subprocess.run([shishi, "progress", "add", "--workspace", workspace, "--project", "1", "--date", "2026-12-15", "--percent", "100",
                        "--narrative", "竣工"], check=True, capture_output=True)
        changed = run(publish)
        print(f"publish the year: {first:.2f} s ({files} files, {total / 1e6:.1f} MB); again, unchanged: {again:.2f} s; "
              f"after one new report: {changed:.2f} s")

        # The board of a large vote, made once and kept.
        board_root = os.path.join(ROOT, ".build", "publish-bench")
        vote = os.path.join(board_root, f"b{args.ballots}")
        if not os.path.exists(os.path.join(vote, "result.json")):
            shutil.rmtree(board_root, ignore_errors=True)
            os.makedirs(board_root)
            made = run([shishi, "simulate", vote, "--deputies", str(args.ballots), "--present", str(args.ballots), "--candidates", "15",
                        "--seats", "10", "--bundle", "--secrecy", "recorded", "--seed", "3"])
            counted = run([shishi, "tally", vote])
            print(f"a vote of {args.ballots:,} ballots: simulated in {made:.0f} s, counted in {counted:.0f} s")
        board_site = os.path.join(folder, "board")
        board = run([shishi, "publish", "--vote", vote, "--out", board_site])
        files, total = size(board_site)
        board_again = run([shishi, "publish", "--vote", vote, "--out", board_site])
        print(f"publish the board of {args.ballots:,} ballots: {board:.1f} s ({files:,} files, {total / 1e6:,.0f} MB); "
              f"again, unchanged: {board_again:.1f} s")

        # nginx on the published files against shishi's own server, on the same pages.
        for path in (folder, site):
            os.chmod(path, 0o755)
        prefix = os.path.join(folder, "nginx")
        os.makedirs(prefix)
        with open(os.path.join(prefix, "nginx.conf"), "w") as f:
            f.write(year_load.NGINX_CONF.format(
                workers=os.cpu_count() or 1, prefix=prefix, port=args.port + 1, root=site, site="index index.html; charset utf-8;"))
        server = subprocess.Popen([shishi, "serve", "--workspace", workspace, "--port", str(args.port), "--public-url", public],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        static = subprocess.Popen([nginx, "-p", prefix, "-c", os.path.join(prefix, "nginx.conf")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            year_load.wait_for(f"http://127.0.0.1:{args.port}/", server, "shishi serve")
            year_load.wait_for(f"http://127.0.0.1:{args.port + 1}/", static, "nginx")
            print(f"wrk -t2 -c50 -d{args.seconds}s, keep-alive, loopback (wrk shares the cores)")
            for name, shishi_path, nginx_path in (("the list", "/", "/"), ("a project's page", "/project/1", "/project/1/")):
                runs = {"nginx": [], "shishi": []}
                for _ in range(2):
                    runs["nginx"].append(year_load.wrk(f"http://127.0.0.1:{args.port + 1}{nginx_path}", args.seconds, 50, 2))
                    runs["shishi"].append(year_load.wrk(f"http://127.0.0.1:{args.port}{shishi_path}", args.seconds, 50, 2))
                best = {key: max(r for r, _ in value) for key, value in runs.items()}
                print(f"  {name}: nginx on the published file {best['nginx']:,.0f} req/s, shishi serve {best['shishi']:,.0f} req/s "
                      f"(shishi {best['shishi'] / best['nginx']:.0%} of nginx; p99 nginx "
                      f"{max(p for _, p in runs['nginx']):.1f} ms, shishi {max(p for _, p in runs['shishi']):.1f} ms)")
        finally:
            for process in (server, static):
                process.terminate()
                process.wait()


if __name__ == "__main__":
    sys.exit(main())
