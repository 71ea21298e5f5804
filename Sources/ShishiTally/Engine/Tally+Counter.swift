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

        /// Adds one valid points ballot: its points by candidate id.
        mutating func add(points ballotPoints: [String: Int], blank isBlank: Bool) {
            for (id, given) in ballotPoints where given > 0 {
                points[index[id]!] += given
                supporters[index[id]!] += 1
            }
            valid += 1
            if isBlank { blank += 1 }
        }

        /// Adds (or with `sign` -1, removes) one valid ballot: its marks by candidate id, and whether
        /// nothing at all was marked on it.
        mutating func add(_ ballotMarks: some Sequence<(key: String, value: Mark)>, blank isBlank: Bool, sign: Int = 1) {
            for (id, mark) in ballotMarks { marks[Self.row(mark)][index[id]!] += sign }
            valid += sign
            if isBlank { blank += sign }
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
