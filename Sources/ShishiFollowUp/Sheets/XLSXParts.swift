import XMLCoder

// The parts of a workbook ``XLSXSheet`` reads, as XMLCoder decodes them (the elements' namespace
// prefixes dropped; an attribute keeps its own, as `r:id`). Only what the reader uses is named.

/// A text node: an element's own text.
struct XMLTextNode: Decodable {
    var value: String
    enum CodingKeys: String, CodingKey { case value = "" }
}

/// `xl/workbook.xml`: the sheets in order, and the date system.
struct Workbook: Decodable {
    struct Properties: Decodable { var date1904: String? }
    struct Sheets: Decodable { var sheet: [Sheet] }
    struct Sheet: Decodable {
        var name: String
        var id: String
        enum CodingKeys: String, CodingKey {
            case name
            case id = "r:id"
        }
    }
    var workbookPr: Properties?
    var sheets: Sheets
}

/// `xl/_rels/workbook.xml.rels`: where each sheet's part is.
struct Relationships: Decodable {
    struct Relationship: Decodable {
        var id: String
        var target: String
        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case target = "Target"
        }
    }
    var relationship: [Relationship]
    enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
}

/// `xl/sharedStrings.xml`: the strings cells of type `s` name by place; a string is one text,
/// or runs of differently formatted text.
struct SharedStrings: Decodable {
    struct Item: Decodable {
        struct Run: Decodable { var t: XMLTextNode? }
        var t: XMLTextNode?
        var r: [Run]?
        var text: String { t?.value ?? (r ?? []).map { $0.t?.value ?? "" }.joined() }
    }
    var si: [Item]
}

/// `xl/styles.xml`: the custom number formats, and each cell style's format.
struct Styles: Decodable {
    struct NumberFormats: Decodable { var numFmt: [NumberFormat]? }
    struct NumberFormat: Decodable {
        var numFmtId: Int
        var formatCode: String
    }
    struct CellFormats: Decodable { var xf: [CellFormat]? }
    struct CellFormat: Decodable { var numFmtId: Int? }
    var numFmts: NumberFormats?
    var cellXfs: CellFormats?
}

/// A worksheet: its rows and their cells.
struct Worksheet: Decodable {
    struct SheetData: Decodable { var row: [Row]? }
    struct Row: Decodable {
        var r: Int?
        var c: [Cell]?
    }
    struct Cell: Decodable {
        struct Inline: Decodable {
            var t: XMLTextNode?
            var r: [SharedStrings.Item.Run]?
            var text: String { t?.value ?? (r ?? []).map { $0.t?.value ?? "" }.joined() }
        }
        var r: String?
        var t: String?
        var s: Int?
        var v: XMLTextNode?
        var inline: Inline?
        enum CodingKeys: String, CodingKey {
            case r, t, s, v
            case inline = "is"
        }
    }
    var sheetData: SheetData
}
