/// Why the terminal could not be opened for full-screen use: one line, meant to be printed as it is before
/// exiting with a non-zero status.
public struct TerminalOpenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The explanation, one line, e.g. "podboard needs an interactive terminal: standard output is not a
    /// terminal. For reports use `podboard report kpi|aging|renewals|savings`."
    public let message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}

/// The checks made before ncurses is started, so that podboard never writes escape codes into a file or a
/// pipe, and never waits for keys that cannot come. Pure, so they are testable without a terminal.
public enum TerminalCheck {
    /// The hint given with every refusal: what works without a terminal.
    static let reportHint = "For reports use `podboard report kpi|aging|renewals|savings`."

    /// The reason the terminal can't be used, as a one-line message, or nil when it can be tried.
    /// - Parameters:
    ///   - stdinIsTTY: `isatty(0)`: keys are read from standard input.
    ///   - stdoutIsTTY: `isatty(1)`: the screen is drawn on standard output.
    ///   - term: the `TERM` environment variable (nil when unset).
    public static func problem(stdinIsTTY: Bool, stdoutIsTTY: Bool, term: String?) -> String? {
        switch (stdinIsTTY, stdoutIsTTY) {
        case (false, false):
            return "podboard needs an interactive terminal: standard input and standard output are not terminals. \(reportHint)"
        case (false, true):
            return "podboard needs an interactive terminal: standard input is not a terminal. \(reportHint)"
        case (true, false):
            return "podboard needs an interactive terminal: standard output is not a terminal. \(reportHint)"
        case (true, true):
            break
        }
        guard let term, !term.isEmpty else {
            return "podboard needs a full-screen terminal: TERM is not set (try TERM=xterm-256color). \(reportHint)"
        }
        if term == "dumb" {
            return "podboard needs a full-screen terminal: TERM is \"dumb\", which cannot move the cursor. \(reportHint)"
        }
        return nil
    }

    /// The message when ncurses does not know the terminal type.
    static func unknownTerminal(_ term: String) -> String {
        "podboard cannot use the terminal type \"\(printable(term))\" (from TERM): it is not in the terminfo database. \(reportHint)"
    }

    /// The message when the terminal type has no cursor addressing (`cup`).
    static func noCursorAddressing(_ term: String) -> String {
        "podboard needs a full-screen terminal: the terminal type \"\(printable(term))\" cannot move the cursor (no cup capability). \(reportHint)"
    }

    /// TERM as it can be shown in one line of a message (no control characters).
    static func printable(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) ? "?" : $0 }))
    }
}
