import PodboardCore

/// The preview of an export (Exports): a box over the body with the text, scrolled with the keymap's keys, and
/// the file it was written to in its bottom border. Prose lines wrap at the box's width; table lines (columns
/// apart by two spaces or more) keep their shape and scroll sideways (`h`/`l`).
enum PreviewOverlay {
    static func rect(_ size: Size) -> Rect {
        Rect(x: 0, y: 2, width: size.width, height: max(3, size.height - 4))
    }

    static func visibleRows(_ size: Size) -> Int { max(1, rect(size).height - 2) }
    static func textWidth(_ size: Size) -> Int { max(10, rect(size).width - 4) }

    /// A line laid out as columns (a table row or its rule), kept whole rather than wrapped.
    static func isTable(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces).contains("  ")
    }

    /// The lines as drawn at this size: prose wrapped (continuations indented under a bullet), tables as they are.
    static func displayLines(_ p: PreviewState, size: Size) -> [String] {
        let width = textWidth(size)
        var out: [String] = []
        for line in p.lines {
            if DisplayWidth.of(line) <= width || isTable(line) { out.append(line); continue }
            let indent = line.hasPrefix("- ") ? "  " : (line.hasPrefix("  ") ? "    " : "")
            let parts = Format.wrap(line, width: width - DisplayWidth.of(indent))
            for (i, part) in parts.enumerated() { out.append(i == 0 ? part : indent + part) }
        }
        return out
    }

    /// How far the view can move sideways: the widest line past the box.
    static func maxShift(_ p: PreviewState, size: Size) -> Int {
        max(0, (displayLines(p, size: size).filter(isTable).map { DisplayWidth.of($0) }.max() ?? 0) - textWidth(size))
    }

    /// `s` without its first `n` display cells.
    static func dropCells(_ s: String, _ n: Int) -> String {
        guard n > 0 else { return s }
        var used = 0
        var idx = s.startIndex
        while idx < s.endIndex && used < n {
            used += DisplayWidth.of(s[idx])
            idx = s.index(after: idx)
        }
        return (used > n ? " " : "") + String(s[idx...])
    }

    static func draw(_ p: PreviewState, size: Size, into buf: inout CellBuffer) {
        let r = rect(size)
        buf.fill(r, role: .normal)
        buf.box(r, title: p.title, role: .focus)
        let lines = displayLines(p, size: size)
        let visible = visibleRows(size)
        let width = textWidth(size)
        let start = min(p.offset, max(0, lines.count - visible))
        for i in 0..<min(visible, max(0, lines.count - start)) {
            // Only tables move sideways: prose is wrapped to the box already.
            let line = isTable(lines[start + i]) ? dropCells(lines[start + i], p.shift) : lines[start + i]
            let role: ThemeRole = line.hasPrefix("===") || line.hasPrefix("---") ? .muted : .normal
            buf.write(DisplayWidth.truncated(line, toWidth: width), x: r.x + 2, y: r.y + 1 + i, maxWidth: width, role: role)
        }
        let pos = lines.count > visible || p.shift > 0
            ? " \(start + 1)–\(min(lines.count, start + visible)) of \(lines.count)" + (p.shift > 0 ? " →\(p.shift)" : "") + " " : ""
        let room = r.width - 6 - DisplayWidth.of(pos)
        buf.write(" " + DisplayWidth.truncated(p.path, toWidth: max(8, room - 2)) + " ", x: r.x + 2, y: r.y + r.height - 1, maxWidth: room, role: .muted)
        if !pos.isEmpty { buf.write(pos, x: r.x + r.width - 2 - DisplayWidth.of(pos), y: r.y + r.height - 1, role: .muted) }
    }
}
