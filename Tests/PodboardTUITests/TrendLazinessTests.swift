import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Issue 14: KPI trends cost nothing while no view shows one. They are derived once per store revision, when the
/// KPI pane (or a drill-down) first draws; an action with another pane on screen derives none; a background
/// derivation of a revision that an action replaced gives up.
@Suite("KPI trends: lazy, per revision")
struct TrendLazinessTests {
    static let at = Timestamp("2026-11-23T12:00:00+05:30")!

    /// A log-update by the Buyer of the first negotiation, through the same path as the run loop.
    static func act(_ state: inout AppState, note: String) {
        let r = state.data.store.requests.first { $0.status == .negotiating && $0.buyer == state.user?.id }!
        var p = ActionParams(); p.note = note
        do {
            let outcome = try Workflow.perform(ActionRequest(.logUpdate, target: r.id, params: p), by: r.buyer!, at: at, in: state.data.store)
            AppUpdate.applied(&state, .success(outcome))
        } catch {
            Issue.record("log-update refused: \(error)")
        }
    }

    static var buyer: String { TUI.demo.requests.first { $0.status == .negotiating && $0.buyer != nil }!.buyer! }

    @Test func anActionWithAnotherPaneOnScreenDerivesNoTrend() {
        var state = TUI.state(user: Self.buyer, size: Size(width: 120, height: 40), pane: .board)
        _ = TUI.screen(state)
        let before = state.data.revision
        Self.act(&state, note: "one")
        _ = TUI.screen(state)
        Self.act(&state, note: "two")
        _ = TUI.screen(state)
        #expect(state.data.revision == before + 2, "\(state.message?.text ?? "")")
        #expect(state.data.models.builds("trends") == 0)
        #expect(state.data.models.kept("trends.started", as: Bool.self) == nil)
        // The KPI pane derives them once for this revision; its next frames and keys reuse them.
        _ = TUI.type(&state, [.char("4")])
        _ = TUI.screen(state)
        _ = TUI.type(&state, [.char("j")])
        _ = TUI.screen(state)
        #expect(state.data.models.builds("trends") == 1)
        // An action on the KPI pane: the next revision derives them again, once.
        Self.act(&state, note: "three")
        #expect(state.data.models.builds("trends") == 0)
        _ = TUI.screen(state)
        #expect(state.data.models.builds("trends") == 1)
    }

    @Test func theBackgroundTrendsOfARevisionAnActionReplacedGiveUp() {
        var state = TUI.state(user: Self.buyer, size: Size(width: 120, height: 40), pane: .kpis)
        state.backgroundTrends = true
        _ = TUI.screen(state)
        let old = state.data.models
        #expect(!old.isRetired)
        Self.act(&state, note: "one")
        #expect(old.isRetired)
        #expect(!state.data.models.isRetired)
        // The new revision's trends still arrive.
        _ = TUI.screen(state)
        var waited = 0
        while state.data.models.kept("trends", as: KPITrends.self) == nil && waited < 2000 { usleep(10_000); waited += 1 }
        #expect(state.data.models.kept("trends", as: KPITrends.self) != nil)
    }

    @Test func aCancelledComputationGivesUpAndAnUncancelledOneIsTheSame() {
        let store = TUI.demo
        #expect(KPITrends.compute(store: store, today: TUI.today, current: nil, cancelled: { true }) == nil)
        let asked = Counter()
        #expect(KPITrends.compute(store: store, today: TUI.today, current: nil, cancelled: { asked.next() > 2 }) == nil)
        #expect(asked.value == 3, "it stops at the first check that says so")
        let full = KPITrends.compute(store: store, today: TUI.today)
        let same = KPITrends.compute(store: store, today: TUI.today, current: nil, cancelled: { false })
        #expect(same?.points == full.points && !full.points.isEmpty)
    }

    final class Counter: @unchecked Sendable {
        var value = 0
        func next() -> Int { value += 1; return value }
    }
}
