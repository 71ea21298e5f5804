public import ShishiCore

/// The paper ballots of one box held compactly, as the count reads them: each ballot's serial
/// and line, and its marks (or points) by candidate place, in a few arrays for the whole box
/// rather than a dictionary per ballot. A box holding a whole city's imported votes counts in
/// a fraction of the time, and memory, that ``PaperBallot`` values take.
///
/// The same rules apply as to ``PaperBallot`` (``PaperBallot/isValid(yes:points:in:)``):
/// ``ballot(_:)`` gives any ballot back as one.
public struct CompactPaperBallots: Sendable {
    /// The candidates' ids, in manifest order: a ballot's entries name candidates by place here.
    public let candidateIDs: [String]
    /// Whether the entries are points (a points ballot) rather than marks.
    public let points: Bool
    /// Each ballot's serial.
    public private(set) var serials: [String] = []
    /// Each ballot's line in the file it was read from.
    public private(set) var lines: [Int] = []
    /// Where each ballot's entries end in `places` and `values`.
    private var ends: [Int32] = []
    /// The candidate place of each entry.
    private var places: [UInt16] = []
    /// Each entry's points, or its mark's place in ``PaperMark/allCases``.
    private var values: [Int32] = []

    /// An empty box for the candidates `candidateIDs`, of marks or, with `points`, of points.
    public init(candidateIDs: [String], points: Bool, capacity: Int = 0) {
        self.candidateIDs = candidateIDs
        self.points = points
        serials.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
        ends.reserveCapacity(capacity)
        // An entry a ballot at least, as most ballots have: room asked for is not touched until used.
        places.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// The ballots as ``PaperBallot`` values read them: each mark or points entry by its candidate's place.
    public init(_ ballots: [PaperBallot], candidateIDs: [String], points: Bool) {
        self.init(candidateIDs: candidateIDs, points: points, capacity: ballots.count)
        let place = Dictionary(uniqueKeysWithValues: candidateIDs.enumerated().map { ($0.element, $0.offset) })
        for ballot in ballots {
            if points {
                let given = (ballot.points ?? [:]).compactMap { id, value in place[id].map { ($0, value) } }.sorted { $0.0 < $1.0 }
                append(serial: ballot.serial, line: ballot.line, places: given.map(\.0), values: given.map(\.1))
            } else {
                let marks = ballot.marks.compactMap { id, mark in place[id].map { ($0, mark) } }.sorted { $0.0 < $1.0 }
                append(serial: ballot.serial, line: ballot.line, places: marks.map(\.0), marks: marks.map(\.1))
            }
        }
    }

    /// The number of ballots.
    public var count: Int { serials.count }

    /// Adds a ballot of marks: `marks[i]` on the candidate at place `places[i]`.
    public mutating func append(serial: String, line: Int, places ballotPlaces: some Collection<Int>, marks: some Collection<PaperMark>) {
        append(serial: serial, line: line, places: ballotPlaces, values: marks.lazy.map(Self.value))
    }

    /// Adds a ballot of points, or (from ``append(serial:line:places:marks:)``) of mark places.
    public mutating func append(serial: String, line: Int, places ballotPlaces: some Collection<Int>, values ballotValues: some Collection<Int>) {
        serials.append(serial)
        lines.append(line)
        for place in ballotPlaces { places.append(UInt16(place)) }
        for value in ballotValues { values.append(Int32(clamping: value)) }
        ends.append(Int32(places.count))
    }

    /// Adds the ballots of `other` (on the same candidates) after these.
    public mutating func append(contentsOf other: CompactPaperBallots) {
        precondition(other.candidateIDs == candidateIDs && other.points == points)
        let offset = Int32(places.count)
        serials += other.serials
        lines += other.lines
        ends += other.ends.lazy.map { $0 + offset }
        places += other.places
        values += other.values
    }

    /// Gives the ballots, in order, the serials `serials` (as many as there are ballots).
    mutating func renameSerials(_ serials: [String]) {
        precondition(serials.count == self.serials.count)
        self.serials = serials
    }

    /// The entries of ballot `index`: candidate places and their values (points, or places in ``PaperMark/allCases``).
    public func entries(_ index: Int) -> (places: ArraySlice<UInt16>, values: ArraySlice<Int32>) {
        let range = (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
        return (places[range], values[range])
    }

    /// The mark of an entry's value on a marks ballot.
    public static func mark(_ value: Int32) -> PaperMark { allMarks[Int(value)] }

    /// One ballot's entries as ``forEach(_:)`` hands them over, valid during the call only.
    public struct Entries {
        /// The candidate place of each entry.
        public let places: UnsafeBufferPointer<UInt16>
        /// Each entry's points, or its mark's place in ``PaperMark/allCases``.
        public let values: UnsafeBufferPointer<Int32>
        /// Whether the values are points.
        public let points: Bool

        /// The number of yes marks (0 on a points ballot).
        public var yesCount: Int { points ? 0 : values.reduce(0) { $0 + ($1 == CompactPaperBallots.yesPlace ? 1 : 0) } }

        /// Whether the ballot is blank: nothing marked, no points given.
        public var isBlank: Bool { points ? values.allSatisfy { $0 == 0 } : values.isEmpty }

        /// Whether the ballot counts in the vote `manifest` defines (``PaperBallot/isValid(yes:points:in:)``).
        public func isValid(in manifest: VoteManifest) -> Bool {
            PaperBallot.isValid(yes: yesCount, points: points ? values.lazy.map { Int($0) } : nil, in: manifest)
        }
    }

    /// Hands each ballot's place and entries to `body`, in order, reading the arrays in place: a
    /// count of a city's imported votes goes through them once, retaining nothing per ballot.
    public func forEach(_ body: (Int, Entries) throws -> Void) rethrows {
        try places.withUnsafeBufferPointer { places in
            try values.withUnsafeBufferPointer { values in
                var start = 0
                for index in 0..<count {
                    let end = Int(ends[index])
                    let entries = Entries(
                        places: UnsafeBufferPointer(rebasing: places[start..<end]), values: UnsafeBufferPointer(rebasing: values[start..<end]), points: points)
                    try body(index, entries)
                    start = end
                }
            }
        }
    }

    /// Ballot `index`'s entries as ``forEach(_:)`` gives them.
    private func withEntries<Result>(_ index: Int, _ body: (Entries) -> Result) -> Result {
        let range = (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
        return places.withUnsafeBufferPointer { places in
            values.withUnsafeBufferPointer { values in
                body(Entries(places: UnsafeBufferPointer(rebasing: places[range]), values: UnsafeBufferPointer(rebasing: values[range]), points: points))
            }
        }
    }

    /// The number of yes marks on ballot `index` (0 on a points ballot).
    public func yesCount(_ index: Int) -> Int { withEntries(index) { $0.yesCount } }

    /// Whether ballot `index` is blank: nothing marked, no points given.
    public func isBlank(_ index: Int) -> Bool { withEntries(index) { $0.isBlank } }

    /// Whether ballot `index` counts in the vote `manifest` defines (``PaperBallot/isValid(yes:points:in:)``).
    public func isValid(_ index: Int, in manifest: VoteManifest) -> Bool { withEntries(index) { $0.isValid(in: manifest) } }

    /// Ballot `index` as a ``PaperBallot``.
    public func ballot(_ index: Int) -> PaperBallot {
        let (ballotPlaces, ballotValues) = entries(index)
        if points {
            var given: [String: Int] = [:]
            for (place, value) in zip(ballotPlaces, ballotValues) { given[candidateIDs[Int(place)], default: 0] += Int(value) }
            return PaperBallot(serial: serials[index], line: lines[index], marks: [:], points: given)
        }
        var marks: [String: PaperMark] = [:]
        for (place, value) in zip(ballotPlaces, ballotValues) { marks[candidateIDs[Int(place)]] = Self.mark(value) }
        return PaperBallot(serial: serials[index], line: lines[index], marks: marks)
    }

    /// Every ballot as a ``PaperBallot``.
    public var ballots: [PaperBallot] { (0..<count).map(ballot) }

    /// The first ballot holding a mark that does not fit `style`, or of the wrong kind (points on a
    /// ballot of marks or the other way round), if any.
    public func misfit(for style: BallotStyle) -> Int? {
        guard points == (style == .points) else { return count > 0 ? 0 : nil }
        if points { return nil }
        let fitting = PaperMark.allCases.map { $0.fits(style) }
        return (0..<count).first { index in entries(index).values.contains { !fitting[Int($0)] } }
    }

    private static let allMarks = PaperMark.allCases
    fileprivate static let yesPlace = Int32(value(.yes))

    /// A mark's place in ``PaperMark/allCases``.
    private static func value(_ mark: PaperMark) -> Int {
        switch mark {
        case .yes: 0
        case .no: 1
        case .unclear: 2
        case .satisfied: 3
        case .basicallySatisfied: 4
        case .unsatisfied: 5
        }
    }
}
