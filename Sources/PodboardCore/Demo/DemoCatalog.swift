import Foundation

/// The demo's part of the KPI catalog (issue 14): a Renewal Manager and an Account Manager in the first POD, the
/// term renewals of the accounts whose term has ended, and a few measurements of earlier quarters, so that a CSM,
/// a renewal manager and an AM each see their own gauges with a trend. Added after everything else and without
/// the random generator, so the rest of the demo (and the 17 KPIs) is exactly as before.
enum DemoCatalog {
    static let renewalManager = (id: "rosa", name: "Rosa Delgado")
    static let accountManager = (id: "theo", name: "Theo Nakamura")

    static func add(to store: inout Store, today: LocalDate) {
        guard let pod = store.pods.first else { return }
        let zone = Zone(identifier: store.settings.timeZone) ?? .utc
        store.people.append(Person(id: renewalManager.id, name: renewalManager.name, roles: [.renewals], pods: [pod.id]))
        store.people.append(Person(id: accountManager.id, name: accountManager.name, roles: [.am], pods: [pod.id]))
        // Accounts whose term has ended: every fourth one churned, the others renewed three weeks before the end.
        var ended = 0
        for i in store.accounts.indices where store.accounts[i].termEndsOn < today {
            let end = store.accounts[i].termEndsOn
            if ended % 4 == 3 {
                store.accounts[i].churnedOn = end
            } else {
                store.accounts[i].renewedTerm = RenewedTerm(on: end.adding(days: -21), endsOn: end.adding(days: 365))
            }
            ended += 1
        }
        // Measurements of the three quarters before this one, entered on each quarter's last day at 17:00.
        let csm = store.people.first { $0.has(.csm) && $0.pods.contains(pod.id) }
        var quarter = today.quarter
        let series: [(kpi: String, scope: MeasurementScope?, by: String?, values: [Decimal])] = [
            ("csm.nps", csm.map { MeasurementScope(.person, $0.id) }, csm?.id, [18, 24, 31]),
            ("am.csat", MeasurementScope(.person, accountManager.id), accountManager.id, [Decimal(string: "0.84")!, Decimal(string: "0.88")!, Decimal(string: "0.86")!]),
            ("renewals.valueGrowth", MeasurementScope(.person, renewalManager.id), renewalManager.id, [Decimal(string: "0.03")!, Decimal(string: "0.06")!, Decimal(string: "0.04")!]),
        ]
        var quarters: [Quarter] = []
        for _ in 0..<3 { quarter = quarter.previous; quarters.insert(quarter, at: 0) }
        for s in series {
            guard let scope = s.scope, let by = s.by else { continue }
            for (q, v) in zip(quarters, s.values) {
                store.measurements.append(Measurement(kpi: s.kpi, scope: scope, period: KPIPeriod(.quarter, containing: q.firstDay),
                                                      value: v, by: by, at: zone.instant(q.lastDay, secondOfDay: 17 * 3600)))
            }
        }
    }
}
