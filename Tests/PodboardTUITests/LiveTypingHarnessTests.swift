import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Live updates in the run loop (issue 9): they arrive while keys keep coming, keep an open form, the filter and
/// the cursor (by request id), and never name the user's own actions as someone else's, whoever the user was
/// chosen to be.
@Suite("Live: updates while typing, picker users, what survives an update (headless)", .serialized)
struct LiveTypingHarnessTests {
    /// A negotiation of the store and its Buyer.
    static func negotiation(_ store: Store, buyer: String? = nil) throws -> Request {
        try #require(store.requests.first { $0.status == .negotiating && $0.buyer != nil && (buyer == nil || $0.buyer == buyer) },
                     "the demo has a negotiation")
    }

    static func update(_ r: Request, _ note: String) -> ActionRequest {
        var p = ActionParams(); p.note = note
        return ActionRequest(.logUpdate, target: r.id, params: p)
    }

    /// Known bug: the performer filtered out the person it was created with (nobody, without --as), so after
    /// choosing someone in the "who are you?" picker their own actions came back as news.
    @Test func aPersonChosenInThePickerDoesNotSeeTheirOwnActionsAsNews() throws {
        let path = try WorkflowHarnessTests.storeFile()
        let (mine, _) = try StoreSession.open(path)
        let (theirs, _) = try StoreSession.open(path)
        // As `podboard` without --as starts: nobody yet, then the picker chooses.
        let me = SessionPerformer(session: mine, user: "", clock: TUI.clock)
        let other = SessionPerformer(session: theirs, user: "ben", clock: TUI.clock)
        var state = AppState(store: mine.store, today: TUI.today, storeLabel: "store.json", isDemo: false, user: nil,
                             size: Size(width: 120, height: 40), askWhoAmI: true)
        let ben = try Self.negotiation(mine.store, buyer: "ben")
        let isabel = try Self.negotiation(mine.store, buyer: "isabel")
        state.choose(user: mine.store.person("isabel"))

        // Isabel acts; Ben, in his session, acts after; Isabel acts again (her commit catches up with Ben's first).
        guard case .success(let o1) = me.perform(Self.update(isabel, "isabel 1"), as: "isabel") else { Issue.record("isabel 1"); return }
        AppUpdate.applied(&state, .success(o1))
        #expect(me.watch() == nil, "her own action alone is no news")
        guard case .success = other.perform(Self.update(ben, "ben 1")) else { Issue.record("ben 1"); return }
        guard case .success(let o2) = me.perform(Self.update(isabel, "isabel 2"), as: "isabel") else { Issue.record("isabel 2"); return }
        AppUpdate.applied(&state, .success(o2))

        let w = try #require(me.watch(), "Ben's action, caught up by her commit, is still news")
        #expect(w.changes.map(\.by) == ["ben"], "only Ben's action, never Isabel's own: \(w.changes.map(\.by))")
        AppUpdate.othersActed(&state, store: w.store, changes: w.changes)
        #expect(state.message?.text == "Ben Okafor logged an update on \(ben.id)", "\(state.message?.text ?? "")")
        #expect(me.watch() == nil)

        // Ben approves nothing, but Isabel's own action from another session (e.g. `podboard act`) is news here.
        let (elsewhere, _) = try StoreSession.open(path)
        _ = try elsewhere.perform(Self.update(isabel, "isabel from act"), by: "isabel", at: TUI.clock.now(zone: state.zone))
        let w2 = try #require(me.watch())
        #expect(w2.changes.map(\.by) == ["isabel"], "an action of another session is named, even her own")
    }

    /// The run loop looks for other people's actions every second also while keys keep coming (before, only
    /// after a second without a key).
    @Test func thePollRunsWhileKeysKeepComing() throws {
        let path = try WorkflowHarnessTests.storeFile()
        let (mine, _) = try StoreSession.open(path)
        let (theirs, _) = try StoreSession.open(path)
        let me = SessionPerformer(session: mine, user: "arjun", clock: TUI.clock)
        let ben = try Self.negotiation(mine.store, buyer: "ben")
        _ = try theirs.perform(Self.update(ben, "while arjun types"), by: "ben", at: TUI.clock.now(zone: .utc))

        let terminal = MemoryTerminal(size: Size(width: 120, height: 40), keys: Array(repeating: KeyEvent.char("j"), count: 40))
        var now: UInt64 = 0
        var seenWithKeysLeft: [Int] = []
        let state = TUI.state(user: "arjun", store: mine.store, size: Size(width: 120, height: 40), pane: .aging, isDemo: false)
        let final = AppRunner.run(state, on: terminal, idleLimit: 1, watch: {
            let w = me.watch()
            if w != nil { seenWithKeysLeft.append(terminal.pendingKeys.count) }
            return w
        }, uptime: { now += 100; return now })   // each key takes 100 ms: a poll about every 10 keys
        #expect(seenWithKeysLeft.count == 1, "Ben's action seen once: \(seenWithKeysLeft)")
        #expect((seenWithKeysLeft.first ?? 0) > 20, "seen while keys were still coming: \(seenWithKeysLeft)")
        // (The message line named it; the keys after it cleared it, as any key clears the message line.)
        #expect(final.data.store.request(ben.id)?.updates.last?.text == "while arjun types")
    }

    /// An update keeps the pane, the cursor on the same request (a row above it went away), and an open form.
    @Test func anOpenFormAndTheCursorSurviveAnUpdate() throws {
        let path = try WorkflowHarnessTests.storeFile()
        let (mine, _) = try StoreSession.open(path)
        let (theirs, _) = try StoreSession.open(path)
        let me = SessionPerformer(session: mine, user: "ben", clock: TUI.clock)
        let omar = SessionPerformer(session: theirs, user: "omar", clock: TUI.clock)
        var state = TUI.state(user: "ben", store: mine.store, size: Size(width: 120, height: 40), pane: .aging, isDemo: false)
        state.aging.scope = .pod
        AppUpdate.clamp(&state)
        // A negotiation of Ben's, with above it a request Omar can disqualify (it leaves the aging list).
        let rows = AgingView.rows(state)
        var disqualify = ActionParams(); disqualify.reason = "duplicate"
        let pick = rows.indices.lazy.compactMap { i -> (Int, String)? in
            guard rows[i].request.buyer == "ben", rows[i].request.status == .negotiating else { return nil }
            let above = rows[..<i].first { r in
                (try? Workflow.perform(ActionRequest(.disqualify, target: r.request.id, params: disqualify), by: "omar",
                                       at: TUI.clock.now(zone: state.zone), in: mine.store)) != nil
            }
            return above.map { (i, $0.request.id) }
        }.first
        let (index, gone) = try #require(pick, "a negotiation of Ben's under a request Omar can disqualify")
        let selected = rows[index].request.id
        TUI.type(&state, [.char("g")] + Array(repeating: KeyEvent.char("j"), count: index) + [.char("n")] + TUI.chars("called the vendor"))
        let form = try #require(state.form, "n opens the update form")
        #expect(form.action.target == selected)

        guard case .success = omar.perform(ActionRequest(.disqualify, target: gone, params: disqualify)) else { Issue.record("disqualify"); return }
        let w = try #require(me.watch())
        AppUpdate.othersActed(&state, store: w.store, changes: w.changes)
        #expect(!AgingView.rows(state).contains { $0.request.id == gone }, "\(gone) left the list")
        #expect(state.pane == .aging)
        #expect(state.form == form, "the form is open as it was, with what was typed")
        #expect(ActionForms.selectedRequest(state) == selected, "the cursor stays on \(selected)")
        #expect(state.message?.text.hasPrefix("Omar Farouk disqualified \(gone)") == true, "\(state.message?.text ?? "")")
        // Sending the form acts on the request it was opened for.
        for case .perform(let a) in AppUpdate.update(&state, key: .enter) { AppUpdate.applied(&state, me.perform(a)) }
        #expect(mine.store.request(selected)?.updates.last?.text == "called the vendor")
    }

    /// The text filter (kept, and one being typed) survives an update; the cursor stays on its request.
    @Test func theFilterSurvivesAnUpdate() throws {
        let path = try WorkflowHarnessTests.storeFile()
        let (mine, _) = try StoreSession.open(path)
        let (theirs, _) = try StoreSession.open(path)
        let me = SessionPerformer(session: mine, user: "arjun", clock: TUI.clock)
        var state = TUI.state(user: "arjun", store: mine.store, size: Size(width: 120, height: 40), pane: .aging, isDemo: false)
        TUI.type(&state, [.char("/")] + TUI.chars("REQ-10") + [.enter, .char("j"), .char("j"), .char("/")])
        #expect(state.input?.text == "REQ-10", "the filter is being edited again")
        let selected = try #require(ActionForms.selectedRequest(state))
        let ben = try Self.negotiation(mine.store, buyer: "ben")
        _ = try theirs.perform(Self.update(ben, "meanwhile"), by: "ben", at: TUI.clock.now(zone: state.zone))
        let w = try #require(me.watch())
        AppUpdate.othersActed(&state, store: w.store, changes: w.changes)
        #expect(state.input?.text == "REQ-10" && state.input?.original == "REQ-10", "the filter being typed is still open")
        #expect(state.message?.text == "Ben Okafor logged an update on \(ben.id)", "\(state.message?.text ?? "")")
        #expect(ActionForms.selectedRequest(state) == selected)
        TUI.type(&state, TUI.chars("8") + [.backspace, .enter])
        #expect(state.input == nil)
        #expect(state.aging.text == "REQ-10")
        #expect(AgingView.rows(state).count > 2 && AgingView.rows(state).allSatisfy { $0.request.id.contains("REQ-10") })
    }
}
