import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// The three stories of the workflows issue, typed as keys into the real app state, with actions carried out
/// on a store file through a journaled session; then the store on disk is checked.
@Suite("Workflows by keyboard (headless)", .serialized)
struct WorkflowHarnessTests {
    /// A demo store written to a temp file, and a session on it.
    static func storeFile() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podboard-wf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/store.json"
        try StoreFile.create(TUI.demo, at: path)
        return path
    }

    /// The app and a performer: keys typed into it carry out actions as the run loop does.
    final class Driver {
        var state: AppState
        let performer: SessionPerformer
        init(state: AppState, performer: SessionPerformer) { self.state = state; self.performer = performer }
        func type(_ keys: [KeyEvent]) {
            for k in keys {
                for case .perform(let a) in AppUpdate.update(&state, key: k) {
                    AppUpdate.applied(&state, performer.perform(a))
                }
            }
        }
        var screen: String { TUI.screen(state) }
        var message: String { state.message?.text ?? "" }

        /// Moves the home cursor onto a request.
        func select(_ id: String) {
            type([.char("g")])
            guard let i = HomeView.rows(state).firstIndex(where: { $0.id == id }) else { Issue.record("\(id) is not on the home view"); return }
            type(Array(repeating: .down, count: i))
            #expect(HomeView.selected(state)?.id == id)
        }
    }

    /// Opens the store as `user`, runs the steps, and folds the journal into the store file.
    static func session(_ path: String, as user: String, pane: Pane = .home, size: Size = Size(width: 120, height: 40),
                        _ steps: (Driver) -> Void) throws {
        let (session, _) = try StoreSession.open(path)
        let performer = SessionPerformer(session: session, user: user, clock: TUI.clock)
        steps(Driver(state: TUI.state(user: user, store: session.store, size: size, pane: pane, isDemo: false), performer: performer))
        try session.fold()
    }

    @Test func analystBuyerAndEMStories() throws {
        let path = try Self.storeFile()
        let before = try StoreFile.load(path).store
        let quotaBefore = KPIEngine.compute(store: before, today: TUI.today).result("buyer.quota", scope: "ben")!.amount!

        // 1. The analyst marks aging reviewed, qualifies the oldest new request and hands it to a Buyer.
        try Self.session(path, as: "omar") { d in
            #expect(d.screen.contains("aging not reviewed today"))
            d.type([.char("v")])
            #expect(d.screen.contains("aging reviewed today ✓"), "\(d.message)")
            d.select("REQ-1088")
            d.type([.char("Q")])
            #expect(d.state.message?.text.contains("needs a baseline") == true, "\(d.message)")
            d.type([.char("B")] + TUI.chars("12x000"))  // the x is not an amount character and is refused
            #expect(d.state.form?.fields[0].value == "12000")
            d.type([.tab, .char("f"), .enter])
            #expect(d.state.form == nil)
            d.type([.char("Q")])
            #expect(d.state.message?.text == "REQ-1088 qualified")
            d.select("REQ-1088")
            d.type([.char("H")])
            #expect(d.screen.contains("Hand over to a Buyer"))
            // Esc leaves without changing anything.
            d.type([.escape])
            #expect(d.state.data.store.request("REQ-1088")?.status == .qualified)
            d.type([.char("H")])
            let buyers = d.state.form!.fields[0]
            guard case .picker(let choices) = buyers.kind else { Issue.record("not a picker"); return }
            d.type(Array(repeating: .right, count: choices.firstIndex { $0.value == "ben" }!))
            d.type([.enter, .enter])
            #expect(d.state.message?.text == "REQ-1088 handed over to Ben Okafor", "\(d.message)")
        }
        var disk = try StoreFile.load(path).store
        #expect(disk.request("REQ-1088")?.status == .negotiating)
        #expect(disk.request("REQ-1088")?.buyer == "ben")
        #expect(disk.reviews.contains { $0.by == "omar" && $0.on == TUI.today })
        #expect(Array(disk.activity.suffix(4).map(\.action)) == ["mark-reviewed", "set-baseline", "qualify", "hand-over"])

        // 2. The Buyer adds two quotes, logs an update, sets the final price and submits.
        try Self.session(path, as: "ben") { d in
            d.select("REQ-1088")
            d.type([.char("S")])
            #expect(d.state.message?.text.contains("final price") == true, "\(d.message)")
            d.type([.char("+")] + TUI.chars("Okta") + [.tab, .tab] + TUI.chars("11000") + [.enter])
            d.type([.char("+")] + TUI.chars("SHI 日本") + [.left, .left, .backspace, .end] + [.tab, .char("r"), .tab]
                 + TUI.chars("10200.50") + [.enter])
            d.type([.char("n")] + TUI.chars("Reseller beat the vendor by 7%") + [.enter])
            d.type([.char("F"), .paste("10200.50"), .enter])
            d.type([.char("S")])
            // The confirmation shows the savings and the tool's benchmark before anything is sent.
            #expect(d.state.form?.confirming == true, "\(d.message)")
            #expect(d.screen.contains("Really submit savings REQ-1088?"))
            #expect(d.state.form?.notes.contains { $0.contains("benchmark") } == true)
            d.type([.char("y")])
            #expect(d.state.message?.text == "REQ-1088: savings submitted for approval", "\(d.message)")
            // The Buyer, acting as approver of their own request, is refused.
            d.type([.char("0")])
            d.select("REQ-1088")
            d.type([.char("Y")])
            #expect(d.state.form == nil)
            #expect(d.state.message?.isError == true)
            #expect(d.state.message?.text.contains("Engagement Manager") == true, "\(d.message)")
        }
        disk = try StoreFile.load(path).store
        let r = disk.request("REQ-1088")!
        #expect(r.status == .pendingApproval)
        #expect(r.quotes.map(\.from) == ["Okta", "SHI日本"])
        #expect(r.quotes.map(\.source) == [.vendor, .reseller])
        #expect(r.final == Decimal(string: "10200.5"))
        #expect(r.updates.last?.text == "Reseller beat the vendor by 7%")

        // 3. The EM reads the checklist and approves; the Buyer's quota rises by the savings.
        try Self.session(path, as: "arjun") { d in
            d.select("REQ-1088")
            let screen = d.screen
            #expect(screen.contains("Checklist for REQ-1088"))
            #expect(screen.contains("2 from 2 sources"))
            #expect(screen.contains("USD 1,799.50 a year"))
            d.type([.char("Y")])
            #expect(d.state.form?.confirming == true)
            #expect(d.screen.contains("Really approve savings REQ-1088?"))
            d.type([.char("y")])
            #expect(d.state.message?.text == "REQ-1088 approved")
            let quota = d.state.data.kpis.result("buyer.quota", scope: "ben")!.amount!
            #expect(quota == quotaBefore + Decimal(string: "1799.5")!)
            // Gauges change at once: the KPI pane shows the new figure.
            d.type([.char("4")])
            #expect(d.state.data.store.request("REQ-1088")?.status == .approved)
        }
        disk = try StoreFile.load(path).store
        #expect(disk.request("REQ-1088")?.status == .approved)
        #expect(disk.activity.last?.by == "arjun")
        #expect(FileManager.default.fileExists(atPath: path + ".bak"))
        #expect(!FileManager.default.fileExists(atPath: Journal.path(for: path)))
    }

    @Test func undoReversesYourLastActionAndIsRecorded() throws {
        let path = try Self.storeFile()
        try Self.session(path, as: "omar") { d in
            d.type([.char("u")])
            #expect(d.state.message?.text == "nothing of yours to undo in this session")
            d.type([.char("v")])
            #expect(d.screen.contains("aging reviewed today ✓"))
            d.type([.char("u")])
            #expect(d.screen.contains("aging not reviewed today"), "\(d.message)")
            d.type([.char("u")])
            #expect(d.state.message?.text == "nothing of yours to undo in this session")
        }
        let disk = try StoreFile.load(path).store
        #expect(Array(disk.activity.suffix(2).map(\.action)) == ["mark-reviewed", "undo"])
        #expect(!disk.reviews.contains { $0.by == "omar" && $0.on == TUI.today })
    }

    @Test func renewalCalendarRaisesAndPublishes() throws {
        let path = try Self.storeFile()
        var raised = ""
        try Self.session(path, as: "sven", pane: .renewals) { d in
            let q = RenewalsView.quarter(d.state)
            guard let i = q.entries.firstIndex(where: { $0.openRequest == nil }) else { Issue.record("no contract without a request"); return }
            d.type(Array(repeating: .down, count: i) + [.char("R")])
            #expect(d.message.contains("raised"), "\(d.message)")
            raised = RenewalsView.quarter(d.state).entries[i].openRequest?.id ?? ""
            #expect(!raised.isEmpty)
            d.type([.char("R")])
            #expect(d.message.contains("already has an open renewal request"), "\(d.message)")
            d.type([.char("P")])
            #expect(d.screen.contains("published 2026-11-23 by Sven Lindqvist"), "\(d.message)")
            d.type([.char("P")])
            #expect(d.message.contains("published again"), "\(d.message)")
        }
        let disk = try StoreFile.load(path).store
        #expect(disk.request(raised)?.kind == .renewal)
        #expect(disk.request(raised)?.baseline?.basis == .priorContract)
        #expect(disk.publications.contains { $0.by == "sven" && $0.quarter == Quarter("2027-Q1") })
    }

    @Test func intakeRaisesARequestForAnAccountOfThePOD() throws {
        let path = try Self.storeFile()
        try Self.session(path, as: "sven", pane: .board) { d in
            d.type([.char("I"), .tab, .right, .tab] + TUI.chars("Figma") + [.enter, .enter])
            #expect(d.state.form?.error == "Vendor is needed")
            d.type(TUI.chars("Figma Inc") + [.enter])
            #expect(d.message.contains("raised"), "\(d.message)")
            #expect(BoardView.columns(d.state)[0].contains { $0.request.tool == "Figma" && $0.request.kind == .expansion })
        }
        let disk = try StoreFile.load(path).store
        let r = try #require(disk.requests.last)
        #expect(r.tool == "Figma" && r.vendor == "Figma Inc" && r.status == .new && r.kind == .expansion)
        #expect(disk.account(r.account)?.pod == "north")
        // A Buyer may not raise requests.
        var buyer = TUI.state(user: "ana", pane: .board)
        TUI.type(&buyer, [.char("I")])
        #expect(buyer.form == nil && buyer.message?.text.contains("may not raise") == true)
    }

    @Test func readOnlyAndDemoSayWhy() throws {
        var s = TUI.state(user: nil, pane: .aging)
        TUI.type(&s, [.char("Q")])
        #expect(s.message?.text.contains("--as") == true)
        // On the demo store, actions work in memory and say they are not saved.
        var demo = TUI.state(user: "omar", pane: .home)
        let session = StoreSession(inMemory: TUI.demo)
        let performer = SessionPerformer(session: session, user: "omar", clock: TUI.clock)
        for case .perform(let a) in AppUpdate.update(&demo, key: .char("v")) { AppUpdate.applied(&demo, performer.perform(a)) }
        #expect(demo.message?.text.contains("not saved") == true, "\(demo.message?.text ?? "")")
    }
}
