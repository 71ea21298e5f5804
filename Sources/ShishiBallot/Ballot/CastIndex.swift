import Foundation
import ShishiCore
import Synchronization

/// Who has already cast into a box: the one-time key of each secret ballot and the deputy of each
/// recorded one, by tracker, kept per vote folder for the life of the process.
///
/// It is consulted under the folder's ``FolderLock``, after listing `box/` again
/// (``refresh(from:)``), so a ballot another process cast is read and indexed before the check: a credential (or a deputy) casts
/// once whichever process, thread or browser request tries. A ballot file is named by its
/// (first) tracker, a hash of its bytes, and never rewritten, so what is indexed under a name never changes; only new names are read.
final class CastIndex: Sendable {
    fileprivate struct Known {
        var names: Set<String> = []
        var keys: [Data: String] = [:]
        var voters: [String: String] = [:]
        /// The file each tracker (hex) is stored in, by its path in the vote folder.
        var files: [String: String] = [:]
        /// The bundle (`box.jsonl`) as last indexed: its inode and size.
        var bundle: (inode: UInt64, size: Int)?
    }

    private let known = Mutex(Known())

    private static let folders = Mutex<[String: CastIndex]>([:])

    /// The index of the box of `vote` (one per folder and process).
    static func of(_ vote: Vote) -> CastIndex {
        folders.withLock { folders in
            let path = vote.folder.url.standardizedFileURL.path
            if let index = folders[path] { return index }
            let index = CastIndex()
            folders[path] = index
            return index
        }
    }

    /// Reads the ballots of `box` not yet indexed; call with the folder's lock held. A file that
    /// does not read as a ballot is skipped here: the count reports it.
    func refresh(from box: BallotBox) throws {
        let folder = box.vote.folder.boxURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter(BallotBox.isBallotFile) ?? []
        let hash = box.vote.manifest.hash
        known.withLock { known in
            for name in names where !known.names.contains(name) {
                known.names.insert(name)
                guard let data = try? FileAccess.read(folder.appendingPathComponent(name)) else { continue }
                for piece in BallotBox.pieces(of: data, named: name) {
                    guard let tracker = known.index(piece, source: name, hash: hash) else { continue }
                    known.files[tracker] = known.files[tracker] ?? "\(VoteFolder.Name.box)/\(name)"
                }
            }
            // The bundle: lines of bulk casting, and every ballot once a closed box is rewritten
            // as one file. Read again whenever it is another file or has grown.
            let url = box.bundleURL
            var status = stat()
            guard stat(url.path, &status) == 0, known.bundle.map({ $0.inode != UInt64(status.st_ino) || $0.size != Int(status.st_size) }) ?? true,
                let data = try? Data(contentsOf: url, options: .alwaysMapped)
            else { return }
            known.bundle = (UInt64(status.st_ino), Int(status.st_size))
            // The bundle is where a ballot stands once a closed box has been rewritten.
            for piece in BallotBox.pieces(of: data, named: VoteFolder.Name.bundle) {
                guard let tracker = known.index(piece, source: VoteFolder.Name.bundle, hash: hash) else { continue }
                known.files[tracker] = VoteFolder.Name.bundle
            }
        }
    }

    /// The tracker of the ballot already cast with one-time key `key`, or by deputy `voter`, as
    /// of the last ``refresh(from:)``.
    func existing(key: PublicKey?, voter: String?) -> String? {
        known.withLock { known in
            if let key, let tracker = known.keys[key.rawRepresentation] { return tracker }
            if let voter, let tracker = known.voters[voter] { return tracker }
            return nil
        }
    }

    /// The path in the vote folder of the file holding the ballot with tracker `tracker` (hex), as
    /// of the last ``refresh(from:)``.
    func file(of tracker: String) -> String? {
        known.withLock { $0.files[tracker] }
    }

    /// Indexes a ballot this process has just written under `tracker` (hex) into the box's file
    /// `file`, so that file is not read back.
    func record(_ tracker: String, ballot: Ballot, file: String) {
        known.withLock { known in
            known.names.insert(file)
            known.add(ballot, tracker: tracker)
            known.files[tracker] = known.files[tracker] ?? "\(VoteFolder.Name.box)/\(file)"
        }
    }

    /// The ballots accepted so far in one batch, before they are written.
    struct Taken {
        private var keys: [Data: String] = [:]
        private var voters: [String: String] = [:]

        /// The tracker of an earlier ballot of the batch with the same one-time key or deputy.
        func existing(_ ballot: Ballot) -> String? {
            ballot.credential.flatMap { keys[$0.key.rawRepresentation] } ?? ballot.voter.flatMap { voters[$0] }
        }

        mutating func add(_ ballot: Ballot, tracker: String) {
            if let credential = ballot.credential { keys[credential.key.rawRepresentation] = tracker }
            if let deputy = ballot.voter { voters[deputy] = tracker }
        }
    }
}

extension CastIndex.Known {
    /// Indexes the ballot stored as `piece` (a file of one ballot, or a line of a file of several)
    /// and gives its tracker (hex); `nil` for bytes that do not read as a ballot (the count reports them).
    fileprivate mutating func index(_ piece: Data, source: String, hash: HashAlgorithm) -> String? {
        guard
            let envelope = SignedEnvelope.stored(piece, source: source),
            let ballot = try? StrictJSON.decode(Ballot.self, from: envelope.payload, source: source)
        else { return nil }
        let tracker = envelope.tracker(hash).hex
        add(ballot, tracker: tracker)
        return tracker
    }

    /// Indexes `ballot` under `tracker`; the first ballot of a key or deputy keeps its place.
    fileprivate mutating func add(_ ballot: Ballot, tracker: String) {
        if let credential = ballot.credential { keys[credential.key.rawRepresentation] = keys[credential.key.rawRepresentation] ?? tracker }
        if let deputy = ballot.voter { voters[deputy] = voters[deputy] ?? tracker }
    }
}
