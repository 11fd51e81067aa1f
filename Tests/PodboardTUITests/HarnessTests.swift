import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Keys typed into the real app state and run loop (an in-memory terminal), checking what the panes show.
@Suite("Headless harness: keys in, panes out")
struct HarnessTests {
    @Test func runLoopDrawsSwitchesAndQuits() {
        let term = MemoryTerminal(size: Size(width: 100, height: 30), keys: [.char("2"), .char("3"), .char("4"), .char("q")])
        let final = AppRunner.run(TUI.state(), on: term, idleLimit: 3)
        #expect(final.shouldQuit)
        #expect(final.pane == .kpis)
        // One frame at the start; the keys already waiting are applied together before the next frame.
        #expect(term.frames.count == 1)
        #expect(term.frames[0].text.contains("Negotiating ("))
    }

    @Test func eachKeyBatchGivesOneFrame() {
        let term = MemoryTerminal(size: Size(width: 100, height: 30))
        let state = TUI.state()
        term.pendingKeys = [.char("2")]
        let after = AppRunner.run(state, on: term, idleLimit: 1)
        #expect(term.frames.count == 2)
        #expect(term.screen.contains("open requests"))
        #expect(after.pane == .aging)
    }

    @Test func tabCyclesPanesBothWays() {
        var s = TUI.state()
        TUI.type(&s, [.tab])
        #expect(s.pane == .aging)
        TUI.type(&s, [.backTab, .backTab])
        #expect(s.pane == .home)
        TUI.type(&s, [.backTab])
        #expect(s.pane == .escalations)
        TUI.type(&s, [.backTab])
        #expect(s.pane == .accounts)
        TUI.type(&s, [.backTab])
        #expect(s.pane == .kpis)
        // With a user podboard opens at home; read-only it opens on the board.
        #expect(AppState(store: TUI.demo, today: TUI.today, storeLabel: "DEMO", isDemo: true, user: "sven").pane == .home)
        #expect(AppState(store: TUI.demo, today: TUI.today, storeLabel: "DEMO", isDemo: true, user: nil).pane == .board)
    }

    @Test func agingFiltersNarrowTheRows() {
        var s = TUI.state(user: "sven")
        TUI.type(&s, [.char("2")])
        #expect(s.aging.scope == .mine)
        let mine = AgingView.rows(s)
        #expect(!mine.isEmpty)
        #expect(mine.allSatisfy { $0.request.analyst == "sven" || $0.request.buyer == "sven" || $0.account?.csm == "sven" })
        TUI.type(&s, [.char("m"), .char("m")])
        #expect(s.aging.scope == .all)
        let all = AgingView.rows(s)
        #expect(all.count == s.data.aging.count)
        TUI.type(&s, [.char("b")])
        let breached = AgingView.rows(s)
        #expect(!breached.isEmpty && breached.count < all.count)
        #expect(breached.allSatisfy { $0.severity == .breached })
        #expect(TUI.screen(s).contains("breached only"))
        // Sorted by severity, then age: ages never grow down the list within a severity.
        for (a, b) in zip(all, all.dropFirst()) {
            #expect(a.severity > b.severity || (a.severity == b.severity && a.ageDays >= b.ageDays))
        }
        TUI.type(&s, [.char("c")])
        #expect(AgingView.rows(s).count == all.count)
    }

    @Test func textFilterAppliesAsTypedAndEscPutsItBack() {
        var s = TUI.state(user: "sven")
        TUI.type(&s, [.char("2"), .char("m"), .char("m"), .char("/")] + TUI.chars("slack"))
        #expect(s.input != nil)
        let rows = AgingView.rows(s)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { ($0.request.tool + $0.request.vendor + ($0.account?.name ?? "")).lowercased().contains("slack") })
        TUI.type(&s, [.enter])
        #expect(s.input == nil && s.aging.text == "slack")
        #expect(TUI.screen(s).contains("text \"slack\""))
        TUI.type(&s, [.char("/")] + TUI.chars("zz") + [.escape])
        #expect(s.aging.text == "slack")
        TUI.type(&s, [.char("/"), .backspace, .backspace, .backspace, .backspace, .backspace, .enter])
        #expect(s.aging.text.isEmpty)
    }

    @Test func drillDownAndBack() {
        var s = TUI.state()
        TUI.type(&s, [.char("2"), .enter])
        guard case .request(let id)? = s.details.last?.target else { Issue.record("no request opened"); return }
        #expect(TUI.screen(s).contains("› request \(id)"))
        // `a` opens the request's account; Esc twice returns to the pane.
        TUI.type(&s, [.char("a")])
        guard case .account(let acc)? = s.details.last?.target else { Issue.record("no account opened"); return }
        #expect(TUI.screen(s).contains("Savings progress"))
        #expect(s.data.store.requests.first { $0.id == id }?.account == acc)
        TUI.type(&s, [.escape, .escape])
        #expect(s.details.isEmpty && s.pane == .aging)

        // A gauge drills down to its items, and an item's request opens from there.
        TUI.type(&s, [.char("4"), .enter])
        guard case .kpi(let kpi, _)? = s.details.last?.target else { Issue.record("no drill-down"); return }
        #expect(kpi == "analyst.qualification")  // sven's own gauges come first
        let lines = DetailView.lines(s, s.details.last!.target)
        // The cursor starts on the first item, which opens its request.
        #expect(lines[s.details.last!.cursor].link != nil)
        TUI.type(&s, [.enter])
        #expect(s.details.count == 2)
    }

    @Test func unavailableKeysSayWhy() {
        var s = TUI.state()
        TUI.type(&s, [.char("x")])
        #expect(s.message?.isError == true && s.message!.text.contains("does nothing here"))
        TUI.type(&s, [.char("l")])  // the empty "Qualified" column in the demo
        if BoardView.selected(s) == nil {
            TUI.type(&s, [.enter])
            #expect(s.message?.text.contains("column is empty") == true)
        }
        var one = TUI.state(store: { var st = TUI.demo; st.pods = [st.pods[0]]; return st }())
        TUI.type(&one, [.char("]")])
        #expect(one.message?.text == "this store has only one POD")
        TUI.type(&one, [.char("2"), .enter, .char("a"), .char("a")])
        #expect(one.message?.text.contains("only a request's detail view") == true)
    }

    @Test func podAndQuarterSwitching() {
        var s = TUI.state(user: "sven")
        let first = s.pod!.id
        TUI.type(&s, [.char("]")])
        #expect(s.pod!.id != first)
        TUI.type(&s, [.char("[")])
        #expect(s.pod!.id == first)
        TUI.type(&s, [.char("3")])
        #expect(s.renewalsQuarter == Quarter("2027-Q1"))
        TUI.type(&s, [.char("["), .char("[")])
        #expect(s.renewalsQuarter == Quarter("2026-Q3"))
        #expect(TUI.screen(s).contains("2026-Q3 ·"))
    }

    @Test func selectionStaysVisibleWhenScrolling() {
        var s = TUI.state(user: "sven", size: Size(width: 80, height: 24))
        TUI.type(&s, [.char("2"), .char("m"), .char("m"), .char("G")])
        let rows = AgingView.rows(s)
        #expect(s.aging.cursor.selection == rows.count - 1)
        let screen = TUI.screen(s)
        #expect(screen.contains(rows.last!.request.id))
        #expect(!screen.contains(" " + rows.first!.request.id + " "))
        TUI.type(&s, [.char("g")])
        #expect(TUI.screen(s).contains(rows.first!.request.id))
        TUI.type(&s, [.pageDown])
        #expect(s.aging.cursor.selection == AgingView.visibleRows(Screen.bodyRect(s)))
    }

    @Test func resizeKeepsSelectionsInsideAndTinyOnlyQuits() {
        var s = TUI.state(size: Size(width: 120, height: 40))
        TUI.type(&s, [.char("2"), .char("G")])
        s.size = Size(width: 50, height: 12)
        TUI.type(&s, [.resize])
        #expect(TUI.screen(s).contains("Enlarge the window"))
        TUI.type(&s, [.char("1")])
        #expect(s.pane == .aging)
        s.size = Size(width: 80, height: 24)
        TUI.type(&s, [.resize])
        #expect(!TUI.screen(s).contains("Enlarge"))
        #expect(TUI.type(&s, [.ctrl("c")]) == [.quit])
    }

    @Test func helpOverlayOpensScrollsAndCloses() {
        var s = TUI.state(size: Size(width: 80, height: 24))
        TUI.type(&s, [.char("?")])
        #expect(TUI.screen(s).contains("Keys: Board"))
        TUI.type(&s, [.char("j"), .char("j")])
        #expect(s.help == 2)
        TUI.type(&s, [.char("q")])  // q closes help, it does not quit
        #expect(s.help == nil && !s.shouldQuit)
    }

    @Test func ctrlLAsksForAFullRedraw() {
        var s = TUI.state()
        #expect(TUI.type(&s, [.ctrl("l")]) == [.redraw])
        let term = MemoryTerminal(size: Size(width: 80, height: 24), keys: [.ctrl("l")])
        AppRunner.run(TUI.state(), on: term, idleLimit: 1)
        #expect(term.invalidations == 1)
    }
}
