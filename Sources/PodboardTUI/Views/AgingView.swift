import PodboardCore

/// Pane 2: open requests by severity, then age, with filters (mine / my POD / all, breached only, status, text).
public enum AgingView {
    /// The rows the filters let through, in aging order.
    public static func rows(_ state: AppState) -> [AgingRow] {
        let f = state.aging
        let podId = state.pod?.id
        let userId = state.user?.id
        let needle = f.text.lowercased()
        let b = Browse.state(state, .aging)
        let key = "\(f.scope)|\(podId ?? "")|\(userId ?? "")|\(f.breachedOnly)|\(f.status?.rawValue ?? "")|\(b.sortColumn ?? -1)|\(b.descending)|" + needle
        return state.data.models.model("aging.rows", key: key) {
            let kept = state.data.aging.filter { row in
                switch f.scope {
                case .all: break
                case .pod: if row.account?.pod != podId { return false }
                case .mine:
                    let r = row.request
                    if r.analyst != userId && r.buyer != userId && row.account?.csm != userId { return false }
                }
                if f.breachedOnly && row.severity != .breached { return false }
                if let s = f.status, row.status != s { return false }
                return true
            }
            return Browse.apply(kept, b, texts: { searchTexts($0, state) }, sortKeys: { sortKeys($0, state) })
        }
    }

    /// What `/` looks in: every cell as shown, the names in full, the flags in words and short, the vendor.
    static func searchTexts(_ row: AgingRow, _ state: AppState) -> [String] {
        cells(row, state) + [row.request.vendor, state.data.name(row.request.analyst), state.data.name(row.request.buyer)]
            + row.flags.map(\.rawValue) + row.flags.map(Format.short) + BoardView.badges(row).map(\.text)
    }

    /// The cells as they sort: dates as dates.
    static func sortKeys(_ row: AgingRow, _ state: AppState) -> [String] {
        var k = cells(row, state)
        k[6] = row.nextDeadline.map { $0.date.description } ?? "–"
        return k
    }

    /// Rows of the table that fit in the body (two lines go to the filter line and the column titles).
    public static func visibleRows(_ body: Rect) -> Int { max(1, body.height - 2) }

    static let columns: [TableLayout.Column] = columns(wide: false)

    /// The columns; on a wide screen (see `wideFrom`) status, deadline and flags get the room to show whole.
    static func columns(wide: Bool) -> [TableLayout.Column] {
        [
            .init("ID", width: 8, priority: 10),
            .init("Account", width: 10, priority: 8, flexible: true),
            .init("Tool", width: 9, priority: 7, flexible: true),
            .init("Status", width: wide ? 16 : 11, priority: 8),
            .init("Age", width: 4, priority: 7, alignRight: true),
            .init("In st", width: 5, priority: 5, alignRight: true),
            .init("Next deadline", width: wide ? 14 : 13, priority: 6),
            .init("Analyst", width: 10, priority: 3, flexible: !wide),
            .init("Buyer", width: 10, priority: 4, flexible: !wide),
            .init("Flags", width: wide ? 16 : 9, priority: 9, flexible: !wide),
        ]
    }

    /// The table width from which the wide columns are used.
    static let wideFrom = 110

    static func columns(width: Int) -> [TableLayout.Column] { columns(wide: width >= wideFrom) }

    static func cells(_ row: AgingRow, _ state: AppState, flagsWidth: Int = .max, peopleWidth: Int = .max) -> [String] {
        let r = row.request
        var deadline = "–"
        if let next = row.nextDeadline { deadline = (next.what == "qualify" ? "qualify " : "submit ") + Format.short(next.date) }
        return [r.id, row.account?.name ?? r.account, r.tool, row.status.rawValue, Format.days(row.ageDays),
                Format.days(row.daysInStatus), deadline, Format.person(state.data.name(r.analyst), width: peopleWidth),
                Format.person(state.data.name(r.buyer), width: peopleWidth),
                Format.flags(row.flags, width: flagsWidth)]
    }

    /// The filter line: what is shown, and how many.
    static func summary(_ state: AppState, shown: Int) -> StyledLine {
        let f = state.aging
        var line: StyledLine = [Span("Showing ", .muted), Span(f.scope.title, .focus)]
        if f.scope == .pod, let pod = state.pod { line.append(Span(" (\(pod.name))", .muted)) }
        if f.breachedOnly { line += [Span(" · ", .muted), Span("breached only", .breach)] }
        if let s = f.status { line += [Span(" · status ", .muted), Span(s.rawValue, .focus)] }
        if !f.text.isEmpty { line += [Span(" · text ", .muted), Span("\"\(f.text)\"", .focus)] }
        line.append(Span("   \(shown) of \(state.data.aging.count) open requests", .muted))
        return line
    }

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let list = rows(state)
        buf.write(summary(state, shown: list.count), x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2)
        let columns = columns(width: rect.width - 2)
        let layout = TableLayout(columns: columns, width: rect.width - 2)
        func width(_ title: String) -> Int { layout.placed.first { columns[$0.index].title == title }?.width ?? .max }
        let flagsWidth = width("Flags")
        let peopleWidth = min(width("Analyst"), width("Buyer"))
        layout.drawTitles(columns, into: &buf, rect: rect, sort: Browse.state(state, .aging))
        if list.isEmpty {
            buf.write("No open request matches these filters (" + Keymap.key(.clearFilters, in: .aging) + " clears them).", x: rect.x + 1, y: rect.y + 2, role: .muted)
            return
        }
        let visible = visibleRows(rect)
        let cur = state.aging.cursor
        let offset = layout.drawRows(count: list.count, cursor: cur, visible: visible, columns, into: &buf, rect: rect,
                        prepare: { i -> (role: ThemeRole, texts: [String]) in
                            let row = list[i]
                            let role: ThemeRole = row.severity == .breached ? .breach : (row.severity == .dueSoon ? .warning : .normal)
                            return (role, cells(row, state, flagsWidth: flagsWidth, peopleWidth: peopleWidth))
                        }) { r, column, _ in
            (r.texts[column], r.role != .normal ? r.role : (column == 0 ? .accent : .normal))
        }
        if offset + visible < list.count || offset > 0 {
            let pos = "\(cur.selection + 1)/\(list.count)"
            buf.write(pos, x: rect.x + rect.width - DisplayWidth.of(pos) - 1, y: rect.y, role: .muted)
        }
    }
}
