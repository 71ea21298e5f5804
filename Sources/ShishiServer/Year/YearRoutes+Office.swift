import Foundation
import Hummingbird
import HummingbirdAuth
import ShishiCore
import ShishiFollowUp
import ShishiStore

extension YearRoutes {
    /// The office: the login form, or the board of the projects the account sees.
    func office(_ request: Request, _ context: YearContext) throws -> Response {
        let language = Site.language(request)
        let frame = frame(request, context, title: Text("工作台", "Office"))
        guard let session = context.sessions.session else {
            let token = Site.token()
            var response = pages.page(frame, OfficePage(loginToken: token))
            Site.loginToken(on: &response, secure: secure, token: token)
            return response
        }
        let report = try report()
        let groups = try workspace.allGroupMembers()
        let seen = Self.attentionFirst(report.projects).filter { session.account.sees($0.project, groups: groups) }
        let attention = seen.filter { $0.progress.status == .overdue || !$0.progress.overdueRectifications.isEmpty }.count
        let scope =
            switch session.account.role {
            case .secretariat: Text("全部项目", "every project")(language)
            case .department: session.account.department ?? ""
            case .member: Text("代表 \(session.account.deputyId ?? "") 所在小组的项目", "the projects of deputy \(session.account.deputyId ?? "")'s groups")(language)
            }
        let page = OfficePage(
            rows: seen.map { row($0, language) }, hasRows: !seen.isEmpty, isOffice: session.account.role == .secretariat, hallVote: hallVote != nil,
            csrf: session.csrf, uploadLimit: PostedForm.uploadLimit / 1024 / 1024, attention: attention > 0 ? attention : nil, today: report.today,
            scope: scope.isEmpty ? nil : scope)
        return pages.page(frame, page)
    }

    func login(_ request: Request, _ context: YearContext) async throws -> Response {
        _ = try await context.logIn(
            request, logins: logins, locked: Text("请人大办公室解除锁定", "ask the congress office to lift it"),
            verify: { name, password in try YearAccounts.verify(name: name, password: password, in: workspace) },
            session: { account, csrf in YearSession(account: account, csrf: csrf) })
        return Response.redirect(to: "/office", type: .normal)
    }

    /// A form from the signed-in account, with its session's token, from a page of this site.
    func requireForm<Form: Decodable>(_ type: Form.Type, _ request: Request, _ context: YearContext) async throws -> (Form, YearSession) {
        try await context.requireForm(Form.self, request)
    }

    /// A form (URL-encoded, or multipart with files) from a signed-in account, with its
    /// session's token, from a page of this site; the body is read only once the session is known.
    func requirePosted(_ request: Request, _ context: YearContext) async throws -> (PostedForm, YearSession) {
        guard let session = context.sessions.session else { throw Site.notSignedIn }
        guard Site.sameOrigin(request) else { throw Site.crossSite }
        let form = try await PostedForm.read(request, limit: PostedForm.uploadLimit)
        guard form.fields["csrf"] == session.csrf else { throw Site.crossSite }
        return (form, session)
    }

    /// A progress report from the project's department (or the office), with its photos and
    /// files, recorded as `progress add` and `progress attach` record them, in one transaction,
    /// in the audit log under the account's name.
    func reportProgress(_ request: Request, _ context: YearContext) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let entry = try entry(context, in: try report())
        try session.account.requireReport(on: entry.project)
        let percentText = (form.fields["percent"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let percent = Int(percentText) else {
            throw ShishiError(
                .progressBadPercent, zh: "完成百分比“\(percentText)”不是 0 到 100 的整数。", en: "The percent “\(percentText)” is not a whole number from 0 to 100.")
        }
        var spent: Int?
        if let text = form.fields["spent"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let value = Int(text), value >= 0 else {
                throw ShishiError(.progressBadSpent, zh: "已支出“\(text)”不是非负整数（元）。", en: "The amount spent “\(text)” is not a non-negative whole number (yuan).")
            }
            spent = value
        }
        let files = form.files.filter { $0.field == "files" }.map { Workspace.FileContents(name: $0.name, data: $0.data) }
        try workspace.acting(as: session.account.name).addProgress(
            project: entry.project.id!, date: form.fields["date"] ?? "", percent: percent, spent: spent, narrative: form.fields["narrative"] ?? "", files: files
        )
        return Response.redirect(to: "/project/\(entry.project.id!)?reported=1", type: .normal)
    }

    /// An upload from the office: a progress sheet (`progress import`'s CSV) or a 12345 file
    /// (`hotline import`'s, with its optional rules file), refused whole with the line on a bad row.
    func upload(_ request: Request, _ context: YearContext, kind: String) async throws -> Response {
        let (form, session) = try await requirePosted(request, context)
        let language = Site.language(request)
        let acting = workspace.acting(as: session.account.name)
        guard let file = form.files.first(where: { $0.field == "file" }) else {
            throw ShishiError(.serverBadRequest, zh: "请选择要上传的文件。", en: "Choose the file to upload.")
        }
        let message: Text
        if kind == "progress" {
            let outcome = try ProgressSheet.importSheet(file.data, source: file.name, into: acting)
            message = Text(
                "已导入 \(file.name)：新增进度报告 \(outcome.added) 条，\(outcome.unchanged) 条已在工作库中。",
                "Imported \(file.name): \(outcome.added) progress reports added, \(outcome.unchanged) already in the workspace.")
        } else {
            let rules = try form.files.first(where: { $0.field == "rules" }).map { try Hotline.rules($0.data, source: $0.name) } ?? []
            let outcome = try Hotline.importFile(file.data, source: file.name, rules: rules, into: acting)
            message = Text(
                "已导入 \(file.name)：新增工单 \(outcome.added) 件（其中 \(outcome.linked) 件关联到项目），\(outcome.skipped) 件已在工作库中。",
                "Imported \(file.name): \(outcome.added) complaints added (\(outcome.linked) linked to a project), \(outcome.skipped) already in the workspace."
            )
        }
        return pages.page(frame(request, context, title: Text("上传", "Upload")), DonePage(message: message(language)))
    }

    /// The image types a page shows inline, by the file name's extension; any other file is downloaded.
    static func imageType(_ name: String) -> String? {
        ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"][(name as NSString).pathExtension.lowercased()]
    }

    /// An attached file, by its SHA-256, only if some progress report has it: images shown in the
    /// page, anything else downloaded, never run (no script, sandboxed).
    func file(_ request: Request, _ context: YearContext) throws -> Response {
        let hash = context.parameters.get("hash") ?? ""
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit), let (name, data) = try workspace.attachedFile(sha256: hash) else {
            throw ShishiError(.projectMissing, zh: "没有这个附件。", en: "There is no such attached file.")
        }
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        if let type = Self.imageType(name) {
            response.headers[.contentType] = type
        } else {
            response.headers[.contentType] = "application/octet-stream"
            let ascii = String(name.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }.map(Character.init))
            response.headers[.contentDisposition] = "attachment; filename=\"\(ascii.isEmpty ? "file" : ascii)\""
        }
        response.headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        response.headers[.cacheControl] = "public, max-age=31536000, immutable"
        return response
    }
}
