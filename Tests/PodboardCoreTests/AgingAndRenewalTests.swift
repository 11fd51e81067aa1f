import Foundation
import Testing
@testable import PodboardCore

@Suite("Aging, TAT clocks, renewals, savings progress")
struct AgingAndRenewalTests {
    func snapshot(_ today: String, _ edit: (inout Store) -> Void = { _ in }) throws -> Snapshot {
        var s = try StoreFixtures.exampleStore()
        edit(&s)
        return Snapshot(store: s, today: try #require(LocalDate(today)))
    }

    @Test func agingOfANegotiation() throws {
        let snap = try snapshot("2026-11-23")
        let row = try #require(Aging.rows(snap).first)
        #expect(row.request.id == "REQ-1042")
        #expect(row.ageDays == 21)
        #expect(row.daysInStatus == 20)
        #expect(row.qualificationDue == nil, "the analyst already acted")
        #expect(row.negotiationDue?.description == "2027-01-02", "hand-over 2026-11-03 + 60 days for a renewal")
        #expect(!row.negotiationBreached)
        #expect(row.lastTouch?.description == "2026-11-06")
        #expect(row.stale)
        #expect(row.escalated)
        #expect(row.severity == .dueSoon)
        #expect(row.flags == [.stale, .escalated])
    }

    @Test func negotiationBreachStartsTheDayAfterTheDueDate() throws {
        let onDue = try snapshot("2027-01-02")
        #expect(Aging.rows(onDue).first?.negotiationBreached == false)
        #expect(Aging.rows(onDue).first?.nextDeadlineIsSoon == true)
        let after = try snapshot("2027-01-03")
        #expect(Aging.rows(after).first?.negotiationBreached == true)
        #expect(Aging.rows(after).first?.severity == .breached)
    }

    @Test func holdDaysMoveTheDueDate() throws {
        let snap = try snapshot("2026-11-23") { s in
            s.requests[0].history.append(HistoryEntry(at: Timestamp("2026-11-10T10:00:00+05:30")!, by: "ben", from: .negotiating, to: .onHold, reason: "vendor"))
            s.requests[0].history.append(HistoryEntry(at: Timestamp("2026-11-20T18:00:00+05:30")!, by: "ben", from: .onHold, to: .negotiating))
        }
        let row = try #require(Aging.rows(snap).first)
        #expect(row.negotiationDue?.description == "2027-01-12")
        #expect(row.daysInStatus == 3)
    }

    @Test func anOpenHoldRunsToToday() throws {
        let snap = try snapshot("2026-11-23") { s in
            s.requests[0].status = .onHold
            s.requests[0].history.append(HistoryEntry(at: Timestamp("2026-11-20T10:00:00+05:30")!, by: "ben", from: .negotiating, to: .onHold, reason: "customer"))
        }
        let row = try #require(Aging.rows(snap).first)
        #expect(row.negotiationDue?.description == "2027-01-05")
        #expect(row.flags.contains(.onHold))
        #expect(!row.stale, "a request on hold is not stale")
    }

    @Test func historyAfterTodayDoesNotExistYet() throws {
        let snap = try snapshot("2026-11-02")
        let row = try #require(Aging.rows(snap).first)
        #expect(row.status == .qualified)
        let before = try snapshot("2026-11-01")
        #expect(Aging.rows(before).isEmpty, "created on 2026-11-02: not there yet")
    }

    @Test func qualificationClock() throws {
        // Assigned Friday 2026-11-20 at 11:00 in Kolkata, no action yet: due Monday 11:00.
        func snap(_ today: String) throws -> Snapshot {
            try snapshot(today) { s in
                var r = s.requests[0]
                r.id = "REQ-2000"; r.status = .new; r.history = []; r.buyer = nil; r.kind = .new; r.contract = nil
                r.createdAt = Timestamp("2026-11-20T10:00:00+05:30")!
                r.assignedAt = Timestamp("2026-11-20T11:00:00+05:30")!
                r.escalations = []; r.updates = []
                s.requests = [r]
            }
        }
        let monday = try #require(Aging.rows(try snap("2026-11-23")).first)
        #expect(monday.qualificationDue == Timestamp("2026-11-23T11:00:00+05:30"))
        #expect(!monday.qualificationBreached, "a deadline falling today is still pending")
        #expect(monday.severity == .dueSoon)
        #expect(monday.nextDeadline?.what == "qualify")
        let tuesday = try #require(Aging.rows(try snap("2026-11-24")).first)
        #expect(tuesday.qualificationBreached)
        #expect(tuesday.severity == .breached)
    }

    @Test func agingSortsBySeverityThenAge() throws {
        let snap = try snapshot("2026-11-23") { s in
            var young = s.requests[0]
            young.id = "REQ-3000"; young.createdAt = Timestamp("2026-11-10T10:00:00+05:30")!
            young.history = [HistoryEntry(at: Timestamp("2026-11-10T11:00:00+05:30")!, by: "ana", from: .new, to: .qualified)]
            young.status = .qualified
            var old = young
            old.id = "REQ-3001"; old.createdAt = Timestamp("2026-10-01T10:00:00+05:30")!
            s.requests += [young, old]
        }
        #expect(Aging.rows(snap).map(\.request.id) == ["REQ-1042", "REQ-3001", "REQ-3000"])
    }

    @Test func renewalDatesAndAlert() throws {
        let snap = try snapshot("2026-11-23")
        let e = try #require(Renewals.entries(snap).first)
        #expect(e.reviewOn.description == "2026-09-02")
        #expect(e.requestDueOn.description == "2026-10-02")
        #expect(e.talksStartOn.description == "2026-12-01")
        #expect(e.cancelBy.description == "2026-12-01")
        #expect(e.openRequest?.id == "REQ-1042")
        #expect(!e.noticeAlert, "an open renewal request exists")

        let noRequest = try snapshot("2026-11-23") { s in
            s.requests[0].status = .lost
            s.requests[0].history.append(HistoryEntry(at: Timestamp("2026-11-10T10:00:00+05:30")!, by: "ana", from: .negotiating, to: .lost))
        }
        let alert = try #require(Renewals.alerts(noRequest).first)
        #expect(alert.daysToCancelBy == 8)
        let tooEarly = try snapshot("2026-11-16") { s in
            s.requests[0].status = .lost
            s.requests[0].history.append(HistoryEntry(at: Timestamp("2026-11-10T10:00:00+05:30")!, by: "ana", from: .negotiating, to: .lost))
        }
        #expect(Renewals.alerts(tooEarly).isEmpty, "15 days before the cancel-by date")
    }

    @Test func quarterCalendarAndPublication() throws {
        let before = try snapshot("2026-11-23")
        let q1 = Renewals.quarter(Quarter("2027-Q1")!, before)
        #expect(q1.dueOn.description == "2026-12-04")
        #expect(q1.publication == nil, "published on 2026-11-30, after today")
        #expect(q1.entries.isEmpty)
        let q4 = Renewals.quarter(Quarter("2026-Q4")!, before)
        #expect(q4.entries.map(\.contract.id) == ["C-0001"])
        #expect(q4.byMonth.first?.month.description == "2026-12-01")
        let after = try snapshot("2026-12-01")
        #expect(Renewals.quarter(Quarter("2027-Q1")!, after).publication?.by == "ana")
    }

    @Test func savingsProgress() throws {
        let snap = try snapshot("2026-11-23") { s in
            s.requests[0].status = .approved
            s.requests[0].history += [
                HistoryEntry(at: Timestamp("2026-11-10T10:00:00+05:30")!, by: "ben", from: .negotiating, to: .pendingApproval),
                HistoryEntry(at: Timestamp("2026-11-11T10:00:00+05:30")!, by: "maya", from: .pendingApproval, to: .approved),
            ]
            s.requests[0].termMonths = 24
        }
        let r = snap.store.requests[0]
        #expect(Savings.annual(r) == Decimal(string: "7999.5"))
        #expect(Savings.totalContract(r) == Decimal(string: "15999"))
        let p = AccountProgress(snap.store.accounts[0], snap)
        #expect(p.approved == Decimal(string: "7999.5"))
        #expect(p.costAvoidance == 6000)
        #expect(p.ftvOn?.description == "2026-11-11")
        #expect(p.msgReachedOn == nil)
        #expect(p.pseTarget == 240000)
        #expect(p.approvedThisQuarter == Decimal(string: "7999.5"))
    }

    @Test func reachingTakesTiesTogether() {
        let t1 = Timestamp("2026-01-01T10:00:00Z")!, t2 = Timestamp("2026-02-01T10:00:00Z")!
        let s = AccountSavings(account: "a", approvals: [
            ApprovedSavings(request: "x", at: t2, amount: 30), ApprovedSavings(request: "y", at: t1, amount: 50),
            ApprovedSavings(request: "z", at: t2, amount: -10),
        ])
        #expect(s.reaching(50) == t1)
        #expect(s.reaching(70) == t2)
        #expect(s.reaching(71) == nil, "30 − 10 arrive together: 70 in all")
        #expect(s.cumulative(at: t1) == 50)
    }
}
