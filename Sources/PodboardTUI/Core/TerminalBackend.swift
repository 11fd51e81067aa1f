/// What the app needs from a terminal: its size, a way to show a frame, and key events. The ncurses backend
/// implements it for real terminals; `MemoryTerminal` implements it for tests.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// The colour capability, fixed when the terminal opened.
    var colors: ColorSupport { get }
    /// Shows a frame: draws only the cells that differ from the previous frame, then flushes once.
    func present(_ frame: CellBuffer)
    /// Forgets the previous frame so the next `present` redraws everything (Ctrl-L).
    func invalidate()
    /// The next key event, waiting at most `timeoutMilliseconds` (negative: wait forever); nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> KeyEvent?
}

/// A terminal size in cells.
public struct Size: Sendable, Equatable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    public var description: String { "\(width)x\(height)" }
}

/// How many colours the terminal can show.
public enum ColorSupport: Sendable, Equatable {
    /// No colour: attributes only (bold, reverse, underline, dim).
    case monochrome
    /// The 8 basic colours.
    case basic8
    /// 256 colours.
    case indexed256
}
