public import Foundation
import ShishiCore

/// The box as a server receives ballots: many booths at once. Each ballot is checked on its
/// caller's task (the signature checks run on all cores), then dropped into the box together
/// with the others arriving at the same moment, under one lock and with one flush for all
/// (``GroupCommit``, ``BallotCaster/drop(batch:)``). The rules are the caster's: the same
/// checks as the count, one ballot per credential, nothing acknowledged before it is on disk.
public final class BallotIntake: Sendable {
    /// The vote.
    public let vote: Vote
    private let commits = GroupCommit<BallotCaster.Sealed, BallotCaster.Receipt>(label: "shishi.box")

    /// The intake of `vote`'s box.
    public init(vote: Vote) {
        self.vote = vote
    }

    /// Casts a ballot signed elsewhere (a booth in the browser), as
    /// ``BallotCaster/cast(signed:)`` does, sharing the flush with concurrent casts.
    public func cast(signed data: Data) async throws -> BallotCaster.Receipt {
        let caster = BallotCaster(vote: vote)
        let sealed = try caster.checked(signed: data)
        return try await commits.submit(sealed) { caster.drop(batch: $0) }
    }
}
