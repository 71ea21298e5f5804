import Foundation
public import ShishiCore

/// A manifest with its envelope and hash, its secretariat signature checked.
public struct SignedManifest: Sendable {
    /// The envelope as read.
    public let envelope: SignedEnvelope
    /// The decoded manifest.
    public let manifest: VoteManifest
    /// The hash of the exact payload bytes.
    public let hash: HashValue

    /// Decodes and checks a manifest envelope.
    public init(envelope: SignedEnvelope, source: String) throws {
        let manifest = try envelope.decodePayload(VoteManifest.self, expecting: VoteManifest.payloadType, source: source)
        try envelope.requireSignature(by: manifest.keys.secretariat, role: Text("秘书处", "secretariat"), source: source)
        try manifest.validate()
        self.envelope = envelope
        self.manifest = manifest
        self.hash = manifest.hash.digest(envelope.payload)
    }
}
