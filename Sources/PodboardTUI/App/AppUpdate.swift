import PodboardCore

/// What the run loop does after an update, besides drawing the new state.
public enum Effect: Sendable, Equatable {
    case quit
    /// Carry out an action (journaled, then the result comes back through `AppUpdate.applied`).
    case perform(ActionRequest)
    /// Forget the last frame and redraw every cell (Ctrl-L).
    case redraw
}

/// The one place where keys change the state: looks the key up in the keymap for the scope in view and carries
/// the command out, or says why it can't run now.
public enum AppUpdate {
    public static func update(_ state: inout AppState, key: KeyEvent) -> [Effect] {
        if key == .resize { clamp(&state); return [] }
        if state.input != nil { typeInto(&state, key); clamp(&state); return [] }
        if state.palette != nil { let e = paletteKey(&state, key); clamp(&state); return e }
        if var form = state.form {
            switch FormEditor.handle(&form, key) {
            case .stay: state.form = form
            case .cancel:
                state.form = nil
                state.message = StatusMessage("cancelled: nothing changed")
            case .submit(let action):
                state.form = nil
                return [.perform(action)]
            }
            return []
        }
        let small = state.size.width < Screen.minimumSize.width || state.size.height < Screen.minimumSize.height
        let scope = Screen.scope(state)
        var key = key
        if case .mouse(let m) = key { state.pointer = m; key = m.anywhere }
        guard let command = Keymap.command(for: key, in: scope) else {
            state.message = StatusMessage("\(key) does nothing here (\(KeyHints.helpHint))", isError: true)
            return []
        }
        if small && command != .quit && command != .redraw {
            state.message = StatusMessage("the window is too small: enlarge it", isError: true)
            return []
        }
        state.message = nil
        if let reason = unavailable(command, state) {
            state.message = StatusMessage(reason, isError: true)
            return []
        }
        let before = NavView(state)
        let effects = run(command, &state)
        clamp(&state)
        record(before, command, &state)
        return effects
    }

    /// Why a command cannot run now, or nil when it can.
    /// - Parameter selectedRequest: the selected request when the caller already knows it (the footer asks
    ///   about every action in one frame).
    public static func unavailable(_ command: Command, _ state: AppState, selectedRequest: String?? = nil) -> String? {
        switch command {
        case .previousPod, .nextPod:
            return state.data.store.pods.count > 1 ? nil : "this store has only one POD"
        case .open:
            if state.whoAmI != nil { return nil }
            if let top = state.details.last {
                let lines = DetailView.lines(state, top.target)
                guard lines.indices.contains(top.cursor), lines[top.cursor].link != nil else {
                    return "this line opens nothing: lines marked › do"
                }
                return nil
            }
            switch state.pane {
            case .home: return HomeView.selected(state) == nil ? "nothing to open here" : nil
            case .board: return BoardView.selected(state) == nil ? "no request selected: this column is empty" : nil
            case .aging: return AgingView.rows(state).isEmpty ? "no request to open: nothing matches the filters" : nil
            case .renewals: return RenewalsView.quarter(state).entries.isEmpty ? "no renewal in this quarter" : nil
            case .kpis: return KPIView.gauges(state).isEmpty ? "no gauge to open" : nil
            case .escalations: return EscalationsView.selected(state) == nil ? "no escalation to open: nothing matches the filter" : nil
            case .accounts: return AccountsView.rows(state).isEmpty ? "no account in this POD" : nil
            }
        case .export(let kind):
            return Exports.unavailable(kind, state)
        case .openAccount:
            if case .request? = state.details.last?.target { return nil }
            return "only a request's detail view has an account to open"
        case .intake where state.offlineReason != nil:
            return state.offlineReason
        case .act(let kind):
            if let offline = state.offlineReason { return offline }
            guard let user = state.user else { return state.readOnlyReason ?? "read-only" }
            switch ActionForms.action(kind, state, selected: selectedRequest) {
            case .failure(let why): return why.text
            case .success(let a):
                if kind == .undo || kind == .raise { return nil }
                return Workflow.whyNot(a.kind, target: a.target, by: user.id, at: state.probeTime, in: state.data.store, which: a.params.which, given: a.params, index: state.data.index)
                    .map { KeyHints.remedy(for: $0, kind, target: a.target, state) }
            }
        default:
            return nil
        }
    }

    static func run(_ command: Command, _ state: inout AppState) -> [Effect] {
        switch command {
        case .quit:
            state.shouldQuit = true
            return [.quit]
        case .redraw:
            return [.redraw]
        case .help:
            state.help = 0
        case .export(let kind):
            Exports.run(kind, &state)
        case .back:
            if state.help != nil { state.help = nil } else if state.preview != nil { state.preview = nil } else if let top = state.details.last, !top.search.isEmpty {
                state.details[state.details.count - 1].search = ""
                state.message = StatusMessage("search cleared")
            } else if !state.details.isEmpty { state.details.removeLast() }
        case .showPane(let p):
            state.details.removeAll()
            state.pane = p
        case .nextPane, .previousPane:
            state.details.removeAll()
            let n = Pane.allCases.count
            state.pane = Pane(rawValue: (state.pane.rawValue + (command == .nextPane ? 1 : n - 1)) % n)!
        case .previousPod, .nextPod:
            let n = state.data.store.pods.count
            state.podIndex = (state.podIndex + (command == .nextPod ? 1 : n - 1)) % n
            state.board = BoardState()
            state.kpis = ListCursor()
            state.accounts = ListCursor()
            state.renewals = ListCursor()
            state.aging.cursor = ListCursor()
            state.escalations.cursor = ListCursor()
            state.message = StatusMessage("POD " + (state.pod?.name ?? ""))
        case .previousQuarter:
            state.renewalsQuarter = state.renewalsQuarter.previous
            state.renewals = ListCursor()
        case .nextQuarter:
            state.renewalsQuarter = state.renewalsQuarter.next
            state.renewals = ListCursor()
        case .filterText:
            startSearch(&state)
        case .cycleScope:
            let order: [AgingScope] = [.mine, .pod, .all]
            var next = order[(order.firstIndex(of: state.aging.scope)! + 1) % order.count]
            if next == .mine && state.user == nil {
                next = .pod
                state.message = StatusMessage("\"mine\" needs to know who you are (--as PERSON): showing my POD")
            }
            state.aging.scope = next
            state.aging.cursor = ListCursor()
        case .toggleBreached:
            state.aging.breachedOnly.toggle()
            state.aging.cursor = ListCursor()
        case .cycleStatus:
            let open = RequestStatus.allCases.filter(\.isOpen)
            if let s = state.aging.status, let i = open.firstIndex(of: s) {
                state.aging.status = i + 1 < open.count ? open[i + 1] : nil
            } else {
                state.aging.status = open.first
            }
            state.aging.cursor = ListCursor()
        case .clearFilters:
            state.aging.breachedOnly = false
            state.aging.status = nil
            state.aging.text = ""
            state.aging.cursor = ListCursor()
            state.message = StatusMessage("filters cleared")
        case .cycleEscalationFilter:
            EscalationsView.cycleFilter(&state)
        case .open:
            open(&state)
        case .openAccount:
            if case .request(let id)? = state.details.last?.target,
               let r = state.data.request(id) {
                state.details.append(DetailState(.account(r.account)))
            }
        case .up, .down, .left, .right, .pageUp, .pageDown, .top, .bottom:
            move(command, &state)
        case .intake:
            switch ActionForms.intake(state) {
            case .success(let form): state.form = form
            case .failure(let why): state.message = StatusMessage(why.text, isError: true)
            }
        case .act(let kind):
            guard case .success(let action) = ActionForms.action(kind, state) else { return [] }
            if var form = ActionForms.form(for: action, state) {
                // Live updates keep the form open: sending it is checked against what the person saw here.
                form.action.knownSeq = state.shownSeq
                state.form = form
                return []
            }
            return [.perform(action)]
        case .clearSearch, .nextMatch, .previousMatch, .sortPrevious, .sortNext, .flipSort, .palette, .historyBack,
             .historyForward, .mouse:
            return runNav(command, &state)
        case .edit:
            // Editing keys act only in a form or the filter (FormEditor, typeInto), never on a pane.
            break
        }
        return []
    }

    /// Takes the result of an action the run loop carried out: the new store (every pane follows at once), or
    /// why it was refused.
    public static func applied(_ state: inout AppState, _ result: Result<ActionOutcome, Problem>) {
        switch result {
        case .success(let outcome):
            let selected = ActionForms.selectedRequest(state)
            state.replaceStore(outcome.store, touched: outcome.touched)
            if let id = selected { follow(id, &state) }
            if outcome.activity.action != ActionKind.undo.rawValue {
                state.sessionActions.append(outcome.store.activity.count - 1)
            }
            state.message = StatusMessage(outcome.summary + (state.isDemo ? " (DEMO: kept in memory, not saved)" : ""))
        case .failure(let why):
            state.message = StatusMessage(why.text, isError: true)
        }
        clamp(&state)
    }

    static func open(_ state: inout AppState) {
        if let cursor = state.whoAmI {
            let all = WhoAmIView.choices(state)
            state.choose(user: all.indices.contains(cursor.selection) ? all[cursor.selection] : nil)
            return
        }
        if let top = state.details.last {
            if let link = DetailView.lines(state, top.target)[top.cursor].link { state.details.append(DetailState(link)) }
            return
        }
        switch state.pane {
        case .home:
            if let r = HomeView.selected(state) { state.details.append(DetailState(.request(r.id))) }
        case .board:
            if let row = BoardView.selected(state) { state.details.append(DetailState(.request(row.request.id))) }
        case .aging:
            let rows = AgingView.rows(state)
            state.details.append(DetailState(.request(rows[state.aging.cursor.selection].request.id)))
        case .renewals:
            let e = RenewalsView.quarter(state).entries[state.renewals.selection]
            state.details.append(DetailState(.account(e.contract.account)))
        case .kpis:
            let g = KPIView.gauges(state)[state.kpis.selection]
            var drill = DetailState(.kpi(id: g.id, scope: g.scope))
            drill.cursor = KPIDrillDown.firstItem(state, id: g.id, scope: g.scope)
            state.details.append(drill)
        case .escalations:
            if let row = EscalationsView.selected(state) { state.details.append(DetailState(.request(row.request.id))) }
        case .accounts:
            let rows = AccountsView.rows(state)
            state.details.append(DetailState(.account(rows[state.accounts.selection].account.id)))
        }
    }

    /// Keeps the cursor on a request after an action moved it (to another section, column or place in a list).
    static func follow(_ id: String, _ state: inout AppState) {
        guard state.details.isEmpty else { return }
        switch state.pane {
        case .home:
            if let i = HomeView.rows(state).firstIndex(where: { $0.id == id }) { state.home.selection = i }
        case .aging:
            if let i = AgingView.rows(state).firstIndex(where: { $0.request.id == id }) { state.aging.cursor.selection = i }
        case .board:
            for (c, col) in BoardView.columns(state).enumerated() {
                if let i = col.firstIndex(where: { $0.request.id == id }) { state.board.column = c; state.board.rows[c] = i }
            }
        default: break
        }
    }

    /// Moves a selection by a command: one step, a page, or to either end.
    static func step(_ command: Command, _ current: Int, count: Int, page: Int) -> Int {
        switch command {
        case .up: return current - 1
        case .down: return current + 1
        case .pageUp: return current - max(1, page)
        case .pageDown: return current + max(1, page)
        case .top: return 0
        case .bottom: return count - 1
        default: return current
        }
    }

    static func move(_ command: Command, _ state: inout AppState) {
        let body = Screen.bodyRect(state)
        if state.help == nil, var p = state.preview {
            let page = PreviewOverlay.visibleRows(state.size)
            let count = PreviewOverlay.displayLines(p, size: state.size).count
            if command == .left || command == .right {
                p.shift = min(max(0, p.shift + (command == .right ? 8 : -8)), PreviewOverlay.maxShift(p, size: state.size))
            } else {
                p.offset = min(max(0, step(command, p.offset, count: count, page: page)), max(0, count - page))
            }
            state.preview = p
            return
        }
        if let offset = state.help {
            let total = HelpOverlay.lines(shownOver: state).count
            let page = HelpOverlay.visibleRows(state.size)
            state.help = min(max(0, step(command, offset, count: total, page: page)), max(0, total - page))
            return
        }
        if var cursor = state.whoAmI {
            cursor.selection = step(command, cursor.selection, count: WhoAmIView.choices(state).count, page: WhoAmIView.visibleRows(body))
            state.whoAmI = cursor
            return
        }
        if var top = state.details.popLast() {
            let count = DetailView.lines(state, top.target).count
            top.cursor = step(command, top.cursor, count: count, page: DetailView.visibleRows(body))
            state.details.append(top)
            return
        }
        switch state.pane {
        case .home:
            state.home.selection = step(command, state.home.selection, count: HomeView.rows(state).count, page: HomeView.visibleRows(body))
        case .board:
            var b = state.board
            if command == .left { b.column = max(0, b.column - 1) } else if command == .right {
                b.column = min(BoardView.stages.count - 1, b.column + 1)
            } else {
                let count = BoardView.columns(state)[b.column].count
                b.rows[b.column] = step(command, b.rows[b.column], count: count, page: BoardView.visibleCards(body))
            }
            state.board = b
        case .aging:
            state.aging.cursor.selection = step(command, state.aging.cursor.selection, count: AgingView.rows(state).count,
                                                page: AgingView.visibleRows(body))
        case .renewals:
            state.renewals.selection = step(command, state.renewals.selection, count: RenewalsView.quarter(state).entries.count,
                                            page: RenewalsView.visibleRows(body))
        case .kpis:
            state.kpis.selection = step(command, state.kpis.selection, count: KPIView.gauges(state).count,
                                        page: KPIView.visibleRows(body))
        case .escalations:
            state.escalations.cursor.selection = step(command, state.escalations.cursor.selection,
                                                      count: EscalationsView.rows(state).count, page: EscalationsView.visibleRows(body))
        case .accounts:
            state.accounts.selection = step(command, state.accounts.selection, count: AccountsView.rows(state).count,
                                            page: AccountsView.visibleRows(body))
        }
    }

    /// Text typed into the `/` filter: applied as it is typed. Keys are looked up in the keymap (scope `input`);
    /// a character no binding takes is typed.
    static func typeInto(_ state: inout AppState, _ key: KeyEvent) {
        guard var input = state.input else { return }
        switch Keymap.command(for: key, in: .input) {
        case .edit(.deleteBackward)?: if !input.text.isEmpty { input.text.removeLast() }
        case .edit(.deleteToStart)?: input.text = ""
        case .edit(.accept)?:
            state.input = nil
            setSearch(&state, input, input.text)
            state.message = StatusMessage(input.text.isEmpty ? "text filter off" : (input.pane == nil ? "searched for" : "filtered by") + " \"\(input.text)\"")
            return
        case .edit(.cancel)?:
            state.input = nil
            setSearch(&state, input, input.original)
            return
        case nil:
            switch key {
            case .char(let c): input.text.append(c)
            case .paste(let s): input.text += DisplayWidth.sanitized(s).replacingOccurrences(of: "\n", with: " ")
            default: return
            }
        default:
            return
        }
        state.input = input
        setSearch(&state, input, input.text)
    }

    /// Keeps the selection of the pane in view (and of the open detail view) inside its list and its scroll offset
    /// showing it. Only the pane in view: the others are clamped when they are shown (switching panes runs this),
    /// so that no key derives the model of a pane nobody looks at.
    static func clamp(_ state: inout AppState) {
        let body = Screen.bodyRect(state)
        func fix(_ c: inout ListCursor, count: Int, visible: Int) {
            c.selection = min(max(0, c.selection), max(0, count - 1))
            c.offset = Scrolling.offset(selection: c.selection, current: c.offset, visible: visible, count: count)
        }
        if !state.data.store.pods.indices.contains(state.podIndex) { state.podIndex = 0 }
        if var cursor = state.whoAmI {
            fix(&cursor, count: WhoAmIView.choices(state).count, visible: WhoAmIView.visibleRows(body))
            state.whoAmI = cursor
        }
        switch state.pane {
        case .board: clampBoard(&state, body)
        case .aging: fix(&state.aging.cursor, count: AgingView.rows(state).count, visible: AgingView.visibleRows(body))
        case .home: fix(&state.home, count: HomeView.rows(state).count, visible: HomeView.visibleRows(body))
        case .renewals: fix(&state.renewals, count: RenewalsView.quarter(state).entries.count, visible: RenewalsView.visibleRows(body))
        case .escalations:
            fix(&state.escalations.cursor, count: EscalationsView.rows(state).count, visible: EscalationsView.visibleRows(body))
        case .accounts: fix(&state.accounts, count: AccountsView.rows(state).count, visible: AccountsView.visibleRows(body))
        case .kpis: clampKPIs(&state, body)
        }
        if var top = state.details.popLast() {
            let count = DetailView.lines(state, top.target).count
            top.cursor = min(max(0, top.cursor), max(0, count - 1))
            top.offset = Scrolling.offset(selection: top.cursor, current: top.offset, visible: DetailView.visibleRows(body), count: count)
            state.details.append(top)
        }
    }

    static func clampBoard(_ state: inout AppState, _ body: Rect) {
        let cols = BoardView.columns(state)
        for i in cols.indices {
            state.board.rows[i] = min(max(0, state.board.rows[i]), max(0, cols[i].count - 1))
            state.board.offsets[i] = Scrolling.offset(selection: state.board.rows[i], current: state.board.offsets[i],
                                                      visible: BoardView.visibleCards(body), count: cols[i].count)
        }
    }

    static func clampKPIs(_ state: inout AppState, _ body: Rect) {
        let kpiLines = KPIView.lines(state)
        let gauges = KPIView.gauges(state).count
        state.kpis.selection = min(max(0, state.kpis.selection), max(0, gauges - 1))
        // Scrolled by lines; the section title above the first gauge stays in view at the top.
        let line = KPIView.lineIndex(ofGauge: state.kpis.selection, in: kpiLines)
        state.kpis.offset = Scrolling.offset(selection: state.kpis.selection == 0 ? 0 : line, current: state.kpis.offset,
                                             visible: KPIView.visibleRows(body), count: kpiLines.count)
    }
}
