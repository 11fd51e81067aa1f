import Foundation
import Testing
@testable import PodboardCore

/// record-measurement: guards, activity, journal coding, undo; the store's `kpis`, `measurements` and an
/// account's term renewal read and written back.
@Suite struct MeasurementActionTests {
    typealias Refusal = WorkflowTests.Refusal

    static func m(_ scope: String?, _ period: String?, _ value: String?, note: String? = nil) -> ActionParams {
        var p = ActionParams()
        p.scope = scope; p.period = period; p.value = value.flatMap { Decimal(string: $0) }; p.note = note
        return p
    }

    /// Refusals that hold on WF.store() (run with the other refusals by WorkflowTests).
    static let refusals: [Refusal] = [
        WorkflowTests.no(.recordMeasurement, "csm.nps", "buyer", m("person:csm", "2026-Q4", "40"), "only a Customer Success Manager or Engagement Manager"),
        WorkflowTests.no(.recordMeasurement, "csm.retention", "csm", m("person:csm", "2026-Q4", "1"), "computed from the store"),
        WorkflowTests.no(.recordMeasurement, "csm.nps", "csm", m("person:em", "2026-Q4", "40"), "not one"),
        WorkflowTests.no(.recordMeasurement, "csm.nps", "csm", m("pod:south", "2026-Q4", "40"), "outside their PODs"),
        WorkflowTests.no(.recordMeasurement, "csm.nps", "csm", m("pod:north", "2027-Q1", "40"), "has not started"),
        WorkflowTests.bad(.recordMeasurement, "csm.nope", "csm", m("person:csm", "2026-Q4", "40"), "no KPI", "csm.nope"),
        WorkflowTests.bad(.recordMeasurement, "csm.nps", "csm", m("person:csm", "2026-11", "40"), "per quarter"),
        WorkflowTests.bad(.recordMeasurement, "csm.nps", "csm", m("person:csm", "2026-Q4", "101"), "-100 to 100"),
        WorkflowTests.bad(.recordMeasurement, "csm.nps", "csm", m("people:csm", "2026-Q4", "1"), "--scope"),
        WorkflowTests.bad(.recordMeasurement, "csm.nps", "csm", m("person:csm", "2026-Q4", nil), "--value"),
        WorkflowTests.bad(.recordMeasurement, "csm.nps", "csm", m("account:nowhere", "2026-Q4", "1"), "no account"),
    ]

    @Test func aCSMRecordsTheirNPSWithAnAuditedEntry() throws {
        let old = WF.store()
        let o = try WF.run(.recordMeasurement, "csm.nps", by: "csm", Self.m("person:csm", "2026-Q4", "42", note: "QBR survey"), in: old)
        let m = try #require(o.store.measurements.last)
        #expect(m.kpi == "csm.nps" && m.scope == MeasurementScope(.person, "csm") && m.period.description == "2026-Q4")
        #expect(m.value == 42 && m.note == "QBR survey" && m.by == "csm" && m.at == WF.now)
        expectAudited(o, old: old, .recordMeasurement, by: "csm", target: "csm.nps person:csm 2026-Q4")
        #expect(o.summary == "NPS of Cleo North for 2026-Q4 recorded: 42")
        // The gauge reads it.
        let g = CatalogEngine.compute(Snapshot(store: o.store, today: WF.today)).first { $0.id == "csm.nps" && $0.scope == "csm" }
        #expect(g?.value == 42 && g?.status == .green)
    }

    @Test func othersSeeItAsAHeadline() throws {
        let o = try WF.run(.recordMeasurement, "csm.nps", by: "csm", Self.m("person:csm", "2026-Q4", "42"), in: WF.store())
        #expect(ActivityText(store: o.store).headline(o.activity) == "Cleo North recorded csm.nps person:csm 2026-Q4 = 42")
    }

    @Test func anEMRecordsForSomeoneOfTheirPODAndAnAdminForAnyone() throws {
        _ = try WF.run(.recordMeasurement, "csm.nps", by: "em", Self.m("person:csm", "2026-Q4", "-10"), in: WF.store())
        _ = try WF.run(.recordMeasurement, "csm.nps", by: "admin", Self.m("pod:south", "2026-Q4", "5"), in: WF.store())
        _ = try WF.run(.recordMeasurement, "csm.nps", by: "csm", Self.m("account:acme", "2026-Q3", "5"), in: WF.store())
    }

    @Test func undoRemovesTheMeasurementAndLogsIt() throws {
        let s = WF.store()
        let done = try WF.run(.recordMeasurement, "csm.nps", by: "csm", Self.m("person:csm", "2026-Q4", "42"), in: s)
        let k = done.store.activity.count - 1
        let undone = try WF.run(.undo, String(k), by: "csm", at: WF.later, in: done.store)
        #expect(undone.store.measurements.isEmpty)
        #expect(undone.store.activity.count == done.store.activity.count + 1)
        #expect(undone.activity.target == "csm.nps person:csm 2026-Q4" && undone.activity.after == .null)
        expectRefusal(WF.refusal(.undo, String(k), by: "csm", at: WF.latest, in: undone.store), "already undone")
        expectRefusal(WF.refusal(.undo, String(k), by: "em", at: WF.latest, in: done.store), "only Cleo North")
    }

    @Test func theJournalCodingKeepsEveryValue() {
        let a = ActionRequest(.recordMeasurement, target: "csm.nps", params: Self.m("person:csm", "2026-Q4", "-12.5", note: "n"))
        guard case .success(let back) = ActionCoding.decode(ActionCoding.encode(a)) else { Issue.record("not decoded"); return }
        #expect(back == a)
    }

    @Test func theStoreKeepsCatalogMeasurementsAndRenewalsThroughAWrite() throws {
        var s = WF.store()
        s.kpis = [KPIDefinition(id: "csm.custom", name: "Custom ✎", role: .csm, unit: .score, direction: .lower, period: .month,
                                target: -5, amberRatio: Decimal(string: "0.5"), source: "measured", recordedBy: [.csm, .em], workingDays: 3)]
        s.measurements = [Measurement(kpi: "csm.custom", scope: MeasurementScope(.pod, "north"), period: KPIPeriod("2026-11")!,
                                      value: Decimal(string: "-7.25")!, note: "survey", by: "csm", at: WF.now)]
        s.accounts[0].renewedTerm = RenewedTerm(on: LocalDate("2026-10-01")!, endsOn: LocalDate("2028-02-09")!)
        s.accounts[1].churnedOn = LocalDate("2026-11-02")
        s.people[0].roles.append(.renewals)
        let text = JSONWriter.write(StoreEncoder.encode(s))
        let (back, problems) = StoreDecoder.decode(try JSONParser.parse(text))
        #expect(problems.isEmpty, "\(problems)")
        #expect(back.kpis == s.kpis && back.measurements == s.measurements)
        #expect(back.accounts[0].renewedTerm == s.accounts[0].renewedTerm && back.accounts[1].churnedOn == s.accounts[1].churnedOn)
        #expect(back.people[0].roles.contains(.renewals))
        // A store without them writes none of them, and gets the default catalog.
        let plain = JSONWriter.write(StoreEncoder.encode(WF.store()))
        #expect(!plain.contains("\"kpis\"") && !plain.contains("\"measurements\"") && !plain.contains("renewedTerm"))
        #expect(WF.store().catalog == KPICatalog.defaults)
    }

    @Test func theDecoderRejectsWhatDoesNotFit() throws {
        var s = WF.store()
        s.measurements = [Measurement(kpi: "csm.retention", scope: MeasurementScope(.person, "csm"), period: KPIPeriod("2026-11")!,
                                      value: 1, by: "csm", at: WF.now),
                          Measurement(kpi: "nope", scope: MeasurementScope(.person, "ghost"), period: KPIPeriod("2026-Q4")!,
                                      value: 1, by: "csm", at: WF.now)]
        s.accounts[0].renewedTerm = RenewedTerm(on: LocalDate("2026-10-01")!, endsOn: LocalDate("2026-01-01")!)
        s.accounts[0].churnedOn = LocalDate("2026-11-02")
        let text = JSONWriter.write(StoreEncoder.encode(s))
        let problems = StoreDecoder.decode(try JSONParser.parse(text)).problems.map(\.description).joined(separator: "\n")
        #expect(problems.contains("computed from the store"))
        #expect(problems.contains("measured per quarter"))
        #expect(problems.contains("not in the KPI catalog"))
        #expect(problems.contains("\"ghost\""))
        #expect(problems.contains("must end after termEndsOn"))
        #expect(problems.contains("not both"))
    }
}
