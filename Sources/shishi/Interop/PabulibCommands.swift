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
        abstract: "Turn a Pabulib approval election (.pb) into a vote folder that shishi tally counts. 导入 Pabulib。",
        discussion: """
            Voters become the roster (all present), projects the candidates, K = max_length (or --seats).
            The ballots are one batch attested by an importing official; the count is the top K by
            approvals with no majority threshold. Costs, budget and voter details are not used.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The .pb file.")
    var file: String

    @Option(help: "The new vote folder.")
    var out: String

    @Option(help: "Seats K, when the file has no max_length.")
    var seats: Int?

    @Option(name: .customLong("keys-out"), help: "Where the importing officials' private keys go (default: OUT.private-keys).")
    var keysOut: String?

    func execute() throws {
        let folder = Paths.url(out)
        let vote = try Pabulib.importFile(
            Paths.url(file), into: folder, privateKeys: Paths.url(keysOut ?? out + ".private-keys"), seats: seats, now: Date()
        )
        Console.out(
            say(
                "已导入 \(vote.roster.count) 张选票、\(vote.manifest.candidates.count) 个项目（取前 \(vote.manifest.seats) 名）到 \(folder.path)。计票：shishi tally \(out)",
                "Imported \(vote.roster.count) ballots and \(vote.manifest.candidates.count) projects (top \(vote.manifest.seats)) into \(folder.path). Count with: shishi tally \(out)"
            ))
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
