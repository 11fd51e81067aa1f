import PodboardCore

/// Text attributes a theme can give a role.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
}

/// The semantic roles of everything drawn; themes map them to colours and attributes.
public enum ThemeRole: String, Sendable, CaseIterable, Hashable {
    case normal, muted, title, header, footer, border, focus, selection, breach, warning, ok, accent, key, demo, banner, input
}

/// One terminal cell: a grapheme (or nothing, for the right half of a wide character) and its role.
public struct ScreenCell: Sendable, Equatable {
    /// The grapheme drawn here; empty for the second cell of a wide character.
    public var text: String
    public var role: ThemeRole
    /// Extra attributes on top of the role's (e.g. reverse for the selected row).
    public var extra: TextAttributes

    public init(text: String = " ", role: ThemeRole = .normal, extra: TextAttributes = []) {
        self.text = text; self.role = role; self.extra = extra
    }

    public static let blank = ScreenCell()
    /// True for the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}

/// A frame: width × height cells, drawn by pure render functions and shown by a backend.
/// Text is written in display cells: wide characters take two, control characters are replaced, and
/// nothing is written outside the buffer.
public struct CellBuffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [ScreenCell]

    public init(size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    public subscript(x: Int, y: Int) -> ScreenCell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Fills a rectangle with blanks of a role.
    public mutating func fill(_ rect: Rect, role: ThemeRole, extra: TextAttributes = []) {
        let r = rect.clipped(to: Rect(x: 0, y: 0, width: width, height: height))
        guard r.width > 0, r.height > 0 else { return }
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) { self[x, y] = ScreenCell(text: " ", role: role, extra: extra) }
        }
    }

    /// Writes text at (x, y) clipped to `maxWidth` cells (and to the buffer), returning the cells used.
    /// Control characters are replaced; a wide character that does not fit whole is left out.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: ThemeRole = .normal, extra: TextAttributes = []) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        var col = x
        let end = x + limit
        for ch in DisplayWidth.sanitized(text) {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // A zero-width cluster joins the previous cell's text, unless it is only invisible format
                // characters (a joiner left alone by a cut: it would join whatever the terminal draws next).
                if ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .format }) { continue }
                if col > x, col - 1 >= 0 {
                    var prev = col - 1
                    if self[prev, y].isContinuation && prev > 0 { prev -= 1 }
                    self[prev, y].text += String(ch)
                }
                continue
            }
            if col + w > end { break }
            if col >= 0 {
                clearWide(at: col, y: y)
                self[col, y] = ScreenCell(text: String(ch), role: role, extra: extra)
                if w == 2 {
                    clearWide(at: col + 1, y: y)
                    self[col + 1, y] = ScreenCell(text: "", role: role, extra: extra)
                }
            }
            col += w
        }
        return col - x
    }

    /// Before overwriting a cell, blanks the other half of a wide character it belongs to.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let c = self[x, y]
        if c.isContinuation, x > 0 { self[x - 1, y].text = " " }
        if !c.isContinuation, DisplayWidth.of(c.text) == 2, x + 1 < width { self[x + 1, y].text = " " }
    }

    /// Sets a role or attributes on a span without changing its text.
    public mutating func paint(_ rect: Rect, role: ThemeRole? = nil, extra: TextAttributes? = nil) {
        let r = rect.clipped(to: Rect(x: 0, y: 0, width: width, height: height))
        guard r.width > 0, r.height > 0 else { return }
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) {
                if let role { self[x, y].role = role }
                if let extra { self[x, y].extra = extra }
            }
        }
    }

    /// The frame as plain text, one line per row, trailing spaces kept (for snapshots and tests).
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width { line += self[x, y].text }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One row as text.
    public func line(_ y: Int) -> String {
        var line = ""
        for x in 0..<width { line += self[x, y].text }
        return line
    }
}

/// A rectangle of cells.
public struct Rect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }

    public func clipped(to other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(x + width, other.x + other.width), y1 = min(y + height, other.y + other.height)
        return Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }

    /// The rectangle less `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: max(0, width - 2 * n), height: max(0, height - 2 * n)) }
}
