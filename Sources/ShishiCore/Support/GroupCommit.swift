import Dispatch
import Synchronization

/// Writes that must reach the disk, gathered from many callers and committed together.
///
/// A server answering many booths at once must not flush the disk once per request: a flush
/// costs as much as hundreds of signature checks. Each caller submits its item and waits
/// (without holding a thread of Swift's concurrency pool); one writer, on a serial dispatch queue
/// of its own, takes everything queued so far, commits it in one go (one lock, one flush), and
/// answers every caller with its own result. Under light load a batch is a single item and
/// nothing waits longer than its own write; under heavy load batches grow and the flushes are
/// shared, as databases do with their commit log.
///
/// Every caller of one `GroupCommit` passes the same `commit` operation: a batch runs under the
/// operation its first item came with. The operation answers each item in order: a refusal of
/// one item (a credential used twice) does not refuse the others.
public final class GroupCommit<Item: Sendable, Output: Sendable>: Sendable {
    /// One batch's operation: the results of `items`, in their order.
    public typealias Commit = @Sendable (_ items: [Item]) -> [Result<Output, any Error>]

    private struct Waiting {
        var item: Item
        var commit: Commit
        var continuation: CheckedContinuation<Output, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var writing = false
    }

    private let state = Mutex(State())
    private let queue: DispatchQueue
    private let largestBatch: Int

    /// A group commit whose writer runs on a queue labelled `label`, at most `largestBatch` items
    /// a commit (so that the first caller of a long queue does not wait for all of it).
    public init(label: String, largestBatch: Int = 256) {
        queue = DispatchQueue(label: label)
        self.largestBatch = largestBatch
    }

    /// Submits `item` and waits until the batch that holds it has been committed by `commit`.
    public func submit(_ item: Item, commit: @escaping Commit) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state -> Bool in
                state.waiting.append(Waiting(item: item, commit: commit, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    /// Commits batches until nothing waits.
    private func drain() {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                let batch = Array(state.waiting.prefix(largestBatch))
                state.waiting.removeFirst(batch.count)
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard let first = batch.first else { return }
            var results = first.commit(batch.map(\.item))
            if results.count != batch.count {
                results = Array(repeating: .failure(GroupCommitError.resultCount), count: batch.count)
            }
            for (waiting, result) in zip(batch, results) { waiting.continuation.resume(with: result) }
        }
    }
}

/// A commit operation answered a different number of items than it was given (a defect).
public enum GroupCommitError: Error {
    /// The operation's results did not match its items.
    case resultCount
}
