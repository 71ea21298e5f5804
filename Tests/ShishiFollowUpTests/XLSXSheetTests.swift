import Foundation
import ShishiCore
import ShishiFollowUp
import ShishiStore
import Testing
import ZIPFoundation

/// Workbooks as offices keep them load as their CSV does: shared and inline strings, numbers,
/// dates shown as dates, rows where the sheet has them.
@Suite struct XLSXSheetTests {
    /// A workbook of `rows` (each cell XML as Excel writes it), shared strings `strings`, and a
    /// date style at place 1 (built-in format 14) and a custom `yyyy"年"m"月"d"日"` one at place 2.
    static func workbook(_ rows: [String], strings: [String], date1904: Bool = false) throws -> Data {
        let parts: [(String, String)] = [
            (
                "xl/workbook.xml",
                #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
                    + (date1904 ? #"<workbookPr date1904="1"/>"# : "") + #"<sheets><sheet name="进度" sheetId="1" r:id="rId7"/></sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/进度.xml"/></Relationships>"#
            ),
            (
                "xl/sharedStrings.xml",
                #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
                    + strings.map { "<si><t>\($0)</t></si>" }.joined() + "<si><r><t>主体</t></r><r><rPr><b/></rPr><t>施工</t></r></si></sst>"
            ),
            (
                "xl/styles.xml",
                #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>"#
            ),
            (
                "xl/worksheets/进度.xml",
                #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
                    + rows.joined() + "</sheetData></worksheet>"
            ),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static let header = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>"#
    static let strings = ["project", "date", "percent", "narrative"]

    @Test func aWorkbookReadsAsItsSheetShowsIt() throws {
        let data = try Self.workbook(
            [
                Self.header,
                // 46508 is 2027-05-01 in the 1900 system; the narrative is rich text (two runs).
                #"<row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"><v>46508</v></c><c r="C2"><v>50</v></c><c r="D2" t="s"><v>4</v></c></row>"#,
                // Row 3 is not in the sheet; row 4 has a custom date format, an inline string with a comma, a decimal.
                #"<row r="4"><c r="A4"><v>2</v></c><c r="B4" s="2"><v>46509.75</v></c><c r="C4"><v>20</v></c><c r="D4" t="inlineStr"><is><t>招标中, 预计四月开工</t></is></c></row>"#,
            ], strings: Self.strings)
        #expect(XLSXSheet.isZIP(data))
        let csv = try XLSXSheet.csv(data, source: "进度.xlsx")
        #expect(csv == "project,date,percent,narrative\n1,2027-05-01,50,主体施工\n\n2,2027-05-02,20,\"招标中, 预计四月开工\"\n", "\(csv)")
        let workspace = try ProgressSheetTests().adopted()
        #expect(try ProgressSheet.importSheet(data, source: "进度.xlsx", into: workspace) == .init(added: 2, unchanged: 0))
        #expect(try workspace.read { try ProgressReportRecord.fetchAll($0) }.map(\.narrative).sorted() == ["主体施工", "招标中, 预计四月开工"])
    }

    @Test func aBadRowOfAWorkbookIsRefusedWithTheWorkbooksRowNumber() throws {
        let data = try Self.workbook(
            [
                Self.header, #"<row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"><v>46508</v></c><c r="C2"><v>50</v></c></row>"#,
                #"<row r="5"><c r="A5"><v>2</v></c><c r="B5" s="1"><v>46508</v></c><c r="C5"><v>150</v></c></row>"#,
            ], strings: Self.strings)
        let workspace = try ProgressSheetTests().adopted()
        let error = try #require(throws: ShishiError.self) { try ProgressSheet.importSheet(data, source: "进度.xlsx", into: workspace) }
        #expect(error.message.en.contains("进度.xlsx line 5, column “percent”"), "\(error.message.en)")
        // The 1904 date system, and a ZIP that is no workbook.
        let mac = try Self.workbook(
            [Self.header, #"<row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"><v>45046</v></c><c r="C2"><v>5</v></c></row>"#], strings: Self.strings,
            date1904: true)
        #expect(try XLSXSheet.csv(mac, source: "mac.xlsx").contains("1,2027-05-01,5"))
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(2)) { (_: Int64, _: Int) in Data("hi".utf8) }
        let notWorkbook = try #require(throws: ShishiError.self) {
            try ProgressSheet.importSheet(try #require(archive.data), source: "x.xlsx", into: workspace)
        }
        #expect(notWorkbook.message.zh.contains("不是可读取的 Excel 工作簿"))
    }
}
