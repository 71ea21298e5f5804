import Testing

@testable import ShishiServer

/// The addresses `shishi serve` names at start: the host it was given, or, listening on every
/// interface, this machine's addresses, never `0.0.0.0`.
@Suite struct ServerAddressesTests {
    @Test func aGivenHostIsNamedAsItIs() {
        #expect(ServerAddresses.reachable(scheme: "https", host: "hall.example", port: 8443) == ["https://hall.example:8443/"])
        #expect(ServerAddresses.reachable(scheme: "http", host: "127.0.0.1", port: 8080) == ["http://127.0.0.1:8080/"])
    }

    @Test func everyInterfaceIsNamedByTheMachinesAddressesTheNetworkFirstAndLoopbackLast() {
        for host in ["0.0.0.0", "::"] {
            let addresses = ServerAddresses.reachable(scheme: "http", host: host, port: 8080)
            #expect(!addresses.isEmpty && addresses.allSatisfy { $0.hasPrefix("http://") && $0.hasSuffix(":8080/") && !$0.contains("0.0.0.0") })
            // Loopback is up on every machine the tests run on; it comes after any other address.
            #expect(addresses.contains("http://127.0.0.1:8080/"))
            let loopback = addresses.firstIndex { $0.hasPrefix("http://127.") }!
            #expect(addresses[loopback...].allSatisfy { $0.hasPrefix("http://127.") })
        }
    }

    @Test func onlyTheNamesTheServerWasStartedForAreAnswered() {
        let hosts = AllowedHosts(host: "0.0.0.0", publicURL: "https://minsheng.example.gov.cn/")
        for authority in ["localhost", "127.0.0.1:8080", "[::1]:8080", "minsheng.example.gov.cn", "MINSHENG.example.gov.cn.:443", nil] {
            #expect(hosts.admits(authority), "\(authority ?? "none")")
        }
        for authority in ["evil.example", "evil.example:8080", "127.0.0.1.evil.example", "[::2]:80"] {
            #expect(!hosts.admits(authority), "\(authority)")
        }
        #expect(AllowedHosts(host: "10.0.0.5", publicURL: nil).admits("10.0.0.5:8443"))
    }
}
