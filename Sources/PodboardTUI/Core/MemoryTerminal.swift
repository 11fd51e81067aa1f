/// A terminal in memory, for tests: a fixed or changeable size, keys queued in advance, and every frame kept.
public final class MemoryTerminal: TerminalBackend {
    public var size: Size
    public let colors: ColorSupport
    /// Keys still to be read, first first.
    public var pendingKeys: [KeyEvent]
    /// Every frame presented, oldest first.
    public private(set) var frames: [CellBuffer] = []
    /// How many times `invalidate` was called.
    public private(set) var invalidations = 0

    public init(size: Size, colors: ColorSupport = .indexed256, keys: [KeyEvent] = []) {
        self.size = size
        self.colors = colors
        pendingKeys = keys
    }

    public func present(_ frame: CellBuffer) { frames.append(frame) }
    public func invalidate() { invalidations += 1 }

    /// The next queued key; nil when there is none (as a real terminal times out).
    public func readKey(timeoutMilliseconds: Int) -> KeyEvent? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// The last frame as text.
    public var screen: String { frames.last?.text ?? "" }
}
