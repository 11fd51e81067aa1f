import PodboardCore

/// Started without `--as` and without `$PODBOARD_USER`: who are you? The first line keeps read-only possible;
/// every other line is a person of the store (name, roles, PODs). Choosing one sets the user as `--as` would.
public enum WhoAmIView {
    /// The lines of the picker: nil is "read-only: just look", then the store's people in its order.
    public static func choices(_ state: AppState) -> [Person?] { [nil] + state.data.store.people }

    public static func visibleRows(_ body: Rect) -> Int { max(1, body.height - 3) }

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let cursor = state.whoAmI ?? ListCursor()
        let choose = Keymap.bindings(in: .whoAmI).first { $0.command == .open }?.keys.first?.description ?? ""
        buf.write([Span("Who are you?", .title, .bold),
                   Span("  pick yourself to act (\(choose) chooses), or just look, read-only", .muted)],
                  x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2)
        let nameWidth = min(28, max(12, (state.data.store.people.map { DisplayWidth.of(DisplayWidth.sanitized($0.name)) }.max() ?? 0)))
        let roleWidth = 24
        buf.write(Format.fit("Name", nameWidth) + " " + Format.fit("Roles", roleWidth) + " PODs", x: rect.x + 3, y: rect.y + 2,
                  maxWidth: rect.width - 4, role: .title)
        let all = choices(state)
        let visible = visibleRows(rect)
        let offset = Scrolling.offset(selection: cursor.selection, current: cursor.offset, visible: visible, count: all.count)
        let podNames = Dictionary(state.data.store.pods.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for i in 0..<min(visible, max(0, all.count - offset)) {
            let y = rect.y + 3 + i
            let selected = offset + i == cursor.selection
            if selected { buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
            let line: StyledLine
            if let p = all[offset + i] {
                line = [Span(Format.fit(p.name, nameWidth) + " ", .normal),
                        Span(Format.fit(p.roles.map(\.title).joined(separator: ", "), roleWidth) + " ", .muted),
                        Span(p.pods.map { podNames[$0] ?? $0 }.joined(separator: ", "), .muted)]
            } else {
                line = [Span("read-only: just look", .accent)]
            }
            buf.write(selected ? line.map { Span($0.text, .selection, $0.extra) } : line, x: rect.x + 3, y: y, maxWidth: rect.width - 4)
        }
    }
}
