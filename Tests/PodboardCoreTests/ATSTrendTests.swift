import Foundation
import Testing
@testable import PodboardCore

// The ATS trend (Engine/ATSTrend.swift) and the MSG pace (AccountProgress), worked by hand.
@Suite struct ATSTrendTests {
    static func c(_ id: String, _ value: Decimal, added: String, offline: Bool = false, sunset: String? = nil) -> Contract {
        Contract(id: id, account: "acme", tool: id, vendor: "v", billing: .annual, annualValue: value,
                 startsOn: LocalDate("2025-01-01")!, endsOn: LocalDate("2027-12-31")!, autoRenew: false, noticeDays: 30,
                 addedOn: LocalDate(added)!, offline: offline, sunsetOn: sunset.flatMap { LocalDate($0) })
    }

    // Today Monday 2026-11-23: the window starts 2026-01-01 (2026-Q1, three quarters before Q4); its Sundays run
    // from 2026-01-04 to 2026-11-22 (47 of them), then today: 48 points.
    //   A 1000 on the platform since 2026-01-01         counts everywhere
    //   B  500 added 2026-03-10, sunset 2026-06-15      counts on the Sundays 2026-03-15 … 2026-06-14
    //   C  200 offline                                  never counts; a gap (offline)
    //   D  300 added today                              only today
    //   E  999 offline, sunset 2025-06-01               before the window: neither counted nor a gap
    static let contracts = [c("A", 1000, added: "2026-01-01"), c("B", 500, added: "2026-03-10", sunset: "2026-06-15"),
                            c("C", 200, added: "2026-01-01", offline: true), c("D", 300, added: "2026-11-23"),
                            c("E", 999, added: "2025-01-01", offline: true, sunset: "2025-06-01")]

    @Test func weeklyPointsFollowStoreRule() {
        let t = ATSTrend(contracts: Self.contracts, today: LocalDate("2026-11-23")!)
        #expect(t.from == LocalDate("2026-01-01")!)
        #expect(t.points.count == 48)
        #expect(t.points.first?.day == LocalDate("2026-01-04")!)
        #expect(t.points.dropLast().allSatisfy { $0.day.weekdayIndex == 6 })
        func at(_ d: String) -> Decimal? { t.points.first { $0.day == LocalDate(d)! }?.uploaded }
        #expect(at("2026-01-04") == 1000)
        #expect(at("2026-03-08") == 1000)
        #expect(at("2026-03-15") == 1500)
        #expect(at("2026-06-14") == 1500)
        #expect(at("2026-06-21") == 1000)
        #expect(at("2026-11-22") == 1000)
        #expect(t.points.last == ATSTrend.Point(day: LocalDate("2026-11-23")!, uploaded: 1300))
    }

    @Test func theDeficitNamesSunsetAndOfflineContracts() {
        let t = ATSTrend(contracts: Self.contracts, today: LocalDate("2026-11-23")!)
        #expect(t.gaps.map(\.contract.id) == ["B", "C"])
        #expect(t.gaps.map(\.reason) == [.sunset(LocalDate("2026-06-15")!), .offline])
        #expect(t.deficit == 700)
    }

    @Test func aSundayTodayIsOnePoint() {
        let t = ATSTrend(contracts: [Self.c("A", 10, added: "2026-01-01")], today: LocalDate("2026-11-22")!)
        #expect(t.points.count == 47)
        #expect(t.points.last?.day == LocalDate("2026-11-22")!)
    }

    // MSG pace. acme (WF.store) has 16000 approved (REQ-10 and REQ-16: 50000 − 42000 each) and an MSG of 120000.
    // With a hand-over on 2026-10-01 the window ends 2027-03-30; on 2026-11-23, 53 of 180 days have passed (29.4 %).
    @Test func paceInsideTheMSGWindow() {
        var s = WF.store()
        s.accounts[0].podHandoverOn = LocalDate("2026-10-01")!
        let behind = AccountProgress(s.accounts[0], Snapshot(store: s, today: WF.today))
        #expect(behind.approved == 16000)
        #expect(behind.msgDaysLeft == 127)
        #expect(behind.msgOnPace == false)  // 13.3 % of the MSG < 29.4 % of the window
        s.accounts[0].msg = 40000  // 40 % ≥ 29.4 %
        let onPace = AccountProgress(s.accounts[0], Snapshot(store: s, today: WF.today))
        #expect(onPace.msgOnPace == true)
        #expect(onPace.pseProgress == Decimal(16000) / Decimal(240000))
    }

    @Test func noPaceOutsideTheWindow() {
        let s = WF.store()  // hand-over 2026-03-01: the window ended 2026-08-28
        let p = AccountProgress(s.accounts[0], Snapshot(store: s, today: WF.today))
        #expect(p.msgDaysLeft == nil && p.msgOnPace == nil)
    }
}
