/// A resident's reference number (受理编号): twelve random digits in three groups of four
/// (`4831-9052-7716`), given when a problem is described and used to look up its review and
/// answers. Digits, because residents type it on a phone's number pad; random (about 40 bits),
/// because it is the only key to what the resident wrote.
public enum ReferenceNumber {
    /// A new number.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<12).map { _ in String(UInt8.random(in: 0...9, using: &generator)) }.joined()
        return grouped(digits)
    }

    /// The number `text` names, as stored, whatever separators, spaces or full-width digits it
    /// was typed with; `nil` when it is not twelve digits.
    public static func normalized(_ text: String) -> String? {
        var digits = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0x20, 0x2D, 0x3000, 0xFF0D, 0x2010...0x2015: continue
            default: return nil
            }
        }
        return digits.count == 12 ? grouped(digits) : nil
    }

    static func grouped(_ digits: String) -> String {
        let characters = Array(digits)
        return [characters[0..<4], characters[4..<8], characters[8..<12]].map { String($0) }.joined(separator: "-")
    }
}
