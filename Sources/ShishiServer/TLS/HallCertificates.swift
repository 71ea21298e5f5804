import Crypto
public import Foundation
import ShishiCore
import SwiftASN1
import X509

/// Certificates for a hall's own network (`shishi serve tls init`): browsers give the booth its
/// cryptography only on secure pages, so tablets and phones on the hall's Wi-Fi need a certificate
/// they trust. This makes a hall authority, limited by name constraints to the hall's names and
/// addresses (trusting it on a tablet lets it vouch for the hall's server and nothing else), and
/// a server certificate for those names signed by it (swift-certificates, P-256).
public enum HallCertificates {
    /// What `make` writes, as PEM text.
    public struct Made: Sendable {
        /// The authority's certificate: the file to install on the hall's devices.
        public var authorityCertificate: String
        /// The authority's private key: keep it offline; it signs server certificates only.
        public var authorityKey: String
        /// The server's certificate chain (the server's certificate, then the authority's).
        public var serverChain: String
        /// The server's private key (`--tls-key`).
        public var serverKey: String
    }

    /// A hall authority and a server certificate for `names` (DNS names such as `hall.local`) and
    /// `addresses` (IPv4 or IPv6), valid from `now` for `days` days. Refuses an empty list, a name
    /// that is not a host name and an address that does not read as one.
    public static func make(names: [String], addresses: [String], now: Date, days: Int = 400) throws -> Made {
        guard !(names.isEmpty && addresses.isEmpty) else {
            throw ShishiError(
                .serverBadRequest, zh: "请用 --name 或 --ip 给出大厅服务器的名称或地址。", en: "Name the hall server with --name or --ip.")
        }
        for name in names where !isHostName(name) {
            throw ShishiError(.serverBadRequest, zh: "“\(name)”不是主机名（如 hall.local）。", en: "“\(name)” is not a host name (such as hall.local).")
        }
        let octets = try addresses.map { address -> [UInt8] in
            guard let bytes = ipBytes(address) else {
                throw ShishiError(.serverBadRequest, zh: "“\(address)”不是 IP 地址（如 10.0.0.5）。", en: "“\(address)” is not an IP address (such as 10.0.0.5).")
            }
            return bytes
        }
        let authorityKey = P256.Signing.PrivateKey()
        let authorityName = try DistinguishedName {
            OrganizationName("shishi hall")
            CommonName("shishi hall authority \(names.first ?? addresses[0])")
        }
        let until = now.addingTimeInterval(Double(days) * 86_400)
        let authority = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PrivateKey(authorityKey).publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: until, issuer: authorityName, subject: authorityName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                // Only the hall's own names and addresses, so that trusting it vouches for nothing else.
                Critical(
                    NameConstraints(
                        permittedDNSDomains: names, permittedIPRanges: octets.map { ASN1OctetString(contentBytes: ArraySlice($0 + mask(for: $0))) }))
            },
            issuerPrivateKey: Certificate.PrivateKey(authorityKey))
        let serverKey = P256.Signing.PrivateKey()
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PrivateKey(serverKey).publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: until, issuer: authorityName,
            subject: try DistinguishedName { CommonName(names.first ?? addresses[0]) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(
                    names.map { GeneralName.dnsName($0) } + octets.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: ArraySlice($0))) })
            },
            issuerPrivateKey: Certificate.PrivateKey(authorityKey))
        return Made(
            authorityCertificate: try authority.serializeAsPEM().pemString + "\n", authorityKey: authorityKey.pemRepresentation + "\n",
            serverChain: try server.serializeAsPEM().pemString + "\n" + authority.serializeAsPEM().pemString + "\n",
            serverKey: serverKey.pemRepresentation + "\n")
    }

    /// The files `write` makes in its folder.
    public enum FileName {
        /// The authority's certificate, to install on the hall's devices.
        public static let authority = "hall-authority.pem"
        /// The server's certificate chain (`--tls-cert`).
        public static let chain = "hall.pem"
        /// The server's private key (`--tls-key`), readable by its owner only.
        public static let key = "hall.key"
    }

    /// Writes the authority's certificate, the server's chain and the server's key (mode 0600)
    /// into `folder` (made if missing), refusing to replace a file already there. The authority's
    /// private key is not written anywhere: once the server's certificate is signed, no one can
    /// make another certificate the hall's devices would trust (to renew, make a new authority and
    /// install it again).
    public static func write(_ made: Made, to folder: URL) throws {
        try FileAccess.makeDirectory(folder)
        try FileAccess.create(folder.appendingPathComponent(FileName.authority), data: Data(made.authorityCertificate.utf8))
        try FileAccess.create(folder.appendingPathComponent(FileName.chain), data: Data(made.serverChain.utf8))
        try FileAccess.create(folder.appendingPathComponent(FileName.key), data: Data(made.serverKey.utf8), mode: 0o600)
    }

    /// Refuses a certificate (PEM file) whose names do not cover how the server is reached: the
    /// public URL's host when there is one, else the host it listens on (unless that is every
    /// interface or the loopback), naming what is missing and what the certificate has.
    public static func requireCovers(certificate: URL, host: String, publicURL: String?) throws {
        let reached = publicURL.flatMap { URL(string: $0)?.host } ?? host
        guard !["0.0.0.0", "::", "", "127.0.0.1", "::1", "localhost"].contains(reached.lowercased()) else { return }
        let names = try Self.names(inPEM: String(decoding: FileAccess.read(certificate), as: UTF8.self))
        guard covers(names, host: reached) else {
            throw ShishiError(
                .serverBadRequest,
                zh:
                    "TLS 证书 \(certificate.lastPathComponent) 不适用于 \(reached)：证书只适用于 \(names.joined(separator: "、"))。请用覆盖 \(reached) 的证书（或 shishi serve tls init --name/--ip 为大厅网络制作一张）。",
                en:
                    "The TLS certificate \(certificate.lastPathComponent) does not cover \(reached): it names only \(names.joined(separator: ", ")). Give a certificate for \(reached) (or make one for the hall's network with shishi serve tls init --name/--ip)."
            )
        }
    }

    /// The names a certificate (the first of a PEM chain) is valid for: its subject alternative
    /// names, DNS names lower-case and addresses as text.
    public static func names(inPEM pem: String) throws -> [String] {
        guard let first = pem.range(of: "-----END CERTIFICATE-----").map({ String(pem[..<$0.upperBound]) }) else {
            throw ShishiError(.serverBadRequest, zh: "证书文件里没有 PEM 证书。", en: "The certificate file holds no PEM certificate.")
        }
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: first)
        } catch {
            throw ShishiError(.serverBadRequest, zh: "证书无法读取：\(error)", en: "The certificate cannot be read: \(error)")
        }
        return try (certificate.extensions.subjectAlternativeNames ?? SubjectAlternativeNames()).compactMap { name in
            switch name {
            case .dnsName(let text): text.lowercased()
            case .ipAddress(let bytes): addressText(Array(bytes.bytes))
            default: nil
            }
        }
    }

    /// Whether a certificate valid for `names` covers `host` (an exact name, a `*.` wildcard one
    /// label deep, or an address).
    public static func covers(_ names: [String], host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if let bytes = ipBytes(host) { return names.contains(addressText(bytes)) }
        return names.contains { name in
            if name == host { return true }
            guard name.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
            return host[dot...] == name.dropFirst()
        }
    }

    private static func isHostName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return !name.isEmpty && name.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    /// The bytes of an IPv4 or IPv6 address, or `nil`.
    static func ipBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func addressText(_ bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        _ = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A name constraint's mask for one address: all ones (that address only).
    private static func mask(for address: [UInt8]) -> [UInt8] { Array(repeating: 0xFF, count: address.count) }
}
