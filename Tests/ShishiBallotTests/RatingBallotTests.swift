import Foundation
import ShishiBallot
import ShishiCore
import ShishiTestSupport
import Testing

/// Evaluation rounds (style `rating`): the manifest, the marking, the verifier and paper sheets.
@Suite struct RatingBallotTests {
    @Test func aRatingManifestHasNoSeatsAndAGradingRule() throws {
        let made = try Fixture.vote(style: .rating, candidates: 4)
        #expect(made.vote.manifest.seats == 0)
        #expect(made.vote.manifest.rules.grading == GradingRule())

        var manifest = made.vote.manifest
        manifest.seats = 2
        #expect(try #require(throws: ShishiError.self) { try manifest.validate() }.code == "manifest.seatsInRating")
        manifest.seats = 0
        manifest.rules.grading = nil
        #expect(try #require(throws: ShishiError.self) { try manifest.validate() }.code == "manifest.noGrading")
        manifest.rules.grading = GradingRule(share: Fraction(3, 2))
        #expect(try #require(throws: ShishiError.self) { try manifest.validate() }.code == "manifest.noGrading")

        var vote = try Fixture.vote().vote.manifest
        vote.rules.grading = GradingRule()
        #expect(try #require(throws: ShishiError.self) { try vote.validate() }.code == "manifest.gradingInVote")
    }

    @Test func ratingsAreCheckedBeforeABallotIsMade() throws {
        let rating = try Fixture.vote(style: .rating, candidates: 4).vote.manifest
        let marking = try BallotMarking(ratings: [.satisfied: ["1", "2"], .unsatisfied: ["4"]], manifest: rating)
        #expect(marking.marks == ["1": .satisfied, "2": .satisfied, "4": .unsatisfied])

        func code(_ body: () throws -> BallotMarking) -> String? {
            do { _ = try body(); return nil } catch let error as ShishiError { return error.code.rawValue } catch { return "\(error)" }
        }
        #expect(code { try BallotMarking(yes: ["1"], no: [], manifest: rating) } == "cast.votingOnRating")
        #expect(code { try BallotMarking(ratings: [.satisfied: ["1"], .basicallySatisfied: ["1"]], manifest: rating) } == "cast.twoRatings")
        #expect(code { try BallotMarking(ratings: [.satisfied: ["9"]], manifest: rating) } == "cast.unknownCandidate")
        let vote = try Fixture.vote().vote.manifest
        #expect(code { try BallotMarking(ratings: [.satisfied: ["1"]], manifest: vote) } == "cast.ratingOnVote")
    }

    @Test func aMarkThatDoesNotFitTheStyleIsRejected() throws {
        let rating = try Fixture.vote(style: .rating, candidates: 4)
        let vote = try Fixture.vote(candidates: 4)
        // A faulty terminal: yes/no marks made for one vote, signed with a credential of the evaluation.
        let forged = try BallotCaster(vote: rating.vote).seal(
            BallotMarking(yes: ["1"], no: ["2"], manifest: vote.vote.manifest), credential: rating.credential(for: "D1")
        )
        let verdict = BallotVerifier(vote: rating.vote).verify(try forged.fileData(), source: "forged.json")
        #expect(verdict.status == .rejected)
        #expect(verdict.steps.first { $0.passed == false }?.check == .candidates)
        #expect(verdict.reason?.en.contains("evaluation ballot") == true)

        // And the other way round: ratings on a yes/no ballot.
        let rated = try BallotCaster(vote: vote.vote).seal(
            BallotMarking(ratings: [.satisfied: ["1"]], manifest: rating.vote.manifest), credential: vote.credential(for: "D1")
        )
        let other = BallotVerifier(vote: vote.vote).verify(try rated.fileData(), source: "rated.json")
        #expect(other.status == .rejected)
        #expect(other.steps.first { $0.passed == false }?.check == .candidates)

        // A well-formed evaluation ballot passes every check, the yes limit included.
        let good = try BallotCaster(vote: rating.vote).seal(
            BallotMarking(ratings: [.basicallySatisfied: ["3"]], manifest: rating.vote.manifest), credential: rating.credential(for: "D2")
        )
        let valid = BallotVerifier(vote: rating.vote).verify(try good.fileData(), source: "good.json")
        #expect(valid.status == .valid)
        #expect(valid.steps.allSatisfy { $0.passed == true })
    }

    @Test func paperEvaluationSheetsTakeRatingWords() throws {
        let made = try Fixture.vote(style: .rating, candidates: 4)
        let entry = PaperEntry(vote: made.vote)
        let sheet = "serial,1,2,3,4\nE1,满意,基本满意,不满意,\nE2,S,B,U,?\nE3,,,,\n"
        let ballots = try entry.ballots(csv: Data(sheet.utf8), source: "box-1.csv")
        #expect(ballots[0].marks == ["1": .satisfied, "2": .basicallySatisfied, "3": .unsatisfied])
        #expect(ballots[1].marks == ["1": .satisfied, "2": .basicallySatisfied, "3": .unsatisfied, "4": .unclear])
        #expect(ballots[2].isBlank)

        let yesOnRating = "serial,1,2,3,4\nE1,满意,,,\nE2,Y,,,\n"
        let error = try #require(throws: ShishiError.self) { try entry.ballots(csv: Data(yesOnRating.utf8), source: "box-1.csv") }
        #expect(error.code == "paper.markMisfit")
        #expect(error.message.en.contains("line 3") && error.message.en.contains("column “1”"))

        let vote = try Fixture.vote(candidates: 4)
        let ratingOnVote = "serial,1,2,3,4\nE1,Y,满意,,\n"
        let refused = try #require(throws: ShishiError.self) { try PaperEntry(vote: vote.vote).ballots(csv: Data(ratingOnVote.utf8), source: "box-1.csv") }
        #expect(refused.code == "paper.markMisfit")
        #expect(refused.message.en.contains("line 2") && refused.message.en.contains("column “2”"))
    }
}
