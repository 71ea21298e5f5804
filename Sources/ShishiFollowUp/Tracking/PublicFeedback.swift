public import Foundation
import GRDB
public import ShishiCore
public import ShishiStore

/// What residents send from a project's public page (民生码): a rating (满意 / 基本满意 /
/// 不满意), one per device, project and year, and a problem described, which nothing shows until
/// the office has reviewed it. Ratings become a named source of the year's scores; accepted
/// problems become complaints on the project, channel 民生码, beside the 12345 ones.
public enum PublicFeedback {
    /// The longest problem description, in characters.
    public static let maximumText = 500
    /// The channel accepted problems are recorded under.
    public static let channel = "民生码"

    /// A problem's review.
    public enum Status: String, Sendable, Codable {
        /// Waiting for the office.
        case pending
        /// Accepted: a complaint on the project.
        case accepted
        /// Not taken (abusive, off topic, personal data): kept, never shown.
        case rejected
    }

    /// Records what a resident sent from project `project`'s page for `year`: a `rating` (one
    /// per device, the device's cookie id hashed to `device`), a problem `text` kept for the
    /// office's review, or both. Returns the problem's reference number (受理编号), or `nil`
    /// when only a rating was sent. A second rating from the same device for the project that
    /// year is refused, and then nothing of it is written; so is a form with neither.
    @discardableResult
    public static func submit(project: Int64, rating: Rating?, text: String, device: String, year: Int, in workspace: Workspace) throws -> String? {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= maximumText else {
            throw ShishiError(
                .feedbackTooLong, zh: "问题描述有 \(text.count) 个字，超过上限 \(maximumText) 字：请缩短。",
                en: "The description has \(text.count) characters, more than the limit of \(maximumText): shorten it.")
        }
        guard rating != nil || !text.isEmpty else {
            throw ShishiError(
                .feedbackEmpty, zh: "请选择一项评价，或写下要反映的问题（也可以两样都填）。",
                en: "Choose a rating, or describe the problem you want to report (or both).")
        }
        return try workspace.write { db, audit in
            guard try ProjectRecord.fetchOne(db, key: project) != nil else {
                throw ShishiError(.projectMissing, zh: "没有编号为 \(project) 的项目。", en: "There is no project \(project).")
            }
            if let rating {
                var record = PublicRatingRecord(projectId: project, year: year, rating: rating.rawValue, device: device, at: audit.at)
                do {
                    try record.insert(db)
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                    throw ShishiError(
                        .feedbackAlreadyRated, zh: "这台设备今年已经评价过这个项目，每台设备每年评价一次。",
                        en: "This device has already rated this project this year: one rating per device a year.")
                }
                try audit.record("public.rate", subject: "project:\(project)", detail: ["rating": rating.rawValue, "year": "\(year)"])
            }
            guard !text.isEmpty else { return nil }
            var reference = ReferenceNumber.make()
            while try PublicReportRecord.filter(PublicReportRecord.Columns.reference == reference).fetchCount(db) > 0 { reference = ReferenceNumber.make() }
            var report = PublicReportRecord(projectId: project, text: text, at: audit.at, status: Status.pending.rawValue, reference: reference)
            try report.insert(db)
            try audit.record("public.report", subject: "project:\(project)", detail: ["report": "\(report.id!)"])
            return reference
        }
    }

    /// The problems with `status`, oldest first.
    public static func reports(_ status: Status, in workspace: Workspace) throws -> [PublicReportRecord] {
        try workspace.read { db in
            try PublicReportRecord.filter(PublicReportRecord.Columns.status == status.rawValue).order(PublicReportRecord.Columns.id).fetchAll(db)
        }
    }

    /// Reviews pending problem `id`: accepted, it becomes a complaint on its project (record
    /// `MSM-id`, channel 民生码, dated the day it came in); rejected, it stays on record, unshown.
    @discardableResult
    public static func review(_ id: Int64, accept: Bool, in workspace: Workspace) throws -> PublicReportRecord {
        try workspace.write { db, audit in
            guard var report = try PublicReportRecord.fetchOne(db, key: id) else {
                throw ShishiError(.feedbackMissing, zh: "没有编号为 \(id) 的群众反映。", en: "There is no resident's report \(id).")
            }
            guard report.status == Status.pending.rawValue else {
                throw ShishiError(.feedbackReviewed, zh: "第 \(id) 条群众反映已经审核过。", en: "Resident's report \(id) was already reviewed.")
            }
            report.status = (accept ? Status.accepted : .rejected).rawValue
            report.reviewedBy = audit.actor
            report.reviewedAt = audit.at
            if accept {
                var complaint = HotlineComplaintRecord(
                    recordId: "MSM-\(id)", date: String(report.at.prefix(10)), category: channel, text: report.text, projectId: report.projectId,
                    source: channel)
                try complaint.insert(db)
                report.hotlineComplaintId = complaint.id
            }
            try report.update(db)
            try audit.record(accept ? "public.accept" : "public.reject", subject: "report:\(id)", detail: ["project": "\(report.projectId)"])
            return report
        }
    }

    /// The year's ratings by project.
    public static func counts(year: Int, in workspace: Workspace) throws -> [Int64: RatingCounts] {
        try workspace.read { db in
            var counts: [Int64: RatingCounts] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT projectId, rating, COUNT(*) AS n FROM publicRating WHERE year = ? GROUP BY projectId, rating", arguments: [year])
            {
                let project: Int64 = row["projectId"]
                var tally = counts[project] ?? RatingCounts(satisfied: 0, basicallySatisfied: 0, unsatisfied: 0)
                switch Rating(rawValue: row["rating"]) {
                case .satisfied: tally.satisfied = row["n"]
                case .basicallySatisfied: tally.basicallySatisfied = row["n"]
                case .unsatisfied: tally.unsatisfied = row["n"]
                case nil: break
                }
                counts[project] = tally
            }
            return counts
        }
    }

    /// A random secret kept in the workspace under `name` (made on first use): the server signs
    /// devices' cookies with it, so they stay valid across restarts.
    public static func secret(_ name: String, in workspace: Workspace) throws -> Data {
        try workspace.write { db, _ in
            if let value = try Data.fetchOne(db, sql: "SELECT value FROM siteSecret WHERE name = ?", arguments: [name]) { return value }
            var generator = SystemRandomNumberGenerator()
            let value = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try db.execute(sql: "INSERT INTO siteSecret (name, value) VALUES (?, ?)", arguments: [name, value])
            return value
        }
    }
}

extension Scores {
    /// Takes the residents' ratings of `year` (民生码) into the year's scores as the source
    /// `source` with `weight`, as `scores import` takes a file: once a year, all or nothing.
    @discardableResult
    public static func importPublicRatings(year: Int, source: String, weight: Double, points: PointsMapping, into workspace: Workspace) throws -> Int {
        try checkSource(year: year, source: source, weight: weight, evaluators: nil, points: points)
        let counts = try PublicFeedback.counts(year: year, in: workspace)
        guard !counts.isEmpty else {
            throw ShishiError(
                .feedbackNoRatings, zh: "\(year) 年还没有群众通过民生码评价任何项目。", en: "No resident has rated a project through its code in \(year) yet.")
        }
        let rows = counts.keys.sorted().map { project in
            Row(project: project, counts: counts[project]!, place: Text("项目 \(project)", "project \(project)"), title: nil)
        }
        let record = ScoreSourceRecord(
            year: year, name: source, weight: weight, evaluators: nil, satisfiedPoints: points.satisfied, basicallyPoints: points.basicallySatisfied,
            unsatisfiedPoints: points.unsatisfied, file: PublicFeedback.channel, stage: .regular, voteHash: nil, resultHash: nil, gradingBase: nil,
            gradingShare: nil)
        return try insert(record, rows: rows, into: workspace, what: Text("这些评价都未写入", "none of these ratings was written"))
    }
}
