import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// The accounts story, typed as keys into the app on a store file: an analyst opens pane 5 and an account, ticks
/// a checklist item, converts a monthly contract, takes one offline and sees the coverage and the KPI move, then
/// undoes it.
@Suite("Accounts by keyboard (headless)", .serialized)
struct AccountsHarnessTests {
    typealias Driver = WorkflowHarnessTests.Driver

    /// Moves the account view's cursor onto the line with `subject`.
    static func moveTo(_ subject: LineSubject, _ d: Driver) {
        guard let top = d.state.details.last,
              let i = DetailView.lines(d.state, top.target).firstIndex(where: { $0.subject == subject }) else {
            Issue.record("no line \(subject) in the account view"); return
        }
        d.type([.char("g")] + Array(repeating: .down, count: i))
        #expect(DetailView.lines(d.state, d.state.details.last!.target)[d.state.details.last!.cursor].subject == subject)
    }

    static func monthlyToAnnual(_ s: Store) -> Int? {
        KPIEngine.compute(store: s, today: TUI.today).result("em.monthlyToAnnual", scope: "north")?.met
    }

    @Test func analystStory() throws {
        let path = try WorkflowHarnessTests.storeFile()
        let metBefore = try #require(Self.monthlyToAnnual(try StoreFile.load(path).store))
        try WorkflowHarnessTests.session(path, as: "sven") { d in
            d.type([.char("5")])
            #expect(d.state.pane == .accounts)
            #expect(d.screen.contains("Atlas Medical") && d.screen.contains("2 of 4") && d.screen.contains("74.6%"), "\(d.screen)")
            d.type([.enter])
            #expect(d.state.details.last?.target == .account("atlas-med"))
            #expect(Screen.scope(d.state) == .account)

            // Tick item 3 of the checklist.
            Self.moveTo(.checklistItem(account: "atlas-med", index: 2), d)
            d.type([.char("x")])
            #expect(d.message.contains("\"Renewal dates confirmed\" ticked"), "\(d.message)")
            #expect(d.screen.contains("[x] Renewal dates confirmed"))
            #expect(d.screen.contains("Onboarding (3 of 4 done"))

            // Convert the monthly Datadog contract: the EM's monthly → annual gauge moves.
            Self.moveTo(.contract("C-0086"), d)
            d.type([.char("M")])
            #expect(d.message.contains("C-0086 (Datadog) converted"), "\(d.message)")
            #expect(Self.monthlyToAnnual(d.state.data.store) == metBefore + 1)
            #expect(d.screen.contains("annual since 2026-11-23"))

            // Take Kintone offline: uploaded ATS and coverage drop, and the deficit names it; undo puts it back.
            Self.moveTo(.contract("C-0087"), d)
            d.type([.char("o")])
            #expect(d.message.contains("C-0087 (Kintone) is offline"), "\(d.message)")
            #expect(d.screen.contains("USD 109,548 (68.9%) today"), "\(d.screen)")
            #expect(d.screen.contains("C-0087 Kintone"))
            d.type([.char("u")])
            #expect(d.message.contains("undone"), "\(d.message)")
            #expect(d.screen.contains("USD 118,548 (74.6%) today"))
            // The pane shows the ticked item.
            d.type([.escape])
            #expect(d.screen.contains("3 of 4"))
        }
        let after = try StoreFile.load(path).store
        #expect(after.account("atlas-med")?.onboarding.checklist.map(\.done) == [true, true, true, false])
        #expect(after.contract("C-0086")?.billing == .annual)
        #expect(after.contract("C-0087")?.offline == false)
        #expect(after.activity.suffix(4).map(\.action) == ["tick-item", "convert-to-annual", "take-offline", "undo"])
    }

    @Test func formsAddAContractAndAnItem() throws {
        let path = try WorkflowHarnessTests.storeFile()
        try WorkflowHarnessTests.session(path, as: "fatima") { d in
            d.type([.char("5"), .enter, .char("C")])
            #expect(d.state.form?.title == "Add a contract: Atlas Medical", "\(d.message)")
            d.type(TUI.chars("Figma") + [.tab] + TUI.chars("Figma Inc") + [.tab, .tab] + TUI.chars("24000") + [.enter, .enter, .enter, .enter, .enter, .enter])
            #expect(d.state.form == nil, "\(d.state.form?.error ?? "")")
            #expect(d.message.contains("C-0") && d.message.contains("Figma"), "\(d.message)")
            d.type([.char("i")] + TUI.chars("SSO configured") + [.enter])
            #expect(d.message.contains("\"SSO configured\" added"), "\(d.message)")
        }
        let s = try StoreFile.load(path).store
        let fig = try #require(s.contracts.last)
        #expect(fig.account == "atlas-med" && fig.annualValue == 24000 && fig.billing == .annual && fig.noticeDays == 30)
        #expect(s.account("atlas-med")?.onboarding.checklist.last?.item == "SSO configured")
    }

    @Test func keysSayWhyTheyCannotRun() {
        var s = TUI.state(user: "ana", size: Size(width: 120, height: 40))
        TUI.type(&s, [.char("5"), .enter])
        TUI.type(&s, [.char("i")])
        #expect(s.message?.text.contains("only a SaaS Analyst or the Engagement Manager") == true, "\(s.message?.text ?? "")")
        var sven = TUI.state(user: "sven", size: Size(width: 120, height: 40))
        TUI.type(&sven, [.char("5"), .enter, .char("M")])
        #expect(sven.message?.text.contains("cursor on a contract") == true, "\(sven.message?.text ?? "")")
    }
}
