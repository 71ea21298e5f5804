import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ShishiCore
import ShishiServer
import ShishiTestSupport
import Testing

/// Certificates for the hall's network: the authority and the server's certificate, what they
/// name, and a server refusing a certificate that does not cover how it is reached.
@Suite struct HallCertificatesTests {
    @Test func theServerCertificateNamesTheHallAndTheAuthorityIsNotKept() throws {
        let made = try HallCertificates.make(names: ["hall.local"], addresses: ["10.0.0.5", "::1"], now: Date())
        #expect(try HallCertificates.names(inPEM: made.serverChain) == ["hall.local", "10.0.0.5", "::1"])
        // The chain is the server's certificate, then the authority's; the authority names no host.
        #expect(made.serverChain.components(separatedBy: "BEGIN CERTIFICATE").count == 3)
        #expect(made.serverChain.hasSuffix(made.authorityCertificate))
        #expect(try HallCertificates.names(inPEM: made.authorityCertificate).isEmpty)
        #expect(made.serverKey.contains("PRIVATE KEY") && !made.serverChain.contains("PRIVATE KEY"))
        let folder = Fixture.temporaryFolder().appendingPathComponent("tls")
        try HallCertificates.write(made, to: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["hall-authority.pem", "hall.key", "hall.pem"])
        #expect(try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("hall.key").path)[.posixPermissions] as? Int == 0o600)
        // Never over a file already there.
        #expect(throws: ShishiError.self) { try HallCertificates.write(made, to: folder) }
    }

    @Test func namesAreCoveredExactlyOrByAOneLabelWildcard() {
        let names = ["hall.local", "*.city.example", "10.0.0.5"]
        #expect(HallCertificates.covers(names, host: "HALL.local"))
        #expect(HallCertificates.covers(names, host: "vote.city.example"))
        #expect(!HallCertificates.covers(names, host: "a.vote.city.example"))
        #expect(HallCertificates.covers(names, host: "10.0.0.5") && !HallCertificates.covers(names, host: "10.0.0.6"))
        #expect(!HallCertificates.covers(names, host: "other.local"))
    }

    @Test func badNamesAndAddressesAreRefusedInWords() {
        for (names, addresses) in [([String](), [String]()), (["hall_local"], []), (["-hall"], []), ([], ["10.0.0.256"]), ([], ["hall.local"])] {
            #expect(throws: ShishiError.self, "\(names) \(addresses)") { try HallCertificates.make(names: names, addresses: addresses, now: Date()) }
        }
    }

    @Test func aServerRefusesACertificateThatDoesNotCoverItsAddress() async throws {
        let made = try HallCertificates.make(names: ["hall.local"], addresses: ["10.0.0.5"], now: Date())
        let folder = Fixture.temporaryFolder().appendingPathComponent("tls")
        try HallCertificates.write(made, to: folder)
        let chain = folder.appendingPathComponent("hall.pem")
        #expect(throws: Never.self) { try HallCertificates.requireCovers(certificate: chain, host: "10.0.0.5", publicURL: nil) }
        #expect(throws: Never.self) { try HallCertificates.requireCovers(certificate: chain, host: "0.0.0.0", publicURL: "https://hall.local:8443/") }
        let refusal = try #require(throws: ShishiError.self) {
            try HallCertificates.requireCovers(certificate: chain, host: "0.0.0.0", publicURL: "https://vote.city.example/")
        }
        #expect(refusal.message.en.contains("does not cover vote.city.example") && refusal.message.en.contains("hall.local, 10.0.0.5"))
        // The year's server says so at start.
        var configuration = try YearRouteTests().setUp()
        configuration.port = 0
        configuration.publicAddress = "https://vote.city.example/"
        configuration.tls = (chain, folder.appendingPathComponent("hall.key"))
        await #expect(throws: ShishiError.self) { _ = try await YearServer.buildApplication(configuration, logger: Logger(label: "tls-test")) }
    }
}
