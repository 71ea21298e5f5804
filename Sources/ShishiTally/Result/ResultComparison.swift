public import ShishiCore

/// How a published result differs from the one it should be (a recount, or what a public copy's
/// own numbers give), field by field and in words: each line names the field as `result.json`
/// spells it, what was published and what was found.
///
/// The wording of check details and review reasons is presentation and may change between
/// versions of shishi; what is compared is every number, status, file and hash.
public struct ResultComparison: Sendable {
    /// The lines, in the order of the result's fields; empty when the two agree.
    public private(set) var lines: [Text] = []

    /// Compares `published` with `expected`; `found` names what `expected` is in the lines
    /// (重算 / recounted by default).
    public init(_ published: TallyResult, _ expected: TallyResult, found: Text = Text("重算", "recounted")) {
        self.found = found
        let published = published.withoutWording()
        let expected = expected.withoutWording()
        guard published != expected else { return }
        field("vote", published.vote, expected.vote)
        field("round", published.round, expected.round)
        field("previousRound", published.previousRound, expected.previousRound)
        field("seats", published.seats, expected.seats)
        field("outcome", published.outcome.rawValue, expected.outcome.rawValue)
        figures(published.figures, expected.figures)
        field("majorityBase", published.majorityBase.rawValue, expected.majorityBase.rawValue)
        field("baseCount", published.baseCount, expected.baseCount)
        candidates(published.candidates, expected.candidates)
        allocation(published.allocation, expected.allocation)
        field("adoptedEarlier", published.adoptedEarlier, expected.adoptedEarlier)
        checks(published.checks, expected.checks)
        field("boxDigest", published.boxDigest, expected.boxDigest)
        field("countedElectronic", published.countedElectronic, expected.countedElectronic)
        field("paperBoxes", published.paperBoxes.map { "\($0.box) \($0.hash)" }, expected.paperBoxes.map { "\($0.box) \($0.hash)" })
        field("issuanceHead", published.issuanceHead, expected.issuanceHead)
        review(published.review, expected.review)
        if lines.isEmpty { lines.append(Text("result.json 的内容与\(found.zh)结果不符", "result.json differs from what was \(found.en)")) }
    }

    private let found: Text

    private mutating func say(_ name: String, _ published: String, _ expected: String) {
        lines.append(
            Text("“\(name)”不符：公布 \(published)，\(found.zh) \(expected)", "“\(name)” differs: published \(published), \(found.en) \(expected)"))
    }

    private mutating func field<T: Equatable>(_ name: String, _ published: T, _ expected: T) {
        guard published != expected else { return }
        say(name, Self.words(published), Self.words(expected))
    }

    /// An optional field: an absent value reads as “—”.
    private mutating func field<T: Equatable>(_ name: String, _ published: T?, _ expected: T?) {
        guard published != expected else { return }
        say(name, published.map { Self.words($0) } ?? "—", expected.map { Self.words($0) } ?? "—")
    }

    /// A value as people read it: a list joined by commas, anything else as it prints.
    private static func words<T>(_ value: T) -> String {
        if let list = value as? [String] { return list.isEmpty ? "[]" : list.joined(separator: ", ") }
        return "\(value)"
    }

    private mutating func figures(_ a: TallyResult.Figures, _ b: TallyResult.Figures) {
        let names: [(String, KeyPath<TallyResult.Figures, Int>)] = [
            ("deputies", \.deputies), ("present", \.present), ("issued", \.issued), ("issuedElectronic", \.issuedElectronic),
            ("issuedPaper", \.issuedPaper), ("returned", \.returned), ("returnedElectronic", \.returnedElectronic),
            ("returnedPaper", \.returnedPaper), ("valid", \.valid), ("invalid", \.invalid), ("blank", \.blank), ("rejected", \.rejected),
            ("setAside", \.setAside),
        ]
        for (name, path) in names { field("figures.\(name)", a[keyPath: path], b[keyPath: path]) }
    }

    private mutating func candidates(_ a: [TallyResult.CandidateResult], _ b: [TallyResult.CandidateResult]) {
        guard a.map(\.id) == b.map(\.id) else {
            field("candidates", a.map(\.id), b.map(\.id))
            return
        }
        for (p, e) in zip(a, b) where p != e {
            let name = "candidates[\(p.id)]"
            field("\(name).title", p.title, e.title)
            field("\(name).titleEn", p.titleEn, e.titleEn)
            field("\(name).yes", p.yes, e.yes)
            field("\(name).no", p.no, e.no)
            field("\(name).abstain", p.abstain, e.abstain)
            field("\(name).points", p.points, e.points)
            field("\(name).ratings", p.ratings.map(Self.ratings), e.ratings.map(Self.ratings))
            field("\(name).grade", p.grade?.rawValue, e.grade?.rawValue)
            field("\(name).rank", p.rank, e.rank)
            field("\(name).status", p.status?.rawValue, e.status?.rawValue)
            field("\(name).cost", p.cost, e.cost)
        }
    }

    private static func ratings(_ r: RatingCounts) -> String { "\(r.satisfied)/\(r.basicallySatisfied)/\(r.unsatisfied)" }

    private mutating func allocation(_ a: SeatAllocation?, _ b: SeatAllocation?) {
        guard let a, let b else {
            if (a == nil) != (b == nil) { say("allocation", a == nil ? "—" : "…", b == nil ? "—" : "…") }
            return
        }
        field("allocation.adopted", a.adopted, b.adopted)
        field("allocation.runOff", a.runOff, b.runOff)
        field("allocation.openSeats", a.openSeats, b.openSeats)
        field("allocation.vacant", a.vacant, b.vacant)
        field("allocation.next", a.next.rawValue, b.next.rawValue)
        field("allocation.needed", a.needed, b.needed)
        field("allocation.budget", a.budget, b.budget)
        field("allocation.budgetUsed", a.budgetUsed, b.budgetUsed)
    }

    private mutating func checks(_ a: [CheckOutcome], _ b: [CheckOutcome]) {
        guard a.map(\.number) == b.map(\.number) else {
            field("checks", a.map { "\($0.number)" }, b.map { "\($0.number)" })
            return
        }
        for (p, e) in zip(a, b) where p != e {
            let name = "checks[\(p.number) \(p.name)]"
            field("\(name).name", p.name, e.name)
            field("\(name).passed", p.passed, e.passed)
            field("\(name).checked", p.checked, e.checked)
            field("\(name).failed", p.failed, e.failed)
        }
    }

    private mutating func review(_ a: [TallyResult.ReviewItem], _ b: [TallyResult.ReviewItem]) {
        guard a.count == b.count else {
            field("review (items)", a.count, b.count)
            return
        }
        for (index, (p, e)) in zip(a, b).enumerated() where p != e {
            let name = "review[\(index + 1)]"
            field("\(name).file", p.file, e.file)
            field("\(name).status", p.status.rawValue, e.status.rawValue)
            field("\(name).tracker", p.tracker, e.tracker)
            field("\(name).box", p.box, e.box)
            field("\(name).serial", p.serial, e.serial)
            field("\(name).check", p.check, e.check)
        }
    }
}
