import Foundation
import Testing
@testable import PodboardCore

/// The computed metrics of the KPI catalog, worked by hand (docs/kpi-catalog.md). T = Monday 2026-11-23 in
/// Asia/Kolkata, Q4: Ps = 2026-10-01. Accounts are Lee's (the CSM) and of POD north.
@Suite struct CatalogMetricTests {
    static func base() -> KPIFixture {
        var f = KPIFixture()
        f.person("lee", [.csm])
        f.person("rosa", [.renewals])
        f.person("theo", [.am])
        return f
    }

    func gauge(_ f: KPIFixture, _ id: String, _ scope: String, today: String = "2026-11-23") -> KPIResult {
        let all = CatalogEngine.compute(Snapshot(store: f.store, today: kpiDay(today)))
        return all.first { $0.id == id && $0.scope == scope }
            ?? KPIResult(id: "missing", scope: scope, title: "", value: nil, target: nil, status: .none)
    }

    @Test func accountRetentionCountsTermsEndedInThePeriod() {
        var f = Self.base()
        f.account("renewed", termEnds: "2026-10-15")
        f.account("churned", termEnds: "2026-11-02")
        f.account("silent", termEnds: "2026-11-10")
        f.account("today", termEnds: "2026-11-23")
        f.account("lastQuarter", termEnds: "2026-09-30")
        f.account("later", termEnds: "2026-12-15")
        f.store.accounts[0].renewedTerm = RenewedTerm(on: kpiDay("2026-10-01"), endsOn: kpiDay("2027-10-15"))
        f.store.accounts[1].churnedOn = kpiDay("2026-11-02")
        f.store.accounts[5].renewedTerm = RenewedTerm(on: kpiDay("2026-11-20"), endsOn: kpiDay("2027-12-15"))
        let g = gauge(f, "csm.retention", "lee")
        #expect(g.met == 1 && g.counted == 3)
        #expect(g.value == Decimal(1) / Decimal(3))
        #expect(g.status == .red)
        #expect(g.outcome("renewed") == .met && g.outcome("churned") == .missed && g.outcome("silent") == .missed)
        #expect(g.outcome("today") == .pending)
        #expect(g.outcome("lastQuarter") == nil && g.outcome("later") == nil)
        // As of 2026-10-20 only the renewed account's term has ended in Q4.
        let early = gauge(f, "csm.retention", "lee", today: "2026-10-20")
        #expect(early.met == 1 && early.counted == 1 && early.status == .green)
        // The POD's gauge and the renewal manager's (accounts of their POD) count the same accounts.
        #expect(gauge(f, "renewals.retention", "rosa").counted == 3)
        #expect(gauge(f, "csm.retention", "north").counted == 3)
    }

    @Test func contractRenewalsAreApprovedBeforeCancelBy() {
        var f = Self.base()
        f.account("acme")
        // Notice 30 days: cancel-by = end − 30.
        f.contract("K1", ends: "2026-11-30")   // cancel-by 10-31, approved 10-20: met
        f.contract("K2", ends: "2026-12-10")   // cancel-by 11-10, approved 11-12: missed
        f.contract("K3", ends: "2026-12-23")   // cancel-by today: pending
        f.contract("K4", ends: "2026-12-05", sunset: "2026-11-01")  // sunset before cancel-by 11-05: left out
        f.contract("K5", ends: "2027-03-01")   // cancel-by 2027-01-30: not in the period
        f.request("R1", kind: .renewal, created: "2026-09-01 10:00", history: [("2026-10-20 12:00", .approved)])
        f.request("R2", kind: .renewal, created: "2026-09-01 10:00", history: [("2026-11-12 12:00", .approved)])
        f.store.requests[0].contract = "K1"
        f.store.requests[1].contract = "K2"
        let g = gauge(f, "renewals.rate", "rosa")
        #expect(g.met == 1 && g.counted == 2 && g.value == Decimal(string: "0.5"))
        #expect(g.outcome("K1") == .met && g.outcome("K2") == .missed)
        #expect(g.outcome("K3") == .pending && g.outcome("K4") == .pending && g.outcome("K5") == nil)
        #expect(g.why("K2").contains("approved late"))
    }

    @Test func workingHoursSkipWeekendsAndHolidays() {
        let cal = WorkingCalendar(settings: KPIFixture().store.settings)
        // Friday 18:00 → Monday 10:00: 6 + 10 hours.
        #expect(CatalogEngine.workingSeconds(from: kpiTS("2026-11-20 18:00"), to: kpiTS("2026-11-23 10:00"), calendar: cal) == 16 * 3600)
        // Thursday 12:00 → Monday 12:00 over the 2026-12-25 holiday and a weekend: 12 + 12 hours.
        #expect(CatalogEngine.workingSeconds(from: kpiTS("2026-12-24 12:00"), to: kpiTS("2026-12-28 12:00"), calendar: cal) == 24 * 3600)
        #expect(CatalogEngine.workingSeconds(from: kpiTS("2026-11-23 12:00"), to: kpiTS("2026-11-23 11:00"), calendar: cal) == 0)
    }

    @Test func responseTimeIsTheMeanOfWorkingHoursToTheFirstAction() {
        var f = Self.base()
        f.account("acme")
        f.request("R1", created: "2026-11-20 18:00", history: [("2026-11-23 10:00", .qualifying)])  // 16 h
        f.request("R2", created: "2026-11-17 09:00", history: [("2026-11-17 15:00", .qualified)])   // 6 h
        f.request("R3", created: "2026-11-10 09:00", history: [("2026-11-12 09:00", .qualified)])   // 48 h: over 24
        f.request("R4", created: "2026-11-23 09:00")                                                // no action yet
        f.request("R5", created: "2026-09-20 09:00", history: [("2026-09-21 09:00", .qualified)])   // Q3
        let g = gauge(f, "csm.responseTime", "lee")
        // (16 + 6 + 48) / 3 hours = 70/3 hours = 70/72 working days.
        #expect(g.value.map { Money.rounded($0, scale: 12) } == Money.rounded(Decimal(70) / Decimal(72), scale: 12))
        #expect(g.met == 2 && g.counted == 3)
        #expect(g.status == .green)
        #expect(g.outcome("R3") == .missed && g.outcome("R4") == .pending && g.outcome("R5") == nil)
        #expect(g.why("R1").contains("16 working hours"))
    }

    @Test func expansionRequestsRaisedInThePeriodAreCounted() {
        var f = Self.base()
        f.account("acme")
        f.request("R5", kind: .expansion, created: "2026-10-05 10:00")
        f.request("R6", kind: .expansion, created: "2026-09-30 10:00")
        f.request("R7", kind: .new, created: "2026-11-01 10:00")
        let g = gauge(f, "csm.expansion", "lee")
        #expect(g.value == 1)
        #expect(g.status == .red)  // target 2, amber from 1.7
        #expect(g.items.map(\.subject) == ["R5"])
    }

    @Test func escalationsAreResolvedWithinTwoWorkingDays() {
        var f = Self.base()
        f.account("acme")
        f.request("R1", created: "2026-10-01 10:00", escalations: [
            ("2026-11-02 10:00", "lee", .other),   // due Wed 11-04 10:00, resolved 11-04 09:00: met
            ("2026-11-05 10:00", "lee", .other),   // due Mon 11-09 10:00, resolved 11-09 11:00: missed
            ("2026-11-10 10:00", "lee", .other),   // due Thu 11-12 10:00, open: missed
            ("2026-11-20 10:00", "lee", .other),   // due Tue 11-24 10:00, open: pending
        ])
        f.store.requests[0].escalations[0].resolvedAt = kpiTS("2026-11-04 09:00")
        f.store.requests[0].escalations[1].resolvedAt = kpiTS("2026-11-09 11:00")
        let g = gauge(f, "csm.escalationsResolved", "lee")
        #expect(g.met == 1 && g.counted == 3)
        #expect(g.items.map(\.outcome) == [.met, .missed, .missed, .pending])
    }

    @Test func atsUnderManagementIsTheUploadedATSOfActiveAccounts() {
        var f = Self.base()
        f.account("acme")
        f.account("gone")
        f.store.accounts[1].churnedOn = kpiDay("2026-10-31")
        f.contract("K1", value: 12000)
        f.contract("K2", value: 5000, offline: true)
        f.contract("K3", value: 7000, sunset: "2026-11-01")
        f.contract("K4", value: 3000, added: "2026-12-01")
        f.contract("K5", account: "gone", value: 9000)
        let g = gauge(f, "am.atsUnderManagement", "theo")
        #expect(g.value == 12000)
        #expect(g.status == .red)  // target 1,000,000
        #expect(g.catalog?.unit == .amount)
    }

    @Test func lowerIsBetterColours() {
        #expect(CatalogEngine.status(value: 1, target: 1, direction: .lower, amberRatio: kpiDec("0.8")) == .green)
        #expect(CatalogEngine.status(value: kpiDec("1.25"), target: 1, direction: .lower, amberRatio: kpiDec("0.8")) == .amber)
        #expect(CatalogEngine.status(value: kpiDec("1.26"), target: 1, direction: .lower, amberRatio: kpiDec("0.8")) == .red)
        #expect(CatalogEngine.status(value: nil, target: 1, direction: .lower, amberRatio: 1) == KPIStatus.none)
    }

    @Test func aMeasuredKPIIsTheLatestValueOfItsScope() {
        var f = Self.base()
        f.account("acme")
        f.account("globex")
        func m(_ scope: MeasurementScope, _ period: String, _ v: Decimal, _ at: String) {
            f.store.measurements.append(Measurement(kpi: "csm.nps", scope: scope, period: KPIPeriod(period)!, value: v, by: "lee", at: kpiTS(at)))
        }
        m(MeasurementScope(.account, "acme"), "2026-Q4", 10, "2026-11-02 10:00")
        m(MeasurementScope(.account, "globex"), "2026-Q4", 30, "2026-11-02 10:00")
        // Without a person value: the mean of the accounts' latest.
        #expect(gauge(f, "csm.nps", "lee").value == 20)
        m(MeasurementScope(.person, "lee"), "2026-Q3", 20, "2026-09-30 17:00")
        m(MeasurementScope(.person, "lee"), "2026-Q4", 35, "2026-11-20 10:00")
        m(MeasurementScope(.person, "lee"), "2026-Q4", 40, "2026-11-21 10:00")
        let g = gauge(f, "csm.nps", "lee")
        #expect(g.value == 40 && g.status == .green)
        #expect(g.items.map(\.outcome) == [.met, .pending])
        #expect(g.items[0].why.contains("entered by Lee"))
        #expect(g.items[1].why.contains("replaced"))
        // The POD: no value of its own → the mean of its accounts' latest.
        #expect(gauge(f, "csm.nps", "north").value == 20)
        // Not entered yet as of an earlier day.
        #expect(gauge(f, "csm.nps", "lee", today: "2026-11-20").value == 35)
    }

    @Test func trendsHaveEightPointsEndingToday() {
        var f = Self.base()
        f.account("renewed", termEnds: "2026-10-15")
        f.store.accounts[0].renewedTerm = RenewedTerm(on: kpiDay("2026-10-01"), endsOn: kpiDay("2027-10-15"))
        f.store.measurements.append(Measurement(kpi: "csm.nps", scope: MeasurementScope(.person, "lee"), period: KPIPeriod("2026-Q3")!,
                                                value: 20, by: "lee", at: kpiTS("2026-10-02 10:00")))
        f.store.measurements.append(Measurement(kpi: "csm.nps", scope: MeasurementScope(.person, "lee"), period: KPIPeriod("2026-Q4")!,
                                                value: 40, by: "lee", at: kpiTS("2026-11-21 10:00")))
        let t = KPITrends.compute(store: f.store, today: kpiDay("2026-11-23"))
        let nps = t.trend("csm.nps", scope: "lee")
        #expect(nps.count == 8)
        #expect(nps.map(\.period.description) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
        #expect(nps.last?.asOf == kpiDay("2026-11-23") && nps[6].asOf == kpiDay("2026-09-30"))
        // Q3's value was entered after Q3 ended: the trend shows it in its place.
        #expect(nps[6].value == 20 && nps[7].value == 40 && nps[5].value == nil)
        #expect(t.trend("csm.retention", scope: "lee").last?.value == 1)
        // The 17 have trends too.
        #expect(t.trend("em.health", scope: "north").count == 8)
        // A monthly KPI: months.
        #expect(KPITrends.periods(.month, today: kpiDay("2026-11-23")).map(\.period.description).suffix(3) == ["2026-09", "2026-10", "2026-11"])
    }

    @Test func theCurrentPointGivenByTheCallerIsTheOneTheEngineComputes() {
        var f = Self.base()
        f.account("renewed", termEnds: "2026-10-15")
        f.store.accounts[0].renewedTerm = RenewedTerm(on: kpiDay("2026-10-01"), endsOn: kpiDay("2027-10-15"))
        f.request("R1", account: "renewed", kind: .expansion, created: "2026-10-05 10:00")
        let today = kpiDay("2026-11-23")
        let snap = Snapshot(store: f.store, today: today)
        let current = KPIEngine.compute(snap).results + CatalogEngine.compute(snap)
        let given = KPITrends.compute(store: f.store, today: today, current: current)
        let computed = KPITrends.compute(store: f.store, today: today)
        #expect(given.points == computed.points)
        #expect(given.trend("csm.expansion", scope: "lee").last?.value == 1)
        // No sdr in the store: no sdr gauge, and so no monthly trend.
        #expect(!current.contains { $0.id.hasPrefix("sdr.") })
    }

    @Test func periodsParseAndStep() {
        #expect(KPIPeriod("2026-11")?.description == "2026-11")
        #expect(KPIPeriod("2026-12")?.next.description == "2027-01")
        #expect(KPIPeriod("2026-01")?.previous.description == "2025-12")
        #expect(KPIPeriod("2026-Q1")?.previous.description == "2025-Q4")
        #expect(KPIPeriod("2026-Q4")?.lastDay == kpiDay("2026-12-31"))
        #expect(KPIPeriod("2026-13") == nil && KPIPeriod("26-11") == nil && KPIPeriod("2026-Q5") == nil)
    }

    @Test func theDefaultCatalogCoversEveryRoleOfTheSeeds() {
        let roles = Set(KPICatalog.defaults.map(\.role))
        #expect(roles == [.sam, .am, .sdr, .ae, .csm, .renewals])
        #expect(Set(KPICatalog.defaults.map(\.id)).count == KPICatalog.defaults.count)
        for k in KPICatalog.defaults where !k.isMeasured { #expect(CatalogMetric(rawValue: k.source) != nil, "\(k.id)") }
        // Every computed metric serves at least one KPI.
        #expect(Set(KPICatalog.defaults.compactMap { CatalogMetric(rawValue: $0.source) }) == Set(CatalogMetric.allCases))
    }
}
