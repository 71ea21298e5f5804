import Foundation
import ShishiCore
import Synchronization

/// A `shishi serve` child process on loopback, for the hall bench: started, awaited until it
/// answers, killed with SIGKILL or stopped with SIGTERM; its own peak memory is read from /proc
/// just before it ends.
final class ServedHall: Sendable {
    let port: Int
    private let arguments: [String]
    private struct State {
        var process: Process?
        var peakKB = 0
    }
    private let state = Mutex(State())

    /// The highest peak memory (VmHWM, kB) of every server process this has run.
    var peakKB: Int { state.withLock { $0.peakKB } }

    init(vote: URL, registrarKey: URL, blindKey: URL, port: Int) {
        self.port = port
        arguments = [
            "serve", "--vote", vote.path, "--registrar-key", registrarKey.path, "--blind-key", blindKey.path, "--port", "\(port)",
        ]
    }

    /// Starts the server and waits (up to 30 s) until it answers on its port.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        state.withLock { $0.process = process }
        let deadline = Date().addingTimeInterval(30)
        while !Self.answers(port: port) {
            guard process.isRunning, Date() < deadline else {
                throw ShishiError(
                    .benchServerFailed, zh: "大厅服务器没有启动（端口 \(port)）。", en: "The hall server did not start (port \(port)).")
            }
            usleep(20_000)
        }
    }

    /// Kills the server at once (SIGKILL), as a power cut would.
    func kill() {
        end(signal: SIGKILL)
    }

    /// Stops the server as Ctrl-C does.
    func stop() {
        end(signal: SIGTERM)
    }

    private func end(signal: Int32) {
        state.withLock { state in
            guard let process = state.process, process.isRunning else { return }
            state.peakKB = max(state.peakKB, ChildRun.highWaterKB(process.processIdentifier))
            Foundation.kill(process.processIdentifier, signal)
            process.waitUntilExit()
            state.process = nil
        }
    }

    /// The CPU time (user and system) the running server has used so far, in seconds.
    func cpuSeconds() -> Double {
        guard let pid = state.withLock({ $0.process?.processIdentifier }),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return 0 }
        // After the command name: state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func answers(port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port no one listens on now, chosen by the kernel.
    static func freePort() -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
