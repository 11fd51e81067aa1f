import Foundation
import Testing
@testable import PodboardCore

// Engagement Manager KPIs. Today is 2026-11-25 (a Wednesday) unless a test says otherwise: Q = 2026-Q4,
// Qs = 2026-10-01.

@Suite struct KPIManagerTests {
    @Test func ftvMetMissedPendingAndScope() {
        var f = KPIFixture()
        f.account("a", initiated: "2026-11-01")                        // first savings 9 days later: met
        f.approved("A1", account: "a", at: "2026-11-10 12:00", savings: 5000)
        f.account("b", initiated: "2026-10-01")                        // 19 days later: missed
        f.approved("B1", account: "b", at: "2026-10-20 12:00", savings: 5000)
        f.account("c", initiated: "2026-11-05")                        // nothing by 2026-11-19: missed
        f.account("d", initiated: "2026-11-11")                        // due 2026-11-25, today: pending
        f.account("e", initiated: nil)                                 // not initiated: left out
        f.account("f", initiated: "2026-09-01", termEnds: "2026-09-30") // not served this quarter: not listed
        f.approved("F1", account: "f", at: "2026-09-05 12:00", savings: 5000)
        f.account("g", initiated: "2026-11-01")                        // negative savings first; first positive late
        f.approved("G1", account: "g", at: "2026-11-03 12:00", savings: -1000)
        f.approved("G2", account: "g", at: "2026-11-20 12:00", savings: 2000)
        let r = f.report("2026-11-25").r("em.ftv", "north")
        #expect(r.met == 1)
        #expect(r.counted == 4)
        #expect(r.value == kpiDec("0.25"))
        #expect(r.target == 1)
        #expect(r.status == .red)
        #expect(r.outcome("a") == .met)
        #expect(r.outcome("b") == .missed)
        #expect(r.outcome("c") == .missed)
        #expect(r.outcome("d") == .pending)
        #expect(r.outcome("e") == .pending)
        #expect(r.outcomes("f").isEmpty)
        #expect(r.outcome("g") == .missed)
        #expect(r.items.count == 6)
        #expect(r.why("a") == "first savings 5,000 (A1) approved 2026-11-10, 9 days after initiation 2026-11-01 (limit 14)")
        #expect(r.why("g").contains("(G2) approved 2026-11-20, 19 days"))
        #expect(r.title == "FTV within 14 days")
    }

    @Test func ftvDeadlineDayCountsAsMetAndAllMetIsGreen() {
        var f = KPIFixture()
        f.account("a", initiated: "2026-11-11")                        // due today, approved today
        f.approved("A1", account: "a", at: "2026-11-25 23:30", savings: 1)
        let r = f.report("2026-11-25").r("em.ftv", "north")
        #expect(r.met == 1)
        #expect(r.counted == 1)
        #expect(r.value == 1)
        #expect(r.status == .green)
    }

    @Test func ftvTimeZone() {
        // 2026-11-22T20:00:00Z is 2026-11-23 01:30 in Asia/Kolkata.
        var f = KPIFixture()
        f.account("a", initiated: "2026-11-09")                        // due 2026-11-23: met on the 23rd
        f.approved("A1", account: "a", at: "2026-11-22T20:00:00Z", savings: 1000)
        f.account("b", initiated: "2026-11-08")                        // due 2026-11-22: one day late
        f.approved("B1", account: "b", at: "2026-11-22T20:00:00Z", savings: 1000)
        let r = f.report("2026-11-24").r("em.ftv", "north")
        #expect(r.outcome("a") == .met)
        #expect(r.outcome("b") == .missed)
        #expect(r.why("b").contains("approved 2026-11-23, 15 days"))
        // On 2026-11-22 the approval has not happened yet (it is after the end of that day in Kolkata).
        let early = f.report("2026-11-22").r("em.ftv", "north")
        #expect(early.outcome("a") == .pending)
        #expect(early.outcome("b") == .pending)
        #expect(early.counted == 0)
        #expect(early.value == nil)
        #expect(early.status == KPIStatus.none)
    }

    @Test func msgMetMissedPending() {
        var f = KPIFixture()
        f.account("a", handover: "2026-06-01", msg: 100000)            // reached 2026-08-01, day 61: met
        f.approved("A1", account: "a", at: "2026-07-01 10:00", savings: 60000)
        f.approved("A2", account: "a", at: "2026-08-01 10:00", savings: 40000)
        f.account("b", handover: "2026-03-01", msg: 100000)            // due 2026-08-28, reached 2026-10-10: missed
        f.approved("B1", account: "b", at: "2026-10-10 10:00", savings: 100000)
        f.account("c", handover: "2026-04-01", msg: 100000)            // due 2026-09-28, never reached: missed
        f.approved("C1", account: "c", at: "2026-05-01 10:00", savings: 50000)
        f.account("d", handover: "2026-05-29", msg: 100000)            // due 2026-11-25, today: pending
        f.approved("D1", account: "d", at: "2026-11-01 10:00", savings: 30000)
        f.account("e", handover: "2026-01-01", termEnds: "2026-09-30", msg: 100000) // not served: not listed
        let r = f.report("2026-11-25").r("em.msg", "north")
        #expect(r.met == 1)
        #expect(r.counted == 3)
        #expect(r.value == Decimal(1) / Decimal(3))
        #expect(r.status == .red)
        #expect(r.outcome("a") == .met)
        #expect(r.outcome("b") == .missed)
        #expect(r.outcome("c") == .missed)
        #expect(r.outcome("d") == .pending)
        #expect(r.outcomes("e").isEmpty)
        #expect(r.why("a") == "MSG 100,000 reached 2026-08-01, 61 days after hand-over (limit 180), within the 90-day stretch")
        #expect(r.why("c") == "MSG 100,000 not reached by 2026-09-28 (50,000 approved to date)")
        #expect(r.why("d") == "30,000 of MSG 100,000 approved so far; due by 2026-11-25, day 180 of 180")
        #expect(r.title == "MSG within 180 days")
    }

    @Test func reachingTakesSameTimestampApprovalsTogether() {
        var f = KPIFixture()
        // +150,000 and −60,000 approved at the same instant: 90,000 at that time, not 150,000.
        f.account("t", handover: "2026-05-01", msg: 100000)            // due 2026-10-28
        f.approved("T1", account: "t", at: "2026-07-15 10:00", savings: 150000)
        f.approved("T2", account: "t", at: "2026-07-15 10:00", savings: -60000)
        f.approved("T3", account: "t", at: "2026-11-01 10:00", savings: 20000)
        // Two approvals at the same instant reach it together.
        f.account("u", handover: "2026-05-01", msg: 100000)
        f.approved("U1", account: "u", at: "2026-07-15 10:00", savings: 60000)
        f.approved("U2", account: "u", at: "2026-07-15 10:00", savings: 40000)
        let snap = Snapshot(store: f.store, today: kpiDay("2026-11-25"))
        #expect(snap.accountSavings["t"]?.reaching(100000) == kpiTS("2026-11-01 10:00"))
        #expect(snap.accountSavings["u"]?.reaching(100000) == kpiTS("2026-07-15 10:00"))
        let r = KPIEngine.compute(snap).r("em.msg", "north")
        #expect(r.outcome("t") == .missed)
        #expect(r.outcome("u") == .met)
        #expect(r.met == 1)
        #expect(r.counted == 2)
    }

    @Test func pseMetMissedPending() {
        var f = KPIFixture()
        f.account("a", termEnds: "2027-01-31", pse: 100000)            // 60,000 reached: met early
        f.approved("A1", account: "a", at: "2026-11-10 10:00", savings: 60000)
        f.account("b", termEnds: "2026-11-15", pse: 100000)            // a cent short at term end: missed
        f.approved("B1", account: "b", at: "2026-10-10 10:00", savings: kpiDec("59999.99"))
        f.account("c", termEnds: "2026-11-25", pse: 100000)            // term ends today: pending
        f.approved("C1", account: "c", at: "2026-10-10 10:00", savings: 10000)
        f.account("d", termEnds: "2026-09-30", pse: 100000)            // not served this quarter: not listed
        f.approved("D1", account: "d", at: "2026-06-10 10:00", savings: 60000)
        f.account("e", termEnds: "2026-10-31", pse: 100000)            // reached two days after term end: missed
        f.approved("E1", account: "e", at: "2026-11-02 10:00", savings: 60000)
        let r = f.report("2026-11-25").r("em.pse", "north")
        #expect(r.met == 1)
        #expect(r.counted == 3)
        #expect(r.value == Decimal(1) / Decimal(3))
        #expect(r.status == .red)
        #expect(r.outcome("a") == .met)
        #expect(r.outcome("b") == .missed)
        #expect(r.outcome("c") == .pending)
        #expect(r.outcomes("d").isEmpty)
        #expect(r.outcome("e") == .missed)
        #expect(r.why("b") == "60% of PSE (60,000) not reached by term end 2026-11-15 (59,999.99 approved)")
        #expect(r.title == "60% of PSE by term end")
    }

    @Test func gdrMetMissedPendingAmber() {
        var f = KPIFixture()
        f.account("a", termEnds: "2026-10-31", msg: 50000)             // reached before term end: met
        f.approved("A1", account: "a", at: "2026-10-20 10:00", savings: 50000)
        f.account("b", termEnds: "2026-11-10", msg: 50000)             // term over, not reached: missed
        f.account("c", termEnds: "2026-12-15", msg: 50000)             // term not over: pending
        f.approved("C1", account: "c", at: "2026-10-20 10:00", savings: 10000)
        f.account("d", termEnds: "2026-12-20", msg: 50000)             // already reached: met, counted now
        f.approved("D1", account: "d", at: "2026-11-01 10:00", savings: 50000)
        f.account("e", termEnds: "2027-01-15", msg: 50000)             // term ends next quarter: not listed
        f.approved("E1", account: "e", at: "2026-11-01 10:00", savings: 50000)
        f.account("f", termEnds: "2026-09-30", msg: 50000)             // ended last quarter: not listed
        f.account("g", termEnds: "2026-11-25", msg: 50000)             // term ends today: pending
        let r = f.report("2026-11-25").r("em.gdr", "north")
        #expect(r.met == 2)
        #expect(r.counted == 3)
        #expect(r.value == Decimal(2) / Decimal(3))
        #expect(r.target == kpiDec("0.7"))
        #expect(r.status == .amber)                                     // 0.667 ≥ 0.85 × 0.7 = 0.595
        #expect(r.outcome("a") == .met)
        #expect(r.outcome("b") == .missed)
        #expect(r.outcome("c") == .pending)
        #expect(r.outcome("d") == .met)
        #expect(r.outcome("g") == .pending)
        #expect(r.outcomes("e").isEmpty && r.outcomes("f").isEmpty)
    }

    @Test func gdrRed() {
        var f = KPIFixture()
        f.account("a", termEnds: "2026-10-31", msg: 50000)
        f.approved("A1", account: "a", at: "2026-10-20 10:00", savings: 50000)
        f.account("b", termEnds: "2026-11-10", msg: 50000)
        let r = f.report("2026-11-25").r("em.gdr", "north")
        #expect(r.value == kpiDec("0.5"))
        #expect(r.status == .red)                                       // 0.5 < 0.595
    }

    @Test func netSavingsIncludesNegativeAndOnlyThisQuarter() {
        var f = KPIFixture()
        f.pod("south")
        f.account("acme")
        f.account("sacc", pod: "south")
        f.approved("N1", at: "2026-10-05 10:00", savings: 100000)
        f.request("N2", baseline: 50000, final: 70000, history: [("2026-11-20 10:00", .approved)])   // −20,000
        f.approved("N3", at: "2026-09-30 23:00", savings: 30000)                 // last quarter
        f.approved("N4", at: "2026-09-30T20:00:00Z", savings: 10000)              // 2026-10-01 01:30 in Kolkata
        f.approved("N5", at: "2026-11-25T19:00:00Z", savings: 50000)              // 2026-11-26 00:30: after now
        f.approved("N6", account: "sacc", at: "2026-11-10 10:00", savings: 70000) // the other POD
        f.request("N7", baseline: 10000, final: 9000,
                  history: [("2026-11-20 10:00", .negotiating), ("2026-11-22 10:00", .pendingApproval)])
        let report = f.report("2026-11-25")
        let r = report.r("em.netSavings", "north")
        #expect(r.amount == 90000)
        #expect(r.targetAmount == 400000)
        #expect(r.value == kpiDec("0.225"))
        #expect(r.target == 1)
        #expect(r.status == .red)
        #expect(r.met == nil)
        #expect(r.counted == nil)
        #expect(r.outcome("N1") == .met)
        #expect(r.outcome("N2") == .missed)
        #expect(r.why("N2") == "-20,000 approved 2026-11-20 (Slack)")
        #expect(r.outcome("N4") == .met)
        #expect(r.outcome("N7") == .pending)
        #expect(r.outcomes("N3").isEmpty && r.outcomes("N5").isEmpty && r.outcomes("N6").isEmpty)
        // The south POD has no target: the amount is given, no value.
        let s = report.r("em.netSavings", "south")
        #expect(s.amount == 70000)
        #expect(s.targetAmount == nil)
        #expect(s.value == nil)
        #expect(s.status == KPIStatus.none)
        // The next day N5 exists.
        #expect(f.report("2026-11-26").r("em.netSavings", "north").amount == 140000)
    }

    @Test func netSavingsTargetZeroHasNoValue() {
        var f = KPIFixture()
        f.store.pods[0].quarterlyTargets = QuarterlyTargets([(Quarter("2026-Q4")!, 0)])
        f.account("acme")
        f.approved("N1", at: "2026-10-05 10:00", savings: 1000)
        let r = f.report("2026-11-25").r("em.netSavings", "north")
        #expect(r.amount == 1000)
        #expect(r.value == nil)
        #expect(r.targetAmount == nil)
        #expect(r.status == KPIStatus.none)
    }

    @Test(arguments: [("100000", KPIStatus.green), ("85000", .amber), ("84999.99", .red), ("120000", .green)])
    func netSavingsStatusThresholds(savings: String, expected: KPIStatus) {
        var f = KPIFixture()
        f.store.pods[0].quarterlyTargets = QuarterlyTargets([(Quarter("2026-Q4")!, 100000)])
        f.account("acme")
        f.approved("N1", at: "2026-10-05 10:00", savings: kpiDec(savings))
        let r = f.report("2026-11-25").r("em.netSavings", "north")
        #expect(r.value == kpiDec(savings) / 100000)
        #expect(r.status == expected)
    }

    @Test func healthCountsAccountsStillInTerm() {
        var f = KPIFixture()
        f.account("a", health: .favorable)
        f.account("b", health: .atRisk)
        f.account("c", termEnds: "2026-11-25", health: .favorable)       // ends today: still counted
        f.account("d", termEnds: "2026-11-24", health: .favorable)       // ended yesterday: not listed
        let r = f.report("2026-11-25").r("em.health", "north")
        #expect(r.met == 2)
        #expect(r.counted == 3)
        #expect(r.value == Decimal(2) / Decimal(3))
        #expect(r.status == .amber)
        #expect(r.outcome("b") == .missed)
        #expect(r.why("b") == "health at-risk")
        #expect(r.outcomes("d").isEmpty)
    }

    @Test func healthGreenAndRed() {
        var f = KPIFixture()
        f.account("a", health: .favorable)
        f.account("b", health: .neutral)
        #expect(f.report("2026-11-25").r("em.health", "north").status == .red)        // 0.5
        f.account("c", health: .favorable)
        f.account("d", health: .favorable)
        let r = f.report("2026-11-25").r("em.health", "north")
        #expect(r.value == kpiDec("0.75"))
        #expect(r.status == .green)
    }

    @Test func buyersAtQuotaAndBuyerQuota() {
        var f = KPIFixture()
        f.pod("south")
        f.account("acme")
        f.account("sacc", pod: "south")
        f.person("ben", [.buyer], pods: ["north", "south"], target: 100000)
        f.person("cara", [.buyer], target: 100000)
        f.person("dev", [.buyer])                                         // no target
        f.person("emi", [.buyer], target: 0)                              // target 0
        f.person("fay", [.buyer], pods: ["south"], target: 100000)
        f.person("gus", [.em])
        f.person("hal", [.buyer], target: 100000)
        f.approved("B1", at: "2026-11-02 10:00", savings: 50000, buyer: "ben")
        f.approved("B2", account: "sacc", at: "2026-11-03 10:00", savings: 30000, buyer: "ben") // counts for ben everywhere
        f.approved("C1", at: "2026-11-02 10:00", savings: 60000, buyer: "cara")
        f.approved("C2", at: "2026-09-28 10:00", savings: 60000, buyer: "cara")                  // last quarter
        f.approved("D1", at: "2026-11-02 10:00", savings: 10000, buyer: "dev")
        f.approved("H1", at: "2026-11-02 10:00", savings: 70000, buyer: "hal")                   // exactly 70%
        let report = f.report("2026-11-25")

        let north = report.r("em.buyersAtQuota", "north")
        #expect(north.met == 2)
        #expect(north.counted == 3)
        #expect(north.value == Decimal(2) / Decimal(3))
        #expect(north.target == kpiDec("0.7"))
        #expect(north.status == .amber)
        #expect(north.outcome("ben") == .met)
        #expect(north.outcome("cara") == .missed)
        #expect(north.outcome("hal") == .met)
        #expect(north.outcome("dev") == .pending)
        #expect(north.outcome("emi") == .pending)
        #expect(north.outcomes("fay").isEmpty && north.outcomes("gus").isEmpty)
        #expect(north.why("cara") == "quota 60.0%: 60,000 of 100,000 (needs 70%)")

        let south = report.r("em.buyersAtQuota", "south")
        #expect(south.met == 1)
        #expect(south.counted == 2)
        #expect(south.status == .red)

        let ben = report.r("buyer.quota", "ben")
        #expect(ben.amount == 80000)
        #expect(ben.targetAmount == 100000)
        #expect(ben.value == kpiDec("0.8"))
        #expect(ben.target == kpiDec("0.7"))
        #expect(ben.status == .green)
        #expect(ben.met == nil && ben.counted == nil)
        let cara = report.r("buyer.quota", "cara")
        #expect(cara.value == kpiDec("0.6"))
        #expect(cara.status == .amber)                                    // 0.6 ≥ 0.85 × 0.7
        #expect(cara.outcomes("C2").isEmpty)
        let hal = report.r("buyer.quota", "hal")
        #expect(hal.value == kpiDec("0.7"))
        #expect(hal.status == .green)
        let dev = report.r("buyer.quota", "dev")
        #expect(dev.amount == 10000)
        #expect(dev.targetAmount == nil)
        #expect(dev.value == nil)
        #expect(dev.status == KPIStatus.none)
        let emi = report.r("buyer.quota", "emi")
        #expect(emi.amount == 0)
        #expect(emi.value == nil)
        #expect(emi.status == KPIStatus.none)
    }

    @Test func buyerQuotaRedAndNegative() {
        var f = KPIFixture()
        f.account("acme")
        f.person("ben", [.buyer], target: 100000)
        f.approved("B1", at: "2026-11-02 10:00", savings: 60000, buyer: "ben")
        f.request("B2", buyer: "ben", baseline: 10000, final: 12000, history: [("2026-11-03 10:00", .approved)])
        let r = f.report("2026-11-25").r("buyer.quota", "ben")
        #expect(r.amount == 58000)
        #expect(r.value == kpiDec("0.58"))
        #expect(r.status == .red)                                         // 0.58 < 0.595
    }

    @Test func monthlyToAnnual() {
        var f = KPIFixture()
        f.pod("south")
        f.account("acme")
        f.account("sacc", pod: "south")
        f.contract("K1")                                                          // still monthly: missed
        f.contract("K2", billing: .annual, converted: "2026-11-10")               // converted: met
        f.contract("K3", billing: .annual, converted: "2026-10-01")               // converted on Qs: met
        f.contract("K4", billing: .annual, converted: "2026-09-15")               // annual before Qs: not listed
        f.contract("K5", starts: "2026-10-02")                                    // started after Qs: not listed
        f.contract("K6", sunset: "2026-10-01")                                    // sunset by Qs: not listed
        f.contract("K7", ends: "2026-09-30")                                      // ended before Qs: not listed
        f.contract("K8", billing: .annual, converted: "2026-12-10")               // conversion after today: missed
        f.contract("K9", account: "sacc")                                         // other POD
        f.contract("K10", sunset: "2026-10-02")                                   // sunset later: listed, missed
        let r = f.report("2026-11-25").r("em.monthlyToAnnual", "north")
        #expect(r.met == 2)
        #expect(r.counted == 5)
        #expect(r.value == kpiDec("0.4"))
        #expect(r.target == kpiDec("0.3"))
        #expect(r.status == .green)
        #expect(r.outcome("K1") == .missed)
        #expect(r.outcome("K2") == .met)
        #expect(r.outcome("K3") == .met)
        #expect(r.outcome("K8") == .missed)
        #expect(r.outcome("K10") == .missed)
        for k in ["K4", "K5", "K6", "K7", "K9"] { #expect(r.outcomes(k).isEmpty) }
        #expect(r.why("K2") == "Slack: converted to annual 2026-11-10")
        let south = f.report("2026-11-25").r("em.monthlyToAnnual", "south")
        #expect(south.met == 0)
        #expect(south.counted == 1)
        #expect(south.value == 0)
        #expect(south.status == .red)
    }
}
