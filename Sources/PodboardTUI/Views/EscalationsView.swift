import PodboardCore

/// Which escalations the escalations pane lists.
public enum EscalationFilter: String, Sendable, CaseIterable {
    /// Not resolved, on a request that is not finished: what is left to handle.
    case open
    /// Open and not acknowledged yet: what nobody has picked up.
    case unacknowledged
    /// Every escalation, resolved ones and those of finished requests too.
    case all

    public var title: String {
        switch self {
        case .open: return "open"
        case .unacknowledged: return "not acknowledged"
        case .all: return "all, resolved too"
        }
    }
}

/// The escalations pane's filter and cursor.
public struct EscalationsState: Sendable, Equatable {
    public var filter: EscalationFilter = .open
    public var cursor = ListCursor()
    public init() {}
}

/// Pane 6: the escalations of the POD in view, oldest first (what an EM triages), for everyone on the POD.
/// Enter opens the request; the EM acknowledges and resolves them here.
public enum EscalationsView {
    /// The rows the filter lets through, for the POD in view.
    public static func rows(_ state: AppState) -> [EscalationRow] {
        let podId = state.pod?.id
        let filter = state.escalations.filter
        let b = Browse.state(state, .escalations)
        return state.data.models.model("escalations.rows", key: "\(podId ?? "")|\(filter)|\(b)") {
            let kept = state.data.escalations.filter { row in
                guard row.account?.pod == podId else { return false }
                switch state.escalations.filter {
                case .open: return row.isOpen
                case .unacknowledged: return row.isOpen && row.state == .open
                case .all: return true
                }
            }
            return Browse.apply(kept, b, texts: { cells($0, state) + [$0.escalation.note] }, sortKeys: { row in
                var k = cells(row, state)
                k[0] = row.escalation.at.text
                return k
            })
        }
    }

    /// The selected row, if any.
    public static func selected(_ state: AppState) -> EscalationRow? {
        let list = rows(state)
        return list.indices.contains(state.escalations.cursor.selection) ? list[state.escalations.cursor.selection] : nil
    }

    /// acknowledge-escalation / resolve-escalation on the selected row, naming the escalation by its time.
    static func action(_ kind: ActionKind, _ state: AppState) -> Result<ActionRequest, Problem> {
        guard state.details.isEmpty, state.pane == .escalations, let row = selected(state) else {
            return .failure(Problem("select an escalation in the escalations pane first"))
        }
        var a = ActionRequest(kind, target: row.request.id)
        a.params.which = row.escalation.at.text
        return .success(a)
    }

    static func cycleFilter(_ state: inout AppState) {
        let all = EscalationFilter.allCases
        state.escalations.filter = all[(all.firstIndex(of: state.escalations.filter)! + 1) % all.count]
        state.escalations.cursor = ListCursor()
        state.message = StatusMessage("escalations: " + state.escalations.filter.title)
    }

    /// Rows of the table that fit in the body (the filter line and the column titles take two; the selected
    /// escalation's lines under the table and the gap above them take four).
    public static func visibleRows(_ body: Rect) -> Int { max(1, body.height - 2 - selectedLines - 1) }

    /// The lines under the table for the selected escalation: what it is about, and its whole note.
    static let selectedLines = 3

    static let columns: [TableLayout.Column] = [
        .init("Raised", width: 8, priority: 9),
        .init("Age", width: 4, priority: 9, alignRight: true),
        .init("Reason", width: 20, priority: 10),
        .init("By", width: 9, priority: 7, flexible: true),
        .init("Request", width: 8, priority: 10),
        .init("Tool", width: 9, priority: 5, flexible: true),
        .init("Account", width: 10, priority: 4, flexible: true),
        .init("Req. status", width: 16, priority: 8),
        .init("State", width: 12, priority: 9),
    ]

    static func cells(_ row: EscalationRow, _ state: AppState) -> [String] {
        let e = row.escalation
        let zone = state.data.snapshot.clock.zone
        let date = zone.date(of: e.at)
        let raised = date.year == state.data.today.year ? Format.short(date) : Format.month(date)
        let stateText: String
        switch row.state {
        case .open: stateText = row.requestStatus.isOpen ? "open" : "left open"
        case .acknowledged: stateText = "acknowledged"
        case .resolved: stateText = "resolved"
        }
        return [raised, Format.days(row.ageWorkingDays), e.reason.rawValue, state.data.name(e.by),
                row.request.id, row.request.tool, row.account?.name ?? row.request.account, row.requestStatus.rawValue,
                stateText]
    }

    /// The filter line: which POD, which escalations, how many.
    static func summary(_ state: AppState, shown: [EscalationRow]) -> StyledLine {
        var line: StyledLine = [Span("Escalations ", .muted), Span(state.escalations.filter.title, .focus)]
            + Browse.filterSpan(Browse.state(state, .escalations))
        if let pod = state.pod { line.append(Span(" · POD " + pod.name, .muted)) }
        let waiting = shown.filter { $0.isOpen && $0.state == .open }.count
        line.append(Span("   \(shown.count) shown", .muted))
        if waiting > 0 { line.append(Span(" · \(waiting) not acknowledged", .warning)) }
        return line
    }

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let list = rows(state)
        var head = summary(state, shown: list)
        let hint = " · age in working days"
        if head.reduce(0, { $0 + $1.width }) + DisplayWidth.of(hint) + 10 <= rect.width { head.append(Span(hint, .muted)) }
        buf.write(head, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2)
        let layout = TableLayout(columns: columns, width: rect.width - 2)
        layout.drawTitles(columns, into: &buf, rect: rect, sort: Browse.state(state, .escalations))
        if list.isEmpty {
            let key = Keymap.bindings(in: .escalations).first { $0.command == .cycleEscalationFilter }?.keys.first?.description ?? "?"
            buf.write("No escalation here (\(key) shows the others).", x: rect.x + 1, y: rect.y + 2, maxWidth: rect.width - 2, role: .muted)
            return
        }
        let visible = visibleRows(rect)
        let cur = state.escalations.cursor
        let offset = layout.drawRows(count: list.count, cursor: cur, visible: visible, columns, into: &buf, rect: rect,
                        prepare: { i in (row: list[i], texts: cells(list[i], state)) }) { r, column, width in
            let rowRole: ThemeRole = r.row.state == .resolved || !r.row.requestStatus.isOpen ? .muted : .normal
            var role = rowRole
            if rowRole == .normal {
                if column == 4 { role = .accent }
                if column == 8 { role = r.row.state == .open ? .warning : .ok }
            }
            // People as "Sven L." when the column is narrower than the name.
            return (column == 3 ? Format.person(r.texts[column], width: width) : r.texts[column], role)
        }
        if offset + visible < list.count || offset > 0 {
            let pos = "\(cur.selection + 1)/\(list.count)"
            buf.write(pos, x: rect.x + rect.width - DisplayWidth.of(pos) - 1, y: rect.y, role: .muted)
        }
        if list.indices.contains(cur.selection) { drawSelected(list[cur.selection], state, into: &buf, rect: rect) }
    }

    /// Under the table: the selected escalation's request, tool, account, when and who raised it, then its whole note
    /// (wrapped; a note longer than the lines ends in "…"), so nothing the EM acts on is cut.
    static func drawSelected(_ row: EscalationRow, _ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let e = row.escalation
        let top = rect.y + rect.height - selectedLines
        guard top > rect.y + 2 else { return }
        let width = rect.width - 2
        let about: StyledLine = [
            Span("› " + row.request.id + " ", .focus, .bold),
            Span(row.request.tool + " · " + (row.account?.name ?? row.request.account), .normal),
            Span(" · raised " + Format.time(e.at, state.data.snapshot.clock.zone) + " by " + state.data.name(e.by), .muted),
        ]
        buf.write(about, x: rect.x + 1, y: top, maxWidth: width)
        let note = e.note.isEmpty ? "(no note)" : e.note
        var lines = Format.wrap(note, width: width - 2)
        if lines.count > selectedLines - 1 {
            lines = Array(lines.prefix(selectedLines - 1))
            lines[lines.count - 1] = DisplayWidth.truncated(lines[lines.count - 1] + " …", toWidth: width - 2)
        }
        for (i, line) in lines.enumerated() {
            buf.write("  " + line, x: rect.x + 1, y: top + 1 + i, maxWidth: width, role: .normal)
        }
    }
}

extension EscalationsView {
    /// Under an escalation in the request view: who acknowledged and resolved it, when, and their notes.
    static func stateLines(_ e: Escalation, _ data: AppData) -> [DetailLine] {
        let zone = data.snapshot.clock.zone
        var out: [DetailLine] = []
        if let t = e.acknowledgedAt {
            out.append(DetailLine([Span("      acknowledged " + Format.time(t, zone) + " by " + data.name(e.acknowledgedBy), .muted),
                                   Span(e.acknowledgedNote.map { ": " + $0 } ?? "")]))
        }
        if let t = e.resolvedAt {
            out.append(DetailLine([Span("      resolved " + Format.time(t, zone) + " by " + data.name(e.resolvedBy), .ok),
                                   Span(e.resolution.map { ": " + $0 } ?? "")]))
        } else if e.acknowledgedAt == nil {
            out.append(DetailLine([Span("      not acknowledged yet", .warning)]))
        }
        return out
    }
}
