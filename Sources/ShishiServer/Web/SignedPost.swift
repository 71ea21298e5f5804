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
