public import Foundation
import ShishiCore

/// A public site written as plain files that nginx, any web server or a CDN serves as they are
/// (`shishi publish`): the same pages the server shows the public, rendered from the same
/// templates, with the links a static copy needs (each language in its own folder, the
/// receipts in one small file a prefix).
///
/// Publishing again rewrites only the files whose bytes changed, each atomically (a new file
/// beside it, renamed over it, so a web server never serves half a page), and removes the files
/// an earlier publication wrote that this one no longer does. The list of files written is kept
/// in the site as ``listName``; nothing else in the folder is touched.
public final class StaticSite {
    /// The folder the site is written to.
    public let root: URL
    let pages: Pages
    /// The paths written so far by this publication, relative to the root.
    private var paths: Set<String> = []
    /// The paths the last publication wrote (``listName``), read once when this one starts.
    let writtenBefore: [String]
    private var summary = Summary()

    /// What a publication did.
    public struct Summary: Sendable, Equatable {
        /// Files written because they are new or their bytes changed.
        public var written = 0
        /// Files left as they were: the same bytes.
        public var unchanged = 0
        /// Files an earlier publication wrote that this one does not, removed.
        public var removed = 0
    }

    /// The file in the site listing what the last publication wrote.
    public static let listName = ".shishi-published"

    /// A site to be written in `root` (made if missing), with the server's templates.
    init(root: URL) async throws {
        self.root = root
        pages = try await Pages.load()
        try FileAccess.makeDirectory(root)
        let list = (try? String(contentsOf: root.appendingPathComponent(Self.listName), encoding: .utf8)) ?? ""
        writtenBefore = list.split(separator: "\n").map(String.init)
    }

    /// Writes `data` at `path` (relative, `/`-separated) unless the file there holds it already.
    func write(_ path: String, _ data: Data) throws {
        precondition(!path.hasPrefix("/") && !path.contains(".."))
        paths.insert(path)
        let url = root.appendingPathComponent(path)
        if let existing = try? Data(contentsOf: url), existing == data {
            summary.unchanged += 1
            return
        }
        try FileAccess.makeDirectory(url.deletingLastPathComponent())
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try FileAccess.create(temporary, data: data, durable: false)
        guard rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw ShishiError(
                .fileUnwritable, zh: "无法写入 \(url.path)：请检查目录权限和磁盘空间。",
                en: "Cannot write \(url.path): check the folder's permissions and the disk's free space.")
        }
        summary.written += 1
    }

    /// Writes a copy of the file at `source` at `path`.
    func copy(_ source: URL, to path: String) throws {
        try write(path, FileAccess.read(source))
    }

    /// Copies the server's static files (style sheet, scripts) into `static/`.
    func copyStaticFiles() throws {
        let folder = URL(fileURLWithPath: Pages.staticFolder)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".") {
            try copy(folder.appendingPathComponent(name), to: "static/\(name)")
        }
    }

    /// Ends the publication: removes what the last one wrote and this one did not, and keeps the
    /// list of what this one wrote.
    func finish() throws -> Summary {
        let listURL = root.appendingPathComponent(Self.listName)
        for path in writtenBefore where !paths.contains(path) && !path.contains("..") && !path.hasPrefix("/") {
            if unlink(root.appendingPathComponent(path).path) == 0 { summary.removed += 1 }
        }
        try FileAccess.replace(listURL, data: Data((paths.sorted().joined(separator: "\n") + "\n").utf8))
        return summary
    }

    /// The frame of a published page at `path` (the Chinese page's path, from the root, ending
    /// in `/` for a folder's `index.html`) in `language`: no one signed in, the language switch
    /// leading to the same page in the other language's folder (`en/` for English).
    func frame(path: String, language: Language, words: [String: String], siteTitle: String, title: Text) -> PageFrame {
        let other: Language = language == .zh ? .en : .zh
        return PageFrame(
            t: words, htmlLang: language.htmlTag, otherLang: other.rawValue, path: Self.href(path, in: language),
            languageHref: Self.href(path, in: other), voteTitle: siteTitle, pageTitle: title(language), session: nil)
    }

    /// The link to the page at `path` (its Chinese path) in `language`.
    static func href(_ path: String, in language: Language) -> String {
        language == .zh ? path : "/en" + path
    }

    /// The file of the page at `path` in `language`: `index.html` of its folder.
    static func file(_ path: String, in language: Language) -> String {
        let folder = href(path, in: language).dropFirst()
        return folder.isEmpty || folder.hasSuffix("/") ? folder + "index.html" : String(folder)
    }

    /// Writes `content` in `frame` as the page at `path` in `language`.
    func writePage(_ path: String, language: Language, frame: PageFrame, content: some PageContent) throws {
        var buffer = pages.render(frame, content)
        try write(Self.file(path, in: language), Data(buffer.readBytes(length: buffer.readableBytes) ?? []))
    }
}
