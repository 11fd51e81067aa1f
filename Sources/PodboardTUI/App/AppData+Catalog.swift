import Foundation
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

    /// The trends when `background` is false (computed now), or when they are ready; else nil, having started
    /// their computation on another thread once for this revision (the frame that asked is drawn without them,
    /// and `trendsArrived` tells the run loop to draw again).
    func trends(background: Bool) -> KPITrends? {
        guard background else { return trends }
        if let t = models.kept("trends", as: KPITrends.self) { return t }
        let current = kpis.results + catalogGauges
        let (models, store, today) = (self.models, self.store, self.today)
        if models.claim("trends.started") {
            DispatchQueue.global(qos: .userInitiated).async {
                // Given up when an action (or the next day) replaced this revision before they were ready: the
                // old revision's trends would never be drawn.
                guard let t = KPITrends.compute(store: store, today: today, current: current, cancelled: { models.isRetired }) else { return }
                _ = models.model("trends") { t }
            }
        }
        models.put("trends.waiting", true)
        return nil
    }

    /// This revision is no longer shown (the state moved to the next): its background work stops.
    func retire() { models.retire() }

    /// True once after trends computed in the background became ready while a frame waited for them.
    func trendsArrived() -> Bool {
        guard models.kept("trends.waiting", as: Bool.self) == true, models.kept("trends", as: KPITrends.self) != nil else { return false }
        models.put("trends.waiting", false)
        return true
    }
}
