import Crypto
import Foundation
import Hummingbird
import ShishiCore

/// The cookie that tells one device from another for residents' ratings: a random id and an
/// HMAC-SHA256 of it under the site's secret, so only ids this server issued count. The workspace
/// keeps only the id's SHA-256, nothing else about the device.
struct DeviceCookie: Sendable {
    static let name = "shishi_device"
    let key: SymmetricKey

    init(secret: Data) {
        key = SymmetricKey(data: secret)
    }

    /// A new cookie value: `id.signature`.
    func issue() -> String {
        var generator = SystemRandomNumberGenerator()
        let id = Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }).hexString
        return "\(id).\(signature(id))"
    }

    /// The device's hash when `value` is a cookie this server issued, else `nil`.
    func device(_ value: String?) -> String? {
        guard let value, let dot = value.firstIndex(of: ".") else { return nil }
        let id = String(value[..<dot])
        let given = String(value[value.index(after: dot)...])
        guard id.count == 32, let expected = Data(hex: given),
            HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: Data(id.utf8), using: key)
        else { return nil }
        return HashAlgorithm.sha256.digest(Data(id.utf8)).hex
    }

    /// The device a request comes from: the hash of its cookie's id, and the cookie value to set
    /// (``cookie(_:secure:)``) when the request carried none this server issued.
    func identify(_ request: Request) -> (device: String, issued: String?) {
        if let known = device(request.cookies[Self.name]?.value) { return (known, nil) }
        let issued = issue()
        return (device(issued)!, issued)
    }

    /// The cookie that carries a newly issued device id, kept two years.
    static func cookie(_ issued: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: issued, maxAge: 2 * 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    private func signature(_ id: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: key)).hexString
    }
}
