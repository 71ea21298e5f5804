"""The two verifiers held to each other: on honest folders of every style, secrecy and suite, and
on folders changed in every kind of file, `shishi-verify` and `shishi verify` must give the same
verdict, fail the same numbered checks and report the same counts.

The folders are made by shishi's own command line (SHISHI_BIN, or the debug build beside this
repository); the test is skipped, loudly, only when no shishi binary exists at all."""

import hashlib
import json
import os
import shutil
import subprocess

import pytest

from shishi_verify.cli import main as verifier_main

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHISHI = os.environ.get("SHISHI_BIN") or os.path.join(REPO, ".build", "debug", "shishi")

pytestmark = pytest.mark.skipif(not os.path.exists(SHISHI), reason=f"no shishi binary at {SHISHI} (set SHISHI_BIN)")


def shishi(*args, cwd, check=True):
    done = subprocess.run([SHISHI, *args], cwd=cwd, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"shishi {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done


def independent(folder, *extra, capsys):
    capsys.readouterr()
    status = verifier_main([folder, "--json", *extra])
    out = capsys.readouterr().out
    return status, (json.loads(out) if out.strip() else None)


def official(folder, *extra, cwd):
    done = shishi("verify", folder, "--json", *extra, cwd=cwd, check=False)
    try:
        report = json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError:
        report = None
    return done.returncode, report, done.stderr


def agree(folder, capsys, cwd, *extra, expect=None):
    """Runs both verifiers on `folder` and asserts that they agree; gives the verdict's status."""
    ours, mine = independent(folder, *extra, capsys=capsys)
    theirs, report, stderr = official(folder, *extra, cwd=cwd)
    assert ours == theirs, f"{folder}: shishi-verify exits {ours}, shishi verify exits {theirs} ({stderr.strip()}); {mine}"
    if mine is not None and report is not None:
        # Check 18 counts the differences as each verifier words them: only its verdict is compared.
        counts = lambda checks: [(c["number"], c["passed"]) + ((c["checked"], c["failed"]) if c["number"] != 18 else ())
                                 for c in checks]
        failing = lambda checks: [c["number"] for c in checks if not c["passed"]]
        assert failing(mine["checks"]) == failing(report["checks"]), f"{folder}: failing checks differ"
        if len(mine["checks"]) > 1 and len(report["checks"]) > 1:
            assert counts(mine["checks"]) == counts(report["checks"]), f"{folder}: check counts differ"
        assert mine["verdict"] == report["verdict"]
    if expect is not None:
        assert ours == expect, f"{folder}: expected exit {expect}, both gave {ours}"
    return ours


def countersign(folder, cwd, keys=None):
    keys = keys or folder + ".private-keys"
    for name in sorted(os.listdir(os.path.join(cwd, keys))):
        if name.startswith("scrutineer") and name.endswith(".key"):
            shishi("result", "sign", folder, "--key", os.path.join(keys, name), cwd=cwd)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """Honest folders, counted and countersigned, by name."""
    root = str(tmp_path_factory.mktemp("crosscheck"))
    folders = {}
    shutil.copytree(os.path.join(REPO, "ballots", "example"), os.path.join(root, "example"))
    folders["example"] = "example"
    plans = {
        "secret-paper": ["--deputies", "40", "--present", "36", "--candidates", "8", "--seats", "5", "--paper", "10",
                         "--boxes", "2", "--over-marked", "2", "--blank", "1"],
        "recorded-sm2": ["--deputies", "24", "--present", "20", "--candidates", "6", "--seats", "3", "--secrecy",
                         "recorded", "--suite", "sm2", "--paper", "4"],
        "secret-sm2": ["--deputies", "20", "--present", "18", "--candidates", "5", "--seats", "3", "--suite", "sm2"],
        "approval": ["--deputies", "30", "--present", "28", "--candidates", "7", "--seats", "4", "--style", "approval",
                     "--paper", "5", "--over-marked", "1"],
        "rating": ["--deputies", "25", "--present", "22", "--candidates", "5", "--seats", "0", "--style", "rating",
                   "--paper", "4"],
        "bundle-valid-base": ["--deputies", "30", "--present", "27", "--candidates", "6", "--seats", "3", "--bundle",
                              "--majority-base", "valid"],
        "second-round": ["--deputies", "30", "--present", "25", "--candidates", "6", "--seats", "4", "--seed", "4"],
        "vacant": ["--deputies", "30", "--present", "25", "--candidates", "6", "--seats", "4", "--seed", "4",
                   "--shortfall", "leave-vacant", "--majority-base", "present"],
        "no-quorum": ["--deputies", "30", "--present", "20", "--candidates", "6", "--seats", "4"],
        "none-base": ["--deputies", "20", "--present", "19", "--candidates", "5", "--seats", "2", "--majority-base", "none"],
    }
    for name, plan in plans.items():
        shishi("simulate", name, *plan, cwd=root)
        shishi("tally", name, cwd=root, check=False)
        countersign(name, root)
        folders[name] = name
    # A closed box with a late ballot: one ballot kept aside while the box is closed, then put back.
    shishi("simulate", "late", "--deputies", "20", "--present", "18", "--candidates", "5", "--seats", "3", cwd=root)
    box = os.path.join(root, "late", "box")
    aside = sorted(os.listdir(box))[0]
    os.rename(os.path.join(box, aside), os.path.join(root, aside))
    shishi("box", "close", "late", "--key", "late.private-keys/secretariat.key", cwd=root)
    os.rename(os.path.join(root, aside), os.path.join(box, aside))
    shishi("tally", "late", cwd=root, check=False)
    countersign("late", root)
    folders["late"] = "late"
    # A close record naming the sign-in log as it stood after its first line (an older folder
    # closed while sign-in went on): check 19 names the deputies who signed in after it.
    shishi("simulate", "late-signin", "--deputies", "20", "--present", "18", "--candidates", "5", "--seats", "3", cwd=root)
    shishi("box", "close", "late-signin", "--key", "late-signin.private-keys/secretariat.key", cwd=root)
    rehead_close(os.path.join(root, "late-signin"), os.path.join(root, "late-signin.private-keys", "secretariat.key"))
    shishi("tally", "late-signin", cwd=root, check=False)
    countersign("late-signin", root)
    folders["late-signin"] = "late-signin"
    # Public copies (docs/ballot-format.md §12): a secret vote publishes the count only, and its
    # archive for the public holds no ballot. One with paper, a rejected ballot and a closed box.
    shishi("simulate", "counted-only", "--deputies", "30", "--present", "27", "--candidates", "6", "--seats", "3",
           "--paper", "6", "--over-marked", "1", "--blank", "1", cwd=root)
    flip(first_ballot(os.path.join(root, "counted-only")), '"payload" : "')
    shishi("box", "close", "counted-only", "--key", "counted-only.private-keys/secretariat.key", cwd=root)
    shishi("tally", "counted-only", cwd=root, check=False)
    countersign("counted-only", root)
    folders["counted-only"] = "counted-only"
    for name in ("counted-only", "secret-paper", "rating", "approval"):
        shishi("result", "archive", name, "--out", f"{name}-public.tar.gz", cwd=root)
        os.makedirs(os.path.join(root, "public", name))
        subprocess.run(["tar", "-xzf", f"{name}-public.tar.gz", "-C", os.path.join(root, "public", name)], cwd=root, check=True)
        folders["public-" + name] = os.path.join("public", name, name)
    # Pabulib imports: a budget (greedy), cumulative and scoring points, approval with max_length.
    corpus = os.path.join(REPO, "Tests", "Corpus", "pabulib")
    for name in ("greedy-city-ids", "cumulative", "scoring", "tie-at-budget-edge", "all-fit-no-max-length"):
        shishi("import", "pabulib", os.path.join(corpus, name + ".pb"), "--out", "pb-" + name, cwd=root)
        shishi("tally", "pb-" + name, cwd=root)
        folders["pb-" + name] = "pb-" + name
    return root, folders


def rehead_close(folder, key_file):
    """Signs the close record again, with the secretariat's key, naming the log's first line as its head."""
    import base64
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from shishi_verify.formats import canonical, pae
    with open(key_file) as f:
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(json.load(f)["key"]))
    path = os.path.join(folder, "close.json")
    with open(path) as f:
        envelope = json.load(f)
    record = json.loads(base64.b64decode(envelope["payload"]))
    with open(os.path.join(folder, "issuance", "log.jsonl"), "rb") as f:
        first = f.read().split(b"\n")[0]
    record["issuanceHead"] = "sha256:" + hashlib.sha256(first).hexdigest()
    payload = canonical(record)
    envelope["payload"] = base64.b64encode(payload).decode()
    envelope["signatures"][0]["sig"] = base64.b64encode(key.sign(pae(envelope["payloadType"], payload))).decode()
    with open(path, "w") as f:
        json.dump(envelope, f, indent=2, sort_keys=True)


HONEST = ["example", "secret-paper", "recorded-sm2", "secret-sm2", "approval", "rating", "bundle-valid-base",
          "second-round", "vacant", "no-quorum", "none-base", "late", "late-signin"]


@pytest.mark.parametrize("name", HONEST)
def test_both_verifiers_agree_on_an_honest_folder(work, capsys, name):
    root, folders = work
    status = agree(os.path.join(root, folders[name]), capsys, root)
    expected = {"no-quorum": 1, "late": 1, "late-signin": 1}.get(name, 0)
    assert status == expected


def test_both_verifiers_agree_on_pabulib_imports(work, capsys):
    root, folders = work
    imported = [name for name in folders if name.startswith("pb-")]
    assert len(imported) == 5, imported
    for name in imported:
        # An import names no scrutineer (docs/tally.md §6), so its result stays unsigned.
        assert agree(os.path.join(root, name), capsys, root) == 3


def test_a_second_round_is_verified_with_its_previous_round(work, capsys):
    root, _ = work
    shishi("key", "new", "--suite", "rsa-blind", "--out", "blind2", cwd=root)
    shishi("round", "next", "second-round", "--out", "round2", "--key", "second-round.private-keys/secretariat.key",
           "--registrar", "second-round/keys/registrar.pub", "--blind-key", "blind2.pub", cwd=root)
    previous = ("--previous", os.path.join(root, "second-round"))
    # Not counted yet: neither verifier has anything to verify.
    assert agree(os.path.join(root, "round2"), capsys, root, *previous) == 1
    keys = "second-round.private-keys"
    for number in range(1, 23):
        deputy = f"D{number:03d}"
        shishi("signin", "round2", "--deputy", deputy, "--registrar-key", f"{keys}/registrar.key", "--blind-key", "blind2.key",
               "--out", f"{deputy}.cred", cwd=root)
        marks = ["--yes", "1,2"] if number <= 18 else ["--yes", "4", "--no", "1"]
        shishi("ballot", "cast", "round2", "--credential", f"{deputy}.cred", *marks, cwd=root)
    shishi("issuance", "seal", "round2", "--key", f"{keys}/registrar.key", cwd=root)
    shishi("tally", "round2", *previous, cwd=root)
    for name in ("scrutineer-1.key", "scrutineer-2.key"):
        shishi("result", "sign", "round2", "--key", f"{keys}/{name}", *previous, cwd=root)
    assert agree(os.path.join(root, "round2"), capsys, root, *previous) == 0
    # Without its previous round, a later round cannot be verified (exit 1) by either.
    assert agree(os.path.join(root, "round2"), capsys, root) == 1


def flip(path, anchor=None):
    """Changes one character of the file: in the middle of `anchor`'s value when given (a
    base64 payload), else in the middle of the file; letters and digits stay letters and digits."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    start = data.find(anchor.encode()) + len(anchor) + 20 if anchor and anchor.encode() in data else len(data) // 2
    for at in range(start, len(data)):
        if chr(data[at]).isalnum():
            data[at] = ord("b") if data[at] != ord("b") else ord("c")
            break
    with open(path, "wb") as f:
        f.write(bytes(data))


CHANGES = {
    "manifest payload": lambda d: flip(os.path.join(d, "manifest.json"), '"payload" : "'),
    "roster": lambda d: flip(os.path.join(d, "roster.csv")),
    "issuance seal": lambda d: flip(os.path.join(d, "issuance.json"), '"payload" : "'),
    "issuance log": lambda d: flip(os.path.join(d, "issuance", "log.jsonl")),
    "paper batch": lambda d: flip(os.path.join(d, "paper", "box-1.json"), '"payload" : "'),
    "paper countersignature": lambda d: flip(os.path.join(d, "paper", "box-1.json"), '"sig" : "'),
    "result payload": lambda d: flip(os.path.join(d, "result.json"), '"payload" : "'),
    "result signature": lambda d: flip(os.path.join(d, "result.json"), '"sig" : "'),
    "counted trackers": lambda d: flip(os.path.join(d, "counted-trackers.txt")),
    "counted trackers in capitals": lambda d: upper(os.path.join(d, "counted-trackers.txt")),
    "a ballot's payload": lambda d: flip(first_ballot(d), '"payload" : "'),
    "a ballot's signature": lambda d: flip(first_ballot(d), '"sig" : "'),
    "a ballot removed": lambda d: os.remove(first_ballot(d)),
    "a ballot duplicated": lambda d: shutil.copy(first_ballot(d), os.path.join(d, "box", "f" * 64 + ".json")),
    "a forged ballot added": lambda d: open(os.path.join(d, "box", "e" * 64 + ".json"), "w").write(
        '{"payload":"e30=","payloadType":"shishi/ballot/v1","signatures":[]}'),
    "a paper box removed": lambda d: os.remove(os.path.join(d, "paper", "box-2.json")),
    "countersignatures removed": lambda d: rewrite_signatures(d, lambda sigs: []),
    "one countersignature removed": lambda d: rewrite_signatures(d, lambda sigs: sigs[:1]),
    "a countersignature repeated": lambda d: rewrite_signatures(d, lambda sigs: sigs + sigs[:1]),
    "result removed": lambda d: os.remove(os.path.join(d, "result.json")),
    "manifest removed": lambda d: os.remove(os.path.join(d, "manifest.json")),
}

CLOSED_CHANGES = {
    "close record": lambda d: flip(os.path.join(d, "close.json"), '"payload" : "'),
    "closed trackers": lambda d: flip(os.path.join(d, "closed-trackers.txt")),
    "closed trackers removed": lambda d: os.remove(os.path.join(d, "closed-trackers.txt")),
    # A closed box is one file, box.jsonl (docs/ballot-format.md §3): a line of it taken out.
    "a covered ballot removed": lambda d: drop_first_line(os.path.join(d, "box.jsonl")),
}


def upper(path):
    """The same trackers written in capitals: not the format's lower-case hex."""
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data.upper())


def drop_first_line(path):
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    with open(path, "wb") as f:
        f.write(b"\n".join(lines[1:]))


def first_ballot(folder):
    box = os.path.join(folder, "box")
    return os.path.join(box, sorted(os.listdir(box))[0])


def rewrite_signatures(folder, change):
    path = os.path.join(folder, "result.json")
    with open(path) as f:
        envelope = json.load(f)
    envelope["signatures"] = change(envelope["signatures"])
    with open(path, "w") as f:
        json.dump(envelope, f, indent=2, sort_keys=True)


def changed_copy(root, name, tmp_path, change):
    """A copy of the honest folder `name` with `change` made to it."""
    folder = str(tmp_path / "v")
    shutil.copytree(os.path.join(root, name), folder)
    change(folder)
    return folder


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_both_verifiers_agree_on_a_changed_folder(work, capsys, tmp_path, change):
    folder = changed_copy(work[0], "secret-paper", tmp_path, CHANGES[change])
    status = agree(folder, capsys, str(tmp_path))
    expected = {"one countersignature removed": 0, "countersignatures removed": 3, "result removed": 1,
                "manifest removed": 1}.get(change, 2)
    assert status == expected, f"{change}: exit {status}"


@pytest.mark.parametrize("change", sorted(CLOSED_CHANGES))
def test_both_verifiers_agree_on_a_changed_closed_box(work, capsys, tmp_path, change):
    folder = changed_copy(work[0], "late", tmp_path, CLOSED_CHANGES[change])
    assert agree(folder, capsys, str(tmp_path)) == 2


PUBLIC = ["counted-only", "secret-paper", "rating", "approval"]


@pytest.mark.parametrize("name", PUBLIC)
def test_both_verifiers_give_the_partial_verdict_on_a_public_copy(work, capsys, name):
    root, folders = work
    folder = os.path.join(root, folders["public-" + name])
    assert not os.path.exists(os.path.join(folder, "box")) and not os.path.exists(os.path.join(folder, "paper"))
    assert agree(folder, capsys, root) == 4
    # The full folder it came from recounts as before.
    assert agree(os.path.join(root, folders[name]), capsys, root) == (1 if name == "counted-only" else 0)


def forge_result(folder, change):
    """The result changed and re-signed by a scrutineer (as a forger holding a scrutineer's key
    would): the signatures check, and only the arithmetic can tell."""
    import base64
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from shishi_verify.formats import canonical, pae
    name = os.path.basename(folder)
    source = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(folder))), name + ".private-keys", "scrutineer-1.key")
    with open(source) as f:
        key_file = json.load(f)
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(key_file["key"]))
    path = os.path.join(folder, "result.json")
    with open(path) as f:
        envelope = json.load(f)
    result = json.loads(base64.b64decode(envelope["payload"]))
    change(result)
    payload = canonical(result)
    envelope["payload"] = base64.b64encode(payload).decode()
    signature = envelope["signatures"][0]
    envelope["signatures"] = [dict(signature, sig=base64.b64encode(key.sign(pae(envelope["payloadType"], payload))).decode())]
    with open(path, "w") as f:
        json.dump(envelope, f, indent=2, sort_keys=True)


PUBLIC_CHANGES = {
    "counted trackers": lambda d: flip(os.path.join(d, "counted-trackers.txt")),
    "a counted tracker removed": lambda d: drop_first_line(os.path.join(d, "counted-trackers.txt")),
    "issuance log": lambda d: flip(os.path.join(d, "issuance", "log.jsonl")),
    "close record": lambda d: flip(os.path.join(d, "close.json"), '"payload" : "'),
    "result payload": lambda d: flip(os.path.join(d, "result.json"), '"payload" : "'),
    "present raised, re-signed": lambda d: forge_result(d, lambda r: r["figures"].update(present=r["figures"]["present"] + 1)),
    "more yes than ballots, re-signed": lambda d: forge_result(d, lambda r: r["candidates"][0].update(yes=10_000)),
    "adopted changed, re-signed": lambda d: forge_result(d, lambda r: r["allocation"].update(adopted=r["allocation"]["adopted"][:-1] or ["1"])),
    "a rejected ballot dropped from the review, re-signed": lambda d: forge_result(
        d, lambda r: r.update(review=[i for i in r["review"] if i["status"] != "rejected"])),
}


@pytest.mark.parametrize("change", sorted(PUBLIC_CHANGES))
def test_both_verifiers_agree_on_a_changed_public_copy(work, capsys, tmp_path, change):
    root, folders = work
    folder = str(tmp_path / "public" / "x" / "counted-only")
    shutil.copytree(os.path.join(root, folders["public-counted-only"]), folder)
    shutil.copytree(os.path.join(root, "counted-only.private-keys"), str(tmp_path / "counted-only.private-keys"))
    PUBLIC_CHANGES[change](folder)
    assert agree(folder, capsys, str(tmp_path)) == 2, change


def test_a_recorded_sm2_ballot_changed_is_caught_by_both(work, capsys, tmp_path):
    folder = changed_copy(work[0], "recorded-sm2", tmp_path, lambda d: flip(first_ballot(d), '"payload" : "'))
    assert agree(folder, capsys, str(tmp_path)) == 2


def test_the_published_archive_verifies_as_the_folder(work, capsys, tmp_path):
    root, folders = work
    archive = str(tmp_path / "vote.tar.gz")
    subprocess.run(["tar", "--sort=name", "-czf", archive, "-C", root, "secret-paper"], check=True)
    status, report = independent(archive, capsys=capsys)
    assert status == 0 and report["verdict"] == "verified"
