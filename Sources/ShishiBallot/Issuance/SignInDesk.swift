public import Foundation
import ShishiCore

/// Sign-in (签到) at a desk where the terminal and the registrar work together: the one library
/// call behind `shishi signin` and a sign-in desk in the browser.
///
/// A deputy on the roster receives one of three things, once: a paper ballot, an admission to a
/// recorded vote (the deputy then signs with the roster key), or an anonymous credential that
/// the terminal makes here and the registrar blind-signs (the registrar logs only that the
/// deputy received one).
public struct SignInDesk: Sendable {
    /// The registrar, with its keys.
    public let registrar: Registrar

    /// A desk for `registrar`'s vote.
    public init(registrar: Registrar) {
        self.registrar = registrar
    }

    /// A sign-in that needs no credential made.
    public enum Admission: Sendable, Equatable {
        /// A paper ballot.
        case paperBallot
        /// Admission to a recorded vote.
        case recordedAdmission
    }

    /// Signs `deputy` in when no credential has to be made: a paper ballot when `paper`, an
    /// admission in a recorded vote. `nil` (nothing logged) when the deputy, voting electronically
    /// in a secret vote, needs a credential: made here by ``signIn(_:paper:credentialFile:)``, or
    /// at a booth that redeems a one-time code.
    public func admitWithoutCredential(_ deputy: String, paper: Bool) throws -> Admission? {
        if paper {
            try registrar.issuePaperBallot(to: deputy)
            return .paperBallot
        }
        if registrar.vote.manifest.secrecy == .recorded {
            try registrar.admit(deputy)
            return .recordedAdmission
        }
        return nil
    }

    /// What a deputy received at the desk.
    public enum Issued: Sendable {
        /// An anonymous credential, finished and checked.
        case credential(Credential)
        /// A paper ballot.
        case paperBallot
        /// Admission to a recorded vote.
        case recordedAdmission
    }

    /// Signs `deputy` in: a paper ballot when `paper`, an admission in a recorded vote, otherwise
    /// an anonymous credential. When `credentialFile` is given, a file already there is refused
    /// before anything is issued, and the credential is written there (mode 0600) after.
    public func signIn(_ deputy: String, paper: Bool = false, credentialFile: URL? = nil) throws -> Issued {
        switch try admitWithoutCredential(deputy, paper: paper) {
        case .paperBallot?: return .paperBallot
        case .recordedAdmission?: return .recordedAdmission
        case nil: break
        }
        let vote = registrar.vote
        if let credentialFile { try Credential.requireNew(credentialFile) }
        let pending = try VotingTerminal(manifest: vote.signed).request(deputy: deputy)
        let credential = try pending.finalize(registrar.issue(pending.request))
        if let credentialFile { try credential.write(to: credentialFile) }
        return .credential(credential)
    }
}
