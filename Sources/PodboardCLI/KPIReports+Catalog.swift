import Foundation
import PodboardCore

/// `report kpi` with the catalog (issue 14): the catalog's gauges after the 17, in the same JSON shape with `unit`
/// and `source` added (for catalog KPIs only); `--catalog` alone; `--trend`: every gauge over the last 8 periods.
extension KPIReports {
    /// The catalog gauges that `--pod`, `--person` and `--role` keep: a POD's gauge when it is that POD (with
    /// `--person`: one of their PODs, and they hold the KPI's role); a person's gauge when it is theirs or they
    /// are on that POD; `--role` keeps the KPIs of that role.
    static func filterCatalog(_ results: [KPIResult], _ f: ReportFilter, _ store: Store) -> [KPIResult] {
        let roleOf = Dictionary(store.catalog.map { ($0.id, $0.role) }, uniquingKeysWith: { a, _ in a })
        return results.filter { r in
            guard let c = r.catalog else { return false }
            if let wanted = f.role, roleOf[r.id] != wanted { return false }
            if c.isPod {
                if let pod = f.pod, r.scope != pod { return false }
                if let p = f.person { return p.pods.contains(r.scope) && roleOf[r.id].map(p.has) == true }
                return true
            }
            if let p = f.person, r.scope != p.id { return false }
            if let pod = f.pod, !(store.person(r.scope)?.pods.contains(pod) ?? false) { return false }
            return true
        }
    }

    /// `report kpi` as a table, CSV or Markdown: the 17's table exactly as before issue 14, then the catalog's
    /// gauges: a table of their own in text and Markdown (the 17's columns keep their widths), more rows of the
    /// same columns in CSV. With none of the 17 (`--catalog`, a catalog role or person), the catalog's table alone.
    static func emit(seventeen: [KPIResult], catalog: [KPIResult], onlyCatalog: Bool, _ options: ReportOptions, _ snap: Snapshot) {
        let first = table(seventeen, snap)
        let second = catalogTable(catalog, snap)
        if onlyCatalog || (seventeen.isEmpty && !catalog.isEmpty) { return options.emit(second, report: "kpi", snap: snap) }
        if catalog.isEmpty { return options.emit(first, report: "kpi", snap: snap) }
        switch options.format {
        case .table:
            let style = TextStyle.forStandardOutput()
            Console.out(TableRenderer.text(first, style: style) + "\n" + TableRenderer.text(second, style: style), styled: true)
        case .md:
            Console.out(TableRenderer.markdown(first) + "\n" + TableRenderer.markdown(second))
        default:
            var both = first
            both.rows += second.rows
            options.emit(both, report: "kpi", snap: snap)
        }
    }

    /// The catalog's gauges as a table of the 17's columns: value and target in the KPI's unit.
    static func catalogTable(_ results: [KPIResult], _ snap: Snapshot) -> ReportTable {
        var t = table([], snap)
        t.title = "KPI catalog (docs/kpi-catalog.md) as of \(snap.today)"
        catalogRows(results, into: &t, snap)
        return t
    }

    /// The JSON of one gauge: the 17's members, then `unit` and `source` for a catalog gauge, then `trend` when
    /// asked for.
    static func entry(_ r: KPIResult, trends: KPITrends?) -> JSONValue {
        var k = JSONObject()
        k["id"] = .string(r.id)
        k["scope"] = .string(r.scope)
        k["value"] = number(r.value)
        k["target"] = number(r.target)
        k["status"] = .string(r.status.rawValue)
        if r.id == "em.netSavings" || r.id == "buyer.quota" {
            k["amount"] = r.amount.map { .number(Money.plain($0)) } ?? .null
            k["targetAmount"] = r.targetAmount.map { .number(Money.plain($0)) } ?? .null
        } else if let met = r.met, let counted = r.counted {
            k["met"] = .number(String(met))
            k["counted"] = .number(String(counted))
        }
        if let c = r.catalog {
            k["unit"] = .string(c.unit.rawValue)
            k["source"] = .string(c.source)
        }
        if let trends {
            k["trend"] = .array(trends.trend(r.id, scope: r.scope).map { p in
                var o = JSONObject()
                o["period"] = .string(p.period.description)
                o["asOf"] = .string(p.asOf.description)
                o["value"] = number(p.value)
                return .object(o)
            })
        }
        return .object(k)
    }

    /// `{"today", "quarter", "kpis": [ {id, scope, value, target, status, met, counted | amount, targetAmount} ]}`
    /// (KPIS.md), each gauge as `entry` writes it. Values are rounded to 4 decimal places; the status is computed
    /// on the exact value.
    static func json(_ report: KPIReport, results: [KPIResult], trends: KPITrends?) -> String {
        var o = JSONObject()
        o["today"] = .string(report.today.description)
        o["quarter"] = .string(report.quarter.description)
        o["kpis"] = .array(results.map { entry($0, trends: trends) })
        return JSONWriter.write(.object(o))
    }

    /// `--trend` as a table: one row per gauge and period, oldest first.
    static func trendTable(_ results: [KPIResult], _ trends: KPITrends, _ snap: Snapshot) -> ReportTable {
        var t = ReportTable(title: "KPI trends: the last \(KPITrends.length) periods to \(snap.today)", columns: [
            Column(key: "scope", title: "Scope"), Column(key: "id", title: "KPI"), Column(key: "period", title: "Period"),
            Column(key: "asOf", title: "As of"), Column(key: "value", title: "Value", alignRight: true),
        ])
        for r in results {
            let scopeName = r.id.hasPrefix("em.") || r.catalog?.isPod == true
                ? (snap.store.pod(r.scope)?.name ?? r.scope) : (snap.peopleById[r.scope]?.name ?? r.scope)
            for p in trends.trend(r.id, scope: r.scope) {
                let text = r.catalog.map { CatalogFormat.value(p.value, unit: $0.unit) } ?? (p.value.map { Money.percent($0) } ?? "–")
                t.rows.append([Cell(scopeName), Cell(r.id), Cell(p.period.description), Cell(p.asOf.description),
                               Cell(text: text, value: number(p.value))])
            }
        }
        return t
    }

    /// Catalog gauges in the table: the value and target in the KPI's unit.
    static func catalogRows(_ results: [KPIResult], into t: inout ReportTable, _ snap: Snapshot) {
        for r in results {
            guard let c = r.catalog else { continue }
            let tone = tone(r.status)
            let scopeName = c.isPod ? "POD " + (snap.store.pod(r.scope)?.name ?? r.scope) : (snap.peopleById[r.scope]?.name ?? r.scope)
            t.rows.append([
                Cell(scopeName), Cell(r.id), Cell(r.title),
                Cell(text: CatalogFormat.value(r.value, unit: c.unit), value: number(r.value), tone: tone),
                Cell(text: (c.direction == .lower ? "≤ " : "") + CatalogFormat.value(r.target, unit: c.unit), value: number(r.target)),
                Cell(text: r.status.rawValue, value: .string(r.status.rawValue), tone: tone),
                Cell(r.met.flatMap { m in r.counted.map { "\(m)/\($0)" } } ?? (c.source == KPIDefinition.measured ? "measured" : "")),
            ])
        }
    }
}
