public import Foundation
import ShishiCore

/// The voting terminal's role at sign-in: make a one-time key, blind it, unblind the answer.
///
/// A terminal holds only the vote's manifest (for the registrar's public key); it never sees the
/// registrar's private key. The exchange is two messages: a ``CredentialRequest`` out and a
/// ``CredentialGrant`` back, both plain data that can cross a network or a USB stick.
public struct VotingTerminal: Sendable {
    /// The vote's signed manifest.
    public let manifest: SignedManifest

    /// Creates a terminal for a vote.
    public init(manifest: SignedManifest) {
        self.manifest = manifest
    }

    /// Starts sign-in for `deputy`: makes a fresh one-time key and blinds the message to be signed.
    ///
    /// `keySeed` and `prefix` make the exchange reproducible in simulations; leave them `nil` in
    /// real use, where they come from the system's secure random source.
    public func request(deputy: String, keySeed: Data? = nil, prefix: Data? = nil) throws -> PendingCredential {
        guard manifest.manifest.secrecy == .secret, let blind = manifest.manifest.keys.blind else {
            throw ShishiError(
                .credentialRecordedVote,
                zh: "这是记名投票：代表用自己的密钥投票，不需要匿名凭证。",
                en: "This is a recorded vote: deputies vote with their own keys and need no anonymous credential."
            )
        }
        let suite = manifest.manifest.suite
        let key: PrivateKey
        if let keySeed, suite == .ed25519 {
            key = try PrivateKey(ed25519Seed: keySeed)
        } else {
            key = try PrivateKey(generating: suite)
        }
        let message = Credential.message(vote: manifest.hash, key: key.publicKey)
        let state = try prefix.map { try blind.blind(message, prefix: $0) } ?? blind.blind(message)
        return PendingCredential(
            vote: manifest.hash,
            key: key,
            blinding: state,
            request: CredentialRequest(vote: manifest.hash, deputy: deputy, blindedMessage: state.blindedMessage)
        )
    }
}

extension VotingTerminal {
    /// A sign-in with the registrar on another machine, through two files (a shared folder or a
    /// USB stick): writes the request to `request`, waits up to `timeout` for the registrar's
    /// grant at `grant`, finishes the credential and writes it to `credentialFile` (mode 0600).
    ///
    /// The blinding secret lives only in this call's memory: if the wait ends without a grant,
    /// the request is void and the deputy signs in again. `waiting` is called once the request
    /// is written.
    public func signInByFiles(
        deputy: String, request: URL, grant: URL, credentialFile: URL, timeout: Duration, waiting: () -> Void = {}
    ) throws -> Credential {
        try Credential.requireNew(credentialFile)
        let pending = try self.request(deputy: deputy)
        try ExchangeFile.write(pending.request, to: request)
        waiting()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while !FileManager.default.fileExists(atPath: grant.path) {
            guard clock.now < deadline else {
                throw ShishiError(
                    .terminalTimeout,
                    zh: "\(timeout.components.seconds) 秒内没有收到登记员的答复：请重新签到（此请求作废）。",
                    en: "No grant from the registrar within \(timeout.components.seconds) seconds: sign in again (this request is void)."
                )
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        // The registrar writes the grant atomically (linked into place whole): it can be read at once.
        let answer = try ExchangeFile.read(CredentialGrant.self, from: grant, format: CredentialGrant.format, formatOf: \.format)
        let credential = try pending.finalize(answer)
        try credential.write(to: credentialFile)
        return credential
    }
}

/// A sign-in under way on the terminal: the request sent, the secrets kept to finish it.
public struct PendingCredential: Sendable {
    let vote: HashValue
    let key: PrivateKey
    let blinding: BlindingState
    /// The request to hand to the registrar.
    public let request: CredentialRequest

    /// Unblinds the registrar's answer and returns the finished, checked credential.
    public func finalize(_ grant: CredentialGrant) throws -> Credential {
        guard grant.vote == vote, grant.deputy == request.deputy else {
            throw ShishiError(
                .credentialGrantMismatch,
                zh: "登记员的答复不是针对本次请求的（投票或代表不符）。",
                en: "The registrar's answer is for another request (the vote or the deputy differs)."
            )
        }
        let signature = try blinding.finalize(blindSignature: grant.blindSignature)
        return Credential(vote: vote, secretKey: key.rawRepresentation, publicKey: key.publicKey, prefix: blinding.prefix, registrarSignature: signature)
    }
}
