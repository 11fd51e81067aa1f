import Foundation

/// Where "today" and "now" come from for a session: the real clock, or values fixed on the command line
/// (`--today DAY`, `--at TIME`), so that every screen, report, action and test is reproducible.
///
/// - `--at TIME` fixes now to that instant (and today to its date in the store's zone, unless `--today` says
///   otherwise).
/// - `--today DAY` alone fixes the day; actions are stamped on that day at the current clock time.
/// - Neither: the real clock, read through `wallClock` (injectable, so tests never read the wall clock).
public struct NowSource: Sendable {
    /// The instant fixed by `--at`.
    public var at: Timestamp?
    /// The day fixed by `--today`.
    public var today: LocalDate?
    /// The real clock (tests give a fixed or a stepping one).
    public var wallClock: @Sendable () -> Date

    public init(at: Timestamp? = nil, today: LocalDate? = nil, wallClock: @escaping @Sendable () -> Date = { Date() }) {
        self.at = at; self.today = today; self.wallClock = wallClock
    }

    /// True when the day cannot change by itself (`--today` or `--at` was given).
    public var isPinned: Bool { at != nil || today != nil }

    /// Now, for stamping an action.
    public func now(zone: Zone) -> Timestamp {
        if let at { return at }
        return Workflow.now(zone: zone, today: today, wallClock: wallClock())
    }

    /// Today in the store's zone.
    public func today(zone: Zone) -> LocalDate {
        if let today { return today }
        if let at { return zone.date(of: at) }
        return zone.today(now: wallClock())
    }
}
