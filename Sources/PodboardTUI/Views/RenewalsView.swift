import PodboardCore

/// Pane 3: one quarter's renewals (next quarter first): a month grid with the renewals per day, the list, and
/// when the quarter's calendar is due and whether it was published.
public enum RenewalsView {
    /// The quarter's calendar for the POD in view.
    public static func quarter(_ state: AppState) -> RenewalQuarter {
        let podId = state.pod?.id
        let b = Browse.state(state, .renewals)
        return state.data.models.model("renewals.quarter", key: "\(state.renewalsQuarter)|\(podId ?? "")|\(b)") {
            let snap = state.data.snapshot
            var q = Renewals.quarter(state.renewalsQuarter, snap) { snap.accountsById[$0.account]?.pod == podId }
            q.entries = Browse.apply(q.entries, b, texts: { cells($0, state) + $0.flags.map(\.rawValue) + [$0.contract.vendor, $0.contract.id] },
                                     sortKeys: { sortKeys($0, state) })
            return q
        }
    }

    /// A contract's cells in the list, as shown.
    static func cells(_ e: RenewalEntry, _ state: AppState) -> [String] {
        [e.contract.endsOn.description, e.account?.name ?? e.contract.account, e.contract.tool,
         Format.short(e.reviewOn), Format.short(e.requestDueOn), Format.short(e.talksStartOn),
         e.cancelBy.description, e.contract.autoRenew ? "yes" : "no",
         Format.money(e.contract.annualValue, state.data.store.settings.currency), e.openRequest?.id ?? "–",
         e.flags.map { $0.short(e) }.joined(separator: " ")]
    }

    /// The cells as they sort: dates as dates, the value as an amount.
    static func sortKeys(_ e: RenewalEntry, _ state: AppState) -> [String] {
        var k = cells(e, state)
        k[3] = e.reviewOn.description; k[4] = e.requestDueOn.description; k[5] = e.talksStartOn.description
        k[8] = "\(e.contract.annualValue)"
        return k
    }

    /// Rows of the grid block: title, weekday names, six weeks.
    static let gridHeight = 8

    /// Rows of the list that fit under the grid and the list's titles.
    public static func visibleRows(_ body: Rect) -> Int {
        // Narrow: the legend (about 3 lines) is under the list.
        let legend = body.width - 2 - 3 * 24 >= sideLegendWidth ? 0 : 3
        return max(1, body.height - 1 - gridHeight - 2 - legend)
    }

    static let columns: [TableLayout.Column] = [
        .init("Ends", width: 10, priority: 10),
        .init("Account", width: 8, priority: 8, flexible: true),
        .init("Tool", width: 8, priority: 9, flexible: true),
        .init("Review", width: 6, priority: 3),
        .init("Req due", width: 7, priority: 4),
        .init("Talks", width: 6, priority: 3),
        .init("Cancel by", width: 10, priority: 9),
        .init("Auto", width: 4, priority: 6),
        .init("Annual value", width: 13, priority: 7, alignRight: true),
        .init("Request", width: 8, priority: 5),
        .init("Flags", width: 9, priority: 9, flexible: true),
    ]
    static let flagsColumn = 10
    static let cancelByColumn = 6

    /// The legend: one entry per mark of the grid and per short flag of the list, each meaning one thing.
    static func legend(_ state: AppState, compact: Bool = false) -> [(String, ThemeRole)] {
        let days = state.data.store.settings.renewal.noticeAlertDays
        if compact {
            return [("* one ends", .accent), ("+ several end", .accent), ("! an ALERT", .breach), ("x a PASSED", .warning),
                    ("today reversed", .muted), ("ALERT Nd cancel-by in N≤\(days)d, no request", .breach),
                    ("PASSED cancel-by passed, no request", .warning), ("off offline", .muted), ("mo monthly", .muted)]
        }
        return [("* one renewal ends that day", .accent), ("+ several end that day", .accent),
                ("! a notice ALERT among them", .breach), ("x a notice PASSED among them", .warning),
                ("ALERT Nd cancel-by in N≤\(days) days, no request", .breach),
                ("PASSED cancel-by passed, no request", .warning),
                ("off offline · mo monthly · today reversed", .muted)]
    }

    /// The legend's entries joined into lines of at most `width` cells.
    static func legendLines(_ state: AppState, width: Int) -> [StyledLine] {
        var out: [StyledLine] = []
        var line: StyledLine = []
        var used = 0
        for (text, role) in legend(state, compact: true) {
            let w = DisplayWidth.of(text)
            if used > 0 && used + 3 + w > width { out.append(line); line = []; used = 0 }
            if used > 0 { line.append(Span(" · ", .muted)); used += 3 }
            line.append(Span(text, role)); used += w
        }
        if !line.isEmpty { out.append(line) }
        return out
    }

    /// The width the legend needs beside the grid.
    static let sideLegendWidth = 44

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let q = quarter(state)
        let today = state.data.today
        var status: StyledLine = [Span("\(q.quarter)", .title, .bold)] + Browse.filterSpan(Browse.state(state, .renewals))
            + [Span(" · " + Format.count(q.entries.count, "renewal"), .muted)]
        status.append(Span(" · calendar due \(q.dueOn): ", .muted))
        if let pub = q.publication {
            let on = state.data.snapshot.clock.date(pub.at)
            status.append(Span("published \(on) by \(state.data.name(pub.by))", on <= q.dueOn ? .ok : .warning))
            if on > q.dueOn { status.append(Span(" (late)", .warning)) }
        } else if q.dueOn < today {
            status.append(Span("NOT PUBLISHED, overdue", .breach))
        } else {
            status.append(Span("not published (\(today.days(to: q.dueOn))d left)", .warning))
        }
        buf.write(status, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2)
        drawGrid(q, state, into: &buf, rect: Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: gridHeight))
        // The legend stands beside the grid when there is room, else under the list.
        let side = rect.width - 2 - 3 * 24 >= sideLegendWidth
        var listHeight = rect.height - 1 - gridHeight
        if side {
            for (i, l) in legend(state).enumerated() where i < gridHeight - 1 {
                buf.write([Span(l.0, l.1)], x: rect.x + 1 + 3 * 24 + 2, y: rect.y + 2 + i, maxWidth: rect.width - 3 * 24 - 4)
            }
        } else {
            let lines = legendLines(state, width: rect.width - 2)
            listHeight -= lines.count
            for (i, l) in lines.enumerated() {
                buf.write(l, x: rect.x + 1, y: rect.y + rect.height - lines.count + i, maxWidth: rect.width - 2)
            }
        }
        drawList(q, state, into: &buf, rect: Rect(x: rect.x, y: rect.y + 1 + gridHeight, width: rect.width, height: listHeight))
    }

    static func drawGrid(_ q: RenewalQuarter, _ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        var perDay: [LocalDate: [RenewalEntry]] = [:]
        for e in q.entries { perDay[e.contract.endsOn, default: []].append(e) }
        let monthWidth = 22
        let today = state.data.today
        for m in 0..<3 {
            let first = LocalDate(year: q.quarter.year, month: (q.quarter.number - 1) * 3 + 1 + m, day: 1)!
            let x = rect.x + m * (monthWidth + 2)
            guard x + monthWidth <= rect.x + rect.width else { break }
            let count = q.entries.filter { $0.contract.endsOn.month == first.month }.count
            buf.write(Format.fit("\(Format.month(first)) · \(count)", monthWidth), x: x, y: rect.y, role: .title)
            buf.write("Mo Tu We Th Fr Sa Su", x: x, y: rect.y + 1, role: .muted)
            let days = LocalDate.daysIn(month: first.month, year: first.year)
            for day in 1...days {
                let d = first.adding(days: day - 1)
                let cell = first.weekdayIndex + day - 1
                let cx = x + (cell % 7) * 3, cy = rect.y + 2 + cell / 7
                let label = day < 10 ? " \(day)" : "\(day)"
                var role: ThemeRole = .muted
                var extra: TextAttributes = []
                var mark: String?
                if let ends = perDay[d] {
                    (mark, role) = gridMark(ends)
                    extra = .bold
                }
                if d == today { extra.insert(.reverse) }
                buf.write(label, x: cx, y: cy, role: role, extra: extra)
                if let mark { buf.write(mark, x: cx + 2, y: cy, role: role) }
            }
        }
    }

    /// The mark of a day on the grid: `!` a notice alert, else `x` a notice passed, else `+` several, else `*` one.
    static func gridMark(_ ends: [RenewalEntry]) -> (String, ThemeRole) {
        if ends.contains(where: \.noticeAlert) { return ("!", .breach) }
        if ends.contains(where: \.noticePassed) { return ("x", .warning) }
        return (ends.count > 1 ? "+" : "*", .accent)
    }

    static func drawList(_ q: RenewalQuarter, _ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let layout = TableLayout(columns: columns, width: rect.width - 2)
        layout.drawTitles(columns, into: &buf, rect: rect, sort: Browse.state(state, .renewals))
        guard !q.entries.isEmpty else {
            buf.write("No contract ends in \(q.quarter) in this POD.", x: rect.x + 1, y: rect.y + 2, role: .muted)
            return
        }
        let visible = max(1, rect.height - 2)
        let cur = state.renewals
        let offset = Scrolling.offset(selection: cur.selection, current: cur.offset, visible: visible, count: q.entries.count)
        for i in 0..<min(visible, q.entries.count - offset) {
            let e = q.entries[offset + i]
            let y = rect.y + 2 + i
            let selected = offset + i == cur.selection
            if selected { buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
            let texts = cells(e, state)
            let alertRole: ThemeRole? = e.noticeAlert ? .breach : (e.noticePassed ? .warning : nil)
            for p in layout.placed {
                let c = columns[p.index]
                var role: ThemeRole = selected ? .selection : .normal
                if !selected, let alertRole, p.index == flagsColumn || p.index == cancelByColumn { role = alertRole }
                buf.write(Format.fit(texts[p.index], p.width, right: c.alignRight), x: rect.x + 1 + p.x, y: y, role: role)
            }
        }
        if offset + visible < q.entries.count || offset > 0 {
            let pos = "\(cur.selection + 1)/\(q.entries.count)"
            buf.write(pos, x: rect.x + rect.width - DisplayWidth.of(pos) - 1, y: rect.y + 1, role: .muted)
        }
    }
}
