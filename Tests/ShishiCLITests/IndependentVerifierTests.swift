import Foundation
import Testing

/// The independent verifier (`verifier/`, Python on `cryptography`) held to `shishi verify`: its own
/// tests and the cross-check, which makes folders of every kind with this build's `shishi` and
/// changes them, and fails on any disagreement in verdict, failing checks or counts.
///
/// Needs `python3 -m pip install './verifier[test]'` (which `.ci/run` does): without it the test
/// fails and says so, rather than passing without having compared anything.
@Suite struct IndependentVerifierTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theIndependentVerifierAgreesWithShishiVerify() throws {
        let verifier = Self.repository.appendingPathComponent("verifier")
        let ready = try CLI.runShell("python3 -c 'import cryptography, pytest' && echo ready", in: verifier)
        try #require(ready.stdout.contains("ready"), "python3 with cryptography and pytest is needed: python3 -m pip install './verifier[test]'")
        let binary = CLI.binary.path.replacingOccurrences(of: "'", with: "'\\''")
        let run = try CLI.runShell("SHISHI_BIN='\(binary)' python3 -m pytest -q -p no:cacheprovider 2>&1; echo \"exit=$?\"", in: verifier)
        #expect(run.stdout.contains("exit=0"), "\(run.stdout)")
        #expect(!run.stdout.contains("skipped"), "the cross-check must run, not skip: \(run.stdout)")
    }

    @Test func theIndependentVerifierVerifiesTheBundledExample() throws {
        let verifier = Self.repository.appendingPathComponent("verifier")
        let example = Self.repository.appendingPathComponent("ballots/example").path
        let run = try CLI.runShell("python3 -m shishi_verify '\(example)' --lang en; echo \"exit=$?\"", in: verifier)
        #expect(run.stdout.contains("18. [pass]") && run.stdout.contains("Verdict: every check passes") && run.stdout.contains("exit=0"), "\(run.stdout)")
    }
}
