import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Issue 8 typed as keys: the "who are you?" picker at start, the hand-over picker's workloads, the EM
/// reassigning a negotiation (on a store file, through a journaled session), the approvals call-out.
@Suite("Who am I, workloads, reassign (headless)", .serialized)
struct WhoAmIReassignHarnessTests {
    static func start(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = AppState(store: TUI.demo, today: TUI.today, storeLabel: "DEMO", isDemo: true, user: nil, size: size, askWhoAmI: true)
        AppUpdate.clamp(&s)
        return s
    }

    @Test func pickerAtStartSetsTheUserAsAsWould() {
        var s = Self.start()
        #expect(s.whoAmI != nil)
        #expect(Screen.scope(s) == .whoAmI)
        let screen = TUI.screen(s)
        #expect(screen.contains("Who are you?"))
        #expect(screen.contains("read-only: just look"))
        #expect(screen.contains("Fatima El Idrissi") && screen.contains("Engagement Manager"))
        // Panes keys do nothing while choosing; j moves, Enter chooses.
        TUI.type(&s, [.char("2")])
        #expect(s.whoAmI != nil && s.pane == .board)
        let i = WhoAmIView.choices(s).firstIndex { $0?.id == "isabel" }!
        TUI.type(&s, Array(repeating: .char("j"), count: i) + [.enter])
        #expect(s.whoAmI == nil)
        #expect(s.user?.id == "isabel")
        #expect(s.readOnlyReason == nil)
        #expect(s.pane == .home)
        #expect(s.aging.scope == .mine)
        #expect(TUI.screen(s).contains("Isabel Cruz · Buyer"))
        #expect(!TUI.screen(s).contains("READ-ONLY"))
    }

    @Test func pickerFirstLineKeepsReadOnly() {
        var s = Self.start()
        TUI.type(&s, [.enter])
        #expect(s.whoAmI == nil && s.user == nil)
        #expect(TUI.screen(s).contains("READ-ONLY"))
        // With --as (or $PODBOARD_USER) there is no picker.
        let named = AppState(store: TUI.demo, today: TUI.today, storeLabel: "DEMO", isDemo: true, user: "sven", askWhoAmI: false)
        #expect(named.whoAmI == nil)
    }

    @Test func handOverPickerShowsWorkloads() {
        // REQ-1088 is qualified in POD south after omar's story; here: an analyst of north on a qualified request.
        var store = TUI.demo
        guard let i = store.requests.firstIndex(where: { $0.status == .new && store.account($0.account)?.pod == "south" }) else {
            Issue.record("no new request in south"); return
        }
        store.requests[i].status = .qualified
        store.requests[i].history.append(HistoryEntry(at: Timestamp("2026-11-20T10:00:00+05:30")!, by: "omar", from: .new, to: .qualified))
        var s = TUI.state(user: "omar", store: store, size: Size(width: 120, height: 40), pane: .home)
        guard let row = HomeView.rows(s).firstIndex(where: { $0.id == store.requests[i].id }) else { Issue.record("not on home"); return }
        TUI.type(&s, Array(repeating: .down, count: row) + [.char("H")])
        guard case .picker(let choices)? = s.form?.fields.first?.kind else { Issue.record("no picker: \(s.message?.text ?? "")"); return }
        let counts = Workload.negotiations(store)
        let ben = choices.first { $0.value == "ben" }
        #expect(ben?.label == "Ben Okafor — \(counts["ben"] ?? 0) negotiating")
        #expect(choices.allSatisfy { $0.label.hasSuffix(" negotiating") })
        #expect(TUI.screen(s).contains("Ben Okafor — "))
    }

    @Test func emReassignsANegotiationOnAStoreFile() throws {
        let path = try WorkflowHarnessTests.storeFile()
        try WorkflowHarnessTests.session(path, as: "fatima", pane: .board, size: Size(width: 120, height: 40)) { d in
            d.type([.char("l"), .char("l")])
            let card = BoardView.selected(d.state)?.request
            #expect(card?.id == "REQ-1042" && card?.buyer == "ana")
            d.type([.char("M")])
            #expect(d.screen.contains("Reassign to another Buyer: REQ-1042"))
            guard case .picker(let choices)? = d.state.form?.fields.first?.kind else { Issue.record("no picker"); return }
            #expect(!choices.contains { $0.value == "ana" }, "the current Buyer is not offered")
            let ravi = choices.firstIndex { $0.value == "ravi" }!
            d.type(Array(repeating: .right, count: ravi) + [.tab] + TUI.chars("Ana is on leave") + [.enter])
            #expect(d.message == "REQ-1042 reassigned from Ana Souza to Ravi Kulkarni", "\(d.message)")
            // A Buyer may not: the key says why.
            d.type([.char("u")])
            #expect(d.state.data.store.request("REQ-1042")?.buyer == "ana", "\(d.message)")
            d.type([.char("M")] + Array(repeating: .right, count: ravi) + [.enter, .enter])
        }
        let disk = try StoreFile.load(path).store
        #expect(disk.request("REQ-1042")?.buyer == "ravi")
        #expect(Array(disk.activity.suffix(3).map(\.action)) == ["reassign", "undo", "reassign"])
        var buyer = TUI.state(user: "ana", pane: .board)
        TUI.type(&buyer, [.char("l"), .char("l"), .char("M")])
        #expect(buyer.form == nil)
        #expect(buyer.message?.text.contains("may not reassign") == true)
    }

    @Test func inboxCallsOutABaselineChangedJustBeforeSubmission() {
        var store = TUI.demo
        // REQ-1068 was submitted 2026-11-18 11:30; its baseline and basis changed the day before.
        let b = { (amount: String, basis: String) -> JSONValue in
            .object(JSONObject([("baseline", .object(JSONObject([("amount", .number(amount)), ("basis", .string(basis))])))]))
        }
        store.activity.append(Activity(at: Timestamp("2026-11-17T15:00:00+05:30")!, by: "isabel", action: "set-baseline",
                                       target: "REQ-1068", before: b("17000", "first-quote"), after: b("19573", "list-price")))
        let s = TUI.state(user: "fatima", store: store, size: Size(width: 120, height: 40), pane: .home)
        let screen = TUI.screen(s)
        #expect(screen.contains("BASELINE CHANGED · 2 wd · USD 5,302"), "\(screen)")
        #expect(screen.contains("Just changed   USD 17,000 (first-quote) → USD 19,573 (list-price), 1 working day before submission, by Isabel Cruz"), "\(screen)")
        TUI.assertSnapshot(screen, named: "home-em-baseline-changed-120x40")
    }
}
