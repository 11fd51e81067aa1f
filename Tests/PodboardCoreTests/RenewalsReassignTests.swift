import Foundation
import Testing
@testable import PodboardCore

/// Issue 8: renewal flags on hand-made contracts, workloads, reassign (guards, activity, undo), the approvals
/// facts (waiting, baseline changes) and the benchmark shown before submitting.
@Suite("Renewal flags, workloads, reassign, submissions")
struct RenewalsReassignTests {
    static let today = LocalDate("2026-11-23")!

    /// A contract of acme ending `ends`, with `notice` days of notice.
    static func contract(_ id: String, ends: String, notice: Int, auto: Bool = true, offline: Bool = false,
                         billing: Billing = .annual) -> Contract {
        var c = WF.contract(id, tool: "Datadog", vendor: "Datadog", value: 178848)
        c.endsOn = LocalDate(ends)!
        c.startsOn = c.endsOn.adding(days: -364)
        c.noticeDays = notice; c.autoRenew = auto; c.offline = offline; c.billing = billing
        return c
    }

    static func entry(_ c: Contract, extra: (inout Store) -> Void = { _ in }) throws -> RenewalEntry {
        var s = WF.store()
        s.contracts = [c]
        s.requests = s.requests.filter { $0.contract == nil }
        extra(&s)
        return try #require(Renewals.entries(Snapshot(store: s, today: today)).first)
    }

    @Test func noticePassedOnAnAutoRenewingContractWithoutRequest() throws {
        // The demo's Datadog: ends 2026-12-29, 90 days' notice: cancel-by 2026-09-30, long gone.
        let e = try Self.entry(Self.contract("C-9", ends: "2026-12-29", notice: 90))
        #expect(e.cancelBy.description == "2026-09-30")
        #expect(e.noticePassed)
        #expect(!e.noticeAlert)
        #expect(e.flags == [.noticePassed])
        #expect(RenewalFlag.noticePassed.label(e) == "notice passed: cancel-by 54d ago, no request")
        #expect(RenewalFlag.noticePassed.short(e) == "PASSED")
    }

    @Test func noticePassedNeedsAutoRenewNoRequestAndAContractNotEnded() throws {
        #expect(!(try Self.entry(Self.contract("C-9", ends: "2026-12-29", notice: 90, auto: false))).noticePassed)
        #expect(!(try Self.entry(Self.contract("C-9", ends: "2026-11-22", notice: 30))).noticePassed, "ended yesterday")
        #expect(try Self.entry(Self.contract("C-9", ends: "2026-11-23", notice: 30)).noticePassed, "ends today")
        let withRequest = try Self.entry(Self.contract("C-9", ends: "2026-12-29", notice: 90)) { s in
            s.requests.append(WF.request("REQ-90", kind: .renewal, contract: "C-9"))
        }
        #expect(withRequest.openRequest?.id == "REQ-90")
        #expect(withRequest.flags.isEmpty)
    }

    @Test func alertOfflineAndMonthlyEachHaveOneFlag() throws {
        let e = try Self.entry(Self.contract("C-9", ends: "2026-12-30", notice: 23, offline: true, billing: .monthly))
        #expect(e.daysToCancelBy == 14)
        #expect(e.flags == [.noticeAlert, .offline, .monthly])
        #expect(e.flags.map { $0.short(e) } == ["ALERT 14d", "off", "mo"])
        #expect(RenewalFlag.noticeAlert.label(e) == "notice alert: cancel-by in 14d, no request")
        let later = try Self.entry(Self.contract("C-9", ends: "2026-12-31", notice: 23))
        #expect(later.flags.isEmpty, "15 days ahead: no alert yet")
    }

    @Test func workloadCountsNegotiatingAndOnHold() {
        let s = WF.store()
        let counts = Workload.negotiations(s)
        // buyer: negotiating, oneSource, twoSources, heldNegotiating (on hold), breach; not pending, approved, closed.
        #expect(counts["buyer"] == 5)
        #expect(counts["buyer2"] == nil)
        let north = Workload.buyers(of: "north", in: s)
        #expect(north.map(\.label) == ["Ben North — 5 negotiating", "Bea North — 0 negotiating", "Max Both — 0 negotiating"])
        #expect(Workload.buyers(of: "north", in: s, excluding: "buyer").map(\.person.id) == ["buyer2", "emBuyer"])
    }

    @Test func emReassignsANegotiationAndUndoesIt() throws {
        let s = WF.store()
        let o = try WF.run(.reassign, WF.negotiating, by: "em", WF.p(person: "buyer2", note: "Ben is overloaded"), in: s)
        let r = try #require(o.store.request(WF.negotiating))
        #expect(r.buyer == "buyer2")
        #expect(r.status == .negotiating)
        #expect(r.history == s.request(WF.negotiating)!.history, "no history entry: the TAT clock stays")
        expectAudited(o, old: s, .reassign, by: "em", target: WF.negotiating)
        #expect(o.activity.before == .object(JSONObject([("buyer", .string("buyer"))])))
        #expect(o.activity.after == .object(JSONObject([("buyer", .string("buyer2"))])))
        #expect(o.activity.extras["note"] == .string("Ben is overloaded"))
        #expect(o.summary == "REQ-5 reassigned from Ben North to Bea North")
        // On hold too.
        #expect(WF.refusal(.reassign, WF.heldNegotiating, by: "em", WF.p(person: "buyer2"), in: s) == nil)
        // Undo puts Ben back.
        let u = try WF.run(.undo, String(o.store.activity.count - 1), by: "em", in: o.store)
        #expect(u.store.request(WF.negotiating)?.buyer == "buyer")
        #expect(u.store.request(WF.negotiating)?.history == s.request(WF.negotiating)!.history)
        // The journal carries the person.
        let coded = ActionCoding.encode(ActionRequest(.reassign, target: WF.negotiating, params: WF.p(person: "buyer2")))
        #expect(try ActionCoding.decode(coded).get().params.person == "buyer2")
    }

    @Test func whyNotForReassign() {
        let s = WF.store()
        #expect(Workflow.whyNot(.reassign, target: WF.negotiating, by: "em", at: WF.now, in: s) == nil)
        #expect(Workflow.whyNot(.reassign, target: WF.pending, by: "em", at: WF.now, in: s)?.contains("pending-approval") == true)
        #expect(Workflow.whyNot(.reassign, target: WF.negotiating, by: "analyst", at: WF.now, in: s) != nil)
    }

    @Test func submissionWaitAndBaselineChangeJustBefore() throws {
        var s = WF.store()
        // REQ-8 (pending) was submitted Fri 2026-11-20 12:00; its baseline changed the day before, and long before.
        func change(_ at: String, _ from: (String, String), _ to: (String, String)) -> Activity {
            func b(_ v: (String, String)) -> JSONValue {
                .object(JSONObject([("baseline", .object(JSONObject([("amount", .number(v.0)), ("basis", .string(v.1))])))]))
            }
            return Activity(at: wfTS(at), by: "analyst", action: "set-baseline", target: WF.pending, before: b(from), after: b(to))
        }
        s.activity.append(change("2026-11-02 10:00", ("40000", "first-quote"), ("45000", "first-quote")))
        s.activity.append(change("2026-11-19 16:00", ("45000", "first-quote"), ("50000", "list-price")))
        let f = try #require(Submissions.facts([WF.pending, WF.negotiating], Snapshot(store: s, today: Self.today))[WF.pending])
        #expect(f.submittedAt == wfTS("2026-11-20 12:00"))
        #expect(f.waitingWorkingDays == 1, "Fri → Mon: one working day")
        #expect(f.recentBaselineChanges.count == 1)
        #expect(f.recentBaselineChanges.first?.before == Baseline(amount: 45000, basis: .firstQuote))
        #expect(f.recentBaselineChanges.first?.after == Baseline(amount: 50000, basis: .listPrice))
        #expect(f.recentBaselineChanges.first?.workingDaysBeforeSubmission == 1)
        // Only submissions pending approval have facts.
        #expect(Submissions.facts([WF.negotiating], Snapshot(store: s, today: Self.today)).isEmpty)
    }

    @Test func benchmarkShownBeforeSubmitting() throws {
        var s = WF.store()
        s.settings.benchmarks = [(tool: "slack", share: Decimal(string: "0.2")!)]
        let snap = Snapshot(store: s, today: Self.today)
        // REQ-7: baseline 50,000, final 42,000: 16% saved; 70% of 20% is 14%.
        let check = try #require(BenchmarkCheck.of(s.request(WF.twoSources)!, snap))
        #expect(check.configured)
        #expect(check.needed == Decimal(string: "0.14")!)
        #expect(check.savingsShare == Decimal(string: "0.16")!)
        #expect(check.reaches == true)
        #expect(check.text.contains("reaches it"))
        // Without a configured figure and with fewer than 3 approved requests: none.
        #expect(BenchmarkCheck.of(WF.store().request(WF.twoSources)!, Snapshot(store: WF.store(), today: Self.today)) == nil)
    }
}
