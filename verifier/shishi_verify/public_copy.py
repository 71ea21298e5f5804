"""A public copy (docs/ballot-format.md §12, docs/tally.md §5): the folder of a vote whose manifest
publishes the count only, without any ballot. Everything that needs no ballot is checked: the
signatures, the sign-in log, the close record, the box digest against the trackers, and the
result's arithmetic under the rules; the verdict is `partial` (exit 4), or `changed` when anything
disagrees."""

import os

from .count import attendance_checks, conclude, definition_checks, outcome, return_checks
from .folder import Seal, merkle_root, paper_files, read_close, read_trackers
from .formats import FormatError


def is_public_copy(root, manifest, published):
    """Whether the folder is a public copy: the manifest publishes the count only, the result
    counts ballots, and the folder holds none (no file in `box/`, no `box.jsonl`, no paper batch)."""
    box = os.path.join(root, "box")
    box_files = [n for n in os.listdir(box) if not n.startswith(".")] if os.path.isdir(box) else []
    holds = bool(box_files) or os.path.exists(os.path.join(root, "box.jsonl")) or bool(paper_files(root))
    figures = published.get("figures", {})
    return manifest.publication == "count" and not holds and figures.get("returned", 0) + figures.get("rejected", 0) > 0


def expected_result(vote, published, previous):
    """What the public files give for each field of the published result, and the problems that
    are not a field (counts no set of valid ballots can give, trackers that do not fit the close
    record). Raises FormatError when a signed or hashed file no longer checks."""
    m = vote.manifest
    seal = Seal(vote.root, m, vote.deputies)
    closed = read_close(vote.root, m)
    trackers = read_trackers(os.path.join(vote.root, "counted-trackers.txt"), "counted-trackers.txt")
    if any(a >= b for a, b in zip(trackers, trackers[1:])):
        raise FormatError("counted-trackers.txt is not sorted, or lists a tracker twice")
    review = published.get("review", [])

    def listed(status, check=None):
        return sum(1 for item in review if item.get("status") == status and (check is None or item.get("check") == check))

    f = dict(published["figures"])
    f["deputies"], f["present"] = len(vote.deputies), seal.present
    f["issuedElectronic"], f["issuedPaper"], f["issued"] = seal.credentials, seal.paper, seal.credentials + seal.paper
    f["rejected"], f["setAside"], f["invalid"] = listed("rejected"), listed("set-aside"), listed("invalid")
    f["returnedElectronic"] = len(trackers) + f["setAside"]
    f["returned"] = f["returnedElectronic"] + f["returnedPaper"]
    f["valid"] = len(trackers) + f["returnedPaper"] - f["invalid"]

    checks = definition_checks(vote) + attendance_checks(vote, seal)
    reached = f["returnedElectronic"] + f["rejected"]
    for number in range(6, 13):
        failed = 0 if number == 12 else listed("rejected", number)
        checks.append(outcome(number, failed == 0, checked=reached, failed=failed))
        reached -= failed
    shared = listed("set-aside", 13)
    checks.append(outcome(13, shared == 0, checked=f["returnedElectronic"], failed=shared))
    problems = []
    if closed is not None:
        record, covered = closed
        head = record.get("issuanceHead")
        after = [] if head is None or head == seal.head else seal.after(head)
        if after is None:
            raise FormatError("the sign-in log's head the close record names is not in the sealed log: the log was changed after the close")
        late = listed("set-aside", 19)
        checks.append(outcome(19, late == 0 and not after, checked=f["returnedElectronic"], failed=late + len(after)))
        covered_set, counted_set = set(covered), set(trackers)
        reviewed = {bytes.fromhex(item["tracker"].split(":")[-1]) for item in review if item.get("tracker")}
        if counted_set - covered_set:
            problems.append(f"{len(counted_set - covered_set)} trackers of counted-trackers.txt are not in the close record")
        missing = covered_set - counted_set - reviewed
        if missing:
            problems.append(f"{len(missing)} ballots in the box at the close are neither counted nor on the review list")
    paper = next((c for c in published.get("checks", []) if c.get("number") == 15), None)
    boxes = len(published.get("paperBoxes", []))
    checks.append(outcome(14, True, checked=boxes))
    checks.append(outcome(15, paper["passed"] if paper else True, checked=boxes, failed=paper["failed"] if paper else 0))
    returns = return_checks(f["returnedElectronic"], seal.credentials, f["returned"], f["issued"])
    checks += returns

    totals = {}
    for c in published.get("candidates", []):
        total = {"yes": c["yes"], "no": c["no"]}
        if "points" in c:
            total["points"] = c["points"]
        if "ratings" in c:
            total["ratings"] = c["ratings"]
        totals[c["id"]] = total
    within = all(c["passed"] for c in returns) and (paper["passed"] if paper else True)
    result_outcome, base, allocation, candidates = conclude(vote, seal.present, f["valid"], within, totals)
    expected = dict(published)
    expected.update({"vote": m.vote_hash, "round": m.round, "seats": m.seats, "outcome": result_outcome, "figures": f,
                     "majorityBase": m.majority_base, "baseCount": base, "candidates": candidates, "checks": checks,
                     "adoptedEarlier": [] if previous is None else previous.get("adoptedEarlier", []) + previous.get("allocation", {}).get("adopted", []),
                     "boxDigest": merkle_root(m.hash, trackers), "countedElectronic": len(trackers), "issuanceHead": seal.head})
    expected.pop("previousRound", None)
    expected.pop("allocation", None)
    if m.previous_round is not None:
        expected["previousRound"] = m.previous_round
    if allocation is not None:
        expected["allocation"] = allocation
    problems += impossible(published, m)
    counted_hex = {t.hex() for t in trackers}
    for item in review:
        if item.get("tracker") and item["tracker"].split(":")[-1] in counted_hex:
            problems.append(f"{item['file']} is on the review list and also in counted-trackers.txt")
    rechecked = [c for c in checks if c["number"] in (1, 2, 3, 4, 5, 16, 17, 19)]
    return expected, rechecked, problems


def impossible(result, m):
    """What no set of valid ballots can give (the same bounds as docs/tally.md §5 names)."""
    out = []
    f = result["figures"]
    valid = f["valid"]
    if f["blank"] < 0 or f["blank"] > valid or f["returnedPaper"] < 0 or valid < 0:
        out.append(f"the published counts cannot come from valid ballots: {valid} valid, {f['blank']} blank")
    for c in result.get("candidates", []):
        if c["yes"] < 0 or c["no"] < 0 or c["abstain"] < 0 or c["yes"] + c["no"] > valid:
            out.append(f"the published counts cannot come from valid ballots: candidate {c['id']}")
    if m.style in ("approval", "yes-no-abstain"):
        if m.style == "approval" and any(c["no"] for c in result.get("candidates", [])):
            out.append("the published counts cannot come from valid ballots: “no” on approval ballots")
        if sum(c["yes"] for c in result.get("candidates", [])) > valid * m.yes_limit:
            out.append("the published counts cannot come from valid ballots: more yes marks than the limit allows")
    elif m.style == "points":
        rule = m.points or {}
        for c in result.get("candidates", []):
            points = c.get("points", 0)
            if points < c["yes"] or ("maxPerProject" in rule and points > c["yes"] * rule["maxPerProject"]):
                out.append(f"the published counts cannot come from valid ballots: candidate {c['id']}'s points")
        if "maxTotal" in rule and sum(c.get("points", 0) for c in result.get("candidates", [])) > valid * rule["maxTotal"]:
            out.append("the published counts cannot come from valid ballots: more points than the rule allows")
    return out
