import Foundation
import ShishiFollowUp
import Testing

/// Beijing's date from the clock, worked out with integers, agrees with Foundation's calendar.
@Suite struct DatesTests {
    func calendarDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test func todayAgreesWithTheCalendarAtTheEdgesAndAtRandom() {
        // Midnight in Beijing is 16:00 UTC the day before; leap days; the turn of centuries.
        let edges: [(TimeInterval, String)] = [
            (1_807_199_999, "2027-04-08"), (1_807_200_000, "2027-04-09"), (951_753_600, "2000-02-29"), (4_107_513_600, "2100-03-01"),
            (0, "1970-01-01"), (-28_801, "1969-12-31"), (-28_800, "1970-01-01"),
        ]
        for (seconds, day) in edges {
            #expect(Dates.today(Date(timeIntervalSince1970: seconds)) == day, "\(seconds)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int64.random(in: -2_000_000_000...8_000_000_000, using: &generator)) + 0.5)
            #expect(Dates.today(date) == calendarDay(date))
        }
    }
}
