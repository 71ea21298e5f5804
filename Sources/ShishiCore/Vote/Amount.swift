public import Foundation

/// A sum of money: a project's cost or a vote's budget, exact to four decimal places.
///
/// Amounts are written as plain decimal text (`2500000`, `12.5`) in files and manifests, so that
/// a budget is never rounded by a floating-point reader; arithmetic is on whole ten-thousandths.
/// The unit is the vote's own (yuan, 万元, złoty): shishi never converts it.
public struct Amount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The decimal places an amount keeps.
    public static let decimalPlaces = 4
    private static let scale = 10_000
    /// The largest amount: a budget beyond it is not a sum of money anyone votes on.
    public static let maximum = Amount(scaled: 1_000_000_000_000_000)  // 10^11 units: a thousand of them still add up exactly

    /// The amount in ten-thousandths of its unit.
    public var scaled: Int

    /// Zero.
    public static let zero = Amount(scaled: 0)

    /// An amount from its ten-thousandths.
    public init(scaled: Int) {
        self.scaled = scaled
    }

    /// A whole amount.
    public init(_ whole: Int) {
        scaled = whole * Self.scale
    }

    /// Reads decimal text such as `2500000`, `12.5`, `1 200 000` or `12,5` (a comma with at most
    /// two digits after it is a decimal comma); `nil` for anything else, a negative amount, more
    /// than four decimal places or more than ``maximum``.
    public init?(parsing text: String) {
        // A whole number of plain digits (as a manifest writes every cost) is read on its bytes:
        // what the general reading below gives for it, without Foundation's trimming.
        if let whole = text.utf8.count <= 12 ? Int(text) : nil, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard whole * Self.scale <= Self.maximum.scaled else { return nil }
            scaled = whole * Self.scale
            return
        }
        var digits = text.trimmingCharacters(in: .whitespaces).filter { $0 != " " && $0 != "_" && $0 != "\u{00A0}" }
        if digits.hasSuffix(".") { return nil }
        if let comma = digits.firstIndex(of: ","), !digits.contains("."), digits.filter({ $0 == "," }).count == 1,
            digits.distance(from: comma, to: digits.endIndex) <= 3
        {
            digits.replaceSubrange(comma...comma, with: ".")
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            whole.count <= 12
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= Self.decimalPlaces, fraction.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if parts.count == 2, fraction.isEmpty { return nil }
        fraction += String(repeating: "0", count: Self.decimalPlaces - fraction.count)
        let value = Int(whole)! * Self.scale + Int(fraction)!
        guard value <= Self.maximum.scaled else { return nil }
        scaled = value
    }

    /// Reads a budget given on a command line or in a form, refusing anything that is not a
    /// positive amount with a message that says how to write one.
    public init(budget text: String) throws {
        guard let amount = Amount(parsing: text), amount > .zero else {
            throw ShishiError(
                .manifestBadBudget,
                zh: "预算“\(text)”不是正的金额：请写成 2500000 或 3600.5 这样的数（至多 4 位小数）。",
                en: "The budget “\(text)” is not a positive amount: write it like 2500000 or 3600.5 (at most 4 decimals)."
            )
        }
        self = amount
    }

    /// Reads an estimated cost given on a command line or in a form, refusing anything that is not
    /// an amount with a message that says how to write one.
    public init(cost text: String) throws {
        guard let amount = Amount(parsing: text) else {
            throw ShishiError(
                .candidatesBadCost,
                zh: "估算金额“\(text)”不是金额：请写成 1200 或 35.5 这样的非负数（至多 4 位小数）。",
                en: "The cost “\(text)” is not an amount: write a non-negative number like 1200 or 35.5 (at most 4 decimals)."
            )
        }
        self = amount
    }

    /// The shortest decimal text for the amount: `2500000`, `12.5`.
    public var description: String {
        let whole = scaled / Self.scale
        var fraction = String(scaled % Self.scale)
        if fraction == "0" { return String(whole) }
        fraction = String(repeating: "0", count: Self.decimalPlaces - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    /// The amount with thousands grouped (`2,500,000`), for people to read.
    public var grouped: String {
        let text = description
        let whole = text.prefix { $0 != "." }
        var out = ""
        for (offset, character) in whole.enumerated() {
            if offset > 0, (whole.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out + text.dropFirst(whole.count)
    }

    /// The sum of two amounts.
    public static func + (lhs: Amount, rhs: Amount) -> Amount { Amount(scaled: lhs.scaled + rhs.scaled) }

    /// The difference of two amounts.
    public static func - (lhs: Amount, rhs: Amount) -> Amount { Amount(scaled: lhs.scaled - rhs.scaled) }

    /// Compares two amounts.
    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.scaled < rhs.scaled }

    /// Reads the decimal text an amount is written as.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let amount = Amount(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "“\(text)” is not an amount (decimal digits, at most four places).")
        }
        self = amount
    }

    /// Writes the amount as its decimal text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
