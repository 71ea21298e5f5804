import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct CollectFixCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Record the presidium's final list as a signed file and write the candidates.csv that vote init takes. 确定候选项目清单。",
        discussion: """
            The list has more candidates than seats: the first N of the shortlist (--candidates N), or the drafts named with --draft in \
            ballot order. It is signed with the secretariat's key and written beside candidates.csv as candidate-list.json; give both to \
            shishi vote init (--candidates, --list) with the same key, and the manifest names the list's hash. Fixed once: \
            run again with only --out (and --list) to write the fixed list's files again.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The call's year.")
    var year: Int

    @Option(help: "How many candidates (more than the seats).")
    var candidates: Int?

    @Option(parsing: .singleValue, help: "A shortlisted draft to list, in ballot order; repeat for each.")
    var draft: [Int64] = []

    @Option(help: "The seats, when the call did not set them.")
    var seats: Int?

    @Option(help: "Where to write the candidates CSV.")
    var out: String

    @Option(help: "Where to write the signed list (default: candidate-list.json beside --out).")
    var list: String?

    @Option(help: "The secretariat's private key (signs the list; sign the manifest with the same key).")
    var key: String?

    func execute() throws {
        let outURL = Paths.url(out)
        let listURL = list.map(Paths.url) ?? outURL.deletingLastPathComponent().appendingPathComponent(CandidateList.fileName)
        let workspace = try store.open()
        let already = candidates == nil && draft.isEmpty ? try Collect.fixedList(year: year, in: workspace) : nil
        // A new list is written only to new files; the fixed list's files written again may stand
        // where the same bytes already are.
        if already == nil, let url = [outURL, listURL].first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            throw Self.exists(url)
        }
        let fixed: Collect.Fixed
        if let already {
            fixed = already
        } else {
            guard let key else {
                throw ShishiError(
                    .collectBadList, zh: "确定清单须用秘书处私钥签名：请用 --key 给出（投票定义也用同一把密钥）。",
                    en: "Fixing the list signs it with the secretariat's private key: give it with --key (the vote is defined with the same key).")
            }
            fixed = try Collect.fix(year: year, count: candidates, chosen: draft, seats: seats, key: Keys.signing(key), in: workspace)
        }
        let files = [(listURL, try fixed.envelope.fileData()), (outURL, Data(fixed.list.candidatesCSV().utf8))]
        for (url, data) in files where FileManager.default.fileExists(atPath: url.path) && (try? FileAccess.read(url)) != data {
            throw Self.exists(url)
        }
        for (url, data) in files where !FileManager.default.fileExists(atPath: url.path) {
            try FileAccess.create(url, data: data)
        }
        Console.out(
            say(
                "已确定 \(year) 年候选项目清单：\(fixed.list.candidates.count) 个候选项目，应选 \(fixed.list.seats) 项（哈希 \(fixed.hash.short)…）。",
                "The candidate list for \(year) is fixed: \(fixed.list.candidates.count, noun: "candidate") for \(fixed.list.seats, noun: "seat") (hash \(fixed.hash.short)…)."
            )
        )
        for entry in fixed.list.candidates {
            Console.out("  \(entry.id)  \(entry.title)  \(entry.department)  \(entry.cost.grouped)  ← #\(entry.draft)")
        }
        Console.out(
            say(
                "已写入 \(out) 和 \(listURL.lastPathComponent)：用 shishi vote init … --candidates \(out) --list \(listURL.path) 定义投票。",
                "Written \(out) and \(listURL.lastPathComponent): define the vote with shishi vote init … --candidates \(out) --list \(listURL.path)."))
    }

    static func exists(_ url: URL) -> ShishiError {
        ShishiError(
            .fileExists, zh: "\(url.path) 已经存在且内容不同，shishi 不会覆盖它：请换一个文件名。",
            en: "\(url.path) already exists with other contents and shishi will not overwrite it: choose another name.")
    }
}
