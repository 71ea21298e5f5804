public import Foundation
public import ShishiBallot
public import ShishiCore
import ShishiTally

/// The voting hall a server runs: one vote folder, its registrar (whose keys sit with the
/// server, because it signs blind at sign-in), the desk's one-time codes and the figures the
/// big screen shows. Every change goes through the same library calls as the command line.
public final class Hall: Sendable {
    /// The vote.
    public let vote: Vote
    /// The registrar, with its keys.
    public let registrar: Registrar
    /// The desk's one-time sign-in codes.
    public let codes = SignInCodes()
    /// The box, as the booths cast into it.
    public let intake: BallotIntake

    /// Opens the hall of `vote` with the registrar's keys.
    public init(vote: Vote, registrarKey: PrivateKey, blindKey: BlindPrivateKey?) throws {
        self.vote = vote
        registrar = try Registrar(vote: vote, signingKey: registrarKey, blindKey: blindKey)
        intake = BallotIntake(vote: vote)
    }

    /// What the desk gave a deputy.
    public enum SignedIn: Sendable, Equatable {
        /// A one-time code for a booth, which makes the credential on the deputy's device.
        case code(String)
        /// A paper ballot, or admission to a recorded vote.
        case admitted(SignInDesk.Admission)
    }

    /// Signs `deputy` in at the desk: a paper ballot, an admission to a recorded vote, or (in a
    /// secret vote) a one-time code that a booth redeems for its credential. The registrar's own
    /// refusals apply (not on the roster, already signed in, sealed), and a deputy holding a
    /// live code gets no second one.
    public func signIn(_ deputy: String, paper: Bool) throws -> SignedIn {
        if let admission = try SignInDesk(registrar: registrar).admitWithoutCredential(deputy, paper: paper) {
            return .admitted(admission)
        }
        try registrar.requireEligible(deputy)
        return .code(try codes.issue(for: deputy, name: vote.roster[deputy]?.name ?? deputy))
    }

    /// A booth's credential request, made on the deputy's device with the code the desk gave:
    /// the code is used up and the registrar signs blind, logging that the deputy received a credential.
    public func redeem(code: String, blindedMessage: Data) async throws -> CredentialGrant {
        let deputy = try codes.redeem(code)
        return try await registrar.issueInBatch(CredentialRequest(vote: vote.hash, deputy: deputy, blindedMessage: blindedMessage))
    }

    /// What the big screen and the desk show: nothing about how anyone voted.
    public struct Figures: Sendable, Codable, Equatable {
        /// Deputies on the roster.
        public var deputies: Int
        /// Deputies signed in.
        public var present: Int
        /// The number present must exceed.
        public var quorumFigure: String
        /// Whether it does.
        public var quorumMet: Bool
        /// Electronic credentials (or recorded admissions) issued.
        public var credentials: Int
        /// Paper ballots issued.
        public var paper: Int
        /// Electronic ballots in the box.
        public var cast: Int
        /// Whether sign-in is sealed.
        public var sealed: Bool
    }

    /// The figures now, read from the folder (so that sign-ins made by the command line count too).
    public func figures() throws -> Figures {
        let entries = try registrar.currentEntries()
        let credentials = entries.filter { $0.kind != .paper }.count
        let attendance = Attendance(deputies: vote.roster.count, present: entries.count, quorum: vote.manifest.rules.quorum)
        return Figures(
            deputies: vote.roster.count, present: entries.count, quorumFigure: attendance.quorumFigure, quorumMet: attendance.quorumMet,
            credentials: credentials, paper: entries.count - credentials, cast: try BallotBox(vote: vote).files().count,
            sealed: registrar.isSealed
        )
    }
}
