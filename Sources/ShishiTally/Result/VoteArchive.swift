public import Foundation
public import ShishiBallot
import ShishiCore

/// A vote folder packed as one `.tar.gz` for download: the public copy the board hands anyone, or
/// the full folder the people who recount receive (docs/ballot-format.md §12).
///
/// Files are listed in name order with no times or owners (the archive does not tell the order
/// in which ballots arrived, §3); private keys (`*.key`, which do not belong in a vote folder),
/// the lock and unfinished temporaries are never in it. Unpacked, either is a folder `shishi
/// verify` checks: the full folder by a recount, the public copy as far as it can without the
/// ballots (the verdict `partial`).
public enum VoteArchive {
    /// What an archive holds.
    public enum Contents: String, Sendable, CaseIterable {
        /// Every file but the ballots' marks: the manifest, the roster, the candidate list, public
        /// keys, the sign-in log and its seal, the close record and its trackers, the result, the
        /// counted trackers and the texts of the count. No `box/`, `box.jsonl`, `paper/` or
        /// imported file.
        case publicCopy = "public"
        /// The whole folder, ballots and paper batches included.
        case fullFolder = "full"
    }

    /// What the public may download of `vote`: the public copy when its manifest keeps the
    /// ballots' marks from the public (`publication` `count`), else the whole folder.
    public static func forPublic(_ vote: Vote) -> Contents {
        vote.manifest.publishes == .count ? .publicCopy : .fullFolder
    }

    /// The files a public copy may hold, relative to the folder (those present are packed).
    static let publicNames = [
        VoteFolder.Name.manifest, VoteFolder.Name.roster, VoteFolder.Name.candidateList, VoteFolder.Name.issuanceLog,
        VoteFolder.Name.issuanceSeal, VoteFolder.Name.boxClose, VoteFolder.Name.closedTrackers, VoteFolder.Name.result,
        VoteFolder.Name.countedTrackers, VoteFolder.Name.announcement, VoteFolder.Name.notice, VoteFolder.Name.report,
    ]

    /// The files of `vote`'s folder an archive of `contents` holds, relative to the folder, in
    /// byte order of their names.
    public static func files(of vote: Vote, _ contents: Contents) throws -> [String] {
        let root = vote.folder.url.standardizedFileURL
        var names: [String] = []
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let name = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let last = url.lastPathComponent
            if last.hasPrefix(".") || last.hasSuffix(".key") { continue }
            switch contents {
            case .fullFolder: names.append(name)
            case .publicCopy:
                if publicNames.contains(name) || (name.hasPrefix("keys/") && last.hasSuffix(".pub")) { names.append(name) }
            }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Packs `vote`'s folder as `contents` into `url` (the system's GNU tar and gzip), written to a
    /// temporary name beside it and renamed into place, so a reader never sees half an archive.
    /// Refuses (`file.exists`) to replace a file already at `url`.
    public static func write(_ vote: Vote, _ contents: Contents, to url: URL) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw ShishiError(
                .fileExists, zh: "\(url.path) 已经存在，shishi 不会覆盖它：请换一个文件名。",
                en: "\(url.path) already exists and shishi will not overwrite it: choose another name.")
        }
        let folderName = vote.folder.url.standardizedFileURL.lastPathComponent
        let list = try files(of: vote, contents).map { "\(folderName)/\($0)" }
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let listFile = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).list.tmp")
        defer {
            unlink(temporary.path)
            unlink(listFile.path)
        }
        let failure = ShishiError(
            .fileUnwritable, zh: "无法打包投票目录（tar 失败）：请检查 \(directory.path) 的空间与权限。",
            en: "Cannot pack the vote folder (tar failed): check the space and permissions of \(directory.path).")
        do {
            try Data(list.joined(separator: "\n").utf8 + [0x0A]).write(to: listFile)
        } catch {
            throw failure
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "tar", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner", "--no-recursion", "-czf", temporary.path,
            "-C", vote.folder.url.standardizedFileURL.deletingLastPathComponent().path, "--verbatim-files-from", "-T", listFile.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, link(temporary.path, url.path) == 0 else { throw failure }
    }
}
