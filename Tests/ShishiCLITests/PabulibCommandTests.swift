import Foundation
import Testing

/// A city's Pabulib file taken all the way into the year: imported with the scrutineers named,
/// counted, verified, countersigned and adopted; imported without them, it says it cannot be.
@Suite struct PabulibCommandTests {
    @Test func anImportWithScrutineersIsCountersignedAndAdopted() throws {
        let dir = CLI.temporaryFolder()
        func run(_ arguments: String...) throws -> CLI.Result { try CLI.run(arguments + ["--lang", "en"], in: dir) }
        try HostileCommandTests().pabulib(projects: 4, limit: 2).write(to: dir.appendingPathComponent("city.pb"))
        #expect(try run("key", "new", "--suite", "ed25519", "--out", "scrutineer", "--name", "监票人甲").status == 0)

        let imported = try run("import", "pabulib", "city.pb", "--out", "city", "--scrutineer", "scrutineer.pub")
        #expect(imported.status == 0 && imported.stdout.contains("shishi result sign city --key scrutineer.key"), "\(imported.stdout)\(imported.stderr)")
        #expect(try run("tally", "city").status == 0)
        #expect(try run("verify", "city").status == 3)  // counted, not yet countersigned
        #expect(try run("result", "sign", "city", "--key", "scrutineer.key").status == 0)
        let verified = try run("verify", "city")
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(try run("workspace", "init", "ws.sqlite").status == 0)
        let adopted = try run("projects", "adopt", "--result", "city", "--workspace", "ws.sqlite")
        #expect(adopted.status == 0, "\(adopted.stdout)\(adopted.stderr)")

        let alone = try run("import", "pabulib", "city.pb", "--out", "alone")
        #expect(alone.status == 0 && alone.stdout.contains("cannot be adopted into the year"), "\(alone.stdout)")
    }
}
