import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

/// The vote folder a command works on: the first argument of every vote command.
struct VoteFolderArgument: ParsableArguments {
    @Argument(help: "The vote folder.")
    var dir: String

    /// The folder as a URL.
    var url: URL { Paths.url(dir) }

    /// Opens the folder: the manifest's signature and the roster's hash checked.
    func open() throws -> Vote { try VoteFolder(url: url).open() }
}

/// `--previous`: the previous round of a run-off or second round.
struct PreviousRoundOption: ParsableArguments {
    @Option(help: "The previous round's folder, for a run-off or second round.")
    var previous: String?

    /// The previous round's published result, when one is named.
    func result() throws -> TallyResult? { try previous.map { try ResultFile.published(in: Paths.url($0)) } }
}

/// Prints the numbered checks, one line each, in number order; `notRechecked` (a public copy's
/// checks that need the ballots) are shown as published, marked as not rechecked.
func printChecks(_ checks: [CheckOutcome], notRechecked: [CheckOutcome] = [], language L: Language) {
    let withheld = Set(notRechecked.map(\.number))
    let all = (checks + notRechecked).enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }.map(\.element)
    for check in notRechecked.isEmpty ? checks : all {
        let counts =
            check.checked > 1 || check.failed > 0
            ? Text("（\(check.checked) 项，\(check.failed) 项未通过）", " (\(check.checked) checked, \(check.failed) failed)")(L) : ""
        let title = "\(check.check?.title(L) ?? check.name)\(counts)"
        if withheld.contains(check.number) && !checks.contains(where: { $0.number == check.number }) {
            let published = check.passed ? Text("通过", "pass") : Text("未通过", "FAIL")
            Console.out(
                "  \(String(format: "%2d", check.number)). [—] \(title)\(L.colon)"
                    + Text(
                        "需完整目录（监票人保存）；公布为“\(published.zh)”：\(check.detail.zh)",
                        "needs the full folder (the scrutineers hold it); published as “\(published.en)”: \(check.detail.en)")(L))
            continue
        }
        let mark = check.passed ? Text("通过", "pass") : Text("未通过", "FAIL")
        Console.out("  \(String(format: "%2d", check.number)). [\(mark(L))] \(title)\(L.colon)\(check.detail(L))")
    }
    if !checks.contains(where: { $0.check == .boxClose }) {
        Console.out("  \(TallyCheck.boxClose.rawValue). [—] \(TallyCheck.noCloseRecord(L))")
    }
}
