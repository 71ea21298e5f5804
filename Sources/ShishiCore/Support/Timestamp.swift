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

    /// A timestamp as people in the hall read it, in `zone` (the files keep UTC): in Chinese as
    /// documents write it (`2026年12月7日 08:17:33`), in English with its offset
    /// (`7 December 2026, 08:17:33 (UTC+8)`). Text that is not a timestamp is given back as it is.
    public static func display(_ text: String, in zone: TimeZone, language: Language) -> String {
        guard let date = date(text) else { return text }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let time = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        switch language {
        case .zh:
            return "\(c.year ?? 0)年\(c.month ?? 0)月\(c.day ?? 0)日 \(time)"
        case .en:
            let months = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
            ]
            let seconds = zone.secondsFromGMT(for: date)
            let offset = seconds % 3600 == 0 ? "\(seconds / 3600)" : String(format: "%d:%02d", seconds / 3600, abs(seconds % 3600) / 60)
            return "\(c.day ?? 0) \(months[(c.month ?? 1) - 1]) \(c.year ?? 0), \(time) (UTC\(seconds >= 0 ? "+" : "")\(offset))"
        }
    }
}
