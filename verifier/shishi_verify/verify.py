"""The official's recount (docs/tally.md §1 check 18 and §5): recount the folder, compare with
`result.json` field by field, check the signatures on it, and give the verdict."""

import os

from .count import NAMES, CannotCount, PreviousRound, Vote, check_previous, outcome, tally
from .folder import read_trackers
from .formats import Envelope, FormatError
from .public_copy import expected_result, is_public_copy

VERDICTS = {"verified": 0, "checks-failed": 1, "changed": 2, "pending-signature": 3, "partial": 4}


class Unreadable(Exception):
    """The folder cannot be verified as it stands (exit 1): not a vote folder, no result yet, or
    the previous round missing."""


class Report:
    """What a verification found: the checks, the scrutineers who signed, the differences and
    the verdict."""

    def __init__(self, vote, checks, signers, differences, invalid_signature, recount=None, needs_full_folder=None):
        self.vote, self.checks, self.signers = vote, checks, signers
        self.differences, self.invalid_signature, self.recount = differences, invalid_signature, recount
        # On a public copy: the published outcomes of the checks that need the ballots (6 to 15).
        self.needs_full_folder = needs_full_folder

    @property
    def public_copy(self):
        return self.needs_full_folder is not None

    @property
    def verdict(self):
        if self.differences or self.invalid_signature:
            return "changed"
        if self.public_copy:
            return "partial"
        if not all(check["passed"] for check in self.checks if check["number"] != 18):
            return "checks-failed"
        if not self.signers:
            return "pending-signature"
        return "verified" if all(check["passed"] for check in self.checks) else "changed"

    @property
    def exit_status(self):
        return VERDICTS[self.verdict]


def words(parts):
    """A detail in both languages from (Chinese lead, English lead, the reason as the format reader gave it)."""
    return parts[0] + parts[2], parts[1] + parts[2]


def load_previous(folder):
    """The previous round's published result (its payload), for a run-off or second round."""
    if folder is None:
        return None
    envelope = Envelope.read(os.path.join(folder, "result.json"), "--previous result.json")
    return envelope.decode("shishi/result/v1")


def verify(root, previous=None, progress=None):
    """Verifies the vote folder `root`. Raises Unreadable (exit 1); any file that no longer
    checks against the signatures and hashes that cover it is a change (exit 2)."""
    if not os.path.exists(os.path.join(root, "manifest.json")):
        raise Unreadable(f"{root} is not a vote folder: there is no manifest.json")
    try:
        vote = Vote(root)
    except (FormatError, ValueError, KeyError, IndexError) as error:
        difference = ("投票目录与其 manifest 定义的投票不符：", "the folder does not hold the vote its manifest defines: ", str(error))
        return Report(None, [outcome(18, False, detail=words(difference))], [], [difference[1] + difference[2]], False)
    result_path = os.path.join(root, "result.json")
    if not os.path.exists(result_path):
        raise Unreadable("there is no result yet (no result.json): count the vote first (shishi tally)")
    try:
        previous_result = load_previous(previous)
    except FormatError as error:
        raise Unreadable(str(error)) from None
    signers, invalid = [], False
    try:
        envelope = Envelope.read(result_path, "result.json")
        published = envelope.decode("shishi/result/v1")
        signers, valid = signatures(envelope, vote.manifest)
        invalid = not valid
        if is_public_copy(root, vote.manifest, published):
            return verify_public_copy(vote, published, previous_result, signers, invalid)
        recount, counted, _ = tally(vote, previous_result, progress)
    except PreviousRound as error:
        raise Unreadable(str(error)) from None
    except (FormatError, CannotCount, ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        difference = ("无法根据现有文件重新计票（计票之后，已签名或留存的文件被改动过）：",
                      "the files no longer allow a recount (a signed or kept file was changed after the count): ", str(error))
        return Report(vote, [outcome(18, False, detail=words(difference))], signers, [difference[1] + difference[2]], invalid)
    differences = compare(published, recount)
    try:
        listed = read_trackers(os.path.join(root, "counted-trackers.txt"), "counted-trackers.txt")
    except FormatError:
        listed = None
    if listed != counted:
        differences.append("counted-trackers.txt does not match the ballots in the box")
    problems = [("与重新计票不符：", "", d) for d in differences]
    if invalid:
        problems.append(("result.json 上有无效的签名（签名后被改动，不是公布的监票人，或同一签名出现两次）",
                         "result.json carries an invalid signature (changed after signing, not by a published scrutineer, or repeated)", ""))
    if not signers:
        problems.append(("result.json 还没有监票人签名", "result.json has no scrutineer's signature yet", ""))
    if problems:
        detail = ("；".join(p[0] + p[2] for p in problems), "; ".join(p[1] + p[2] for p in problems))
    else:
        detail = ("与重新计票完全一致；监票人签名：" + "、".join(signers), "matches the recount exactly; signed by " + ", ".join(signers))
    checks = recount["checks"] + [outcome(18, not problems, failed=len(problems), detail=detail)]
    return Report(vote, checks, signers, differences, invalid, recount)


def verify_public_copy(vote, published, previous, signers, invalid):
    """A public copy: checks 1-5, 16, 17 and 19 on its files, the result held to what they give
    (docs/tally.md §5), and the checks that need the ballots listed as published."""
    check_previous(vote.manifest, previous)
    expected, rechecked, problems = expected_result(vote, published, previous)
    differences = compare(published, expected) + problems
    failures = list(differences)
    if invalid:
        failures.append("result.json carries an invalid signature (changed after signing, not by a published scrutineer, or repeated)")
    if not signers:
        failures.append("result.json has no scrutineer's signature yet")
    detail = ("；".join(failures), "; ".join(failures)) if failures else \
        ("公开副本前后一致；监票人签名：" + "、".join(signers), "the public copy agrees with itself; signed by " + ", ".join(signers))
    checks = rechecked + [outcome(18, not failures, failed=len(failures), detail=detail)]
    withheld = [c for c in published.get("checks", []) if 6 <= c.get("number", 0) <= 15]
    return Report(vote, checks, signers, differences, invalid, None, withheld)


def signatures(envelope, manifest):
    """The published scrutineers who signed the result, and whether every signature is a valid
    one by a published scrutineer, each made once."""
    names, seen, valid = [], set(), True
    scrutineers = manifest.officials_in("scrutineer")
    for suite, fingerprint, sig in envelope.signatures:
        match = next((name for name, key in scrutineers
                      if key.fingerprint == fingerprint and key.suite == suite and key.verify(sig, envelope.signed_bytes)), None)
        if match is None or fingerprint in seen:
            valid = False
            continue
        seen.add(fingerprint)
        names.append(match)
    return names, valid


def without_wording(result):
    """The result less what is presentation: check details, review reasons, the time of the count."""
    out = dict(result)
    out.pop("countedAt", None)
    out["checks"] = [{k: v for k, v in check.items() if k != "detail"} for check in result.get("checks", [])]
    out["review"] = [{k: v for k, v in item.items() if k != "reason"} for item in result.get("review", [])]
    return out


def compare(published, recount):
    """What differs between the published result and the recount, in words, field by field."""
    a, b = without_wording(published), without_wording(recount)
    out = []
    for name in sorted(set(a) | set(b)):
        if a.get(name) == b.get(name):
            continue
        if name == "candidates" and isinstance(a.get(name), list) and len(a[name]) == len(b[name]):
            for p, r in zip(a[name], b[name]):
                for field in sorted(set(p) | set(r)):
                    if p.get(field) != r.get(field):
                        out.append(f"candidate {r['id']}: “{field}” published {p.get(field)}, recounted {r.get(field)}")
        elif name == "checks" and isinstance(a.get(name), list):
            for p, r in zip(a[name], b[name]):
                for field in sorted(set(p) | set(r)):
                    if p.get(field) != r.get(field):
                        out.append(f"check {r['number']} ({r['name']}): “{field}” published {p.get(field)}, recounted {r.get(field)}")
            if len(a[name]) != len(b[name]):
                out.append(f"{len(a[name])} checks published, {len(b[name])} in the recount")
        elif isinstance(a.get(name), dict) and isinstance(b.get(name), dict):
            for field in sorted(set(a[name]) | set(b[name])):
                if a[name].get(field) != b[name].get(field):
                    out.append(f"“{name}.{field}” published {a[name].get(field)}, recounted {b[name].get(field)}")
        else:
            out.append(f"“{name}” differs from the recount")
    return out


__all__ = ["verify", "Report", "Unreadable", "NAMES"]
