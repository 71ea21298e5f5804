import Foundation
public import ShishiCore

/// A mark on a paper ballot as the counters read it.
public enum PaperMark: String, Sendable, Codable, CaseIterable {
    /// 同意 (or a tick on an approval ballot).
    case yes
    /// 不同意.
    case no
    /// A mark the counters could not read (无法辨认): judged by the tally.
    case unclear
    /// 满意 (evaluation rounds).
    case satisfied
    /// 基本满意 (evaluation rounds).
    case basicallySatisfied = "basically-satisfied"
    /// 不满意 (evaluation rounds).
    case unsatisfied

    /// Reads a cell as keyed in: `Y`, `同意`, `✓`, `N`, `不同意`, `满意`, `基本满意`, `不满意`,
    /// `?`, … ; blank or `弃权` is `nil` (abstain).
    public static func parse(_ cell: String) -> PaperMark?? {
        switch cell.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "a", "abstain", "弃权", "-": return .some(nil)
        case "y", "yes", "同意", "✓", "√", "1", "o", "○": return .some(.yes)
        case "n", "no", "不同意", "✗", "×", "x", "0": return .some(.no)
        case "?", "？", "unclear", "无法辨认", "不清": return .some(.unclear)
        case "s", "satisfied", "满意": return .some(.satisfied)
        case "b", "basic", "basically", "basically-satisfied", "基本满意": return .some(.basicallySatisfied)
        case "u", "unsatisfied", "不满意": return .some(.unsatisfied)
        default: return nil
        }
    }

    /// The electronic mark this paper mark stands for; `nil` for an unreadable mark (an abstention).
    public var mark: Mark? {
        switch self {
        case .yes: .yes
        case .no: .no
        case .unclear: nil
        case .satisfied: .satisfied
        case .basicallySatisfied: .basicallySatisfied
        case .unsatisfied: .unsatisfied
        }
    }

    /// Whether the mark may appear on a paper ballot of `style` (an unreadable mark always may).
    public func fits(_ style: BallotStyle) -> Bool {
        mark?.fits(style) ?? true
    }
}

/// One paper ballot as keyed in: its serial and its marks, exactly as printed (possibly over-marked or blank).
public struct PaperBallot: Sendable, Codable, Equatable {
    /// The ballot's serial or row label.
    public var serial: String
    /// The line of the counters' CSV file it came from.
    public var line: Int
    /// Marks by candidate id; an unmarked candidate is an abstention.
    public var marks: [String: PaperMark]
    /// Points by candidate id, on a points ballot (style `points`); a candidate given none is left out.
    public var points: [String: Int]?

    /// Creates a paper ballot.
    public init(serial: String, line: Int, marks: [String: PaperMark], points: [String: Int]? = nil) {
        self.serial = serial
        self.line = line
        self.marks = marks
        self.points = points
    }

    /// The number of yes marks.
    public var yesCount: Int { marks.values.filter { $0 == .yes }.count }
    /// Whether nothing is marked (a blank ballot: valid, all abstentions).
    public var isBlank: Bool { marks.isEmpty && (points?.values.allSatisfy { $0 == 0 } ?? true) }

    /// Whether `ballot` counts in the vote `manifest` defines: within the yes limit, or, on a
    /// points ballot, within the points rule (more makes it invalid, 废票).
    public static func isValid(_ ballot: PaperBallot, in manifest: VoteManifest) -> Bool {
        isValid(yes: ballot.yesCount, points: ballot.points?.values, in: manifest)
    }

    /// The rule of ``isValid(_:in:)`` on a ballot's number of yes marks and the points it gives
    /// (none given is no points): on a points ballot the points rule, on any other the yes limit.
    public static func isValid(yes: Int, points: (some Collection<Int>)?, in manifest: VoteManifest) -> Bool {
        if let rule = manifest.points {
            guard let points else { return rule.allows([Int]()) }
            return rule.allows(points)
        }
        return yes <= manifest.yesLimit
    }
}

/// One paper ballot box as the counters entered it: the payload of a ``SignedEnvelope`` of type
/// ``payloadType``, signed by a counter and optionally countersigned by scrutineers.
public struct PaperBatch: Sendable, Codable, Equatable {
    /// The domain label and version of a paper batch.
    public static let payloadType = "shishi/paper-batch/v1"

    /// The manifest hash.
    public var vote: HashValue
    /// The round.
    public var round: Int
    /// The box number.
    public var box: Int
    /// Ballots issued into this box's share (发出票数).
    public var issued: Int
    /// Ballots taken out of the box when it was opened (收回票数).
    public var takenOut: Int
    /// The counter who keyed the batch.
    public var enteredBy: String
    /// When the batch was signed.
    public var enteredAt: String
    /// The hash of the counters' CSV file, so the keyed sheet can be matched to the batch; for a
    /// batch whose ballots are a file in the vote folder (``ballotsFile``), the hash of that file.
    public var source: HashValue
    /// The ballots, in the order keyed. In the payload of a batch with a ``ballotsFile`` this is
    /// empty; ``PaperEntry/verify(_:source:)`` reads them from the file.
    public var ballots: [PaperBallot]
    /// The file in the vote folder whose rows are the ballots, when the payload does not list
    /// them: an imported Pabulib file (``PabulibFile/keptName``), one row per voter, kept byte
    /// for byte so that its hash (``source``), which the counter signs, pins every ballot.
    public var ballotsFile: String?

    /// Creates a batch.
    public init(
        vote: HashValue, round: Int, box: Int, issued: Int, takenOut: Int, enteredBy: String, enteredAt: String, source: HashValue, ballots: [PaperBallot],
        ballotsFile: String? = nil
    ) {
        self.vote = vote
        self.round = round
        self.box = box
        self.issued = issued
        self.takenOut = takenOut
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
        self.source = source
        self.ballots = ballots
        self.ballotsFile = ballotsFile
    }

    /// The ballots that do not count (废票) in the vote `manifest` defines: over the yes limit,
    /// or outside the points rule (``PaperBallot/isValid(_:in:)``).
    public func invalidBallots(in manifest: VoteManifest) -> [PaperBallot] {
        ballots.filter { !PaperBallot.isValid($0, in: manifest) }
    }
}
