public import Foundation
public import ShishiBallot
import ShishiCore
public import ShishiTally
import Synchronization

/// The public bulletin board's data (公示): the published result and its counted trackers, read
/// once and kept while `result.json` stays as it is (a countersignature changes it, and it is
/// read again), so that a receipt is answered without reading the box or the tracker list again;
/// and the archive of the folder's public files for an offline recount.
public final class Board: Sendable {
    /// The vote.
    public let vote: Vote
    private let archiveFolder: URL

    /// A result as read, with what identifies the file it came from.
    public struct Published: Sendable {
        /// The result.
        public var result: TallyResult
        /// Who has countersigned it.
        public var signers: [String]
        /// Its counted trackers, sorted.
        public var trackers: TrackerList
        /// The size and modification time of `result.json` when read.
        var stamp: [Int]
    }

    private let cache = Mutex<Published?>(nil)
    private let archiving = Mutex(())

    /// The board of `vote`; archives are made in `stateFolder`.
    public init(vote: Vote, stateFolder: URL) {
        self.vote = vote
        archiveFolder = stateFolder.appendingPathComponent("archives")
    }

    /// The published result, read again only when `result.json` has changed; `nil` before the count.
    public func published() throws -> Published? {
        let file = ResultFile(vote: vote)
        guard let stamp = Self.stamp(vote.folder.resultURL) else { return nil }
        if let cached = cache.withLock({ $0 }), cached.stamp == stamp { return cached }
        let (envelope, result) = try file.read()
        let loaded = Published(result: result, signers: file.signers(envelope).names, trackers: try file.countedTrackers().indexedForProofs(), stamp: stamp)
        cache.withLock { $0 = loaded }
        return loaded
    }

    /// The receipts of the ballots whose trackers begin with `prefix`: counted (with inclusion
    /// proofs), set aside or rejected (with the reason). The visitor's browser asks with a few
    /// digits and picks its own, so the server does not learn which ballot it holds.
    public func receipts(withPrefix prefix: String) throws -> [Receipt] {
        guard let published = try published() else {
            throw ShishiError(.resultMissing, zh: "还没有计票结果：计票后再核对跟踪码。", en: "There is no result yet: check the tracker after the count.")
        }
        return try Receipt.all(withPrefix: prefix, result: published.result, trackers: published.trackers)
    }

    /// The folder as one `.tar.gz` (``VoteArchive``), made once per state of `result.json` and
    /// kind of archive: the public copy or the full folder. The board hands the public the archive
    /// the manifest allows (``VoteArchive/forPublic(_:)``); the full folder of a vote that keeps its
    /// marks from the public goes only to signed-in scrutineers and the secretariat.
    public func archive(_ contents: VoteArchive.Contents) throws -> URL {
        guard let stamp = Self.stamp(vote.folder.resultURL) else {
            throw ShishiError(.resultMissing, zh: "还没有计票结果：计票后才能下载投票目录。", en: "There is no result yet: the folder downloads after the count.")
        }
        let name = "\(vote.hash.hex.prefix(16))-\(contents.rawValue)-\(stamp.map(String.init).joined(separator: "-")).tar.gz"
        let url = archiveFolder.appendingPathComponent(name)
        return try archiving.withLock { _ in
            if FileManager.default.fileExists(atPath: url.path) { return url }
            try FileAccess.makeDirectory(archiveFolder)
            try VoteArchive.write(vote, contents, to: url)
            return url
        }
    }

    private static func stamp(_ url: URL) -> [Int]? {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return nil }
        return [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec)]
    }
}
