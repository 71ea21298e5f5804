public import Foundation

/// File reading and writing with shishi's rules: clear messages, and nothing overwritten silently.
public enum FileAccess {
    /// Reads a whole file, or says which file could not be read.
    public static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw ShishiError(
                exists ? .fileUnreadable : .fileMissing,
                zh: exists ? "无法读取文件 \(url.path)：请检查权限。" : "找不到文件 \(url.path)：请检查路径。",
                en: exists ? "Cannot read \(url.path): check its permissions." : "No such file: \(url.path). Check the path."
            )
        }
    }

    /// Writes `data` to a new file, refusing to replace an existing one.
    ///
    /// The file is written beside its destination and linked into place, so a reader never sees
    /// half a file and an existing file is never replaced. `mode` sets its permissions (0600 for
    /// private keys). With `durable` (the default) the data is flushed to disk before the file
    /// appears; bulk writers may pass `false` and call ``synchronize(_:)`` once at the end.
    public static func create(_ url: URL, data: Data, mode: Int = 0o644, durable: Bool = true) throws {
        try create(url, pieces: CollectionOfOne(data), mode: mode, durable: durable)
    }

    /// Writes `pieces` one after another to a new file, as ``create(_:data:mode:durable:)`` does:
    /// a large file made a piece at a time is never held whole.
    public static func create(_ url: URL, pieces: some Sequence<Data>, mode: Int = 0o644, durable: Bool = true) throws {
        let temporary = try writeTemporary(for: url, pieces: pieces, mode: mode, flush: durable)
        defer { unlink(temporary) }
        try link(temporary, to: url)
        if durable { synchronizeFolder(url.deletingLastPathComponent()) }
    }

    /// Writes `pieces` to a new temporary file beside `url` (`.<name>.<UUID>.tmp`, which
    /// ``removeAbandonedTemporaries(in:)`` clears if a crash leaves it), with `mode`, flushed
    /// to disk when `flush` is set; returns its path. The caller links it into place and unlinks it.
    static func writeTemporary(for url: URL, pieces: some Sequence<Data>, mode: Int, flush: Bool) throws -> String {
        // Paths as strings: this runs for every ballot a server receives.
        let path = url.path
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let temporary = "\(path[..<slash]).\(path[slash...]).\(UUID().uuidString).tmp"
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        if fd < 0, errno == ENOENT {
            try makeDirectory(url.deletingLastPathComponent())
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        }
        guard fd >= 0 else { throw unwritable(url) }
        // The umask may have narrowed the mode; set it as asked.
        let written = pieces.allSatisfy { data in
            data.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let count = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if count <= 0 { return false }
                    offset += count
                }
                return true
            }
        }
        let ok = written && fchmod(fd, mode_t(mode)) == 0 && (!flush || fsync(fd) == 0)
        close(fd)
        guard ok else {
            unlink(temporary)
            throw unwritable(url)
        }
        return temporary
    }

    /// Links a written temporary file into place at `url`: link(2) fails if the destination
    /// exists, so this creates and never replaces, atomically.
    static func link(_ temporary: String, to url: URL) throws {
        guard Foundation.link(temporary, url.path) != 0 else { return }
        if errno == EEXIST {
            throw ShishiError(
                .fileExists,
                zh: "\(url.path) 已存在，shishi 不会覆盖它。请换一个名字，或先把旧文件移走。",
                en: "\(url.path) already exists and shishi will not overwrite it. Choose another name or move the old file away first."
            )
        }
        throw unwritable(url)
    }

    /// Replaces the contents of `url` atomically: the new bytes are written to a fresh temporary
    /// file beside it, flushed, renamed over it, and the folder is flushed, so a reader (or a crash)
    /// sees either the old file whole or the new one whole. Callers that read, change and replace a
    /// shared file hold the folder's ``FolderLock`` around all three steps.
    public static func replace(_ url: URL, data: Data, mode: Int = 0o644) throws {
        try replace(url, pieces: CollectionOfOne(data), mode: mode)
    }

    /// Replaces the contents of `url` atomically with `pieces` one after another, as
    /// ``replace(_:data:mode:)`` does: a large file made a piece at a time is never held whole.
    public static func replace(_ url: URL, pieces: some Sequence<Data>, mode: Int = 0o644) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try create(temporary, pieces: pieces, mode: mode)
        guard rename(temporary.path, url.path) == 0 else {
            let error = unwritable(url)
            unlink(temporary.path)
            throw error
        }
        synchronizeFolder(folder)
    }

    /// Gives a file a fixed modification and access time (the Unix epoch), so that the order in
    /// which files were written cannot be read from the folder (ballot files: who voted when).
    public static func clearTimes(_ url: URL) {
        var times = [timespec(tv_sec: 0, tv_nsec: 0), timespec(tv_sec: 0, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, url.path, &times, 0)
    }

    /// Removes the temporary files a writer killed mid-write left in `folder`
    /// (`.<name>.<UUID>.tmp`); they were never linked into place, so nothing is lost.
    /// Returns the names removed.
    @discardableResult
    public static func removeAbandonedTemporaries(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var removed: [String] = []
        for name in names where isTemporaryName(name) {
            if unlink(folder.appendingPathComponent(name).path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Whether `name` is the name of one of ``create(_:pieces:mode:durable:)``'s temporary files.
    public static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropFirst().dropLast(4).split(separator: ".")
        guard let last = parts.last, parts.count >= 2 else { return false }
        return UUID(uuidString: String(last)) != nil
    }

    /// Flushes `folder` itself, so that a file created or renamed in it survives a power cut.
    public static func synchronizeFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Flushes everything written so far to disk (after non-durable writes), and `folder` itself.
    public static func synchronize(_ folder: URL) {
        sync()
        let fd = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func unwritable(_ url: URL) -> ShishiError {
        ShishiError(
            .fileUnwritable,
            zh: "无法写入 \(url.path)（\(String(cString: strerror(errno)))）：请检查目录权限和磁盘空间。",
            en: "Cannot write \(url.path) (\(String(cString: strerror(errno)))): check the folder's permissions and the free space."
        )
    }

    /// Appends one line to a file, creating it if needed, and flushes it to disk.
    public static func appendLine(_ url: URL, line: Data) throws {
        try appendLines(url, lines: [line])
    }

    /// Appends lines to a file in one write, creating it if needed, and flushes them to disk once.
    public static func appendLines(_ url: URL, lines: [Data]) throws {
        try makeDirectory(url.deletingLastPathComponent())
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else {
            throw ShishiError(.fileUnwritable, zh: "无法写入 \(url.path)。", en: "Cannot write \(url.path).")
        }
        defer { close(fd) }
        var bytes = Data(capacity: lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines {
            bytes.append(line)
            bytes.append(0x0A)
        }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw ShishiError(.fileUnwritable, zh: "写入 \(url.path) 未完成。", en: "Writing \(url.path) did not complete.")
        }
    }

    /// The text of `data` as UTF-8, or a refusal that names `source`: every text file shishi reads
    /// (CSV, Pabulib, hotline exports) follows this one rule; nothing is replaced silently. A
    /// byte-order mark at the start is dropped.
    public static func utf8Text(_ data: Data, source: String) throws -> String {
        guard var text = String(data: data, encoding: .utf8) else {
            throw ShishiError(
                .csvEncoding,
                zh: "\(source)：不是 UTF-8 编码。请在表格软件中另存为“CSV UTF-8”（或把文件转换为 UTF-8）。",
                en: "\(source): not UTF-8. Save it from the spreadsheet as “CSV UTF-8” (or convert the file to UTF-8)."
            )
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// Creates a folder and its parents if needed.
    public static func makeDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ShishiError(
                .fileUnwritable,
                zh: "无法创建目录 \(url.path)：请检查权限。",
                en: "Cannot create the folder \(url.path): check its permissions."
            )
        }
    }
}
