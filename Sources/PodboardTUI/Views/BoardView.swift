import PodboardCore

/// Pane 1: the POD's open requests in columns by stage, each a card with id, account, tool, age and a TAT badge.
public enum BoardView {
    /// The stages, in board order, and the statuses each holds. A request on hold sits in the stage it returns to.
    public static let stages: [(title: String, short: String, statuses: [RequestStatus])] = [
        ("New / qualifying", "New", [.new, .qualifying]),
        ("Qualified", "Qualified", [.qualified]),
        ("Negotiating", "Negotiating", [.negotiating]),
        ("Pending approval", "Approval", [.pendingApproval]),
        ("Approved", "Approved", [.approved]),
    ]

    /// Lines per card.
    static let cardHeight = 4

    /// The inputs of the columns besides the store: the POD in view (nil: none) and the `/` filter, lowercased.
    /// The carry after an action reads them back (`PaneModels`).
    struct ModelKey: Hashable {
        let pod: String?
        let filter: String
    }

    /// The cards of each column: the POD's open requests, most severe first, then oldest.
    public static func columns(_ state: AppState) -> [[AgingRow]] {
        let podId = state.pod?.id
        let needle = Browse.state(state, .board).filter.lowercased()
        return state.data.models.model("board", key: ModelKey(pod: podId, filter: needle)) {
            let rows = state.data.aging.filter { $0.account?.pod == podId && Browse.matches(AgingView.searchTexts($0, state), needle) }
            return stages.map { stage in rows.filter { stage.statuses.contains($0.stage) } }
        }
    }

    /// The columns after an action changed some requests: their cards taken out, and their new rows (`fresh`, by
    /// id; none for a request no longer open) put in their column and place when on POD `pod` (nil: none) — what
    /// `columns` would derive from the new aging rows, without a pass over them.
    static func replace(_ changed: [String], with fresh: [String: AgingRow], in columns: inout [[AgingRow]], pod: String?) {
        for id in changed {
            for c in columns.indices { columns[c].removeAll { $0.request.id == id } }
            guard let row = fresh[id], row.account?.pod == pod,
                  let c = stages.firstIndex(where: { $0.statuses.contains(row.stage) }), columns.indices.contains(c) else { continue }
            PaneModels.insert(row, into: &columns[c])
        }
    }

    /// How many cards fit in a column of the body.
    public static func visibleCards(_ body: Rect) -> Int { max(1, (body.height - 3) / cardHeight) }

    /// The selected request, if any.
    public static func selected(_ state: AppState) -> AgingRow? {
        let cols = columns(state)
        let c = state.board.column
        guard cols.indices.contains(c), cols[c].indices.contains(state.board.rows[c]) else { return nil }
        return cols[c][state.board.rows[c]]
    }

    /// The badges of a card, worst first: the TAT state (BREACH, DUE or STALE), then ESC (escalated) and HOLD,
    /// each with a short form; "ok" when none applies.
    public static func badges(_ row: AgingRow) -> [(text: String, short: String, role: ThemeRole)] {
        var out: [(text: String, short: String, role: ThemeRole)] = []
        if row.severity == .breached { out.append(("BREACH", "BR", .breach)) }
        else if row.nextDeadlineIsSoon { out.append(("DUE", "DUE", .warning)) }
        else if row.stale { out.append(("STALE", "ST", .warning)) }
        if row.escalated { out.append(("ESC", "E", .warning)) }
        if row.status == .onHold { out.append(("HOLD", "H", .muted)) }
        return out.isEmpty ? [("ok", "ok", .ok)] : out
    }

    /// The badge of a card in at most `width` cells: every badge in full ("BREACH ESC"), else short forms of the
    /// later ones ("BREACH E"), else all short ("BR E H"); its role is the worst badge's.
    public static func badge(_ row: AgingRow, width: Int = .max) -> (text: String, role: ThemeRole) {
        let all = badges(row)
        let full = all.map(\.text)
        var tries = [full.joined(separator: " ")]
        if all.count > 1 { tries.append(([full[0]] + all.dropFirst().map(\.short)).joined(separator: " ")) }
        tries.append(all.map(\.short).joined(separator: " "))
        let text = tries.first { DisplayWidth.of($0) <= width } ?? DisplayWidth.truncated(tries.last!, toWidth: max(1, width))
        return (text, all[0].role)
    }

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let cols = columns(state)
        let gap = 1
        let width = (rect.width - gap * (stages.count - 1)) / stages.count
        let visible = visibleCards(rect)
        for (c, stage) in stages.enumerated() {
            let x = rect.x + c * (width + gap)
            let focused = c == state.board.column
            let count = " (\(cols[c].count))"
            let cw = DisplayWidth.of(count)
            let title = DisplayWidth.of(stage.title) + cw <= width ? stage.title : stage.short
            buf.write(Format.fit(title, width - cw), x: x, y: rect.y, role: focused ? .focus : .title, extra: focused ? .bold : [])
            buf.write(count, x: x + min(width - cw, DisplayWidth.of(title)), y: rect.y, role: focused ? .focus : .title)
            buf.write(String(repeating: "─", count: width), x: x, y: rect.y + 1, role: focused ? .focus : .border)
            let cards = cols[c]
            if cards.isEmpty {
                buf.write("—", x: x, y: rect.y + 2, role: .muted)
                continue
            }
            let offset = Scrolling.offset(selection: state.board.rows[c], current: state.board.offsets[c],
                                          visible: visible, count: cards.count)
            for i in 0..<min(visible, cards.count - offset) {
                let row = cards[offset + i]
                let y = rect.y + 2 + i * cardHeight
                let selected = focused && offset + i == state.board.rows[c]
                drawCard(row, state: state, into: &buf, x: x, y: y, width: width, selected: selected)
            }
            if offset > 0 { buf.write("▲", x: x + width - 1, y: rect.y, role: .muted) }
            if offset + visible < cards.count {
                buf.write("▼ \(cards.count - offset - visible) more", x: x, y: rect.y + 2 + visible * cardHeight,
                          maxWidth: width, role: .muted)
            }
        }
    }

    static func drawCard(_ row: AgingRow, state: AppState, into buf: inout CellBuffer, x: Int, y: Int, width: Int, selected: Bool) {
        let extra: TextAttributes = []
        if selected { buf.fill(Rect(x: x, y: y, width: width, height: cardHeight - 1), role: .selection) }
        let base: ThemeRole = selected ? .selection : .normal
        // The id keeps its width; the badge gets the rest of the line.
        let (badgeFull, badgeRole) = badge(row, width: max(2, width - DisplayWidth.of(row.request.id) - 1))
        let bw = DisplayWidth.of(badgeFull)
        buf.write(Format.fit(row.request.id, max(0, width - bw - 1)), x: x, y: y, role: selected ? .selection : .accent, extra: .bold)
        buf.write(badgeFull, x: x + width - bw, y: y, role: selected ? .selection : badgeRole, extra: selected ? .bold : extra)
        buf.write(Format.fit(row.account?.name ?? row.request.account, width), x: x, y: y + 1, role: base)
        let age = Format.days(row.ageDays)
        let aw = DisplayWidth.of(age)
        buf.write(Format.fit(row.request.tool, max(0, width - aw - 1)), x: x, y: y + 2, role: selected ? .selection : .muted)
        buf.write(age, x: x + width - aw, y: y + 2, role: base)
    }
}
