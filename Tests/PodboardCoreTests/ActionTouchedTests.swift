import Foundation
import Testing
@testable import PodboardCore

/// Issue 10: an action says which requests it changed (`ActionTouched`), so that the UI updates its models for
/// those only. What it says must be exactly what changed: checked for every action the fixtures allow, and on
/// a store session (nil when others' actions were caught up with).
@Suite struct ActionTouchedTests {
    /// The positions of the requests that differ between two stores with as many requests.
    static func differing(_ a: Store, _ b: Store) -> [Int] {
        zip(a.requests, b.requests).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
    }

    @Test(arguments: ActionKind.allCases)
    func touchedIsExactlyWhatChanged(_ kind: ActionKind) throws {
        let (old, action, by, _) = WF.allowedSample(kind)
        let o = try Workflow.perform(action, by: by, at: WF.now, in: old)
        if kind == .raise || kind == .addContract || kind == .importRecords {
            #expect(o.touched == nil, "a record added: the caller derives everything again")
            return
        }
        let touched = try #require(o.touched, "\(kind)")
        #expect(Set(Self.differing(old, o.store)).isSubset(of: touched.requests), "\(kind)")
        if kind.target == .request { #expect(touched.requests.count == 1) }
    }

    /// Every allowed action by every person on every request of the fixtures: the touched requests are the ones
    /// that differ, in place or by copy, with or without the position hint.
    @Test func touchedMatchesTheStoreForEveryAllowedAction() throws {
        let s = WF.store()
        var ran = 0
        for kind in ActionKind.allCases where kind.target == .request {
            for (i, target) in s.requests.map(\.id).enumerated() {
                for who in InPlaceWorkflowTests.people {
                    var action = ActionRequest(kind, target: target)
                    action.params = Workflow.placeholderParams(kind, store: s, target: target, person: who)
                    guard let o = try? Workflow.perform(action, by: who, at: WF.now, in: s) else { continue }
                    // The request the entry names (changed, or only logged: a breach flagged) and nothing else.
                    let touched = try #require(o.touched, "\(kind) \(target) by \(who)")
                    #expect(touched.requests == [i], "\(kind) \(target) by \(who)")
                    #expect(Set(Self.differing(s, o.store)).isSubset(of: touched.requests), "\(kind) \(target) by \(who)")
                    let wrongHint = ActionTouched(action, before: .init(s), after: o.store, position: (i + 1) % s.requests.count)
                    #expect(wrongHint == o.touched, "a wrong position is checked, not trusted")
                    ran += 1
                }
            }
        }
        #expect(ran > 30)
    }

    /// An undo of an account's change touches no request; an undo of a request's change touches that request.
    @Test func undoTouchesWhatItPutsBack() throws {
        var p = ActionParams(); p.health = .atRisk
        let health = try Workflow.perform(ActionRequest(.setHealth, target: "acme", params: p), by: "csm", at: WF.now, in: WF.store())
        let undo = try Workflow.perform(ActionRequest(.undo, target: String(health.store.activity.count - 1)), by: "csm", at: WF.now, in: health.store)
        #expect(undo.touched == ActionTouched(requests: []))
        #expect(undo.store.accounts != health.store.accounts)
    }

    /// A session's commit says what it touched when nothing else happened; after catching up with another
    /// session's action it says nil (more than this action changed the store the caller had).
    @Test func aSessionSaysNilAfterCatchingUp() throws {
        let f = try JournalFixture()
        let (a, _) = try StoreSession.open(f.path)
        let (b, _) = try StoreSession.open(f.path)
        let before = a.store
        let done = try a.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        let touched = try #require(done.touched)
        #expect(touched.requests == Self.differing(before, done.store))
        #expect(touched.requests.count == 1)
        // b has not seen a's action: its own commit catches up first.
        let other = try b.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:01"))
        #expect(other.touched == nil)
    }
}
