import Foundation
import Testing
import PodboardCore

/// `podboard act` for the account view's actions, on the demo store of 2026-11-23: Atlas Medical (atlas-med, POD
/// north) has a checklist of 4 (items 1 and 2 done) and contracts C-0085 (Zendesk, annual), C-0086 (Datadog,
/// monthly) and C-0087 (Kintone); sven is an analyst of north, fatima its EM, ana one of its Buyers.
@Suite("act: checklist and SaaS stack", .serialized)
struct ActAccountsTests {
    @Test func checklistActions() throws {
        let s = try ActStore()
        var after = try s.must(["tick-item", "atlas-med", "--item", "3"], as: "sven", target: "atlas-med")
        #expect(after.account("atlas-med")?.onboarding.checklist.map(\.done) == [true, true, true, false])
        after = try s.must(["untick-item", "atlas-med", "--item", "Kick-off call held"], as: "fatima", target: "atlas-med")
        #expect(after.account("atlas-med")?.onboarding.checklist.first?.done == false)
        after = try s.must(["add-item", "atlas-med", "--item", "SSO configured"], as: "sven", target: "atlas-med")
        #expect(after.account("atlas-med")?.onboarding.checklist.last == ChecklistItem(item: "SSO configured", done: false))
        // Ticking every open item completes the onboarding on --today.
        for item in ["1", "4", "5"] { try s.must(["tick-item", "atlas-med", "--item", item], as: "sven", target: "atlas-med") }
        #expect(try s.load().account("atlas-med")?.onboarding.completedOn == LocalDate("2026-11-23"))
    }

    @Test func contractActions() throws {
        let s = try ActStore()
        var after = try s.must(["add-contract", "atlas-med", "--tool", "Figma", "--vendor", "Figma Inc", "--billing", "annual",
                                "--amount", "12000.50", "--starts", "2026-12-01", "--ends", "2027-11-30", "--auto-renew", "yes",
                                "--notice-days", "45", "--offline", "no", "--contract", "FIG-1"], as: "sven", target: "FIG-1")
        let fig = try #require(after.contract("FIG-1"))
        #expect(fig.account == "atlas-med" && fig.tool == "Figma" && fig.vendor == "Figma Inc" && fig.billing == .annual)
        #expect(fig.annualValue == Decimal(string: "12000.50")! && fig.autoRenew && fig.noticeDays == 45 && !fig.offline)
        #expect(fig.startsOn == LocalDate("2026-12-01") && fig.endsOn == LocalDate("2027-11-30") && fig.addedOn == LocalDate("2026-11-23"))
        after = try s.must(["edit-contract", "FIG-1", "--amount", "13000", "--notice-days", "60", "--auto-renew", "no",
                            "--starts", "2026-12-02", "--ends", "2027-12-01"], as: "fatima", target: "FIG-1")
        let edited = try #require(after.contract("FIG-1"))
        #expect(edited.annualValue == 13000 && edited.noticeDays == 60 && !edited.autoRenew)
        #expect(edited.startsOn == LocalDate("2026-12-02") && edited.endsOn == LocalDate("2027-12-01"))
        after = try s.must(["take-offline", "C-0087"], as: "sven", target: "C-0087")
        #expect(after.contract("C-0087")?.offline == true)
        after = try s.must(["put-on-platform", "C-0087"], as: "sven", target: "C-0087")
        #expect(after.contract("C-0087")?.offline == false && after.contract("C-0087")?.addedOn == LocalDate("2026-11-23"))
        after = try s.must(["sunset", "C-0085", "--on", "2026-12-31"], as: "sven", target: "C-0085")
        #expect(after.contract("C-0085")?.sunsetOn == LocalDate("2026-12-31"))
        after = try s.must(["convert-to-annual", "C-0086"], as: "fatima", target: "C-0086")
        #expect(after.contract("C-0086")?.billing == .annual && after.contract("C-0086")?.convertedToAnnualOn == LocalDate("2026-11-23"))
        // Undo puts the contract back.
        let undone = try s.must(["undo", String(after.activity.count - 1)], as: "fatima", target: "C-0086")
        #expect(undone.contract("C-0086")?.billing == .monthly && undone.contract("C-0086")?.convertedToAnnualOn == nil)
    }

    @Test func refusalsAndBadInput() throws {
        let s = try ActStore()
        let before = s.bytes()
        let buyer = try s.act(["tick-item", "atlas-med", "--item", "3"], as: "ana")
        #expect(buyer.status == 1)
        #expect(buyer.stderr.contains("only a SaaS Analyst or the Engagement Manager of POD north"), "\(buyer.stderr)")
        let again = try s.act(["tick-item", "atlas-med", "--item", "1"], as: "sven")
        #expect(again.status == 1 && again.stderr.contains("already ticked"), "\(again.stderr)")
        for args in [["sunset", "C-0085", "--on", "2026-13-01"], ["add-contract", "atlas-med", "--auto-renew", "maybe"],
                     ["edit-contract", "C-9999", "--amount", "1"], ["tick-item", "atlas-med", "--item", "9"],
                     ["add-contract", "atlas-med", "--billing", "weekly"]] {
            let r = try s.act(args, as: "sven")
            #expect(r.status == 2, "\(args): \(r.stderr)")
        }
        #expect(s.bytes() == before, "nothing refused changed the store")
    }
}
