import Foundation

/// How urgent a request is: on time, due soon, or in breach of a TAT.
public enum Severity: Int, Sendable, Comparable, CaseIterable {
    case ok = 0, dueSoon = 1, breached = 2
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    public var label: String {
        switch self {
        case .ok: return "ok"
        case .dueSoon: return "due soon"
        case .breached: return "breached"
        }
    }
}

/// A flag shown beside a request in the aging view.
public enum AgingFlag: String, Sendable, CaseIterable {
    case breached, dueSoon = "due-soon", stale, escalated, onHold = "on-hold"
}

/// One open request's clocks as of today (DOMAIN.md "Clocks"; KPIS.md "Building blocks").
public struct AgingRow: Sendable {
    public let request: Request
    /// The status as of now.
    public let status: RequestStatus
    public let account: Account?
    /// Calendar days from date(createdAt) to T.
    public let ageDays: Int
    /// Calendar days since the request entered its status.
    public let daysInStatus: Int
    /// The qualification deadline while no analyst action has been taken.
    public let qualificationDue: Timestamp?
    public let qualificationBreached: Bool
    /// The negotiation due date (holds excluded) while the request negotiates and has not been submitted.
    public let negotiationDue: LocalDate?
    public let negotiationBreached: Bool
    /// The date of the Buyer's last update (or of the hand-over when there is none) while negotiating.
    public let lastTouch: LocalDate?
    public let stale: Bool
    public let escalated: Bool
    /// The earliest deadline still ahead or missed: what it is and its date.
    public let nextDeadline: (what: String, date: LocalDate)?
    /// True when the next deadline falls today or on the next working day.
    public let nextDeadlineIsSoon: Bool
    public let severity: Severity
    /// While on hold: the status it returns to on resume (the status before `on-hold` in the effective history).
    public var heldFrom: RequestStatus? = nil

    /// The stage a board shows it in: the status it returns to while on hold, else its status.
    public var stage: RequestStatus { status == .onHold ? (heldFrom ?? .negotiating) : status }

    /// Breached, due soon, stale, escalated, on hold: the flags that apply, in that order.
    public var flags: [AgingFlag] {
        var f: [AgingFlag] = []
        if severity == .breached { f.append(.breached) }
        if nextDeadlineIsSoon { f.append(.dueSoon) }
        if stale { f.append(.stale) }
        if escalated { f.append(.escalated) }
        if status == .onHold { f.append(.onHold) }
        return f
    }
}

/// Request aging and TAT clocks.
public enum Aging {
    /// The open requests (as of now), most severe first, then oldest first, then by id.
    /// - Parameter include: which requests to consider (nil: every one; then no request is handed to a closure, a
    ///   copy of each).
    public static func rows(_ snap: Snapshot, where include: ((Request) -> Bool)? = nil) -> [AgingRow] {
        // The rows on every core, each with its request's timeline found by position (no lookup by id). Then
        // their order is found on small keys (severity, age, slot; the id only to break ties), not by a comparator
        // over rows (a row is large: each comparison would copy two), and each row is moved, not copied, into it.
        let requests = snap.requests
        let picked = include.map { include in requests.indices.filter { include(requests[$0]) } } ?? Array(requests.indices)
        var slots = Parallel.map(count: picked.count) { i -> Slot in
            let p = picked[i]
            let row = row(requests[p], timeline: snap.timelineList[p], snap)
            return Slot(severity: row?.severity.rawValue ?? -1, ageDays: row?.ageDays ?? 0, row: row)
        }
        var keys: [OrderKey] = []
        keys.reserveCapacity(slots.count)
        for i in slots.indices where slots[i].severity >= 0 {
            keys.append(OrderKey(severity: slots[i].severity, ageDays: slots[i].ageDays, slot: i))
        }
        keys.sort { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.ageDays != b.ageDays { return a.ageDays > b.ageDays }
            if requests[picked[a.slot]].id != requests[picked[b.slot]].id {
                return requests[picked[a.slot]].id < requests[picked[b.slot]].id
            }
            return a.slot < b.slot  // repeated ids keep store order, as the stable sort of rows did
        }
        return slots.withUnsafeMutableBufferPointer { buffer in keys.map { buffer[$0.slot].row.take()! } }
    }

    /// A request's row (nil when it is not open) with its order's keys beside it (severity -1: no row), read
    /// without copying the row.
    private struct Slot {
        let severity: Int
        let ageDays: Int
        var row: AgingRow?
    }

    /// Where a row goes in `rows`' order.
    private struct OrderKey {
        let severity: Int
        let ageDays: Int
        let slot: Int
    }

    /// The row of one request; nil when it is not open as of now.
    public static func row(_ r: Request, _ snap: Snapshot) -> AgingRow? {
        row(r, timeline: snap.timeline(r), snap)
    }

    /// The row of one request with its timeline; nil when it is not open as of now.
    public static func row(_ r: Request, timeline tl: RequestTimeline, _ snap: Snapshot) -> AgingRow? {
        let clock = snap.clock
        guard tl.status.isOpen else { return nil }
        let settings = snap.settings
        let today = clock.today
        let soonLimit = clock.calendar.workingDay(1, after: today)

        var qualDue: Timestamp?
        var qualBreached = false
        if tl.firstAction == nil, let due = RequestTimeline.qualificationDue(r, tat: settings.tat, clock: clock) {
            qualDue = due
            qualBreached = clock.date(due) < today
        }
        var negDue: LocalDate?
        var negBreached = false
        var lastTouch: LocalDate?
        var stale = false
        if (tl.status == .negotiating || tl.status == .onHold), tl.submission == nil,
           let due = tl.negotiationDueDate(kind: r.kind, tat: settings.tat, clock: clock) {
            negDue = due
            negBreached = due < today
        }
        if tl.status == .negotiating, let h = tl.handOver {
            // The Buyer's last update that has happened (one pass, no arrays).
            var lastAt: Timestamp?
            for u in r.updates where clock.hasHappened(u.at) && (u.by == r.buyer || r.buyer == nil) {
                if lastAt.map({ u.at > $0 }) ?? true { lastAt = u.at }
            }
            let last = lastAt.map(clock.date)
            let touch = max(last ?? clock.date(h), clock.date(h))
            lastTouch = touch
            // Counted only as far as the limit (a negotiation untouched for a year would count every day).
            stale = clock.calendar.workingDaysBetween(touch, today, exceed: settings.tat.updateWorkingDays)
        }
        var deadlines: [(String, LocalDate)] = []
        if let q = qualDue { deadlines.append(("qualify", clock.date(q))) }
        if let n = negDue { deadlines.append(("submit savings", n)) }
        let next = deadlines.min { $0.1 < $1.1 }
        let nextSoon = next.map { $0.1 >= today && $0.1 <= soonLimit } ?? false
        let severity: Severity = (qualBreached || negBreached) ? .breached : ((nextSoon || stale) ? .dueSoon : .ok)
        let created = clock.date(r.createdAt)
        return AgingRow(
            request: r, status: tl.status, account: snap.accountsById[r.account],
            ageDays: max(0, created.days(to: today)),
            daysInStatus: max(0, clock.date(tl.statusSince).days(to: today)),
            qualificationDue: qualDue, qualificationBreached: qualBreached,
            negotiationDue: negDue, negotiationBreached: negBreached,
            lastTouch: lastTouch, stale: stale,
            escalated: r.escalations.contains { clock.hasHappened($0.at) && !$0.isResolved(asOf: clock.endOfToday) },
            nextDeadline: next.map { (what: $0.0, date: $0.1) }, nextDeadlineIsSoon: nextSoon, severity: severity,
            heldFrom: tl.status == .onHold ? tl.entries.last(where: { $0.to == .onHold })?.from : nil)
    }
}
