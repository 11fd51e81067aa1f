import Foundation
import PodboardCore

/// The KPI catalog on the KPI pane (issue 14): the POD's catalog gauges for each catalog role someone of the POD
/// holds, and each person's own; values in the KPI's unit; a sparkline of every gauge's trend.
extension KPIView {
    /// The catalog's roles, in the order the pane lists them.
    static let catalogRoles: [Role] = [.csm, .renewals, .am, .sam, .ae, .sdr]

    static func catalogGroups(_ state: AppState, pod: Pod, people: [Person]) -> [(mine: Bool, lines: [Line])] {
        let catalog = state.data.store.catalog
        let roleOf = Dictionary(catalog.map { ($0.id, $0.role) }, uniquingKeysWith: { a, _ in a })
        let gauges = state.data.catalogGauges
        let me = state.user
        var out: [(mine: Bool, lines: [Line])] = []
        for role in catalogRoles where people.contains(where: { $0.has(role) }) {
            let mine = gauges.filter { $0.scope == pod.id && $0.catalog?.isPod == true && roleOf[$0.id] == role }
            guard !mine.isEmpty else { continue }
            out.append((false, [.section("POD \(pod.name): \(role.title)")] + mine.map { .gauge($0) }))
        }
        for role in catalogRoles {
            for p in people where p.has(role) {
                let own = gauges.filter { $0.scope == p.id && $0.catalog?.isPod == false && roleOf[$0.id] == role }
                guard !own.isEmpty else { continue }
                out.append((p.id == me?.id, [.section("\(role.title): \(p.name)")] + own.map { .gauge($0) }))
            }
        }
        return out
    }

    /// The value as the pane shows it in 7 cells: a share as a percentage, the others in their unit, shortened.
    static func valueText(_ g: KPIResult) -> String {
        guard let c = g.catalog else { return Format.percent(g.value) }
        return short(g.value, c.unit)
    }

    static func targetText(_ g: KPIResult) -> String {
        guard let c = g.catalog else { return g.target.map { "target " + Money.percent($0, digits: 0) } ?? "no target" }
        let t = c.unit == .share ? (g.target.map { Money.percent($0, digits: 0) } ?? "–") : short(g.target, c.unit)
        return (c.direction == .lower ? "max " : "target ") + t
    }

    /// `92.0%`, `1.2M`, `450k`, `0.4d`, `12`.
    static func short(_ v: Decimal?, _ unit: KPIUnit) -> String {
        guard let v else { return "–" }
        switch unit {
        case .share: return Money.percent(v, digits: 1)
        case .days: return Money.plain(Money.rounded(v, scale: 1)) + "d"
        case .count, .score: return Money.plain(Money.rounded(v, scale: v.magnitude >= 100 ? 0 : 1))
        case .amount:
            if v.magnitude >= 1_000_000 { return Money.plain(Money.rounded(v / 1_000_000, scale: 1)) + "M" }
            if v.magnitude >= 10_000 { return Money.plain(Money.rounded(v / 1_000, scale: 0)) + "k" }
            return Money.plain(Money.rounded(v, scale: 0))
        }
    }

    /// Where the bar is filled to and where its target mark is, from 0 to 1: a share as it is; a score from −100
    /// to 100; any other unit against twice its target (the target mark in the middle).
    static func barPosition(_ g: KPIResult) -> (Decimal?, Decimal?) {
        guard let c = g.catalog else { return (g.value, g.target) }
        switch c.unit {
        case .share: return (g.value, g.target)
        case .score: return (g.value.map { ($0 + 100) / 200 }, g.target.map { ($0 + 100) / 200 })
        default:
            guard let t = g.target, t > 0 else { return (g.value.map { $0 > 0 ? 1 : 0 }, nil) }
            return (g.value.map { $0 / (2 * t) }, Decimal(string: "0.5"))
        }
    }

    /// The values plotted: a share and the 17 as they are, a score shifted to 0 … 200, others as they are.
    static func trendValues(_ g: KPIResult, _ trends: KPITrends) -> [Decimal] {
        trends.trend(g.id, scope: g.scope).map { p in
            guard let v = p.value else { return 0 }
            return g.catalog?.unit == .score ? v + 100 : v
        }
    }

    /// The gauge's sparkline (the last 8 periods, the current one last).
    static func sparkline(_ g: KPIResult, _ trends: KPITrends) -> String {
        let values = trendValues(g, trends)
        // The 17 against 100 %; a catalog share against its target (or its largest point), so a small share
        // such as a 5 % growth target still shows its shape; a score against −100…100.
        let top: Decimal?
        switch g.catalog?.unit {
        case nil: top = 1
        case .share?: top = g.target
        case .score?: top = 200
        default: top = nil
        }
        return Sparkline.render(values, top: top, width: KPITrends.length)
    }
}
