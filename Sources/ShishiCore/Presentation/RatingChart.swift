import Foundation

/// A horizontal stacked bar chart of ratings (满意 / 基本满意 / 不满意 / 弃权 or not rated), one bar
/// per project, as inline SVG, with the line at half of the evaluators: what an evaluation round's
/// report and the yearly report draw.
public enum RatingChart {
    /// One bar: a label, the counts and, optionally, the grade written at its end.
    public struct Bar: Sendable {
        /// The label (project number and title).
        public var label: String
        /// The counts.
        public var counts: RatingCounts
        /// The grade, written after the bar.
        public var grade: Rating?

        /// Creates a bar.
        public init(label: String, counts: RatingCounts, grade: Rating?) {
            self.label = label
            self.counts = counts
            self.grade = grade
        }
    }

    /// The chart. Bars run over `total` (the evaluators, or at least the largest number of ratings
    /// cast); `line` marks the count a grade must exceed, if given.
    public static func svg(_ bars: [Bar], total: Int, line: Double?, language L: Language) -> String {
        let scale = Double(max(total, bars.map(\.counts.cast).max() ?? 0, 1))
        let label = L == .zh ? 300.0 : 330.0, barArea = 360.0, row = 24.0, top = 46.0, right = L == .zh ? 110.0 : 190.0
        let height = top + row * Double(bars.count) + 12
        func width(_ count: Int) -> Double { barArea * Double(count) / scale }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(label + barArea + right)) \(Int(height))\" width=\"100%\" font-size=\"12\" font-family=\"sans-serif\" role=\"img\" aria-label=\"\(Text("各项目测评", "ratings by project")(L))\">\n"
        // Colours as presentation attributes, not a <style> element: a page with a strict
        // Content-Security-Policy (the hall's) ignores inline styles.
        let fill = ["s": "#2e7d32", "b": "#9ccc65", "u": "#c62828"]
        let legend: [(String, String, String)] = [("s", "满意", "satisfied"), ("b", "基本满意", "basically satisfied"), ("u", "不满意", "unsatisfied")]
        var x = label
        for (kind, zh, en) in legend {
            svg +=
                "<rect class=\"\(kind)\" fill=\"\(fill[kind]!)\" x=\"\(Int(x))\" y=\"6\" width=\"12\" height=\"12\"/><text x=\"\(Int(x + 16))\" y=\"16\">\(HTML.escape(Text(zh, en)(L)))</text>\n"
            x += L == .zh ? 80 : 130
        }
        for (index, bar) in bars.enumerated() {
            let y = top + row * Double(index)
            let limit = L == .zh ? 20 : 34
            let short = bar.label.count > limit ? String(bar.label.prefix(limit - 1)) + "…" : bar.label
            svg += "<text x=\"\(label - 6)\" y=\"\(y + 16)\" text-anchor=\"end\">\(HTML.escape(short))</text>\n"
            svg += "<rect class=\"k\" fill=\"none\" stroke=\"#bbb\" x=\"\(label)\" y=\"\(y + 4)\" width=\"\(barArea)\" height=\"\(row - 8)\"/>\n"
            var start = label
            for (kind, count) in [("s", bar.counts.satisfied), ("b", bar.counts.basicallySatisfied), ("u", bar.counts.unsatisfied)] where count > 0 {
                svg +=
                    "<rect class=\"\(kind)\" fill=\"\(fill[kind]!)\" x=\"\(HTML.oneDecimal(start))\" y=\"\(y + 4)\" width=\"\(HTML.oneDecimal(width(count)))\" height=\"\(row - 8)\"><title>\(count)</title></rect>\n"
                start += width(count)
            }
            let figures = "\(bar.counts.satisfied)/\(bar.counts.basicallySatisfied)/\(bar.counts.unsatisfied)"
            svg += "<text x=\"\(Int(label + barArea + 6))\" y=\"\(y + 16)\">\(figures)\(bar.grade.map { " " + HTML.escape($0.title(L)) } ?? "")</text>\n"
        }
        if let line {
            let lineX = HTML.oneDecimal(label + barArea * line / scale)
            svg +=
                "<line x1=\"\(lineX)\" x2=\"\(lineX)\" y1=\"\(top - 4)\" y2=\"\(height - 8)\" stroke=\"#1565c0\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\n"
            svg += "<text x=\"\(lineX)\" y=\"\(top - 8)\" text-anchor=\"middle\" fill=\"#1565c0\">\(HTML.escape(Text("半数", "half")(L)))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }
}
