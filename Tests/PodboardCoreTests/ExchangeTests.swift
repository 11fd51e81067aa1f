import Foundation
import Testing
@testable import PodboardCore
import PodboardTestSupport

/// The outputs of issue 13 on XF's small store, with figures computed by hand (Tests/PodboardTestSupport/ExchangeFixture.swift).
@Suite struct ExchangeTests {
    @Test func customerUpdateFigures() throws {
        let snap = XF.snapshot()
        let u = CustomerUpdate(account: snap.store.accounts[0], snap)
        #expect(u.since == LocalDate("2026-11-10")!)
        #expect(u.opened.map(\.request) == ["R-5", "R-3"])
        // R-2 is approved and not yet closed: still moving (the contract is to be signed).
        #expect(u.moving.map(\.request) == ["R-5", "R-1", "R-2"])
        #expect(u.waiting.map(\.request) == ["R-4", "R-3"])
        #expect(u.waiting[0].needed == "on hold: waiting for your seat count")
        #expect(u.waiting[1].needed?.contains("pre-approval (sent 2026-11-18)") == true)
        #expect(u.savingsInPeriod == 3000)
        #expect(u.progress.approved == 4000)
        #expect(u.costAvoidanceInPeriod == 500)
        #expect(u.progress.costAvoidance == 500)
        #expect(u.progress.msgDeadline == LocalDate("2027-02-28")!)
        #expect(u.progress.msgOnPace == false)  // 40 % of the MSG, 83 of 180 days gone (46 %)
        #expect(u.progress.msgDaysLeft == 97)
        #expect(u.renewals.map(\.contract) == ["C-3", "C-1"])
        #expect(u.renewals[1].cancelBy == LocalDate("2027-01-01")!)
        #expect(u.savingsOverTime.map(\.value) == [0, 1000, 4000, 4000])
        let text = u.document().render(.text)
        #expect(text.contains("Approved in the period: USD 3,000"))
        #expect(text.contains("behind pace, 97 days left"))
    }

    @Test func customerUpdateSinceMovesThePeriod() {
        let snap = XF.snapshot()
        let u = CustomerUpdate(account: snap.store.accounts[0], since: LocalDate("2026-09-25")!, snap)
        #expect(u.savingsInPeriod == 4000)
        #expect(u.opened.map(\.request) == ["R-5", "R-3", "R-1", "R-4", "R-6"])
    }

    @Test func customerUpdateLeaksNothingInternal() {
        let snap = XF.snapshot()
        let doc = CustomerUpdate(account: snap.store.accounts[0], snap).document()
        for format in ReportDocument.Format.allCases {
            let out = doc.render(format)
            for m in XF.markers { #expect(!out.contains(m), "\(m) in \(format)") }
            #expect(out.contains("waiting for your seat count"), "the hold's reason is what the customer must answer")
            #expect(!out.contains("favorable") && !out.contains("neutral"), "health is internal")
        }
    }

    @Test func catchUpFigures() throws {
        let snap = XF.snapshot()
        let c = CatchUp(pod: snap.store.pods[0], snap)
        let a = try #require(c.accounts.first)
        #expect(a.new.map(\.id).sorted() == ["R-3", "R-5"])
        #expect(a.escalated.map(\.id) == ["R-5"])
        #expect(a.healthBefore == .neutral && a.account.health == .favorable && a.healthChanged)
        #expect(a.sentimentBefore == "grumpy MARK-ACTIVITY")
        #expect(a.coverage == Decimal(string: "0.5")!)
        #expect(a.coverageWeekAgo == Decimal(string: "0.4")!)
        #expect(a.coverageChange == Decimal(string: "0.1")!)
        let text = c.document().render(.text)
        #expect(text.contains("+10 pts"))
        #expect(text.contains("neutral · grumpy MARK-ACTIVITY → favorable · MARK-SENT happy"))
        // The people matrix: our CSM, then the contacts by escalation level.
        let pat = try #require(text.range(of: "Pat Lead")), dana = try #require(text.range(of: "Dana Buyer"))
        #expect(pat.lowerBound < dana.lowerBound)
        #expect(text.contains("Cleo MARK-PEOPLE"))
    }

    @Test func monthlyFigures() throws {
        let snap = XF.snapshot()
        let m = MonthlyReport(pod: snap.store.pods[0], snap)
        #expect(m.month == LocalDate("2026-11-01")! && m.end == XF.today)
        let r = try #require(m.rows.first)
        #expect(r.savingsInMonth == 3000 && r.savingsToDate == 4000)
        #expect(r.msgAttainment == Decimal(string: "0.4")!)
        #expect(Money.rounded(r.pseAttainment!, scale: 4) == Decimal(string: "0.1333")!)
        #expect(r.uploadedAtStart == 40000 && r.uploaded == 50000)
        #expect(r.deficitOffline == 20000 && r.deficitSunset == 0)
        #expect(r.outlook == .onPace)  // 40 % of the MSG, 83 of 364 days of the term gone
        #expect(MonthlyReport.trendWord(r) == "up 10 pts" || MonthlyReport.trendWord(r) == "up 10.0 pts")
        let oct = MonthlyReport(pod: snap.store.pods[0], month: LocalDate("2026-10-01")!, snap)
        #expect(oct.end == LocalDate("2026-10-31")!)
        #expect(oct.rows.first?.savingsInMonth == 1000 && oct.rows.first?.savingsToDate == 1000)
        #expect(MonthlyReport.month("2026-13") == nil && MonthlyReport.month("2026-02") == LocalDate("2026-02-01")!)
    }

    @Test func iCalendarEventsUIDsFoldingAndEscaping() {
        let snap = XF.snapshot()
        var entries = Renewals.entries(snap)
        #expect(entries.map(\.contract.id) == ["C-3", "C-1", "C-2"])
        entries = Array(entries.prefix(2))
        let ics = ICalendar.calendar(entries, name: "Renewals, Q1; test", settings: snap.settings, today: XF.today)
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == 10)
        #expect(ics.components(separatedBy: "BEGIN:VALARM").count - 1 == 2)
        #expect(ics.contains("UID:renewal-C-1-cancel-by@podboard\r\n"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20270101\r\n"))
        #expect(ics.contains("X-WR-CALNAME:Renewals\\, Q1\\; test\r\n"))
        #expect(ics.contains("TRIGGER:-P14D\r\n"))
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF")
        #expect(ICalendar.text("a\\b;c,d\ne\r\nf\u{1B}") == "a\\\\b\\;c\\,d\\ne\\nf")
        let long = "DESCRIPTION:" + String(repeating: "é", count: 60)
        for l in ICalendar.fold(long).components(separatedBy: "\r\n") {
            #expect(l.utf8.count <= 75)
            #expect(String(data: Data(l.utf8), encoding: .utf8) != nil)
        }
        #expect(ICalendar.uid(contract: "C 1/é", kind: .end) == "renewal-C%201%2F%C3%A9-end@podboard")
        #expect(ics == ICalendar.calendar(entries, name: "Renewals, Q1; test", settings: snap.settings, today: XF.today))
    }

    @Test func contactsRoundTripThroughTheStore() throws {
        let store = XF.store()
        let text = JSONWriter.write(StoreEncoder.encode(store))
        let decoded = StoreFile.decode(Array(text.utf8))
        #expect(decoded.problems.isEmpty, "\(decoded.problems)")
        let back = try #require(decoded.store)
        #expect(back.accounts[0].contacts == store.accounts[0].contacts)
        #expect(text.contains("\"escalationLevel\""))
        // Absent contacts are not written.
        var none = store
        none.accounts[0].contacts = []
        #expect(!JSONWriter.write(StoreEncoder.account(none.accounts[0])).contains("contacts"))
    }

    @Test func contactsAreValidated() {
        var text = JSONWriter.write(StoreEncoder.encode(XF.store()))
        text = text.replacingOccurrences(of: "\"escalationLevel\": 2", with: "\"escalationLevel\": 0")
            .replacingOccurrences(of: "\"name\": \"Pat Lead\"", with: "\"name\": 7")
        let decoded = StoreFile.decode(Array(text.utf8))
        let messages = decoded.problems.map(\.description)
        #expect(messages.contains { $0.contains("accounts[0].contacts[0].escalationLevel") && $0.contains("1 or more") }, "\(messages)")
        #expect(messages.contains { $0.contains("accounts[0].contacts[1].name") }, "\(messages)")
    }

    @Test func documentFormatsEscapeTheirMarkup() {
        let doc = ReportDocument(title: "A <b> & \"c\"", sections: [.init("S|1", [.paragraph("x*y_z"), .table(.init(columns: ["a|b"], rows: [["<i>"]]))])])
        let html = doc.render(.html)
        #expect(html.contains("A &lt;b&gt; &amp; &quot;c&quot;") && html.contains("&lt;i&gt;"))
        let md = doc.render(.md)
        #expect(md.contains("S\\|1") && md.contains("x\\*y\\_z") && md.contains("\\<i\\>"))
    }
}
