/// The working calendar of a store: weekend days and holidays from its settings, in its time zone.
public struct WorkingCalendar: Sendable {
    public let zone: Zone
    private let weekendMask: [Bool]
    private let holidays: Set<LocalDate>

    public init(zone: Zone, weekend: [Weekday], holidays: [LocalDate]) {
        self.zone = zone
        var mask = [Bool](repeating: false, count: 7)
        for w in weekend { mask[Weekday.allCases.firstIndex(of: w)!] = true }
        self.weekendMask = mask
        self.holidays = Set(holidays)
    }

    public init(settings: Settings) {
        self.init(zone: Zone(identifier: settings.timeZone) ?? .utc, weekend: settings.weekend, holidays: settings.holidays)
    }

    /// Not a weekend day and not a holiday.
    public func isWorkingDay(_ d: LocalDate) -> Bool {
        !weekendMask[d.weekdayIndex] && !holidays.contains(d)
    }

    public func isHoliday(_ d: LocalDate) -> Bool { holidays.contains(d) }

    /// The `n`th working day after `d` (n ≥ 1). With n = 0, `d` itself.
    public func workingDay(_ n: Int, after d: LocalDate) -> LocalDate {
        var day = d
        var left = n
        // A calendar with every weekday off would loop forever: give up after a long search.
        var guardDays = 0
        while left > 0 && guardDays < 3660 {
            day = day.adding(days: 1)
            guardDays += 1
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// "N working days after t": the Nth working day after date(t), at t's clock time read in the zone.
    public func workingDays(_ n: Int, after t: Timestamp) -> Timestamp {
        let (date, sod) = zone.local(t)
        return zone.instant(workingDay(n, after: date), secondOfDay: sod)
    }

    /// The working days from `from` through `through`, both included.
    public func workingDays(from: LocalDate, through: LocalDate) -> [LocalDate] {
        guard from <= through else { return [] }
        return (from.dayNumber...through.dayNumber).map(LocalDate.init(dayNumber:)).filter(isWorkingDay)
    }

    /// True when more than `limit` working days lie after `from` up to and including `to`
    /// (`workingDaysBetween(from, to) > limit`, counted only until the answer is known).
    public func workingDaysBetween(_ from: LocalDate, _ to: LocalDate, exceed limit: Int) -> Bool {
        guard to > from else { return 0 > limit }
        var n = 0
        for k in (from.dayNumber + 1)...to.dayNumber where isWorkingDay(LocalDate(dayNumber: k)) {
            n += 1
            if n > limit { return true }
        }
        return n > limit
    }

    /// How many working days lie after `from` up to and including `to` (0 when `to` ≤ `from`).
    public func workingDaysBetween(_ from: LocalDate, _ to: LocalDate) -> Int {
        guard to > from else { return 0 }
        var n = 0
        for k in (from.dayNumber + 1)...to.dayNumber where isWorkingDay(LocalDate(dayNumber: k)) { n += 1 }
        return n
    }
}
