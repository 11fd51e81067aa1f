import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Every pane and detail view drawn from the demo store at a fixed today, as text, at 80×24 and 120×40.
@Suite("Render snapshots")
struct SnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    /// Screens reached by keys from the start (user sven, an analyst of POD north).
    static let screens: [(name: String, keys: [KeyEvent])] = [
        ("board", []),
        ("board-column-negotiating", [.char("l"), .char("l")]),
        ("aging", [.char("2")]),
        ("aging-all-breached", [.char("2"), .char("m"), .char("m"), .char("b")]),
        ("renewals", [.char("3")]),
        ("renewals-this-quarter", [.char("3"), .char("[")]),
        ("kpis", [.char("4")]),
        ("request-detail", [.char("2"), .enter]),
        ("account-detail", [.char("3"), .enter]),
        ("kpi-drilldown", [.char("4"), .enter]),
        ("help", [.char("?")]),
        ("home-analyst", [.char("0")]),
        ("escalations", [.char("6")]),
        ("escalations-all", [.char("6"), .char("f"), .char("f")]),
        ("escalation-request-activity", [.char("6"), .enter, .char("G")]),
        ("account-activity", [.char("3"), .enter, .char("G")]),
        ("accounts", [.char("5")]),
        ("account-view", [.char("5"), .enter]),
        ("account-view-stack", [.char("5"), .enter, .char("G"), .up, .up, .up, .up]),
    ]

    @Test(arguments: sizes)
    func everyScreen(size: Size) {
        for screen in Self.screens {
            var state = TUI.state(size: size)
            TUI.type(&state, screen.keys)
            #expect(state.message?.isError != true, "\(screen.name): \(state.message?.text ?? "")")
            TUI.assertSnapshot(TUI.screen(state), named: "\(screen.name)-\(size.width)x\(size.height)")
        }
    }

    /// Each role's home view, and the EM's approvals checklist.
    @Test(arguments: [("buyer", "isabel"), ("em", "fatima"), ("admin", "ingrid")])
    func homeViews(role: String, person: String) {
        for size in Self.sizes {
            let state = TUI.state(user: person, size: size, pane: .home)
            TUI.assertSnapshot(TUI.screen(state), named: "home-\(role)-\(size.width)x\(size.height)")
        }
    }

    @Test func forms() {
        var s = TUI.state(user: "isabel", size: Size(width: 80, height: 24), pane: .home)
        TUI.type(&s, [.char("+")] + TUI.chars("SHI 日本"))
        #expect(s.form != nil, "\(s.message?.text ?? "")")
        TUI.assertSnapshot(TUI.screen(s), named: "form-add-quote-80x24")
        var em = TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .home)
        TUI.type(&em, [.char("Y")])
        #expect(em.form?.confirming == true, "\(em.message?.text ?? "")")
        TUI.assertSnapshot(TUI.screen(em), named: "form-approve-confirm-120x40")
    }

    /// Started without --as: the "who are you?" picker.
    @Test(arguments: sizes)
    func whoAmIPicker(size: Size) {
        var s = AppState(store: TUI.demo, today: TUI.today, storeLabel: "DEMO", isDemo: true, user: nil, size: size, askWhoAmI: true)
        AppUpdate.clamp(&s)
        TUI.type(&s, [.down, .down])
        #expect(s.whoAmI?.selection == 2)
        TUI.assertSnapshot(TUI.screen(s), named: "who-am-i-\(size.width)x\(size.height)")
    }

    @Test func readOnlyBoard() {
        let state = TUI.state(user: nil)
        let text = TUI.screen(state)
        #expect(text.split(separator: "\n")[2].contains("READ-ONLY"))
        TUI.assertSnapshot(text, named: "board-read-only-80x24")
    }

    @Test(arguments: [Size(width: 59, height: 24), Size(width: 80, height: 15), Size(width: 20, height: 5), Size(width: 1, height: 1)])
    func tinyTerminalAsksForMore(size: Size) {
        let frame = Screen.render(TUI.state(size: size))
        #expect(frame.size == size)
        if size.width >= 18 && size.height >= 3 {
            #expect(frame.text.contains("Enlarge the window"))
        }
        #expect(!frame.text.contains("Board"))
    }

    @Test func tinySnapshot() {
        TUI.assertSnapshot(TUI.screen(TUI.state(size: Size(width: 40, height: 10))), named: "tiny-40x10")
    }
}
