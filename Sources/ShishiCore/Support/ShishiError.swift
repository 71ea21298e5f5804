/// An error that says what was wrong and what to do, in Chinese and English.
///
/// Every refusal in shishi is a `ShishiError`: a stable machine-readable ``code`` (for scripts and
/// tests) and a one-line ``message`` for people.
public struct ShishiError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A stable identifier such as `manifest.notDifferential` (``ErrorCode/manifestNotDifferential``).
    public var code: ErrorCode
    /// What was wrong and what to do about it.
    public var message: Text

    /// Creates an error with a code and a bilingual message.
    public init(_ code: ErrorCode, _ message: Text) {
        self.code = code
        self.message = message
    }

    /// Creates an error with a code and a message given in Chinese and English.
    public init(_ code: ErrorCode, zh: String, en: String) {
        self.init(code, Text(zh, en))
    }

    /// The English message, prefixed by the code.
    public var description: String { "\(code): \(message.en)" }

    /// The message in `language`.
    public func localized(_ language: Language) -> String { message(language) }
}
