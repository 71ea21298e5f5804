import ArgumentParser
import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore

struct InspectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection",
        abstract: "Inspections (视察) and the problems they find. 视察。",
        subcommands: [InspectionAddCommand.self]
    )
}

struct InspectionAddCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record an inspection and its problems, each with who rectifies it and by when. 记录视察。"
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "The project number.")
    var project: Int64

    @Option(help: "The date (YYYY-MM-DD).")
    var date: String

    @Option(help: "Who inspected.")
    var inspectors: String

    @Option(help: "What they found.")
    var findings: String

    @Option(parsing: .singleValue, help: "A problem as PROBLEM|RESPONSIBLE|DEADLINE (e.g. 围挡破损|市住建局|2027-05-31); repeat for each.")
    var problem: [String] = []

    func execute() throws {
        let problems = try problem.map { text -> (problem: String, responsible: String, deadline: String) in
            let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ShishiError(
                    .inspectionBadProblem, zh: "“\(text)”应写成 问题|责任单位|整改期限（YYYY-MM-DD）。", en: "“\(text)” should be PROBLEM|RESPONSIBLE|DEADLINE (YYYY-MM-DD).")
            }
            return (parts[0], parts[1], parts[2])
        }
        let (inspection, rectifications) = try store.open().addInspection(
            project: project, date: date, inspectors: inspectors, findings: findings, problems: problems)
        Console.out(
            say(
                "已记录视察 #\(inspection.id!)（项目 #\(project)，\(date)），整改事项 \(rectifications.count) 项：",
                "Inspection #\(inspection.id!) recorded (project #\(project), \(date)), \(rectifications.count) rectifications:"))
        for item in rectifications {
            Console.out("  #\(item.id!) \(item.problem) · \(item.responsible) · \(say("期限", "due")) \(item.deadline)")
        }
    }
}

struct RectificationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rectification",
        abstract: "Rectification of problems found, through to closed. 整改。",
        subcommands: [RectificationUpdateCommand.self, RectificationFilesCommand.self]
    )
}

struct RectificationFilesCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "List the evidence given for rectifications and check each stored copy against its hash. 核对整改佐证。",
        discussion: "Exit status 1 when a stored copy is missing or altered."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Option(help: "Only this project's evidence.")
    var project: Int64?

    @Flag(help: "Print as JSON.")
    var json = false

    func execute() throws {
        let workspace = try store.open()
        let files = try workspace.storedEvidence(project: project)
        let bad = files.filter { $0.state != .intact }
        if json {
            try Console.json(files)
        } else {
            Console.out(say("整改佐证 \(files.count) 个：", "\(files.count, noun: "evidence file"):"))
            for file in files {
                let state = file.state.title(global.lang)
                Console.out(
                    "  #\(file.projectId) \(say("整改", "rectification")) #\(file.evidence.rectificationId)  \(file.evidence.name)  [\(state)]  sha256:\(file.evidence.sha256.prefix(16))…"
                )
            }
        }
        if !bad.isEmpty {
            throw ShishiError(
                .attachmentDamaged,
                zh: "\(bad.count) 个整改佐证的存档缺失或已被改动：\(bad.map(\.evidence.name).joined(separator: "、"))。请从原件恢复，放回文件库中原来的位置。",
                en:
                    "\(bad.count) stored evidence files are missing or altered: \(bad.map(\.evidence.name).joined(separator: ", ")). Restore them from the originals to their place in the file store."
            )
        }
    }
}

struct RectificationUpdateCommand: ShishiCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Mark a rectification in progress, or closed with its resolution. 更新整改状态。")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: WorkspaceOptions

    @Argument(help: "The rectification number.")
    var rectification: Int64

    @Option(help: "in-progress, rectified (waiting for the group's check) or closed.")
    var status: RectificationRecord.Status

    @Option(help: "The date (YYYY-MM-DD; default: today).")
    var date: String?

    @Option(help: "How it was resolved (needed to close).")
    var resolution: String?

    @Option(help: "A file as evidence of the rectification (a photo, a signed acceptance); repeat for several.")
    var evidence: [String] = []

    func execute() throws {
        let files = try evidence.map { path in
            let url = Paths.url(path)
            return Workspace.FileContents(name: url.lastPathComponent, data: try FileAccess.read(url))
        }
        try store.open().updateRectification(rectification, status: status, date: date ?? Dates.today(), resolution: resolution, evidence: files)
        Console.out(
            say(
                "整改事项 #\(rectification) 现为：\(status.title.zh)\(files.isEmpty ? "" : "；佐证文件 \(files.count) 个已存入文件库")。",
                "Rectification #\(rectification) is now \(status.title.en)\(files.isEmpty ? "" : "; \(files.count, noun: "evidence file") stored")."))
    }
}
