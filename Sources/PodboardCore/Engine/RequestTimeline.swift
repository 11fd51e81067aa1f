/// The lifecycle times of one request as of now (KPIS.md, "Building blocks"). Everything comes from
/// `history`, and only from entries at or before now: nothing timestamped later exists yet.
public struct RequestTimeline: Sendable {
    /// History entries at or before now, oldest first.
    public let entries: [HistoryEntry]
    /// The status before the first history entry.
    public let initialStatus: RequestStatus
    /// The status as of now: the `to` of the last entry at or before now; with none, the first entry's
    /// `from` (or the stored status when the history is empty).
    public let status: RequestStatus
    /// When the request entered its status as of now (its `createdAt` when it never changed).
    public let statusSince: Timestamp
    /// F: the first entry whose `from` is `new` (the first analyst action).
    public let firstAction: HistoryEntry?
    /// H: the first entry into `negotiating`.
    public let handOver: Timestamp?
    /// S: the first entry into `pending-approval`.
    public let submission: Timestamp?
    /// The first entry into `approved`.
    public let approval: Timestamp?
    /// The on-hold stays, in time order: entry, exit (nil while open).
    public let holds: [(entry: Timestamp, exit: Timestamp?)]

    public init(_ r: Request, clock: Clock) {
        // Usually every entry has happened and none was undone: then the request's own array is shared, not
        // filtered into a new one (this runs for every request of the store when a snapshot is made).
        let effective = Self.effective(r.history)
        let past = effective.allSatisfy { clock.hasHappened($0.at) } ? effective : effective.filter { clock.hasHappened($0.at) }
        entries = past
        initialStatus = r.history.first?.from ?? r.status
        if let last = past.last {
            status = last.to
            statusSince = last.at
        } else {
            status = r.history.first?.from ?? r.status
            statusSince = r.createdAt
        }
        // One pass for the firsts and the hold stays.
        var firstAction: HistoryEntry?
        var handOver: Timestamp?, submission: Timestamp?, approval: Timestamp?
        var stays: [(Timestamp, Timestamp?)] = []
        for i in past.indices {
            let to = past[i].to
            if firstAction == nil, past[i].from == .new { firstAction = past[i] }
            switch to {
            case .negotiating: if handOver == nil { handOver = past[i].at }
            case .pendingApproval: if submission == nil { submission = past[i].at }
            case .approved: if approval == nil { approval = past[i].at }
            case .onHold: stays.append((past[i].at, i + 1 < past.count ? past[i + 1].at : nil))
            default: break
            }
        }
        self.firstAction = firstAction
        self.handOver = handOver
        self.submission = submission
        self.approval = approval
        holds = stays
    }

    /// The status at or before `t`, from the effective history as of now (the first entry's `from` when no
    /// entry is that early).
    public func status(atOrBefore t: Timestamp) -> RequestStatus {
        var s: RequestStatus?
        for e in entries where e.at <= t { s = e.to }
        return s ?? entries.first?.from ?? initialStatus
    }

    /// The history without the entries an undo reversed and without the undo entries themselves (an undo entry
    /// carries `"undoes": N`, the index of the entry it reverses): both stay in the store, neither counts.
    public static func effective(_ history: [HistoryEntry]) -> [HistoryEntry] {
        var drop = Set<Int>()
        for (i, e) in history.enumerated() {
            if case .number(let n)? = e.extras["undoes"], let k = Int(n) { drop.insert(i); drop.insert(k) }
        }
        if drop.isEmpty { return history }
        return history.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    /// True when the request exists as of now (its `createdAt` is at or before now).
    public static func exists(_ r: Request, clock: Clock) -> Bool { clock.hasHappened(r.createdAt) }

    /// The negotiation TAT in days for this request's kind (renewals have their own; expansions keep the new one).
    public static func negotiationTAT(_ kind: RequestKind, _ tat: TATSettings) -> Int {
        kind == .renewal ? tat.negotiationDaysRenewal : tat.negotiationDaysNew
    }

    /// Hold days counted against the negotiation TAT: each stay in `on-hold` that began after H and before
    /// S (any time when there is no S), exit clipped to date(S), an open stay ending at T; a stay that begins
    /// after the due date reached so far does not move it. Returns the due date, or nil without a hand-over.
    public func negotiationDueDate(kind: RequestKind, tat: TATSettings, clock: Clock) -> LocalDate? {
        guard let h = handOver else { return nil }
        var due = clock.date(h).adding(days: Self.negotiationTAT(kind, tat))
        for stay in holds where stay.entry > h {
            if let s = submission, stay.entry >= s { continue }
            let entryDate = clock.date(stay.entry)
            if entryDate > due { continue }
            var exitDate = stay.exit.map(clock.date) ?? clock.today
            if let s = submission { exitDate = min(exitDate, clock.date(s)) }
            due = due.adding(days: max(0, entryDate.days(to: exitDate)))
        }
        return due
    }

    /// The qualification deadline: `qualifyWorkingDays` working days after `assignedAt`.
    public static func qualificationDue(_ r: Request, tat: TATSettings, clock: Clock) -> Timestamp? {
        guard let a = r.assignedAt, clock.hasHappened(a) else { return nil }
        return clock.calendar.workingDays(tat.qualifyWorkingDays, after: a)
    }
}
