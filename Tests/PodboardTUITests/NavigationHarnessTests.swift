import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Issue 15: `/` in every pane, sorting, the command palette, history, the mouse, the config and the state file.
@Suite("Navigation: search, sort, palette, history, mouse, config")
struct NavigationHarnessTests {
    // MARK: search

    @Test func slashFiltersEveryListPaneByVisibleTextAndFlagsAndEscClears() {
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40))
        // Board: only escalated cards stay, the filter beside the tab.
        TUI.type(&s, [.char("1"), .char("/")] + TUI.chars("escal") + [.enter])
        let cards = BoardView.columns(s).flatMap { $0 }
        #expect(!cards.isEmpty)
        #expect(cards.allSatisfy { $0.escalated })
        #expect(TUI.screen(s).contains("/\"escal\""))
        TUI.type(&s, [.escape])
        #expect(Browse.state(s, .board).filter.isEmpty)
        #expect(BoardView.columns(s).flatMap { $0 }.count > cards.count)
        // Aging: by a flag's word.
        TUI.type(&s, [.char("2"), .char("m"), .char("/")] + TUI.chars("breach") + [.enter])
        let breached = AgingView.rows(s)
        #expect(!breached.isEmpty && breached.allSatisfy { $0.flags.contains(.breached) })
        #expect(TUI.screen(s).contains("/\"breach\""))
        TUI.type(&s, [.escape])
        #expect(s.aging.text.isEmpty)
        // Accounts: by the health shown.
        TUI.type(&s, [.char("5")])
        let health = AccountsView.rows(s).last!.account.health
        TUI.type(&s, [.char("/")] + TUI.chars(health.rawValue) + [.enter])
        let accounts = AccountsView.rows(s)
        #expect(!accounts.isEmpty && accounts.allSatisfy { $0.account.health == health })
        // Escalations: by reason or state.
        TUI.type(&s, [.char("6"), .char("f"), .char("f"), .char("/")] + TUI.chars("resolved") + [.enter])
        #expect(EscalationsView.rows(s).allSatisfy { $0.state == .resolved })
        // Renewals: by a tool; the filter stays per pane.
        TUI.type(&s, [.char("3"), .char("/")] + TUI.chars("zzz-nothing") + [.enter])
        #expect(RenewalsView.quarter(s).entries.isEmpty)
        #expect(Browse.state(s, .accounts).filter == health.rawValue)
    }

    @Test func kpiDrillDownSearchStepsWithNAndShiftN() {
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40))
        TUI.type(&s, [.char("4"), .enter])
        guard case .kpi? = s.details.last?.target else { Issue.record("no drill-down"); return }
        #expect(Screen.scope(s) == .drill)
        let lines = DetailView.lines(s, s.details.last!.target)
        // Search for a request id that is on some line.
        guard let word = lines.lazy.compactMap({ l -> String? in
            l.spans.map(\.text).joined().split(separator: " ").first { $0.hasPrefix("REQ-") }.map(String.init)
        }).first else { return }
        TUI.type(&s, [.char("/")] + TUI.chars(word.lowercased()) + [.enter])
        #expect(AppUpdate.lineMatches(lines[s.details.last!.cursor], word))
        let first = s.details.last!.cursor
        TUI.type(&s, [.char("n")])
        #expect(AppUpdate.lineMatches(lines[s.details.last!.cursor], word))
        TUI.type(&s, [.char("N")])
        #expect(s.details.last!.cursor == first)
        #expect(s.message?.text.hasPrefix("match ") == true)
        // Esc clears the search first, then goes back.
        TUI.type(&s, [.escape])
        #expect(s.details.last?.search == "")
        TUI.type(&s, [.escape])
        #expect(s.details.isEmpty)
    }

    // MARK: sort

    @Test func sortPicksColumnsFlipsAndShowsTheArrow() {
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40))
        TUI.type(&s, [.char("2"), .char("m")])
        let defaultOrder = AgingView.rows(s).map(\.request.id)
        // `>` five times: ID, Account, Tool, Status, Age.
        TUI.type(&s, Array(repeating: .char(">"), count: 5))
        #expect(Browse.state(s, .aging).sortColumn == 4)
        let ages = AgingView.rows(s).map(\.ageDays)
        #expect(ages == ages.sorted())
        #expect(TUI.screen(s).contains("Age▲"))
        TUI.type(&s, [.char("~")])
        #expect(AgingView.rows(s).map(\.ageDays) == ages.sorted(by: >))
        #expect(TUI.screen(s).contains("Age▼"))
        // `<` back to the first column, then once more: the default order.
        TUI.type(&s, Array(repeating: .char("<"), count: 5))
        #expect(Browse.state(s, .aging).sortColumn == nil)
        #expect(AgingView.rows(s).map(\.request.id) == defaultOrder)
        // Amounts sort by their value, not their text.
        TUI.type(&s, [.char("3")] + Array(repeating: .char(">"), count: 9))
        let values = RenewalsView.quarter(s).entries.map(\.contract.annualValue)
        #expect(values == values.sorted())
    }

    // MARK: palette

    @Test func paletteJumpsToAnIdAndRunsCommandsAndGreysTheOthers() {
        var s = TUI.state(user: "sven", size: Size(width: 120, height: 40))
        let id = s.data.store.requests[3].id
        TUI.type(&s, [.char(":")] + TUI.chars(id) + [.enter])
        #expect(s.palette == nil)
        #expect(s.details.last?.target == .request(id))
        // A command, found by its words, runs as its key would.
        TUI.type(&s, [.ctrl("p")] + TUI.chars("escalations") + [.enter])
        #expect(s.pane == .escalations && s.details.isEmpty)
        // Commands that cannot run now are listed greyed with their reason.
        TUI.type(&s, [.char(":")])
        let p = s.palette!
        #expect(p.results.contains { $0.unavailable != nil })
        #expect(p.results.contains { $0.lead == "?" && $0.unavailable == nil })
        #expect(TUI.screen(s).contains("Go to or run"))
        TUI.type(&s, [.escape])
        #expect(s.palette == nil && s.pane == .escalations)
        // A person: their open requests in aging.
        TUI.type(&s, [.char(":")] + TUI.chars("ana") + [.enter])
        #expect(s.pane == .aging && s.aging.text == "Ana Souza")
    }

    @Test func aLongerQueryNarrowsToWhatAFreshSearchFinds() {
        var s = TUI.state(user: "sven", size: Size(width: 120, height: 40))
        for query in ["maple", "req-10", "fgma", "ana s"] {
            TUI.type(&s, [.char(":")] + TUI.chars(query))
            let typed = s.palette!.results
            var fresh = s.palette!
            fresh.matchedQuery = nil
            #expect(typed == Palette.search(s, &fresh), "\(query)")
            #expect(!typed.isEmpty, "\(query)")
            TUI.type(&s, [.backspace])
            #expect(s.palette!.results == { var p = s.palette!; p.matchedQuery = nil; return Palette.search(s, &p) }())
            TUI.type(&s, [.escape])
        }
    }

    @Test func paletteRecordsAreDerivedOncePerRevision() {
        var s = TUI.state(user: "sven")
        TUI.type(&s, [.char(":")] + TUI.chars("REQ-10") + [.backspace] + TUI.chars("1"))
        TUI.type(&s, [.escape, .char(":")] + TUI.chars("acme"))
        #expect(s.data.models.builds("palette.records") == 1)
    }

    @Test func anExactIdComesFirstAmongThousands() {
        let big = DemoGenerator.generate(DemoOptions(today: TUI.today, accounts: 60, requests: 3000))
        var s = TUI.state(user: "sven", store: big, size: Size(width: 120, height: 40))
        let id = big.requests[1500].id
        TUI.type(&s, [.char(":")] + TUI.chars(id.lowercased()))
        #expect(s.palette?.results.first?.lead == id)
        TUI.type(&s, [.enter])
        #expect(s.details.last?.target == .request(id))
    }

    // MARK: history

    @Test func ctrlOGoesBackAndCtrlNForwardThroughOpenedViews() {
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40))
        TUI.type(&s, [.char("2"), .enter])
        guard case .request(let id)? = s.details.last?.target else { Issue.record("nothing opened"); return }
        TUI.type(&s, [.char("a")])
        guard case .account? = s.details.last?.target else { Issue.record("no account"); return }
        TUI.type(&s, [.ctrl("o")])
        #expect(s.details.last?.target == .request(id))
        TUI.type(&s, [.ctrl("o")])
        #expect(s.details.isEmpty && s.pane == .aging)
        TUI.type(&s, [.ctrl("o")])
        #expect(s.pane == .board)
        TUI.type(&s, [.ctrl("n"), .ctrl("n")])
        #expect(s.details.last?.target == .request(id))
        // Opening something else drops the forward list.
        TUI.type(&s, [.char("3")])
        TUI.type(&s, [.ctrl("n")])
        #expect(s.message?.isError == true && s.pane == .renewals)
    }

    // MARK: mouse

    @Test func clicksSelectOpenAndSwitchPanesAndTheWheelScrolls() {
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40))
        // The tab of "Aging".
        let aging = Screen.tabRanges(s).first { $0.pane == .aging }!.range
        TUI.type(&s, [.mouse(MouseEvent(.click, x: aging.lowerBound + 1, y: 1))])
        #expect(s.pane == .aging)
        let body = Screen.bodyRect(s)
        TUI.type(&s, [.mouse(MouseEvent(.click, x: 10, y: body.y + 2 + 3))])
        #expect(s.aging.cursor.selection == 3)
        TUI.type(&s, [.mouse(MouseEvent(.wheelDown, x: 10, y: body.y + 5))])
        #expect(s.aging.cursor.selection == 6)
        TUI.type(&s, [.mouse(MouseEvent(.wheelUp, x: 10, y: body.y + 5))])
        #expect(s.aging.cursor.selection == 3)
        let row = AgingView.rows(s)[1].request.id
        TUI.type(&s, [.mouse(MouseEvent(.doubleClick, x: 10, y: body.y + 2 + 1))])
        #expect(s.details.last?.target == .request(row))
        // The board: a click on the second card of the third column.
        TUI.type(&s, [.escape, .char("1")])
        let width = (body.width - 4) / 5
        TUI.type(&s, [.mouse(MouseEvent(.click, x: 2 * (width + 1) + 2, y: body.y + 2 + BoardView.cardHeight + 1))])
        #expect(s.board.column == 2)
        #expect(s.board.rows[2] == 1 || BoardView.columns(s)[2].count < 2)
        // A KPI gauge: the line under the click.
        TUI.type(&s, [.char("4")])
        let all = KPIView.lines(s)
        let third = KPIView.lineIndex(ofGauge: 2, in: all)
        TUI.type(&s, [.mouse(MouseEvent(.click, x: 5, y: body.y + 1 + third))])
        #expect(s.kpis.selection == 2)
        // The wheel scrolls the help and the palette.
        TUI.type(&s, [.char("?"), .mouse(MouseEvent(.wheelDown, x: 5, y: 5))])
        #expect(s.help == 1)
        TUI.type(&s, [.escape, .char(":"), .mouse(MouseEvent(.wheelDown, x: 5, y: 5))])
        #expect(s.palette?.cursor.selection == 1)
        TUI.type(&s, [.escape])
        // The keymap lists the mouse in `?`.
        #expect(HelpOverlay.lines(for: .board).contains { $0.map(\.text).joined().contains("double-click") })
    }

    // MARK: keymap, config, state file

    @Test func theNewKeysDoNotClashAnywhere() {
        #expect(Keymap.conflicts().isEmpty)
        #expect(Keymap.command(for: .char(":"), in: .aging) == .palette)
        #expect(Keymap.command(for: .ctrl("o"), in: .board) == .historyBack)
        #expect(Keymap.command(for: .char("n"), in: .drill) == .nextMatch)
        #expect(Keymap.command(for: .char("n"), in: .detail) == .act(.logUpdate))
        #expect(Keymap.command(for: .tab, in: .board) == .nextPane)
    }

    @Test func configParsesSettingsAndKeyOverridesThroughTheKeymap() throws {
        let c = try UserConfig.parse("""
            # mine
            theme = "light"
            mouse = off
            pod = south   # the other POD
            person = ana
            key.palette = Ctrl-K, ;
            """)
        #expect(c.theme == "light" && c.mouse == false && c.pod == "south" && c.person == "ana")
        let table = c.keymap()
        #expect(Keymap.conflicts(in: table).isEmpty)
        Keymap.withKeymap(table) {
            #expect(Keymap.command(for: .ctrl("k"), in: .board) == .palette)
            #expect(Keymap.command(for: .char(":"), in: .board) == nil)
            var s = TUI.state(user: "sven")
            TUI.type(&s, [.char(";")])
            #expect(s.palette != nil)
            // `?` shows the key in effect.
            #expect(HelpOverlay.lines(for: .board).contains { $0.map(\.text).joined().contains("Ctrl-K/;") })
        }
        #expect(Keymap.command(for: .char(":"), in: .board) == .palette)
    }

    @Test func aBadConfigNamesItsLine() {
        func problem(_ text: String) -> String? {
            do { _ = try UserConfig.parse(text); return nil } catch { return error.description }
        }
        #expect(problem("theme = light\nmouse = sometimes") == "line 2: mouse: \"sometimes\" is not on or off")
        #expect(problem("\n\ncolour = red")?.hasPrefix("line 3: unknown setting \"colour\"") == true)
        #expect(problem("just words")?.hasPrefix("line 1: expected key = value") == true)
        #expect(problem("key.fly = x")?.hasPrefix("line 1: no command \"fly\"") == true)
        #expect(problem("key.quit = Ctrl-Shift-Q")?.hasPrefix("line 1: key.quit: \"Ctrl-Shift-Q\" is not a key") == true)
        // An override that clashes with another binding: the duplicate-key check covers overrides.
        #expect(problem("mouse = on\nkey.palette = j")?.hasPrefix("line 2: key.palette: j already means") == true)
    }

    @Test func theViewIsRememberedPerStoreAndABrokenFileIsIgnored() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podboard-ui-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/podboard/ui-state.json"
        var s = TUI.state(user: "fatima")
        TUI.type(&s, [.char("5"), .char(">"), .char("~"), .char("/")] + TUI.chars("acme") + [.enter, .char("2"), .char("m"), .char("b"), .char("/")]
                 + TUI.chars("slack") + [.enter])
        try UIStateFile.save(UIStateFile.view(of: s), file: file, store: "/x/store.json")
        var next = TUI.state(user: "fatima")
        let (view, note) = UIStateFile.load(file: file, store: "/x/store.json")
        #expect(note == nil)
        UIStateFile.restore(try #require(view), into: &next)
        #expect(next.pane == .aging && next.aging.text == "slack")
        #expect(next.aging.scope == .all && next.aging.breachedOnly)
        #expect(next.browse[.accounts] == PaneBrowse(filter: "acme", sortColumn: 0, descending: true))
        #expect(UIStateFile.load(file: file, store: "/other.json").view == nil)
        // A person chosen in the "who are you?" picker gets their view back when chosen.
        try UIStateFile.save(UIStateFile.view(of: s), file: file, store: "/x/store.json#fatima")
        var picked = AppState(store: TUI.demo, today: TUI.today, storeLabel: "store.json", isDemo: false, user: nil, askWhoAmI: true)
        picked.remembered = UIStateFile.loadAll(file: file, store: "/x/store.json").views
        #expect(picked.remembered.keys.sorted() == ["fatima"])
        picked.choose(user: TUI.demo.people.first { $0.id == "fatima" })
        #expect(picked.pane == .aging && picked.aging.text == "slack")
        try "{not json".write(toFile: file, atomically: true, encoding: .utf8)
        let broken = UIStateFile.load(file: file, store: "/x/store.json")
        #expect(broken.view == nil && broken.note?.contains("ignored the broken UI state file") == true)
    }

    // MARK: snapshots

    @Test(arguments: SnapshotTests.sizes)
    func snapshotPaletteAndSortedFilteredAging(size: Size) {
        var s = TUI.state(user: "fatima", size: size)
        TUI.type(&s, [.char("2"), .char("m"), .char("/")] + TUI.chars("esc") + [.enter] + Array(repeating: .char(">"), count: 5) + [.char("~")])
        TUI.assertSnapshot(TUI.screen(s), named: "aging-sorted-filtered-\(size.width)x\(size.height)")
        TUI.type(&s, [.char(":")] + TUI.chars("slack"))
        TUI.assertSnapshot(TUI.screen(s), named: "palette-\(size.width)x\(size.height)")
    }
}
