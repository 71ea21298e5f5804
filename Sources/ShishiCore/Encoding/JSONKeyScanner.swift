public import Foundation

/// Finds a key written twice in one JSON object, which Foundation's parsers silently resolve
/// (one keeps the first value, another reader might keep the last). Runs on text that has
/// already parsed as JSON, so it only needs to follow strings and nesting.
enum JSONKeyScanner {
    /// The first key repeated within one object, with its path, or `nil`.
    static func firstDuplicateKey(in data: Data) -> String? {
        data.withUnsafeBytes { bytes -> String? in
            struct Frame {
                var isObject: Bool
                var keys: Set<String> = []
                var expectingKey: Bool
                var name: String
            }
            var stack: [Frame] = []
            var lastKey = ""
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x22:  // a string: find its end, skipping escaped characters
                    let start = index
                    var escaped = false
                    index += 1
                    while index < bytes.count {
                        let c = bytes[index]
                        if escaped {
                            escaped = false
                        } else if c == 0x5C {
                            escaped = true
                        } else if c == 0x22 {
                            break
                        }
                        index += 1
                    }
                    if var top = stack.last, top.isObject, top.expectingKey {
                        let raw = UnsafeRawBufferPointer(rebasing: bytes[start...min(index, bytes.count - 1)])
                        let key = decodeString(raw)
                        top.expectingKey = false
                        if !top.keys.insert(key).inserted {
                            return (stack.map(\.name).filter { !$0.isEmpty } + [key]).joined(separator: ".")
                        }
                        stack[stack.count - 1] = top
                        lastKey = key
                    }
                case 0x7B:
                    stack.append(Frame(isObject: true, expectingKey: true, name: stack.last?.isObject == true ? lastKey : ""))
                case 0x5B:
                    stack.append(Frame(isObject: false, expectingKey: false, name: stack.last?.isObject == true ? lastKey : ""))
                case 0x7D, 0x5D:
                    if !stack.isEmpty { stack.removeLast() }
                case 0x2C:
                    if stack.last?.isObject == true { stack[stack.count - 1].expectingKey = true }
                default:
                    break
                }
                index += 1
            }
            return nil
        }
    }

    /// The text of a JSON string token (quotes included), its escapes resolved.
    private static func decodeString(_ token: UnsafeRawBufferPointer) -> String {
        if !token.contains(0x5C) {
            return String(decoding: token.dropFirst().dropLast(), as: UTF8.self)
        }
        let value = try? JSONSerialization.jsonObject(with: Data(token), options: [.fragmentsAllowed])
        return value as? String ?? String(decoding: token, as: UTF8.self)
    }
}
