import Foundation

/// Writing HTML by hand safely: every piece of text that goes into a page or an SVG chart passes
/// through ``escape(_:)``, in the one place shishi defines it.
public enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and attribute values.
    ///
    /// The escaping is done on the UTF-8 bytes: a quote or bracket followed by a combining mark
    /// is one `Character` but still the byte a browser reads, and it is escaped. Text without any
    /// of the five is returned as it is.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// `value` with one decimal, exactly as `String(format: "%.1f", value)` writes it (the exact
    /// binary value rounded half to even), for the coordinates of a chart: a few hundred a page,
    /// where Foundation's formatter was most of the chart's time.
    public static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite, value.magnitude < 1e15 else { return String(format: "%.1f", value) }
        let magnitude = value.magnitude
        let product = magnitude * 10
        var tenths = product.rounded(.toNearestOrEven)
        if (tenths - product).magnitude == 0.5 {
            // A tie in the rounded product: the exact product (its rounding error by fma) decides.
            let error = (-product).addingProduct(magnitude, 10)
            if error > 0 { tenths = product.rounded(.up) } else if error < 0 { tenths = product.rounded(.down) }
        }
        let whole = Int(tenths) / 10, tenth = Int(tenths) % 10
        return "\(value.sign == .minus ? "-" : "")\(whole).\(tenth)"
    }

    /// The Content-Security-Policy of a self-contained page (a report): no script, nothing
    /// fetched, no form, and only the page's own style element, whose text is `styleText`,
    /// allowed by its SHA-256 (so no other inline style applies).
    public static func contentSecurityPolicy(styleText: String) -> String {
        "default-src 'none'; style-src 'sha256-\(HashAlgorithm.sha256.hash(Data(styleText.utf8)).base64EncodedString())'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    }

    /// The style sheet of shishi's printable pages: plain, readable on screen and on A4.
    public static let stylesheet = """
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
        h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; border-bottom: 1px solid #999; padding-bottom: 0.2em; margin-top: 1.6em; }
        table { border-collapse: collapse; width: 100%; font-size: 0.92em; } th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; } th.sub { padding-left: 2em; font-weight: normal; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .pass { color: #1b5e20; font-weight: bold; } .fail { color: #b71c1c; font-weight: bold; }
        .outcome { font-size: 1.1em; padding: 0.6em 0.8em; border: 2px solid #1b5e20; margin: 1em 0; } .outcome.bad { border-color: #b71c1c; }
        code { font-size: 0.85em; word-break: break-all; } .muted { color: #666; font-size: 0.9em; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }
        """
}
