import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Two people on one store file: what one does reaches the other's screen (the run loop's watch), keeping the
/// pane and the cursor; an action on a stale screen is refused naming who changed the request.
@Suite("Live: two sessions on one store (headless)", .serialized)
struct LiveHarnessTests {
    @Test func anotherPersonsActionReachesTheScreenAndAStaleActionSaysWho() throws {
        let path = try WorkflowHarnessTests.storeFile()
        let (s1, _) = try StoreSession.open(path)
        let (s2, _) = try StoreSession.open(path)
        let omar = SessionPerformer(session: s1, user: "omar", clock: TUI.clock)
        let arjun = SessionPerformer(session: s2, user: "arjun", clock: TUI.clock)
        var state = TUI.state(user: "arjun", store: s2.store, size: Size(width: 120, height: 40), pane: .board, isDemo: false)
        let pane = state.pane
        #expect(arjun.watch() == nil, "nothing changed: a stat, no reload")

        var p = ActionParams(); p.amount = 12000; p.basis = .firstQuote
        guard case .success = omar.perform(ActionRequest(.setBaseline, target: "REQ-1088", params: p)) else {
            Issue.record("omar could not set the baseline"); return
        }
        let w = try #require(arjun.watch(), "omar's action is seen")
        #expect(w.changes.map(\.action) == ["set-baseline"])
        AppUpdate.othersActed(&state, store: w.store, changes: w.changes)
        #expect(state.pane == pane)
        #expect(state.message?.text == "Omar Farouk set the baseline of REQ-1088", "\(state.message?.text ?? "")")
        #expect(state.data.store.request("REQ-1088")?.baseline?.amount == 12000)
        #expect(arjun.watch() == nil)

        // arjun's screen is stale now (he has not looked since): omar disqualifies; arjun's assign is refused with who.
        var d = ActionParams(); d.reason = "duplicate"
        guard case .success = omar.perform(ActionRequest(.disqualify, target: "REQ-1088", params: d)) else {
            Issue.record("omar could not disqualify"); return
        }
        var a = ActionParams(); a.person = "jaewon"
        guard case .failure(let why) = arjun.perform(ActionRequest(.assign, target: "REQ-1088", params: a)) else {
            Issue.record("assigned a disqualified request"); return
        }
        #expect(why.text.hasPrefix("REQ-1088 was disqualified by Omar Farouk at "), "\(why.text)")
    }
}
