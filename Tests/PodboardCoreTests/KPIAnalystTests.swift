import Foundation
import Testing
@testable import PodboardCore

// SaaS Analyst KPIs. Today is 2026-11-25 (a Wednesday) unless a test says otherwise. qualifyWorkingDays 1,
// flagWorkingDays 1, calendarDueDaysBeforeQuarter 28.

@Suite struct KPIAnalystTests {
    private func fixture() -> KPIFixture {
        var f = KPIFixture()
        f.account("acme")
        f.person("ana", [.analyst])
        f.person("bo", [.analyst])
        return f
    }

    @Test func qualificationMetMissedPending() {
        var f = fixture()
        f.request("Q1", analyst: "ana", assigned: "2026-11-20 11:00",
                  history: [("2026-11-23 10:59", .qualifying)])                 // Fri → due Mon 11:00: met
        f.request("Q2", analyst: "ana", assigned: "2026-11-16 11:00",
                  history: [("2026-11-17 11:01", .qualified)])                  // due 11-17 11:00: a minute late
        f.request("Q3", analyst: "ana", assigned: "2026-11-10 10:00")          // no action, due 11-11: missed
        f.request("Q4", analyst: "ana", assigned: "2026-11-24 09:00")          // due today 09:00: pending
        f.request("Q5", analyst: "ana", assigned: "2026-09-30 10:00")          // assigned last quarter: not listed
        f.request("Q6", analyst: "ana", assigned: "2026-09-30T20:00:00Z",      // 2026-10-01 01:30 in Kolkata
                  history: [("2026-10-01 12:00", .disqualified)])
        f.request("Q7", analyst: "bo", assigned: "2026-11-20 11:00")           // someone else's
        f.request("Q8", analyst: "ana", assigned: "2026-11-25 10:00")          // due tomorrow: pending
        f.request("Q9", analyst: "ana", assigned: "2026-11-26 10:00")          // assigned after now: not listed
        let r = f.report("2026-11-25").r("analyst.qualification", "ana")
        #expect(r.met == 2)
        #expect(r.counted == 4)
        #expect(r.value == kpiDec("0.5"))
        #expect(r.target == 1)
        #expect(r.status == .red)
        #expect(r.outcome("Q1") == .met)
        #expect(r.outcome("Q2") == .missed)
        #expect(r.outcome("Q3") == .missed)
        #expect(r.outcome("Q4") == .pending)
        #expect(r.outcome("Q6") == .met)
        #expect(r.outcome("Q8") == .pending)
        for id in ["Q5", "Q7", "Q9"] { #expect(r.outcomes(id).isEmpty) }
        #expect(r.why("Q2") == "assigned 2026-11-16 11:00, due 2026-11-17 11:00; late: qualified by ana 2026-11-17 11:01")
        #expect(r.why("Q6") == "assigned 2026-10-01 01:30, due 2026-10-02 01:30; disqualified by ana 2026-10-01 12:00")
        #expect(r.title == "Qualification within 1 working day")
        let bo = f.report("2026-11-25").r("analyst.qualification", "bo")
        #expect(bo.outcome("Q7") == .missed)   // never acted on: its due date (11-23 11:00) is before today
        #expect(bo.met == 0)
        #expect(bo.counted == 1)
        #expect(bo.value == 0)
    }

    @Test func qualificationSkipsHolidays() {
        var f = fixture()
        // Assigned Fri 11-20 11:00, acted Tue 11-24 10:00.
        f.request("Q1", analyst: "ana", assigned: "2026-11-20 11:00", history: [("2026-11-24 10:00", .qualifying)])
        #expect(f.report("2026-11-25").r("analyst.qualification", "ana").outcome("Q1") == .missed) // due Mon 11:00
        f.store.settings.holidays.append(kpiDay("2026-11-23"))
        let r = f.report("2026-11-25").r("analyst.qualification", "ana")
        #expect(r.outcome("Q1") == .met)                                                          // due Tue 11:00
        #expect(r.why("Q1").hasPrefix("assigned 2026-11-20 11:00, due 2026-11-24 11:00"))
        #expect(r.status == .green)
    }

    @Test func agingReview() {
        var f = fixture()
        // Today Tue 2026-10-06: working days Thu 10-01, Fri 10-02, Mon 10-05 and today.
        f.review("2026-09-30")                       // last quarter
        f.review("2026-10-01")
        f.review("2026-10-02", by: "bo")             // someone else's
        f.review("2026-10-02", kind: "other")        // not an aging review
        f.review("2026-10-03")                       // a Saturday: not a working day, not counted
        f.review("2026-10-05")
        let r = f.report("2026-10-06").r("analyst.agingReview", "ana")
        #expect(r.items.map(\.subject) == ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06"])
        #expect(r.items.map(\.outcome) == [.met, .missed, .met, .pending])
        #expect(r.met == 2)
        #expect(r.counted == 3)
        #expect(r.value == Decimal(2) / Decimal(3))
        #expect(r.status == .red)
        // Reviewed today: today counts.
        f.review("2026-10-06")
        let t = f.report("2026-10-06").r("analyst.agingReview", "ana")
        #expect(t.met == 3)
        #expect(t.counted == 4)
        #expect(t.value == kpiDec("0.75"))
        // 10-02 a holiday: every working day reviewed.
        f.store.settings.holidays.append(kpiDay("2026-10-02"))
        let h = f.report("2026-10-06").r("analyst.agingReview", "ana")
        #expect(h.met == 3)
        #expect(h.counted == 3)
        #expect(h.status == .green)
        // bo reviewed only 10-02 (a holiday now): nothing met.
        let bo = f.report("2026-10-06").r("analyst.agingReview", "bo")
        #expect(bo.met == 0)
        #expect(bo.counted == 2)
        #expect(bo.value == 0)
        #expect(bo.status == .red)
    }

    @Test func agingReviewNothingCountedOnTheFirstDay() {
        var f = fixture()
        let r = f.report("2026-10-01").r("analyst.agingReview", "ana")
        #expect(r.counted == 0)
        #expect(r.value == nil)
        #expect(r.status == KPIStatus.none)
        #expect(r.items.map(\.outcome) == [.pending])
        f.review("2026-10-01")
        #expect(f.report("2026-10-01").r("analyst.agingReview", "ana").status == .green)
    }

    @Test func breachFlagging() {
        var f = fixture()
        // Qualification breach at 11-17 11:00 (action 11-18), flagged 11-18 17:00, before the end of 11-18: met.
        f.request("B1", analyst: "ana", assigned: "2026-11-16 11:00", history: [("2026-11-18 09:00", .qualifying)],
                  escalations: [("2026-11-18 17:00", "ana", .tatBreach)])
        // Qualification breach Fri 11-20 10:00 (no action); deadline end of Mon 11-23; flagged Tue: late.
        f.request("B2", analyst: "ana", assigned: "2026-11-19 10:00",
                  escalations: [("2026-11-24 09:00", "ana", .tatBreach)])
        // Negotiation breach at 11-17 00:00 (due 11-16, still negotiating); flags by someone else or for another
        // reason do not count: missed.
        f.request("B3", analyst: "ana", history: [("2026-10-31 10:00", .qualified), ("2026-11-01 10:00", .negotiating)],
                  escalations: [("2026-11-17 09:00", "maya", .tatBreach), ("2026-11-17 10:00", "ana", .parallelNegotiation)])
        // Negotiation breach: submitted late (11-20); flagged 11-17 09:00: met.
        f.request("B4", analyst: "ana", history: [("2026-11-01 10:00", .negotiating), ("2026-11-20 10:00", .pendingApproval)],
                  escalations: [("2026-11-17 09:00", "ana", .tatBreach)])
        // Due 11-23, breach at 11-24 00:00, flag deadline end of 11-25 (today): pending.
        f.request("B5", analyst: "ana", history: [("2026-11-08 10:00", .negotiating)])
        // Cancelled before its due date: no breach.
        f.request("B6", analyst: "ana", history: [("2026-11-01 10:00", .negotiating), ("2026-11-10 10:00", .cancelled)])
        // Flagged before the breach happened (11-16 18:00 < 11-17 00:00): missed.
        f.request("B7", analyst: "ana", history: [("2026-11-01 10:00", .negotiating)],
                  escalations: [("2026-11-16 18:00", "ana", .tatBreach)])
        // Submitted on its due date: no breach.
        f.request("B8", analyst: "ana", history: [("2026-11-01 10:00", .negotiating), ("2026-11-16 23:00", .pendingApproval)])
        // Breach dated last quarter (09-17): not listed.
        f.request("B9", analyst: "ana", history: [("2026-09-01 10:00", .negotiating)])
        // Someone else's request.
        f.request("B10", analyst: "bo", history: [("2026-11-01 10:00", .negotiating)])
        let r = f.report("2026-11-25").r("analyst.breachFlagging", "ana")
        #expect(r.met == 2)
        #expect(r.counted == 5)
        #expect(r.value == kpiDec("0.4"))
        #expect(r.status == .red)
        #expect(r.outcome("B1") == .met)
        #expect(r.outcome("B2") == .missed)
        #expect(r.outcome("B3") == .missed)
        #expect(r.outcome("B4") == .met)
        #expect(r.outcome("B5") == .pending)
        #expect(r.outcome("B7") == .missed)
        for id in ["B6", "B8", "B9", "B10"] { #expect(r.outcomes(id).isEmpty) }
        #expect(r.why("B2") == "qualification breach 2026-11-20 10:00 (no first action); flag by end of 2026-11-23: flagged late 2026-11-24 09:00")
        #expect(r.why("B4") == "negotiation breach 2026-11-17 00:00 (due 2026-11-16, submitted 2026-11-20); flag by end of 2026-11-18: flagged 2026-11-17 09:00")
        #expect(r.title == "TAT breaches flagged within 1 working day")
        #expect(f.report("2026-11-25").r("analyst.breachFlagging", "bo").outcome("B10") == .missed)
    }

    @Test func oneEscalationCoversBothBreaches() {
        var f = fixture()
        f.store.settings.tat.negotiationDaysNew = 0
        // Assigned Fri 11-13 10:00 → qualification due Mon 11-16 10:00; first action (hand-over) 11-16 12:00: late.
        // Negotiation due 11-16 + 0 → breach 11-17 00:00. One flag on 11-17 09:00 covers both.
        f.request("C1", analyst: "ana", assigned: "2026-11-13 10:00", history: [("2026-11-16 12:00", .negotiating)],
                  escalations: [("2026-11-17 09:00", "ana", .tatBreach)])
        let r = f.report("2026-11-25").r("analyst.breachFlagging", "ana")
        #expect(r.outcomes("C1") == [.met, .met])
        #expect(r.met == 2)
        #expect(r.counted == 2)
        #expect(r.status == .green)
        #expect(r.items[0].why.hasPrefix("qualification breach 2026-11-16 10:00"))
        #expect(r.items[1].why.hasPrefix("negotiation breach 2026-11-17 00:00"))
    }

    @Test func breachFlagDeadlineSkipsHolidayAndWeekend() {
        var f = fixture()
        f.store.settings.holidays.append(kpiDay("2026-11-23"))
        // Breach Fri 11-20 10:00; Mon 11-23 is a holiday: flag by end of Tue 11-24.
        f.request("B1", analyst: "ana", assigned: "2026-11-19 10:00", escalations: [("2026-11-24 09:00", "ana", .tatBreach)])
        let r = f.report("2026-11-25").r("analyst.breachFlagging", "ana")
        #expect(r.outcome("B1") == .met)
        #expect(r.why("B1").contains("flag by end of 2026-11-24"))
        // Without an escalation, on Tue 11-24 the deadline falls today: pending; on Wed, missed.
        var g = fixture()
        g.store.settings.holidays.append(kpiDay("2026-11-23"))
        g.request("B1", analyst: "ana", assigned: "2026-11-19 10:00")
        #expect(g.report("2026-11-24").r("analyst.breachFlagging", "ana").outcome("B1") == .pending)
        #expect(g.report("2026-11-25").r("analyst.breachFlagging", "ana").outcome("B1") == .missed)
    }

    @Test func breachFlagBoundaries() {
        var f = fixture()
        // Each: assigned Thu 11-19 10:00, qualification breach Fri 11-20 10:00, flag by the end of Mon 11-23.
        f.request("E1", analyst: "ana", assigned: "2026-11-19 10:00", escalations: [("2026-11-20 10:00", "ana", .tatBreach)]) // at the breach
        f.request("E2", analyst: "ana", assigned: "2026-11-19 10:00", escalations: [("2026-11-23 23:59", "ana", .tatBreach)]) // last minute
        f.request("E3", analyst: "ana", assigned: "2026-11-19 10:00", escalations: [("2026-11-24 00:00", "ana", .tatBreach)]) // first minute late
        f.request("E4", analyst: "ana", assigned: "2026-11-19 10:00", escalations: [("2026-11-20 09:59", "ana", .tatBreach)]) // before the breach
        f.request("E5", analyst: "ana", assigned: "2026-11-19 10:00",
                  escalations: [("2026-11-26 09:00", "ana", .tatBreach)])                                   // after now: not yet
        let r = f.report("2026-11-25").r("analyst.breachFlagging", "ana")
        #expect(r.outcome("E1") == .met)
        #expect(r.outcome("E2") == .met)
        #expect(r.outcome("E3") == .missed)
        #expect(r.outcome("E4") == .missed)
        #expect(r.outcome("E5") == .missed)
        #expect(r.why("E5").hasSuffix(": not flagged"))
        #expect(r.met == 2)
        #expect(r.counted == 5)
    }

    @Test func atsCoverage() {
        var f = fixture()
        f.pod("south")
        f.account("a", ats: 100000, completed: "2026-11-10")
        f.contract("K1", account: "a", value: 60000, added: "2026-11-01")
        f.contract("K2", account: "a", value: 15000, added: "2026-11-10")              // added that day: counts
        f.contract("K3", account: "a", value: 50000, added: "2026-10-01", offline: true) // offline
        f.contract("K4", account: "a", value: 30000, added: "2026-11-11")              // added later
        f.contract("K5", account: "a", value: 20000, added: "2026-10-01", sunset: "2026-11-10") // sunset that day
        f.account("b", ats: 100000, completed: "2026-11-20")
        f.contract("K6", account: "b", value: kpiDec("74999.99"), added: "2026-11-01")    // a cent short of 75%
        f.account("c", ats: 100000, completed: "2026-09-20")                           // last quarter
        f.account("d", ats: 100000)                                                    // not completed
        f.account("e", pod: "south", ats: 100000, completed: "2026-11-15")              // another POD
        let r = f.report("2026-11-25").r("analyst.atsCoverage", "ana")
        #expect(r.met == 1)
        #expect(r.counted == 2)
        #expect(r.value == kpiDec("0.5"))
        #expect(r.status == .red)
        #expect(r.outcome("a") == .met)
        #expect(r.outcome("b") == .missed)
        for id in ["acme", "c", "d", "e"] { #expect(r.outcomes(id).isEmpty) }
        #expect(r.why("a") == "onboarded 2026-11-10: uploaded ATS 75,000 of declared 100,000 (75.0%), needs 75%")
    }

    @Test func renewalCalendar() {
        // Next quarter 2027-Q1 starts 2027-01-01; due 28 days before: 2026-12-04.
        var f = fixture()
        let pending = f.report("2026-11-25").r("analyst.renewalCalendar", "ana")
        #expect(pending.value == nil)
        #expect(pending.status == KPIStatus.none)
        #expect(pending.target == 1)
        #expect(pending.met == nil && pending.counted == nil)
        #expect(pending.items.map(\.outcome) == [.pending])
        #expect(pending.title == "Renewal calendar 2027-Q1 by 2026-12-04")
        // Due today, not published: still pending.
        #expect(f.report("2026-12-04").r("analyst.renewalCalendar", "ana").value == nil)
        // The day after: 0, red.
        let missed = f.report("2026-12-05").r("analyst.renewalCalendar", "ana")
        #expect(missed.value == 0)
        #expect(missed.status == .red)
        #expect(missed.items.map(\.outcome) == [.missed])

        f.publication("2026-11-20 10:00")
        f.publication("2026-11-20 10:00", by: "bo", quarter: "2026-Q4")   // the wrong quarter
        let met = f.report("2026-11-25").r("analyst.renewalCalendar", "ana")
        #expect(met.value == 1)
        #expect(met.status == .green)
        #expect(met.items.map(\.outcome) == [.met])
        #expect(met.items[0].why == "published 2026-11-20, due 2026-12-04")
        #expect(f.report("2026-12-05").r("analyst.renewalCalendar", "bo").value == 0)
        #expect(f.report("2026-11-25").r("analyst.renewalCalendar", "bo").value == nil)
    }

    @Test func renewalCalendarPublishedLateAcrossTimeZone() {
        var f = fixture()
        // 2026-12-04T20:00:00Z is 2026-12-05 01:30 in Kolkata: one day late.
        f.publication("2026-12-04T20:00:00Z")
        #expect(f.report("2026-12-04").r("analyst.renewalCalendar", "ana").value == nil)   // not happened yet
        let r = f.report("2026-12-05").r("analyst.renewalCalendar", "ana")
        #expect(r.value == 0)
        #expect(r.items[0].why == "published late 2026-12-05, due 2026-12-04")
        // Published at 2026-12-04 23:59 in Kolkata: on time.
        var g = fixture()
        g.publication("2026-12-04 23:59")
        #expect(g.report("2026-12-10").r("analyst.renewalCalendar", "ana").value == 1)
    }
}
