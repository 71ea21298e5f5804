import ShishiCore

/// Every template of the servers, named once: a handler renders a case, never a string, and
/// ``Pages/load()`` refuses to start the server when one is missing or reads a word its site does
/// not have.
enum Template: String, CaseIterable, Sendable {
    // The hall's pages.
    case board, booth, count, countersign, desk, home, paper, screen, trackers
    // The year's pages.
    case collection, officeCollection = "office-collection", year, yearCode = "year-code", yearDone = "year-done"
    case yearFeedback = "year-feedback", yearOffice = "year-office", yearProject = "year-project", yearVote = "year-vote"
    case yearAccounts = "year-accounts", yearPassword = "year-password", yearLookup = "year-lookup", yearSigns = "year-signs"
    // Both sites' refusal page, and the pieces pages include.
    case refusal, head, foot, figures, result, fileLink = "file-link", yearRows = "year-rows"

    /// Which site's words (`{{t.key}}`) a template may read: the hall's are every page's; the
    /// year's add their own (``YearWords``).
    enum Words {
        case hall, year
    }

    /// The words the template may read.
    var words: Words {
        switch self {
        case .collection, .officeCollection, .year, .yearCode, .yearDone, .yearFeedback, .yearOffice, .yearProject, .yearVote, .fileLink, .yearRows,
            .yearAccounts, .yearPassword, .yearLookup, .yearSigns:
            .year
        default: .hall
        }
    }

    /// The keys of `words` a template's text reads (`{{t.key}}`, `{{#t.key}}`…) that are not there.
    static func unknownWords(in text: String, words: Set<String>) -> [String] {
        var unknown: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let tag = rest.drop { "#^/&{ ".contains($0) }
            guard tag.hasPrefix("t.") else { continue }
            let key = tag.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !words.contains(String(key)), !unknown.contains(String(key)) { unknown.append(String(key)) }
        }
        return unknown
    }
}
