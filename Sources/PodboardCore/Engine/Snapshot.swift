import Foundation

/// A store seen at a fixed "today": the clock, each request's timeline and each account's approved
/// savings, computed once and shared by aging, renewals, savings reports and KPIs.
public struct Snapshot: Sendable {
    public internal(set) var store: Store
    public let clock: Clock
    /// Requests that exist as of now (`createdAt` at or before now), in store order.
    public internal(set) var requests: [Request]
    /// Timeline per request id.
    public internal(set) var timelines: [String: RequestTimeline]
    /// Approved savings per account id (approvals at or before now).
    public let accountSavings: [String: AccountSavings]
    public let accountsById: [String: Account]
    public let peopleById: [String: Person]
    public let contractsById: [String: Contract]
    /// Benchmarks derived from approved requests, per normalised tool name (at least 3 requests).
    let derivedBenchmarks: [String: Decimal]

    /// Every field given (`Snapshot.updated`).
    init(store: Store, clock: Clock, requests: [Request], timelines: [String: RequestTimeline],
         accountSavings: [String: AccountSavings], accountsById: [String: Account], peopleById: [String: Person],
         contractsById: [String: Contract], derivedBenchmarks: [String: Decimal]) {
        self.store = store; self.clock = clock; self.requests = requests; self.timelines = timelines
        self.accountSavings = accountSavings; self.accountsById = accountsById; self.peopleById = peopleById
        self.contractsById = contractsById; self.derivedBenchmarks = derivedBenchmarks
    }

    public init(store: Store, today: LocalDate) {
        self.store = store
        let clock = Clock(today: today, settings: store.settings)
        self.clock = clock
        // Usually every request exists by now: then the store's own array is shared, not copied.
        let existing = store.requests.allSatisfy { RequestTimeline.exists($0, clock: clock) }
            ? store.requests : store.requests.filter { RequestTimeline.exists($0, clock: clock) }
        requests = existing
        // The timelines on every core; gathered in store order.
        let computed = Parallel.map(count: existing.count) { RequestTimeline(existing[$0], clock: clock) }
        var tl: [String: RequestTimeline] = [:]
        tl.reserveCapacity(existing.count)
        var approvals: [String: [ApprovedSavings]] = [:]
        for (r, t) in zip(existing, computed) {
            tl[r.id] = t
            if let at = t.approval, let s = Savings.annual(r) {
                approvals[r.account, default: []].append(ApprovedSavings(request: r.id, at: at, amount: s,
                                                                                  costAvoidance: r.costAvoidance))
            }
        }
        timelines = tl
        var shares: [String: [Decimal]] = [:]
        for r in existing where tl[r.id]?.approval != nil {
            if let p = Savings.percent(r) { shares[ToolName.normalized(r.tool), default: []].append(p) }
        }
        derivedBenchmarks = shares.compactMapValues { $0.count >= 3 ? $0.reduce(0, +) / Decimal($0.count) : nil }
        var byAccount: [String: AccountSavings] = [:]
        for a in store.accounts { byAccount[a.id] = AccountSavings(account: a.id, approvals: approvals[a.id] ?? []) }
        accountSavings = byAccount
        accountsById = Dictionary(store.accounts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        peopleById = Dictionary(store.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        contractsById = Dictionary(store.contracts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var settings: Settings { store.settings }
    public var today: LocalDate { clock.today }

    public func timeline(_ r: Request) -> RequestTimeline { timelines[r.id] ?? RequestTimeline(r, clock: clock) }

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
