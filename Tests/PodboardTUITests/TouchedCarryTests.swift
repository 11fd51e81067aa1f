import Foundation
import Testing
import PodboardCore
@testable import PodboardTUI

/// Issue 10: after an action that says what it touched, the UI changes the snapshot, the aging rows and the
/// board's columns of the old revision in place; what it shows must equal a whole derivation from the new store.
@Suite("Pane models carried by what an action touched")
struct TouchedCarryTests {
    static let at = Timestamp("2026-11-23T17:30:00+05:30")!

    /// The board's columns, aging rows and snapshot of `state` against those of a fresh state on its store.
    static func expectWhole(_ state: AppState, _ what: String) {
        var fresh = AppState(store: state.data.store, today: TUI.today, storeLabel: "DEMO", isDemo: true,
                             user: state.user?.id, size: state.size)
        fresh.podIndex = state.podIndex
        fresh.pane = .board
        #expect(BoardView.columns(state).map { $0.map(\.request.id) } == BoardView.columns(fresh).map { $0.map(\.request.id) }, "\(what)")
        #expect(BoardView.columns(state).joined().map(\.request) == BoardView.columns(fresh).joined().map(\.request), "\(what)")
        let whole = Aging.rows(Snapshot(store: state.data.store, today: TUI.today))
        #expect(state.data.aging.map(\.request.id) == whole.map(\.request.id), "\(what)")
        #expect(state.data.aging.map(\.severity) == whole.map(\.severity), "\(what)")
        #expect(state.data.aging.map(\.lastTouch) == whole.map(\.lastTouch), "\(what)")
        #expect(state.data.aging.map(\.request) == whole.map(\.request), "\(what)")
        let snap = Snapshot(store: state.data.store, today: TUI.today)
        #expect(state.data.snapshot.requests == snap.requests, "\(what)")
        #expect(state.data.snapshot.store == state.data.store, "\(what)")
        for r in snap.requests.prefix(400) {
            #expect(state.data.snapshot.timeline(r).status == snap.timeline(r).status, "\(what) \(r.id)")
            #expect(state.data.snapshot.timeline(r).firstAction == snap.timeline(r).firstAction, "\(what) \(r.id)")
        }
    }

    /// Values that let the action's guards speak (as the footer's probe gives them).
    static func params(_ kind: ActionKind, _ r: Request, _ store: Store) -> ActionParams {
        var p = ActionParams()
        p.note = "x"; p.reason = "x"; p.amount = 1000; p.basis = .firstQuote; p.from = "x"; p.source = .vendor
        p.escalationReason = .other; p.health = .favorable
        let pod = store.account(r.account)?.pod ?? ""
        let role: Role = kind == .assign ? .analyst : .buyer
        p.person = store.people.first { $0.has(role) && $0.pods.contains(pod) && $0.id != r.buyer }?.id
        return p
    }

    /// One allowed action of every kind on a request (moving cards between columns, off the board, to another
    /// Buyer…), each applied as the UI applies it, the board drawn between them.
    @Test func everyKindOfActionCarriesWhatAWholeDerivationGives() throws {
        var state = TUI.state(user: "sven", pane: .board)
        _ = Screen.render(state)
        var carried = 0
        for kind in ActionKind.allCases where kind.target == .request {
            let store = state.data.store
            var done: ActionOutcome?
            search: for r in store.requests.prefix(300) {
                for person in store.people {
                    var action = ActionRequest(kind, target: r.id)
                    action.params = Self.params(kind, r, store)
                    if let o = try? Workflow.perform(action, by: person.id, at: Self.at, in: store) { done = o; break search }
                }
            }
            guard let outcome = done else { continue }
            AppUpdate.applied(&state, .success(outcome))
            _ = Screen.render(state)
            if state.data.models.builds("snapshot") == 0 && state.data.models.builds("board") == 0 { carried += 1 }
            Self.expectWhole(state, "\(kind) \(outcome.activity.target)")
        }
        #expect(carried >= 8, "most actions on open requests are carried over, not derived again")
    }

    /// Without `touched` (others' actions, or a store read again) the stores are compared, as before.
    @Test func withoutTouchedTheStoresAreCompared() throws {
        var state = TUI.state(user: "sven", pane: .board)
        _ = Screen.render(state)
        let r = try #require(state.data.store.requests.first { $0.status == .negotiating && $0.buyer != nil })
        var p = ActionParams(); p.note = "x"
        var outcome = try Workflow.perform(ActionRequest(.logUpdate, target: r.id, params: p), by: r.buyer!, at: Self.at, in: state.data.store)
        outcome.touched = nil
        AppUpdate.applied(&state, .success(outcome))
        _ = Screen.render(state)
        #expect(state.data.models.builds("board") == 1)
        Self.expectWhole(state, "no touched")
    }

    /// A wrong `touched` (a request that is not the one changed) is never trusted blindly for a wider change:
    /// an approval derives everything again.
    @Test func anApprovalDerivesEverythingAgain() throws {
        var state = TUI.state(user: "sven", pane: .board)
        _ = Screen.render(state)
        let store = state.data.store
        let r = try #require(store.requests.first { $0.status == .pendingApproval })
        let em = try #require(store.people.first { p in
            (try? Workflow.perform(ActionRequest(.approve, target: r.id), by: p.id, at: Self.at, in: store)) != nil
        })
        let outcome = try Workflow.perform(ActionRequest(.approve, target: r.id), by: em.id, at: Self.at, in: store)
        #expect(outcome.touched != nil)
        AppUpdate.applied(&state, .success(outcome))
        _ = Screen.render(state)
        #expect(state.data.models.builds("snapshot") == 1, "an approval changes savings and benchmarks: derived whole")
        Self.expectWhole(state, "approve")
    }
}

/// The Activity section of a request's view reads the revision's index of the log by target; after an action
/// (carried) and on a fresh revision it lists what a scan of the whole log lists.
@Suite("Activity section by the log's index")
struct ActivityIndexTests {
    @Test func theIndexListsWhatAScanLists() throws {
        var state = TUI.state(user: "sven", pane: .board)
        let r = try #require(state.data.store.requests.first { $0.status == .negotiating && $0.buyer != nil })
        state.details.append(DetailState(.request(r.id)))
        _ = Screen.render(state)
        #expect(state.data.models.builds("activityByTarget") == 1)
        for i in 0..<3 {
            var p = ActionParams(); p.note = "update \(i)"
            let o = try Workflow.perform(ActionRequest(.logUpdate, target: r.id, params: p), by: r.buyer!, at: TouchedCarryTests.at, in: state.data.store)
            AppUpdate.applied(&state, .success(o))
            _ = Screen.render(state)
            #expect(state.data.models.builds("activityByTarget") == 0, "carried: the new entry added")
            let byTarget = state.data.models.activityByTarget
            let log = state.data.store.activity
            #expect(byTarget[r.id]?.sorted(by: >) == ActivityText.entries(about: [r.id], in: log))
            let all = byTarget.values.flatMap { $0 }.sorted()
            #expect(all == Array(log.indices), "every entry once")
        }
        let lines = DetailView.lines(state, .request(r.id)).map { $0.spans.map(\.text).joined() }
        #expect(lines.contains { $0.contains("update 2") })
        let count = ActivityText.entries(about: [r.id], in: state.data.store.activity).count
        #expect(lines.contains { $0.contains("Activity (\(count))") })
    }
}
