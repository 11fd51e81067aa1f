import Foundation
import PodboardCore

/// The dashboard as text: KPIs per role (the 17, then the KPI catalog's gauges), breached requests, next renewals.
enum Dashboard {
    static func render(_ snap: Snapshot, filter: ReportFilter, label: String, style: TextStyle) -> String {
        var out = style.apply(.strong, "podboard — \(label == "DEMO" ? "DEMO store (built in, not saved)" : DisplayWidth.sanitized(label))")
        out += " — today \(snap.today) (\(snap.clock.quarter), \(snap.settings.timeZone))\n\n"
        let kpis = KPIReports.filter(KPIEngine.compute(snap).results, filter, snap)
        // The KPI catalog's gauges of the person, role or POD (issue 14) after the 17; a catalog role's dashboard
        // has only these.
        let gauges = KPIReports.filterCatalog(CatalogEngine.compute(snap), filter, snap.store)
        if !kpis.isEmpty || gauges.isEmpty {
            var kpiTable = KPIReports.table(kpis, snap)
            kpiTable.title = "KPIs"
            out += TableRenderer.text(kpiTable, style: style) + "\n"
        }
        if !gauges.isEmpty {
            var catalogTable = KPIReports.catalogTable(gauges, snap)
            catalogTable.title = "KPI catalog"
            out += TableRenderer.text(catalogTable, style: style) + "\n"
        }
        let breached = Aging.rows(snap) { filter.includes($0, snap) }.filter { $0.severity == .breached }
        var aging = AgingReport.table(Array(breached.prefix(15)), snap)
        aging.title = "Breached requests (\(breached.count))"
        aging.notes = breached.count > 15 ? ["… and \(breached.count - 15) more: podboard report aging --breached"] : []
        out += TableRenderer.text(aging, style: style) + "\n"
        let upcoming = Renewals.entries(snap) { filter.includes($0, snap) }.filter { $0.contract.endsOn >= snap.today }
        var renewals = RenewalsReport.table(Array(upcoming.prefix(10)), snap, title: "Next renewals")
        renewals.notes = ["\(Renewals.alerts(snap).filter { filter.includes($0.contract, snap) }.count) cancel-by alerts: podboard report renewals --alerts"]
        out += TableRenderer.text(renewals, style: style)
        return out
    }
}
