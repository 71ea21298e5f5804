import Foundation
public import ShishiCore
public import ShishiStore

extension Collect {
    /// The government's screening of a draft project (初审).
    public struct Screening: Sendable, Equatable {
        /// The responsible department proposed.
        public var department: String?
        /// The estimated cost.
        public var cost: Amount?
        /// Whether it is feasible.
        public var feasible: Bool
        /// Whether it can be finished within the year.
        public var finishable: Bool
        /// The breadth of benefit: population, districts.
        public var benefit: String?
        /// A note.
        public var note: String?
        /// Whether it passes.
        public var passed: Bool
        /// Why it does not pass (required then), or a remark.
        public var reason: String?

        /// Creates a screening.
        public init(
            department: String?, cost: Amount?, feasible: Bool, finishable: Bool, benefit: String? = nil, note: String? = nil, passed: Bool,
            reason: String? = nil
        ) {
            self.department = department
            self.cost = cost
            self.feasible = feasible
            self.finishable = finishable
            self.benefit = benefit
            self.note = note
            self.passed = passed
            self.reason = reason
        }

        /// Refuses a screening that contradicts itself: a pass needs a feasible project finishable
        /// within the year, a department and a cost; a fail needs its reason.
        func check() throws {
            let blank = { (text: String?) in text?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true }
            if passed {
                guard feasible, finishable else {
                    throw ShishiError(
                        .collectBadScreening, zh: "不可行或当年完不成的项目不能通过初审：请改为不通过并写明理由。",
                        en: "A project that is not feasible or cannot be finished within the year cannot pass: fail it with a reason.")
                }
                guard !blank(department), let cost, cost > .zero else {
                    throw ShishiError(
                        .collectBadScreening, zh: "通过初审须写明责任单位（--department）和估算金额（--cost，大于 0）。",
                        en: "A pass names the responsible department (--department) and the estimated cost (--cost, more than 0).")
                }
            } else if blank(reason) {
                throw ShishiError(
                    .collectBadScreening, zh: "不通过须写明理由（--reason），草案和理由都留档。",
                    en: "A fail needs its reason (--reason): the draft stays on record with it.")
            }
        }
    }

    /// Records the screening of draft `number`; the latest screening of a draft stands, and every
    /// one is kept. Refused once the shortlist is published.
    @discardableResult
    public static func screen(_ number: Int64, _ screening: Screening, year: Int, in workspace: Workspace) throws -> ScreeningRecord {
        try screening.check()
        return try workspace.write { db, audit in
            let call = try requireCall(year, db)
            try requireDraftsOpen(call, db)
            let draft = try requireDraft(number, call: call, db)
            var record = ScreeningRecord(
                draftProjectId: draft.id!, department: screening.department, cost: screening.cost?.description, feasible: screening.feasible,
                finishable: screening.finishable, benefit: screening.benefit, note: screening.note, passed: screening.passed, reason: screening.reason,
                screenedAt: audit.at)
            try record.insert(db)
            try audit.record("collect.screen", subject: "draft:\(number)", detail: record)
            return record
        }
    }
}
