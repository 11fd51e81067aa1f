import PodboardCore

/// A run of text in one role.
public struct Span: Sendable, Equatable {
    public var text: String
    public var role: ThemeRole
    public var extra: TextAttributes
    public init(_ text: String, _ role: ThemeRole = .normal, _ extra: TextAttributes = []) {
        self.text = text; self.role = role; self.extra = extra
    }
    public var width: Int { DisplayWidth.of(DisplayWidth.sanitized(text)) }
}

/// A line of spans, as detail views and overlays are built.
public typealias StyledLine = [Span]

extension CellBuffer {
    /// Writes spans one after another from (x, y), clipped to `maxWidth`; returns the cells used.
    @discardableResult
    /// A line that does not fit ends in "…", so that a cut is never mistaken for the whole text.
    public mutating func write(_ line: StyledLine, x: Int, y: Int, maxWidth: Int, extra: TextAttributes = []) -> Int {
        var used = 0
        for span in line where used < maxWidth {
            used += write(span.text, x: x + used, y: y, maxWidth: maxWidth - used, role: span.role, extra: span.extra.union(extra))
        }
        let total = line.reduce(0) { $0 + $1.width }
        if total > maxWidth, maxWidth > 0 {
            let last = x + maxWidth - 1
            let role = last >= 0 && last < width && y >= 0 && y < height ? self[last, y].role : .normal
            write("…", x: last, y: y, maxWidth: 1, role: role, extra: extra)
        }
        return used
    }

    /// Draws a box border in the border role with a title.
    public mutating func box(_ r: Rect, title: String? = nil, role: ThemeRole = .border, titleRole: ThemeRole = .title) {
        guard r.width >= 2, r.height >= 2 else { return }
        let right = r.x + r.width - 1, bottom = r.y + r.height - 1
        for x in (r.x + 1)..<right {
            write("─", x: x, y: r.y, maxWidth: 1, role: role)
            write("─", x: x, y: bottom, maxWidth: 1, role: role)
        }
        for y in (r.y + 1)..<bottom {
            write("│", x: r.x, y: y, maxWidth: 1, role: role)
            write("│", x: right, y: y, maxWidth: 1, role: role)
        }
        write("┌", x: r.x, y: r.y, maxWidth: 1, role: role)
        write("┐", x: right, y: r.y, maxWidth: 1, role: role)
        write("└", x: r.x, y: bottom, maxWidth: 1, role: role)
        write("┘", x: right, y: bottom, maxWidth: 1, role: role)
        if let title, r.width > 4 {
            write(" " + title + " ", x: r.x + 2, y: r.y, maxWidth: r.width - 4, role: titleRole)
        }
    }
}

/// Scrolling that keeps a selection visible.
public enum Scrolling {
    /// The first visible row so that `selection` is inside a window of `visible` rows.
    public static func offset(selection: Int, current: Int, visible: Int, count: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        var off = current
        if selection < off { off = selection }
        if selection >= off + visible { off = selection - visible + 1 }
        return min(max(0, off), count - visible)
    }
}

/// A table that fits its columns to the width: flexible columns share what is left, and the lowest-priority
/// columns are dropped when there is not room for all.
public struct TableLayout: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var width: Int
        /// Higher is kept longer when space runs out.
        public var priority: Int
        /// Takes a share of the spare width.
        public var flexible: Bool
        public var alignRight: Bool
        public init(_ title: String, width: Int, priority: Int = 5, flexible: Bool = false, alignRight: Bool = false) {
            self.title = title; self.width = width; self.priority = priority; self.flexible = flexible; self.alignRight = alignRight
        }
    }

    /// Column index → (x offset, width), for the columns that fit.
    public let placed: [(index: Int, x: Int, width: Int)]

    public init(columns: [Column], width: Int, gap: Int = 1) {
        var keep = Array(columns.indices)
        func total(_ k: [Int]) -> Int { k.reduce(0) { $0 + columns[$1].width } + max(0, k.count - 1) * gap }
        while total(keep) > width, keep.count > 1 {
            let drop = keep.min { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }!
            keep.removeAll { $0 == drop }
        }
        var widths = keep.map { columns[$0].width }
        let spare = width - total(keep)
        let flex = keep.enumerated().filter { columns[$0.element].flexible }.map(\.offset)
        if spare > 0, !flex.isEmpty {
            for (n, i) in flex.enumerated() { widths[i] += spare / flex.count + (n < spare % flex.count ? 1 : 0) }
        }
        var x = 0
        var out: [(Int, Int, Int)] = []
        for (n, i) in keep.enumerated() {
            let w = min(widths[n], max(0, width - x))
            out.append((i, x, w))
            x += widths[n] + gap
        }
        placed = out
    }
}

extension TableLayout {
    /// The column titles, on the row under the pane's filter line (`rect.y + 1`).
    /// - Parameter sort: the pane's sort, shown as an arrow on the sorted column (kept even when the title is cut).
    func drawTitles(_ columns: [Column], into buf: inout CellBuffer, rect: Rect, sort: PaneBrowse? = nil) {
        for p in placed {
            buf.write(Self.title(columns[p.index], p.index, p.width, sort), x: rect.x + 1 + p.x, y: rect.y + 1, role: .title)
        }
    }

    /// A column's title fitted to its width, with the sort arrow when the table is sorted on it.
    static func title(_ c: Column, _ index: Int, _ width: Int, _ sort: PaneBrowse?) -> String {
        let marked = Browse.title(c.title, column: index, sort)
        guard marked != c.title else { return Format.fit(c.title, width, right: c.alignRight) }
        if DisplayWidth.of(marked) <= width { return Format.fit(marked, width, right: c.alignRight) }
        return Format.fit(DisplayWidth.truncated(c.title, toWidth: max(0, width - 1)) + String(marked.last!), width, right: c.alignRight)
    }

    /// The rows that fit under the titles, scrolled to keep the cursor in view, the selected one filled.
    /// `prepare` builds a row's texts once; `cell` gives a placed column's text and role (the selection's role
    /// wins on the selected row). Returns the scroll offset it drew from.
    @discardableResult
    func drawRows<Prepared>(count: Int, cursor: ListCursor, visible: Int, _ columns: [Column],
                                   into buf: inout CellBuffer, rect: Rect, prepare: (Int) -> Prepared,
                                   cell: (Prepared, _ column: Int, _ width: Int) -> (String, ThemeRole)) -> Int {
        let offset = Scrolling.offset(selection: cursor.selection, current: cursor.offset, visible: visible, count: count)
        for i in 0..<min(visible, count - offset) {
            let y = rect.y + 2 + i
            let selected = offset + i == cursor.selection
            if selected { buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
            let row = prepare(offset + i)
            for p in placed {
                let (text, role) = cell(row, p.index, p.width)
                buf.write(Format.fit(text, p.width, right: columns[p.index].alignRight), x: rect.x + 1 + p.x, y: y,
                          role: selected ? .selection : role)
            }
        }
        return offset
    }
}
