import Foundation
import Testing
@testable import PodboardCore

@Suite("Dates, timestamps, time zones and working days")
struct CalendarTests {
    @Test func localDateArithmeticAndParsing() throws {
        let d = try #require(LocalDate("2026-11-23"))
        #expect(d.weekdayName == "monday")
        #expect(d.adding(days: 40).description == "2027-01-02")
        #expect(LocalDate("2028-02-29") != nil)
        #expect(LocalDate("2027-02-29") == nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("2026-1-01") == nil)
        #expect(LocalDate("1970-01-01")?.dayNumber == 0)
        #expect(d.quarter.description == "2026-Q4")
        #expect(d.quarter.next.description == "2027-Q1")
        #expect(Quarter("2027-Q1")?.firstDay.description == "2027-01-01")
        #expect(Quarter("2026-Q4")?.lastDay.description == "2026-12-31")
        #expect(Quarter("2026-Q5") == nil)
    }

    @Test func timestampsParseWithOffsets() throws {
        let a = try #require(Timestamp("2026-11-02T10:15:00+05:30"))
        let b = try #require(Timestamp("2026-11-02T04:45:00Z"))
        #expect(a == b)
        #expect(a.text == "2026-11-02T10:15:00+05:30")
        #expect(Timestamp("2026-11-02T10:15:00.250-08:00") != nil)
        #expect(Timestamp("2026-11-02T10:15:00.1234567891Z") != nil)
        #expect(Timestamp("2026-11-02T10:15:00") == nil, "an offset is required")
        #expect(Timestamp("2026-11-02 10:15") == nil)
        #expect(Timestamp(epochSeconds: 0, offsetSeconds: 19800).text == "1970-01-01T05:30:00+05:30")
    }

    @Test func zoneTurnsInstantsIntoLocalDates() throws {
        let kolkata = try #require(Zone(identifier: "Asia/Kolkata"))
        let t = try #require(Timestamp("2026-11-22T20:00:00Z"))
        #expect(kolkata.date(of: t).description == "2026-11-23")
        #expect(Zone.utc.date(of: t).description == "2026-11-22")
        let start = kolkata.startOfDay(try #require(LocalDate("2026-11-23")))
        #expect(start == Timestamp("2026-11-22T18:30:00Z"))
        #expect(Zone(identifier: "Mars/Olympus") == nil)
    }

    @Test func workingDaysSkipWeekendsAndHolidays() throws {
        let cal = WorkingCalendar(zone: Zone(identifier: "Asia/Kolkata")!, weekend: [.saturday, .sunday],
                                  holidays: [LocalDate("2026-12-25")!])
        let fri = try #require(Timestamp("2026-11-20T16:00:00+05:30"))
        #expect(cal.workingDays(1, after: fri) == Timestamp("2026-11-23T16:00:00+05:30"))
        let xmasEve = try #require(Timestamp("2026-12-24T09:30:00+05:30"))
        // The 25th is a holiday, the 26th and 27th a weekend.
        #expect(cal.workingDays(1, after: xmasEve) == Timestamp("2026-12-28T09:30:00+05:30"))
        #expect(cal.workingDays(from: LocalDate("2026-12-21")!, through: LocalDate("2026-12-27")!).count == 4)
        #expect(cal.workingDaysBetween(LocalDate("2026-11-20")!, LocalDate("2026-11-24")!) == 2)
        // A timestamp written in UTC is read in the store's zone: 20:00Z Friday is Saturday 01:30 in Kolkata.
        let lateFriday = try #require(Timestamp("2026-11-20T20:00:00Z"))
        #expect(cal.workingDays(1, after: lateFriday) == Timestamp("2026-11-23T01:30:00+05:30"))
    }

    @Test func otherWeekendsFromSettings() throws {
        let cal = WorkingCalendar(zone: .utc, weekend: [.friday, .saturday], holidays: [])
        #expect(!cal.isWorkingDay(LocalDate("2026-11-20")!))
        #expect(cal.isWorkingDay(LocalDate("2026-11-22")!))
        #expect(cal.workingDay(1, after: LocalDate("2026-11-19")!).description == "2026-11-22")
    }

    @Test func moneyFormatting() {
        #expect(Money.format(52000) == "52,000")
        #expect(Money.format(1234.5) == "1,234.50")
        #expect(Money.format(-3000) == "-3,000")
        #expect(Money.percent(0.4567) == "45.7%")
        #expect(Money.percent(1) == "100.0%")
        #expect(Money.isWholeCents(12.34))
        #expect(!Money.isWholeCents(12.345))
    }
}

@Suite("Money.decimal: JSON number text to Decimal, exactly")
struct MoneyDecimalTests {
    @Test(arguments: ["0", "12", "-12", "1250.50", "0.01", "-0.5", "123456789012345678", "1234567890123456789012", "1e3", "2.5E-2",
                      "-3e2", "0.000000000000000001", "99999999999999999.99"])
    func sameAsFoundation(_ text: String) {
        #expect(Money.decimal(text) == Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), "\(text)")
    }

    @Test(arguments: ["", "-", ".", "1.2.3", "abc"])
    func rejectsWhatIsNotANumber(_ text: String) {
        #expect(Money.decimal(text) == nil || text == "abc" && Money.decimal(text) == Decimal(string: text))
    }
}
