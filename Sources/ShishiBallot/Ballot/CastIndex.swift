import Foundation
import ShishiCore
import Synchronization

/// Who has already cast into a box: the one-time key of each secret ballot and the deputy of each
/// recorded one, by tracker, kept per vote folder for the life of the process.
///
/// It is consulted under the folder's ``FolderLock``, after listing `box/` again, so a ballot
/// another process cast is read and indexed before the check: a credential (or a deputy) casts
/// once whichever process, thread or browser request tries. A ballot file is named by its
/// tracker, a hash of its bytes, so what is indexed under a name never changes; only new names are read.
final class CastIndex: Sendable {
    private struct Known {
        var names: Set<String> = []
        var keys: [Data: String] = [:]
        var voters: [String: String] = [:]
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

    /// The tracker of the ballot already cast with one-time key `key`, or by deputy `voter`;
    /// call with the folder's lock held. A file that does not read as a ballot is skipped here:
    /// the count reports it.
    func existing(in box: BallotBox, key: PublicKey?, voter: String?) throws -> String? {
        let folder = box.vote.folder.boxURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") } ?? []
        return known.withLock { known in
            for name in names where !known.names.contains(name) {
                known.names.insert(name)
                let url = folder.appendingPathComponent(name)
                guard let envelope = try? SignedEnvelope.read(from: url),
                    let ballot = try? StrictJSON.decode(Ballot.self, from: envelope.payload, source: name)
                else { continue }
                let tracker = String(name.dropLast(5))
                if let credential = ballot.credential { known.keys[credential.key.rawRepresentation] = known.keys[credential.key.rawRepresentation] ?? tracker }
                if let deputy = ballot.voter { known.voters[deputy] = known.voters[deputy] ?? tracker }
            }
            if let key, let tracker = known.keys[key.rawRepresentation] { return tracker }
            if let voter, let tracker = known.voters[voter] { return tracker }
            return nil
        }
    }
}
