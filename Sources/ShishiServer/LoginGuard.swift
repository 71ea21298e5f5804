import Foundation
import Synchronization

/// Failed logins, slowed and locked: after ``limit`` failures for one account name (or from one
/// address) within ``window``, further tries are refused until the window has passed.
final class LoginGuard: Sendable {
    /// Failures allowed before the lock.
    static let limit = 5
    /// How long failures count, and how long a lock lasts.
    static let window: Duration = .seconds(15 * 60)

    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])
    private let clock = ContinuousClock()

    /// Whether `keys` (the name tried, the address) are locked now.
    func isLocked(_ keys: [String]) -> Bool {
        let now = clock.now
        return failures.withLock { failures in
            keys.contains { key in (failures[key] ?? []).filter { now - $0 < Self.window }.count >= Self.limit }
        }
    }

    /// Records a failed try for `keys`.
    func fail(_ keys: [String]) {
        let now = clock.now
        failures.withLock { failures in
            for key in keys {
                failures[key] = (failures[key] ?? []).filter { now - $0 < Self.window } + [now]
            }
        }
    }

    /// Forgets the failures of `keys` after a good login.
    func succeed(_ keys: [String]) {
        failures.withLock { failures in keys.forEach { failures[$0] = nil } }
    }
}
