import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Each pane's model is derived once per revision (store and day) and per its inputs (POD, filters), kept for
/// the keys after it, and derived again when any of them changes; what an action leaves valid is carried over
/// and equals what a whole derivation gives.
@Suite("Pane models: kept by revision and inputs, invalidated by their changes")
struct PaneModelsTests {
    static let at = Timestamp("2026-11-23T17:30:00+05:30")!

    /// A log-update on the first negotiation of `pod` with a Buyer, by that Buyer.
    static func logUpdate(_ state: AppState, note: String = "called the vendor") throws -> ActionOutcome {
        let r = try #require(state.data.store.requests.first { $0.status == .negotiating && $0.buyer != nil })
        var p = ActionParams(); p.note = note
        return try Workflow.perform(ActionRequest(.logUpdate, target: r.id, params: p), by: r.buyer!, at: at, in: state.data.store)
    }

    @Test func cursorKeysDeriveNothingAndAStoreChangeDerivesAgain() throws {
        var state = TUI.state(user: "sven", pane: .board)
        _ = Screen.render(state)
        let models = state.data.models
        let built = models.builds("board")
        #expect(built == 1)
        TUI.type(&state, [.char("j"), .char("j"), .char("k"), .char("l"), .char("j")])
        _ = Screen.render(state)
        #expect(models.builds("board") == built, "moving the cursor reads the kept columns")
        #expect(models.builds("aging") == 1 && models.builds("snapshot") == 1)

        let revision = state.data.revision
        let outcome = try Self.logUpdate(state)
        AppUpdate.applied(&state, .success(outcome))
        #expect(state.data.revision == revision + 1)
        #expect(state.data.models !== models, "a new store, new models")
        #expect(state.data.store.activity.count == outcome.store.activity.count)
        // The updated request's card: its last update is today's, on the board drawn from the new store.
        let id = outcome.activity.target
        let card = try #require(BoardView.columns(state).joined().first { $0.request.id == id })
        #expect(card.lastTouch == TUI.today)
        #expect(card.request.updates.last?.text == "called the vendor")
        #expect(state.data.models.builds("board") == 0, "the action said what it touched: the columns are carried over")
    }

    @Test func whatAnActionCarriesOverEqualsAWholeDerivation() throws {
        var state = TUI.state(user: "sven", pane: .aging)
        TUI.type(&state, [.char("m"), .char("m")])  // all PODs
        _ = Screen.render(state)
        for i in 0..<3 {
            let outcome = try Self.logUpdate(state, note: "update \(i)")
            AppUpdate.applied(&state, .success(outcome))
            _ = Screen.render(state)
        }
        let whole = Aging.rows(Snapshot(store: state.data.store, today: TUI.today))
        #expect(state.data.aging.map(\.request.id) == whole.map(\.request.id))
        #expect(state.data.aging.map(\.lastTouch) == whole.map(\.lastTouch))
        #expect(state.data.aging.map(\.severity) == whole.map(\.severity))
        let fresh = Snapshot(store: state.data.store, today: TUI.today)
        #expect(state.data.snapshot.requests.map(\.id) == fresh.requests.map(\.id))
        #expect(state.data.snapshot.requests == fresh.requests)
        // Carried, not derived: the snapshot of the new revision was updated from the old one.
        #expect(state.data.models.builds("snapshot") == 0)
    }

    @Test func aFilterChangeDerivesTheAgingRowsAgain() {
        var state = TUI.state(user: "sven", pane: .aging)
        let before = AgingView.rows(state)
        let models = state.data.models
        let built = models.builds("aging.rows")
        TUI.type(&state, [.char("j")])
        #expect(models.builds("aging.rows") == built)
        TUI.type(&state, [.char("b")])  // breached only
        let after = AgingView.rows(state)
        #expect(models.builds("aging.rows") == built + 1)
        #expect(after.allSatisfy { $0.severity == .breached })
        #expect(after.count < before.count)
        TUI.type(&state, [.char("/")] + TUI.chars("zzz-no-such") + [.enter])
        #expect(AgingView.rows(state).isEmpty)
        TUI.type(&state, [.char("c")])
        #expect(AgingView.rows(state).map(\.request.id) == before.map(\.request.id))
    }

    @Test func aPodChangeDerivesTheBoardAgain() {
        var state = TUI.state(user: nil, pane: .board)
        let first = state.pod!.id
        let cards = BoardView.columns(state).joined().map(\.request.id)
        #expect(BoardView.columns(state).joined().allSatisfy { $0.account?.pod == first })
        TUI.type(&state, [.char("]")])
        let second = state.pod!.id
        #expect(second != first)
        let now = BoardView.columns(state).joined()
        #expect(now.allSatisfy { $0.account?.pod == second })
        #expect(now.map(\.request.id) != cards)
        #expect(Screen.render(state).text.contains(now.first?.request.id ?? "—"))
    }

    @Test func aDayChangeDerivesEverythingAgain() {
        final class Wall: @unchecked Sendable { var t = Date(timeIntervalSince1970: TimeInterval(Timestamp("2026-11-23T23:59:30+05:30")!.epochSeconds)) }
        let wall = Wall()
        var state = AppState(store: TUI.demo, today: TUI.today, storeLabel: "store.json", isDemo: false, user: "omar",
                             size: Size(width: 120, height: 40), clock: NowSource(wallClock: { wall.t }))
        state.pane = .aging
        AppUpdate.clamp(&state)
        let ages = Dictionary(uniqueKeysWithValues: AgingView.rows(state).map { ($0.request.id, $0.ageDays) })
        let models = state.data.models
        wall.t = Date(timeIntervalSince1970: TimeInterval(Timestamp("2026-11-24T00:00:30+05:30")!.epochSeconds))
        #expect(AppUpdate.tick(&state))
        #expect(state.data.models !== models)
        let rows = AgingView.rows(state)
        #expect(!rows.isEmpty)
        // Every request still open is a day older.
        for row in rows { if let before = ages[row.request.id] { #expect(row.ageDays == before + 1) } }
    }

    @Test func onlyThePaneInViewIsDerived() {
        var state = TUI.state(user: "sven", pane: .board)
        _ = Screen.render(state)
        #expect(state.data.models.builds("kpis") == 0, "no gauge shown: no KPI computed")
        #expect(state.data.models.builds("accounts.rows") == 0)
        #expect(state.data.models.builds("home.lines") == 0)
        TUI.type(&state, [.char("4")])
        _ = Screen.render(state)
        #expect(state.data.models.builds("kpis") == 1)
    }
}
