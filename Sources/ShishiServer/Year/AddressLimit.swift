import Foundation
import Synchronization

/// A limit on how often one key (an address) may do something: at most ``limit`` times within
/// ``window``; the residents' rating form is limited per address this way.
final class AddressLimit: Sendable {
    /// Tries allowed within the window.
    let limit: Int
    /// The window.
    let window: Duration

    private let tries = Mutex<[String: [ContinuousClock.Instant]]>([:])
    private let clock = ContinuousClock()

    init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Whether `key` may go on now; a try allowed is counted.
    func allow(_ key: String) -> Bool {
        let now = clock.now
        return tries.withLock { tries in
            let recent = (tries[key] ?? []).filter { now - $0 < window }
            guard recent.count < limit else {
                tries[key] = recent
                return false
            }
            tries[key] = recent + [now]
            return true
        }
    }
}
