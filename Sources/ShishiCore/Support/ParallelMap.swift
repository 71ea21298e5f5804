public import Foundation
import Synchronization

/// Maps `items` on all cores, keeping their order; the first error is thrown.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws -> [R] {
    let results = Mutex([R?](repeating: nil, count: items.count))
    let failure = Mutex<(any Error)?>(nil)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        do {
            let value = try transform(items[index])
            results.withLock { $0[index] = value }
        } catch {
            failure.withLock { if $0 == nil { $0 = error } }
        }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    return results.withLock { $0.map { $0! } }
}

/// The machine's cores as this process may use them.
public enum Cores {
    /// How many cores the process may run on, read once (Foundation reads the control group's
    /// files again on every `activeProcessorCount`).
    public static let active = ProcessInfo.processInfo.activeProcessorCount
}
