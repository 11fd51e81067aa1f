/// One problem found in a store: where it is (JSON path, line and column) and what was expected.
public struct StoreProblem: Sendable, Equatable, CustomStringConvertible {
    /// The JSON path, like `requests[3].quotes[0].amount`; empty for the document itself.
    public var path: String
    /// Line and column in the file, when known.
    public var position: SourcePosition?
    public var message: String

    /// A path or message longer than a screen is cut (`TerminalText.cut`): a value found in the file is named,
    /// never echoed whole (a 10 MB string).
    public init(path: String, position: SourcePosition?, message: String) {
        self.path = path.utf8.count > 160 ? TerminalText.cut(path, to: 160) : path
        self.position = position
        self.message = message.utf8.count > 400 ? TerminalText.cut(message, to: 300) : message
    }

    /// `12:17 requests[3].status: expected one of …, found "foo"`.
    public var description: String {
        let at = position.map { "\($0) " } ?? ""
        let p = path.isEmpty ? "(document)" : path
        return "\(at)\(p): \(message)"
    }
}

/// Why a store could not be loaded.
public enum StoreLoadError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The file was read but does not fit format 1; every problem found is listed.
    case invalid(path: String, problems: [StoreProblem])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the store: \(reason)"
        case .invalid(let path, let problems):
            let n = problems.count
            return "\(path): the store is not valid (\(n) problem\(n == 1 ? "" : "s")):\n"
                + problems.map { "  \(path):\($0)" }.joined(separator: "\n")
        }
    }
}
