"""The count of docs/tally.md §1-§3: the numbered checks over the files, the rules, and the result
as `result.json` holds it (less the wording, which is presentation)."""

import itertools
import multiprocessing
import os

from .folder import (Manifest, Seal, box_items, check_ballot, check_candidate_list, merkle_root, paper_files,
                     read_batch, read_close, read_roster)
from .formats import FormatError, amount_text

NAMES = {1: "manifest", 2: "roster", 3: "registrar-key", 4: "issuance", 5: "quorum", 6: "ballot-format",
         7: "ballot-version", 8: "ballot-vote", 9: "credential", 10: "ballot-signature", 11: "candidates",
         12: "yes-limit", 13: "credential-once", 14: "paper-signatures", 15: "paper-counts",
         16: "electronic-returned", 17: "returned-within-issued", 18: "result", 19: "box-close"}


class PreviousRound(Exception):
    """The previous round's result is missing, or is not the one the manifest names."""


class CannotCount(Exception):
    """The folder cannot be counted: `check` names the numbered check that stops it."""

    def __init__(self, check, reason):
        super().__init__(f"check {check} ({NAMES[check]}): {reason}")
        self.check = check


def outcome(number, passed, checked=1, failed=None, detail=("", "")):
    return {"number": number, "name": NAMES[number], "passed": passed, "checked": checked,
            "failed": (0 if passed else 1) if failed is None else failed, "detail": {"zh": detail[0], "en": detail[1]}}


def exceeds(count, fraction, total):
    """Whether `count` is more than `fraction` of `total`, in exact integers."""
    numerator, denominator = fraction
    return count * denominator > numerator * total


class Vote:
    """An opened vote folder: the manifest checked (check 1), the roster (check 2) and the
    candidate list; a failure here means the folder does not hold the vote it claims."""

    def __init__(self, root):
        self.root = root
        self.manifest = Manifest(root)
        self.deputies = read_roster(root, self.manifest)
        check_candidate_list(root, self.manifest)


def tally(vote, previous=None, progress=None):
    """Recounts `vote`; `previous` is the previous round's published result payload. Gives the
    result (as a dict in the shape of `result.json`'s payload) and the sorted counted trackers."""
    m = vote.manifest
    check_previous(m, previous)
    checks = definition_checks(vote)
    ballots = checked_ballots(vote)  # on the other cores while the log is checked here
    try:
        seal = Seal(vote.root, m, vote.deputies)
    except FormatError as error:
        raise CannotCount(4, str(error)) from None
    checks += attendance_checks(vote, seal)

    ids = m.ids
    counts = {mark: dict.fromkeys(ids, 0) for mark in ("yes", "no", "satisfied", "basically-satisfied", "unsatisfied")}
    points, supporters = dict.fromkeys(ids, 0), dict.fromkeys(ids, 0)
    figures = {"valid": 0, "invalid": 0, "blank": 0}

    def add(marks, sign=1):
        for candidate, mark in marks.items():
            counts[mark][candidate] += sign
        figures["valid"] += sign
        figures["blank"] += sign if not marks else 0

    # Electronic ballots: checks 6-12 ballot by ballot, then 13 and 19 over the box.
    first_failure, review, authentic, seen, rejected = {}, [], [], 0, 0
    for name, verdict in ballots:
        seen += 1
        if verdict.check is not None:
            first_failure[verdict.check] = first_failure.get(verdict.check, 0) + 1
        if verdict.status == "rejected":
            rejected += 1
            review.append({"status": "rejected", "file": name, "tracker": verdict.tracker, "check": verdict.check,
                           "reason": verdict.reason})
            continue
        if verdict.status == "valid":
            add(verdict.marks)
        else:
            figures["invalid"] += 1
            review.append({"status": "invalid", "file": name, "tracker": verdict.tracker, "check": 12, "reason": verdict.reason})
        authentic.append((verdict.credential, verdict.tracker, name, verdict))
        if progress:
            progress(seen)
    uses = {}
    for credential, _, _, _ in authentic:
        uses[credential] = uses.get(credential, 0) + 1
    try:
        closed = read_close(vote.root, m)
    except FormatError as error:
        raise CannotCount(19, str(error)) from None
    if closed is not None:
        present = {t for _, t, _, _ in authentic} | {item["tracker"] for item in review if item["tracker"]}
        missing = sum(1 for t in closed[1] if t not in present)
        if missing:
            raise CannotCount(19, f"{missing} ballots that were in the box at the close are no longer there")
        covered = set(closed[1])
    counted, shared, late = [], 0, 0
    for credential, tracker, name, verdict in authentic:
        if uses[credential] > 1:
            reason, check = f"one credential cast {uses[credential]} ballots", 13
            shared += 1
        elif closed is not None and tracker not in covered:
            reason, check = "arrived after the box was closed", 19
            late += 1
        else:
            counted.append(tracker)
            continue
        if verdict.status == "valid":
            add(verdict.marks, -1)
        else:
            figures["invalid"] -= 1
        review = [item for item in review if item["file"] != name]
        review.append({"status": "set-aside", "file": name, "tracker": tracker, "check": check, "reason": reason})
    review.sort(key=lambda item: item["file"].encode("utf-8"))
    reached = seen
    for number in range(6, 13):
        failed = first_failure.get(number, 0)
        checks.append(outcome(number, True if number == 12 else failed == 0, checked=reached,
                              failed=0 if number == 12 else failed, detail=(f"{failed} 张未通过", f"{failed} fail")))
        reached -= failed
    checks.append(outcome(13, shared == 0, checked=len(authentic), failed=shared, detail=(f"{shared} 张选票共用凭证", f"{shared} share a credential")))
    if closed is not None:
        # Sign-ins after the log's head the close record names: handed out once voting had ended.
        head = closed[0].get("issuanceHead")
        after = [] if head is None or head == seal.head else seal.after(head)
        if after is None:
            raise CannotCount(19, "the sign-in log's head the close record names is not in the sealed log: the log was changed after the close")
        named = ", ".join(after)
        detail = (f"封箱后到达 {late} 张" + (f"；封箱后仍有 {len(after)} 人签到：{named}" if after else ""),
                  f"{late} arrived after the close" + (f"; {len(after)} signed in after the close: {named}" if after else ""))
        checks.append(outcome(19, late == 0 and not after, checked=len(authentic), failed=late + len(after), detail=detail))

    # Paper batches: checks 14 and 15.
    names = paper_files(vote.root)
    issued_paper = taken_out = 0
    over, digests = [], []
    for name in names:
        try:
            batch, ballots, payload_hash = read_batch(vote.root, name, m)
        except (FormatError, ValueError) as error:
            raise CannotCount(14, str(error)) from None
        digests.append({"box": batch["box"], "hash": payload_hash})
        issued_paper += batch["issued"]
        taken_out += batch["takenOut"]
        if batch["takenOut"] > batch["issued"]:
            over.append(batch["box"])
        for serial, marks in ballots:
            if paper_valid(m, marks):
                if m.style == "points":
                    for candidate, given in marks.items():
                        if given > 0:
                            points[candidate] += given
                            supporters[candidate] += 1
                    figures["valid"] += 1
                    figures["blank"] += 1 if all(v == 0 for v in marks.values()) else 0
                else:
                    # A mark the counters could not read is an abstention; the ballot is blank only when unmarked.
                    for candidate, mark in marks.items():
                        if mark != "unclear":
                            counts[mark][candidate] += 1
                    figures["valid"] += 1
                    figures["blank"] += 0 if marks else 1
            else:
                figures["invalid"] += 1
                review.append({"status": "invalid", "file": f"paper/{name}", "box": batch["box"], "serial": serial,
                               "check": 12, "reason": "over the limit"})
    checks.append(outcome(14, True, checked=len(names), detail=(f"{len(names)} 个票箱签名有效", f"{len(names)} boxes signed")))
    if issued_paper != seal.paper:
        raise CannotCount(15, f"{seal.paper} paper ballots were issued at sign-in but the boxes account for {issued_paper}")
    checks.append(outcome(15, not over, checked=len(names), failed=len(over), detail=(f"发出 {issued_paper} 张，收回 {taken_out} 张", f"{issued_paper} issued, {taken_out} taken out")))

    returned_electronic = len(authentic)
    issued, returned = seal.credentials + issued_paper, returned_electronic + taken_out
    returns = return_checks(returned_electronic, seal.credentials, returned, issued)
    checks += returns
    totals = {}
    for cid in ids:
        if m.style == "points":
            totals[cid] = {"yes": supporters[cid], "no": counts["no"][cid], "points": points[cid]}
        elif m.grading is not None and m.style == "rating":
            totals[cid] = {"yes": counts["yes"][cid], "no": counts["no"][cid],
                           "ratings": {"satisfied": counts["satisfied"][cid], "basicallySatisfied": counts["basically-satisfied"][cid],
                                       "unsatisfied": counts["unsatisfied"][cid]}}
        else:
            totals[cid] = {"yes": counts["yes"][cid], "no": counts["no"][cid]}
    result_outcome, base, allocation, candidates = conclude(
        vote, seal.present, figures["valid"], all(c["passed"] for c in returns) and not over, totals)
    counted.sort()
    earlier = [] if previous is None else previous.get("adoptedEarlier", []) + previous.get("allocation", {}).get("adopted", [])
    result = {
        "vote": m.vote_hash, "round": m.round, "seats": m.seats, "outcome": result_outcome,
        "figures": {"deputies": len(vote.deputies), "present": seal.present, "issued": issued,
                    "issuedElectronic": seal.credentials, "issuedPaper": issued_paper, "returned": returned,
                    "returnedElectronic": returned_electronic, "returnedPaper": taken_out, "valid": figures["valid"],
                    "invalid": figures["invalid"], "blank": figures["blank"], "rejected": rejected,
                    "setAside": shared + late},
        "majorityBase": m.majority_base, "baseCount": base, "candidates": candidates, "adoptedEarlier": earlier,
        "checks": checks, "boxDigest": merkle_root(m.hash, counted), "countedElectronic": len(counted),
        "paperBoxes": digests, "issuanceHead": seal.head,
        "review": [dict(item, tracker=f"{m.hash}:{item['tracker'].hex()}") if item.get("tracker") else
                   {k: v for k, v in item.items() if k != "tracker"} for item in review],
    }
    if m.previous_round is not None:
        result["previousRound"] = m.previous_round
    if allocation is not None:
        result["allocation"] = allocation
    return result, counted, seal


def check_previous(manifest, previous):
    """Refuses a later round without its previous round's result, or with another round's."""
    if (manifest.previous_round is None) != (previous is None) or (previous is not None and previous["vote"] != manifest.previous_round):
        raise PreviousRound("the previous round's result is missing or is not the one the manifest names: give its folder with --previous")


def definition_checks(vote):
    """Checks 1 to 3 on the vote as opened: the manifest, the roster, the blind-signing key."""
    m = vote.manifest
    checks = [outcome(1, True, detail=("秘书处签名有效", "secretariat signature valid")),
              outcome(2, True, detail=(f"代表 {len(vote.deputies)} 名，哈希一致", f"{len(vote.deputies)} deputies, hash matches"))]
    if m.blind is not None:
        checks.append(outcome(3, m.blind.bits >= 3072 and m.blind.fingerprint == m.blind_fingerprint,
                              detail=(f"RSA-{m.blind.bits}", f"RSA-{m.blind.bits}")))
    else:
        checks.append(outcome(3, True, detail=("不使用盲签名密钥", "no blind-signing key")))
    return checks


def attendance_checks(vote, seal):
    """Checks 4 and 5 from the sealed log: the deputies present, and the quorum."""
    return [outcome(4, True, checked=seal.present, detail=(f"出席 {seal.present} 名：电子 {seal.credentials}，纸质 {seal.paper}",
                                                             f"{seal.present} present: {seal.credentials} electronic, {seal.paper} paper")),
            outcome(5, exceeds(seal.present, vote.manifest.quorum, len(vote.deputies)),
                    detail=(f"出席 {seal.present} 名，全体 {len(vote.deputies)} 名", f"{seal.present} of {len(vote.deputies)} present"))]


def return_checks(returned_electronic, credentials, returned, issued):
    """Checks 16 and 17: no more electronic ballots than credentials, no more ballots than issued."""
    return [outcome(16, returned_electronic <= credentials, detail=(f"电子选票 {returned_electronic} 张，凭证 {credentials} 份",
                                                                    f"{returned_electronic} for {credentials} credentials")),
            outcome(17, returned <= issued, detail=(f"收回 {returned} 张，发出 {issued} 张", f"{returned} returned, {issued} issued"))]


def conclude(vote, present, valid, within_issued, totals):
    """What a round concludes from its totals (docs/tally.md §2-§3): the outcome, the majority
    base's count, the allocation and each candidate's entry. `totals` maps each candidate id to
    its `yes` (on points ballots the ballots giving it any points), `no`, and `points` or
    `ratings` where the style has them. The count applies it to the ballots; a public copy's
    check to the published totals."""
    m = vote.manifest
    quorum = exceeds(present, m.quorum, len(vote.deputies))
    result_outcome = "no-quorum" if not quorum else ("counted" if within_issued else "void")
    base = {"all": len(vote.deputies), "present": present, "valid": valid, "none": 0}[m.majority_base]
    allocation = None
    if result_outcome == "counted" and m.style != "rating":
        votes = [(c, totals[c].get("points", 0) if m.style == "points" else totals[c]["yes"]) for c in m.ids]
        allocation = allocate(votes, m.seats, m.majority_base, base, m.shortfall,
                              (m.budget, m.costs) if m.budget is not None else None)
    candidates = []
    for c in m.candidates:
        cid = c["id"]
        total = totals.get(cid, {"yes": 0, "no": 0})
        yes, no = total["yes"], total["no"]
        item = {"id": cid, "title": c["title"], "yes": yes, "no": no, "abstain": valid - yes - no}
        if "titleEn" in c:
            item["titleEn"] = c["titleEn"]
        if allocation is not None:
            item["rank"], item["status"] = allocation["rank"][cid], allocation["status"][cid]
        if m.budget is not None:
            item["cost"] = amount_text(m.costs[cid])
        if m.style == "points":
            item["abstain"], item["points"] = valid - yes, total.get("points", 0)
        if m.grading is not None and m.style == "rating":
            ratings = total.get("ratings") or {"satisfied": 0, "basicallySatisfied": 0, "unsatisfied": 0}
            item["ratings"] = ratings
            item["abstain"] = valid - sum(ratings.values())
            if result_outcome == "counted":
                item["grade"] = grade(ratings, m.grading, len(vote.deputies))
        candidates.append(item)
    return result_outcome, base, allocation, candidates


CHUNK = 2000
_worker_vote = None


def _check_chunk(items):
    keys = {}
    m, deputies = _worker_vote.manifest, _worker_vote.deputies
    return [(name, check_ballot(data, name, m, deputies, keys)) for name, data in items]


def checked_ballots(vote):
    """Every ballot's verdict, in the box's order. A large box is checked on all cores (one
    process each, as the signature checks are the cost), starting at once, so that the caller
    checks the issuance log meanwhile; the order of the answers is kept."""
    global _worker_vote
    items = box_items(vote.root)
    first = list(itertools.islice(items, CHUNK))
    processes = os.cpu_count() or 1
    if len(first) < CHUNK or processes == 1 or "fork" not in multiprocessing.get_all_start_methods():
        keys = {}
        return ((name, check_ballot(data, name, vote.manifest, vote.deputies, keys)) for name, data in itertools.chain(first, items))
    _worker_vote = vote
    pool = multiprocessing.get_context("fork").Pool(processes)
    chunks = itertools.chain([first], iter(lambda: list(itertools.islice(items, CHUNK)), []))
    answers = pool.imap(_check_chunk, chunks)

    def collected():
        try:
            for done in answers:
                yield from done
        finally:
            pool.terminate()
            pool.join()
    return collected()


def paper_valid(m, marks):
    """A paper ballot is valid within the yes limit, or on a points ballot within the points rule."""
    if m.points is not None:
        given = list(marks.values()) if m.style == "points" else []
        if any(v < 0 for v in given):
            return False
        if "maxPerProject" in m.points and any(v > m.points["maxPerProject"] for v in given):
            return False
        return "maxTotal" not in m.points or sum(given) <= m.points["maxTotal"]
    yes = sum(1 for mark in marks.values() if mark == "yes") if m.style != "points" else 0
    return m.yes_limit is None or yes <= m.yes_limit


def grade(ratings, grading, evaluators):
    """满意 when satisfied exceed the share of the base; else 基本满意 when satisfied and
    basically satisfied do; else 不满意 (docs/tally.md §2)."""
    base, numerator, denominator = grading
    total = evaluators if base == "evaluators" else sum(ratings.values())
    if exceeds(ratings["satisfied"], (numerator, denominator), total):
        return "satisfied"
    if exceeds(ratings["satisfied"] + ratings["basicallySatisfied"], (numerator, denominator), total):
        return "basically-satisfied"
    return "unsatisfied"


def allocate(votes, seats, majority_base, base_count, shortfall, budget):
    """Who is adopted (docs/tally.md §2, Passing, Adoption and Budget): `votes` lists each
    candidate's yes votes (or points) in ballot order; `budget` is (total, costs) or None."""
    needed = None if majority_base == "none" else base_count // 2 + 1
    order = {c: i for i, (c, _) in enumerate(votes)}
    ranked = sorted(votes, key=lambda cv: (-cv[1], order[cv[0]]))
    rank = {}
    for position, (c, v) in enumerate(ranked):
        rank[c] = rank[ranked[position - 1][0]] if position > 0 and ranked[position - 1][1] == v else position + 1
    passing = [cv for cv in ranked if needed is None or cv[1] >= needed]
    status = {c: "outranked" if needed is None else "not-passed" for c, _ in votes}
    for c, _ in passing:
        status[c] = "outranked"
    limit = seats if seats > 0 else float("inf")
    costs = budget[1] if budget else {}
    left = budget[0] if budget else None
    adopted, run_off, start = [], [], 0
    while start < len(passing) and len(adopted) < limit:
        end = start
        while end < len(passing) and passing[end][1] == passing[start][1]:
            end += 1
        group = [c for c, _ in passing[start:end]]
        start = end
        fitting = [c for c in group if left is None or costs.get(c, 0) <= left]
        for c in group:
            if c not in fitting:
                status[c] = "over-budget"
        total = sum(costs.get(c, 0) for c in fitting)
        if len(fitting) <= limit - len(adopted) and (left is None or total <= left):
            adopted += fitting
            left = None if left is None else left - total
        else:
            sure = adopted_in_every_order(fitting, costs, left, limit - len(adopted))
            adopted += [c for c in fitting if c in sure]
            if left is not None:
                left -= sum(costs.get(c, 0) for c in fitting if c in sure)
            run_off = [c for c in fitting if c not in sure]
            break
    if run_off:
        open_seats, vacant, next_ = (seats - len(adopted) if seats > 0 else 0), 0, "run-off"
    else:
        shortfall_seats = seats - len(adopted) if seats > 0 else 0
        could_fit = True if left is None else any(c not in adopted and costs.get(c, 0) <= left for c, _ in votes)
        if shortfall_seats == 0:
            open_seats, vacant, next_ = 0, 0, "none"
        elif shortfall == "second-round" and could_fit:
            open_seats, vacant, next_ = shortfall_seats, 0, "second-round"
        else:
            open_seats, vacant, next_ = 0, shortfall_seats, "none"
    for c in adopted:
        status[c] = "adopted"
    for c in run_off:
        status[c] = "run-off"
    out = {"adopted": adopted, "runOff": run_off, "openSeats": open_seats, "vacant": vacant, "next": next_,
           "status": status, "rank": rank}
    if needed is not None:
        out["needed"] = needed
    if budget:
        out["budget"], out["budgetUsed"] = amount_text(budget[0]), amount_text(budget[0] - left)
    return out


def adopted_in_every_order(group, costs, left, seats):
    """The members of a tied group adopted whatever the order among them: a member is kept out
    in some order when some set of the others, taken first, fits the money and the seats left
    and leaves too little money or no seat for it. Groups over 16 go to the run-off whole."""
    if len(group) > 16:
        return set()
    money = float("inf") if left is None else left
    price = [costs.get(c, 0) for c in group]
    kept_out = [False] * len(group)
    for subset in range(1 << len(group)):
        members = [i for i in range(len(group)) if subset >> i & 1]
        total = sum(price[i] for i in members)
        if total > money or len(members) > seats:
            continue
        for i in range(len(group)):
            if not subset >> i & 1 and (len(members) == seats or total > money - price[i]):
                kept_out[i] = True
    return {c for i, c in enumerate(group) if not kept_out[i]}
