import Foundation
import Testing

/// The README's tour of the commands stays true: every command it shows exists, every option it
/// names is one of that command's, and every option the command requires is written out, so
/// that a newcomer who types a line of the tour gets no usage error. The commands and options
/// come from the parser's own description (`--experimental-dump-help`).
@Suite struct ReadmeTourTests {
    struct Name: Decodable {
        var kind: String
        var name: String
    }

    struct Argument: Decodable {
        var kind: String
        var isOptional: Bool
        var names: [Name]?
    }

    struct Node: Decodable {
        var commandName: String
        var arguments: [Argument]?
        var subcommands: [Node]?
        var defaultSubcommand: String?
    }

    struct Dump: Decodable {
        var command: Node
    }

    /// The tour's command lines: each `shishi …` line of the tour's block with its continuation
    /// lines (`\`), split where one line shows two commands (`… / shishi …`, or side by side).
    static func tourCommands(_ readme: String) throws -> [String] {
        let start = try #require(readme.range(of: "## A tour of the commands"))
        let rest = readme[start.upperBound...]
        let tour = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
        var commands: [String] = []
        var current: String?
        for line in tour.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if let open = current {
                current = open + " " + text
            } else if text.hasPrefix("shishi ") {
                current = text
            }
            if let command = current, !text.hasSuffix("\\") {
                commands += command.replacing(#/\s+\/\s+shishi |\s{3,}shishi /#, with: "\u{0}shishi ").split(separator: "\u{0}").map(String.init)
                current = nil
            }
        }
        return commands.map { $0.replacingOccurrences(of: "\\", with: " ") }
    }

    @Test func everyCommandOfTheTourIsOneTheParserKnowsWithItsRequiredOptions() throws {
        let dir = CLI.temporaryFolder()
        let dump = try CLI.run(["--experimental-dump-help"], in: dir)
        let tree = try JSONDecoder().decode(Dump.self, from: Data(dump.stdout.utf8)).command
        let readme = try String(contentsOf: IndependentVerifierTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = try Self.tourCommands(readme)
        #expect(commands.count > 60, "\(commands.count) commands found in the tour")
        for command in commands {
            let words = command.split(separator: " ").map(String.init).dropFirst()
            // The command: the longest run of subcommand names.
            var node = tree
            var path: [String] = []
            for word in words {
                guard let next = node.subcommands?.first(where: { $0.commandName == word }) else { break }
                node = next
                path.append(word)
            }
            // A command with a default subcommand (serve → serve start) takes that one's options.
            if let name = node.defaultSubcommand, let start = node.subcommands?.first(where: { $0.commandName == name }) {
                node = start
                path.append(name)
            }
            #expect(!path.isEmpty, "README: “\(command)” names no command")
            let options = Set((node.arguments ?? []).flatMap { $0.names ?? [] }.filter { $0.kind == "long" }.map { "--" + $0.name })
            let named = Set(
                command.split(whereSeparator: { " []|=,()".contains($0) }).map(String.init).filter { $0.hasPrefix("--") && $0.count > 2 }
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".…:;")) })
            for option in named where !options.contains(option) && !["--help", "--version"].contains(option) {
                Issue.record("README: “\(command)” names \(option), which shishi \(path.joined(separator: " ")) does not take")
            }
            // “…” standing for the rest of a command (not for an option's value) leaves options out on purpose.
            let plain = command.replacing(#/\[[^\]]*\]/#, with: "").split(separator: " ").map(String.init)
            let elided = plain.indices.contains { plain[$0] == "…" && $0 > 0 && !plain[$0 - 1].hasPrefix("--") }
            let required =
                elided ? [] : (node.arguments ?? []).filter { $0.kind == "option" && !$0.isOptional }.compactMap { $0.names?.first { $0.kind == "long" } }
            for option in required where !named.contains("--" + option.name) {
                Issue.record("README: “\(command)” leaves out --\(option.name), which shishi \(path.joined(separator: " ")) requires")
            }
        }
    }
}
