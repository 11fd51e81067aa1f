import Foundation
import Testing
@testable import PodboardCore

// acknowledge-escalation and resolve-escalation (WF.escalated(): REQ-5 has one parallel-negotiation escalation
// raised by its Buyer), the escalation queue, and ActivityText (the one formatter of the UI and `podboard log`).

@Suite struct EscalationWorkflowTests {
    @Test func theEMAcknowledgesWithANoteAndTheStatusStays() throws {
        let old = WF.escalated()
        let o = try WF.run(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(note: "calling the customer"), in: old)
        let e = try #require(o.store.request(WF.negotiating)?.escalations.first)
        #expect(e.acknowledgedAt == WF.now && e.acknowledgedBy == "em" && e.acknowledgedNote == "calling the customer")
        #expect(e.resolvedAt == nil && e.resolvedBy == nil && e.resolution == nil)
        #expect(o.store.request(WF.negotiating)?.status == .negotiating)
        #expect(o.store.request(WF.negotiating)?.history == old.request(WF.negotiating)?.history)
        expectAudited(o, old: old, .acknowledgeEscalation, by: "em", target: WF.negotiating)
        expectOnlyRequestChanged(o, old: old, WF.negotiating)
        #expect(o.summary.contains("acknowledged"))
    }

    @Test func resolveNeedsTheResolutionAndRecordsIt() throws {
        let old = WF.escalated()
        expectRefusal(WF.refusal(.resolveEscalation, WF.negotiating, by: "em", in: old), badInput: true, "resolution")
        let o = try WF.run(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "customer stepped back"), in: old)
        let e = try #require(o.store.request(WF.negotiating)?.escalations.first)
        #expect(e.resolvedAt == WF.now && e.resolvedBy == "em" && e.resolution == "customer stepped back")
        #expect(e.acknowledgedAt == nil, "resolving does not invent an acknowledgement")
        expectAudited(o, old: old, .resolveEscalation, by: "em", target: WF.negotiating)
        // Once resolved, neither action runs again.
        expectRefusal(WF.refusal(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "x", which: "1"), at: WF.later, in: o.store),
                      "already resolved", "Erin North")
        expectRefusal(WF.refusal(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(which: "1"), at: WF.later, in: o.store),
                      "already resolved")
        expectRefusal(WF.refusal(.acknowledgeEscalation, WF.negotiating, by: "em", at: WF.later, in: o.store), "no escalation left")
    }

    @Test func acknowledgingTwiceIsRefusedButResolvingAfterwardsRuns() throws {
        let a = try WF.run(.acknowledgeEscalation, WF.negotiating, by: "em", in: WF.escalated())
        expectRefusal(WF.refusal(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(which: "1"), at: WF.later, in: a.store),
                      "already acknowledged by Erin North")
        let r = try WF.run(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "done"), at: WF.later, in: a.store)
        #expect(r.store.request(WF.negotiating)?.escalations.first?.isResolved() == true)
    }

    @Test(arguments: ["buyer", "analyst", "csm", "emSouth", "buyerSouth"])
    func onlyTheEMOfThePODMayActEvenTheOneWhoRaisedIt(_ who: String) {
        for kind in [ActionKind.acknowledgeEscalation, .resolveEscalation] {
            expectRefusal(WF.refusal(kind, WF.negotiating, by: who, WF.p(note: "x"), in: WF.escalated()), "only an Engagement Manager of POD north")
        }
    }

    @Test func anAdminMayResolve() throws {
        let o = try WF.run(.resolveEscalation, WF.negotiating, by: "admin", WF.p(note: "closed by admin"), in: WF.escalated())
        #expect(o.store.request(WF.negotiating)?.escalations.first?.resolvedBy == "admin")
    }

    @Test func aFinishedRequestsEscalationCanStillBeResolved() throws {
        var s = WF.escalated()
        let i = s.requests.firstIndex { $0.id == WF.closed }!
        s.requests[i].escalations = [Escalation(at: wfTS("2026-11-13 12:00"), by: "analyst", reason: .other, note: "late PO")]
        let o = try WF.run(.resolveEscalation, WF.closed, by: "em", WF.p(note: "PO arrived"), in: s)
        #expect(o.store.request(WF.closed)?.escalations.first?.resolution == "PO arrived")
    }

    /// REQ-5 with three escalations, the second already resolved.
    static func three() -> Store {
        var s = WF.escalated()
        let i = s.requests.firstIndex { $0.id == WF.negotiating }!
        var second = Escalation(at: wfTS("2026-11-20 13:00"), by: "csm", reason: .customerUnresponsive, note: "")
        second.resolvedAt = wfTS("2026-11-21 10:00"); second.resolvedBy = "em"; second.resolution = "they answered"
        s.requests[i].escalations += [second, Escalation(at: wfTS("2026-11-20 14:00"), by: "analyst", reason: .other, note: "scope")]
        return s
    }

    @Test func withSeveralOpenEscalationsWhichOneMustBeSaid() throws {
        let s = Self.three()
        expectRefusal(WF.refusal(.acknowledgeEscalation, WF.negotiating, by: "em", in: s), badInput: true, "2 escalations", "#1", "#3", "--which")
        let byNumber = try WF.run(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(which: "3"), in: s)
        #expect(byNumber.store.request(WF.negotiating)?.escalations.map { $0.acknowledgedBy } == [nil, nil, "em"])
        let byTime = try WF.run(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(which: "2026-11-20T12:00:00+05:30"), in: s)
        #expect(byTime.store.request(WF.negotiating)?.escalations.map { $0.acknowledgedBy } == ["em", nil, nil])
        expectRefusal(WF.refusal(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(which: "4"), in: s), badInput: true, "no escalation #4", "it has 3")
        expectRefusal(WF.refusal(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(which: "soon"), in: s), badInput: true, "number")
        expectRefusal(WF.refusal(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(which: "2026-11-20T09:00:00+05:30"), in: s),
                      badInput: true, "no escalation raised at")
        // Only one left to resolve once #1 and #3 are: no need to say which.
        let r1 = try WF.run(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "a", which: "1"), in: s)
        let r3 = try WF.run(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "b", which: "3"), at: WF.later, in: r1.store)
        expectRefusal(WF.refusal(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "c"), at: WF.latest, in: r3.store), "no escalation left")
    }

    @Test func whyNotLooksAtTheNamedEscalation() {
        let s = Self.three()
        #expect(Workflow.whyNot(.acknowledgeEscalation, target: WF.negotiating, by: "em", at: WF.now, in: s, which: "1") == nil)
        #expect(Workflow.whyNot(.acknowledgeEscalation, target: WF.negotiating, by: "em", at: WF.now, in: s, which: "2")?.contains("already resolved") == true)
        #expect(Workflow.whyNot(.resolveEscalation, target: WF.negotiating, by: "buyer", at: WF.now, in: s, which: "1")?.contains("only an Engagement Manager") == true)
    }

    @Test func anActionBeforeTheEscalationIsStampedAfterIt() throws {
        // A session on a fixed day probes at noon; an escalation raised at 15:00 that day is still acknowledged after it.
        var s = WF.escalated()
        let i = s.requests.firstIndex { $0.id == WF.negotiating }!
        s.requests[i].escalations[0].at = wfTS("2026-11-23 15:00")
        let o = try WF.run(.acknowledgeEscalation, WF.negotiating, by: "em", in: s)
        #expect(o.store.request(WF.negotiating)?.escalations[0].acknowledgedAt == wfTS("2026-11-23 15:00"))
    }

    @Test func undoTakesAnAcknowledgementAndAResolutionBack() throws {
        let old = WF.escalated()
        let a = try WF.run(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(note: "on it"), in: old)
        let r = try WF.run(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "done"), at: WF.later, in: a.store)
        // The acknowledgement is behind the resolution: that goes first.
        expectRefusal(WF.refusal(.undo, String(a.store.activity.count - 1), by: "em", at: WF.latest, in: r.store), "undo that first")
        let u1 = try WF.run(.undo, String(r.store.activity.count - 1), by: "em", at: WF.latest, in: r.store)
        #expect(u1.store.request(WF.negotiating) == a.store.request(WF.negotiating))
        let u2 = try WF.run(.undo, String(a.store.activity.count - 1), by: "em", at: WF.latest, in: u1.store)
        #expect(u2.store.request(WF.negotiating) == old.request(WF.negotiating))
        #expect(ActivityText(store: u2.store).change(u2.activity).contains("acknowledged taken back"))
    }

    // MARK: - The queue, aging, KPIs

    @Test func theQueueListsEscalationsOldestFirstWithTheirStateAndWorkingDayAge() throws {
        let s = Self.three()
        let rows = EscalationQueue.rows(Snapshot(store: s, today: WF.today))
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows.map(\.state) == [.open, .resolved, .open])
        // Raised Friday 2026-11-20; today is Monday 11-23: one working day (the weekend does not count).
        #expect(rows[0].ageWorkingDays == 1)
        #expect(rows[1].ageWorkingDays == 0, "a resolved one stops aging when it is resolved (Saturday 11-21)")
        #expect(rows.allSatisfy { $0.isOpen == ($0.state != .resolved) })
    }

    @Test func aResolvedEscalationNoLongerFlagsTheRequestButStillCountsAsAFlag() throws {
        let old = WF.escalated()
        #expect(Aging.row(old.request(WF.negotiating)!, Snapshot(store: old, today: WF.today))?.escalated == true)
        let o = try WF.run(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "done"), in: old)
        #expect(Aging.row(o.store.request(WF.negotiating)!, Snapshot(store: o.store, today: WF.today))?.escalated == false)
        // analyst.breachFlagging reads who flagged and when, not the resolution.
        let flagged = try WF.run(.flagBreach, WF.breach, by: "analyst", in: WF.store())
        let resolved = try WF.run(.resolveEscalation, WF.breach, by: "em", WF.p(note: "submitted"), at: WF.later, in: flagged.store)
        func kpi(_ s: Store) -> KPIResult? { KPIEngine.compute(store: s, today: WF.today).result("analyst.breachFlagging", scope: "analyst") }
        #expect(kpi(resolved.store)?.items == kpi(flagged.store)?.items)
        #expect(kpi(resolved.store)?.value == kpi(flagged.store)?.value)
        expectRefusal(WF.refusal(.flagBreach, WF.breach, by: "analyst", at: WF.latest, in: resolved.store), "already flagged")
    }

    // MARK: - The store

    @Test func theNewFieldsRoundTripAndAreValidated() throws {
        let a = try WF.run(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(note: "on it"), in: WF.escalated())
        let r = try WF.run(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "done"), at: WF.later, in: a.store)
        let bytes = StoreFile.encode(r.store)
        let (back, problems) = StoreFile.decode(bytes)
        #expect(problems.isEmpty, "\(problems)")
        #expect(back?.request(WF.negotiating)?.escalations == r.store.request(WF.negotiating)?.escalations)
        let text = String(decoding: bytes, as: UTF8.self)
        for key in ["acknowledgedAt", "acknowledgedBy", "acknowledgedNote", "resolvedAt", "resolvedBy", "resolution"] {
            #expect(text.contains("\"\(key)\""), "\(key) is written")
        }
        // Who without when, an unknown person, a resolution before the escalation: problems with their path.
        let broken = text.replacingOccurrences(of: "\"resolvedBy\": \"em\"", with: "\"resolvedBy\": \"ghost\"")
            .replacingOccurrences(of: "\"acknowledgedAt\": \"2026-11-23T10:00:00+05:30\",", with: "")
        #expect(broken != text)
        let (_, found) = StoreFile.decode(Array(broken.utf8))
        let messages = found.map(\.description).joined(separator: "\n")
        #expect(messages.contains("acknowledgedBy is given without acknowledgedAt"), "\(messages)")
        #expect(messages.contains("ghost"), "\(messages)")
        // Old stores (no such keys) stay valid.
        #expect(StoreFile.decode(StoreFile.encode(WF.escalated())).problems.isEmpty)
    }

    // MARK: - ActivityText

    @Test func activityTextShowsValuesBeforeAndAfter() throws {
        var s = WF.store()
        let i = s.requests.firstIndex { $0.id == WF.negotiating }!
        s.requests[i].baseline = Baseline(amount: 52000, basis: .priorContract)
        let b = try WF.run(.setBaseline, WF.negotiating, by: "buyer", WF.p(amount: "48000", basis: .priorContract), in: s)
        let t = ActivityText(store: b.store)
        #expect(t.change(b.activity) == "baseline 52,000 (prior-contract) → 48,000")
        #expect(t.who(b.activity) == "Ben North")
        #expect(t.when(b.activity) == "2026-11-23 10:00")
        #expect(t.what(b.activity) == "set the baseline")
        let basis = try WF.run(.setBaseline, WF.negotiating, by: "buyer", WF.p(amount: "48000", basis: .listPrice), at: WF.later, in: b.store)
        #expect(t.change(basis.activity) == "baseline 48,000 (prior-contract) → 48,000 (list-price)")

        let h = try WF.run(.handOver, WF.qualified, by: "analyst", WF.p(person: "buyer"), in: WF.store())
        #expect(t.change(h.activity) == "status qualified → negotiating, buyer – → Ben North")
        let q = try WF.run(.addQuote, WF.negotiating, by: "buyer", WF.p(amount: "47000.5", from: "SoftwareOne", source: .reseller), in: WF.store())
        #expect(t.change(q.activity) == "+quote SoftwareOne (reseller) 47,000.50")
        let f = try WF.run(.setFinal, WF.negotiating, by: "buyer", WF.p(amount: "41999.99"), in: WF.store())
        #expect(t.change(f.activity) == "final – → 41,999.99")
        let e = try WF.run(.escalate, WF.negotiating, by: "csm", WF.p(note: "IT talks", escalation: .parallelNegotiation), in: WF.store())
        #expect(t.change(e.activity) == "+escalation parallel-negotiation \"IT talks\"")
        let ack = try WF.run(.acknowledgeEscalation, WF.negotiating, by: "em", WF.p(note: "on it"), in: WF.escalated())
        #expect(t.change(ack.activity) == "escalation #1 (parallel-negotiation) acknowledged by Erin North: \"on it\"")
        let res = try WF.run(.resolveEscalation, WF.negotiating, by: "em", WF.p(note: "done"), at: WF.later, in: ack.store)
        #expect(t.change(res.activity) == "escalation #1 (parallel-negotiation) resolved by Erin North: \"done\"")
        let raised = try WF.run(.raise, "acme", by: "analyst", WF.p(kind: .new, tool: "Figma", vendor: "Figma Inc"), in: WF.store())
        #expect(t.change(raised.activity) == "new request: Figma · Figma Inc (new)")
        let undo = try WF.run(.undo, String(f.store.activity.count - 1), by: "buyer", at: WF.later, in: f.store)
        #expect(t.change(undo.activity) == "final 41,999.99 → – (undoes #\(f.store.activity.count - 1))")
        // A hand-written entry in STORE.md's shape, an unknown action, a person the store does not know.
        let hand = Activity(at: WF.now, by: "script", action: "bulk-load", target: "REQ-5",
                            before: .object(JSONObject([("status", .string("new"))])),
                            after: .object(JSONObject([("status", .string("qualified")), ("escalation", .object(JSONObject([("reason", .string("other"))])))])))
        #expect(t.change(hand) == "status new → qualified, +escalation other")
        #expect(t.what(hand) == "bulk-load" && t.who(hand) == "script")
    }
}
