import Foundation

/// What a catalog gauge adds to a `KPIResult`: how to read its value.
public struct CatalogInfo: Sendable, Equatable {
    public let unit: KPIUnit
    public let direction: KPIDirection
    /// The computed metric's id, or `measured`.
    public let source: String
    /// The period the value is for (the one containing T).
    public let period: KPIPeriod
    /// Whether the gauge is a POD's (else a person's).
    public let isPod: Bool
}

/// Computes the gauges of the KPI catalog (issue 14; the rules: docs/kpi-catalog.md). For each KPI of the catalog
/// in force whose role someone holds: one gauge per POD (store order), then one per person holding its role
/// (store order).
///
/// The accounts of a gauge: a POD's are those whose `pod` is it; a CSM's are those whose `csm` is them; anyone
/// else's are the accounts of their PODs. Requests, contracts and escalations are those of these accounts.
/// P = the KPI's period (month or quarter) that contains T; "in the period" means dated Ps … T.
public enum CatalogEngine {
    /// Every catalog gauge as of the snapshot's today. `knownBy`: measurements entered after it are left out
    /// (default: the end of T).
    public static func compute(_ snapshot: Snapshot, knownBy: Timestamp? = nil) -> [KPIResult] {
        let c = CatalogContext(snapshot, knownBy: knownBy)
        var out: [KPIResult] = []
        let held = Set(snapshot.store.people.flatMap(\.roles))
        // A KPI whose role nobody holds has no gauge (not even the PODs').
        for def in snapshot.store.catalog where held.contains(def.role) {
            for pod in snapshot.store.pods {
                out.append(c.gauge(def, scope: .pod(pod)))
            }
            for p in snapshot.store.people where p.has(def.role) {
                out.append(c.gauge(def, scope: .person(p)))
            }
        }
        return out
    }

    /// The colour of a catalog value: higher is better as `KPIEngine.status`; lower is better: value ≤ target →
    /// green, value ≤ target / amberRatio → amber, else red.
    public static func status(value: Decimal?, target: Decimal, direction: KPIDirection, amberRatio: Decimal) -> KPIStatus {
        guard let v = value else { return .none }
        if direction == .higher { return KPIEngine.status(value: v, target: target, amberRatio: amberRatio) }
        if v <= target { return .green }
        if amberRatio > 0, v <= target / amberRatio { return .amber }
        return .red
    }

    /// Seconds of working time between two instants: the parts of [from, to) that fall on working days of the
    /// store's calendar (a working day counts whole, 24 hours).
    public static func workingSeconds(from: Timestamp, to: Timestamp, calendar: WorkingCalendar) -> Int64 {
        guard to > from else { return 0 }
        let zone = calendar.zone
        var total: Int64 = 0
        var day = zone.date(of: from)
        let last = zone.date(of: to)
        while day <= last {
            if calendar.isWorkingDay(day) {
                let start = max(zone.startOfDay(day).epochSeconds, from.epochSeconds)
                let end = min(zone.startOfDay(day.adding(days: 1)).epochSeconds, to.epochSeconds)
                if end > start { total += end - start }
            }
            day = day.adding(days: 1)
        }
        return total
    }
}

/// Whose gauge it is.
enum CatalogScope {
    case pod(Pod)
    case person(Person)
    var id: String { switch self { case .pod(let p): return p.id; case .person(let p): return p.id } }
}

struct CatalogContext {
    let snapshot: Snapshot
    let clock: Clock
    let today: LocalDate
    let knownBy: Timestamp
    let accountsByPod: [String: [Account]]
    let accountsByCSM: [String: [Account]]
    let requestsByAccount: [String: [Request]]
    let contractsByAccount: [String: [Contract]]
    let measurementsByKPI: [String: [Measurement]]

    init(_ s: Snapshot, knownBy: Timestamp?) {
        snapshot = s
        clock = s.clock
        today = s.clock.today
        let endOfToday = s.clock.zone.startOfDay(s.clock.today.adding(days: 1))
        self.knownBy = knownBy ?? endOfToday
        accountsByPod = Dictionary(grouping: s.store.accounts, by: \.pod)
        accountsByCSM = Dictionary(grouping: s.store.accounts, by: \.csm)
        requestsByAccount = Dictionary(grouping: s.requests, by: \.account)
        contractsByAccount = Dictionary(grouping: s.store.contracts, by: \.account)
        let known = self.knownBy
        measurementsByKPI = Dictionary(grouping: s.store.measurements.filter { $0.at < known }, by: \.kpi)
    }

    func accounts(_ scope: CatalogScope) -> [Account] {
        switch scope {
        case .pod(let p): return accountsByPod[p.id] ?? []
        case .person(let p):
            if p.has(.csm), let mine = accountsByCSM[p.id], !mine.isEmpty || !p.roles.contains(where: { $0 != .csm }) { return mine }
            let pods = Set(p.pods)
            return snapshot.store.accounts.filter { pods.contains($0.pod) }
        }
    }

    func date(_ t: Timestamp) -> LocalDate { clock.date(t) }
    func time(_ t: Timestamp) -> String { clock.zone.clockText(t) }
    func name(_ id: String) -> String { snapshot.peopleById[id]?.name ?? id }

    func gauge(_ def: KPIDefinition, scope: CatalogScope) -> KPIResult {
        let period = KPIPeriod(def.period, containing: today)
        let ps = period.firstDay
        var value: Decimal?
        var items: [KPIItem] = []
        var met: Int?, counted: Int?
        func share(_ list: [KPIItem]) {
            items = list
            let m = list.filter { $0.outcome == .met }.count
            let n = m + list.filter { $0.outcome == .missed }.count
            met = m; counted = n
            value = n > 0 ? Decimal(m) / Decimal(n) : nil
        }
        func inPeriod(_ d: LocalDate) -> Bool { d >= ps && d <= today }
        let accounts = self.accounts(scope)
        if def.isMeasured {
            (value, items) = measured(def, scope: scope, period: period, accounts: accounts)
        } else {
            switch CatalogMetric(rawValue: def.source) {
            case .accountRetention?:
                share(accounts.filter { inPeriod($0.termEndsOn) }.map { a in
                    if let r = a.renewedTerm, r.on <= today {
                        return KPIItem(kind: "account", subject: a.id, outcome: .met, why: "term ended \(a.termEndsOn); renewed \(r.on) to \(r.endsOn)")
                    }
                    if let c = a.churnedOn, c <= today {
                        return KPIItem(kind: "account", subject: a.id, outcome: .missed, why: "term ended \(a.termEndsOn); churned \(c)")
                    }
                    if a.termEndsOn < today {
                        return KPIItem(kind: "account", subject: a.id, outcome: .missed, why: "term ended \(a.termEndsOn) with no renewal recorded")
                    }
                    return KPIItem(kind: "account", subject: a.id, outcome: .pending, why: "term ends today (\(a.termEndsOn)); no renewal recorded yet")
                })
            case .contractRenewals?:
                var list: [KPIItem] = []
                for a in accounts {
                    let renewals = (requestsByAccount[a.id] ?? []).filter { $0.kind == .renewal && $0.contract != nil }
                    for k in contractsByAccount[a.id] ?? [] {
                        let cancelBy = k.endsOn.adding(days: -k.noticeDays)
                        guard inPeriod(cancelBy) else { continue }
                        let label = "\(k.id) \(k.tool)"
                        if let s = k.sunsetOn, s <= cancelBy {
                            list.append(KPIItem(kind: "contract", subject: k.id, outcome: .pending, why: "\(label): sunset \(s), not up for renewal"))
                            continue
                        }
                        let approvals = renewals.filter { $0.contract == k.id }.compactMap { r in snapshot.timeline(r).approval.map { (r, $0) } }
                        if let (r, at) = approvals.min(by: { $0.1 < $1.1 }), date(at) <= cancelBy {
                            list.append(KPIItem(kind: "contract", subject: k.id, outcome: .met, why: "\(label): \(r.id) approved \(date(at)), cancel-by \(cancelBy)"))
                        } else if cancelBy < today {
                            let late = approvals.min(by: { $0.1 < $1.1 }).map { "; \($0.0.id) approved late, \(date($0.1))" } ?? "; no renewal request approved"
                            list.append(KPIItem(kind: "contract", subject: k.id, outcome: .missed, why: "\(label): cancel-by \(cancelBy) passed" + late))
                        } else {
                            list.append(KPIItem(kind: "contract", subject: k.id, outcome: .pending, why: "\(label): cancel-by today (\(cancelBy))"))
                        }
                    }
                }
                share(list)
            case .responseTime?:
                var hours: [Decimal] = []
                var seconds: Int64 = 0
                let limit = def.target * 24
                for a in accounts {
                    for r in requestsByAccount[a.id] ?? [] {
                        if let f = snapshot.timeline(r).firstAction, inPeriod(date(f.at)) {
                            let secs = CatalogEngine.workingSeconds(from: r.createdAt, to: f.at, calendar: clock.calendar)
                            seconds += secs
                            let h = Decimal(secs) / 3600
                            hours.append(h)
                            let ok = h <= limit
                            items.append(KPIItem(kind: "request", subject: r.id, outcome: ok ? .met : .missed,
                                                 why: "\(Money.format(Money.rounded(h, scale: 1))) working hours: intake \(time(r.createdAt)), first action \(time(f.at)) (\(f.to.rawValue))"))
                        } else if snapshot.timeline(r).firstAction == nil, snapshot.timeline(r).status == .new, inPeriod(date(r.createdAt)) {
                            items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending, why: "no action yet since intake \(time(r.createdAt))"))
                        }
                    }
                }
                if !hours.isEmpty {
                    value = Decimal(seconds) / (Decimal(hours.count) * 86400)
                    met = items.filter { $0.outcome == .met }.count
                    counted = hours.count
                }
            case .expansionRequests?:
                for a in accounts {
                    for r in requestsByAccount[a.id] ?? [] where r.kind == .expansion && inPeriod(date(r.createdAt)) {
                        items.append(KPIItem(kind: "request", subject: r.id, outcome: .met, why: "expansion of \(r.tool) raised \(date(r.createdAt)) for \(a.name)"))
                    }
                }
                value = Decimal(items.count)
            case .escalationsResolved?:
                let n = def.workingDays ?? 2
                var list: [KPIItem] = []
                for a in accounts {
                    for r in requestsByAccount[a.id] ?? [] {
                        for e in r.escalations where e.at < knownBy && clock.hasHappened(e.at) && inPeriod(date(e.at)) {
                            let due = clock.calendar.workingDays(n, after: e.at)
                            let head = "escalated \(time(e.at)) (\(e.reason.rawValue)), due \(time(due))"
                            if let done = e.resolvedAt, clock.hasHappened(done) {
                                list.append(KPIItem(kind: "request", subject: r.id, outcome: done <= due ? .met : .missed,
                                                    why: head + (done <= due ? ", resolved \(time(done))" : ", resolved late \(time(done))")))
                            } else if date(due) < today {
                                list.append(KPIItem(kind: "request", subject: r.id, outcome: .missed, why: head + ", not resolved"))
                            } else {
                                list.append(KPIItem(kind: "request", subject: r.id, outcome: .pending, why: head + ", open"))
                            }
                        }
                    }
                }
                share(list)
            case .atsUnderManagement?:
                var total = Decimal(0)
                for a in accounts {
                    if let c = a.churnedOn, c <= today { continue }
                    let uploaded = (contractsByAccount[a.id] ?? []).filter { k in
                        k.addedOn <= today && !k.offline && !(k.sunsetOn.map { $0 <= today } ?? false)
                    }.reduce(Decimal(0)) { $0 + $1.annualValue }
                    total += uploaded
                    items.append(KPIItem(kind: "account", subject: a.id, outcome: .met,
                                         why: "uploaded ATS \(Money.format(uploaded)) of declared \(Money.format(a.declaredATS))"))
                }
                value = total
            case nil:
                items = [KPIItem(kind: "kpi", subject: def.id, outcome: .pending, why: "unknown source \(def.source)")]
            }
        }
        let ratio = def.amberRatio ?? snapshot.settings.targets.amberRatio
        var r = KPIResult(id: def.id, scope: scope.id, title: def.name, value: value, target: def.target,
                          status: CatalogEngine.status(value: value, target: def.target, direction: def.direction, amberRatio: ratio),
                          met: met, counted: counted, items: items)
        r.catalog = CatalogInfo(unit: def.unit, direction: def.direction, source: def.source, period: period,
                                isPod: { if case .pod = scope { return true } else { return false } }())
        return r
    }

    /// A measured KPI's value for a scope and period: the latest measurement of that scope; without one, for a
    /// person the mean of the latest measurement of each of their accounts; for a POD the mean of the latest of
    /// each of its accounts, else of each of its people holding the KPI's role.
    func measured(_ def: KPIDefinition, scope: CatalogScope, period: KPIPeriod, accounts: [Account]) -> (Decimal?, [KPIItem]) {
        let all = (measurementsByKPI[def.id] ?? []).filter { $0.period == period }
        func latest(_ s: MeasurementScope) -> [Measurement] {
            all.filter { $0.scope == s }.enumerated().sorted { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }.map(\.element)
        }
        func item(_ m: Measurement, current: Bool) -> KPIItem {
            let v = CatalogFormat.value(m.value, unit: def.unit)
            let note = m.note.map { ": " + $0 } ?? ""
            let ok = CatalogEngine.status(value: m.value, target: def.target, direction: def.direction, amberRatio: 1) == .green
            return KPIItem(kind: "measurement", subject: m.scope.description, outcome: current ? (ok ? .met : .missed) : .pending,
                           why: "\(v) for \(m.period), entered by \(name(m.by)) \(time(m.at))\(note)" + (current ? "" : " (replaced by a later entry)"))
        }
        func own(_ s: MeasurementScope) -> (Decimal, [KPIItem])? {
            let list = latest(s)
            guard let first = list.first else { return nil }
            return (first.value, [item(first, current: true)] + list.dropFirst().map { item($0, current: false) })
        }
        func mean(_ scopes: [MeasurementScope]) -> (Decimal?, [KPIItem]) {
            var values: [Decimal] = [], items: [KPIItem] = []
            for s in scopes { if let (v, i) = own(s) { values.append(v); items += i } }
            return (values.isEmpty ? nil : values.reduce(0, +) / Decimal(values.count), items)
        }
        switch scope {
        case .person(let p):
            if let (v, i) = own(MeasurementScope(.person, p.id)) { return (v, i) }
            return mean(accounts.map { MeasurementScope(.account, $0.id) })
        case .pod(let pod):
            if let (v, i) = own(MeasurementScope(.pod, pod.id)) { return (v, i) }
            let byAccount = mean(accounts.map { MeasurementScope(.account, $0.id) })
            if byAccount.0 != nil { return byAccount }
            let people = snapshot.store.people.filter { $0.has(def.role) && $0.pods.contains(pod.id) }
            return mean(people.map { MeasurementScope(.person, $0.id) })
        }
    }
}

/// Values of catalog KPIs as people read them.
public enum CatalogFormat {
    /// `92.0%`, amounts without the currency `1,200,000`, `0.87 d`, `3`, `-7.25`.
    public static func value(_ v: Decimal?, unit: KPIUnit) -> String {
        guard let v else { return "–" }
        switch unit {
        case .share: return Money.percent(v, digits: 1)
        case .amount: return Money.format(Money.rounded(v, scale: 0))
        case .days: return Money.format(Money.rounded(v, scale: 2)) + " d"
        case .count, .score: return Money.plain(Money.rounded(v, scale: 2))
        }
    }
}
