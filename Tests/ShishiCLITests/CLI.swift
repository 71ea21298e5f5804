import Foundation
import Testing

/// Runs the built `shishi` executable, as a user would, and captures what it prints.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `shishi` binary beside the test bundle (both are build products).
    static let binary: URL = {
        let fromRunner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("shishi")
        if FileManager.default.isExecutableFile(atPath: fromRunner.path) { return fromRunner }
        // Fallback: the package's default build folder.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for configuration in ["debug", "release"] {
            let url = root.appendingPathComponent(".build").appendingPathComponent(configuration).appendingPathComponent("shishi")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return fromRunner
    }()

    /// Runs `shishi` with `arguments` in `directory`.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        let outData = Mutexed(Data())
        let errData = Mutexed(Data())
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        process.waitUntilExit()
        group.wait()
        let result = Result(
            status: process.terminationStatus, stdout: String(decoding: outData.get(), as: UTF8.self), stderr: String(decoding: errData.get(), as: UTF8.self))
        // Chinese output (the default) holds no English sentence. Help is English by design.
        let english = zip(arguments, arguments.dropFirst()).contains { $0 == ("--lang", "en") } || arguments.contains("--lang=en")
        if !english && !arguments.contains(where: { ["--help", "-h", "help", "--experimental-dump-help"].contains($0) }) {
            let leaks = EnglishInChinese.leaks(in: result.stdout + "\n" + result.stderr)
            if !leaks.isEmpty {
                Issue.record("English in the Chinese output of shishi \(arguments.joined(separator: " ")):\n\(leaks.joined(separator: "\n"))")
            }
        }
        return result
    }

    /// Runs a shell command line in `directory` (for what needs a shell, such as a pseudo-terminal).
    static func runShell(_ line: String, in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    /// Starts `shishi` in the background; `wait()` collects it.
    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shishi-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to name: String, in folder: URL) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
}

/// A value shared between threads.
final class Mutexed<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
