import ShishiCore
import ShishiFollowUp

/// A project's page.
struct ProjectPage: PageContent {
    static let template = Template.yearProject
    struct Milestone {
        var id: Int64
        var title: String
        var due: String
        var doneAt: String?
        var late: Bool
        /// How it is known to be done, as whoever marked it wrote it.
        var evidence: String?
        var files: [FileLink]
        var hasFiles: Bool
        /// The mark-done form, when the account may mark it (its date: today).
        var markForm: DatedForm?
        /// The office's form to move it, while it is still ahead (its date: the due date).
        var moveForm: DatedForm?
    }
    /// The office's setup forms: the details as they stand, the departments in use, and the
    /// roster's deputies not yet on the group.
    struct Setup {
        struct Deputy {
            var id: String
            var label: String
        }
        var csrf: String
        var department: String
        var lead: String
        var budget: String
        var targets: String
        var departments: [String]
        var deputies: [Deputy]
        var hasDeputies: Bool
    }
    /// A member of the project's monitoring group, as the page names them.
    struct Member {
        var name: String
        var leader: Bool
    }
    /// A form of the signed-in account with a date to start from.
    struct DatedForm {
        var csrf: String
        var today: String
    }
    struct Report {
        /// An earlier version of the report, replaced by a correction.
        /// (Its fields are named apart from the report's: a template looks a missing value up
        /// in the report around it.)
        struct Version {
            var date: String
            var by: String
            var earlierPercent: Int
            var earlierSpent: String?
            var earlierNarrative: String?
            var reason: String
        }
        /// The department's correction form, the report's values filled in.
        struct CorrectForm {
            var csrf: String
            var percent: Int
            var spent: String
            var narrative: String
        }
        var id: Int64
        var date: String
        var percent: Int
        var spent: String?
        var narrative: String
        var files: [FileLink]
        /// Every earlier version, oldest first.
        var versions: [Version]
        var hasVersions: Bool
        var correctForm: CorrectForm?
    }
    struct Inspection {
        var date: String
        var inspectors: String
        var findings: String
        /// The photos taken on site (named apart from the page's gallery).
        var inspectionPhotos: [FileLink]
        var hasInspectionPhotos: Bool
    }
    /// A form of the signed-in account: its token.
    struct Form {
        var csrf: String
    }
    struct Problem {
        var id: Int64
        var problem: String
        var responsible: String
        var deadline: String
        var status: String
        var late: Bool
        var resolution: String?
        var evidence: [FileLink]
        var hasEvidence: Bool
        /// The department's answer form, when the account may answer now.
        var answer: Form?
        /// The group's check form, when the account may check now.
        var check: Form?
        /// Every answer, send-back and close, oldest first, saying who wrote which.
        var history: [Step]
        var hasHistory: Bool
    }
    /// One step of a rectification's history.
    struct Step {
        var date: String
        var who: String
        var what: String
        var text: String?
    }
    struct InspectionForm {
        var csrf: String
        var today: String
        var rows: [Int]
    }
    struct ReportForm {
        var csrf: String
        var today: String
    }
    struct Month {
        var month: String
        var count: Int
    }
    struct Residents {
        var satisfied: Int
        var basically: Int
        var unsatisfied: Int
        var year: Int
    }
    /// A resident's accepted report, with every answer, and the answer form for an account that may answer.
    struct ResidentReport {
        var id: Int64
        var sentOn: String
        var reportText: String
        var answers: [ResidentAnswer]
        var hasAnswers: Bool
        var answerForm: Form?
    }
    struct RateForm {
        struct Choice {
            var value: String
            var title: String
        }
        var token: String
        var maximum: Int
        var choices: [Choice]
    }
    var project: ProjectRow
    var milestones: [Milestone]
    /// The deputy monitoring group.
    var group: [Member]
    var hasGroup: Bool
    /// The office's setup forms.
    var setup: Setup?
    /// The office's form to add a milestone.
    var addMilestone: DatedForm?
    /// What a form just did, in words.
    var doneNote: String?
    var reports: [Report]
    var inspections: [Inspection]
    var problems: [Problem]
    var hasProblems: Bool
    var inspectionForm: InspectionForm?
    var hotline: [Month]
    var reportForm: ReportForm?
    var rated: Bool
    var residents: Residents
    var rateForm: RateForm
    /// How the progress shown is computed.
    var progressHow: String
    /// The residents' accepted reports, newest first.
    var residentReports: [ResidentReport]
    var hasResidentReports: Bool
    /// One event of the project's timeline (its fields named apart from the page's).
    struct Event {
        var eventDate: String
        var what: String
        var detail: String?
        var section: String
    }
    /// What happened, newest first (``ProjectTimeline``).
    var timeline: [Event]
    var hasTimeline: Bool
    /// Every photo of the project together: reports', milestones' and rectifications'.
    var photos: [FileLink]
    var hasPhotos: Bool
}
