import Foundation

/// The store's time zone: turns instants into local dates and clock times and back.
public struct Zone: Sendable {
    public let identifier: String
    private let tz: TimeZone

    /// nil when the identifier is not a known IANA time zone.
    public init?(identifier: String) {
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.tz = tz
    }

    public static let utc = Zone(identifier: "UTC")!

    /// The offset from UTC in force at an instant.
    public func offset(atEpoch seconds: Int64) -> Int {
        tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The local date and the seconds since local midnight of an instant.
    public func local(_ t: Timestamp) -> (date: LocalDate, secondOfDay: Int) {
        let local = t.epochSeconds + Int64(offset(atEpoch: t.epochSeconds))
        let day = Int((local >= 0 ? local : local - 86399) / 86400)
        return (LocalDate(dayNumber: day), Int(local - Int64(day) * 86400))
    }

    /// `date(t)`: the date of an instant in this zone.
    public func date(of t: Timestamp) -> LocalDate { local(t).date }

    /// The instant at a local date and clock time. In a gap (clocks moved forward) the later reading
    /// is taken; in an overlap, the earlier instant.
    public func instant(_ date: LocalDate, secondOfDay: Int) -> Timestamp {
        let naive = Int64(date.dayNumber) * 86400 + Int64(secondOfDay)
        var guess = naive - Int64(offset(atEpoch: naive))
        let o2 = offset(atEpoch: guess)
        guess = naive - Int64(o2)
        return Timestamp(epochSeconds: guess, offsetSeconds: offset(atEpoch: guess))
    }

    /// An instant as people read it in this zone: "2026-11-20 14:05".
    public func clockText(_ t: Timestamp) -> String {
        let (d, s) = local(t)
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(d) \(pad(s / 3600)):\(pad(s / 60 % 60))"
    }

    /// The first instant of a local date.
    public func startOfDay(_ date: LocalDate) -> Timestamp { instant(date, secondOfDay: 0) }

    /// The current date in this zone.
    public func today(now: Date = Date()) -> LocalDate {
        date(of: Timestamp(epochSeconds: Int64(now.timeIntervalSince1970.rounded(.down))))
    }
}
