import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import votes from other formats. 导入。",
        subcommands: [ImportPabulibCommand.self]
    )
}

struct ImportPabulibCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "pabulib",
        abstract: "Turn a Pabulib file (.pb: approval, cumulative or scoring) into a vote folder that shishi tally counts. 导入 Pabulib。",
        discussion: """
            Voters become the roster (all present), projects the candidates (each project id kept as the \
            candidate's label), max_length the most projects a ballot may choose. What is adopted follows the \
            file's budget and costs, by votes (or points), most first, each project that still fits what is left \
            of the budget. The ballots are one batch attested by an importing official; the folder keeps the \
            file itself. After the import the count is compared with the file's selected column.

            To take the result into the year (shishi projects adopt), name the scrutineers who countersign \
            it (--scrutineer, Ed25519 public keys, as for shishi vote init): they check the count with \
            shishi verify and sign it with shishi result sign, as in the hall.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The .pb file.")
    var file: String

    @Option(help: "The new vote folder.")
    var out: String

    @Option(help: "The most projects to adopt (needed when the file has no budget; with a budget, a further limit).")
    var seats: Int?

    @Option(parsing: .singleValue, help: "A scrutineer's public key (.pub, Ed25519), who countersigns the count; repeat for each.")
    var scrutineer: [String] = []

    @Option(name: .customLong("keys-out"), help: "Where the importing officials' private keys go (default: OUT.private-keys).")
    var keysOut: String?

    func execute() throws {
        let folder = Paths.url(out)
        let scrutineers = try scrutineer.map { path in
            let (key, name) = try Keys.signingPublic(path)
            return Official(role: .scrutineer, name: name, key: key)
        }
        let imported = try Pabulib.importCounted(
            Paths.url(file), into: folder, privateKeys: Paths.url(keysOut ?? out + ".private-keys"), seats: seats, scrutineers: scrutineers, now: Date()
        )
        let vote = imported.vote
        let m = vote.manifest
        Console.out(
            say(
                "已导入 \(vote.roster.count) 张选票、\(m.candidates.count) 个项目到 \(folder.path)。",
                "Imported \(vote.roster.count, noun: "ballot") and \(m.candidates.count, noun: "project") into \(folder.path)."
            ))
        Console.out(VoteDescription.limits(m)(global.lang))
        if let allocation = imported.count.allocation {
            let labels = Dictionary(uniqueKeysWithValues: m.candidates.map { ($0.id, $0.sourceID) })
            Console.out(
                say(
                    "计票：选中 \(allocation.adopted.count) 个项目：\(allocation.adopted.map { labels[$0]! }.joined(separator: "、"))。",
                    "Count: adopted (\(allocation.adopted.count)): \(allocation.adopted.map { labels[$0]! }.joined(separator: ", "))."))
            if let budget = Announcement.budgetText(allocation) { Console.out(budget(global.lang)) }
        }
        if let comparison = imported.comparison {
            Console.out(comparison.text(global.lang))
        } else {
            Console.out(say("文件没有 selected 列，无从比较。", "The file has no selected column to compare with."))
        }
        Console.out(say("完整计票：shishi tally \(out)", "The full count: shishi tally \(out)"))
        if scrutineers.isEmpty {
            Console.out(
                say(
                    "没有指定监票人（--scrutineer）：这个结果可以计票和核验，但无人能会签，不能采纳进年度工作（shishi projects adopt）；需要时请带 --scrutineer 重新导入。",
                    "No scrutineer named (--scrutineer): this result can be counted and verified but no one can countersign it, so it cannot be adopted into the year (shishi projects adopt); import again with --scrutineer when it should be."
                ))
        } else {
            Console.out(
                say(
                    "然后监票人核验并会签：shishi verify \(out)，shishi result sign \(out) --key 监票人.key；再采纳进年度：shishi projects adopt \(out)",
                    "Then the scrutineers verify and countersign: shishi verify \(out), shishi result sign \(out) --key scrutineer.key; then adopt: shishi projects adopt \(out)"
                ))
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export counted ballots to other formats. 导出。",
        subcommands: [ExportPabulibCommand.self]
    )
}

struct ExportPabulibCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "pabulib",
        abstract: "Write a vote's valid ballots as a Pabulib approval file (yes marks are approvals). 导出 Pabulib。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Option(help: "The .pb file to write (default: standard output).")
    var out: String?

    func execute() throws {
        let vote = try folder.open()
        let text = try Pabulib.export(vote).text()
        if let out {
            try FileAccess.create(Paths.url(out), data: Data(text.utf8))
            Console.error(say("已写入 \(out)", "Written to \(out)"))
        } else {
            print(text, terminator: "")
        }
    }
}
