import Mustache

/// What every page shows around its own content: the words, the language, the site's and the
/// page's titles, and who is signed in (``Site/frame(_:words:siteTitle:title:signedIn:)``).
struct PageFrame {
    /// The words of the site, in the visitor's language (`{{t.key}}`).
    var t: [String: String]
    /// The page's `lang` (`zh-CN`, `en`).
    var htmlLang: String
    /// The other language, for the switch (`zh`, `en`).
    var otherLang: String
    /// The page's path, for the language switch to come back to.
    var path: String
    /// Where the language switch leads: the server's `/lang`, which sets the language and comes
    /// back to `path`; in a published copy, the same page in the other language's folder.
    var languageHref: String
    /// The site's title (the vote's, or the year's).
    var voteTitle: String
    /// The page's title.
    var pageTitle: String
    /// Who is signed in, or `nil`.
    var session: SignedIn?
    /// A class for the page's body (the big screen's, a printable sign's), or `nil`.
    var bodyClass: String?
    /// What the site's own links begin with: nothing on the server (the language is a cookie);
    /// `/en` on the English pages of a published copy, which live in their own folder.
    var home = ""
    /// Whether this is a published copy (plain files): forms that need the server are left out.
    var published = false

    /// Who is signed in, as the header shows it, and the session's form token.
    struct SignedIn {
        var account: String
        var who: String
        var csrf: String
    }
}

/// A page's own values: a struct whose properties are the names its template reads.
protocol PageContent {
    /// The template that shows it.
    static var template: Template { get }
}

/// A page as its template reads it: the page's own values first (``PageContent``), then the
/// frame's. Neither is a dictionary: a page's fields are the properties of its struct.
struct Page: MustacheParent {
    let frame: PageFrame
    let content: any PageContent

    func child(named name: String) -> Any? {
        Mirror(reflecting: content).value(named: name) ?? Mirror(reflecting: frame).value(named: name)
    }
}

extension Mirror {
    /// The value of the property `name`, an optional's wrapped value (`nil` when it holds none).
    func value(named name: String) -> Any? {
        guard let value = children.first(where: { $0.label == name })?.value else { return nil }
        let inner = Mirror(reflecting: value)
        guard inner.displayStyle == .optional else { return value }
        return inner.children.first?.value
    }
}
