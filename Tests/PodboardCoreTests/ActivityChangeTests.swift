import Foundation
import Testing
@testable import PodboardCore

@Suite("Activity changes and undo of any logged action")
struct ActivityChangeTests {
    static let today = LocalDate("2026-11-23")!
    static let demo = DemoGenerator.generate(DemoOptions(today: today))
    static let at = Timestamp("2026-11-23T23:00:00+05:30")!

    @Test func onlyChangedMembersAreLoggedAndListsAsTheirAddedElements() throws {
        var p = ActionParams(); p.note = "called the vendor"
        let r = try #require(Self.demo.requests.first { $0.status == .negotiating && $0.buyer != nil && !$0.updates.isEmpty })
        let o = try Workflow.perform(ActionRequest(.logUpdate, target: r.id, params: p), by: r.buyer!, at: Self.at, in: Self.demo)
        guard case .object(let before) = o.activity.before, case .object(let after) = o.activity.after else {
            Issue.record("not objects"); return
        }
        #expect(before.isEmpty)
        #expect(after.keys == ["updates"])
        guard case .array(let added)? = after["updates"] else { Issue.record("no updates"); return }
        #expect(added.count == 1)  // the new update only, not the whole list
        // A status change logs the status, never the history.
        let h = try #require(Self.demo.requests.first { $0.status == .qualified })
        let analyst = try #require(Self.demo.people.first { $0.has(.analyst) && $0.pods.contains(Self.demo.account(h.account)!.pod) })
        let buyer = try #require(Self.demo.people.first { $0.has(.buyer) && $0.pods.contains(Self.demo.account(h.account)!.pod) })
        var hp = ActionParams(); hp.person = buyer.id
        let ho = try Workflow.perform(ActionRequest(.handOver, target: h.id, params: hp), by: analyst.id, at: Self.at, in: Self.demo)
        #expect(ho.activity.before == .object(JSONObject([("status", .string("qualified"))])))
        #expect(ho.activity.after == .object(JSONObject([("status", .string("negotiating")), ("buyer", .string(buyer.id))])))
    }

    /// The demo's own log entries have STORE.md's short shape ({status}); an approval logged that way is undone
    /// properly: the status goes back, and the approval no longer counts anywhere.
    @Test func undoOfAnApprovalLoggedInTheShortShape() throws {
        let store = Self.demo
        let k = try #require(store.activity.indices.last { i in
            let a = store.activity[i]
            return a.action == "approve" && !store.activity[(i + 1)...].contains { $0.target == a.target }
        })
        let done = store.activity[k]
        let o = try Workflow.perform(ActionRequest(.undo, target: String(k)), by: done.by, at: Self.at, in: store)
        let r = try #require(o.store.request(done.target))
        #expect(r.status == .pendingApproval)
        #expect(r.history.last?.extras["undoes"] != nil)
        let snap = Snapshot(store: o.store, today: Self.today)
        #expect(snap.timeline(r).approval == nil)
        #expect(snap.approvedSavings(r) == nil)
        #expect(Snapshot(store: store, today: Self.today).approvedSavings(store.request(done.target)!) != nil)
    }

    /// A log entry that names something podboard cannot put back is refused, and nothing changes.
    @Test func undoOfAnEntryThatDoesNotSayEnoughIsRefused() throws {
        var store = Self.demo
        let r = try #require(store.requests.first { $0.status == .negotiating })
        let who = try #require(store.people.first { $0.pods.contains(store.account(r.account)!.pod) })
        var extra = JSONObject(); extra["escalation"] = .object(JSONObject([("reason", .string("other"))]))
        store.activity.append(Activity(at: Self.at, by: who.id, action: "escalate", target: r.id, before: .object(JSONObject()), after: .object(extra)))
        #expect(throws: ActionRefusal.self) {
            try Workflow.perform(ActionRequest(.undo, target: String(store.activity.count - 1)), by: who.id, at: Self.at, in: store)
        }
    }
}
