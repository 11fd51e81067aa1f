import PodboardCore

extension Screen {
    /// Where each pane's tab is on the tab row (y = 1), as `drawTabs` places them.
    static func tabRanges(_ state: AppState) -> [(pane: Pane, range: Range<Int>)] {
        var x = 1
        var out: [(Pane, Range<Int>)] = []
        for pane in Pane.allCases {
            let w = DisplayWidth.of(tabLabel(state, pane))
            out.append((pane, x..<(x + w)))
            x += w + 1
        }
        return out
    }
}

extension AppUpdate {
    /// A click selects the row or card under it (a tab: its pane); a double-click also opens it; the wheel moves
    /// the selection three lines.
    static func mouse(_ kind: MouseEvent.Kind, _ state: inout AppState) -> [Effect] {
        guard let at = state.pointer else { return [] }
        if state.whoAmI != nil, kind == .wheelUp || kind == .wheelDown {
            for _ in 0..<3 { move(kind == .wheelUp ? .up : .down, &state) }
            return []
        }
        switch kind {
        case .wheelUp, .wheelDown:
            for _ in 0..<3 { move(kind == .wheelUp ? .up : .down, &state) }
            return []
        case .click, .doubleClick:
            if at.y == 1, let tab = Screen.tabRanges(state).first(where: { $0.range.contains(at.x) }) {
                return run(.showPane(tab.pane), &state)
            }
            guard select(at, &state) else { return [] }
            clamp(&state)
            if kind == .doubleClick {
                if let why = unavailable(.open, state) { state.message = StatusMessage(why, isError: true); return [] }
                open(&state)
            }
            return []
        }
    }

    /// Puts the selection on the row, card or line at a cell; false when nothing selectable is there.
    static func select(_ at: MouseEvent, _ state: inout AppState) -> Bool {
        let body = Screen.bodyRect(state)
        guard at.x >= body.x, at.x < body.x + body.width, at.y >= body.y, at.y < body.y + body.height else { return false }
        if let top = state.details.last {
            let line = top.offset + (at.y - body.y)
            guard line < DetailView.lines(state, top.target).count else { return false }
            state.details[state.details.count - 1].cursor = line
            return true
        }
        /// The row of a table whose rows start at `first`.
        func row(_ cursor: ListCursor, first: Int, count: Int, visible: Int) -> Int? {
            let i = at.y - first
            guard i >= 0, i < visible, cursor.offset + i < count else { return nil }
            return cursor.offset + i
        }
        switch state.pane {
        case .aging:
            guard let i = row(state.aging.cursor, first: body.y + 2, count: AgingView.rows(state).count, visible: AgingView.visibleRows(body)) else { return false }
            state.aging.cursor.selection = i
        case .escalations:
            guard let i = row(state.escalations.cursor, first: body.y + 2, count: EscalationsView.rows(state).count,
                              visible: EscalationsView.visibleRows(body)) else { return false }
            state.escalations.cursor.selection = i
        case .accounts:
            guard let i = row(state.accounts, first: body.y + 2, count: AccountsView.rows(state).count, visible: AccountsView.visibleRows(body)) else { return false }
            state.accounts.selection = i
        case .renewals:
            guard let i = row(state.renewals, first: body.y + 1 + RenewalsView.gridHeight + 2, count: RenewalsView.quarter(state).entries.count,
                              visible: RenewalsView.visibleRows(body)) else { return false }
            state.renewals.selection = i
        case .board:
            let n = BoardView.stages.count
            let width = (body.width - (n - 1)) / n
            let c = (at.x - body.x) / (width + 1)
            let card = (at.y - body.y - 2)
            guard c < n, card >= 0, card % BoardView.cardHeight < BoardView.cardHeight - 1 else { return false }
            let i = state.board.offsets[c] + card / BoardView.cardHeight
            guard card / BoardView.cardHeight < BoardView.visibleCards(body), i < BoardView.columns(state)[c].count else { return false }
            state.board.column = c
            state.board.rows[c] = i
        case .home:
            guard let i = HomeView.request(at: at.y, state, body: body) else { return false }
            state.home.selection = i
        case .kpis:
            // Lines scroll as drawn (KPIView.draw); a click on a gauge's line selects that gauge.
            let all = KPIView.lines(state)
            let visible = KPIView.visibleRows(body)
            let offset = Scrolling.offset(selection: KPIView.lineIndex(ofGauge: state.kpis.selection, in: all), current: state.kpis.offset,
                                          visible: visible, count: all.count)
            let line = offset + at.y - (body.y + 1)
            guard at.y > body.y, line < all.count, case .gauge = all[line] else { return false }
            state.kpis.selection = all[..<line].filter { if case .gauge = $0 { return true } else { return false } }.count
        }
        return true
    }
}
