/// A key press (or a resize), as the terminal backend reports it. Backends translate their own codes into these.
public enum KeyEvent: Sendable, Hashable, CustomStringConvertible {
    /// A printable character (after any shift), e.g. "q", "?", "日".
    case char(Character)
    /// Ctrl plus a letter, lowercase: `.ctrl("c")`.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// The terminal changed size.
    case resize
    /// Text pasted as one block (bracketed paste), when the backend can tell.
    case paste(String)
    /// A mouse event at a cell (0-based column, row). The keymap binds the kind (`MouseEvent.anywhere`); the
    /// place is read by the command (AppUpdate+Nav.swift).
    case mouse(MouseEvent)

    /// The name shown in the footer and the help overlay: "q", "Enter", "Ctrl-C", "↑".
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .paste: return "paste"
        case .mouse(let m): return m.kind.rawValue
        }
    }
}

/// A click, double-click or wheel step reported by the terminal (ncurses mouse events).
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case click, doubleClick = "double-click", wheelUp = "wheel up", wheelDown = "wheel down"
    }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
    /// The event as the keymap binds it: its kind, anywhere.
    public static func anywhere(_ kind: Kind) -> KeyEvent { .mouse(MouseEvent(kind, x: -1, y: -1)) }
    public var anywhere: KeyEvent { Self.anywhere(kind) }
}
