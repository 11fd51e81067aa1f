import Foundation

/// The trend of every gauge (the 17 of KPIS.md and the catalog's): its value at the end of each of the last 8
/// periods (quarters, or months for a monthly catalog KPI), the last one being the current period as of T. Each
/// point is the KPI engine run "as of" that day (a `Snapshot` of the store at that day). A measured KPI's point
/// counts the measurements of that period entered by the end of T (what is known today), so that a value
/// recorded late for an ended period shows in its place.
public struct KPITrends: Sendable {
    /// One point: the period, the day the engine was run as of, the value (nil: none).
    public struct Point: Sendable, Equatable {
        public let period: KPIPeriod
        public let asOf: LocalDate
        public let value: Decimal?
    }

    public static let length = 8

    /// Points by `id|scope`, oldest first.
    public let points: [String: [Point]]

    public func trend(_ id: String, scope: String) -> [Point] { points[id + "|" + scope] ?? [] }

    /// The last `length` periods of `kind` ending with the one that contains `today`, each with its as-of day
    /// (its last day; `today` for the current one).
    public static func periods(_ kind: KPIPeriodKind, today: LocalDate, count: Int = length) -> [(period: KPIPeriod, asOf: LocalDate)] {
        var out: [(KPIPeriod, LocalDate)] = []
        var p = KPIPeriod(kind, containing: today)
        out.append((p, today))
        while out.count < count {
            p = p.previous
            out.append((p, p.lastDay))
        }
        return out.reversed()
    }

    /// Every gauge's trend. The 17 are quarterly; a catalog KPI has its own period.
    /// - Parameter current: the gauges as of `today` when the caller has them already (the UI: its KPIs and
    ///   catalog of this revision), so that the current point costs nothing more.
    public static func compute(store: Store, today: LocalDate, current: [KPIResult]? = nil) -> KPITrends {
        compute(store: store, today: today, current: current, cancelled: { false })!
    }

    /// `compute`, given up (nil) as soon as `cancelled` says so: it is asked before each past period's engine run
    /// (the UI's background computation of a revision that an action has replaced).
    public static func compute(store: Store, today: LocalDate, current: [KPIResult]?, cancelled: () -> Bool) -> KPITrends? {
        let zone = Zone(identifier: store.settings.timeZone) ?? .utc
        let knownBy = zone.startOfDay(today.adding(days: 1))
        var out: [String: [Point]] = [:]
        let quarters = periods(.quarter, today: today)
        let held = Set(store.people.flatMap(\.roles))
        let hasMonthly = store.catalog.contains { $0.period == .month && held.contains($0.role) }
        let months = hasMonthly ? periods(.month, today: today) : []
        var snaps: [LocalDate: Snapshot] = [:]
        func snapshot(_ d: LocalDate) -> Snapshot {
            if let s = snaps[d] { return s }
            let s = Snapshot(store: store, today: d)
            snaps[d] = s
            return s
        }
        var currentByKind: [KPIPeriodKind: [KPIResult]] = [:]
        if let current {
            currentByKind[.quarter] = current.filter { $0.catalog == nil || $0.catalog?.period.kind == .quarter }
            currentByKind[.month] = current.filter { $0.catalog?.period.kind == .month }
        }
        for (period, day) in quarters {
            if day == today, let now = currentByKind[.quarter] {
                for r in now { out[r.id + "|" + r.scope, default: []].append(Point(period: period, asOf: day, value: r.value)) }
                continue
            }
            if cancelled() { return nil }
            let snap = snapshot(day)
            for r in KPIEngine.compute(snap).results {
                out[r.id + "|" + r.scope, default: []].append(Point(period: period, asOf: day, value: r.value))
            }
            for r in CatalogEngine.compute(snap, knownBy: knownBy) where r.catalog?.period.kind == .quarter {
                out[r.id + "|" + r.scope, default: []].append(Point(period: period, asOf: day, value: r.value))
            }
        }
        for (period, day) in months {
            if day == today, let now = currentByKind[.month] {
                for r in now { out[r.id + "|" + r.scope, default: []].append(Point(period: period, asOf: day, value: r.value)) }
                continue
            }
            if cancelled() { return nil }
            for r in CatalogEngine.compute(snapshot(day), knownBy: knownBy) where r.catalog?.period.kind == .month {
                out[r.id + "|" + r.scope, default: []].append(Point(period: period, asOf: day, value: r.value))
            }
        }
        return KPITrends(points: out)
    }
}
