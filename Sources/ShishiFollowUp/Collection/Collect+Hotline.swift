public import Foundation
import GRDB
import ShishiCore
public import ShishiStore

extension Collect {
    /// A topic the hotline's complaints point to: a complaint category, or a topic named in a
    /// keywords file, with how many of the year's complaints it holds.
    public struct HotlineTopic: Sendable, Equatable, Encodable {
        /// The topic: the complaints' category, or the keywords file's topic.
        public var topic: String
        /// How many complaints of the year it holds (each complaint once).
        public var complaints: Int
        /// The keywords that gathered complaints into it beyond its category, if any.
        public var keywords: [String]

        /// Creates a topic.
        public init(topic: String, complaints: Int, keywords: [String] = []) {
            self.topic = topic
            self.complaints = complaints
            self.keywords = keywords
        }

        /// The reference a topic is taken in under, so that it comes in once per call.
        public func reference(year: Int) -> String { "12345-\(year)-\(topic)" }
    }

    /// A keyword rule for hotline topics: complaints whose text or category mentions `keyword`
    /// belong to `topic` (besides their own category).
    public struct TopicKeyword: Sendable, Equatable {
        /// The topic.
        public var topic: String
        /// The keyword.
        public var keyword: String

        /// Creates a rule.
        public init(topic: String, keyword: String) {
            self.topic = topic
            self.keyword = keyword
        }
    }

    /// Reads a keywords file (`topic,keyword`, 主题,关键词; a topic may have several rows).
    public static func topicKeywords(_ data: Data, source: String) throws -> [TopicKeyword] {
        let table = try CSVTable(
            text: SheetFile.text(data, source: source), source: source,
            columns: [.init("topic", aliases: ["主题"]), .init("keyword", aliases: ["关键词"])])
        return try table.rows.map { row in
            let topic = row["topic"].trimmingCharacters(in: .whitespaces)
            let keyword = row["keyword"].trimmingCharacters(in: .whitespaces)
            guard !topic.isEmpty, !keyword.isEmpty else {
                throw ShishiError(
                    .collectBadRow, zh: "\(source) 第 \(row.line) 行：主题和关键词都不能为空。", en: "\(source) line \(row.line): a rule needs both a topic and a keyword.")
            }
            return TopicKeyword(topic: topic, keyword: keyword)
        }
    }

    /// The `top` topics of `year`'s hotline complaints, most complaints first (then by name): each
    /// complaint counts for its category and for every keyword topic whose keyword its text or
    /// category mentions; a topic named like a category holds both, each complaint once.
    public static func hotlineTopics(year: Int, top: Int, keywords: [TopicKeyword] = [], in workspace: Workspace) throws -> [HotlineTopic] {
        guard top >= 1 else {
            throw ShishiError(.collectBadSuggestion, zh: "--top 至少为 1（现为 \(top)）。", en: "--top must be at least 1 (it is \(top)).")
        }
        let complaints = try workspace.read { db in
            try Row.fetchAll(
                db, sql: "SELECT category, text FROM hotlineComplaint WHERE date >= ? AND date < ?", arguments: ["\(year)-01-01", "\(year + 1)-01-01"]
            ).map { (category: $0["category"] as String, text: $0["text"] as String) }
        }
        let byTopic = Dictionary(grouping: keywords, by: \.topic).mapValues { $0.map(\.keyword) }
        var counts: [String: Int] = [:]
        for complaint in complaints {
            var topics: Set<String> = complaint.category.isEmpty ? [] : [complaint.category]
            for (topic, words) in byTopic where words.contains(where: { complaint.text.contains($0) || complaint.category.contains($0) }) {
                topics.insert(topic)
            }
            for topic in topics { counts[topic, default: 0] += 1 }
        }
        return counts.map { HotlineTopic(topic: $0.key, complaints: $0.value, keywords: byTopic[$0.key] ?? []) }
            .sorted { ($0.complaints, $1.topic) > ($1.complaints, $0.topic) }
            .prefix(top).map { $0 }
    }

    /// Takes the `top` hotline topics of `year` in as suggestions (source `hotline`) to the call of
    /// `call`, received on `received`; a topic already taken in is skipped.
    public static func takeInHotlineTopics(
        year: Int, top: Int, keywords: [TopicKeyword] = [], call: Int, received: String, in workspace: Workspace
    ) throws -> Outcome {
        let topics = try hotlineTopics(year: year, top: top, keywords: keywords, in: workspace)
        let inputs = topics.map { topic in
            let words = topic.keywords.isEmpty ? "" : "（关键词：\(topic.keywords.joined(separator: "、"))）"
            return Input(
                reference: topic.reference(year: year), title: topic.topic,
                text: "\(year) 年 12345 热线“\(topic.topic)”相关工单 \(topic.complaints) 件\(words)。", source: .hotline, proposer: "12345",
                category: topic.topic, received: received, complaints: topic.complaints)
        }
        for input in inputs { try check(input, line: nil, source: nil) }
        return try takeIn(inputs.map { ($0, nil) }, call: call, source: nil, into: workspace)
    }
}
