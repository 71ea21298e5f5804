import ShishiBallot
import ShishiCore

extension Tally {
    /// Running totals over valid ballots: per mark, per candidate.
    struct Counter {
        /// `marks[mark][candidate]`, marks in ``Mark/allCases`` order.
        var marks: [[Int]]
        /// Total points per candidate (points ballots), and how many ballots gave it any.
        var points: [Int]
        var supporters: [Int]
        var valid = 0
        var invalid = 0
        var blank = 0
        let index: [String: Int]

        init(candidates: [String]) {
            marks = Array(repeating: Array(repeating: 0, count: candidates.count), count: Mark.allCases.count)
            index = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($0.element, $0.offset) })
            points = Array(repeating: 0, count: candidates.count)
            supporters = points
        }

        /// Adds (or with `sign` -1, removes) one valid ballot: its marks by candidate id, and whether
        /// nothing at all was marked on it.
        mutating func add(_ ballotMarks: some Sequence<(key: String, value: Mark)>, blank isBlank: Bool, sign: Int = 1) {
            for (id, mark) in ballotMarks { marks[Self.row(mark)][index[id]!] += sign }
            valid += sign
            if isBlank { blank += sign }
        }

        /// Adds one valid paper ballot held compactly (``CompactPaperBallots/Entries``): its
        /// points, or its marks, by candidate place; an unreadable mark adds nothing (an abstention).
        mutating func add(places: UnsafeBufferPointer<UInt16>, values: UnsafeBufferPointer<Int32>, points isPoints: Bool, blank isBlank: Bool) {
            for (place, value) in zip(places, values) {
                if isPoints {
                    guard value > 0 else { continue }
                    points[Int(place)] += Int(value)
                    supporters[Int(place)] += 1
                } else if let row = Self.paperRows[Int(value)] {
                    marks[row][Int(place)] += 1
                }
            }
            valid += 1
            if isBlank { blank += 1 }
        }

        /// Adds the valid ballots of a paper box held compactly; an invalid one (more yes marks
        /// than the limit, points outside the rule: ``CompactPaperBallots/isValid(_:in:)``) is
        /// counted as invalid and its place returned, for the review.
        mutating func add(box ballots: CompactPaperBallots, manifest: VoteManifest) -> [Int] {
            var invalidPlaces: [Int] = []
            ballots.forEach { index, entries in
                guard entries.isValid(in: manifest) else {
                    invalid += 1
                    invalidPlaces.append(index)
                    return
                }
                // A mark the counters could not read counts as an abstention on that candidate.
                add(places: entries.places, values: entries.values, points: entries.points, blank: entries.isBlank)
            }
            return invalidPlaces
        }

        /// Adds one valid ballot read by the fast path: its marks by candidate place.
        mutating func add(_ ballotMarks: [(candidate: Int, mark: Mark)]) {
            for (candidate, mark) in ballotMarks { marks[Self.row(mark)][candidate] += 1 }
            valid += 1
            if ballotMarks.isEmpty { blank += 1 }
        }

        /// Adds another counter's totals.
        mutating func absorb(_ other: Counter) {
            for row in marks.indices {
                for candidate in marks[row].indices { marks[row][candidate] += other.marks[row][candidate] }
            }
            for candidate in points.indices {
                points[candidate] += other.points[candidate]
                supporters[candidate] += other.supporters[candidate]
            }
            valid += other.valid
            invalid += other.invalid
            blank += other.blank
        }

        /// The count of `mark` for the candidate at `candidate`.
        func count(_ mark: Mark, _ candidate: Int) -> Int { marks[Self.row(mark)][candidate] }

        /// The row of each paper mark (by its place in ``PaperMark/allCases``); none for an unreadable mark.
        private static let paperRows = PaperMark.allCases.map { $0.mark.map(row) }

        private static func row(_ mark: Mark) -> Int {
            switch mark {
            case .yes: 0
            case .no: 1
            case .satisfied: 2
            case .basicallySatisfied: 3
            case .unsatisfied: 4
            }
        }
    }
}
