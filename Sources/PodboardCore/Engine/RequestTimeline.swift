/// The lifecycle times of one request as of now (KPIS.md, "Building blocks"). Everything comes from
/// `history`, and only from entries at or before now: nothing timestamped later exists yet.
///
/// Small on purpose (a snapshot holds one per request of the store): the entries are the request's own array when
/// every entry has happened and none was undone, and the firsts (F, H, S, approval) and the hold stays are read
/// from them by position, not kept as copies.
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
    /// Positions in `entries` of F, H, S and the approval (-1: none).
    private let firstActionAt: Int32, handOverAt: Int32, submissionAt: Int32, approvalAt: Int32
    /// True when an entry goes into `on-hold`.
    private let hasHolds: Bool

    /// F: the first entry whose `from` is `new` (the first analyst action).
    public var firstAction: HistoryEntry? { firstActionAt >= 0 ? entries[Int(firstActionAt)] : nil }
    /// H: the first entry into `negotiating`.
    public var handOver: Timestamp? { handOverAt >= 0 ? entries[Int(handOverAt)].at : nil }
    /// S: the first entry into `pending-approval`.
    public var submission: Timestamp? { submissionAt >= 0 ? entries[Int(submissionAt)].at : nil }
    /// The first entry into `approved`.
    public var approval: Timestamp? { approvalAt >= 0 ? entries[Int(approvalAt)].at : nil }
    /// The on-hold stays, in time order: entry, exit (nil while open).
    public var holds: [(entry: Timestamp, exit: Timestamp?)] {
        guard hasHolds else { return [] }
        var stays: [(entry: Timestamp, exit: Timestamp?)] = []
        for i in entries.indices where entries[i].to == .onHold {
            stays.append((entries[i].at, i + 1 < entries.count ? entries[i + 1].at : nil))
        }
        return stays
    }

    /// `r` is borrowed: the snapshot computes this for every request of the store, and a copy of each would retain
    /// and release every string and array it holds.
    public init(_ r: borrowing Request, clock: Clock) {
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
        // One pass for the firsts and whether there are hold stays.
        var firstAction: Int32 = -1, handOver: Int32 = -1, submission: Int32 = -1, approval: Int32 = -1
        var holds = false
        for i in past.indices {
            if firstAction < 0, past[i].from == .new { firstAction = Int32(i) }
            switch past[i].to {
            case .negotiating: if handOver < 0 { handOver = Int32(i) }
            case .pendingApproval: if submission < 0 { submission = Int32(i) }
            case .approved: if approval < 0 { approval = Int32(i) }
            case .onHold: holds = true
            default: break
            }
        }
        firstActionAt = firstAction
        handOverAt = handOver
        submissionAt = submission
        approvalAt = approval
        hasHolds = holds
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
