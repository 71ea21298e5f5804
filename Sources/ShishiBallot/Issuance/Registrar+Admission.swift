import Foundation
import ShishiCore

/// Sign-in without a credential: deputies admitted to a recorded vote, and paper ballots, one
/// deputy at a time or (an imported file) every deputy on the roster at once.
extension Registrar {
    /// Admits deputies to a recorded vote: logs their sign-in (one flush); they vote with their roster keys.
    public func admit(_ deputies: [String]) throws {
        guard vote.manifest.secrecy == .recorded else {
            throw ShishiError(
                .registrarSecretVote,
                zh: "这是无记名投票：请为代表签发匿名凭证，而不是记名登记。",
                en: "This is a secret vote: issue the deputy an anonymous credential, not a recorded admission."
            )
        }
        try reserve(deputies)
        defer { release(deputies) }
        try log(deputies, kind: .recorded)
    }

    /// Admits one deputy to a recorded vote.
    public func admit(_ deputy: String) throws {
        try admit([deputy])
    }

    /// Logs that deputies signed in and received paper ballots (one flush).
    public func issuePaperBallots(to deputies: [String]) throws {
        try reserve(deputies)
        defer { release(deputies) }
        try log(deputies, kind: .paper)
    }

    /// Logs, in one entry, that every deputy on the roster received a paper ballot (an imported
    /// file's voters, all present; see ``IssuanceEntry/Kind/paperForRoster``). Only on an empty
    /// log, not sealed.
    public func issuePaperBallotsToRoster() throws {
        try FolderLock.withLock(vote.folder.url) {
            try state.withLock { state in
                try refresh(&state)
                if let refusal = signInRefusal { throw refusal }
                guard state.entries.isEmpty, state.pending.isEmpty else {
                    throw ShishiError(
                        .registrarAlreadyIssued,
                        zh: "已有代表签到：全体代表一次领取纸质选票，只能在任何人签到之前。",
                        en: "Deputies have already signed in: a paper ballot to every deputy at once is only possible before anyone has."
                    )
                }
                try append([""], kind: .paperForRoster, to: &state)
                state.everyone = true
            }
        }
    }

    /// Logs that `deputy` signed in and received a paper ballot.
    public func issuePaperBallot(to deputy: String) throws {
        try issuePaperBallots(to: [deputy])
    }
}
