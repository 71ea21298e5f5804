#!/usr/bin/env python3
"""How fast the independent verifier (verifier/, shishi-verify) checks a large vote, against what
its own signature library allows, and beside `shishi verify` on the same folder.

    python3 Benchmarks/verifier_speed.py [--ballots 100000] [--dir /tmp/shishi-verifier-bench] [--shishi PATH]

Makes (once, then reuses) a recorded vote of N deputies all present and voting electronically,
kept in one box.jsonl, counted and countersigned. Then, in one run:

- the baseline: `cryptography`'s Ed25519 verification alone, on all cores (one process a core),
  over signatures of the same size as the ballots' (each key loaded from its bytes, as a ballot's);
- shishi-verify on the folder (best of two runs), ballots per second, as a ratio of the baseline
  (goal: at least 50 %);
- shishi verify on the same folder (best of two), for comparison;
- then both on a vote as a city published it (../shared/data's Pabulib file, when it is there):
  their times and whether they agree.
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shishi_binary(given):
    for path in (given, os.path.join(REPO, ".build", "release", "shishi"), os.path.join(REPO, ".build", "debug", "shishi")):
        if path and os.path.exists(path):
            return path
    sys.exit("no shishi binary: build it (swift build -c release --product shishi) or give --shishi")


def make_vote(shishi, folder, ballots):
    if os.path.exists(os.path.join(folder, "result.json")):
        return
    parent, name = os.path.split(os.path.abspath(folder))
    os.makedirs(parent, exist_ok=True)
    print(f"making a recorded vote of {ballots:,} ballots in {folder} …", file=sys.stderr)
    run = lambda *args: subprocess.run([shishi, *args], cwd=parent, check=True, stdout=subprocess.DEVNULL)
    run("simulate", name, "--secrecy", "recorded", "--deputies", str(ballots), "--present", str(ballots), "--candidates", "15",
        "--seats", "10", "--bundle")
    run("tally", name)
    run("result", "sign", name, "--key", os.path.join(name + ".private-keys", "scrutineer-1.key"))


def _verify_chunk(items):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    ok = 0
    for key, signature, message in items:
        try:
            Ed25519PublicKey.from_public_bytes(key).verify(signature, message)
            ok += 1
        except Exception:
            pass
    return ok


def baseline(count):
    """Ed25519 verifications a second with `cryptography` on all cores."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization
    signers = [Ed25519PrivateKey.generate() for _ in range(64)]
    items = []
    for index in range(count):
        signer = signers[index % len(signers)]
        message = b"DSSEv1 16 shishi/ballot/v1 212 " + os.urandom(212)
        raw = signer.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        items.append((raw, signer.sign(message), message))
    processes = os.cpu_count() or 1
    chunks = [items[i:i + 2000] for i in range(0, len(items), 2000)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pool.map(_verify_chunk, chunks[:processes])  # warm the workers
        start = time.perf_counter()
        verified = sum(pool.map(_verify_chunk, chunks))
        elapsed = time.perf_counter() - start
    assert verified == count
    return count / elapsed


def timed(command, cwd, runs=2, ok=(0,)):
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if done.returncode not in ok:
            sys.exit(f"{' '.join(command)} exited {done.returncode}")
        best = elapsed if best is None else min(best, elapsed)
    return best


REAL = os.path.join(REPO, "..", "shared", "data", "pabulib", "poland_wroclaw_2015_150-500.pb")


def real_file(shishi, pabulib, folder):
    """Both verifiers on a vote as a city published it (a Pabulib file imported and counted):
    their times, and whether they agree. Its ballots carry no signatures (the file is one signed
    batch), so this measures reading and counting, not signature checks."""
    if not os.path.exists(os.path.join(folder, "result.json")):
        parent, name = os.path.split(os.path.abspath(folder))
        os.makedirs(parent, exist_ok=True)
        subprocess.run([shishi, "import", "pabulib", pabulib, "--out", name], cwd=parent, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([shishi, "tally", name], cwd=parent, check=True, stdout=subprocess.DEVNULL)
    verdicts = []
    for command, cwd in (([sys.executable, "-m", "shishi_verify", folder, "--json"], os.path.join(REPO, "verifier")),
                         ([shishi, "verify", folder, "--json"], REPO)):
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        report = json.loads(done.stdout)
        verdicts.append((done.returncode, report["verdict"], [(c["number"], c["passed"], c["checked"], c["failed"]) for c in report["checks"]]))
    ours = timed([sys.executable, "-m", "shishi_verify", folder, "--json"], os.path.join(REPO, "verifier"), ok=(0, 3))
    theirs = timed([shishi, "verify", folder, "--json"], REPO, ok=(0, 3))
    print(f"real data: {os.path.basename(pabulib)}: shishi-verify {ours:.2f} s, shishi verify {theirs:.2f} s; "
          f"{'they agree' if verdicts[0] == verdicts[1] else 'THEY DISAGREE'} ({verdicts[0][1]})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--dir", default="/tmp/shishi-verifier-bench/vote")
    parser.add_argument("--shishi")
    parser.add_argument("--real", default=REAL, help="a Pabulib file as a city published it (default: ../shared/data's Wrocław 2015)")
    args = parser.parse_args()
    shishi = shishi_binary(args.shishi)
    make_vote(shishi, args.dir, args.ballots)
    bound = baseline(min(args.ballots, 50_000))
    ours = timed([sys.executable, "-m", "shishi_verify", args.dir, "--json"], os.path.join(REPO, "verifier"))
    theirs = timed([shishi, "verify", args.dir, "--json"], REPO)
    rate, their_rate = args.ballots / ours, args.ballots / theirs
    print(f"cores: {os.cpu_count()}; ballots: {args.ballots:,} (recorded, Ed25519, one box.jsonl)")
    print(f"cryptography Ed25519 verification alone, all cores: {bound:,.0f}/s")
    print(f"shishi-verify: {ours:.2f} s, {rate:,.0f} ballots/s = {rate / bound:.0%} of that (goal: 50%)")
    print(f"shishi verify ({os.path.relpath(shishi, REPO)}): {theirs:.2f} s, {their_rate:,.0f} ballots/s "
          f"({their_rate / rate:.1f} times shishi-verify's rate)")
    if os.path.exists(args.real):
        real_file(shishi, args.real, os.path.join(os.path.dirname(args.dir), "real"))


if __name__ == "__main__":
    main()
