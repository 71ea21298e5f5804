public import Foundation

/// An exclusive lock on a folder that holds between processes and between threads.
///
/// Every writer of a vote folder (sign-in, casting, sealing, paper entry, countersignatures,
/// the result) takes it for the moment it re-reads what it must check and writes: a command-line
/// registrar and a web server on the same folder then never interleave. It is `flock(2)` on the
/// hidden file `.lock` in the folder, opened anew by each holder, so two threads of one process
/// exclude each other as two processes do; the kernel releases it when its holder dies, so a
/// crash never leaves the folder locked.
public enum FolderLock {
    /// The lock file's name inside the folder.
    public static let fileName = ".lock"

    /// Runs `body` while holding the lock of `folder`, waiting for any other holder to finish.
    public static func withLock<T>(_ folder: URL, _ body: () throws -> T) throws -> T {
        let path = folder.appendingPathComponent(fileName).path
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT {
            try FileAccess.makeDirectory(folder)
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw ShishiError(
                .fileUnwritable,
                zh: "无法锁定目录 \(folder.path)（\(String(cString: strerror(errno)))）：请检查目录权限。",
                en: "Cannot lock the folder \(folder.path) (\(String(cString: strerror(errno)))): check its permissions."
            )
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw ShishiError(
                    .fileUnwritable,
                    zh: "无法锁定目录 \(folder.path)（\(String(cString: strerror(errno)))）。",
                    en: "Cannot lock the folder \(folder.path) (\(String(cString: strerror(errno))))."
                )
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
