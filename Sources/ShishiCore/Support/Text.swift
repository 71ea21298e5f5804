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
}
