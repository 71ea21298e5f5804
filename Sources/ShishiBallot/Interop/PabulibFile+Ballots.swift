public import ShishiCore
import Synchronization

extension PabulibFile {
    /// The name of an imported file as a vote folder keeps it, byte for byte.
    public static let keptName = "pabulib.pb"

    /// Usable shishi ids for ids written any way (see ``Candidate/isValidID(_:)``): an id that is
    /// one already stays; another has each character that is not a letter, a digit, `-` or `_`
    /// replaced by `_` and is cut to 32 characters, and is numbered (`_2`, `_3`, …) if that
    /// makes it equal to another. Empty ids become `prefix` and their place.
    public static func identifiers(for labels: [String], prefix: String) -> [String] {
        // Most files' ids are usable as they are (a city's voter numbers): then they stay, all.
        guard labels.contains(where: { !Candidate.isValidID($0) }) else { return labels }
        var taken = Set<String>()
        taken.reserveCapacity(labels.count)
        for label in labels where Candidate.isValidID(label) { taken.insert(label) }
        return labels.enumerated().map { offset, label in
            if Candidate.isValidID(label) { return label }
            var base = String(label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(32))
            if base.isEmpty || !Candidate.isValidID(base) { base = "\(prefix)\(offset + 1)" }
            var id = base
            var number = 2
            while taken.contains(id) {
                let suffix = "_\(number)"
                id = String(base.prefix(32 - suffix.count)) + suffix
                number += 1
            }
            taken.insert(id)
            return id
        }
    }

    /// The file's votes as paper ballots of a vote whose candidates are the file's projects (each
    /// project id a candidate's ``Candidate/sourceID``): each under its voter's roster id
    /// (``identifiers(for:prefix:)`` of the voter ids, prefix `v`) and its file line, a yes mark for each project chosen, or, when `points`,
    /// the points given to each (a project given none left out). `nil` when a chosen project is
    /// not among `candidates`.
    public func paperBallots(candidates: [Candidate], points: Bool) -> [PaperBallot]? {
        compactBallots(candidates: candidates, points: points)?.ballots
    }

    /// The ballots of ``paperBallots(candidates:points:)``, held compactly.
    public func compactBallots(candidates: [Candidate], points: Bool) -> CompactPaperBallots? {
        compactBallots(candidateIDs: candidates.map(\.id), sourceIDs: candidates.map(\.sourceID), points: points)?.ballots
    }

    /// What ``compactBallots(text:source:candidateIDs:sourceIDs:points:)`` reads.
    public struct CompactReading: Sendable {
        /// The ballots.
        public var ballots: CompactPaperBallots
        /// Each ballot's voter id as the file writes it (the ballots' serials are the roster ids made from them).
        public var voters: [String]
        /// The line of the first vote given no points column, when points were asked for.
        public var withoutPoints: Int?
    }

    /// The votes of the Pabulib `text` as ``compactBallots(candidates:points:)`` gives them, on
    /// candidates given by id and by the project id each stands for, read straight from the bytes
    /// of plain votes with no ``Vote`` made for each (any other file is read whole, and refused as
    /// ``init(text:source:readingVotes:)`` refuses it). `nil` when a project is not a candidate.
    ///
    /// The last reading is kept, and given again for the same text on the same candidates: an
    /// import reads its file, then counts the folder it made, which reads the same bytes again.
    public static func compactBallots(text: String, source: String, candidateIDs: [String], sourceIDs: [String], points: Bool) throws -> CompactReading? {
        let key = ReadingKey(text: text, candidateIDs: candidateIDs, sourceIDs: sourceIDs, points: points)
        if let kept = lastReading.withLock({ $0?.key == key ? $0?.reading : nil }) { return kept }
        let reading = try readCompactBallots(text: text, source: source, candidateIDs: candidateIDs, sourceIDs: sourceIDs, points: points)
        if let reading { lastReading.withLock { $0 = (key, reading) } }
        return reading
    }

    /// What a reading depends on.
    private struct ReadingKey: Equatable {
        var text: String
        var candidateIDs: [String]
        var sourceIDs: [String]
        var points: Bool
    }

    /// The last reading made, and what it was made from.
    private static let lastReading = Mutex<(key: ReadingKey, reading: CompactReading)?>(nil)

    /// ``compactBallots(text:source:candidateIDs:sourceIDs:points:)`` read afresh.
    private static func readCompactBallots(text: String, source: String, candidateIDs: [String], sourceIDs: [String], points: Bool) throws -> CompactReading? {
        var section: Section?
        var file = try PabulibFile(text: text, source: source, votesSection: &section)
        var builder = BallotBuilder(
            projects: file.projects, candidateIDs: candidateIDs, sourceIDs: sourceIDs, points: points, capacity: section!.text.utf8.count / 16)
        if scanPlainVotes(section!, projects: file.projects, visitor: &builder) { return builder.finish() }
        file.votes = try readVotes(section!, projects: file.projects, source: source)
        return file.compactBallots(candidateIDs: candidateIDs, sourceIDs: sourceIDs, points: points)
    }

    /// ``compactBallots(text:source:candidateIDs:sourceIDs:points:)`` of votes already read.
    private func compactBallots(candidateIDs: [String], sourceIDs: [String], points: Bool) -> CompactReading? {
        var builder = BallotBuilder(projects: projects, candidateIDs: candidateIDs, sourceIDs: sourceIDs, points: points, capacity: votes.count)
        builder.validIDs = false  // not looked at: finish() makes the roster ids
        let position = Dictionary(uniqueKeysWithValues: projects.enumerated().map { ($0.element.id, $0.offset) })
        for vote in votes { builder.add(voter: vote.voter, line: vote.line, chosen: vote.approved.map { position[$0]! }, given: vote.points) }
        return builder.finish()
    }

    /// Makes the compact ballots of a file's votes, one vote at a time.
    private struct BallotBuilder: PlainVoteVisitor {
        let points: Bool
        /// Each project's candidate place, by the project's place in the file.
        let projectPlaces: [Int?]
        var ballots: CompactPaperBallots
        var places: [Int] = []
        var values: [Int] = []
        var known = true
        var withoutPoints: Int?
        /// Whether every voter id visited is a roster id as it is (``Candidate/isValidASCIIID(_:)``,
        /// checked on its bytes as it is read): then ``finish()`` need not make any.
        var validIDs = true
        /// The ballots expected, for the room each part's builder asks for.
        let capacity: Int

        init(projects: [Project], candidateIDs: [String], sourceIDs: [String], points: Bool, capacity: Int) {
            let place = Dictionary(sourceIDs.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
            projectPlaces = projects.map { place[$0.id] }
            self.points = points
            self.capacity = capacity
            ballots = CompactPaperBallots(candidateIDs: candidateIDs, points: points, capacity: capacity)
        }

        /// Adds a vote: its voter id, file line, the places in the file of the projects chosen, and the points given to each.
        mutating func add(voter: String, line: Int, chosen: some Collection<Int>, given: [Int]?) {
            places.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            if points, given == nil, withoutPoints == nil { withoutPoints = line }
            for (offset, project) in chosen.enumerated() {
                guard let place = projectPlaces[project] else {
                    known = false
                    return
                }
                if points {
                    let value = given?[offset] ?? 0
                    guard value > 0 else { continue }
                    values.append(value)
                }
                places.append(place)
            }
            if points {
                ballots.append(serial: voter, line: line, places: places, values: values)
            } else {
                ballots.append(serial: voter, line: line, places: places, marks: repeatElement(PaperMark.yes, count: places.count))
            }
        }

        mutating func visit(voter: UnsafeRawBufferPointer, line: Int, chosen: [Int], points given: [Int]?) {
            if validIDs, !Candidate.isValidASCIIID(voter) { validIDs = false }
            add(voter: String(decoding: voter, as: UTF8.self), line: line, chosen: chosen, given: given)
        }

        func emptyCopy() -> BallotBuilder {
            var copy = self
            copy.ballots = CompactPaperBallots(candidateIDs: ballots.candidateIDs, points: points, capacity: capacity)
            copy.known = true
            copy.withoutPoints = nil
            copy.validIDs = true
            return copy
        }

        mutating func append(contentsOf other: BallotBuilder) {
            ballots.append(contentsOf: other.ballots)
            known = known && other.known
            validIDs = validIDs && other.validIDs
            withoutPoints = withoutPoints ?? other.withoutPoints
        }

        /// The ballots under their voters' roster ids (``identifiers(for:prefix:)``, prefix `v`); `nil` when a project was not a candidate.
        mutating func finish() -> CompactReading? {
            guard known else { return nil }
            let voters = ballots.serials
            let serials = validIDs ? voters : PabulibFile.identifiers(for: voters, prefix: "v")
            if serials != voters { ballots.renameSerials(serials) }
            return CompactReading(ballots: ballots, voters: voters, withoutPoints: withoutPoints)
        }
    }
}
