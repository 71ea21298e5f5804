import Foundation
import ShishiCore
import Synchronization

/// The one-time codes of the sign-in desk: the desk signs a deputy in and gets a short code; the
/// booth the deputy uses redeems it, once, within ``lifetime`` (five minutes), to have its credential request
/// signed. The codes live only in the server's memory: a restart voids the ones not yet used,
/// and the deputy signs in again.
public final class SignInCodes: Sendable {
    /// How long a code can be used, unless told otherwise.
    public static let defaultLifetime: Duration = .seconds(5 * 60)
    /// The symbols of a code: no 0/O, 1/I/L, easy to read aloud and to type.
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    /// The symbols in a code.
    static let length = 8

    private struct Entry {
        var deputy: String
        var issued: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let clock = ContinuousClock()
    /// How long a code can be used.
    public let lifetime: Duration

    /// An empty set of codes that last `lifetime`.
    public init(lifetime: Duration = SignInCodes.defaultLifetime) {
        self.lifetime = lifetime
    }

    /// A new code for `deputy`, refusing a deputy who still holds a live one.
    public func issue(for deputy: String, name: String) throws -> String {
        let now = clock.now
        return try entries.withLock { entries in
            entries = entries.filter { now - $0.value.issued < lifetime }
            if entries.values.contains(where: { $0.deputy == deputy }) {
                throw ShishiError(
                    .deskCodeOutstanding,
                    zh: "代表 \(deputy)（\(name)）已有一个尚未使用的签到码：请用该码在表决终端上领取凭证，或等它在 5 分钟内失效后重新签到。",
                    en: "Deputy \(deputy) (\(name)) already holds an unused sign-in code: use it at a booth, or sign in again once it expires (5 minutes)."
                )
            }
            var code: String
            repeat {
                code = String((0..<Self.length).map { _ in Self.alphabet.randomElement()! })
            } while entries[code] != nil
            entries[code] = Entry(deputy: deputy, issued: now)
            return code
        }
    }

    /// The deputy a code was issued for; the code is used up. Refuses an unknown, used or expired code.
    /// Wrong codes one address may try in ``guessWindow`` before it is paused.
    public static let wrongPerAddress = 10
    /// Wrong codes all addresses together may try in ``guessWindow`` before every booth is paused.
    public static let wrongInAll = 300
    /// The window the wrong codes are counted in.
    public static let guessWindow: Duration = .seconds(10 * 60)

    private let wrong = Mutex<[String: [ContinuousClock.Instant]]>([:])

    /// The deputy a code was issued for, used once; `address` is the booth's, for the limits on
    /// wrong codes (docs/web.md: the code space and the odds of a guess): a booth that typed
    /// ``wrongPerAddress`` wrong codes in ``guessWindow`` is paused (`desk.tooManyCodes`), and all
    /// booths when ``wrongInAll`` were.
    public func redeem(_ code: String, from address: String = "unknown") throws -> String {
        let now = clock.now
        let normalized = code.uppercased().filter { $0 != "-" && $0 != " " }
        let paused = wrong.withLock { wrong in
            wrong = wrong.mapValues { $0.filter { now - $0 < Self.guessWindow } }.filter { !$0.value.isEmpty }
            return (wrong[address]?.count ?? 0) >= Self.wrongPerAddress || (wrong["*"]?.count ?? 0) >= Self.wrongInAll
        }
        guard !paused else {
            throw ShishiError(
                .deskTooManyCodes,
                zh: "这台终端输错签到码的次数太多，已暂停 10 分钟：请核对签到台给出的码，或请工作人员协助。",
                en: "Too many wrong sign-in codes from this booth: paused for 10 minutes. Check the code the desk gave, or ask the staff for help.")
        }
        return try entries.withLock { entries in
            guard let entry = entries.removeValue(forKey: normalized), now - entry.issued < lifetime else {
                wrong.withLock { wrong in
                    wrong[address, default: []].append(now)
                    wrong["*", default: []].append(now)
                }
                throw ShishiError(
                    .deskBadCode,
                    zh: "签到码无效、已用过或已过期：请回到签到台重新签到。",
                    en: "This sign-in code is unknown, used or expired: go back to the sign-in desk."
                )
            }
            return entry.deputy
        }
    }

    /// The deputies holding a live code.
    public func outstanding() -> Set<String> {
        let now = clock.now
        return entries.withLock { Set($0.values.filter { now - $0.issued < lifetime }.map(\.deputy)) }
    }
}
