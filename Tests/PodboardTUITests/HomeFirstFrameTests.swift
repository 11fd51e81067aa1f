import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Issue 10 (the first frame's derivations): home's first frame derives what it shows and no more. An EM's
/// checklist of the selected submission reads the Buyer's quota alone (no KPI of the store is computed) and is
/// kept while the cursor stays on it.
@Suite struct HomeFirstFrameTests {
    @Test func anEMsHomeComputesNoKPIsAndKeepsTheChecklist() throws {
        var state = TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .home)
        AppUpdate.clamp(&state)
        let frame = Screen.render(state).text
        let models = state.data.models
        #expect(frame.contains("Buyer's quota"))
        #expect(models.builds("kpis") == 0, "the checklist's quota does not compute every KPI")
        #expect(models.builds("home.checklist") == 1)
        _ = Screen.render(state)
        #expect(models.builds("home.checklist") == 1, "a second frame on the same request reads the kept checklist")
        // The figure shown is the KPI report's buyer.quota.
        let selected = try #require(HomeView.selected(state))
        let buyer = try #require(selected.buyer)
        let q = try #require(state.data.kpis.result("buyer.quota", scope: buyer))
        let direct = try #require(KPIEngine.buyerQuota(state.data.snapshot, buyer: buyer))
        #expect(direct.amount == q.amount && direct.targetAmount == q.targetAmount)
        #expect(frame.contains(Format.money(direct.amount, state.data.store.settings.currency)))
    }

    /// Every Buyer's quota figures alone equal the KPI report's, and a person who is no Buyer has none.
    @Test(arguments: [0, -40, -120])
    func buyerQuotaAloneEqualsTheReport(daysBack: Int) {
        let today = TUI.today.adding(days: daysBack)
        let snap = Snapshot(store: TUI.demo, today: today)
        let report = KPIEngine.compute(snap)
        var buyers = 0
        for p in TUI.demo.people {
            let alone = KPIEngine.buyerQuota(snap, buyer: p.id)
            guard let q = report.result("buyer.quota", scope: p.id) else { #expect(alone == nil, "\(p.id)"); continue }
            buyers += 1
            #expect(alone?.amount == q.amount && alone?.targetAmount == q.targetAmount, "\(p.id)")
        }
        #expect(buyers >= 3)
        #expect(KPIEngine.buyerQuota(snap, buyer: "nobody") == nil)
    }
}
