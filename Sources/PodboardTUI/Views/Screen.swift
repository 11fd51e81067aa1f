import PodboardCore

/// Draws the whole screen from the state: header, tabs, the read-only banner, the pane or detail view, the
/// message line and the footer, and the help overlay on top. A pure function of the state (and its size).
public enum Screen {
    /// Below this, a message asking for a larger window replaces everything.
    public static let minimumSize = Size(width: 60, height: 16)

    /// The frame for the state's size.
    public static func render(_ state: AppState) -> CellBuffer {
        var buf = CellBuffer(size: state.size)
        let size = state.size
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            drawTooSmall(&buf, size)
            return buf
        }
        drawHeader(state, &buf)
        drawTabs(state, &buf)
        if let reason = state.bannerText {
            buf.fill(Rect(x: 0, y: 2, width: size.width, height: 1), role: .banner)
            buf.write(DisplayWidth.truncated(" READ-ONLY  " + DisplayWidth.sanitized(reason), toWidth: size.width), x: 0, y: 2, role: .banner)
        }
        let body = bodyRect(state)
        if state.whoAmI != nil {
            WhoAmIView.draw(state, into: &buf, rect: body)
        } else if let top = state.details.last {
            DetailView.draw(state, top, into: &buf, rect: body)
        } else {
            switch state.pane {
            case .home: HomeView.draw(state, into: &buf, rect: body)
            case .board: BoardView.draw(state, into: &buf, rect: body)
            case .aging: AgingView.draw(state, into: &buf, rect: body)
            case .renewals: RenewalsView.draw(state, into: &buf, rect: body)
            case .kpis: KPIView.draw(state, into: &buf, rect: body)
            case .escalations: EscalationsView.draw(state, into: &buf, rect: body)
            case .accounts: AccountsView.draw(state, into: &buf, rect: body)
            }
        }
        drawMessage(state, &buf)
        drawFooter(state, &buf)
        if let p = state.preview { PreviewOverlay.draw(p, size: size, into: &buf) }
        if let p = state.palette { PaletteView.draw(p, into: &buf, size: size) }
        if let offset = state.help { HelpOverlay.draw(state, offset: offset, into: &buf) }
        if let form = state.form { FormView.draw(form, into: &buf, size: size) }
        return buf
    }

    /// Where the pane or detail view goes.
    public static func bodyRect(_ state: AppState) -> Rect {
        let top = state.bannerText == nil ? 2 : 3
        return Rect(x: 0, y: top, width: state.size.width, height: max(0, state.size.height - top - 2))
    }

    /// The key scope in effect: text input, help, the top detail view, or the pane.
    public static func scope(_ state: AppState) -> KeyScope {
        if let form = state.form { return FormEditor.scope(form) }
        if state.input != nil { return .input }
        if state.help != nil { return .help }
        if state.palette != nil { return .palette }
        if state.preview != nil { return .preview }
        if state.whoAmI != nil { return .whoAmI }
        if case .account? = state.details.last?.target { return .account }
        if case .kpi? = state.details.last?.target { return .drill }
        if !state.details.isEmpty { return .detail }
        switch state.pane {
        case .home: return .home
        case .board: return .board
        case .aging: return .aging
        case .renewals: return .renewals
        case .kpis: return .kpis
        case .escalations: return .escalations
        case .accounts: return .accounts
        }
    }

    static func drawTooSmall(_ buf: inout CellBuffer, _ size: Size) {
        let lines = ["Enlarge the window", "podboard needs \(minimumSize.width)×\(minimumSize.height),",
                     "this one is \(size.width)×\(size.height).", Keymap.key(.quit, in: .global) + " quits."]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (size.width - DisplayWidth.of(line)) / 2)
            buf.write(line, x: x, y: top + i, role: i == 0 ? .warning : .normal)
        }
    }

    static func drawHeader(_ state: AppState, _ buf: inout CellBuffer) {
        let w = state.size.width
        buf.fill(Rect(x: 0, y: 0, width: w, height: 1), role: .header)
        let d = state.data.today
        var right = "\(d) \(Format.weekdays[d.weekdayIndex]) \(d.quarter)"
        if let pod = state.pod { right += " │ POD " + pod.name }
        if let u = state.user {
            // Acting for someone (an admin on a team store) says so; the name gives way to initials at 80 columns.
            let name = state.via == nil || w >= 100 ? u.name : Format.person(u.name, width: 0)
            right += " │ " + name + " · " + u.roles.map(Self.shortTitle).joined(separator: ", ") + (state.via.map { " (via \($0))" } ?? "")
        } else {
            right += " │ read-only"
        }
        right += " "
        // Acting for someone: the quarter gives way rather than the "via".
        if state.via != nil, DisplayWidth.of(DisplayWidth.sanitized(right)) + 16 > w {
            right = right.replacingOccurrences(of: " \(d.quarter) │", with: " │")
        }
        let rw = DisplayWidth.of(DisplayWidth.sanitized(right))
        var x = buf.write(" podboard ", x: 0, y: 0, role: .header, extra: .bold)
        if state.isDemo {
            x += buf.write(" DEMO ", x: x, y: 0, role: .demo)
            if w - x - rw > 28 { x += buf.write(" built-in store, not saved", x: x, y: 0, role: .header) }
        } else {
            x += buf.write(" " + DisplayWidth.truncated(state.storeLabel, toWidth: max(4, w - x - rw - 2)), x: x, y: 0, role: .header)
        }
        let start = max(x + 1, w - rw)
        buf.write(right, x: start, y: 0, maxWidth: w - start, role: .header)
    }

    /// The role as the header names it, the same at every width.
    static func shortTitle(_ r: Role) -> String {
        switch r {
        case .em: return "EM"
        case .buyer: return "Buyer"
        case .analyst: return "Analyst"
        case .csm: return "CSM"
        case .admin: return "admin"
        case .sam: return "SAM"
        case .am: return "AM"
        case .sdr: return "SDR"
        case .ae: return "AE"
        case .renewals: return "Renewals"
        }
    }

    static func drawTabs(_ state: AppState, _ buf: inout CellBuffer) {
        var x = 1
        for (pane, range) in tabRanges(state) {
            let focused = pane == state.pane
            buf.write(tabLabel(state, pane), x: range.lowerBound, y: 1, role: focused ? .selection : .muted, extra: focused ? .bold : [])
            x = range.upperBound + 1
        }
        if let crumb = tabCrumb(state) {
            buf.write([Span(crumb, .focus)], x: x + (state.details.isEmpty ? 0 : 1), y: 1, maxWidth: state.size.width - x - 2)
        }
    }

    /// What stands beside the tabs: the open detail view (`› request REQ-1042`, with its search), or the pane's
    /// `/` filter (`/"escal"`).
    static func tabCrumb(_ state: AppState) -> String? {
        if let top = state.details.last {
            return "› " + DisplayWidth.sanitized(DetailView.title(state, top.target)) + (top.search.isEmpty ? "" : " /\"" + DisplayWidth.sanitized(top.search) + "\"")
        }
        if Browse.filterable.contains(state.pane), case let f = Browse.state(state, state.pane).filter, !f.isEmpty {
            return "/\"" + DisplayWidth.sanitized(f) + "\""
        }
        return nil
    }

    /// A pane's tab: its key and title; only its key when the crumb would not fit beside full tabs (not the
    /// focused one).
    static func tabLabel(_ state: AppState, _ pane: Pane) -> String {
        func key(_ pane: Pane) -> String { Keymap.bindings.first { $0.command == .showPane(pane) }?.keys.first?.description ?? "\(pane.rawValue)" }
        let crumbWidth = tabCrumb(state).map { DisplayWidth.of($0) } ?? 0
        let full = Pane.allCases.reduce(1) { $0 + DisplayWidth.of(" \(key($1)) \($1.title) ") + 1 }
        let compact = crumbWidth > 0 && full + 1 + crumbWidth > state.size.width - 1
        return compact && pane != state.pane ? " \(key(pane)) " : " \(key(pane)) \(pane.title) "
    }

    static func drawMessage(_ state: AppState, _ buf: inout CellBuffer) {
        let y = state.size.height - 2
        if let input = state.input {
            buf.fill(Rect(x: 0, y: y, width: state.size.width, height: 1), role: .input)
            let used = buf.write(input.prompt + input.text, x: 0, y: y, role: .input)
            buf.write("▏", x: used, y: y, role: .input)
            let hint = KeyHints.keepOrCancel
            let hx = state.size.width - DisplayWidth.of(hint) - 1
            if hx > used + 2 { buf.write(hint, x: hx, y: y, role: .muted) }
        } else if let m = state.message {
            // A message longer than the line ends in "…": a cut never passes for the whole reason.
            buf.write([Span(" " + m.text, m.isError ? .breach : .ok)], x: 0, y: y, maxWidth: state.size.width)
        }
    }

    static func drawFooter(_ state: AppState, _ buf: inout CellBuffer) {
        let y = state.size.height - 1
        let w = state.size.width
        buf.fill(Rect(x: 0, y: y, width: w, height: 1), role: .footer)
        if state.input != nil || state.form != nil {
            // Typing: the keys of the field (or filter, or question) in view, from the keymap.
            let scope = scope(state)
            buf.write(" " + (scope == .input ? "type to filter · " : "") + KeyHints.line(for: scope), x: 0, y: y, maxWidth: w, role: .footer)
            return
        }
        let scope = scope(state)
        // The actions that can run now on the selected request come first, then the pane's keys; help and
        // quit always fit at the end.
        let selected = ActionForms.selectedRequest(state)  // once per frame, not once per action
        // Which keys can run is kept for the revision and what the guards look at: cursor moves that stay on the
        // same request ask the guards nothing.
        let key = "\(scope)|\(selected ?? "")|\(state.user?.id ?? "")|\(state.pane)|\(state.podIndex)|\(state.renewalsQuarter)|"
            + "\(String(describing: state.details.last))|\(state.renewals.selection)|\(state.escalations.cursor.selection)|"
            + "\(state.accounts.selection)|\(state.sessionActions.last ?? -1)|\(state.bannerText ?? "")"
        var hints: [Binding] = state.data.models.model("footer", key: key) {
            var hints: [Binding] = []
            for s in scope.layered where s != .global {
                for b in Keymap.bindings(in: s) where b.footer != nil {
                    if case .act = b.command, AppUpdate.unavailable(b.command, state, selectedRequest: selected) != nil { continue }
                    if b.command == .openAccount, AppUpdate.unavailable(b.command, state) != nil { continue }
                    if b.command == .intake, state.connection != nil || ActionForms.intakeRefusal(state) != nil { continue }
                    hints.append(b)
                }
            }
            return hints
        }
        let acts = hints.filter { if case .act = $0.command { return true } else { return false } }
        hints = acts + hints.filter { if case .act = $0.command { return false } else { return true } }
        // Help and quit, when their key does that here (in the help overlay q closes it).
        let tail = Keymap.bindings(in: .global).filter { $0.footer != nil && Keymap.command(for: $0.keys[0], in: scope) == $0.command }
            .filter { $0.command != .historyBack }
        // Ctrl-O (history) once there is a view to go back to, after the pane's keys when there is room.
        if !state.history.back.isEmpty, let back = Keymap.bindings(in: .global).first(where: { $0.command == .historyBack }),
           Keymap.command(for: back.keys[0], in: scope) == .historyBack {
            hints.append(back)
        }
        func width(_ b: Binding) -> Int { DisplayWidth.of(label(b)) + DisplayWidth.of(b.footer ?? "") + 3 }
        func label(_ b: Binding) -> String {
            if b.command == .previousQuarter { return "[ ]" }
            // The palette's "choose" is both arrows.
            if scope == .palette, b.command == .down, let up = Keymap.bindings(in: .palette).first(where: { $0.command == .up }) {
                return up.keys[0].description + "/" + b.keys[0].description
            }
            return b.keys[0].description
        }
        let tailWidth = tail.reduce(0) { $0 + width($1) }
        var x = 1
        for b in hints where x + width(b) <= w - tailWidth - 1 {
            x += buf.write(label(b), x: x, y: y, role: .footer, extra: .bold)
            x += buf.write(" " + (b.footer ?? "") + "  ", x: x, y: y, role: .footer)
        }
        x = max(x, w - tailWidth - 1)
        for b in tail {
            x += buf.write(label(b), x: x, y: y, role: .footer, extra: .bold)
            x += buf.write(" " + (b.footer ?? "") + "  ", x: x, y: y, role: .footer)
        }
    }
}
