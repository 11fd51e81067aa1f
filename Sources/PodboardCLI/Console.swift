import Foundation
import PodboardCore
#if canImport(Glibc)
import Glibc
#endif

/// Every line the command line writes goes through here. "Terminal or not" is decided in this one place (isatty
/// of the file descriptor): on a terminal each line is made safe by `TerminalText.escaped` (nothing from the
/// data can move the cursor, set the title, write the clipboard or reverse the text); to a file or a pipe the
/// bytes are exactly the text (CSV and JSON stay byte-faithful).
enum Console {
    /// Whether `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Standard output. `styled`: the text carries podboard's own colours (SGR) around data already sanitized.
    static func out(_ text: String, styled: Bool = false) { write(text, to: STDOUT_FILENO, styled: styled) }

    /// Standard output, one line (a line break added).
    static func line(_ text: String) { out(text + "\n") }

    /// Standard error, one line (a line break added).
    static func err(_ text: String) { write(text + "\n", to: STDERR_FILENO, styled: false) }

    static func write(_ text: String, to fd: Int32, styled: Bool) {
        let shown = isTerminal(fd) ? TerminalText.escaped(text, keepingStyle: styled) : text
        var bytes = Array(shown.utf8)
        var off = 0
        bytes.withUnsafeMutableBytes { raw in
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }
}
