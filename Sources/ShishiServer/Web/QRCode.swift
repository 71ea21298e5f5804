internal import CQRencode
import ShishiCore

/// A QR code made by the system's libqrencode, drawn as SVG for a page or a printed sign.
public struct QRCode: Sendable {
    /// The modules, row by row (`true` is dark).
    public let modules: [[Bool]]

    /// Encodes `text` (UTF-8, byte mode, error correction level M).
    public init(_ text: String) throws {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
            throw ShishiError(.qrTooLong, zh: "无法生成二维码：内容过长。", en: "Cannot make a QR code: the text is too long.")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var rows: [[Bool]] = []
        rows.reserveCapacity(width)
        for y in 0..<width {
            rows.append((0..<width).map { x in code.pointee.data[y * width + x] & 1 == 1 })
        }
        modules = rows
    }

    /// The code as an SVG image with a four-module quiet zone, `title` as its accessible name.
    public func svg(title: String) -> String {
        let size = modules.count + 8
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(size) \(size)" role="img" aria-label="\(HTML.escape(title))" \
            shape-rendering="crispEdges"><rect width="\(size)" height="\(size)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }
}
