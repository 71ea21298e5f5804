public import ShishiCore
import ShishiStore

/// What happened on a project, newest first: each progress report, milestone done, inspection,
/// problem filed and rectification closed, with its date, in words; what a project's page shows
/// as its timeline (项目动态), each event leading to the section that holds it whole.
public enum ProjectTimeline {
    /// One event.
    public struct Event: Sendable, Equatable {
        /// The day (YYYY-MM-DD).
        public var date: String
        /// What happened, in words.
        public var what: Text
        /// What was written with it (a report's narrative, the findings, how a milestone is known), if anything.
        public var detail: String
        /// The section of the project's page that holds it (`reports`, `milestones`, `inspections`, `problems`).
        public var section: String
    }

    /// The events of `entry`, newest first (events of one day in the order reports, milestones,
    /// inspections, problems).
    public static func events(of entry: YearReport.Entry) -> [Event] {
        var events: [Event] = []
        for report in entry.reports {
            events.append(
                Event(
                    date: report.date, what: Text("进度报告：完成 \(report.percent)%", "Progress report: \(report.percent)% done"), detail: report.narrative,
                    section: "reports"))
        }
        for milestone in entry.milestones {
            guard let done = milestone.doneAt else { continue }
            events.append(
                Event(
                    date: String(done.prefix(10)), what: Text("节点完成：\(milestone.title)", "Milestone done: \(milestone.title)"),
                    detail: milestone.evidence ?? "", section: "milestones"))
        }
        var inspected: [Int64: String] = [:]
        for inspection in entry.inspections {
            inspected[inspection.id ?? 0] = inspection.date
            events.append(
                Event(
                    date: inspection.date, what: Text("代表视察：\(inspection.inspectors)", "Inspection by \(inspection.inspectors)"),
                    detail: inspection.findings, section: "inspections"))
        }
        for problem in entry.rectifications {
            if let filed = problem.inspectionId.flatMap({ inspected[$0] }) {
                events.append(
                    Event(date: filed, what: Text("提出整改：\(problem.problem)", "Problem to rectify: \(problem.problem)"), detail: "", section: "problems"))
            }
            if let closed = problem.closedAt {
                events.append(
                    Event(
                        date: String(closed.prefix(10)), what: Text("整改销号：\(problem.problem)", "Rectification closed: \(problem.problem)"),
                        detail: problem.resolution ?? "", section: "problems"))
            }
        }
        // Newest first; a stable sort keeps one day's events in the order above.
        return events.enumerated().sorted { a, b in a.element.date != b.element.date ? a.element.date > b.element.date : a.offset < b.offset }.map(\.element)
    }
}

extension YearReport.Entry {
    /// Whether the project answers a visitor's search `query`: every word of it (split on spaces)
    /// found, ignoring case, in its title (Chinese or English), department, lead or targets.
    public func matches(_ query: String) -> Bool {
        let words = query.lowercased().split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty else { return true }
        let p = project
        let text = [p.title, p.titleEn ?? "", p.department ?? "", p.lead ?? "", p.targets ?? ""].joined(separator: "\n").lowercased()
        return words.allSatisfy { text.contains($0) }
    }
}
