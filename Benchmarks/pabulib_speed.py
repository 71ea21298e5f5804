"""shishi against pabutools on Pabulib files, in the same run.

    python3 Benchmarks/pabulib_speed.py [FILE.pb ...]

Installs pabutools into a virtual environment (.build/pabutools-venv, made once) and builds
shishi in release mode as the Debian package does (the Swift runtime linked statically).
Without files it reads a city's own published file first,
../shared/data/pabulib/poland_wroclaw_2015_150-500.pb (131,778 voters, 257 projects, approval
with max_length 1 and a city's extra VOTES columns), then three files make_pabulib.py writes in
the other shapes cities publish (approval with max_length 5, cumulative with points, and a
plain approval file with max_length 10), each the same size. For each file it times

- pabutools: parse_pabulib, then a count (each ballot's approvals or points added up, then the
  greedy budget rule), in one Python process;
- shishi: `shishi import pabulib` (which counts once to compare with the file's selected
  column), then `shishi tally` on the folder, each a process of its own;

and prints both times, their ratio (the goal: shishi at least 20 times faster) and shishi's peak
memory (the goal: under 150 MB). Each side runs three times, the two sides in turn; the best run
of each counts.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".build", "pabutools-venv")

COUNT = r"""
import sys
from pabutools.election import parse_pabulib
instance, profile = parse_pabulib(sys.argv[1])
score = {}
for ballot in profile:
    items = ballot.items() if hasattr(ballot, "items") else ((project, 1) for project in ballot)
    for project, points in items:
        score[project] = score.get(project, 0) + points
left = instance.budget_limit
selected = []
for project in sorted(instance, key=lambda p: -score.get(p, 0)):
    if project.cost <= left:
        selected.append(project)
        left -= project.cost
print(len(selected))
"""


def run(command: list[str]) -> tuple[float, int]:
    """Runs a command; returns its wall time in seconds and its peak memory in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


REAL = os.path.join(os.path.dirname(ROOT), "shared", "data", "pabulib", "poland_wroclaw_2015_150-500.pb")


def compare(path: str, shishi: str, script: str, work: str) -> float:
    """Times both sides on one file; prints and returns the ratio."""
    print(f"file: {path} ({os.path.getsize(path) / 1e6:.1f} MB)")
    # The two sides take turns, so that a machine that slows down or speeds up during the run
    # (a shared virtual machine does) weighs on both alike.
    pabutools_runs = []
    runs = []
    for attempt in range(3):
        pabutools_runs.append(run([os.path.join(VENV, "bin", "python"), script, path])[0])
        folder = os.path.join(work, f"vote-{attempt}")
        imported, import_peak = run([shishi, "import", "pabulib", path, "--out", folder])
        counted, tally_peak = run([shishi, "tally", folder])
        runs.append((imported + counted, imported, counted, max(import_peak, tally_peak)))
        shutil.rmtree(folder)
        shutil.rmtree(folder + ".private-keys")
    pabutools = min(pabutools_runs)
    total, imported, counted, peak = min(runs)
    ratio = pabutools / total
    print(f"  pabutools parse_pabulib + count: {pabutools:.2f} s")
    print(f"  shishi import + tally:           {total:.2f} s ({imported:.2f} s + {counted:.2f} s), peak {peak} MB")
    print(f"  ratio: shishi is {ratio:.1f} times as fast (goal: 20); peak memory {peak} MB (goal: under 150)")
    return ratio


def main() -> None:
    if not os.path.exists(os.path.join(VENV, "bin", "python")):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([os.path.join(VENV, "bin", "pip"), "install", "-q", "pabutools"], check=True)
    work = tempfile.mkdtemp(prefix="shishi-pabulib-")
    files = sys.argv[1:]
    if not files:
        files = [REAL] if os.path.exists(REAL) else []
        for shape in ["approval5", "cumulative", "approval10"]:
            path = os.path.join(work, f"generated-{shape}.pb")
            subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "make_pabulib.py"), path, "131778", "257", shape], check=True)
            files.append(path)
    # The binary as the Debian package ships it (scripts/package-deb.sh): release, the Swift
    # runtime linked statically, which also starts and runs the import and the count in about
    # two thirds of the time the dynamically linked build needs.
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "shishi"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    shishi = os.path.join(ROOT, ".build", "release", "shishi")
    script = os.path.join(work, "count.py")
    with open(script, "w", encoding="utf-8") as file:
        file.write(COUNT)
    ratios = [(path, compare(path, shishi, script, work)) for path in files]
    print("summary:")
    for path, ratio in ratios:
        print(f"  {ratio:5.1f}x  {os.path.basename(path)}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
