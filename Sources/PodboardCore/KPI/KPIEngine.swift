import Foundation

/// Computes every KPI gauge exactly as KPIS.md defines it, from a `Snapshot` (a store seen at a fixed today).
///
/// Conventions shared by every rule:
/// - *now* is the end of T; nothing timestamped after now exists (the snapshot's timelines already drop it);
/// - "dated in Qs … T" means `date(t)` in the store's time zone lies in Qs … T;
/// - a deadline-based item is *decided* when it met its deadline, was done after it, or its deadline's date is
///   before T; otherwise it is *pending*: listed in the items, left out of the figure;
/// - share KPIs have value = met / counted, and no value when nothing is counted.
public enum KPIEngine {
    /// The ids of the Engagement Manager set, in report order.
    public static let emIds = ["em.ftv", "em.msg", "em.pse", "em.gdr", "em.netSavings", "em.health",
                               "em.buyersAtQuota", "em.monthlyToAnnual"]
    /// The ids of the Buyer set, in report order.
    public static let buyerIds = ["buyer.quota", "buyer.benchmark", "buyer.tat", "buyer.visibility"]
    /// The ids of the SaaS Analyst set, in report order.
    public static let analystIds = ["analyst.qualification", "analyst.agingReview", "analyst.breachFlagging",
                                    "analyst.atsCoverage", "analyst.renewalCalendar"]

    /// Every gauge: for each POD (store order) the `em.*` set, then for each person with role `buyer` the
    /// `buyer.*` set, then for each person with role `analyst` the `analyst.*` set (people in store order).
    /// Every KPI appears for every POD and every person holding the role, even when nothing is counted.
    public static func compute(_ snapshot: Snapshot) -> KPIReport {
        let c = KPIContext(snapshot)
        var results: [KPIResult] = []
        for pod in snapshot.store.pods { results += engagementManager(c, pod: pod) }
        for p in snapshot.store.people where p.has(.buyer) { results += buyer(c, person: p) }
        for p in snapshot.store.people where p.has(.analyst) { results += analyst(c, person: p) }
        return KPIReport(today: c.today, quarter: c.quarter, results: results)
    }

    /// Every gauge of a store as of `today` (a date in the store's time zone).
    public static func compute(store: Store, today: LocalDate) -> KPIReport {
        compute(Snapshot(store: store, today: today))
    }

    /// The status colour: no value or no target → none; value ≥ target → green; value ≥ `amberRatio` × target
    /// → amber; below → red.
    public static func status(value: Decimal?, target: Decimal?, amberRatio: Decimal) -> KPIStatus {
        guard let v = value, let t = target else { return .none }
        if v >= t { return .green }
        if v >= amberRatio * t { return .amber }
        return .red
    }

    /// A share KPI from its items: value = met / counted (nil when nothing is counted).
    static func share(_ c: KPIContext, id: String, scope: String, title: String, target: Decimal,
                      items: [KPIItem]) -> KPIResult {
        let met = items.filter { $0.outcome == .met }.count
        let counted = met + items.filter { $0.outcome == .missed }.count
        let value: Decimal? = counted > 0 ? Decimal(met) / Decimal(counted) : nil
        return KPIResult(id: id, scope: scope, title: title, value: value, target: target,
                         status: status(value: value, target: target, amberRatio: c.targets.amberRatio),
                         met: met, counted: counted, items: items)
    }

    /// An amount KPI (`em.netSavings`, `buyer.quota`): value = amount / target amount, nil without a target
    /// above 0 (the amount is still given).
    static func amountResult(_ c: KPIContext, id: String, scope: String, title: String, target: Decimal,
                             amount: Decimal, targetAmount: Decimal?, items: [KPIItem]) -> KPIResult {
        let goal = targetAmount.flatMap { $0 > 0 ? $0 : nil }
        let value = goal.map { amount / $0 }
        return KPIResult(id: id, scope: scope, title: title, value: value, target: target,
                         status: status(value: value, target: target, amberRatio: c.targets.amberRatio),
                         amount: amount, targetAmount: goal, items: items)
    }
}

/// What every KPI rule needs, fixed once for a computation, with the small helpers the rules share.
struct KPIContext {
    let snapshot: Snapshot
    let clock: Clock
    let settings: Settings
    let targets: Targets
    /// Q.
    let quarter: Quarter
    /// Qs.
    let qs: LocalDate
    /// T.
    let today: LocalDate
    /// Indexes built once, so that a large store is read in linear time (all in store order).
    let requestsByBuyer: [String: [Request]]
    let requestsByAnalyst: [String: [Request]]
    let requestsByPod: [String: [Request]]
    let accountsByPod: [String: [Account]]
    let contractsByAccount: [String: [Contract]]
    let contractsByPod: [String: [Contract]]
    /// The working days of Qs … T, oldest first, each with its end (the first instant of the next day).
    let periodWorkingDays: [(day: LocalDate, end: Timestamp)]
    /// Each Buyer's quota for Q, by person id.
    private(set) var quotas: [String: Quota] = [:]

    /// A Buyer's savings quota for Q: the amount approved in Qs … T over their requests, the target amount
    /// (nil when absent or not above 0), the value amount / target, and the items behind it.
    struct Quota {
        let amount: Decimal
        let target: Decimal?
        let value: Decimal?
        let items: [KPIItem]
    }

    init(_ s: Snapshot) {
        snapshot = s
        clock = s.clock
        settings = s.settings
        targets = s.settings.targets
        quarter = s.clock.quarter
        qs = s.clock.quarter.firstDay
        today = s.clock.today
        let zone = s.clock.zone
        periodWorkingDays = s.clock.calendar.workingDays(from: qs, through: today)
            .map { ($0, zone.startOfDay($0.adding(days: 1))) }
        var byBuyer: [String: [Request]] = [:], byAnalyst: [String: [Request]] = [:], byPod: [String: [Request]] = [:]
        for r in s.requests {
            if let b = r.buyer { byBuyer[b, default: []].append(r) }
            if let a = r.analyst { byAnalyst[a, default: []].append(r) }
            if let p = s.pod(of: r) { byPod[p, default: []].append(r) }
        }
        requestsByBuyer = byBuyer
        requestsByAnalyst = byAnalyst
        requestsByPod = byPod
        accountsByPod = Dictionary(grouping: s.store.accounts, by: \.pod)
        contractsByAccount = Dictionary(grouping: s.store.contracts, by: \.account)
        var contractsOfPod: [String: [Contract]] = [:]
        for k in s.store.contracts {
            if let pod = s.accountsById[k.account]?.pod { contractsOfPod[pod, default: []].append(k) }
        }
        contractsByPod = contractsOfPod
        for p in s.store.people where p.has(.buyer) && quotas[p.id] == nil {
            let (amount, items) = periodSavings(byBuyer[p.id] ?? [])
            let target = Self.quotaTarget(p, quarter)
            quotas[p.id] = Quota(amount: amount, target: target, value: target.map { amount / $0 }, items: items)
        }
    }

    /// A Buyer's target amount for quarter `q`: nil when absent or not above 0.
    static func quotaTarget(_ p: Person, _ q: Quarter) -> Decimal? { p.quarterlyTargets[q].flatMap { $0 > 0 ? $0 : nil } }

    var calendar: WorkingCalendar { clock.calendar }

    /// date(t).
    func date(_ t: Timestamp) -> LocalDate { clock.date(t) }

    /// The instant exists (at or before now) and is dated in Qs … T.
    func inPeriod(_ t: Timestamp) -> Bool { clock.inPeriod(t) }

    /// The date lies in Qs … T.
    func inPeriod(_ d: LocalDate) -> Bool { clock.inPeriod(d) }

    /// The end of day d as an exclusive bound: the first instant of the next day.
    func endOf(_ d: LocalDate) -> Timestamp { clock.zone.startOfDay(d.adding(days: 1)) }

    /// `YYYY-MM-DD hh:mm` in the store's time zone.
    func time(_ t: Timestamp) -> String { clock.zone.clockText(t) }

    /// "1 day", "2 days".
    func days(_ n: Int) -> String { Plural.count(n, "day") }

    /// An amount as people read it (`120,000`, `-3,000`, `1,234.50`).
    func money(_ a: Decimal) -> String { Money.format(a) }

    /// A measured share as a percentage with one decimal (`45.7%`).
    func pct(_ s: Decimal) -> String { Money.percent(s, digits: 1) }

    /// A configured share as a percentage, without decimals when it has none (`60%`, `72.5%`).
    func share(_ s: Decimal) -> String {
        Money.rounded(s * 100, scale: 0) == s * 100 ? Money.percent(s, digits: 0) : Money.percent(s, digits: 1)
    }

    /// The request's status from its history at or before `t` (the first entry's `from` when none is; the
    /// stored status when the history is empty).
    func status(_ r: Request, atOrBefore t: Timestamp) -> RequestStatus {
        snapshot.timeline(r).status(atOrBefore: t)
    }

    /// The approval time of a request when it is dated in Qs … T (and at or before now).
    func approvalInPeriod(_ r: Request) -> Timestamp? {
        guard let a = snapshot.timeline(r).approval, inPeriod(a) else { return nil }
        return a
    }

    /// The approved savings of the period over the given requests, with one item per request approved in the
    /// period (met for savings ≥ 0, missed for negative savings, pending when it has no savings) and one
    /// pending item per request now awaiting approval with savings.
    func periodSavings(_ requests: [Request]) -> (amount: Decimal, items: [KPIItem]) {
        var amount = Decimal(0)
        var items: [KPIItem] = []
        for r in requests {
            let s = Savings.annual(r)
            if let a = approvalInPeriod(r) {
                if let s {
                    amount += s
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: s < 0 ? .missed : .met,
                                         why: "\(money(s)) approved \(date(a)) (\(r.tool))"))
                } else {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending,
                                         why: "approved \(date(a)) without savings (baseline or final missing)"))
                }
            } else if snapshot.timeline(r).status == .pendingApproval, let s {
                let sub = snapshot.timeline(r).submission.map { " since \(date($0))" } ?? ""
                items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending,
                                     why: "\(money(s)) awaiting approval\(sub) (\(r.tool))"))
            }
        }
        return (amount, items)
    }

    /// A Buyer's savings quota for Q (see `Quota`).
    func buyerQuota(_ p: Person) -> Quota {
        quotas[p.id] ?? Quota(amount: 0, target: nil, value: nil, items: [])
    }
}
