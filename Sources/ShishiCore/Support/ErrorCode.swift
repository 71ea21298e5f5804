/// The codes of shishi's errors: stable identifiers for scripts and tests, each declared once.
///
/// A ``ShishiError`` carries one with its message; the text of a code (`rawValue`) never
/// changes between versions, its message may.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The code as written, such as `ballot.tooManyYes`.
    public let rawValue: String

    /// A code from its text.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The code as written.
    public var description: String { rawValue }

    /// Whether the code is written `text` (for tests and scripts that hold codes as text).
    public static func == (code: ErrorCode, text: String) -> Bool { code.rawValue == text }
}

extension ErrorCode {
    /// `crypto.openssl`: OpenSSL failed to ….
    public static let cryptoOpenssl = ErrorCode(rawValue: "crypto.openssl")
}

extension ErrorCode {
    /// `csv.duplicateColumn`: … line ….
    public static let csvDuplicateColumn = ErrorCode(rawValue: "csv.duplicateColumn")
    /// `csv.empty`: ….
    public static let csvEmpty = ErrorCode(rawValue: "csv.empty")
    /// `csv.emptyCell`: … line ….
    public static let csvEmptyCell = ErrorCode(rawValue: "csv.emptyCell")
    /// `csv.encoding`: ….
    public static let csvEncoding = ErrorCode(rawValue: "csv.encoding")
    /// `csv.malformed`: ….
    public static let csvMalformed = ErrorCode(rawValue: "csv.malformed")
    /// `csv.missingColumn`: … line ….
    public static let csvMissingColumn = ErrorCode(rawValue: "csv.missingColumn")
    /// `csv.unclosedQuote`: … line ….
    public static let csvUnclosedQuote = ErrorCode(rawValue: "csv.unclosedQuote")
    /// `csv.unknownColumn`: … line ….
    public static let csvUnknownColumn = ErrorCode(rawValue: "csv.unknownColumn")
    /// `csv.wrongFieldCount`: … line ….
    public static let csvWrongFieldCount = ErrorCode(rawValue: "csv.wrongFieldCount")
}

extension ErrorCode {
    /// `demo.noExample`: Cannot find the example vote ballots/example.
    public static let demoNoExample = ErrorCode(rawValue: "demo.noExample")
}

extension ErrorCode {
    /// `file.exists`: … already exists and shishi will not overwrite it.
    public static let fileExists = ErrorCode(rawValue: "file.exists")
    /// `file.missing`: No such file.
    public static let fileMissing = ErrorCode(rawValue: "file.missing")
    /// `file.unreadable`: Cannot read ….
    public static let fileUnreadable = ErrorCode(rawValue: "file.unreadable")
    /// `file.unwritable`: Cannot write … (…))).
    public static let fileUnwritable = ErrorCode(rawValue: "file.unwritable")
}

extension ErrorCode {
    /// `format.unknownVersion`: ….
    public static let formatUnknownVersion = ErrorCode(rawValue: "format.unknownVersion")
}

extension ErrorCode {
    /// `hash.malformed`: Unrecognised hash “…)”.
    public static let hashMalformed = ErrorCode(rawValue: "hash.malformed")
}

extension ErrorCode {
    /// `json.badValue`: ….
    public static let jsonBadValue = ErrorCode(rawValue: "json.badValue")
    /// `json.duplicateKey`: ….
    public static let jsonDuplicateKey = ErrorCode(rawValue: "json.duplicateKey")
    /// `json.encoding`: ….
    public static let jsonEncoding = ErrorCode(rawValue: "json.encoding")
    /// `json.malformed`: ….
    public static let jsonMalformed = ErrorCode(rawValue: "json.malformed")
    /// `json.missingField`: ….
    public static let jsonMissingField = ErrorCode(rawValue: "json.missingField")
    /// `json.notCanonical`: ….
    public static let jsonNotCanonical = ErrorCode(rawValue: "json.notCanonical")
    /// `json.unknownField`: ….
    public static let jsonUnknownField = ErrorCode(rawValue: "json.unknownField")
    /// `json.wrongType`: ….
    public static let jsonWrongType = ErrorCode(rawValue: "json.wrongType")
}

extension ErrorCode {
    /// `key.malformed`: This is not a valid Ed25519 public key (expected 32 bytes).
    public static let keyMalformed = ErrorCode(rawValue: "key.malformed")
    /// `key.tooSmall`: The registrar's RSA key has … bits;
    public static let keyTooSmall = ErrorCode(rawValue: "key.tooSmall")
    /// `key.wrongKind`: … is a … \(isPrivate ?
    public static let keyWrongKind = ErrorCode(rawValue: "key.wrongKind")
}

extension ErrorCode {
    /// `signature.invalid`: ….
    public static let signatureInvalid = ErrorCode(rawValue: "signature.invalid")
}

extension ErrorCode {
    /// `simulate.badPlan`
    public static let simulateBadPlan = ErrorCode(rawValue: "simulate.badPlan")
}

extension ErrorCode {
    /// `suite.unknown`: Unknown signature suite “…”.
    public static let suiteUnknown = ErrorCode(rawValue: "suite.unknown")
}
