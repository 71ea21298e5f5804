"""Reading a vote folder as docs/ballot-format.md §3-§8 lay it out: the manifest, the roster, the
candidate list, the sealed issuance log, the ballots, the paper batches and the close record."""

import collections
import csv
import io
import os
import re

from .formats import (BLIND, Envelope, FormatError, Key, amount, b64, canonical, canonical_payload, digest, fields, pae,
                      hash_text, integer, loads, parse_hash, string)

STYLES = ("yes-no-abstain", "approval", "rating", "points")
MARKS = {"yes-no-abstain": ("yes", "no"), "approval": ("yes",),
         "rating": ("satisfied", "basically-satisfied", "unsatisfied"), "points": ()}


class Manifest:
    """`manifest.json` (§4), checked against the secretariat's key it names."""

    def __init__(self, root):
        source = "manifest.json"
        envelope = Envelope.read(os.path.join(root, source), source)
        m = envelope.decode("shishi/manifest/v1")
        fields(m, source,
               ("voteId", "title", "round", "seats", "candidates", "style", "secrecy", "suite", "hash", "rules", "roster",
                "keys", "officials", "createdAt"),
               ("session", "previousRound", "maxYes", "budget", "points", "candidateList", "paperOnly", "publication"))
        self.raw = m
        self.hash = m["hash"]
        if m["suite"] not in ("ed25519", "sm2") or self.hash != {"ed25519": "sha256", "sm2": "sm3"}[m["suite"]]:
            raise FormatError(f"{source}: the suite and its hash do not match")
        self.suite = m["suite"]
        keys = fields(m["keys"], source, ("secretariat", "registrar"), ("blind", "blindFingerprint", "blindBits"))
        self.secretariat = Key(keys["secretariat"], source, "keys.secretariat")
        self.registrar = Key(keys["registrar"], source, "keys.registrar")
        envelope.require(self.secretariat, "secretariat")
        self.vote_hash = hash_text(self.hash, envelope.payload)
        self.blind = Key(keys["blind"], source, "keys.blind") if "blind" in keys else None
        self.blind_fingerprint = keys.get("blindFingerprint")
        self.round = integer(m["round"], source, "round")
        self.previous_round = m.get("previousRound")
        self.seats = integer(m["seats"], source, "seats")
        self.style = m["style"]
        if self.style not in STYLES or m["secrecy"] not in ("secret", "recorded"):
            raise FormatError(f"{source}: unknown style or secrecy")
        self.secrecy = m["secrecy"]
        self.paper_only = m.get("paperOnly") is True
        # Who may read the marks (§4): absent in manifests made before the choice, which published every ballot.
        self.publication = m.get("publication", "ballots")
        if self.publication not in ("count", "ballots"):
            raise FormatError(f"{source}: unknown publication {self.publication!r}")
        self.max_yes = m.get("maxYes")
        self.yes_limit = None if self.style == "rating" else (self.max_yes if self.max_yes is not None else self.seats)
        self.budget = amount(m["budget"], source, "budget") if "budget" in m else None
        self.points = fields(m["points"], source, (), ("maxPerProject", "maxTotal")) if "points" in m else None
        self.candidates = []
        for c in m["candidates"]:
            fields(c, source, ("id", "title"), ("titleEn", "department", "cost", "label", "draft"))
            self.candidates.append(c)
        self.ids = [c["id"] for c in self.candidates]
        if len(set(self.ids)) != len(self.ids):
            raise FormatError(f"{source}: a candidate id appears twice")
        self.costs = {c["id"]: amount(c["cost"], source, "cost") if "cost" in c else 0 for c in self.candidates}
        rules = fields(m["rules"], source, ("majorityBase", "quorum", "tieRule", "shortfallRule"), ("grading",))
        self.majority_base = rules["majorityBase"]
        quorum = fields(rules["quorum"], source, ("numerator", "denominator"))
        self.quorum = (quorum["numerator"], quorum["denominator"])
        self.shortfall = rules["shortfallRule"]
        self.grading = None
        if "grading" in rules:
            grading = fields(rules["grading"], source, ("base", "share"))
            share = fields(grading["share"], source, ("numerator", "denominator"))
            self.grading = (grading["base"], share["numerator"], share["denominator"])
        roster = fields(m["roster"], source, ("file", "deputies", "hash"))
        self.roster_file, self.roster_hash, self.deputies = roster["file"], roster["hash"], roster["deputies"]
        self.officials = []
        for o in m["officials"]:
            fields(o, source, ("role", "name", "key"))
            self.officials.append((o["role"], o["name"], Key(o["key"], source, "officials.key")))
        self.candidate_list = m.get("candidateList")
        self.title = m["title"]

    def officials_in(self, role):
        return [(name, key) for r, name, key in self.officials if r == role]


ROSTER_COLUMNS = {"id": ("id", "编号", "代表编号"), "name": ("name", "姓名"), "group": ("group", "代表团"),
                  "public_key": ("public_key", "公钥")}


def read_roster(root, manifest):
    """`roster.csv`: its exact bytes hashed against the manifest, then each deputy's id and key."""
    source = manifest.roster_file
    try:
        with open(os.path.join(root, source), "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise FormatError(f"{source}: the file is missing") from None
    if hash_text(manifest.hash, data) != manifest.roster_hash:
        raise FormatError(f"{source} does not match the hash in manifest.json: the roster was changed after the vote was defined")
    text = data.decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [cell.strip() for cell in rows[0]]
    place = {}
    for name, aliases in ROSTER_COLUMNS.items():
        for index, cell in enumerate(header):
            if cell.lower() in aliases:
                place[name] = index
    deputies = {}
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        deputy = row[place["id"]].strip()
        if deputy in deputies:
            raise FormatError(f"{source}: the id “{deputy}” appears twice")
        key = row[place["public_key"]].strip() if "public_key" in place and place["public_key"] < len(row) else ""
        deputies[deputy] = key
    if len(deputies) != manifest.deputies:
        raise FormatError(f"{source}: {len(deputies)} deputies where manifest.json says {manifest.deputies}")
    return deputies


def check_candidate_list(root, manifest):
    """The signed candidate list the manifest names (§4), when it names one."""
    reference = manifest.candidate_list
    if reference is None:
        return
    fields(reference, "manifest.json", ("file", "hash"))
    source = reference["file"]
    envelope = Envelope.read(os.path.join(root, source), source)
    if hash_text(manifest.hash, envelope.payload) != reference["hash"]:
        raise FormatError(f"{source} does not match the hash in manifest.json: the candidate list was changed")
    envelope.require(manifest.secretariat, "secretariat")
    listed = envelope.decode("shishi/candidate-list/v1")
    if listed.get("seats") != manifest.seats or len(listed.get("candidates", [])) != len(manifest.candidates):
        raise FormatError(f"{source}: the seats or the candidates differ from manifest.json")
    for mine, theirs in zip(manifest.candidates, listed["candidates"]):
        for name in ("id", "title", "department", "cost", "draft"):
            if mine.get(name) != theirs.get(name):
                raise FormatError(f"{source}: candidate {theirs.get('id')} differs from manifest.json ({name})")


# §8 The issuance log ---------------------------------------------------------------------------

class Seal:
    """The sealed issuance log: who was present and how many credentials and paper ballots."""

    def __init__(self, root, manifest, deputies):
        source = "issuance.json"
        envelope = Envelope.read(os.path.join(root, source), source)
        if envelope.payload_type not in ("shishi/issuance/v1", "shishi/issuance/v2"):
            raise FormatError(f"{source}: unknown type “{envelope.payload_type}”")
        seal = envelope.decode(envelope.payload_type)
        version1 = envelope.payload_type == "shishi/issuance/v1"
        fields(seal, source, ("vote", "sealedAt", "deputies", "present", "credentials", "paper", "head")
               + (("entries",) if version1 else ()))
        envelope.require(manifest.registrar, "registrar")
        if seal["vote"] != manifest.vote_hash:
            raise FormatError(f"{source} belongs to another vote")
        if version1:
            lines = [(n, canonical(entry)) for n, entry in enumerate(seal["entries"], 1)]
            log = source
        else:
            log = "issuance/log.jsonl"
            lines = []
            path = os.path.join(root, log)
            if os.path.exists(path):
                with open(path, "rb") as f:
                    for n, line in enumerate(f.read().split(b"\n"), 1):
                        if line:
                            lines.append((n, line))
        previous, count, credentials, seen = manifest.vote_hash, 0, 0, set()
        self.lines = []  # (the line's hash, who signed in), in log order
        for seq, (number, line) in enumerate(lines, 1):
            where = f"{log} entry {seq}"
            entry = fields(canonical_payload(line, where), where, ("at", "deputy", "kind", "prev", "seq"))
            if entry["seq"] != seq:
                raise FormatError(f"{where}: numbered {entry['seq']}: entries are missing or reordered")
            if entry["prev"] != previous:
                raise FormatError(f"{where}: the hash chain is broken")
            kind = entry["kind"]
            if kind == "paper-roster":
                if seq != 1 or entry["deputy"] != "":
                    raise FormatError(f"{where}: a paper ballot for every deputy may only be the first entry, naming no one")
                seen = set(deputies)
                count = len(deputies)
                self.lines.append((hash_text(manifest.hash, line), kind))
            elif kind in ("credential", "paper", "recorded"):
                if entry["deputy"] not in deputies:
                    raise FormatError(f"{where}: deputy “{entry['deputy']}” is not on the roster")
                if entry["deputy"] in seen:
                    raise FormatError(f"{where}: deputy “{entry['deputy']}” received a second time")
                seen.add(entry["deputy"])
                count += 1
                credentials += kind != "paper"
                self.lines.append((hash_text(manifest.hash, line), entry["deputy"]))
            else:
                raise FormatError(f"{where}: unknown kind “{kind}”")
            previous = hash_text(manifest.hash, line)
        if (seal["head"] != previous or seal["present"] != count or seal["credentials"] != credentials
                or seal["paper"] != count - credentials or seal["deputies"] != len(deputies)):
            raise FormatError(f"the counts or chain head in {source} do not match the issuance log: it was changed after sealing")
        self.present, self.credentials, self.paper, self.head = count, credentials, count - credentials, previous
        self.vote_hash = manifest.vote_hash

    def after(self, head):
        """Who signed in after the log's line whose hash is `head` (everyone when it is the vote
        hash, an empty log's head); None when no line has that hash."""
        if head == self.vote_hash:
            return [who for _, who in self.lines]
        hashes = [line for line, _ in self.lines]
        return [who for _, who in self.lines[hashes.index(head) + 1:]] if head in hashes else None


# §6 Ballots ------------------------------------------------------------------------------------

def box_items(root):
    """Every stored ballot with its name, in the count's order: files in `box/` by name (a
    `.jsonl` file line by line), then the lines of `box.jsonl`."""
    box = os.path.join(root, "box")
    names = sorted(n for n in os.listdir(box) if not n.startswith(".") and (n.endswith(".json") or n.endswith(".jsonl"))) \
        if os.path.isdir(box) else []
    for name in names:
        with open(os.path.join(box, name), "rb") as f:
            data = f.read()
        if name.endswith(".jsonl"):
            for number, line in enumerate(data.split(b"\n"), 1):
                if line:
                    yield f"box/{name}:{number}", line
        else:
            yield f"box/{name}", data
    bundle = os.path.join(root, "box.jsonl")
    if os.path.exists(bundle):
        with open(bundle, "rb") as f:
            for number, line in enumerate(f.read().split(b"\n"), 1):
                if line:
                    yield f"box.jsonl:{number}", line


class Verdict(collections.namedtuple("Verdict", "status check reason tracker credential marks", defaults=(None, "", None, None, None))):
    """One ballot's standing: `valid`, `invalid` (over-marked) or `rejected` with the check (6-12)
    it failed; its tracker once its envelope reads; its credential and marks when authentic.
    (A tuple, so that it travels between processes cheaply.)"""


def check_ballot(data, name, manifest, deputies, keys_cache):
    """The ballot checks of §6, in order: 6 format, 7 version, 8 vote, 9 credential,
    10 signature, 11 candidates, 12 yes limit."""
    try:
        envelope = Envelope(loads(data, name), name)
    except FormatError as error:
        return Verdict("rejected", 6, str(error))
    tracker = digest(manifest.hash, envelope.signed_bytes)
    try:
        ballot = fields(envelope.decode("shishi/ballot/v1"), name, ("vote", "round", "marks"), ("credential", "voter"))
        parse_hash(ballot["vote"], name, "vote")
        integer(ballot["round"], name, "round")
        if not isinstance(ballot["marks"], dict) or not all(isinstance(v, str) for v in ballot["marks"].values()):
            raise FormatError(f"{name}: “marks” must map candidate ids to marks")
        credential = ballot.get("credential")
        if credential is not None:
            fields(credential, name, ("key", "prefix", "registrarSignature"))
            one_time = keys_cache.get(credential["key"]) or Key(credential["key"], name, "credential.key")
            keys_cache[credential["key"]] = one_time
            prefix = b64(credential["prefix"], name, "prefix")
            blind_signature = b64(credential["registrarSignature"], name, "registrarSignature")
        if "voter" in ballot:
            string(ballot["voter"], name, "voter")
        for mark in ballot["marks"].values():
            if mark not in ("yes", "no", "satisfied", "basically-satisfied", "unsatisfied"):
                raise FormatError(f"{name}: “{mark}” is not a mark")
    except FormatError as error:
        return Verdict("rejected", 7, str(error), tracker)
    if ballot["vote"] != manifest.vote_hash or ballot["round"] != manifest.round:
        return Verdict("rejected", 8, "belongs to another vote or round", tracker)
    secret = manifest.secrecy == "secret"
    if secret != (credential is not None) or secret == ("voter" in ballot):
        return Verdict("rejected", 9, "the credential does not fit the vote's secrecy", tracker)
    if secret:
        message = (manifest.vote_hash + "\n" + one_time.text).encode("utf-8")
        if manifest.blind is None or one_time.suite == BLIND or \
                not manifest.blind.verify_blind(blind_signature, prefix, pae("shishi/credential-key/v1", message)):
            return Verdict("rejected", 9, "the registrar's signature on the credential does not verify", tracker)
        signer, who = one_time, ("key", one_time.suite, one_time.raw)
    else:
        text = deputies.get(ballot["voter"])
        if not text:
            return Verdict("rejected", 9, f"voter “{ballot['voter']}” is not on the roster or has no key", tracker)
        signer = keys_cache.get(text)
        if signer is None:
            try:
                signer = keys_cache[text] = Key(text, "roster.csv", "public_key")
            except FormatError:
                return Verdict("rejected", 9, f"voter “{ballot['voter']}” has no usable key", tracker)
        who = ("voter", ballot["voter"])
    if len(envelope.signatures) != 1 or not envelope.is_signed_by(signer):
        return Verdict("rejected", 10, "the ballot signature does not verify", tracker)
    marks = ballot["marks"]
    unknown = sorted(c for c in marks if c not in manifest.ids)
    if unknown:
        return Verdict("rejected", 11, f"marks a candidate that does not exist: “{unknown[0]}”", tracker)
    if any(mark not in MARKS[manifest.style] for mark in marks.values()):
        return Verdict("rejected", 11, "a mark that does not fit the ballot's style", tracker)
    yes = sum(1 for mark in marks.values() if mark == "yes")
    if manifest.yes_limit is not None and yes > manifest.yes_limit:
        return Verdict("invalid", 12, f"{yes} yes marks, more than the limit of {manifest.yes_limit}", tracker, who, marks)
    return Verdict("valid", None, "", tracker, who, marks)


# §7 Paper batches ------------------------------------------------------------------------------

PAPER_MARKS = {"yes-no-abstain": ("yes", "no", "unclear"), "approval": ("yes", "unclear"),
               "rating": ("satisfied", "basically-satisfied", "unsatisfied", "unclear"), "points": ()}


def paper_files(root):
    """The batches in `paper/`, in natural order of their names (box-2 before box-10)."""
    folder = os.path.join(root, "paper")
    if not os.path.isdir(folder):
        return []
    names = [n for n in os.listdir(folder) if n.endswith(".json") and not n.startswith(".")]
    return sorted(names, key=lambda n: [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", n)])


def read_batch(root, name, manifest):
    """A paper batch: its counter's signature, its scrutineers', and its ballots as
    (serial, line, marks or points)."""
    source = f"paper/{name}"
    envelope = Envelope.read(os.path.join(root, "paper", name), source)
    batch = fields(envelope.decode("shishi/paper-batch/v1"), source,
                   ("vote", "round", "box", "issued", "takenOut", "enteredBy", "enteredAt", "source", "ballots"),
                   ("ballotsFile",))
    if batch["vote"] != manifest.vote_hash or batch["round"] != manifest.round:
        raise FormatError(f"{source}: belongs to another vote or round")
    counters = [key for n, key in manifest.officials_in("counter") if n == batch["enteredBy"]]
    counter = next((key for key in counters if envelope.is_signed_by(key)), None)
    if counter is None:
        raise FormatError(f"{source}: no valid signature by counter “{batch['enteredBy']}”")
    scrutineers = manifest.officials_in("scrutineer")
    for suite, fingerprint, sig in envelope.signatures:
        if fingerprint == counter.fingerprint:
            continue
        if not any(key.fingerprint == fingerprint and key.suite == suite and key.verify(sig, envelope.signed_bytes)
                   for _, key in scrutineers):
            raise FormatError(f"{source}: a countersignature is not a valid signature by a published scrutineer")
    points = manifest.style == "points"
    ballots = []
    for ballot in batch["ballots"]:
        fields(ballot, source, ("serial", "line", "marks"), ("points",))
        if ("points" in ballot) != points or any(mark not in PAPER_MARKS[manifest.style] for mark in ballot["marks"].values()) \
                or any(c not in manifest.ids for c in list(ballot["marks"]) + list(ballot.get("points", {}))):
            raise FormatError(f"{source}: ballot {ballot['serial']} carries marks that do not fit this vote's style")
        ballots.append((ballot["serial"], ballot.get("points") if points else ballot["marks"]))
    if "ballotsFile" in batch:
        ballots = pabulib_ballots(root, batch, manifest, source)
    if len(ballots) != batch["takenOut"] and "ballotsFile" in batch:
        raise FormatError(f"{source}: the ballots file does not hold as many ballots as were taken out")
    hash_ = hash_text(manifest.hash, envelope.payload)
    return batch, ballots, hash_


def pabulib_ballots(root, batch, manifest, source):
    """The votes of an imported Pabulib file (§7): one ballot a vote, in file order, a yes on
    each project chosen (or the points given), on the candidates whose label or id is the
    project id."""
    if batch["ballotsFile"] != "pabulib.pb" or batch["ballots"]:
        raise FormatError(f"{source}: the ballots file “{batch['ballotsFile']}” is not one that can be read")
    try:
        with open(os.path.join(root, "pabulib.pb"), "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise FormatError(f"{source}: the ballots file pabulib.pb is missing") from None
    if hash_text(manifest.hash, data) != batch["source"]:
        raise FormatError(f"{source}: pabulib.pb is not the file the counter signed (its hash differs)")
    place = {c.get("label", c["id"]): c["id"] for c in manifest.candidates}
    points = manifest.style == "points"
    section, header, ballots = None, None, []
    for number, line in enumerate(data.decode("utf-8").removeprefix("\ufeff").splitlines(), 1):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper in ("META", "PROJECTS", "VOTES"):
            section, header = upper, None
            continue
        if section != "VOTES":
            continue
        row = next(csv.reader([line], delimiter=";"))
        if header is None:
            header = [cell.strip().lower() for cell in row]
            continue
        cell = dict(zip(header, row))
        chosen = [p.strip() for p in cell.get("vote", "").split(",") if p.strip()]
        given = [int(p) for p in cell.get("points", "").split(",") if p.strip()] if points else None
        if any(p not in place for p in chosen) or len(set(chosen)) != len(chosen):
            raise FormatError(f"{source}: pabulib.pb line {number} does not read as a ballot on this vote's candidates")
        if points:
            marks = {place[p]: (given[i] if given and i < len(given) else 0) for i, p in enumerate(chosen)}
            marks = {c: v for c, v in marks.items() if v > 0}
        else:
            marks = {place[p]: "yes" for p in chosen}
        ballots.append((cell.get("voter_id", ""), marks))
    return ballots


# §3 The close record ---------------------------------------------------------------------------

def read_close(root, manifest):
    """`close.json` and `closed-trackers.txt`, or None when the box was never closed."""
    path = os.path.join(root, "close.json")
    if not os.path.exists(path):
        return None
    envelope = Envelope.read(path, "close.json")
    envelope.require(manifest.secretariat, "secretariat")
    record = fields(envelope.decode("shishi/box-close/v1"), "close.json", ("vote", "round", "ballots", "digest", "closedAt"), ("issuanceHead",))
    if record["vote"] != manifest.vote_hash or record["round"] != manifest.round:
        raise FormatError("close.json belongs to another vote or round")
    trackers = read_trackers(os.path.join(root, "closed-trackers.txt"), "closed-trackers.txt")
    if len(trackers) != record["ballots"] or merkle_root(manifest.hash, trackers) != record["digest"] \
            or any(a >= b for a, b in zip(trackers, trackers[1:])):
        raise FormatError(f"closed-trackers.txt does not match the close record ({record['ballots']} ballots recorded)")
    return record, trackers


def read_trackers(path, source):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise FormatError(f"{source}: the file is missing") from None
    out = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line:
            continue
        if not re.fullmatch(rb"[0-9a-f]{64}", line):
            raise FormatError(f"{source} line {number} is not a tracker")
        out.append(bytes.fromhex(line.decode("ascii")))
    return out


def merkle_root(algorithm, items):
    """RFC 6962's tree over sorted trackers: leaf H(0x00 || t), node H(0x01 || l || r), split at
    the largest power of two below the count; the empty tree is H("")."""
    def root(part):
        if len(part) == 1:
            return digest(algorithm, b"\x00" + part[0])
        k = 1
        while k * 2 < len(part):
            k *= 2
        return digest(algorithm, b"\x01" + root(part[:k]) + root(part[k:]))
    return f"{algorithm}:{(root(items) if items else digest(algorithm, b'')).hex()}"
