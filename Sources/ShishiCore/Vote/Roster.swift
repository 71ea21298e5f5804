public import Foundation

/// The roster of deputies (代表名单), read from `roster.csv` and named in the manifest by its hash.
///
/// Columns: `id` (编号), `name` (姓名), optional `group` (代表团) and `public_key` (公钥, as
/// `ed25519:<base64>` or `sm2:<base64>`, required for recorded votes).
///
/// A roster may list a million deputies (a simulated or a very large vote), so it is kept
/// compactly: every id, name and group in one byte buffer, every key's bytes in another, and an
/// index from id to place; a ``Deputy`` is made when asked for. A `roster.csv` without quotes is
/// read on all cores: whole up to ``wholeFileLimit`` (one piece per core), a block of lines at a
/// time beyond it, so that a million deputies' file is never held as text and rows at once.
public struct Roster: Sendable {
    private let storage: RosterStorage

    /// The columns of a roster CSV file.
    public static let csvColumns: [CSVTable.Column] = [
        .init("id", aliases: ["编号", "代表编号"]),
        .init("name", aliases: ["姓名"]),
        .init("group", aliases: ["代表团", "组别"], required: false),
        .init("public_key", aliases: ["公钥"], required: false),
    ]

    /// Creates a roster from deputies, refusing duplicate ids.
    public init(deputies: [Deputy]) throws {
        var builder = RosterStorage.Builder(capacity: deputies.count)
        for deputy in deputies {
            guard builder.append(id: deputy.id, name: deputy.name, group: deputy.group, key: deputy.publicKey) == nil else {
                throw ShishiError(
                    .rosterDuplicateID,
                    zh: "代表名单中编号“\(deputy.id)”出现了两次。",
                    en: "The roster lists the id “\(deputy.id)” twice."
                )
            }
        }
        storage = builder.finish()
    }

    /// The header line shishi writes in `roster.csv`, line feed included.
    static let headerLine = Array("id,name,group,public_key\n".utf8)

    /// The `roster.csv` bytes of deputies with an id and a name only, exactly as ``csvText()``
    /// writes such a roster, made without building the roster first (an import's electorate:
    /// the bytes are then read back by ``init(csv:source:)``, on all cores).
    public static func csvData(ids: [String], names: [String]) -> Data {
        precondition(ids.count == names.count)
        var out = headerLine
        out.reserveCapacity(out.count + ids.reduce(0) { $0 + $1.utf8.count } * 2 + 4 * ids.count)
        for index in ids.indices {
            var (id, name) = (ids[index], names[index])
            id.withUTF8 { RosterStorage.appendField(UnsafeRawBufferPointer($0), to: &out) }
            out.append(0x2C)
            name.withUTF8 { RosterStorage.appendField(UnsafeRawBufferPointer($0), to: &out) }
            out.append(0x2C)
            out.append(0x2C)
            out.append(0x0A)
        }
        return Data(out)
    }

    /// Parses roster CSV text.
    public init(table: CSVTable) throws {
        var builder = RosterStorage.Builder(capacity: table.rows.count)
        try Self.append(table, to: &builder)
        storage = builder.finish()
    }

    /// Reads `roster.csv` bytes.
    ///
    /// A file without quotes or carriage returns (every row on one line) is read a block of lines
    /// at a time, each block checked as a table of its own with the file's line numbers; others
    /// are read whole. Both give the same deputies and the same messages.
    public init(csv data: Data, source: String) throws {
        if let storage = try Self.plainStorage(data, source: source) {
            self.init(storage: storage)
        } else {
            try self.init(csv: data, source: source, linesPerBlock: 16_384)
        }
    }

    /// Reads `roster.csv` bytes `linesPerBlock` lines at a time when it can.
    init(csv data: Data, source: String, linesPerBlock: Int) throws {
        var reader = RosterReader(source: source, linesPerBlock: linesPerBlock, totalBytes: data.count)
        data.withUnsafeBytes { reader.feed($0) }
        if reader.isPlain {
            storage = try reader.finish().get()
        } else {
            self = try Self.whole(data, source: source)
        }
    }

    /// Reads and hashes a `roster.csv` file, whole up to ``wholeFileLimit`` and a few megabytes at
    /// a time beyond it, so that a roster of a million deputies is never held as text: the
    /// deputies (or why they cannot be read) and the hash of the file's bytes, which the caller
    /// checks first.
    public static func read(contentsOf url: URL, source: String, hash algorithm: HashAlgorithm) throws -> (roster: Result<Roster, ShishiError>, hash: HashValue)
    {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            _ = try FileAccess.read(url)  // the usual message for a missing or unreadable file
            throw ShishiError(.fileUnreadable, zh: "无法读取文件 \(url.path)。", en: "Cannot read \(url.path).")
        }
        defer { try? handle.close() }
        // fstat, not FileManager's attributes: those look up the owner's name (the passwd and group files).
        var status = stat()
        let size = fstat(handle.fileDescriptor, &status) == 0 ? Int(status.st_size) : 0
        if size <= wholeFileLimit, let data = try handle.readToEnd() {
            let hash = algorithm.digest(data)
            do {
                return (.success(try Roster(csv: data, source: source)), hash)
            } catch let error as ShishiError {
                return (.failure(error), hash)
            }
        }
        var reader = RosterReader(source: source, linesPerBlock: 16_384, totalBytes: size)
        var hash = IncrementalHash(algorithm)
        while let piece = try handle.read(upToCount: 1 << 22), !piece.isEmpty {
            hash.update(piece)
            piece.withUnsafeBytes { reader.feed($0) }
            guard reader.isPlain else {
                // Quotes or carriage returns: read the file whole, as a small roster is.
                let data = try FileAccess.read(url)
                do {
                    return (.success(try whole(data, source: source)), algorithm.digest(data))
                } catch let error as ShishiError {
                    return (.failure(error), algorithm.digest(data))
                }
            }
        }
        return (reader.finish().map { Roster(storage: $0) }, hash.finalize())
    }

    init(storage: RosterStorage) {
        self.storage = storage
    }

    /// Reads a whole file's text as one table.
    private static func whole(_ data: Data, source: String) throws -> Roster {
        guard let text = String(data: data, encoding: .utf8) else { throw notUTF8(source) }
        let table = try CSVTable(text: text, source: source, columns: csvColumns)
        var builder = RosterStorage.Builder(capacity: table.rows.count)
        try append(table, to: &builder)
        return Roster(storage: builder.finish())
    }

    static func notUTF8(_ source: String) -> ShishiError {
        ShishiError(
            .csvEncoding,
            zh: "\(source)：不是 UTF-8 编码。请在表格软件中另存为“CSV UTF-8”；shishi vote init 也直接读取 Excel 工作簿（.xlsx）和中文 Excel 保存的 CSV，并写成 UTF-8。",
            en:
                "\(source): not UTF-8. Save it from the spreadsheet as “CSV UTF-8”; shishi vote init also reads Excel workbooks (.xlsx) and the CSV Chinese Excel saves, and writes them as UTF-8."
        )
    }

    /// A table of rows read, with their keys parsed.
    struct ReadBlock: Sendable {
        var table: CSVTable
        var keys: [Result<PublicKey?, ShishiError>]
    }

    /// The key of a row, or the message naming its line.
    static func key(of row: CSVTable.Row, at position: Int?, source: String) -> Result<PublicKey?, ShishiError> {
        let text = row[position: position]
        guard !text.isEmpty else { return .success(nil) }
        do {
            return .success(try PublicKey(parsing: text))
        } catch let error as ShishiError {
            return .failure(
                ShishiError(
                    .rosterBadKey,
                    zh: "\(source) 第 \(row.line) 行，“public_key”列：\(error.message.zh)",
                    en: "\(source) line \(row.line), column “public_key”: \(error.message.en)"
                ))
        } catch {
            return .failure(ShishiError(.rosterBadKey, zh: "\(source) 第 \(row.line) 行：\(error)", en: "\(source) line \(row.line): \(error)"))
        }
    }

    /// Adds a table's rows, keys parsed on all cores.
    private static func append(_ table: CSVTable, to builder: inout RosterStorage.Builder) throws {
        // Keys are parsed on all cores (a roster of a million deputies); the first bad one by line is reported.
        let position = table.position(of: "public_key")
        try append(ReadBlock(table: table, keys: parallelMap(table.rows) { key(of: $0, at: position, source: table.source) }), to: &builder)
    }

    /// Adds a table's rows: ids checked and unique across every table added. Within the table,
    /// an id problem is reported before a key problem, wherever each is, as
    /// CSVTable.requireUniqueIdentifiers runs before any key is read.
    static func append(_ block: ReadBlock, to builder: inout RosterStorage.Builder) throws {
        var keyFailure: ShishiError?
        let (idAt, nameAt, groupAt) = (block.table.position(of: "id"), block.table.position(of: "name"), block.table.position(of: "group"))
        for (row, key) in zip(block.table.rows, block.keys) {
            let id = row[position: idAt]
            guard Candidate.isValidID(id) else {
                throw CSVTable.badIdentifier(id, column: "id", line: row.line, source: block.table.source, code: .rosterBadID)
            }
            if let earlier = builder.position(of: id) {
                throw CSVTable.repeatedIdentifier(
                    id, column: "id", line: row.line, first: builder.line(earlier), source: block.table.source, code: .rosterDuplicateID)
            }
            var publicKey: PublicKey?
            switch key {
            case .success(let parsed): publicKey = parsed
            case .failure(let error): if keyFailure == nil { keyFailure = error }
            }
            let group = row[position: groupAt]
            builder.append(id: id, name: row[position: nameAt], group: group.isEmpty ? nil : group, key: publicKey, line: row.line, unique: true)
        }
        if let keyFailure { throw keyFailure }
    }

    /// The number of deputies.
    public var count: Int { storage.count }

    /// The deputies in file order, made as they are read.
    public var deputies: Deputies { Deputies(storage: storage) }

    /// The position of the deputy with `id` in file order, if on the roster.
    public func position(of id: String) -> Int? {
        var id = id
        return id.withUTF8 { storage.position(of: UnsafeRawBufferPointer($0)) }
    }

    /// The position of the deputy whose id has these UTF-8 bytes, if on the roster.
    public func position(ofUTF8 id: UnsafeRawBufferPointer) -> Int? { storage.position(of: id) }

    /// The deputy with `id`, if on the roster.
    public subscript(id: String) -> Deputy? { position(of: id).map { storage.deputy(at: $0) } }

    /// The suite and bytes of the public key of the deputy at `position`, without making a
    /// ``PublicKey``; `nil` when the deputy has none.
    public func withPublicKeyBytes<R>(at position: Int, _ body: (SignatureSuite, UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        try storage.withKeyBytes(at: position, body)
    }

    /// The roster as CSV text, the form a vote folder keeps.
    public func csvText() -> String { storage.csvText() }

    /// The deputies of a roster in file order.
    public struct Deputies: RandomAccessCollection, Sendable {
        fileprivate let storage: RosterStorage

        /// The first position.
        public var startIndex: Int { 0 }
        /// The position after the last.
        public var endIndex: Int { storage.count }
        /// The element at `position`.
        public subscript(position: Int) -> Deputy { storage.deputy(at: position) }
    }
}
