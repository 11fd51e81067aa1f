import Foundation

/// The computed metrics a catalog KPI can take as its `source` (their exact rules: docs/kpi-catalog.md).
public enum CatalogMetric: String, Sendable, CaseIterable {
    /// Share of accounts whose term with us ended in the period that renewed it.
    case accountRetention
    /// Share of contracts whose cancel-by date fell in the period with a renewal request approved by then.
    case contractRenewals
    /// Mean working days (24 working hours each) from intake to a request's first action.
    case responseTime
    /// Count of expansion requests raised in the period.
    case expansionRequests
    /// Share of escalations raised in the period resolved within N working days.
    case escalationsResolved
    /// Uploaded ATS (annual value of active contracts on the platform) at the end of the period.
    case atsUnderManagement
}

/// The default KPI catalog: a store without `kpis` gets these (docs/kpi-catalog.md maps each to the seed line it
/// serves). Targets follow the seeds where they give one (95 % client satisfaction, 90 % retention, 24-hour
/// response time).
public enum KPICatalog {
    static func k(_ id: String, _ name: String, _ role: Role, _ unit: KPIUnit, _ direction: KPIDirection = .higher,
                  _ period: KPIPeriodKind = .quarter, target: Decimal, source: String, recordedBy: [Role] = [],
                  workingDays: Int? = nil) -> KPIDefinition {
        KPIDefinition(id: id, name: name, role: role, unit: unit, direction: direction, period: period, target: target,
                      source: source, recordedBy: recordedBy, workingDays: workingDays)
    }

    static let m = KPIDefinition.measured
    static func d(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

    public static let defaults: [KPIDefinition] = [
        // Strategic Account Manager (seed 001).
        k("sam.clientSatisfaction", "Client satisfaction score", .sam, .share, target: d("0.95"), source: m, recordedBy: [.sam, .em]),
        k("sam.retention", "Client retention rate", .sam, .share, target: d("0.9"), source: CatalogMetric.accountRetention.rawValue),
        k("sam.upsell", "Upsell/expansion requests raised", .sam, .count, target: 3, source: CatalogMetric.expansionRequests.rawValue),
        k("sam.responseTime", "Response time to client queries", .sam, .days, .lower, target: 1, source: CatalogMetric.responseTime.rawValue),
        k("sam.contractRenewals", "Contract renewal rate", .sam, .share, target: d("0.9"), source: CatalogMetric.contractRenewals.rawValue),
        k("sam.issueResolution", "Issues resolved within 2 working days", .sam, .share, target: d("0.8"),
          source: CatalogMetric.escalationsResolved.rawValue, workingDays: 2),
        k("sam.forecastAccuracy", "Accuracy of revenue forecasts", .sam, .share, target: d("0.9"), source: m, recordedBy: [.sam]),
        k("sam.nps", "NPS", .sam, .score, target: 50, source: m, recordedBy: [.sam, .em]),
        // Account Manager (seeds 002, 003).
        k("am.csat", "Client satisfaction (CSAT)", .am, .share, target: d("0.9"), source: m, recordedBy: [.am, .em]),
        k("am.renewalWinRate", "Renewals won (win rate)", .am, .share, target: d("0.9"), source: CatalogMetric.contractRenewals.rawValue),
        k("am.expansion", "Expansion requests raised", .am, .count, target: 2, source: CatalogMetric.expansionRequests.rawValue),
        k("am.atsUnderManagement", "ATS under management", .am, .amount, target: 1_000_000, source: CatalogMetric.atsUnderManagement.rawValue),
        k("am.forecastVariance", "Forecast vs actual revenue variance", .am, .share, .lower, target: d("0.1"), source: m, recordedBy: [.am]),
        k("am.pipelineSize", "Pipeline size", .am, .amount, target: 250_000, source: m, recordedBy: [.am]),
        // Sales Development Representative (seeds 003, 004).
        k("sdr.calls", "Calls made", .sdr, .count, .higher, .month, target: 200, source: m, recordedBy: [.sdr]),
        k("sdr.opportunities", "Opportunities created", .sdr, .count, .higher, .month, target: 10, source: m, recordedBy: [.sdr]),
        k("sdr.qualifiedLeads", "Qualified leads passed to sales", .sdr, .count, .higher, .month, target: 15, source: m, recordedBy: [.sdr]),
        // Account Executive (seeds 001, 003, 004).
        k("ae.pipelineConversion", "Sales pipeline conversion rate", .ae, .share, target: d("0.25"), source: m, recordedBy: [.ae]),
        k("ae.newAgreements", "Signed agreements with new customers", .ae, .count, target: 3, source: m, recordedBy: [.ae]),
        // Customer Success Manager (seeds 001, 002, 003, 004).
        k("csm.nps", "NPS", .csm, .score, target: 30, source: m, recordedBy: [.csm, .em]),
        k("csm.retention", "Customer retention", .csm, .share, target: d("0.9"), source: CatalogMetric.accountRetention.rawValue),
        k("csm.responseTime", "Response time to client queries", .csm, .days, .lower, target: 1, source: CatalogMetric.responseTime.rawValue),
        k("csm.escalationsResolved", "Escalations resolved within 2 working days", .csm, .share, target: d("0.8"),
          source: CatalogMetric.escalationsResolved.rawValue, workingDays: 2),
        k("csm.expansion", "Expansion requests raised", .csm, .count, target: 2, source: CatalogMetric.expansionRequests.rawValue),
        // Renewal Manager (seeds 001, 003, 004).
        k("renewals.rate", "Contract renewal rate (before cancel-by)", .renewals, .share, target: d("0.9"),
          source: CatalogMetric.contractRenewals.rawValue),
        k("renewals.retention", "Accounts re-signed at term end", .renewals, .share, target: d("0.9"),
          source: CatalogMetric.accountRetention.rawValue),
        k("renewals.valueGrowth", "Contract value growth at renewal", .renewals, .share, target: d("0.05"), source: m,
          recordedBy: [.renewals]),
    ]
}
