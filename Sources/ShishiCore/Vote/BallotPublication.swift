/// Who may read the marks of a vote's ballots: fixed in the signed manifest when the vote is
/// defined (docs/ballot-format.md §4 and §12).
///
/// Under ``count`` the public board and its archive show the count, the numbered checks, the
/// trackers, the box digest and each tracker's inclusion proof, but no ballot's marks: a tracker
/// then proves that a ballot was counted, not how it was marked. The marked ballots go only to
/// the people who recount (the scrutineers, and whoever the secretariat gives the full folder), as
/// only the counters see paper ballots. Under ``ballots`` every ballot is published with its
/// marks, and a tracker shows how its holder voted.
public enum BallotPublication: String, Sendable, Codable, CaseIterable {
    /// 只公开计票结果: the public sees the count, not the marks (the default of a secret vote).
    case count
    /// 公开每张选票: every ballot is published with its marks (a recorded vote, a residents'
    /// participatory budget, an imported Pabulib file).
    case ballots

    /// What a new vote publishes when its definition does not say: the count alone for a secret
    /// vote, every ballot for a recorded one (whose ballots carry their deputies' names anyway).
    public static func `default`(for secrecy: Secrecy) -> BallotPublication {
        secrecy == .secret ? .count : .ballots
    }

    /// The choice in a few words.
    public var title: Text {
        switch self {
        case .count: Text("只公开计票结果，选票内容只交重新计票的监票人", "the count is public; the marked ballots go only to the scrutineers who recount")
        case .ballots: Text("公开每一张选票的内容", "every ballot is published with its marks")
        }
    }

    /// What a tracker shows under this choice, in words a deputy understands.
    public var trackerMeaning: Text {
        switch self {
        case .count:
            Text(
                "跟踪码只能证明您的选票已计入，不显示您投了什么：公示的档案不含任何选票的内容。",
                "A tracker proves only that your ballot was counted, not how you voted: the published archive holds no ballot's marks.")
        case .ballots:
            Text(
                "本次投票公开每一张选票的内容：谁拿到跟踪码，就能在公示的档案里看到这张选票投了什么。请像对待选票本身一样保管跟踪码。",
                "This vote publishes every ballot: whoever has a tracker can read on the published archive how that ballot was marked. Keep your tracker as you would your ballot."
            )
        }
    }
}
