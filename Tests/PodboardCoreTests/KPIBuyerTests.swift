import Foundation
import Testing
@testable import PodboardCore

// Buyer KPIs (buyer.quota is tested with em.buyersAtQuota). Today is 2026-11-25 (a Wednesday) unless a test
// says otherwise. Benchmarks: Slack 0.18, Zoom 0.22; benchmarkShare 0.7.

@Suite struct KPIBuyerTests {
    private func fixture() -> KPIFixture {
        var f = KPIFixture()
        f.account("acme")
        f.person("ben", [.buyer], target: 100000)
        f.person("zed", [.buyer])
        return f
    }

    @Test func benchmarkMetMissedAndLeftOut() {
        var f = fixture()
        func approved(_ id: String, _ tool: String, _ baseline: Decimal, _ final: Decimal, _ at: String, buyer: String = "ben") {
            f.request(id, tool: tool, buyer: buyer, baseline: baseline, final: final, history: [(at, .approved)])
        }
        approved("R1", "Slack", 100000, 87000, "2026-11-02 10:00")      // 13% ≥ 12.6%: met
        approved("R2", "Slack", 100000, 88000, "2026-11-03 10:00")      // 12% < 12.6%: missed
        approved("R3", "Zoom", 10000, 8460, "2026-11-04 10:00")         // 15.4% = 0.7 × 22%: met
        approved("R4", " zoom ", 10000, 9000, "2026-11-05 10:00")       // tool matched ignoring case/spaces: missed
        approved("F1", "Figma", 100000, 80000, "2026-06-10 10:00", buyer: "zed")  // 20%
        approved("F2", "Figma", 100000, 70000, "2026-07-10 10:00", buyer: "zed")  // 30%
        approved("R5", "Figma", 100000, 75000, "2026-11-06 10:00")      // 25%; benchmark (20+30+25)/3 = 25%: met
        approved("M1", "Miro", 100000, 80000, "2026-06-10 10:00", buyer: "zed")
        approved("R6", "Miro", 100000, 80000, "2026-11-07 10:00")       // only 2 Miro approvals: no benchmark
        approved("R7", "Slack", 0, 0, "2026-11-08 10:00")               // baseline 0: left out
        approved("R8", "Slack", 100000, 99000, "2026-09-20 10:00")      // last quarter: not listed
        f.request("R9", tool: "Slack", buyer: "ben", baseline: 100000, final: 50000,
                  history: [("2026-11-10 10:00", .negotiating)])        // not approved: not listed
        let r = f.report("2026-11-25").r("buyer.benchmark", "ben")
        #expect(r.met == 3)
        #expect(r.counted == 5)
        #expect(r.value == kpiDec("0.6"))
        #expect(r.target == kpiDec("0.8"))
        #expect(r.status == .red)                                         // 0.6 < 0.85 × 0.8 = 0.68
        #expect(r.outcome("R1") == .met)
        #expect(r.outcome("R2") == .missed)
        #expect(r.outcome("R3") == .met)
        #expect(r.outcome("R4") == .missed)
        #expect(r.outcome("R5") == .met)
        #expect(r.outcome("R6") == .pending)
        #expect(r.outcome("R7") == .pending)
        #expect(r.outcomes("R8").isEmpty && r.outcomes("R9").isEmpty)
        #expect(r.why("R2") == "Slack: 12.0% saved vs 12.6% needed (70% of benchmark 18.0%), approved 2026-11-03")
        #expect(Snapshot(store: f.store, today: kpiDay("2026-11-25")).benchmark(for: "figma ") == kpiDec("0.25"))
    }

    @Test func benchmarkAmberAndGreen() {
        var f = fixture()
        for (i, final) in [87000, 86000, 85000, 90000].enumerated() {
            f.request("S\(i)", tool: "Slack", buyer: "ben", baseline: 100000, final: Decimal(final),
                      history: [("2026-11-0\(i + 2) 10:00", .approved)])
        }
        let r = f.report("2026-11-25").r("buyer.benchmark", "ben")
        #expect(r.met == 3)
        #expect(r.counted == 4)
        #expect(r.status == .amber)                                       // 0.75 ≥ 0.68
        let zed = f.report("2026-11-25").r("buyer.benchmark", "zed")
        #expect(zed.counted == 0)
        #expect(zed.value == nil)
        #expect(zed.status == KPIStatus.none)
        var g = fixture()
        g.request("S1", tool: "Slack", buyer: "ben", baseline: 100000, final: 80000, history: [("2026-11-02 10:00", .approved)])
        #expect(g.report("2026-11-25").r("buyer.benchmark", "ben").status == .green)
    }

    @Test func tatSubmittedAndOpenCountedOnce() {
        var f = fixture()
        f.request("R1", buyer: "ben", history: [("2026-10-30 10:00", .qualified), ("2026-11-01 10:00", .negotiating),
                                                ("2026-11-16 18:00", .pendingApproval)])       // due 11-16, on time
        f.request("R2", buyer: "ben", history: [("2026-10-20 10:00", .negotiating),
                                                ("2026-11-10 10:00", .pendingApproval)])       // due 11-04: late
        f.request("R5", kind: .renewal, buyer: "ben",
                  history: [("2026-10-01 10:00", .negotiating)])                               // due 11-30: pending
        f.request("R6", buyer: "ben", history: [("2026-11-05 10:00", .negotiating)])          // due 11-20: open miss
        f.request("R7", kind: .expansion, buyer: "ben",
                  history: [("2026-11-10 10:00", .negotiating)])                               // due today: pending
        f.request("R8", buyer: "ben", history: [("2026-09-01 10:00", .negotiating), ("2026-09-10 10:00", .pendingApproval),
                                                ("2026-09-12 10:00", .negotiating)])           // rejected, open, past due
        f.request("R9", buyer: "ben", history: [("2026-11-01 10:00", .negotiating), ("2026-11-10 10:00", .pendingApproval),
                                                ("2026-11-12 10:00", .negotiating)])           // on time, rejected, now past due
        f.request("R10", buyer: "zed", history: [("2026-11-01 10:00", .negotiating)])
        f.request("R11", buyer: "ben", history: [("2026-09-01 10:00", .negotiating), ("2026-09-05 10:00", .pendingApproval),
                                                 ("2026-09-07 10:00", .approved)])             // submitted last quarter
        let r = f.report("2026-11-25").r("buyer.tat", "ben")
        #expect(r.met == 2)
        #expect(r.counted == 5)
        #expect(r.value == kpiDec("0.4"))
        #expect(r.target == 1)
        #expect(r.status == .red)
        #expect(r.outcome("R1") == .met)
        #expect(r.outcome("R2") == .missed)
        #expect(r.outcome("R5") == .pending)
        #expect(r.outcome("R6") == .missed)
        #expect(r.outcome("R7") == .pending)
        #expect(r.outcome("R8") == .missed)
        #expect(r.outcomes("R9") == [.met])
        #expect(r.outcomes("R10").isEmpty && r.outcomes("R11").isEmpty)
        #expect(r.why("R2") == "submitted 2026-11-10, 6 days after due 2026-11-04 (hand-over 2026-10-20 + 15 days)")
        #expect(r.why("R5") == "negotiating; due 2026-11-30 (hand-over 2026-10-01 + 60 days)")
        #expect(r.title == "Negotiations within TAT (15/60 days)")
    }

    @Test func tatHoldDays() {
        var f = fixture()
        // 4 days on hold move the due date from 11-16 to 11-20; submitted 11-19: met.
        f.request("H1", buyer: "ben", history: [("2026-11-01 10:00", .negotiating), ("2026-11-05 10:00", .onHold),
                                                ("2026-11-09 10:00", .negotiating), ("2026-11-19 10:00", .pendingApproval)])
        // A hold that begins after the due date (10-16) does not move it: submitted 10-25, late.
        f.request("H2", buyer: "ben", history: [("2026-10-01 10:00", .negotiating), ("2026-10-20 10:00", .onHold),
                                                ("2026-10-24 10:00", .negotiating), ("2026-10-25 10:00", .pendingApproval)])
        // Now on hold, but the hold began after the due date (11-16): an open miss.
        f.request("H3", buyer: "ben", history: [("2026-11-01 10:00", .negotiating), ("2026-11-20 10:00", .onHold)])
        // An open hold since 11-10 runs to today: due 11-16 + 15 = 12-01, pending.
        f.request("H4", buyer: "ben", history: [("2026-11-01 10:00", .negotiating), ("2026-11-10 10:00", .onHold)])
        // A hold beginning on the due date itself still moves it: 9 days, due 11-25 (today), pending.
        f.request("H5", buyer: "ben", history: [("2026-11-01 10:00", .negotiating), ("2026-11-16 10:00", .onHold),
                                                ("2026-11-25 09:00", .negotiating)])
        // A hold before the hand-over does not count: due 11-16, submitted 11-17.
        f.request("H6", buyer: "ben", history: [("2026-10-25 10:00", .onHold), ("2026-10-30 10:00", .qualified),
                                                ("2026-11-01 10:00", .negotiating), ("2026-11-17 10:00", .pendingApproval)])
        let snap = Snapshot(store: f.store, today: kpiDay("2026-11-25"))
        func due(_ id: String) -> LocalDate? {
            let r = f.store.request(id)!
            return snap.timeline(r).negotiationDueDate(kind: r.kind, tat: f.store.settings.tat, clock: snap.clock)
        }
        #expect(due("H1") == kpiDay("2026-11-20"))
        #expect(due("H2") == kpiDay("2026-10-16"))
        #expect(due("H3") == kpiDay("2026-11-16"))
        #expect(due("H4") == kpiDay("2026-12-01"))
        #expect(due("H5") == kpiDay("2026-11-25"))
        #expect(due("H6") == kpiDay("2026-11-16"))
        let r = KPIEngine.compute(snap).r("buyer.tat", "ben")
        #expect(r.outcome("H1") == .met)
        #expect(r.outcome("H2") == .missed)
        #expect(r.outcome("H3") == .missed)
        #expect(r.outcome("H4") == .pending)
        #expect(r.outcome("H5") == .pending)
        #expect(r.outcome("H6") == .missed)
        #expect(r.met == 1)
        #expect(r.counted == 4)
        #expect(r.why("H1") == "submitted 2026-11-19, due 2026-11-20 (hand-over 2026-11-01 + 15 days + 4 hold days)")
        #expect(r.why("H3") == "on-hold, not submitted; due 2026-11-16 (hand-over 2026-11-01 + 15 days)")
    }

    @Test func tatIgnoresHistoryAfterNow() {
        var f = fixture()
        // Submitted 2026-11-26 10:00: on 2026-11-25 that has not happened yet.
        f.request("R1", buyer: "ben", history: [("2026-11-01 10:00", .negotiating), ("2026-11-26 10:00", .pendingApproval)])
        let snap = Snapshot(store: f.store, today: kpiDay("2026-11-25"))
        #expect(snap.timeline(f.store.requests[0]).submission == nil)
        #expect(snap.timeline(f.store.requests[0]).status == .negotiating)
        let r = KPIEngine.compute(snap).r("buyer.tat", "ben")
        #expect(r.outcome("R1") == .missed)
        #expect(r.why("R1") == "negotiating, not submitted; due 2026-11-16 (hand-over 2026-11-01 + 15 days)")
        let later = f.report("2026-11-26").r("buyer.tat", "ben")
        #expect(later.why("R1") == "submitted 2026-11-26, 10 days after due 2026-11-16 (hand-over 2026-11-01 + 15 days)")
        // Before the hand-over happened, nothing is listed.
        #expect(f.report("2026-10-31").r("buyer.tat", "ben").items.isEmpty)
    }

    @Test func visibilityDaysUpdatesAndTimeZone() {
        var f = fixture()
        // Handed over Wed 11-18: counted days Thu 19, Fri 20, Mon 23, Tue 24 (weekend skipped); today pending.
        f.request("V1", buyer: "ben", history: [("2026-11-18 15:00", .negotiating)],
                  updates: [("2026-11-18 16:00", "ben"),          // the hand-over day: not counted
                            ("2026-11-19 10:00", "ben"),
                            ("2026-11-20 10:00", "ana"),          // not by the Buyer
                            ("2026-11-22T20:00:00Z", "ben"),      // 2026-11-23 01:30 in Kolkata
                            ("2026-11-25 09:00", "ben")])         // today
        let r = f.report("2026-11-25").r("buyer.visibility", "ben")
        #expect(r.met == 2)
        #expect(r.counted == 4)
        #expect(r.value == kpiDec("0.5"))
        #expect(r.status == .red)
        #expect(r.items.map(\.outcome) == [.met, .missed, .met, .missed, .pending])
        #expect(r.items.map { String($0.why.prefix(10)) } == ["2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25"])
        #expect(r.items[2].why == "2026-11-23: update by ben at 2026-11-23 01:30")
        #expect(r.items[1].why == "2026-11-20: negotiating, no update by ben")

        // A holiday on 11-24 is not a working day.
        f.store.settings.holidays.append(kpiDay("2026-11-24"))
        let h = f.report("2026-11-25").r("buyer.visibility", "ben")
        #expect(h.met == 2)
        #expect(h.counted == 3)
        #expect(h.value == Decimal(2) / Decimal(3))
    }

    @Test func visibilityUsesStatusAtEndOfEachDay() {
        var f = fixture()
        f.request("V2", buyer: "ben", history: [("2026-11-16 10:00", .negotiating), ("2026-11-19 10:00", .onHold),
                                                ("2026-11-23 12:00", .negotiating), ("2026-11-24 16:00", .pendingApproval)],
                  updates: [("2026-11-17 12:00", "ben"), ("2026-11-19 09:00", "ben")])
        // A submission after now does not exist: today stays pending.
        f.request("V3", buyer: "ben", history: [("2026-11-20 10:00", .negotiating), ("2026-11-26 10:00", .pendingApproval)],
                  updates: [("2026-11-23 12:00", "ben"), ("2026-11-24 12:00", "ben")])
        let r = f.report("2026-11-25").r("buyer.visibility", "ben")
        // V2: 17 (update) met, 18 missed, 19 and 20 on hold, 23 negotiating at its end: missed, 24 submitted.
        #expect(r.outcomes("V2") == [.met, .missed, .missed])
        #expect(r.items.filter { $0.subject == "V2" }.map { String($0.why.prefix(10)) } == ["2026-11-17", "2026-11-18", "2026-11-23"])
        #expect(r.outcomes("V3") == [.met, .met, .pending])
        #expect(r.met == 3)
        #expect(r.counted == 5)
        #expect(r.value == kpiDec("0.6"))
    }

    @Test func visibilityAllUpdatedIsGreenAndStartsAtQs() {
        var f = fixture()
        // Handed over in the last quarter: only days from Qs (Thu 10-01) count; submitted Tue 10-06 morning.
        f.request("V1", buyer: "ben", history: [("2026-09-29 10:00", .negotiating), ("2026-10-06 09:00", .pendingApproval)],
                  updates: [("2026-10-01 10:00", "ben"), ("2026-10-02 10:00", "ben"), ("2026-10-05 10:00", "ben")])
        let r = f.report("2026-11-25").r("buyer.visibility", "ben")
        #expect(r.items.map(\.why) == ["2026-10-01: update by ben at 2026-10-01 10:00",
                                       "2026-10-02: update by ben at 2026-10-02 10:00",
                                       "2026-10-05: update by ben at 2026-10-05 10:00"])
        #expect(r.met == 3)
        #expect(r.counted == 3)
        #expect(r.status == .green)
    }
}
