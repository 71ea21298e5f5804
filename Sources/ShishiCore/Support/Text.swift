/// A language for people-facing output: Chinese by default, English on request.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Simplified Chinese (the default).
    case zh
    /// English.
    case en
}

/// A piece of people-facing text in both of shishi's languages.
///
/// Messages are written in both languages where they are made, so that an error raised deep in a
/// library reads right whichever `--lang` the command was given.
public struct Text: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Chinese text.
    public var zh: String
    /// The English text.
    public var en: String

    /// Creates a text from its Chinese and English versions.
    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        language == .zh ? zh : en
    }

    /// The English text (for logs and debugging).
    public var description: String { en }

    /// The text without its final full stop (`。` or `.`), to stand as a clause inside another
    /// sentence: "The ballot does not pass the checks: \(reason.clause.en)." ends with one stop,
    /// whether the reason was a sentence or a phrase.
    public var clause: Text {
        Text(Self.droppingStop(zh, "。"), Self.droppingStop(en, "."))
    }

    private static func droppingStop(_ text: String, _ stop: Character) -> String {
        text.last == stop && !text.hasSuffix("..") ? String(text.dropLast()) : text
    }
}

extension Language {
    /// The colon that ends a label: `：` in Chinese, `: ` in English.
    public var colon: String { Text("：", ": ")(self) }
    /// The comma between clauses: `，` or `, `.
    public var comma: String { Text("，", ", ")(self) }
    /// `text` in brackets after a word: `（text）` or ` (text)`.
    public func parenthesized(_ text: String) -> String { Text("（\(text)）", " (\(text))")(self) }
    /// The language's tag for HTML's `lang` attribute: `zh-CN` or `en`.
    public var htmlTag: String { Text("zh-CN", "en")(self) }
    /// The title of something named in Chinese and, optionally, in English: the English title
    /// in English when there is one, else the Chinese.
    public func title(_ chinese: String, english: String?) -> String {
        self == .en ? (english.flatMap { $0.isEmpty ? nil : $0 } ?? chinese) : chinese
    }
}

extension DefaultStringInterpolation {
    /// A count and an English noun that agree: `"\(1, noun: "ballot")"` is "1 ballot",
    /// `"\(2, noun: "ballot")"` "2 ballots", `"\(3, noun: "box")"` "3 boxes".
    ///
    /// Only English needs it; Chinese counts with a measure word that never changes.
    public mutating func appendInterpolation(_ count: Int, noun: String) {
        appendLiteral("\(count) ")
        appendLiteral(count == 1 ? noun : English.plural(of: noun))
    }

    /// A count, its noun and the verb they govern, agreeing: `"\(1, noun: "ballot", verb: "are")"`
    /// is "1 ballot is", with 2 "2 ballots are". Give the verb in its plural form.
    public mutating func appendInterpolation(_ count: Int, noun: String, verb: String) {
        appendInterpolation(count, noun: noun)
        appendLiteral(" " + (count == 1 ? English.singular(ofVerb: verb) : verb))
    }

    /// A count standing alone as a subject and its verb: `"\(1, verb: "were") present"` is
    /// "1 was present".
    public mutating func appendInterpolation(_ count: Int, verb: String) {
        appendLiteral("\(count) " + (count == 1 ? English.singular(ofVerb: verb) : verb))
    }
}

/// English grammar the messages need.
public enum English {
    /// The plural of a regular English noun: "ballot" → "ballots", "box" → "boxes",
    /// "deputy" → "deputies".
    public static func plural(of noun: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if noun.hasSuffix("y"), let before = noun.dropLast().last, !vowels.contains(before) {
            return noun.dropLast() + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: { noun.hasSuffix($0) }) {
            return noun + "es"
        }
        return noun + "s"
    }

    /// The third-person singular of a verb given in its plural form: "are" → "is",
    /// "were" → "was", "share" → "shares".
    public static func singular(ofVerb verb: String) -> String {
        switch verb {
        case "are": "is"
        case "were": "was"
        case "have": "has"
        case "do": "does"
        default: plural(of: verb)
        }
    }
}
