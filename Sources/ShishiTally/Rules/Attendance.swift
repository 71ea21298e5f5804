public import ShishiBallot
public import ShishiCore

/// The attendance rules of a round, in one place for the count and everything that describes it:
/// the vote may be held only if more than the quorum share of all deputies are present, and a
/// round in which more ballots come back than were issued is void.
public struct Attendance: Sendable, Equatable {
    /// Deputies on the roster.
    public var deputies: Int
    /// Deputies present (signed in).
    public var present: Int
    /// The quorum share, such as 2/3.
    public var quorum: Fraction

    /// The attendance of a round.
    public init(deputies: Int, present: Int, quorum: Fraction) {
        self.deputies = deputies
        self.present = present
        self.quorum = quorum
    }

    /// The attendance a sealed issuance log records for `vote`.
    public init(seal: IssuanceSeal, vote: Vote) {
        self.init(deputies: vote.roster.count, present: seal.present, quorum: vote.manifest.rules.quorum)
    }

    /// Whether more than the quorum share of all deputies are present.
    public var quorumMet: Bool { quorum.isExceeded(by: present, of: deputies) }

    /// The figure the number present must exceed, as people write it: `218`, or `217.3`.
    public var quorumFigure: String {
        let figure = Double(deputies) * Double(quorum.numerator) / Double(quorum.denominator)
        return figure == figure.rounded() ? String(Int(figure)) : String(format: "%.1f", figure)
    }

    /// Whether no more ballots came back than were issued: otherwise the round is void.
    public static func returnedWithinIssued(returned: Int, issued: Int) -> Bool { returned <= issued }
}
