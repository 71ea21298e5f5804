import ShishiCore

/// The words Swift code says itself (a refusal, a button, a link), named once: each is a key of
/// the site's table, so a page's text stays in one place, and ``Pages/load()`` refuses to start
/// a server whose table lacks one.
enum WordKey: String, CaseIterable {
    // The hall's (``Words``).
    case desk, countRoom, countersignTitle, paperTitle, screen, boothNeedsScript, codeInAddress, paperDone, admitted, admit, signInBooth
    case yes, no, tick, abstain, satisfied, basically, unsatisfied
    // The year's (``YearWords``).
    case projects, stageRegular, stageLookBack, active, firstPasswordPending, disabled

    /// Whether the key is the year's (else the hall's, which the year's pages share).
    var isYears: Bool { [.projects, .stageRegular, .stageLookBack, .active, .firstPasswordPending, .disabled].contains(self) }

    /// The keys missing from the tables: none, or the server does not start.
    static var missing: [WordKey] {
        allCases.filter { ($0.isYears ? YearWords.table[$0.rawValue] : Words.table[$0.rawValue]) == nil }
    }
}

extension Words {
    /// The word `key` (``WordKey/missing`` is checked when the server starts).
    static func text(_ key: WordKey) -> Text { table[key.rawValue] ?? YearWords.table[key.rawValue] ?? Text(key.rawValue, key.rawValue) }

    /// The word `key` in `language`.
    static func word(_ key: WordKey, _ language: Language) -> String { text(key)(language) }
}
