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
                exists ? "file.unreadable" : "file.missing",
                zh: exists ? "无法读取文件 \(url.path)：请检查权限。" : "找不到文件 \(url.path)：请检查路径。",
                en: exists ? "Cannot read \(url.path): check its permissions." : "No such file: \(url.path). Check the path."
            )
        }
    }

    /// Writes `data` to a new file, refusing to replace an existing one.
    ///
    /// The file is written beside its destination and linked into place, so a reader never sees
    /// half a file and an existing file is never replaced. `mode` sets its permissions (0600 for
    /// private keys).
    public static func create(_ url: URL, data: Data, mode: Int = 0o644) throws {
        let manager = FileManager.default
        try makeDirectory(url.deletingLastPathComponent())
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard manager.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: mode]) else {
            throw ShishiError(
                "file.unwritable",
                zh: "无法写入 \(url.path)：请检查目录权限和磁盘空间。",
                en: "Cannot write \(url.path): check the folder's permissions and the free space."
            )
        }
        defer { try? manager.removeItem(at: temporary) }
        // link(2) fails if the destination exists: an atomic "create, never replace".
        if link(temporary.path, url.path) != 0 {
            if errno == EEXIST {
                throw ShishiError(
                    "file.exists",
                    zh: "\(url.path) 已存在，shishi 不会覆盖它。请换一个名字，或先把旧文件移走。",
                    en: "\(url.path) already exists and shishi will not overwrite it. Choose another name or move the old file away first."
                )
            }
            throw ShishiError(
                "file.unwritable",
                zh: "无法写入 \(url.path)：\(String(cString: strerror(errno)))。",
                en: "Cannot write \(url.path): \(String(cString: strerror(errno)))."
            )
        }
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
            throw ShishiError("file.unwritable", zh: "无法写入 \(url.path)。", en: "Cannot write \(url.path).")
        }
        defer { close(fd) }
        var bytes = Data(capacity: lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines {
            bytes.append(line)
            bytes.append(0x0A)
        }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw ShishiError("file.unwritable", zh: "写入 \(url.path) 未完成。", en: "Writing \(url.path) did not complete.")
        }
    }

    /// Creates a folder and its parents if needed.
    public static func makeDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ShishiError(
                "file.unwritable",
                zh: "无法创建目录 \(url.path)：请检查权限。",
                en: "Cannot create the folder \(url.path): check its permissions."
            )
        }
    }
}
