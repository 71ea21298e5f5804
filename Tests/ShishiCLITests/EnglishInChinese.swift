import Foundation
import Testing

/// Finds English left in a Chinese message: a line of the Chinese output that, once the things
/// a Chinese message rightly quotes are taken out (commands, options, paths, file names, ids,
/// hashes, quoted titles), still holds an ordinary English word. The check reads every line with
/// a Chinese character; lines without one (JSON, CSV, a file's own content) are not messages.
enum EnglishInChinese {
    /// English words that only a sentence would use; ids, suites and file names are not among them.
    static let words: Set<String> = [
        "the", "and", "of", "is", "are", "was", "were", "not", "with", "from", "for", "into", "this", "that",
        "has", "have", "been", "be", "or", "but", "which", "what", "should", "must", "cannot", "can",
        "invalid", "rejected", "counted", "missing", "aside", "closed", "signed", "valid", "value", "character",
        "around", "expected", "error", "ballot", "ballots", "project", "projects", "deputy", "deputies",
        "candidate", "candidates", "file", "line", "column", "found", "unexpected", "failed", "could", "does",
        "made", "key", "done", "written", "wrote", "read", "please", "data", "format", "corrupted", "because",
    ]

    /// The English words each Chinese line of `output` still holds, as "line: words".
    static func leaks(in output: String) -> [String] {
        output.split(separator: "\n").compactMap { line -> String? in
            guard line.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else { return nil }
            // A row of a CSV file printed as it is (a sheet to fill), not a message.
            if line.filter({ $0 == "," }).count >= 2 && !line.contains(", ") { return nil }
            let found = englishWords(in: String(line))
            return found.isEmpty ? nil : "\(line) ⟵ \(found.joined(separator: " "))"
        }
    }

    static func englishWords(in line: String) -> [String] {
        var text = line
        // Quoted matter: code, titles and names as typed.
        for pattern in [#"`[^`]*`"#, #"“[^”]*”"#, #"「[^」]*」"#, #"\"[^\"]*\""#, #"《[^》]*》"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        // A command line runs from "shishi" to the next Chinese character or full-width mark.
        text = text.replacingOccurrences(
            of: #"(shishi|swift|python3|sqlite3|systemctl|shishi-verify)\s[^\p{Han}（），。；：、]*"#, with: " ", options: .regularExpression)
        // Paths, file names, options, ids and hashes: a run of non-spaces with a digit, a slash, a
        // dot, a hyphen, an underscore or a colon inside it.
        text = text.replacingOccurrences(of: #"[^\s\p{Han}（），。；：、]*[0-9/._:-][^\s\p{Han}（），。；：、]*"#, with: " ", options: .regularExpression)
        return text.split(whereSeparator: { !$0.isLetter || $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
            .map(String.init).filter { words.contains($0) }
    }
}

@Suite struct EnglishInChineseTests {
    /// The check every Chinese run of `CLI.run` makes finds English sentences and lets quoted
    /// matter through.
    @Test func theCheckFindsEnglishInAChineseLineAndNothingElse() {
        #expect(!EnglishInChinese.leaks(in: "  复核：invalid paper/box-1.json#3（多选）").isEmpty)
        #expect(!EnglishInChinese.leaks(in: "错误：不是有效的 JSON（Invalid value around character 155.）").isEmpty)
        #expect(!EnglishInChinese.leaks(in: "错误：“Mars/Base” is not a time zone. “Mars/Base”不是时区。").isEmpty)
        #expect(EnglishInChinese.leaks(in: "    私钥 /tmp/x/registrar.key（权限 0600，请妥善保管）").isEmpty)
        #expect(EnglishInChinese.leaks(in: "下一步：监票人会签 shishi result sign v --key 监票人.key；任何人可核验 shishi verify v").isEmpty)
        #expect(EnglishInChinese.leaks(in: "manifest 哈希 sha256:69b73a3a5e65be94a683696769cbf3ad251d4664475a412e9c0ab869722574ba").isEmpty)
        #expect(EnglishInChinese.leaks(in: "Written year.html: the year and its projects.").isEmpty)  // English output is not checked here
        #expect(EnglishInChinese.leaks(in: "9,社区居家养老服务中心建设,Community home-care centres for the elderly,市民政局").isEmpty)
    }
}
