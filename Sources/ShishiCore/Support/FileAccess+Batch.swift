public import Foundation

extension FileAccess {
    /// Creates many new files in one folder, durably, with two flushes in all rather than two
    /// per file: each is written under a temporary name, everything is flushed, each is linked
    /// into place (never replacing a file), and the folder is flushed. A crash at any moment
    /// leaves each file whole under its name or absent, and at most some temporaries, which
    /// ``removeAbandonedTemporaries(in:)`` clears.
    ///
    /// Each file gets its own result: one that cannot be written or already exists fails alone.
    /// A flush that fails fails them all (nothing is known to be on disk).
    public static func createAll(_ files: [(url: URL, data: Data)], in folder: URL, mode: Int = 0o644) -> [Result<Void, any Error>] {
        var results = [Result<Void, any Error>](repeating: .success(()), count: files.count)
        var temporaries: [String?] = Array(repeating: nil, count: files.count)
        for (index, file) in files.enumerated() {
            do {
                temporaries[index] = try writeTemporary(for: file.url, pieces: CollectionOfOne(file.data), mode: mode, flush: false)
            } catch {
                results[index] = .failure(error)
            }
        }
        defer { for case let temporary? in temporaries { unlink(temporary) } }
        guard flushContents(of: folder, files: temporaries.compactMap { $0 }) else {
            return Array(repeating: .failure(unwritable(folder)), count: files.count)
        }
        for (index, file) in files.enumerated() {
            guard let temporary = temporaries[index] else { continue }
            do {
                try link(temporary, to: file.url)
            } catch {
                results[index] = .failure(error)
            }
        }
        synchronizeFolder(folder)
        return results
    }

    /// Flushes the data of `files` (all in `folder`) to disk: with one syncfs(2) of the folder's
    /// file system where the system has it (Linux), else one fsync(2) per file.
    private static func flushContents(of folder: URL, files: [String]) -> Bool {
        if let syncfs = Self.syncfs {
            let fd = open(folder.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            return syncfs(fd) == 0
        }
        return files.allSatisfy { file in
            let fd = open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            return fsync(fd) == 0
        }
    }

    /// syncfs(2), looked up at run time: Linux has it, and Swift's Glibc module does not declare it.
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        #else
            return nil
        #endif
    }()
}
