import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// One step of a rectification as the audit log keeps it: a department's reply or report that it
/// is rectified, a group's send-back with its reason, the close, each with who took it and when.
/// A rectification's record holds only its latest words; its history is the log's.
public struct RectificationStep: Sendable, Equatable {
    /// What the step was.
    public enum Kind: String, Sendable {
        /// The department replied (in progress).
        case reply
        /// The department reported it rectified.
        case rectified
        /// The group sent it back to the department.
        case sentBack
        /// The group (or the office) closed it.
        case closed
        /// It was opened again (by the command line).
        case reopened

        /// The step in words.
        public var title: Text {
            switch self {
            case .reply: Text("答复", "reply")
            case .rectified: Text("报告已整改", "reported rectified")
            case .sentBack: Text("退回", "sent back")
            case .closed: Text("销号", "closed")
            case .reopened: Text("重新打开", "opened again")
            }
        }
    }

    /// When (ISO 8601, UTC).
    public var at: String
    /// The account (or command-line actor) that took it.
    public var actor: String
    /// What it was.
    public var kind: Kind
    /// Its words: the reply, the reason for a send-back, the note of a close (empty when none).
    public var text: String
}

extension Workspace {
    /// The history of every rectification of `project`, by rectification, oldest step first.
    public func rectificationHistory(project: Int64) throws -> [Int64: [RectificationStep]] {
        let entries = try read { db in
            try AuditEntry.filter(AuditEntry.Columns.subject == "project:\(project)" && AuditEntry.Columns.action.like("rectification.%"))
                .order(AuditEntry.Columns.id).fetchAll(db)
        }
        var history: [Int64: [RectificationStep]] = [:]
        for entry in entries {
            guard let kind = Self.rectificationSteps[entry.action], let record = Self.rectification(inDetail: entry.detail), let id = record.id else {
                continue
            }
            var text = record.resolution ?? ""
            switch kind {
            case .sentBack:
                // Kept as "退回：reason".
                if let range = text.range(of: "退回：") { text = String(text[range.upperBound...]) }
            case .closed:
                // A close adds " · note" to the words it closes on.
                let before = history[id]?.last { $0.kind == .reply || $0.kind == .rectified }?.text ?? ""
                text = text.hasPrefix(before + " · ") ? String(text.dropFirst(before.count + 3)) : (text == before ? "" : text)
            default:
                break
            }
            history[id, default: []].append(RectificationStep(at: entry.at, actor: entry.actor, kind: kind, text: text))
        }
        return history
    }

    /// The audit log's actions that are steps of a rectification.
    static let rectificationSteps: [String: RectificationStep.Kind] = [
        "rectification.in-progress": .reply, "rectification.rectified": .rectified, "rectification.sentBack": .sentBack,
        "rectification.closed": .closed, "rectification.open": .reopened,
    ]

    /// The rectification an audit entry's detail holds: the record itself, or under
    /// `rectification` (an answer with its evidence).
    static func rectification(inDetail detail: String) -> RectificationRecord? {
        struct Answer: Decodable {
            var rectification: RectificationRecord
        }
        let data = Data(detail.utf8)
        return (try? JSONDecoder().decode(Answer.self, from: data).rectification) ?? (try? JSONDecoder().decode(RectificationRecord.self, from: data))
    }
}
