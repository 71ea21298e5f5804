public import Foundation
import ShishiCore

/// A vote folder: the signed record of one round, checkable offline from its files alone.
///
/// ```
/// DIR/manifest.json       the vote's definition, signed by the secretariat
/// DIR/roster.csv          the deputies, named in the manifest by hash
/// DIR/issuance/log.jsonl  the registrar's hash-chained sign-in log
/// DIR/issuance.json       its seal (counts and chain head), signed by the registrar
/// DIR/box/<tracker>.json  one signed file per electronic ballot
/// DIR/paper/box-N.json    one signed batch per paper ballot box
/// DIR/box.jsonl           electronic ballots in one file, one per line (bulk imports)
/// DIR/result.json         the count, countersigned; DIR/counted-trackers.txt its trackers
/// DIR/announcement.txt, notice.txt, report.html   the texts of the count
/// ```
///
/// Every name is spelled here, in ``Name``, and nowhere else.
public struct VoteFolder: Sendable {
    /// The names of a vote folder's files, relative to the folder.
    public enum Name {
        /// `manifest.json`: the vote's definition, signed by the secretariat.
        public static let manifest = "manifest.json"
        /// `roster.csv`: the deputies.
        public static let roster = "roster.csv"
        /// The signed candidate list the candidates come from, when they do.
        public static let candidateList = CandidateList.fileName
        /// `issuance/log.jsonl`: the registrar's running log.
        public static let issuanceLog = "issuance/log.jsonl"
        /// `issuance.json`: the sealed log.
        public static let issuanceSeal = "issuance.json"
        /// `box`: one file per electronic ballot.
        public static let box = "box"
        /// `box.jsonl`: electronic ballots, one per line.
        public static let bundle = "box.jsonl"
        /// `paper`: the paper batches and their entry sheets.
        public static let paper = "paper"
        /// `result.json`: the signed result.
        public static let result = "result.json"
        /// The close record: signed by the secretariat when voting closes.
        public static let boxClose = "close.json"
        /// The trackers of the electronic ballots in the box when it was closed.
        public static let closedTrackers = "closed-trackers.txt"
        /// `counted-trackers.txt`: the sorted trackers the box digest covers.
        public static let countedTrackers = "counted-trackers.txt"
        /// `announcement.txt`: what the chair reads out (宣布稿).
        public static let announcement = "announcement.txt"
        /// `notice.txt`: the public notice (公告).
        public static let notice = "notice.txt"
        /// `report.html`: the printable count report.
        public static let report = "report.html"
    }

    /// The folder.
    public let url: URL

    /// Names a vote folder (nothing is read).
    public init(url: URL) {
        self.url = url
    }

    /// `manifest.json`.
    public var manifestURL: URL { url.appendingPathComponent(Name.manifest) }
    /// `roster.csv`.
    public var rosterURL: URL { url.appendingPathComponent(Name.roster) }
    /// `issuance/log.jsonl`.
    public var issuanceLogURL: URL { url.appendingPathComponent(Name.issuanceLog) }
    /// `issuance.json`.
    public var issuanceSealURL: URL { url.appendingPathComponent(Name.issuanceSeal) }
    /// `box/`.
    public var boxURL: URL { url.appendingPathComponent(Name.box) }
    /// `paper/`.
    public var paperURL: URL { url.appendingPathComponent(Name.paper) }
    /// `box.jsonl`.
    public var bundleURL: URL { url.appendingPathComponent(Name.bundle) }
    /// `result.json`.
    public var resultURL: URL { url.appendingPathComponent(Name.result) }
    /// `close.json`.
    public var boxCloseURL: URL { url.appendingPathComponent(Name.boxClose) }
    /// `closed-trackers.txt`.
    public var closedTrackersURL: URL { url.appendingPathComponent(Name.closedTrackers) }
    /// Whether voting has been closed (a close record is in the folder).
    public var isClosed: Bool { FileManager.default.fileExists(atPath: boxCloseURL.path) }
    /// `counted-trackers.txt`.
    public var countedTrackersURL: URL { url.appendingPathComponent(Name.countedTrackers) }
    /// `announcement.txt`.
    public var announcementURL: URL { url.appendingPathComponent(Name.announcement) }
    /// `notice.txt`.
    public var noticeURL: URL { url.appendingPathComponent(Name.notice) }
    /// `report.html`.
    public var reportURL: URL { url.appendingPathComponent(Name.report) }

    /// Whether the folder holds a vote (a manifest), without reading it.
    public var holdsVote: Bool { FileManager.default.fileExists(atPath: manifestURL.path) }

    /// Whether the folder holds any ballot: a file in `box/`, the bundle `box.jsonl`, or a paper
    /// batch. The public copy of a vote that keeps its marks from the public holds none.
    public var holdsBallots: Bool {
        let boxFiles = (try? FileManager.default.contentsOfDirectory(atPath: boxURL.path)) ?? []
        return boxFiles.contains { !$0.hasPrefix(".") } || FileManager.default.fileExists(atPath: bundleURL.path) || !paperBatchFiles().isEmpty
    }

    /// The paper batch files (`paper/box-N.json`), in box order.
    public func paperBatchFiles() -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: paperURL, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent.localizedStandardCompare($1.lastPathComponent) == .orderedAscending }
    }

    /// The file of paper box `number`.
    public func paperBatchURL(box number: Int) -> URL { paperURL.appendingPathComponent("box-\(number).json") }

    /// Opens the folder: reads the manifest, checks the secretariat's signature, reads the roster
    /// and checks its hash against the manifest.
    public func open() throws -> Vote {
        guard holdsVote else {
            throw ShishiError(
                .voteNoManifest,
                zh: "\(url.path) 不是投票目录：找不到 manifest.json。请先用 shishi vote init 或 shishi simulate 创建。",
                en: "\(url.path) is not a vote folder: there is no manifest.json. Create one with shishi vote init or shishi simulate."
            )
        }
        let manifest = try SignedManifest(envelope: SignedEnvelope.read(from: manifestURL), source: Name.manifest)
        // The roster is hashed as it is read; a changed file is reported as such before anything it holds.
        let (roster, rosterHash) = try Roster.read(contentsOf: rosterURL, source: Name.roster, hash: manifest.manifest.hash)
        guard rosterHash == manifest.manifest.roster.hash else {
            throw ShishiError(
                .voteRosterAltered,
                zh: "roster.csv 的哈希与 manifest.json 中公布的不符：代表名单在投票定义后被改动过。",
                en: "roster.csv does not match the hash in manifest.json: the roster was changed after the vote was defined."
            )
        }
        if let reference = manifest.manifest.candidateList { try checkCandidateList(reference, manifest.manifest) }
        FreedMemory.release()
        return try Vote(folder: self, signed: manifest, roster: roster.get())
    }

    /// Checks the signed candidate list the manifest names: the file's payload hash, the
    /// secretariat's signature, and the manifest's candidates against it.
    private func checkCandidateList(_ reference: VoteManifest.ListReference, _ manifest: VoteManifest) throws {
        let url = url.appendingPathComponent(reference.file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ShishiError(
                .voteListAltered, zh: "manifest.json 指明候选项目来自 \(reference.file)，但目录里没有这个文件：请从发布的投票目录复制。",
                en: "manifest.json says the candidates come from \(reference.file), but the folder does not hold it: copy it from the published vote folder.")
        }
        let envelope = try SignedEnvelope.read(from: url)
        guard manifest.hash.digest(envelope.payload) == reference.hash else {
            throw ShishiError(
                .voteListAltered, zh: "\(reference.file) 的哈希与 manifest.json 中公布的不符：候选项目清单在投票定义后被改动过。",
                en: "\(reference.file) does not match the hash in manifest.json: the candidate list was changed after the vote was defined.")
        }
        let list = try CandidateList.read(envelope, signedBy: manifest.keys.secretariat, source: reference.file)
        try list.requireSame(manifest.candidates, source: Name.manifest)
    }
}
