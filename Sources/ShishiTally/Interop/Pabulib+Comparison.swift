public import ShishiCore

extension Pabulib {
    /// shishi's selection beside the projects an imported file marks as selected (funded).
    public struct Comparison: Sendable, Equatable {
        /// The projects the file marks as selected, by the file's ids, in file order.
        public var fileSelected: [String]
        /// The projects shishi adopts, by the file's ids, in rank order.
        public var adopted: [String]
        /// The projects tied where the order among them decides, when the count ends in a tie.
        public var tied: [String]
        /// The file's rule, when it names one other than `greedy`.
        public var rule: String?

        /// Creates a comparison.
        public init(fileSelected: [String], adopted: [String], tied: [String], rule: String?) {
            self.fileSelected = fileSelected
            self.adopted = adopted
            self.tied = tied
            self.rule = rule
        }

        /// Whether shishi adopts exactly what the file selected, with no tie left open.
        public var agrees: Bool { tied.isEmpty && Set(fileSelected) == Set(adopted) }

        /// Projects the file selected that shishi does not adopt.
        public var onlyInFile: [String] { fileSelected.filter { !adopted.contains($0) } }

        /// Projects shishi adopts that the file did not select.
        public var onlyInShishi: [String] { adopted.filter { !fileSelected.contains($0) } }

        /// The comparison in words, one line: agreement, or what differs.
        public var text: Text {
            if agrees {
                return Text(
                    "与文件的 selected 列一致：同样选中 \(adopted.count) 个项目。", "Agrees with the file's selected column: the same \(adopted.count, noun: "project").")
            }
            var zh: [String] = []
            var en: [String] = []
            if !tied.isEmpty {
                zh.append("项目 \(tied.joined(separator: "、")) 同票，须另行决定")
                en.append("projects \(tied.joined(separator: ", ")) tie and are left to a run-off")
            }
            if !onlyInFile.isEmpty {
                zh.append("文件选中而 shishi 未选：\(onlyInFile.joined(separator: "、"))")
                en.append("selected by the file, not by shishi: \(onlyInFile.joined(separator: ", "))")
            }
            if !onlyInShishi.isEmpty {
                zh.append("shishi 选中而文件未选：\(onlyInShishi.joined(separator: "、"))")
                en.append("adopted by shishi, not selected by the file: \(onlyInShishi.joined(separator: ", "))")
            }
            if let rule {
                zh.append("文件的规则是 \(rule)，shishi 按 greedy 规则计票")
                en.append("the file's rule is \(rule); shishi counts by the greedy rule")
            }
            return Text(
                "与文件的 selected 列不一致：" + zh.joined(separator: "；") + "。",
                "Differs from the file's selected column: " + en.joined(separator: "; ") + ".")
        }
    }
}
