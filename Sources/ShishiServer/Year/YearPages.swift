import ShishiCore
import ShishiFollowUp

/// The year's pages, each a struct its template reads (``PageContent``), and the pieces several
/// of them show.
/// One project as a list shows it (`year-rows.mustache`), and, on its own page, its details.
struct ProjectRow {
    var id: Int64
    var title: String
    var department: String
    var status: String
    var statusKey: String
    var overdue: Bool
    var percent: Int
    var planned: Int
    var milestonesDone: Int
    var milestones: Int
    var spent: String?
    var grade: String?
    // The project's own page adds these.
    var lead: String?
    var budget: String?
    var targets: String?
    var combined: String?
}

/// A stored file as a page links it (`/file/HASH`, shown inline when it is an image): a
/// report's attachment and a rectification's evidence alike.
struct FileLink {
    var name: String
    var hash: String
    var image: Bool

    init(name: String, sha256: String) {
        self.name = name
        hash = sha256
        image = YearRoutes.imageType(name) != nil
    }
}

/// A choice of a filter: a department or a status.
struct FilterChoice {
    var key: String
    var name: String
    var title: String
    var selected: Bool
}

/// The public list: every project, those needing attention first, filtered.
struct ListPage: PageContent {
    static let template = Template.year
    var rows: [ProjectRow]
    var empty: Bool
    var departments: [FilterChoice]
    var statuses: [FilterChoice]
    var today: String
    /// The words searched for, as typed.
    var query: String
    /// Projects exist, but none answers the search and filters.
    var noMatch: Bool
}

/// A project's 民生码 as a printable sign.
struct CodePage: PageContent {
    static let template = Template.yearCode
    var project: ProjectRow
    var qr: String
    var target: String
}

/// Every project's 民生码 at once, one A4 sheet each when printed.
struct SignsPage: PageContent {
    static let template = Template.yearSigns
    struct Sign {
        var project: ProjectRow
        var qr: String
        var target: String
    }
    var signs: [Sign]
}

/// The office: the login form, or the board of the projects the account sees.
struct OfficePage: PageContent {
    static let template = Template.yearOffice
    /// The login form's token, when no one is signed in.
    var loginToken: String?
    var rows: [ProjectRow] = []
    var hasRows = false
    var isOffice = false
    var hallVote = false
    var csrf: String?
    var uploadLimit: Int?
    /// The projects needing attention, when there are any.
    var attention: Int?
    /// What needs attention, each with a link to where it is dealt with.
    var attentionItems: [Link] = []
    /// What waits for the office's review (residents' reports, online suggestions).
    var waiting: [Link] = []
    var hasWaiting = false
    /// A line of a list that leads somewhere.
    struct Link {
        var href: String
        var text: String
    }
    var today: String?
    /// Whose projects the board shows.
    var scope: String?
    /// For the office: why printed 民生码 would not work (they lead to this machine itself).
    var codeWarning: String?
}

/// What was done, in words (an upload).
struct DonePage: PageContent {
    static let template = Template.yearDone
    var message: String
}

/// The office's review of residents' problems, and their ratings by project.
struct FeedbackPage: PageContent {
    static let template = Template.yearFeedback
    struct Pending {
        var id: Int64
        var project: Int64
        var title: String
        var text: String
        var at: String
    }
    struct Counts {
        var project: Int64
        var title: String
        var satisfied: Int
        var basically: Int
        var unsatisfied: Int
        /// All its ratings.
        var total: Int
        /// Fewer than ``Scores/fewRatings``: a score from them says little.
        var thin: Bool
    }
    var pending: [Pending]
    var counts: [Counts]
    var year: Int
    var csrf: String
    var done: String?
    /// How many projects have too few ratings for a score to mean much, in words.
    var thinWarning: String?
}

/// The hall's vote as the office sees it from the year.
struct VotePage: PageContent {
    static let template = Template.yearVote
    struct Stage {
        var key: String
        var title: String
    }
    var title: String
    var kind: String
    var evaluation: Bool
    var hallAddress: String
    var stage: String
    /// How it was taken in, once it was.
    var takenIn: String?
    /// Counted and not yet taken in: the form is shown.
    var counted: Bool
    var year: Int
    var csrf: String
    var stages: [Stage]
    var done: String?
}

/// The public page of the latest call for suggestions.
struct CollectionPage: PageContent {
    static let template = Template.collection
    struct Call {
        var year: Int
        var until: String
        var stage: String
        var seats: Int?
    }
    struct SuggestForm {
        var token: String
        var maxTitle: Int
        var maxText: Int
    }
    struct Choice {
        var value: String
        var title: String
    }
    struct CommentForm {
        var token: String
        var choices: [Choice]
        var max: Int
    }
    struct Draft {
        var id: Int64
        var position: Int
        var title: String
        var text: String?
        var suggestions: Int
        var deputies: Int
        var complaints: Int
        var support: Int
        var oppose: Int
        var opinion: Int
        var department: String
        var cost: String?
        var commentForm: CommentForm?
    }
    struct Candidate {
        var id: String
        var title: String
        var department: String
        var cost: String
    }
    struct List {
        var hash: String
        var seats: Int
        var candidates: [Candidate]
    }
    var call: Call
    var suggestForm: SuggestForm?
    var commentsUntil: String?
    var shortlist: [Draft]?
    var list: List?
    var sent: Bool
    var commented: Bool
}

/// The office's collection work.
struct OfficeCollectionPage: PageContent {
    static let template = Template.officeCollection
    struct Pending {
        var id: Int64
        var title: String
        var text: String
        var district: String?
        var at: String
    }
    struct Unanswered {
        var id: Int64
        var title: String
        var text: String
        var source: String
        var by: String
        var complaints: Int?
    }
    struct Screening {
        var passed: Bool
        var department: String
        var cost: String
        var reason: String
    }
    struct Draft {
        var id: Int64
        var title: String
        var suggestions: Int
        var deputies: Int
        var complaints: Int
        var screening: Screening?
    }
    /// The shortlist once published, with its comments, the next step and the form that fixes
    /// the candidate list with the secretariat's key file (collect-fix.js).
    struct Shortlisted {
        struct Entry {
            var position: Int
            var draftId: Int64
            var draftTitle: String
            var department: String
            var cost: String
            var support: Int
            var oppose: Int
            var opinion: Int
        }
        var entries: [Entry]
        var commentsUntil: String
        var nextStep: String
        /// The call's seats, as the fix form starts from.
        var callSeats: String
        /// The whole shortlist, as the fix form starts from.
        var listed: Int
    }
    /// The candidate list once fixed.
    struct FixedList {
        struct Candidate {
            var candidateId: String
            var candidateTitle: String
            var department: String
        }
        var hash: String
        var listSeats: Int
        var fixedOn: String
        var candidates: [Candidate]
        var nextStep: String
    }
    var year: Int
    var csrf: String
    var pending: [Pending]
    var done: String?
    /// Whether the call is still being worked (open or screening).
    var work = false
    var unanswered: [Unanswered] = []
    var drafts: [Draft] = []
    /// The seats the shortlist is published for (the call's, to start from).
    var seats = ""
    /// How many drafts passed screening.
    var passedCount = 0
    var shortlisted: Shortlisted?
    var fixedList: FixedList?
}
