import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The addresses at which people reach a server, for the line `shishi serve` prints at start.
///
/// A server listening on every interface (`--host 0.0.0.0` or `::`) cannot be opened at
/// "0.0.0.0": a hall needs the address the tablets and phones on its network use, and the desk's
/// QR codes carry the address the desk's own browser reached the server at (docs/web.md).
public enum ServerAddresses {
    /// The base addresses (`scheme://host:port/`) of a server bound to `host`: that host itself, or,
    /// for every interface, each IPv4 address of this machine's interfaces that are up, the
    /// network's first and loopback last.
    public static func reachable(scheme: String, host: String, port: Int) -> [String] {
        guard host == "0.0.0.0" || host == "::" || host.isEmpty else { return ["\(scheme)://\(host):\(port)/"] }
        let hosts = interfaceAddresses()
        let ordered = hosts.filter { !$0.hasPrefix("127.") } + hosts.filter { $0.hasPrefix("127.") }
        return (ordered.isEmpty ? ["127.0.0.1"] : ordered).map { "\(scheme)://\($0):\(port)/" }
    }

    /// The IPv4 addresses of the interfaces that are up, in the system's order, without repeats.
    static func interfaceAddresses() -> [String] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var addresses: [String] = []
        var next = first
        while let entry = next {
            defer { next = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET),
                entry.pointee.ifa_flags & UInt32(IFF_UP) != 0
            else { continue }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            let written = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                var raw = ipv4.pointee.sin_addr
                return inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
            }
            guard written != nil else { continue }
            let host = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !addresses.contains(host) { addresses.append(host) }
        }
        return addresses
    }
}
