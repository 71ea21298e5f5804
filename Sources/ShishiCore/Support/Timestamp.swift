public import Foundation

/// Timestamps as shishi writes them: ISO 8601 in UTC, to the second (`2026-01-15T09:30:00Z`).
public enum Timestamp {
    /// Formats `date`.
    public static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Parses a timestamp written by ``string(_:)``.
    public static func date(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(text)
    }
}
