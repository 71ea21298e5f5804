extension CSVTable {
    /// The rows of `bytes` split as SwiftCSV's parser splits them (its `ParsingState`: a quote
    /// opens a quoted field only at a field's start, `""` is a quote inside one, spaces and tabs
    /// between fields are dropped), but on the bytes rather than on `Character`s: a project list
    /// whose names are quoted reads in a fraction of the time.
    ///
    /// The caller has checked that the bytes read as their bytes (``readsAsItsBytes(_:separator:)``).
    /// `nil` when SwiftCSV would refuse, or when the text ends inside quotes: the caller then reads
    /// it through SwiftCSV, which words the refusal.
    static func splitQuoted(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [[String]]? {
        enum State { case start, field, quoted }
        var state = State.start
        var quoteSeen = false
        var rows: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func finishRow() {
            finishField()
            rows.append(fields)
            fields = []
        }
        for byte in bytes {
            switch state {
            case .start:
                if byte == 0x22 {
                    state = .quoted
                } else if byte == separator {
                    finishField()
                } else if byte == 0x0A {
                    finishRow()
                } else if byte != 0x20, byte != 0x09 {
                    state = .field
                    field.append(byte)
                }
            case .field:
                if quoteSeen {
                    // SwiftCSV refuses anything but a second quote after a quote in an unquoted field.
                    guard byte == 0x22 else { return nil }
                    field.append(byte)
                    quoteSeen = false
                } else if byte == 0x22 {
                    quoteSeen = true
                } else if byte == separator || byte == 0x0A {
                    state = .start
                    byte == separator ? finishField() : finishRow()
                } else {
                    field.append(byte)
                }
            case .quoted:
                if quoteSeen {
                    if byte == 0x22 {
                        field.append(byte)
                        quoteSeen = false
                    } else if byte == separator || byte == 0x0A {
                        (state, quoteSeen) = (.start, false)
                        byte == separator ? finishField() : finishRow()
                    } else if byte != 0x20, byte != 0x09 {
                        return nil  // SwiftCSV refuses text after a closing quote
                    }
                } else if byte == 0x22 {
                    quoteSeen = true
                } else {
                    field.append(byte)
                }
            }
        }
        // Still inside quotes at the end: SwiftCSV would make the rest one field; refused by the caller.
        if state == .quoted, !quoteSeen { return nil }
        if state == .field, quoteSeen { return nil }
        if !field.isEmpty { fields.append(String(decoding: field, as: UTF8.self)) }
        if !fields.isEmpty { rows.append(fields) }
        return rows
    }

    /// Whether every `Character` SwiftCSV would compare with a quote, the delimiter, a line feed
    /// or white space is that one byte: no carriage return, vertical tab or form feed, no Unicode
    /// space or line break, no mark or joiner after a quote, delimiter or space (which would make
    /// one `Character` with it), no prepended mark before one.
    static func readsAsItsBytes(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Bool {
        for index in 0..<bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0B, 0x0C, 0x0D: return false
            case 0xC2 where index + 1 < bytes.count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0): return false
            case 0xE1 where index + 2 < bytes.count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80: return false
            // U+2000–U+200A (spaces), U+2028 and U+2029 (line and paragraph separators), U+202F and U+205F (spaces).
            case 0xE2 where index + 2 < bytes.count && Self.isGeneralPunctuationSpace(bytes[index + 1], bytes[index + 2]): return false
            case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: return false
            case 0x22, separator, 0x20, 0x09:
                if index + 1 < bytes.count, bytes[index + 1] >= 0x80, let next = scalar(in: bytes, at: index + 1), joinsTheOneBefore(next) { return false }
                if index > 0, bytes[index - 1] >= 0x80 {
                    var start = index - 1
                    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                    if let before = scalar(in: bytes, at: start), isPrepended(before) { return false }
                }
            default: continue
            }
        }
        return true
    }

    /// Whether U+20xx written `E2 second third` is white space or a line break (dashes, quotes
    /// and the rest of the block are not).
    private static func isGeneralPunctuationSpace(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF)) || (second == 0x81 && third == 0x9F)
    }

    /// The scalar whose UTF-8 starts at `index`.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Unicode.Scalar? {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<min(index + 4, bytes.count)]), as: UTF8.self).unicodeScalars.first
    }

    /// Whether `scalar` stays in one `Character` with the one before it (Unicode's grapheme rules
    /// GB9, GB9a: Extend, ZWJ, SpacingMark), taken broadly: a wrong yes only means the slow path.
    private static func joinsTheOneBefore(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isGraphemeExtend || properties.isEmojiModifier || properties.generalCategory == .spacingMark
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark || scalar.value == 0x200D
            || scalar.value == 0x0E33 || scalar.value == 0x0EB3
    }

    /// Whether `scalar` stays in one `Character` with the one after it (Unicode's Prepend, GB9b).
    private static func isPrepended(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x0D4E, 0x110BD, 0x110CD, 0x111C2...0x111C3, 0x1193F, 0x11941, 0x11A3A,
            0x11A84...0x11A89, 0x11D46, 0x11F02:
            true
        default: false
        }
    }
}
