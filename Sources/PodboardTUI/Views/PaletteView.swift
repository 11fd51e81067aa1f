import PodboardCore

/// The command palette (`:` or Ctrl-P) over the view: what is typed, then the matches; commands that cannot run
/// now are greyed with their reason, as in `?`.
public enum PaletteView {
    static func rect(_ size: Size) -> Rect {
        let w = min(100, size.width - 4), h = size.height - 4
        return Rect(x: (size.width - w) / 2, y: 2, width: w, height: h)
    }

    /// Match lines that fit under the typed line.
    static func visibleRows(_ size: Size) -> Int { max(1, rect(size).height - 3) }

    static func draw(_ p: PaletteState, into buf: inout CellBuffer, size: Size) {
        let r = rect(size)
        buf.fill(r, role: .normal)
        let close = Keymap.key(.back, in: .palette), run = Keymap.key(.open, in: .palette)
        buf.box(r, title: "Go to or run (\(run) runs or opens · \(close) closes)", role: .focus)
        let used = buf.write(": " + DisplayWidth.sanitized(p.query), x: r.x + 2, y: r.y + 1, maxWidth: r.width - 20, role: .input)
        buf.write("▏", x: r.x + 2 + used, y: r.y + 1, role: .input)
        let count = "\(p.results.count)\(p.results.count >= Palette.maxResults ? "+" : "") shown"
        buf.write(count, x: r.x + r.width - DisplayWidth.of(count) - 2, y: r.y + 1, role: .muted)
        guard !p.results.isEmpty else {
            buf.write("Nothing matches.", x: r.x + 2, y: r.y + 2, role: .muted)
            return
        }
        let visible = visibleRows(size)
        let offset = Scrolling.offset(selection: p.cursor.selection, current: p.cursor.offset, visible: visible, count: p.results.count)
        let leadWidth = 16
        for i in 0..<min(visible, p.results.count - offset) {
            let item = p.results[offset + i]
            let y = r.y + 2 + i
            let selected = offset + i == p.cursor.selection
            if selected { buf.fill(Rect(x: r.x + 1, y: y, width: r.width - 2, height: 1), role: .selection) }
            let greyed = item.unavailable != nil
            var line: StyledLine = [Span(Format.fit(item.lead, leadWidth) + " ", selected ? .selection : (greyed ? .muted : .key), .bold),
                                    Span(item.label, selected ? .selection : (greyed ? .muted : .normal))]
            if let why = item.unavailable { line.append(Span(" — " + why, selected ? .selection : .muted)) }
            buf.write(line, x: r.x + 2, y: y, maxWidth: r.width - 4)
        }
    }
}
