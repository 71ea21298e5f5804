import Foundation

/// A small WebDriver client (the W3C protocol chromedriver speaks), for driving Debian's headless
/// Chromium against `shishi serve` on loopback.
final class WebDriver: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var base: URL
    private var session = ""
    private var driver: Process

    /// Where chromedriver and chromium are, or a plain message saying what to install.
    static func locate() throws -> (driver: String, browser: String) {
        let drivers = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        let browsers = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"]
        guard let driver = drivers.first(where: FileManager.default.isExecutableFile(atPath:)),
            let browser = browsers.first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw Failure(description: "The browser tests need Chromium and its WebDriver: apt-get install chromium chromium-driver")
        }
        return (driver, browser)
    }

    /// Starts chromedriver and a headless Chromium window of `width` × `height`.
    ///
    /// The driver's port is picked below Linux's ephemeral range (32768 and up), where the test
    /// servers' own port-0 listeners live, so it never lands on one of them; a driver that does
    /// not give a session (a port taken, a machine too loaded) is stopped and a new one started
    /// on another port, three times at most.
    /// `home`, when given, is the browser's home folder (its NSS certificate store, `.pki/nssdb`,
    /// holds the authorities it trusts beyond the system's).
    init(width: Int = 1280, height: Int = 900, home: URL? = nil) async throws {
        let (driverPath, browserPath) = try Self.locate()
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": browserPath,
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=\(width),\(height)"],
                    ],
                ]
            ]
        ]
        var answer: [String: Any] = [:]
        for _ in 0..<3 {
            let port = Int.random(in: 20_000..<32_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: driverPath)
            process.arguments = ["--port=\(port)"]
            if let home {
                var environment = ProcessInfo.processInfo.environment
                environment["HOME"] = home.path
                process.environment = environment
            }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            driver = process
            base = URL(string: "http://127.0.0.1:\(port)")!
            for _ in 0..<300 {
                if (try? await call("GET", "/status")) != nil { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            answer = (try? await call("POST", "/session", capabilities)) ?? [:]
            if let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String {
                session = id
                return
            }
            process.terminate()
            try await Task.sleep(for: .seconds(1))
        }
        throw Failure(description: "chromedriver did not start a session: \(answer)")
    }

    /// Ends the session and the driver.
    func quit() async {
        _ = try? await call("DELETE", "/session/\(session)")
        driver.terminate()
    }

    /// One WebDriver request, made with curl(1): Foundation's URLSession on Linux does not read
    /// chromedriver's answers reliably.
    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        let url = base.appendingPathComponent(path).absoluteString
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        // The process is waited for on a thread of its own: blocking the few threads of Swift's
        // concurrency pool would stall the server under test, which runs on the same pool.
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try Self.curl(method, url, payload) })
            }.start()
        }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    private static func curl(_ method: String, _ url: String, _ body: Data?) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var arguments = ["-s", "--max-time", "60", "-X", method, url]
        if body != nil { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"] }
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let body { input.fileHandleForWriting.write(body) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "curl \(method) \(url) failed (\(process.terminationStatus))") }
        return data
    }

    @discardableResult
    private func sessionCall(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let answer = try await call(method, "/session/\(session)\(path)", body)
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(error): \(value["message"] ?? "")")
        }
        return answer["value"]
    }

    /// Resizes the window (a phone's width, a projector's).
    func resize(width: Int, height: Int) async throws {
        try await sessionCall("POST", "/window/rect", ["width": width, "height": height])
    }

    /// Opens `url`.
    func open(_ url: String) async throws {
        try await sessionCall("POST", "/url", ["url": url])
    }

    /// The element `css` selects, waiting up to `seconds` for it to exist.
    func element(_ css: String, seconds: Double = 20) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let value = try? await sessionCall("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any],
                let id = value.values.first as? String
            {
                return id
            }
            if Date() > deadline { throw Failure(description: "no element \(css)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Clicks the element `css` selects.
    func click(_ css: String) async throws {
        let id = try await element(css)
        try await sessionCall("POST", "/element/\(id)/click", [:])
    }

    /// Types `text` into the element `css` selects.
    func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        try await sessionCall("POST", "/element/\(id)/value", ["text": text])
    }

    /// The visible text of the element `css` selects.
    func text(_ css: String) async throws -> String {
        let id = try await element(css)
        return try await sessionCall("GET", "/element/\(id)/text") as? String ?? ""
    }

    /// Runs `script` in the page and returns its value.
    @discardableResult
    func run(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await sessionCall("POST", "/execute/sync", ["script": script, "args": arguments])
    }

    /// Waits up to `seconds` for `script` to return true in the page.
    func wait(until script: String, seconds: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try await run(script) as? Bool != true {
            if Date() > deadline { throw Failure(description: "timed out waiting for: \(script)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// A PNG screenshot of the window.
    func screenshot() async throws -> Data {
        let text = try await sessionCall("GET", "/screenshot") as? String ?? ""
        return Data(base64Encoded: text) ?? Data()
    }

    /// The page printed on A4 as PDF (WebDriver's Print Page), as the browser's Print makes it.
    func printA4() async throws -> Data {
        let text = try await sessionCall("POST", "/print", ["page": ["width": 21.0, "height": 29.7], "background": true]) as? String ?? ""
        return Data(base64Encoded: text) ?? Data()
    }
}

extension WebDriver {
    /// Signs in to the server at `site` as `name` (signing out first whoever is signed in), and
    /// waits for the signed-in page.
    func signIn(_ site: String, as name: String, password: String = "correct horse battery") async throws {
        try await open(site + "/")
        if (try await run("return document.querySelector('form[action=\"/logout\"] button') !== null") as? Bool) == true {
            try await click("form[action='/logout'] button")
            try await wait(until: "return document.getElementById('name') !== null")
        }
        try await type("#name", name)
        try await type("#password", password)
        try await click("form.stack button[type=submit]")
        try await wait(until: "return document.querySelector('form[action=\"/logout\"]') !== null", seconds: 10)
    }

    /// Runs axe-core (`axe`, its script) on the page now open: its serious and critical
    /// violations in a line (empty when there are none), and how many rules passed (so that a test
    /// knows axe really ran).
    func accessibilityViolations(axe: String, impacts: [String] = ["serious", "critical"]) async throws -> (serious: String, passes: Int) {
        _ = try await run(axe + "\n;window.__axe = null; axe.run(document, {resultTypes: ['violations']}).then(r => { window.__axe = r; });")
        try await wait(until: "return window.__axe !== null", seconds: 20)
        let serious =
            try await run(
                "return window.__axe.violations.filter(v => \(impacts.map { "'\($0)'" }).includes(v.impact)).map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes[0].html).join('; ')"
            ) as? String ?? "?"
        return (serious, try await run("return window.__axe.passes.length") as? Int ?? 0)
    }
}
