import Foundation
public import ShishiCore

/// Where a round stands, in the one order every round goes through: sign-in open → sign-in sealed →
/// box closed → counted (then countersigned, which the result's signatures tell).
///
/// The phase is read from the folder's files (``VoteFolder/phase``), so the command line, the hall
/// server and any later front end see the same phase and obey the same rules, which the libraries
/// enforce under the folder's lock: a credential is issued only while sign-in is open
/// (``Registrar``); the box is closed only once sign-in is sealed and before the count
/// (``BoxClose``); a ballot is taken only before the box is closed and the round counted
/// (``BallotCaster``). `shishi verify` checks the order afterwards from the same files.
public enum RoundPhase: Int, Sendable, Comparable, CaseIterable, Codable {
    /// Deputies are signing in (and may already vote).
    case signInOpen
    /// The registrar has sealed sign-in (`issuance.json`): deputies vote; no one else signs in.
    case signInSealed
    /// The secretariat has closed the box (`close.json`): no ballot is taken; the count comes next.
    case boxClosed
    /// The round is counted (`result.json`): no ballot is taken; scrutineers countersign.
    case counted

    /// Whether phase `a` comes before phase `b` in a round.
    public static func < (a: RoundPhase, b: RoundPhase) -> Bool { a.rawValue < b.rawValue }

    /// The phase's name as people in the hall say it.
    public var title: Text {
        switch self {
        case .signInOpen: Text("签到进行中", "sign-in open")
        case .signInSealed: Text("签到已封存，投票进行中", "sign-in sealed, voting")
        case .boxClosed: Text("已封箱，待计票", "box closed, to be counted")
        case .counted: Text("已计票", "counted")
        }
    }

    /// What comes next, in words.
    public var next: Text {
        switch self {
        case .signInOpen: Text("下一步：签到台封存签到", "next: the desk seals sign-in")
        case .signInSealed: Text("下一步：秘书处封箱并计票", "next: the secretariat closes the box and counts")
        case .boxClosed: Text("下一步：计票", "next: the count")
        case .counted: Text("下一步：监票人会签结果", "next: the scrutineers countersign the result")
        }
    }

    /// The refusal of `action` in this phase: it names the phase and what comes next.
    public func refusal(_ action: Text) -> ShishiError {
        ShishiError(
            .phaseRefused,
            zh: "\(action.zh)不能进行：本轮处于“\(title.zh)”阶段。\(next.zh)。",
            en: "\(action.en) is not possible: the round is in the phase “\(title.en)”. \(next.en.prefix(1).uppercased() + next.en.dropFirst()).")
    }
}

extension VoteFolder {
    /// The round's phase, read from its files: `result.json` (counted), `close.json` (box
    /// closed), `issuance.json` (sign-in sealed), else sign-in open.
    public var phase: RoundPhase {
        let manager = FileManager.default
        if manager.fileExists(atPath: resultURL.path) { return .counted }
        if isClosed { return .boxClosed }
        if manager.fileExists(atPath: issuanceSealURL.path) { return .signInSealed }
        return .signInOpen
    }
}
