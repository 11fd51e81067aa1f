import PodboardCore

/// Pane 3: one quarter's renewals (next quarter first): a month grid with the renewals per day, the list, and
/// when the quarter's calendar is due and whether it was published.
public enum RenewalsView {
    /// The quarter's calendar for the POD in view.
    public static func quarter(_ state: AppState) -> RenewalQuarter {
        let snap = state.data.snapshot
        let podId = state.pod?.id
        return Renewals.quarter(state.renewalsQuarter, snap) { snap.accountsById[$0.account]?.pod == podId }
    }

    /// Rows of the grid block: title, weekday names, six weeks.
    static let gridHeight = 8

    /// Rows of the list that fit under the grid and the list's titles.
    public static func visibleRows(_ body: Rect) -> Int { max(1, body.height - 1 - gridHeight - 2) }

    static let columns: [TableLayout.Column] = [
        .init("Ends", width: 10, priority: 10),
        .init("Account", width: 8, priority: 8, flexible: true),
        .init("Tool", width: 8, priority: 9, flexible: true),
        .init("Cancel by", width: 10, priority: 9),
        .init("Auto", width: 4, priority: 6),
        .init("Annual value", width: 13, priority: 7, alignRight: true),
        .init("Request", width: 8, priority: 5),
        .init("Flags", width: 9, priority: 9, flexible: true),
    ]

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let q = quarter(state)
        let today = state.data.today
        var status: StyledLine = [Span("\(q.quarter)", .title, .bold), Span(" · " + Format.count(q.entries.count, "renewal"), .muted)]
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
        drawList(q, state, into: &buf, rect: Rect(x: rect.x, y: rect.y + 1 + gridHeight, width: rect.width,
                                                  height: rect.height - 1 - gridHeight))
    }

    static func drawGrid(_ q: RenewalQuarter, _ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        var perDay: [LocalDate: (count: Int, alert: Bool)] = [:]
        for e in q.entries {
            let d = e.contract.endsOn
            let old = perDay[d] ?? (0, false)
            perDay[d] = (old.count + 1, old.alert || e.noticeAlert)
        }
        let monthWidth = 22
        let today = state.data.today
        for m in 0..<3 {
            let first = LocalDate(year: q.quarter.year, month: (q.quarter.number - 1) * 3 + 1 + m, day: 1)!
            let x = rect.x + m * (monthWidth + 2)
            guard x + monthWidth <= rect.x + rect.width else { break }
            let count = q.entries.filter { $0.contract.endsOn.month == first.month }.count
            buf.write(Format.fit("\(Format.month(first)) · \(count)", monthWidth), x: x, y: rect.y, role: .title)
            buf.write("Mo Tu We Th Fr Sa Su", x: x, y: rect.y + 1, role: .muted)
            if m == 2 && x + monthWidth + 24 <= rect.x + rect.width {
                buf.write("* a renewal ends", x: x + monthWidth + 4, y: rect.y + 2, role: .accent)
                buf.write("+ several end", x: x + monthWidth + 4, y: rect.y + 3, role: .accent)
                buf.write("* notice alert", x: x + monthWidth + 4, y: rect.y + 4, role: .breach)
                buf.write("today reversed", x: x + monthWidth + 4, y: rect.y + 5, role: .muted)
            }
            let days = LocalDate.daysIn(month: first.month, year: first.year)
            for day in 1...days {
                let d = first.adding(days: day - 1)
                let cell = first.weekdayIndex + day - 1
                let cx = x + (cell % 7) * 3, cy = rect.y + 2 + cell / 7
                let label = day < 10 ? " \(day)" : "\(day)"
                var role: ThemeRole = .muted
                var extra: TextAttributes = []
                if let mark = perDay[d] {
                    role = mark.alert ? .breach : .accent
                    extra = .bold
                }
                if d == today { extra.insert(.reverse) }
                buf.write(label, x: cx, y: cy, role: role, extra: extra)
                if let mark = perDay[d] { buf.write(mark.count > 1 ? "+" : "*", x: cx + 2, y: cy, role: role) }
            }
        }
    }

    static func drawList(_ q: RenewalQuarter, _ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let layout = TableLayout(columns: columns, width: rect.width - 2)
        for p in layout.placed {
            let c = columns[p.index]
            buf.write(Format.fit(c.title, p.width, right: c.alignRight), x: rect.x + 1 + p.x, y: rect.y + 1, role: .title)
        }
        guard !q.entries.isEmpty else {
            buf.write("No contract ends in \(q.quarter) in this POD.", x: rect.x + 1, y: rect.y + 2, role: .muted)
            return
        }
        let visible = max(1, rect.height - 2)
        let cur = state.renewals
        let offset = Scrolling.offset(selection: cur.selection, current: cur.offset, visible: visible, count: q.entries.count)
        let currency = state.data.store.settings.currency
        for i in 0..<min(visible, q.entries.count - offset) {
            let e = q.entries[offset + i]
            let y = rect.y + 2 + i
            let selected = offset + i == cur.selection
            if selected { buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
            var flags: [String] = []
            if e.noticeAlert { flags.append("NOTICE \(e.daysToCancelBy)d") }
            if e.contract.billing == .monthly { flags.append("monthly") }
            let texts = [e.contract.endsOn.description, e.account?.name ?? e.contract.account, e.contract.tool,
                         e.cancelBy.description, e.contract.autoRenew ? "yes" : "no",
                         Format.money(e.contract.annualValue, currency), e.openRequest?.id ?? "–",
                         flags.joined(separator: ", ")]
            for p in layout.placed {
                let c = columns[p.index]
                var role: ThemeRole = selected ? .selection : .normal
                if !selected && e.noticeAlert && (p.index == 7 || p.index == 3) { role = .breach }
                buf.write(Format.fit(texts[p.index], p.width, right: c.alignRight), x: rect.x + 1 + p.x, y: y, role: role)
            }
        }
        if offset + visible < q.entries.count || offset > 0 {
            let pos = "\(cur.selection + 1)/\(q.entries.count)"
            buf.write(pos, x: rect.x + rect.width - DisplayWidth.of(pos) - 1, y: rect.y + 1, role: .muted)
        }
    }
}
