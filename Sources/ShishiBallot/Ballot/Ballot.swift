public import Foundation
public import ShishiCore

/// A mark on one candidate. An unmarked candidate is an abstention (弃权).
///
/// `yes` and `no` mark a vote on seats; `satisfied`, `basically-satisfied` and `unsatisfied` mark
/// an evaluation round (style `rating`). A ballot's marks must fit its vote's style.
public enum Mark: String, Sendable, Codable, CaseIterable {
    /// 同意.
    case yes
    /// 不同意.
    case no
    /// 满意 (evaluation rounds).
    case satisfied
    /// 基本满意 (evaluation rounds).
    case basicallySatisfied = "basically-satisfied"
    /// 不满意 (evaluation rounds).
    case unsatisfied

    /// The mark for a rating.
    public init(_ rating: Rating) {
        switch rating {
        case .satisfied: self = .satisfied
        case .basicallySatisfied: self = .basicallySatisfied
        case .unsatisfied: self = .unsatisfied
        }
    }

    /// The rating this mark gives, for the marks of an evaluation round.
    public var rating: Rating? {
        switch self {
        case .yes, .no: nil
        case .satisfied: .satisfied
        case .basicallySatisfied: .basicallySatisfied
        case .unsatisfied: .unsatisfied
        }
    }

    /// Whether the mark may appear on a ballot of `style`.
    public func fits(_ style: BallotStyle) -> Bool {
        switch style {
        case .yesNoAbstain: self == .yes || self == .no
        case .approval: self == .yes
        case .rating: rating != nil
        case .points: false
        }
    }

    /// The mark in words.
    public var title: Text {
        switch self {
        case .yes: Text("同意", "yes")
        case .no: Text("不同意", "no")
        default: rating!.title
        }
    }
}

/// An electronic ballot: the payload of a ``SignedEnvelope`` of type ``payloadType``.
///
/// A secret ballot carries its one-time public key with the registrar's blind signature on it
/// and is signed by that one-time key; a recorded ballot names its deputy and is signed by the
/// deputy's roster key. Either way it names the manifest hash, so it counts in no other vote.
public struct Ballot: Sendable, Codable, Equatable {
    /// The domain label and version of a ballot.
    public static let payloadType = "shishi/ballot/v1"

    /// The manifest hash of the vote.
    public var vote: HashValue
    /// The round, as in the manifest.
    public var round: Int
    /// Marks by candidate id; an unmarked candidate is an abstention.
    public var marks: [String: Mark]
    /// The anonymous credential (secret votes).
    public var credential: BallotCredential?
    /// The deputy's roster id (recorded votes).
    public var voter: String?

    /// Creates a ballot.
    public init(vote: HashValue, round: Int, marks: [String: Mark], credential: BallotCredential?, voter: String?) {
        self.vote = vote
        self.round = round
        self.marks = marks
        self.credential = credential
        self.voter = voter
    }

    /// The candidates marked yes, sorted.
    public var yes: [String] { marks.filter { $0.value == .yes }.map(\.key).sorted() }
    /// The candidates marked no, sorted.
    public var no: [String] { marks.filter { $0.value == .no }.map(\.key).sorted() }
}

/// The public part of a credential, as a ballot carries it.
public struct BallotCredential: Sendable, Codable, Equatable {
    /// The one-time public key that signs the ballot.
    public var key: PublicKey
    /// The 32-byte RFC 9474 message prefix.
    public var prefix: Data
    /// The registrar's RSA signature on `prefix || Credential.message(vote, key)`.
    public var registrarSignature: Data

    /// Creates the public part of a credential.
    public init(key: PublicKey, prefix: Data, registrarSignature: Data) {
        self.key = key
        self.prefix = prefix
        self.registrarSignature = registrarSignature
    }

    /// Whether the registrar's signature on this key for `vote` is valid under `blindKey`.
    public func isAuthorised(vote: HashValue, blindKey: BlindPublicKey) -> Bool {
        blindKey.isValidSignature(registrarSignature, prefix: prefix, message: Credential.message(vote: vote, key: key))
    }
}

extension SignedEnvelope {
    /// A ballot's tracker: the hash of the exact bytes its signatures cover, with the vote's hash algorithm.
    public func tracker(_ algorithm: HashAlgorithm) -> HashValue {
        algorithm.digest(signedBytes)
    }
}
