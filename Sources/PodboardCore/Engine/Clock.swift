/// "Today" and everything derived from it, fixed once for a computation so that every figure is
/// reproducible: T (a date in the store's time zone), now (the end of T), and the quarter Q that contains T.
public struct Clock: Sendable {
    /// T.
    public let today: LocalDate
    public let calendar: WorkingCalendar
    /// The first instant of the day after T; "at or before now" means "before this".
    public let endOfToday: Timestamp

    public init(today: LocalDate, settings: Settings) {
        self.today = today
        self.calendar = WorkingCalendar(settings: settings)
        self.endOfToday = calendar.zone.startOfDay(today.adding(days: 1))
    }

    public var zone: Zone { calendar.zone }

    /// Q.
    public var quarter: Quarter { today.quarter }

    /// True when the instant is at or before now (the end of T): it "exists yet".
    public func hasHappened(_ t: Timestamp) -> Bool { t < endOfToday }

    /// `date(t)` in the store's time zone.
    public func date(_ t: Timestamp) -> LocalDate { zone.date(of: t) }

    /// True when the date lies in Qs … T.
    public func inPeriod(_ d: LocalDate) -> Bool { d >= quarter.firstDay && d <= today }

    /// True when the instant exists (at or before now) and is dated in Qs … T.
    public func inPeriod(_ t: Timestamp) -> Bool { hasHappened(t) && inPeriod(date(t)) }
}
