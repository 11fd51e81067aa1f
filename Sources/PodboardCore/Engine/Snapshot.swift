import Foundation

/// A store seen at a fixed "today": the clock, each request's timeline and each account's approved
/// savings, computed once and shared by aging, renewals, savings reports and KPIs.
///
/// Built for the first frame of a large store: the timelines are computed on every core straight into an array
/// in `requests`' order (no dictionary of timelines); what only some panes and reports need (a request's position
/// by id, the approved savings per account, the derived benchmarks) is derived the first time it is asked for,
/// once per store and day (`SnapshotLazy`).
public struct Snapshot: Sendable {
    public internal(set) var store: Store
    public let clock: Clock
    /// Requests that exist as of now (`createdAt` at or before now), in store order.
    public internal(set) var requests: [Request]
    /// The timeline of `requests[i]`, at `i`.
    var timelineList: [RequestTimeline]
    /// What is derived from every request only when first asked for. Shared by the snapshots `updated` derives
    /// from this one: the changes they carry (no request added, removed or moved, no approval made or undone)
    /// leave it as it is.
    let lazy: SnapshotLazy
    public let accountsById: [String: Account]
    public let peopleById: [String: Person]
    public let contractsById: [String: Contract]

    /// Every field given (`Snapshot.updated`).
    init(store: Store, clock: Clock, requests: [Request], timelineList: [RequestTimeline], lazy: SnapshotLazy,
         accountsById: [String: Account], peopleById: [String: Person], contractsById: [String: Contract]) {
        self.store = store; self.clock = clock; self.requests = requests; self.timelineList = timelineList
        self.lazy = lazy; self.accountsById = accountsById; self.peopleById = peopleById
        self.contractsById = contractsById
    }

    public init(store: Store, today: LocalDate) {
        self.store = store
        let clock = Clock(today: today, settings: store.settings)
        self.clock = clock
        // Usually every request exists by now: then the store's own array is shared, not copied.
        let existing = store.requests.allSatisfy { RequestTimeline.exists($0, clock: clock) }
            ? store.requests : store.requests.filter { RequestTimeline.exists($0, clock: clock) }
        requests = existing
        // The timelines on every core, in store order.
        timelineList = Parallel.map(count: existing.count) { RequestTimeline(existing[$0], clock: clock) }
        lazy = SnapshotLazy()
        accountsById = Self.byID(store.accounts) { $0.id }
        peopleById = Self.byID(store.people) { $0.id }
        contractsById = Self.byID(store.contracts) { $0.id }
    }

    /// Records by id, the first one when ids repeat; each record copied once (not into a list of pairs first).
    static func byID<T>(_ list: [T], _ id: (T) -> String) -> [String: T] {
        var out: [String: T] = [:]
        out.reserveCapacity(list.count)
        for i in list.indices {
            let key = id(list[i])
            if out[key] == nil { out[key] = list[i] }
        }
        return out
    }

    public var settings: Settings { store.settings }
    public var today: LocalDate { clock.today }

    /// Approved savings per account id (approvals at or before now); derived when first asked for.
    public var accountSavings: [String: AccountSavings] { lazy.savings(self).byAccount }

    /// Benchmarks derived from approved requests, per normalised tool name (at least 3 requests).
    var derivedBenchmarks: [String: Decimal] { lazy.savings(self).benchmarks }

    /// The position in `requests` of the request with this id (the last one when ids repeat).
    func position(of id: String) -> Int? { lazy.positions(requests)[id] }

    public func timeline(_ r: Request) -> RequestTimeline {
        position(of: r.id).map { timelineList[$0] } ?? RequestTimeline(r, clock: clock)
    }

    /// The timeline of the request at `p` in `store.requests`: when every request exists (`requests` is then the
    /// store's own array) it is found at `p`, with no lookup by id (ids are unique in a store: StoreDecoder).
    public func timeline(_ r: Request, storePosition p: Int) -> RequestTimeline {
        if requests.count == store.requests.count, timelineList.indices.contains(p), requests[p].id == r.id {
            return timelineList[p]
        }
        return timeline(r)
    }

    /// The timeline of `requests[i]`.
    public func timeline(at i: Int) -> RequestTimeline { timelineList[i] }

    /// The POD of a request's account.
    public func pod(of r: Request) -> String? { accountsById[r.account]?.pod }

    /// The status of a request as of now.
    public func status(_ r: Request) -> RequestStatus { timeline(r).status }

    /// Savings(r) when r was approved at or before now.
    public func approvedSavings(_ r: Request) -> (at: Timestamp, amount: Decimal)? {
        guard let at = timeline(r).approval, let s = Savings.annual(r) else { return nil }
        return (at, s)
    }

    /// The benchmark savings share of a tool: the configured figure, else the mean savings % of at least
    /// 3 requests for the tool approved by now with both amounts and a baseline above 0.
    public func benchmark(for tool: String) -> Decimal? {
        if let b = settings.configuredBenchmark(for: tool) { return b }
        return derivedBenchmarks[ToolName.normalized(tool)]
    }
}

/// The parts of a snapshot derived from every request the first time they are asked for, then kept (guarded by
/// a lock: the snapshot is shared by threads).
final class SnapshotLazy: @unchecked Sendable {
    private let lock = NSLock()
    private var positionsByID: [String: Int]?
    private var derivedSavings: (byAccount: [String: AccountSavings], benchmarks: [String: Decimal])?

    init() {}

    /// Position by request id in `requests` (the last one when ids repeat).
    func positions(_ requests: [Request]) -> [String: Int] {
        lock.lock(); defer { lock.unlock() }
        if let positionsByID { return positionsByID }
        var out: [String: Int] = [:]
        out.reserveCapacity(requests.count)
        for (i, r) in requests.enumerated() { out[r.id] = i }
        positionsByID = out
        return out
    }

    /// Approved savings per account and the benchmarks derived from approved requests.
    func savings(_ snap: Snapshot) -> (byAccount: [String: AccountSavings], benchmarks: [String: Decimal]) {
        lock.lock()
        if let derivedSavings { lock.unlock(); return derivedSavings }
        lock.unlock()
        let requests = snap.requests, timelines = snap.timelineList
        var approvals: [String: [ApprovedSavings]] = [:]
        for (r, t) in zip(requests, timelines) {
            if let at = t.approval, let s = Savings.annual(r) {
                approvals[r.account, default: []].append(ApprovedSavings(request: r.id, at: at, amount: s,
                                                                                  costAvoidance: r.costAvoidance))
            }
        }
        var shares: [String: [Decimal]] = [:]
        for (r, t) in zip(requests, timelines) where t.approval != nil {
            if let p = Savings.percent(r) { shares[ToolName.normalized(r.tool), default: []].append(p) }
        }
        let benchmarks = shares.compactMapValues { $0.count >= 3 ? $0.reduce(0, +) / Decimal($0.count) : nil }
        var byAccount: [String: AccountSavings] = [:]
        for a in snap.store.accounts { byAccount[a.id] = AccountSavings(account: a.id, approvals: approvals[a.id] ?? []) }
        lock.lock(); defer { lock.unlock() }
        if let derivedSavings { return derivedSavings }
        derivedSavings = (byAccount, benchmarks)
        return (byAccount, benchmarks)
    }
}
