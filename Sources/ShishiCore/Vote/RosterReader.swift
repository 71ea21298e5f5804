import Foundation

/// Reads `roster.csv` as its bytes arrive: complete lines are gathered into blocks, a few blocks
/// at a time are parsed on all cores in the background (each as a table of its own under a copy
/// of the header, with the file's line numbers) while the blocks before them are added, in file
/// order.
///
/// Only a file without quotes or carriage returns can be cut at line feeds: a row then never
/// spans lines. When a piece holds either, ``isPlain`` turns false and the caller reads the
/// file whole instead.
struct RosterReader {
    let source: String
    let linesPerBlock: Int
    let totalBytes: Int
    /// Whether no quote or carriage return has been seen.
    private(set) var isPlain = true

    private var builder = RosterStorage.Builder(capacity: 0)
    private var failure: ShishiError?
    /// The header line, line feed included, once it is complete.
    private var header: Data?
    /// The lines of the block being gathered, and how many.
    private var current = Data()
    private var currentLines = 0
    /// The file line the block being gathered starts at.
    private var currentFirstLine = 1
    /// Gathered blocks waiting to be parsed.
    private var waiting: [(bytes: Data, firstLine: Int)] = []
    /// Bytes handed to the parser so far, for sizing the roster from the first blocks.
    private var parsedBytes = 0
    private var sized = false

    init(source: String, linesPerBlock: Int, totalBytes: Int) {
        self.source = source
        self.linesPerBlock = linesPerBlock
        self.totalBytes = totalBytes
    }

    /// Takes the next bytes of the file.
    mutating func feed(_ piece: UnsafeRawBufferPointer) {
        guard isPlain, let base = piece.baseAddress, piece.count > 0 else { return }
        guard memchr(base, 0x22, piece.count) == nil, memchr(base, 0x0D, piece.count) == nil else {
            isPlain = false
            return
        }
        var start = 0
        while start < piece.count {
            // The whole lines from `start` that still fit in the block, added at once.
            var end = start
            while currentLines < linesPerBlock, end < piece.count, let found = memchr(base + end, 0x0A, piece.count - end) {
                end = base.distance(to: UnsafeRawPointer(found)) + 1
                currentLines += 1
                if header == nil { header = current + Data(bytes: base + start, count: end - start) }
            }
            guard end > start else {
                // No line feed: the rest of a line, completed by the next piece.
                current.append(contentsOf: UnsafeRawBufferPointer(rebasing: piece[start...]))
                return
            }
            current.append(contentsOf: UnsafeRawBufferPointer(rebasing: piece[start..<end]))
            start = end
            if currentLines == linesPerBlock { closeBlock() }
        }
    }

    /// The roster, once every byte has been fed.
    mutating func finish() -> Result<RosterStorage, ShishiError> {
        precondition(isPlain, "a roster with quotes is read whole")
        if !current.isEmpty { closeBlock() }
        flush()
        flush()  // the last blocks launched are added
        if let failure { return .failure(failure) }
        if builder.count == 0, header == nil, parsedBytes == 0 {
            // Nothing at all: the table's own message for an empty file.
            do {
                _ = try CSVTable(text: "", source: source, columns: Roster.csvColumns)
            } catch let error as ShishiError {
                return .failure(error)
            } catch {}
        }
        return .success(builder.finish())
    }

    private mutating func closeBlock() {
        waiting.append((current, currentFirstLine))
        currentFirstLine += currentLines
        current = Data()
        currentLines = 0
        if waiting.count == Cores.active { flush() }
    }

    /// Blocks being parsed in the background, and what they gave once done.
    private final class InFlight: @unchecked Sendable {
        let done = DispatchGroup()
        /// Written by the background work before it leaves `done`; read after waiting on it.
        var read: [Result<Parsed, ShishiError>] = []
        var bytes = 0
    }

    private var inFlight: InFlight?

    /// A block as parsed: on its bytes (``Roster/PlainBlock``), or as a table.
    private enum Parsed: Sendable {
        case plain(Roster.PlainBlock)
        case table(Roster.ReadBlock)
    }

    /// Starts parsing the waiting blocks on all cores in the background, then adds the blocks
    /// parsed before them: the adding (in file order, on this thread) and the parsing overlap.
    private mutating func flush() {
        let next = waiting.isEmpty || failure != nil ? nil : launch(waiting)
        waiting.removeAll()
        if let previous = inFlight { complete(previous) }
        inFlight = next
    }

    private func launch(_ blocks: [(bytes: Data, firstLine: Int)]) -> InFlight {
        let flight = InFlight()
        flight.bytes = blocks.reduce(0) { $0 + $1.bytes.count }
        let (source, header) = (self.source, self.header ?? Data())
        DispatchQueue.global().async(group: flight.done) {
            flight.read =
                (try? parallelMap(Array(blocks.indices)) { index -> Result<Parsed, ShishiError> in
                    let (bytes, firstLine) = blocks[index]
                    if let plain = Roster.PlainBlock.read(bytes, firstLine: firstLine, header: header) { return .success(.plain(plain)) }
                    // Every block after the first is read under a copy of the header, numbered so that its rows keep their lines.
                    let text = firstLine == 1 ? bytes : header + bytes
                    guard let string = String(data: text, encoding: .utf8) else { return .failure(Roster.notUTF8(source)) }
                    do {
                        let table = try CSVTable(text: string, source: source, columns: Roster.csvColumns, firstLine: firstLine == 1 ? 1 : firstLine - 1)
                        let position = table.position(of: "public_key")
                        return .success(.table(Roster.ReadBlock(table: table, keys: table.rows.map { Roster.key(of: $0, at: position, source: source) })))
                    } catch let error as ShishiError {
                        return .failure(error)
                    } catch {
                        return .failure(ShishiError(.csvMalformed, zh: "\(source)：\(error)", en: "\(source): \(error)"))
                    }
                }) ?? []
        }
        return flight
    }

    /// Waits for blocks parsed in the background and adds them in order; after a failure, only
    /// the first one is kept (the file is still read to its end, for its hash).
    private mutating func complete(_ flight: InFlight) {
        flight.done.wait()
        guard failure == nil else { return }
        do {
            for block in flight.read {
                switch try block.get() {
                case .plain(let plain): try builder.append(plain, source: source)
                case .table(let table): try Roster.append(table, to: &builder)
                }
            }
        } catch let error as ShishiError {
            failure = error
            return
        } catch {
            failure = ShishiError(.csvMalformed, zh: "\(source)：\(error)", en: "\(source): \(error)")
            return
        }
        parsedBytes += flight.bytes
        if !sized, totalBytes > parsedBytes, parsedBytes > 0 {
            // Size the roster from what the first blocks took, rather than grow it by doubling.
            builder.reserve(scaledBy: Double(totalBytes) / Double(parsedBytes) * 1.02)
            sized = true
        }
    }
}
