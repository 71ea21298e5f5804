#!/usr/bin/env python3
"""The public project list under load: shishi against nginx serving the same page as a file.

Issue 14's load goal. Builds the ten-year workspace of year_pages.py (100 projects, 5,000
progress reports, 100,000 hotline complaints), serves it with `shishi serve --workspace` on
loopback, saves the public list (`/`) as a static file and serves that file with nginx on
another port; then drives both with wrk (keep-alive, the same threads, connections and
duration), nginx first, then shishi, then both again, and prints the requests per second, the
ratio and the 99th-percentile latency. Goal: shishi at least 50 % of nginx's requests per second,
p99 under 50 ms. Needs Debian's `wrk` and `nginx` (apt-get install wrk nginx-light).

    python3 Benchmarks/year_load.py [--binary .build/release/shishi] [--seconds 10] [--connections 50]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import year_pages  # noqa: E402  (the same workspace as the page benchmark)

# nginx serving the files of {root}, its own state in {prefix}; {site} adds to the server block.
NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    include /etc/nginx/mime.types;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        {site}
    }}
}}
"""


def wait_for(url, process, name):
    for _ in range(200):
        if process.poll() is not None:
            sys.exit(f"{name} stopped: {process.stderr.read().strip() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(url) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            sys.exit(f"{name} answered {url} with {error.code}")
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{name} did not answer at {url}")


def wrk(url, seconds, connections, threads):
    """Requests per second and the 99th percentile in milliseconds, as wrk reports them."""
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"{url}: {errors.group(1)} responses were not 2xx:\n{out}")
    return rps, p99


def main():
    parser = argparse.ArgumentParser()
    built = [p for p in (os.path.join(year_pages.ROOT, ".build", kind, "shishi") for kind in ("release", "debug")) if os.path.exists(p)]
    parser.add_argument("--binary", default=max(built, key=os.path.getmtime) if built else "shishi")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8188)
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            sys.exit(f"{tool} is missing: apt-get install wrk nginx-light")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    with tempfile.TemporaryDirectory() as folder:
        workspace, count = year_pages.build(args.binary, folder)
        server = subprocess.Popen([args.binary, "serve", "--workspace", workspace, "--port", str(args.port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        static = None
        try:
            shishi_url = f"http://127.0.0.1:{args.port}/"
            page = wait_for(shishi_url, server, "shishi serve")
            prefix = os.path.join(folder, "nginx")
            os.makedirs(os.path.join(prefix, "site"))
            # nginx's workers drop to an unprivileged user when started as root: let them read the page.
            for path in (folder, prefix, os.path.join(prefix, "site")):
                os.chmod(path, 0o755)
            with open(os.path.join(prefix, "site", "index.html"), "wb") as f:
                f.write(page)
            with open(os.path.join(prefix, "nginx.conf"), "w") as f:
                f.write(NGINX_CONF.format(
                    workers=os.cpu_count() or 1, prefix=prefix, port=args.port + 1, root=os.path.join(prefix, "site"),
                    site='location = / { default_type "text/html; charset=utf-8"; try_files /index.html =404; }'))
            static = subprocess.Popen([nginx, "-p", prefix, "-c", os.path.join(prefix, "nginx.conf")],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            nginx_url = f"http://127.0.0.1:{args.port + 1}/"
            if wait_for(nginx_url, static, "nginx") != page:
                sys.exit("nginx does not serve the same page")
            print(f"{os.path.basename(os.path.dirname(args.binary))} build; the public list of {count} projects "
                  f"({len(page):,} bytes); wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, keep-alive, loopback")
            runs = {"nginx": [], "shishi": []}
            for _ in range(2):
                runs["nginx"].append(wrk(nginx_url, args.seconds, args.connections, args.threads))
                runs["shishi"].append(wrk(shishi_url, args.seconds, args.connections, args.threads))
            for name, results in runs.items():
                print(f"{name:7} " + "  ".join(f"{rps:9,.0f} req/s (p99 {p99:5.1f} ms)" for rps, p99 in results))
            nginx_rps = max(r for r, _ in runs["nginx"])
            shishi_rps = max(r for r, _ in runs["shishi"])
            p99 = max(p for _, p in runs["shishi"])
            ratio = shishi_rps / nginx_rps
            print(f"shishi / nginx: {ratio:.0%} of nginx's requests per second (goal ≥ 50 %: {'met' if ratio >= 0.5 else 'NOT met'}); "
                  f"shishi's p99 {p99:.1f} ms (goal < 50 ms: {'met' if p99 < 50 else 'NOT met'})")
        finally:
            server.terminate()
            server.wait()
            if static:
                static.terminate()
                static.wait()


if __name__ == "__main__":
    sys.exit(main())
