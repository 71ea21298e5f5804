public import Foundation
import ShishiCore
import ShishiFollowUp
import Synchronization

/// Slows and limits password guessing on a server's sign-in form without letting anyone lock
/// someone else out (docs/web.md, Accounts and sessions).
///
/// Failures are counted per account *and* address (five in fifteen minutes lock that pair) and
/// per address (twenty, whatever the accounts, lock that address); never per account alone, so a
/// stranger typing the registrar's name from another machine cannot keep the registrar out. An
/// account's failures from everywhere only slow its sign-ins down (up to five seconds a try),
/// except from an address it signed in from before. `shishi serve user unlock NAME` lifts an
/// account's locks: it leaves a file named after the account in ``unlockFolder``, which the
/// server reads at the account's next try.
public final class LoginGuard: Sendable {
    /// Wrong passwords for one account from one address before that pair is locked.
    static let perPair = 5
    /// Wrong passwords from one address, whatever the accounts, before the address is locked.
    static let perAddress = 20
    /// How long a failure counts.
    static let window: Duration = .seconds(15 * 60)

    /// Where `shishi serve user unlock` leaves its requests, one empty file an account.
    let unlockFolder: URL?

    private struct State {
        var failures: [String: [ContinuousClock.Instant]] = [:]
        var known: [String: Set<String>] = [:]
    }

    private let state = Mutex(State())
    private let clock = ContinuousClock()

    /// How long a failed try is held back, at the least (a second; the longest is five times it).
    let delayUnit: Duration

    /// A guard reading unlock requests from `unlockFolder`.
    init(unlockFolder: URL? = nil, delayUnit: Duration = .seconds(1)) {
        self.unlockFolder = unlockFolder
        self.delayUnit = delayUnit
    }

    /// The hall's unlock requests: `unlock/` in its state folder.
    public static func unlockFolder(state folder: URL) -> URL { folder.appendingPathComponent("unlock") }

    /// The year's unlock requests: `WORKSPACE.unlock/` beside the workspace file (as its stored
    /// files are in `WORKSPACE.files/`).
    public static func unlockFolder(workspace: URL) -> URL { URL(fileURLWithPath: workspace.path + ".unlock") }

    /// Asks `verify` whether the password is right, unless `account` is locked from `address`:
    /// refused with `locked` (naming who can help); a wrong password is recorded, held back and
    /// refused as such; a right one clears that place's failures and gives the account.
    func attempt<Account>(account: String, address: String, locked: Text, verify: () throws -> Account?) async throws -> Account {
        takeUnlockRequest(for: account)
        let (pair, place) = ("pair:\(account)\u{0}\(address)", "address:\(address)")
        let now = clock.now
        let isLocked = state.withLock { state in
            recent(state.failures[pair], now).count >= Self.perPair || recent(state.failures[place], now).count >= Self.perAddress
        }
        guard !isLocked else {
            throw ShishiError(
                .serverLocked,
                zh: "在这台设备上登录失败次数过多，已暂停 15 分钟：请稍后再试，或\(locked.zh)（shishi serve user unlock）。",
                en: "Too many failed sign-ins from this device: paused for 15 minutes. Try later, or \(locked.en) (shishi serve user unlock).")
        }
        if let found = try verify() {
            state.withLock { state in
                state.failures[pair] = nil
                state.known[account, default: []].insert(address)
            }
            return found
        }
        let delay = state.withLock { state -> Duration in
            for key in [pair, place, "account:\(account)"] { state.failures[key] = recent(state.failures[key], now) + [now] }
            if state.known[account]?.contains(address) == true { return delayUnit }
            let recentOnAccount = state.failures["account:\(account)"]?.count ?? 0
            return delayUnit * min(5, 1 + recentOnAccount / 5)
        }
        try await Task.sleep(for: delay)
        throw ShishiError(.serverBadLogin, zh: "账户名或密码不对。", en: "The account name or the password is wrong.")
    }

    /// Lifts every lock and slow-down of `account` now (the servers' own use, and tests).
    func unlock(_ account: String) {
        state.withLock { state in
            state.failures = state.failures.filter { key, _ in !key.hasPrefix("pair:\(account)\u{0}") && key != "account:\(account)" }
        }
    }

    /// Writes an unlock request for `account` into `requests` (``unlockFolder(state:)`` or
    /// ``unlockFolder(workspace:)``): what `shishi serve user unlock` does; the server reads it
    /// at the account's next try.
    public static func requestUnlock(_ account: String, into requests: URL) throws {
        guard YearAccount.isValidName(account) else {
            throw ShishiError(.serverBadAccountName, zh: "账户名“\(account.prefix(40))”无效。", en: "The account name “\(account.prefix(40))” is not valid.")
        }
        try FileAccess.makeDirectory(requests)
        try FileAccess.replace(requests.appendingPathComponent(account), data: Data(), mode: 0o600)
    }

    private func takeUnlockRequest(for account: String) {
        guard let unlockFolder, YearAccount.isValidName(account) else { return }
        let request = unlockFolder.appendingPathComponent(account)
        guard FileManager.default.fileExists(atPath: request.path) else { return }
        unlink(request.path)
        unlock(account)
    }

    private func recent(_ times: [ContinuousClock.Instant]?, _ now: ContinuousClock.Instant) -> [ContinuousClock.Instant] {
        (times ?? []).filter { now - $0 < Self.window }
    }
}
