import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct ProgressAttachCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Attach files (photos, acceptance sheets…) to a progress report, stored by their SHA-256. 附加文件。",
        discussion: "Files are kept in WORKSPACE.files/ beside the database, once each, under their hash."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    @Option(help: "The date of the progress report (YYYY-MM-DD).")
    var date: String

    @Argument(help: "The files to attach.")
    var files: [String]

    func execute() throws {
        let records = try store.open().attach(files.map(Paths.url), project: project, date: date)
        Console.out(say("已附加到项目 #\(project) \(date) 的进度报告：", "Attached to project #\(project)'s report of \(date):"))
        for record in records {
            Console.out("  \(record.name)  \(record.size) \(say("字节", "bytes"))  sha256:\(record.sha256)")
        }
    }
}

struct ProgressFilesCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "List attached files and check each stored copy against its hash. 核对附件。",
        discussion: "Exit status 1 when a stored copy is missing or altered."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "Only this project's files.")
    var project: Int64?

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let workspace = try store.open()
        let files = try workspace.attachments(project: project)
        let bad = files.filter { $0.state != .intact }
        if json {
            try Console.json(files)
        } else {
            Console.out(say("附件 \(files.count) 个：", "\(files.count, noun: "attached file"):"))
            for file in files {
                let state = file.state.title(global.lang)
                Console.out("  #\(file.projectId) \(file.date)  \(file.attachment.name)  [\(state)]  sha256:\(file.attachment.sha256.prefix(16))…")
            }
            if let folder = workspace.filesFolder { Console.out(say("文件库：\(folder.path)", "File store: \(folder.path)")) }
        }
        if !bad.isEmpty {
            throw ShishiError(
                .attachmentDamaged,
                zh: "\(bad.count) 个附件的存档缺失或已被改动：\(bad.map(\.attachment.name).joined(separator: "、"))。请从原件恢复，放回文件库中原来的位置。",
                en:
                    "\(bad.count, noun: "stored file", verb: "are") missing or altered: \(bad.map(\.attachment.name).joined(separator: ", ")). Restore them from the originals to their place in the file store."
            )
        }
    }
}
