import ShishiCore

/// The refusal page of both sites: what was refused, in the visitor's language, and the way back.
struct RefusalPage: PageContent {
    static let template = Template.refusal
    /// The refusal in words (``ErrorPolicy/message(of:)``).
    var message: String
    /// Where the way back leads.
    var backHref: String
    /// Its words.
    var backLabel: String

    init<Context>(_ refusal: PageRefusals<Context>.Refusal, language: Language) {
        message = ErrorPolicy.message(of: refusal.error)(language)
        backHref = Site.sameSitePath(refusal.back.href) ?? "/"
        backLabel = refusal.back.label(language)
    }
}
