import Foundation
import Testing
@testable import PodboardTUI
import PodboardCore

@Suite struct SparklineTests {
    @Test func levelsScaleToTheTop() {
        #expect(Sparkline.render([0, 1, 4, 8], top: 8) == " ▁▄█")
        #expect(Sparkline.render([2, 4]) == "▄█")
        // Any value above 0 shows, however small; a value above the top is full.
        #expect(Sparkline.render([Decimal(string: "0.01")!, 20], top: 10) == "▁█")
        #expect(Sparkline.render([3, 6, 9], top: 24) == "▁▂▃")
    }

    @Test func widthKeepsTheMostRecent() {
        #expect(Sparkline.render([8, 1, 2, 8], top: 8, width: 2) == "▂█")
        #expect(Sparkline.render([1, 2], width: 0) == "")
    }

    @Test func nothingToScale() {
        #expect(Sparkline.render([0, 0, 0]) == "   ")
        #expect(Sparkline.render([]) == "")
    }
}

@Suite struct SavingsSparklineTests {
    @Test func savingsAgainstTheMSGWeekByWeek() {
        let settings = Settings()
        let clock = PodboardCore.Clock(today: LocalDate("2026-11-23")!, settings: settings)
        let s = AccountSavings(account: "a", approvals: [
            ApprovedSavings(request: "r1", at: Timestamp("2026-11-02T10:00:00Z")!, amount: 2000),
            ApprovedSavings(request: "r2", at: Timestamp("2026-11-20T10:00:00Z")!, amount: 6000),
        ])
        let weeks = SavingsSeries.weekly(s, today: clock.today, weeks: 4, clock: clock)
        // Week ends 11-02, 11-09, 11-16, 11-23.
        #expect(weeks == [2000, 2000, 2000, 8000])
        #expect(Sparkline.render(weeks, top: 8000) == "▂▂▂█")
        // Above the MSG the strip stays full; nothing approved is blank.
        #expect(Sparkline.render([0, 4000, 16000], top: 8000) == " ▂█")
    }
}
