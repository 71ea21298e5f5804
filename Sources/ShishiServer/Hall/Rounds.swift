public import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally
import Synchronization

/// The rounds a hall server runs, in order: the current one takes sign-ins, casts and the
/// count; earlier ones stay on the board. When a result calls for a run-off or a second round,
/// the secretariat starts it from the count room: a fresh registrar blind-signing key (kept in
/// the server's state folder), the new round's folder beside the first (``NextRound``), and the
/// hall goes on there.
public final class Rounds: Sendable {
    private let halls: Mutex<[Hall]>
    private let stateFolder: URL

    /// The rounds of `current`, after `earlier` (oldest first).
    public init(current: Hall, earlier: [Hall] = [], stateFolder: URL) {
        halls = Mutex(earlier + [current])
        self.stateFolder = stateFolder
    }

    /// The round now running.
    public var current: Hall { halls.withLock { $0.last! } }

    /// Every round, oldest first.
    public var all: [Hall] { halls.withLock { $0 } }

    /// Starts the round after the current one, whose published result must call for it, and
    /// makes it current. Secret votes get a fresh RSA-3072 blind-signing key, written (0600) to
    /// the state folder as `round-N-registrar-blind.key`; restart the server on the new folder
    /// with it and `--previous` the old one.
    @discardableResult
    public func startNext(now: Date = Date()) throws -> Hall {
        let hall = current
        guard let secretariat = hall.secretariatKey else {
            throw ShishiError(
                .boxWrongKey, zh: "服务器启动时没有给出秘书处密钥（--secretariat-key）：请在命令行开始下一轮（shishi round next）。",
                en: "The server was started without the secretariat's key (--secretariat-key): start the next round at the command line (shishi round next).")
        }
        guard let published = try hall.published() else {
            throw ShishiError(.resultMissing, zh: "本轮还没有计票结果。", en: "This round has not been counted yet.")
        }
        let round = hall.vote.manifest.round + 1
        let blind = hall.vote.manifest.secrecy == .secret ? try BlindPrivateKey(bits: 3072) : nil
        let first = all.first!.vote.folder.url
        let folder = first.deletingLastPathComponent().appendingPathComponent("\(first.lastPathComponent)-round-\(round)")
        let vote = try NextRound.start(
            after: published.result, of: hall.vote, at: folder, secretariat: secretariat, registrar: hall.registrarKey.publicKey,
            blind: blind?.publicKey, now: now)
        if let blind {
            try KeyFile.pair(for: blind, name: Text("登记员（第 \(round) 轮）", "registrar (round \(round))").zh).private.write(
                to: stateFolder.appendingPathComponent("round-\(round)-registrar-blind.key"))
        }
        let next = try Hall(
            vote: vote, registrarKey: hall.registrarKey, blindKey: blind, secretariatKey: secretariat, previous: published.result, stateFolder: stateFolder)
        halls.withLock { $0.append(next) }
        return next
    }
}
