import Foundation
import ShishiCore

/// What a page signed in the browser with an official's key file sends back (countersigning, the
/// close, the paper batches, the candidate list): the suite it names, read in one place.
enum SignedPost {
    /// The signature suite a browser names, or the refusal.
    static func suite(_ name: String) throws -> SignatureSuite {
        guard let suite = SignatureSuite(rawValue: name) else {
            throw ShishiError(.serverBadRequest, zh: "未知的签名套件“\(name)”。", en: "Unknown signature suite “\(name)”.")
        }
        return suite
    }
}

/// What a page asks an official's browser to sign: a payload and its type (the browser makes
/// the DSSE bytes itself).
struct SigningRequest: Codable {
    var payloadType: String
    var payload: Data
}

/// A signature made in the browser.
struct CountersignBody: Codable {
    var key: String
    var sig: Data
    var suite: String
}

/// A document signed in the browser and sent whole (a close record, a candidate list), with the
/// signer's raw public key when the server does not know it beforehand (the candidate list).
struct SignedDocument: Codable {
    var payloadType: String
    var payload: Data
    var key: String
    var sig: Data
    var suite: String
    var publicKey: Data?
}
