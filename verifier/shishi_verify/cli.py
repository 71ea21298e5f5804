"""`shishi-verify FOLDER|ARCHIVE.tar.gz [--previous DIR] [--json] [--lang zh|en]`."""

import argparse
import json
import os
import sys
import tarfile
import tempfile

from .verify import Unreadable, verify

TITLES = {
    1: ("投票定义（manifest）的秘书处签名与规则", "manifest: the secretariat's signature and the rules"),
    2: ("代表名单与 manifest 中的哈希一致", "roster matches the hash in the manifest"),
    3: ("登记员盲签名密钥（位数、公布的指纹）", "registrar's blind-signing key (size, published fingerprint)"),
    4: ("签到日志：登记员签名、哈希链、每人至多一次、均在名单上", "issuance log: registrar's signature, hash chain, at most once per deputy, all on the roster"),
    5: ("出席代表超过法定人数", "deputies present exceed the quorum"),
    6: ("选票文件格式严格可读", "ballot files parse strictly"),
    7: ("选票格式版本与域标签", "ballot format version and domain label"),
    8: ("选票属于本次投票与本轮", "ballots belong to this vote and round"),
    9: ("登记员对凭证的签名（或记名投票人在名单上）", "registrar's signature on each credential (or the recorded voter on the roster)"),
    10: ("选票签名", "ballot signatures"),
    11: ("标记均为候选项目", "marks name real candidates"),
    12: ("同意数不超过每票上限（超过为废票）", "yes marks within the ballot's limit (more: invalid ballot)"),
    13: ("每张凭证只投一次", "each credential used once"),
    14: ("纸质票箱：计票人签名与监票人会签", "paper boxes: counter's signature and scrutineers' countersignatures"),
    15: ("纸质票箱：收回不多于发出，发出合计与签到一致", "paper boxes: taken out within issued, issued adds up to sign-in"),
    16: ("电子选票不多于发放的凭证", "electronic ballots within credentials issued"),
    17: ("收回票数不多于发出票数", "ballots returned within ballots issued"),
    18: ("结果文件与重新计票一致，签名有效", "result file matches the recount, signatures valid"),
    19: ("封箱记录：秘书处签名，封箱后到达的选票暂不计入", "close record: the secretariat's signature; ballots arriving after the close set aside"),
}

VERDICT_WORDS = {
    "verified": ("全部检查通过，公布的结果与重新计票一致，已有监票人会签。",
                 "every check passes; the published result matches the recount and is countersigned."),
    "checks-failed": ("公布的结果与重新计票一致，但计票的编号检查记录了问题（见上）。",
                      "the published result matches the recount, but the count's numbered checks record problems (see above)."),
    "changed": ("公布的结果与投票目录不符，或结果上有无效的签名：文件在计票后被改动过，或签名是伪造的。",
                "the published result does not match the folder, or a signature on it is invalid: files were changed after the count, or a signature is forged."),
    "pending-signature": ("公布的结果与重新计票一致，但还没有监票人会签。",
                          "the published result matches the recount, but no scrutineer has countersigned it yet."),
    "partial": ("这是不含选票内容的公开副本：能核的都已核过且一致，逐张选票的检查（6–15）与重新计票需要监票人保存的完整目录。这不表示有改动。",
                "this is a public copy without the ballots' marks: everything it holds was checked and agrees; the ballots' own "
                "checks (6-15) and the recount need the full folder, which the scrutineers hold. This is not a sign of change."),
}


def unpack(archive, into):
    """Extracts a published archive safely (no absolute paths, no `..`, no links out) and gives
    the vote folder inside it."""
    with tarfile.open(archive, "r:*") as tar:
        tar.extractall(into, filter="data")
    if os.path.exists(os.path.join(into, "manifest.json")):
        return into
    inside = [os.path.join(into, n) for n in os.listdir(into) if os.path.isdir(os.path.join(into, n))]
    return inside[0] if len(inside) == 1 else into


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="shishi-verify",
        description="Verify a shishi vote folder or its published archive from the files alone, "
                    "independently of shishi's own code. Exit 0 verified, 1 problems recorded or unreadable, "
                    "2 changed or forged, 3 not countersigned yet, 4 a public copy without the ballots that agrees "
                    "in everything it holds.")
    parser.add_argument("folder", help="the vote folder, or its archive (.tar.gz)")
    parser.add_argument("--previous", help="the previous round's folder (run-offs and second rounds)")
    parser.add_argument("--json", action="store_true", help="print the checks and the verdict as JSON")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="zh (default) or en")
    args = parser.parse_args(argv)
    zh = args.lang == "zh"
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.folder
        try:
            if os.path.isfile(folder):
                folder = unpack(folder, scratch)
            report = verify(folder, args.previous)
        except (Unreadable, OSError, tarfile.TarError) as error:
            print(("无法核验：" if zh else "Cannot verify: ") + str(error), file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps({"verifier": "shishi-verify", "verdict": report.verdict, "exit": report.exit_status,
                          "passed": all(c["passed"] for c in report.checks), "signers": report.signers,
                          "checks": report.checks, "differences": report.differences,
                          "needsFullFolder": report.needs_full_folder},
                         ensure_ascii=False, indent=2))
        return report.exit_status
    title = report.vote.manifest.title if report.vote else args.folder
    print(f"独立核验 {args.folder}（{title}）：" if zh else f"Independent verification of {args.folder} ({title}):")
    if report.public_copy:
        print("  这是公开副本：不含任何选票的内容。检查 6–15 需要逐张选票，下面列出公布的结论，未重新核验。" if zh else
              "  This is a public copy without any ballot's marks. Checks 6-15 need the ballots: their published outcomes are listed, not rechecked.")
    withheld = {c["number"] for c in report.needs_full_folder or []}
    listed = sorted(report.checks + (report.needs_full_folder or []), key=lambda c: c["number"]) if withheld else report.checks
    for check in listed:
        if check["number"] in withheld:
            published = ("通过" if check["passed"] else "未通过") if zh else ("pass" if check["passed"] else "FAIL")
            name = TITLES[check["number"]][0 if zh else 1]
            print(f"  {check['number']:2d}. [—] {name}" + (f"：需完整目录；公布为“{published}”" if zh else f": needs the full folder; published as “{published}”"))
            continue
        mark = ("通过" if check["passed"] else "未通过") if zh else ("pass" if check["passed"] else "FAIL")
        counts = ""
        if check["checked"] > 1 or check["failed"] > 0:
            counts = f"（{check['checked']} 项，{check['failed']} 项未通过）" if zh else f" ({check['checked']} checked, {check['failed']} failed)"
        name = TITLES[check["number"]][0 if zh else 1]
        print(f"  {check['number']:2d}. [{mark}] {name}{counts}" + (f"：{check['detail']['zh']}" if zh else f": {check['detail']['en']}"))
    print(("结论：" if zh else "Verdict: ") + VERDICT_WORDS[report.verdict][0 if zh else 1])
    return report.exit_status


if __name__ == "__main__":
    sys.exit(main())
