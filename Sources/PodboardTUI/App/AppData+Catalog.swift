import PodboardCore

/// The KPI catalog's gauges and every gauge's trend (issue 14), derived once per revision like the KPIs: the
/// catalog when the KPI pane first asks for it, the trends (the KPI engine run as of 8 period ends) when a frame
/// of the KPI pane first draws a sparkline.
extension AppData {
    /// Every gauge of the KPI catalog as of today.
    public var catalogGauges: [KPIResult] { models.model("catalog") { CatalogEngine.compute(models.snapshot) } }

    /// Every gauge's trend (the 17 and the catalog's).
    public var trends: KPITrends { models.model("trends") { KPITrends.compute(store: store, today: today, current: kpis.results + catalogGauges) } }

    /// A gauge by KPI id and scope: one of the 17, else one of the catalog.
    public func gauge(_ id: String, scope: String) -> KPIResult? {
        if let g = kpis.result(id, scope: scope) { return g }
        return catalogGauges.first { $0.id == id && $0.scope == scope }
    }

    /// How many times the trends were computed in this revision (tests: once per revision, not per key).
    var trendBuilds: Int { models.builds("trends") }
}
