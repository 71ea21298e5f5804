import Foundation
import Testing

@Suite(.serialized) struct ReportCommandTests {
    @Test func theYearReportIsWrittenOnceInEachForm() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments, in: dir) }
        #expect(try run("workspace", "init", "ws.sqlite").status == 0)
        #expect(try run("projects", "adopt", "--result", WorkspaceCommandTests.example, "--workspace", "ws.sqlite").status == 0)
        #expect(try run("progress", "add", "--project", "1", "--date", "2027-06-30", "--percent", "40", "--workspace", "ws.sqlite").status == 0)
        let none = try run("report", "year", "--year", "2027", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(none.status == 1 && none.stderr.contains("--out"))
        let written = try run(
            "report", "year", "--year", "2027", "--today", "2027-08-15", "--out", "year.html", "--csv", "year.csv", "--workspace", "ws.sqlite")
        #expect(written.status == 0 && written.stderr.contains("10 个项目"), "\(written.stderr)")
        let page = try String(contentsOf: dir.appendingPathComponent("year.html"), encoding: .utf8)
        #expect(page.contains("2027 年民生实事项目年度报告") && page.contains("<svg") && !page.contains("<script"))
        let sheet = try String(contentsOf: dir.appendingPathComponent("year.csv"), encoding: .utf8)
        #expect(sheet.split(separator: "\n").count == 11 && sheet.contains("\n1,新建改建公共厕所,市城市管理局,on-track,40,"))
        let again = try run("report", "year", "--year", "2027", "--out", "year.html", "--workspace", "ws.sqlite", "--lang", "en")
        #expect(again.status == 1 && again.stderr.contains("will not overwrite"))
        let json = try run("report", "year", "--year", "2027", "--today", "2027-08-15", "--json", "--workspace", "ws.sqlite")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect((object["projects"] as! [Any]).count == 10 && object["today"] as? String == "2027-08-15")
    }
}
