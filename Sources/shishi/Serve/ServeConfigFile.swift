import ArgumentParser
import Foundation
import ShishiCore

/// `shishi serve --config FILE`: the options people set once (ports, addresses, the time zone,
/// key paths), one `name = value` a line, as a service's `/etc/shishi/*.conf` holds them. Names are
/// `shishi serve start`'s long options without `--` (`port = 8443`, `tls-cert = /etc/…`); a flag is
/// `name = true`; `#` starts a comment. The file's options are put before the command line's, so an
/// option also given on the command line wins (the argument parser keeps the last value).
enum ServeConfigFile {
    /// `arguments` (without the program's name) with `--config FILE` replaced by the file's
    /// options, for `serve` and `serve start`; any other command's arguments as they are.
    static func expand(_ arguments: [String]) throws -> [String] {
        guard arguments.first == "serve" else { return arguments }
        var rest = Array(arguments.dropFirst())
        var head = ["serve"]
        if rest.first == "start" {
            head.append("start")
            rest.removeFirst()
        } else if let first = rest.first, !first.hasPrefix("-") {
            return arguments  // another subcommand of serve (user add, user unlock)
        }
        var file: String?
        var index = 0
        while index < rest.count {
            if rest[index] == "--config", index + 1 < rest.count {
                file = rest[index + 1]
                rest.removeSubrange(index...(index + 1))
            } else if rest[index].hasPrefix("--config=") {
                file = String(rest[index].dropFirst("--config=".count))
                rest.remove(at: index)
            } else {
                index += 1
            }
        }
        guard let file else { return arguments }
        let language: Language = zip(arguments, arguments.dropFirst()).contains { $0 == ("--lang", "en") } || arguments.contains("--lang=en") ? .en : .zh
        return head + (try options(in: URL(fileURLWithPath: file), language: language)) + rest
    }

    /// The options a configuration file gives, as command-line arguments; a bad file is refused
    /// in `language` (the command line's `--lang`).
    static func options(in url: URL, language: Language) throws -> [String] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ValidationError(
                language, "无法读取配置文件 \(url.path)：请检查路径与权限。", "Cannot read the configuration file \(url.path): check the path and its permissions.")
        }
        var out: [String] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line =
                raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ValidationError(
                    language, "\(url.path) 第 \(number + 1) 行：请写成 名称 = 值（如 port = 8443）。",
                    "\(url.path) line \(number + 1): write name = value (such as port = 8443).")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name != "config", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw ValidationError(
                    language, "\(url.path) 第 \(number + 1) 行：“\(name)”不是 shishi serve start 的选项。",
                    "\(url.path) line \(number + 1): “\(name)” is not an option of shishi serve start.")
            }
            switch value.lowercased() {
            case "true", "yes": out.append("--\(name)")
            case "false", "no": continue
            default: out += ["--\(name)", value]
            }
        }
        return out
    }
}
