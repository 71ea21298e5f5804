import Foundation
import ShishiCore
import ShishiTestSupport
import Testing

@testable import ShishiServer

/// Password guessing is slowed and limited by account and address, and no address can lock an
/// account out of another (issue: the registrar locked out by strangers on the day).
@Suite struct LoginGuardTests {
    let help = Text("请秘书处解除锁定", "ask the secretariat to lift it")

    func attempt(_ guard: LoginGuard, _ account: String, from address: String, right: Bool) async -> String {
        do {
            return try await `guard`.attempt(account: account, address: address, locked: help) { right ? account : nil }
        } catch let error as ShishiError {
            return error.code.rawValue
        } catch {
            return "\(error)"
        }
    }

    @Test func aStrangerCannotLockTheRegistrarOutOfHerDesk() async throws {
        let logins = LoginGuard(delayUnit: .milliseconds(1))
        #expect(await attempt(logins, "desk1", from: "10.0.0.5", right: true) == "desk1")
        // Five wrong passwords for desk1 from another machine: that machine is paused for desk1...
        for _ in 0..<5 { #expect(await attempt(logins, "desk1", from: "10.0.0.99", right: false) == "server.badLogin") }
        #expect(await attempt(logins, "desk1", from: "10.0.0.99", right: true) == "server.locked")
        // ...and the registrar still signs in from her desk.
        #expect(await attempt(logins, "desk1", from: "10.0.0.5", right: true) == "desk1")
    }

    @Test func oneAddressGuessingManyAccountsIsPausedAsAWhole() async throws {
        let logins = LoginGuard(delayUnit: .milliseconds(1))
        for index in 0..<LoginGuard.perAddress { _ = await attempt(logins, "user\(index % 4)", from: "10.0.0.7", right: false) }
        #expect(await attempt(logins, "sec1", from: "10.0.0.7", right: true) == "server.locked")
        #expect(await attempt(logins, "sec1", from: "10.0.0.8", right: true) == "sec1")
    }

    @Test func anUnlockRequestLiftsThePauseAtTheNextTry() async throws {
        let state = Fixture.temporaryFolder()
        let logins = LoginGuard(unlockFolder: LoginGuard.unlockFolder(state: state), delayUnit: .milliseconds(1))
        for _ in 0..<5 { _ = await attempt(logins, "count1", from: "10.0.0.3", right: false) }
        #expect(await attempt(logins, "count1", from: "10.0.0.3", right: true) == "server.locked")
        try LoginGuard.requestUnlock("count1", into: LoginGuard.unlockFolder(state: state))
        #expect(await attempt(logins, "count1", from: "10.0.0.3", right: true) == "count1")
        // The request is used once; a name that is not an account name is refused.
        #expect(!FileManager.default.fileExists(atPath: LoginGuard.unlockFolder(state: state).appendingPathComponent("count1").path))
        #expect(throws: ShishiError.self) { try LoginGuard.requestUnlock("../accounts.json", into: LoginGuard.unlockFolder(state: state)) }
    }

    @Test func wrongSignInCodesArePausedPerBoothAndInAll() throws {
        let codes = SignInCodes()
        let code = try codes.issue(for: "D1", name: "代表1")
        for _ in 0..<SignInCodes.wrongPerAddress {
            #expect(throws: ShishiError.self) { try codes.redeem("AAAAAAAA", from: "10.0.0.9") }
        }
        // The guessing booth is paused, even for a right code; another booth is not.
        let paused = try #require(throws: ShishiError.self) { try codes.redeem(code, from: "10.0.0.9") }
        #expect(paused.code == .deskTooManyCodes && paused.message.en.contains("paused"))
        #expect(try codes.redeem(code, from: "10.0.0.10") == "D1")
        // Many booths guessing together pause every booth.
        let other = try codes.issue(for: "D2", name: "代表2")
        for index in 0..<(SignInCodes.wrongInAll - SignInCodes.wrongPerAddress) {
            _ = try? codes.redeem("BBBBBBBB", from: "10.1.\(index / 5).\(index % 5)")
        }
        #expect(throws: ShishiError.self) { try codes.redeem(other, from: "10.0.0.11") }
    }
}
