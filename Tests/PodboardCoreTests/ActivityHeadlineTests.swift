import Foundation
import Testing
@testable import PodboardCore

/// The live message line: what another person's action means, in a sentence (ActivityText.headline).
@Suite("Activity headlines (live messages)")
struct ActivityHeadlineTests {
    @Test func approvalNamesTheQuotaAmountInTheStoresCurrency() throws {
        var old = WF.store()
        old.settings.currency = "EUR"
        let o = try WF.run(.approve, WF.pending, by: "em", in: old)
        let line = ActivityText(store: o.store).headline(o.activity)
        // baseline 50,000 − final 42,000 = 8,000 to the Buyer's quota.
        #expect(line == "Erin North approved savings REQ-8: +EUR 8,000 to Ben North's quota")
    }

    @Test func negativeSavingsAreNotWrittenWithAPlus() throws {
        var old = WF.store()
        let i = old.requests.firstIndex { $0.id == WF.pending }!
        old.requests[i].final = wfDec("51000.50")
        let o = try WF.run(.approve, WF.pending, by: "em", in: old)
        #expect(ActivityText(store: o.store).headline(o.activity)
                == "Erin North approved savings REQ-8: -USD 1,000.50 to Ben North's quota")
    }

    @Test func handOverNamesTheBuyer() throws {
        let o = try WF.run(.handOver, WF.qualified, by: "analyst", WF.p(person: "buyer2"), in: WF.store())
        #expect(ActivityText(store: o.store).headline(o.activity) == "Ana North handed over REQ-4 to Bea North")
    }

    @Test func escalateNamesTheReason() throws {
        let o = try WF.run(.escalate, WF.negotiating, by: "buyer", WF.p(note: "IT talks to the vendor", escalation: .parallelNegotiation),
                           in: WF.store())
        #expect(ActivityText(store: o.store).headline(o.activity) == "Ben North escalated REQ-5 (parallel-negotiation)")
    }

    @Test func anAdminActingForSomeoneIsNamedWithVia() throws {
        let o = try Workflow.perform(ActionRequest(.handOver, target: WF.qualified, params: WF.p(person: "buyer")),
                                     by: "analyst", at: WF.now, in: WF.store(), stamp: ActionStamp(via: "admin"))
        let line = ActivityText(store: o.store).headline(o.activity)
        #expect(line.hasPrefix("Ana North (via "), "\(line)")
        #expect(line.hasSuffix(") handed over REQ-4 to Ben North"), "\(line)")
    }

    @Test func severalAtOnceNameTheNewestAndCountTheOthers() throws {
        let a = try WF.run(.logUpdate, WF.negotiating, by: "buyer", WF.p(note: "called"), in: WF.store())
        let b = try WF.run(.qualify, WF.qualifying, by: "analyst", at: WF.later, in: a.store)
        let c = try WF.run(.approve, WF.pending, by: "em", at: WF.latest, in: b.store)
        let t = ActivityText(store: c.store)
        #expect(t.headline([a.activity, b.activity, c.activity])
                == "Erin North approved savings REQ-8: +USD 8,000 to Ben North's quota (and 2 other changes)")
        #expect(t.headline([a.activity, b.activity]) == "Ana North qualified REQ-3 (and 1 other change)")
        #expect(t.headline([a.activity]) == "Ben North logged an update on REQ-5")
        #expect(t.headline([]) == nil)
    }

    @Test func anUnknownActionAndAPersonNotInTheStoreStillRead() {
        let a = Activity(at: WF.now, by: "ghost", action: "teleport", target: "REQ-1")
        #expect(ActivityText(store: WF.store()).headline(a) == "ghost teleport: REQ-1")
    }
}
