import Foundation
import ShishiCore

#if canImport(Glibc)
    import CEpoll
    import Glibc
#endif

/// Booths on loopback as lean as a load generator can be, for the bench's timed phases: one
/// keep-alive HTTP/1.1 connection a booth, each request's bytes made before the clock starts,
/// every request written at the same moment and the answers read on one thread as epoll(7) finds them ready.
///
/// The bench's booths share the server's cores, and what a real booth spends (its HTTP library,
/// the page, the radio) is spent on the deputy's device, not on the server: a general HTTP client
/// took 130–150 µs of CPU a ballot here, as much as the server's signature checks.
final class LoopbackBooths {
    /// One booth's answer: its status, its body, and the seconds from sending to the last byte.
    struct Answer {
        var status: Int
        var body: Data
        var seconds: Double

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private var sockets: [Int32] = []
    private let port: Int

    /// Opens `count` connections to the server on loopback `port`.
    init(count: Int, port: Int) throws {
        self.port = port
        sockets.reserveCapacity(count)
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Self.failure("socket") }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw Self.failure("connect") }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit {
        for fd in sockets { close(fd) }
    }

    /// The bytes of one HTTP/1.1 request.
    func request(_ method: String, _ path: String, json body: Data? = nil) -> Data {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        var bytes = Data((head + "\r\n").utf8)
        if let body { bytes.append(body) }
        return bytes
    }

    /// Sends the requests and waits for every answer: all at once (request `i` on connection `i`),
    /// or `window` at a time, each connection sending the next request as soon as its answer is in.
    /// Readiness comes from epoll(7), so that waiting on a thousand connections costs the booths
    /// only the ones that are ready (poll(2) looked at every connection on every wake-up).
    func exchange(_ requests: [Data], window: Int? = nil) throws -> [Answer] {
        let width = min(window ?? requests.count, sockets.count)
        precondition(window != nil || requests.count <= sockets.count)
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw Self.failure("epoll_create1") }
        defer { close(epoll) }
        var answers = [Answer?](repeating: nil, count: requests.count)
        var lanes = [(request: Int, exchange: Exchange)?](repeating: nil, count: width)
        // What each lane waits for (0: not watched yet).
        var watching = [UInt32](repeating: 0, count: width)
        var active = 0
        var next = 0
        func watch(_ lane: Int, for events: UInt32) throws {
            guard watching[lane] != events else { return }
            var event = epoll_event()
            event.events = events
            event.data.u32 = UInt32(lane)
            guard epoll_ctl(epoll, watching[lane] == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, sockets[lane], &event) == 0 else {
                throw Self.failure("epoll_ctl")
            }
            watching[lane] = events
        }
        func start(_ lane: Int) throws {
            guard next < requests.count else {
                lanes[lane] = nil
                active -= 1
                return
            }
            var exchange = Exchange(request: requests[next])
            try exchange.write(sockets[lane])
            try watch(lane, for: exchange.written ? EPOLLIN.rawValue : EPOLLOUT.rawValue)
            lanes[lane] = (next, exchange)
            next += 1
        }
        // Written one after another before any answer is read, as booths pressing "cast" together.
        active = width
        for lane in 0..<width { try start(lane) }
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while active > 0 {
            let ready = epoll_wait(epoll, &events, Int32(events.count), 60_000)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { throw Self.failure(ready == 0 ? "no answer within a minute" : "epoll_wait") }
            for event in events.prefix(Int(ready)) {
                let lane = Int(event.data.u32)
                guard case (let index, var exchange)? = lanes[lane] else { continue }
                if exchange.written {
                    try exchange.read(sockets[lane])
                } else {
                    try exchange.write(sockets[lane])
                    if exchange.written { try watch(lane, for: EPOLLIN.rawValue) }
                }
                if let answer = exchange.answer {
                    answers[index] = answer
                    try start(lane)
                } else {
                    lanes[lane] = (index, exchange)
                }
            }
        }
        return answers.map { $0! }
    }

    /// One request on its connection: what is sent, what came back.
    private struct Exchange {
        var request: Data
        var sent = 0
        var start: ContinuousClock.Instant?
        var received: [UInt8] = []
        var answer: Answer?

        var written: Bool { sent == request.count }

        mutating func write(_ fd: Int32) throws {
            if start == nil { start = .now }
            while sent < request.count {
                let count = request.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + sent, $0.count - sent) }
                if count < 0 {
                    guard errno == EAGAIN || errno == EWOULDBLOCK else { throw LoopbackBooths.failure("write") }
                    return
                }
                sent += count
            }
        }

        mutating func read(_ fd: Int32) throws {
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while answer == nil {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
                if count < 0 {
                    guard errno == EAGAIN || errno == EWOULDBLOCK else { throw LoopbackBooths.failure("read") }
                    return
                }
                guard count > 0 else { throw LoopbackBooths.failure("the server closed a connection before answering") }
                received += buffer[0..<count]
                answer = try Self.complete(received, since: start ?? .now)
            }
        }

        /// The answer in `bytes` once all of it (headers and `Content-Length` bytes of body) is there.
        static func complete(_ bytes: [UInt8], since start: ContinuousClock.Instant) throws -> Answer? {
            let end = Array("\r\n\r\n".utf8)
            guard let headEnd = bytes.indices.dropLast(3).first(where: { bytes[$0..<$0 + 4].elementsEqual(end) }) else { return nil }
            let head = String(decoding: bytes[..<headEnd], as: UTF8.self).split(separator: "\r\n")
            guard let statusLine = head.first, let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
                throw LoopbackBooths.failure("an answer without a status line")
            }
            let lengthLine = head.dropFirst().first { $0.lowercased().hasPrefix("content-length:") }
            guard let length = lengthLine.flatMap({ Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }) else {
                throw LoopbackBooths.failure("an answer without Content-Length")
            }
            guard bytes.count >= headEnd + 4 + length else { return nil }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return Answer(status: status, body: Data(bytes[(headEnd + 4)..<(headEnd + 4 + length)]), seconds: seconds)
        }
    }

    static func failure(_ what: String) -> ShishiError {
        ShishiError(
            .benchServerFailed, zh: "终端连接出错（\(what)，errno \(errno)）。",
            en: "A booth's connection failed (\(what), errno \(errno)).")
    }
}
