import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Issue 14's story, typed as keys into the real app state on a store file: a CSM, a renewal manager and an
/// account manager each open podboard, see their own gauges first on the KPI pane, record a measurement with
/// the form, and watch the gauge and its trend change; the store on disk then holds the three measurements.
@Suite("KPI catalog by keyboard (headless)", .serialized)
struct CatalogHarnessTests {
    struct Story: Sendable, CustomTestStringConvertible {
        let user: String, section: String, kpi: String, typed: String, value: Decimal, shown: String
        var testDescription: String { "\(user) records \(kpi)" }
    }

    static let stories = [
        Story(user: "olu", section: "Customer Success Manager: Olu Adeyemi", kpi: "csm.nps", typed: "55", value: 55, shown: "55"),
        Story(user: "rosa", section: "Renewal Manager: Rosa Delgado", kpi: "renewals.valueGrowth", typed: "0.08", value: Decimal(string: "0.08")!, shown: "8.0%"),
        Story(user: "theo", section: "Account Manager: Theo Nakamura", kpi: "am.csat", typed: "0.93", value: Decimal(string: "0.93")!, shown: "93.0%"),
    ]

    @Test func aCSMARenewalManagerAndAnAMRecordTheirKPIs() throws {
        let path = try WorkflowHarnessTests.storeFile()
        for s in Self.stories {
            try WorkflowHarnessTests.session(path, as: s.user, pane: .kpis) { d in
                // Their own gauges come first.
                let lines = d.screen.split(separator: "\n").map(String.init)
                #expect(lines.count > 4 && lines[3].contains(s.section), "\(s.user): \(lines.prefix(5))")
                let gauges = KPIView.gauges(d.state)
                guard let i = gauges.firstIndex(where: { $0.id == s.kpi && $0.scope == s.user }) else {
                    Issue.record("\(s.user) has no \(s.kpi) gauge"); return
                }
                #expect(gauges[0].scope == s.user)
                d.type(Array(repeating: .down, count: i))
                let before = gauges[i]
                let sparkBefore = KPIView.sparkline(before, d.state.data.trends)
                #expect(before.value == nil, "nothing recorded yet this quarter")
                // Moving about computes the trends once for this revision.
                d.type([.down, .up])
                #expect(d.state.data.models.builds("trends") == 1)
                // The form: value, period (this quarter), note; Enter goes on and sends on the last field.
                d.type([.char("r")])
                #expect(d.state.form?.title.contains("Record") == true, "\(d.message)")
                #expect(d.state.form?.fields[1].value == "2026-Q4")
                d.type(TUI.chars(s.typed) + [.enter, .enter] + TUI.chars("QBR") + [.enter])
                #expect(d.state.form == nil, "\(d.state.form?.error ?? d.message)")
                #expect(d.message.contains("recorded"), "\(d.message)")
                let after = KPIView.gauges(d.state).first { $0.id == s.kpi && $0.scope == s.user }
                #expect(after?.value == s.value)
                #expect(after?.status != KPIStatus.none)
                let trend = d.state.data.trends.trend(s.kpi, scope: s.user)
                #expect(trend.count == 8 && trend.last?.value == s.value)
                #expect(after.map { KPIView.sparkline($0, d.state.data.trends) } != sparkBefore)
                #expect(d.screen.contains(s.shown))
                // The drill-down says who entered it and when.
                d.type([.enter])
                #expect(d.screen.contains("entered by"), "\(d.screen)")
                d.type([.escape])
            }
        }
        let store = try StoreFile.load(path).store
        for s in Self.stories {
            #expect(store.measurements.contains { $0.kpi == s.kpi && $0.by == s.user && $0.value == s.value && $0.note == "QBR" })
        }
        #expect(store.activity.filter { $0.action == "record-measurement" }.count == 3)
    }

    @Test func theTerminalUIComputesTrendsInTheBackgroundAndDrawsThemWhenReady() throws {
        var state = TUI.state(user: "olu", size: Size(width: 120, height: 40), pane: .kpis)
        state.backgroundTrends = true
        let first = TUI.screen(state)
        let npsLine = { (screen: String) in screen.split(separator: "\n").first { $0.contains("NPS") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        // The first frame does not wait: a dot where the sparkline goes.
        #expect(npsLine(first).hasSuffix("·"), "\(npsLine(first))")
        // Wait for the other thread (at most 20 s), then the tick asks for one more frame, once.
        var waited = 0
        while state.data.models.kept("trends", as: KPITrends.self) == nil && waited < 2000 { usleep(10_000); waited += 1 }
        #expect(state.data.models.kept("trends", as: KPITrends.self) != nil)
        #expect(AppUpdate.tick(&state))
        #expect(!AppUpdate.tick(&state))
        #expect(npsLine(TUI.screen(state)).contains("▅▅▆"))
        #expect(state.data.models.builds("trends") == 1)
    }

    @Test func undoTakesAMeasurementBack() throws {
        let path = try WorkflowHarnessTests.storeFile()
        try WorkflowHarnessTests.session(path, as: "olu", pane: .kpis) { d in
            d.type([.char("r")] + TUI.chars("-20") + [.enter, .enter, .enter])
            #expect(KPIView.gauges(d.state).first?.value == -20, "\(d.message)")
            d.type([.char("u")])
            #expect(d.message.contains("undone"), "\(d.message)")
            #expect(KPIView.gauges(d.state).first?.id == "csm.nps" && KPIView.gauges(d.state).first?.value == nil)
            #expect(d.state.data.trends.trend("csm.nps", scope: "olu").last?.value == nil)
        }
        #expect(try StoreFile.load(path).store.measurements.allSatisfy { $0.period.description != "2026-Q4" })
    }

    @Test func aCatalogFromTheStoreReachesTheScreenSanitized() {
        var store = TUI.demo
        store.kpis = [KPIDefinition(id: "csm.evil", name: "NPS\u{1B}]0;owned\u{07}\u{202E}", role: .csm, unit: .score, target: 10,
                                    source: KPIDefinition.measured, recordedBy: [.csm])]
        var state = TUI.state(user: "olu", store: store, size: Size(width: 120, height: 40), pane: .kpis)
        let screen = TUI.screen(state)
        #expect(screen.contains("NPS"))
        #expect(!screen.contains("\u{1B}") && !screen.contains("\u{07}") && !screen.contains("\u{202E}"))
        _ = TUI.type(&state, [.char("r")])
        #expect(state.form != nil)
        #expect(!TUI.screen(state).contains("\u{1B}"))
    }

    @Test func aComputedGaugeSaysWhyItCannotBeRecorded() {
        var state = TUI.state(user: "olu", pane: .kpis)
        let i = KPIView.gauges(state).firstIndex { $0.id == "csm.retention" && $0.scope == "olu" }!
        _ = TUI.type(&state, Array(repeating: .down, count: i) + [.char("r")])
        #expect(state.form == nil)
        #expect(state.message?.text.contains("computed from the store") == true, "\(state.message?.text ?? "")")
        // A Buyer may not record a CSM's NPS: the key says why.
        var buyer = TUI.state(user: "ana", pane: .kpis)
        let j = KPIView.gauges(buyer).firstIndex { $0.id == "csm.nps" && $0.scope == "olu" }!
        _ = TUI.type(&buyer, Array(repeating: .down, count: j) + [.char("r")])
        #expect(buyer.form == nil)
        #expect(buyer.message?.text.contains("may not record") == true, "\(buyer.message?.text ?? "")")
    }
}
