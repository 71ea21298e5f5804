public import Foundation
public import ShishiBallot
import ShishiCore
import ShishiTally

extension StaticSite {
    /// Publishes the public board of the vote in `folder` (after the rounds in `earlier`, oldest
    /// first) into `site`: the board in Chinese (`board/`) and English (`en/board/`), the
    /// receipts for the page's check split by the prefix the page asks with
    /// (`board/receipts/<prefix>.json`, one file for every prefix, as the server's
    /// `/api/receipt` answers it), the counted trackers, the public archive and the static
    /// files. A site with nothing else gets an `index.html` leading to the board.
    ///
    /// What the published files tell their server is what `/api/receipt` tells shishi's: the
    /// prefix of a tracker asked about, shared by a dozen ballots or more. Times are shown in
    /// `timeZone`, as the hall's server shows them.
    public static func publishBoard(vote folder: URL, earlier: [URL] = [], to site: URL, timeZone: TimeZone = ServerConfiguration.defaultTimeZone)
        async throws -> Summary
    {
        let (vote, rounds) = try openBoard(vote: folder, earlier: earlier)
        let writer = try await StaticSite(root: site)
        try writer.writeBoard(vote: vote, earlier: rounds, timeZone: timeZone)
        if !FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path) || writer.wroteIndexBefore {
            try writer.write("index.html", Data(Self.leadingTo("/board/", title: vote.manifest.title).utf8))
        }
        try writer.copyStaticFiles()
        return try writer.finish()
    }

    /// Whether the last publication wrote the site's `index.html` (a board-only site's).
    var wroteIndexBefore: Bool { writtenBefore.contains("index.html") }

    /// The vote in `folder` and the rounds in `earlier` (oldest first), opened before anything is
    /// written: a folder that is not a vote leaves the site as it was.
    static func openBoard(vote folder: URL, earlier: [URL]) throws -> (vote: Vote, earlier: [Vote]) {
        (try VoteFolder(url: folder).open(), try earlier.map { try VoteFolder(url: $0).open() })
    }

    /// Writes the board of `vote` after the rounds of `earlier`; the boards' state (their kept
    /// pages) lives in a temporary folder removed afterwards.
    func writeBoard(vote: Vote, earlier: [Vote], timeZone: TimeZone) throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        try writeBoard(Board(vote: vote, stateFolder: state), earlier: earlier.map { Board(vote: $0, stateFolder: state) }, timeZone: timeZone)
    }

    /// A page that leads to `path` at once.
    static func leadingTo(_ path: String, title: String) -> String {
        """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=\(path)">
        <title>\(HTML.escape(title))</title></head>
        <body><p><a href="\(path)">\(HTML.escape(title))</a></p></body></html>

        """
    }

    /// Writes the board of `board` after the rounds of `earlier`.
    func writeBoard(_ board: Board, earlier: [Board], timeZone: TimeZone) throws {
        let vote = board.vote
        let published = try board.published()
        for language in Language.allCases {
            var page = try BoardArea.page(of: board, earlier: earlier, language: language, timeZone: timeZone)
            page.receiptsBase = "/board/receipts/"
            page.trackersHref = "/board/\(VoteFolder.Name.countedTrackers)"
            page.archiveHref = "/board/archive.tar.gz"
            let frame = frame(
                path: "/board/", language: language, words: Words.all(language), siteTitle: vote.manifest.title, title: Text("公示", "Public board"))
            try writePage("/board/", language: language, frame: frame, content: page)
        }
        guard let published else { return }
        try copy(vote.folder.url.appendingPathComponent(VoteFolder.Name.countedTrackers), to: "board/\(VoteFolder.Name.countedTrackers)")
        try copy(board.archive(VoteArchive.forPublic(vote)), to: "board/archive.tar.gz")
        // Every prefix of the page's length has its file, an empty list where no ballot begins so:
        // a missing file would tell apart the prefixes that hold ballots.
        let length = Receipt.prefixLength(counted: published.trackers.count)
        var prefixes = [""]
        for _ in 0..<length { prefixes = prefixes.flatMap { prefix in "0123456789abcdef".map { prefix + String($0) } } }
        // Made on every core, a few hundred prefixes at a time (a million ballots' receipts are
        // two gigabytes), and written in order.
        for start in stride(from: 0, to: prefixes.count, by: 256) {
            let batch = Array(prefixes[start..<min(start + 256, prefixes.count)])
            let encoded = try parallelMap(batch) { prefix in try StrictJSON.encode(BoardArea.Receipts(receipts: board.receipts(withPrefix: prefix))) }
            for (prefix, data) in zip(batch, encoded) { try write("board/receipts/\(prefix).json", data) }
        }
    }
}
