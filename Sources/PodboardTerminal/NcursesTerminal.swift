// The only file that touches ncurses' global state (stdscr, COLORS, COLOR_PAIRS) and the C library's stdin/stdout.
@preconcurrency import CNcurses
import CNcursesShim
import PodboardTUI
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// The real terminal, through ncurses: draws `CellBuffer` frames on the alternate screen and reads keys in raw
/// mode. Open it with `open(theme:environment:)`, and `close()` it before printing anything else.
///
/// Only one can be open at a time (ncurses keeps global state). Not thread-safe: use it from one thread.
public final class NcursesTerminal: TerminalBackend {
    /// The colour capability, fixed when the terminal opened: monochrome when the terminal has no colours, fewer
    /// than 8, or the theme sets none; basic8 with fewer than 256 colours; else indexed256.
    public let colors: ColorSupport

    /// The ncurses attributes and colour pair of each role.
    private let styles: [ThemeRole: CellStyle]
    /// The last frame drawn, to draw only what changed.
    private var previous: CellBuffer?
    /// Set by `invalidate`, a resize, and at the start: the next `present` clears and redraws everything.
    private var needsFullRedraw = true
    private var isClosed = false
    /// Reused buffer for the NUL-terminated characters of one cell.
    private var glyph: [wchar_t] = []

    /// The look of one role: ncurses attributes and a colour pair (0: the terminal's default colours).
    struct CellStyle {
        var attributes: attr_t
        var pair: Int16
    }

    private init(colors: ColorSupport, styles: [ThemeRole: CellStyle]) {
        self.colors = colors
        self.styles = styles
        glyph.reserveCapacity(Int(CCHARW_MAX) + 1)
    }

    deinit { close() }

    // MARK: - Opening and closing

    /// Opens the terminal for full-screen use.
    ///
    /// Checks first, and throws instead of ever writing escape codes into a file or hanging: standard input and
    /// standard output must both be terminals (`isatty`), `TERM` must be set and not "dumb", `newterm` must succeed
    /// (it returns NULL for an unknown TERM instead of exiting like `initscr`), and the terminal must have cursor
    /// addressing (`cup`).
    ///
    /// Then sets the locale from the environment (falling back to C.UTF-8 when it is plain C/POSIX, so that
    /// Unicode text and box drawing work), installs signal handlers and an `atexit` hook that restore the
    /// terminal, and sets up ncurses: raw mode (Ctrl-C arrives as a key, code 3), no echo, keypad mode, no
    /// newline translation, hidden cursor, no scrolling, a 25 ms Esc delay unless `ESCDELAY` is set, and one
    /// colour pair per `ThemeRole` (none at all on a monochrome terminal or with a monochrome theme).
    ///
    /// - Parameters:
    ///   - theme: the colours and attributes of each role.
    ///   - environment: the process environment (`TERM`, `ESCDELAY` are read).
    /// - Throws: `TerminalOpenError` with a one-line message, the terminal untouched.
    public static func open(theme: Theme, environment: [String: String]) throws(TerminalOpenError) -> NcursesTerminal {
        let term = environment["TERM"]
        if let problem = TerminalCheck.problem(stdinIsTTY: isatty(STDIN_FILENO) == 1,
                                               stdoutIsTTY: isatty(STDOUT_FILENO) == 1, term: term) {
            throw TerminalOpenError(message: problem)
        }
        let termName = term ?? ""
        setUpLocale()
        // Before newterm, so that ncurses leaves SIGINT/SIGTERM to these handlers (it only installs its own,
        // which exit with status 1, when the disposition is the default).
        TerminalRestore.install()
        guard let screen = newterm(termName, stdout, stdin) else {
            TerminalRestore.uninstall()
            throw TerminalOpenError(message: TerminalCheck.unknownTerminal(termName))
        }
        let cup = tigetstr("cup")
        if cup == nil || Int(bitPattern: cup) == -1 {
            endwin()
            delscreen(screen)
            TerminalRestore.uninstall()
            throw TerminalOpenError(message: TerminalCheck.noCursorAddressing(termName))
        }

        raw()
        noecho()
        nonl()
        keypad(stdscr, true)
        intrflush(stdscr, false)
        scrollok(stdscr, false)
        leaveok(stdscr, true)
        curs_set(0)
        if Int(environment["ESCDELAY"] ?? "") == nil { set_escdelay(25) }
        defineKeyAliases()

        let (colors, pairs) = setUpColors(theme: theme)
        // Without colours a colour theme would lose what sets roles apart (a selection that is only a background
        // colour), so a monochrome terminal draws with the attributes of the built-in mono theme.
        let look = colors == .monochrome && !theme.isMonochrome ? (ThemeCatalog.builtin("mono") ?? theme) : theme
        var styles: [ThemeRole: CellStyle] = [:]
        for role in ThemeRole.allCases {
            styles[role] = CellStyle(attributes: attributes(look.style(role).attributes), pair: pairs[role] ?? 0)
        }
        return NcursesTerminal(colors: colors, styles: styles)
    }

    /// The sequences terminals commonly send for the keys podboard uses, in both cursor modes and in the
    /// xterm, vt220 and rxvt styles. ncurses knows only the ones in the terminfo entry for TERM, and TERM often
    /// names another terminal than the one in use (TERM=xterm-256color inside tmux or screen, where Home sends
    /// ESC [ 1 ~): an unknown sequence would arrive as Esc followed by its characters.
    static let keyAliases: [(sequence: String, key: Int32)] = [
        ("\u{1B}[A", KEY_UP), ("\u{1B}OA", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}OB", KEY_DOWN),
        ("\u{1B}[C", KEY_RIGHT), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT), ("\u{1B}OD", KEY_LEFT),
        ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME), ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME),
        ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END), ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END),
        ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[3~", KEY_DC), ("\u{1B}[Z", KEY_BTAB),
        ("\u{1B}OM", KEY_ENTER),
        ("\u{1B}OP", podboard_key_f(1)), ("\u{1B}OQ", podboard_key_f(2)), ("\u{1B}OR", podboard_key_f(3)),
        ("\u{1B}OS", podboard_key_f(4)), ("\u{1B}[11~", podboard_key_f(1)), ("\u{1B}[12~", podboard_key_f(2)),
        ("\u{1B}[13~", podboard_key_f(3)), ("\u{1B}[14~", podboard_key_f(4)), ("\u{1B}[15~", podboard_key_f(5)),
        ("\u{1B}[17~", podboard_key_f(6)), ("\u{1B}[18~", podboard_key_f(7)), ("\u{1B}[19~", podboard_key_f(8)),
        ("\u{1B}[20~", podboard_key_f(9)), ("\u{1B}[21~", podboard_key_f(10)), ("\u{1B}[23~", podboard_key_f(11)),
        ("\u{1B}[24~", podboard_key_f(12)),
    ]

    /// Teaches ncurses the `keyAliases` it does not know yet. A standard key that terminfo gives the sequence is
    /// kept; an extended one (a code above KEY_MAX, e.g. TERM=linux's `kcbt2=\E[Z`, which ncurses reports as
    /// code 512 instead of KEY_BTAB) is replaced.
    private static func defineKeyAliases() {
        for (sequence, key) in keyAliases {
            let existing = key_defined(sequence)
            if existing == 0 || existing > KEY_MAX { define_key(sequence, key) }
        }
    }

    /// Restores the terminal: cooked mode, echo, visible cursor, main screen. Safe to call twice; afterwards
    /// `present` and `readKey` do nothing.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        TerminalRestore.endCursesIfNeeded()
    }

    /// `setlocale(LC_ALL, "")`, so ncurses reads and writes UTF-8. A plain C/POSIX locale (no LANG, as in many
    /// containers) would turn every non-ASCII character into garbage, so then LC_CTYPE falls back to C.UTF-8.
    private static func setUpLocale() {
        setlocale(LC_ALL, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) != "UTF-8" else { return }
        let ctype = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        guard ctype == "C" || ctype == "POSIX" else { return }  // a locale the user chose: keep it
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] where setlocale(LC_CTYPE, name) != nil { return }
    }

    /// Starts colours when the terminal and the theme have them, and makes colour pair `index + 1` for each role
    /// (its index in `ThemeRole.allCases`). Returns the capability and the pair of each role that has one.
    ///
    /// A role in the terminal's default colours on both sides gets no pair (pair 0): on terminals whose `ncv`
    /// capability forbids some attributes with colour (TERM=linux: underline and dim), ncurses would otherwise
    /// drop those attributes even for a pair of two default colours.
    private static func setUpColors(theme: Theme) -> (ColorSupport, [ThemeRole: Int16]) {
        guard !theme.isMonochrome, has_colors(), start_color() == OK, COLORS >= 8 else { return (.monochrome, [:]) }
        let support: ColorSupport = COLORS >= 256 ? .indexed256 : .basic8
        let hasDefaultColors = use_default_colors() == OK
        var pairs: [ThemeRole: Int16] = [:]
        for (index, role) in ThemeRole.allCases.enumerated() where index + 1 < Int(COLOR_PAIRS) {
            let style = theme.style(role)
            var fg = style.foreground.index(for: support)
            var bg = style.background.index(for: support)
            if hasDefaultColors, fg < 0, bg < 0 { continue }
            if !hasDefaultColors {  // -1 means "the terminal's default" only after use_default_colors
                if fg < 0 { fg = Int(COLOR_WHITE) }
                if bg < 0 { bg = Int(COLOR_BLACK) }
            }
            let pair = Int16(index + 1)
            if init_pair(pair, Int16(clamping: fg), Int16(clamping: bg)) == OK { pairs[role] = pair }
        }
        return (support, pairs)
    }

    /// ncurses attributes for theme attributes.
    static func attributes(_ a: TextAttributes) -> attr_t {
        var result = attr_t(podboard_a_normal())
        if a.contains(.bold) { result |= attr_t(podboard_a_bold()) }
        if a.contains(.dim) { result |= attr_t(podboard_a_dim()) }
        if a.contains(.underline) { result |= attr_t(podboard_a_underline()) }
        if a.contains(.reverse) { result |= attr_t(podboard_a_reverse()) }
        return result
    }

    // MARK: - TerminalBackend

    /// The current size in cells (ncurses updates it before reporting `KeyEvent.resize`).
    public var size: Size {
        Size(width: max(0, Int(getmaxx(stdscr))), height: max(0, Int(getmaxy(stdscr))))
    }

    /// Forgets the previous frame: the next `present` clears the screen and redraws every cell (Ctrl-L, resize).
    public func invalidate() {
        needsFullRedraw = true
    }

    /// Shows a frame: draws the cells that differ from the previous frame (all of them after `invalidate`, or
    /// when the frame's size changed), then updates the screen with one `doupdate`. Cells beyond the screen
    /// are left out.
    public func present(_ frame: CellBuffer) {
        guard !isClosed else { return }
        let old: CellBuffer?
        if needsFullRedraw || previous?.size != frame.size {
            werase(stdscr)
            clearok(stdscr, true)  // repaint the real screen too, whatever is on it
            old = nil
        } else {
            old = previous
        }
        let rows = min(frame.height, Int(getmaxy(stdscr)))
        let cols = min(frame.width, Int(getmaxx(stdscr)))
        if rows > 0, cols > 0 {
            for y in 0..<rows {
                for x in 0..<cols {
                    let cell = frame[x, y]
                    if let old, old[x, y] == cell { continue }
                    if cell.isContinuation { continue }  // the wide character on its left covers it
                    let wide = x + 1 < cols && frame[x + 1, y].isContinuation
                    draw(cell, x: x, y: y, cells: wide ? 2 : 1)
                }
            }
        }
        wnoutrefresh(stdscr)
        doupdate()
        previous = frame
        needsFullRedraw = false
    }

    /// Draws one cell that the frame gives `cells` columns (2 for a wide character).
    private func draw(_ cell: ScreenCell, x: Int, y: Int, cells: Int) {
        let style = styles[cell.role] ?? CellStyle(attributes: attr_t(podboard_a_normal()), pair: 0)
        let attrs = style.attributes | Self.attributes(cell.extra)
        let drawn = Self.composeGlyph(cell.text, cells: cells, into: &glyph) { podboard_wcwidth(Int32(bitPattern: $0)) }
        var cc = cchar_t()
        glyph.withUnsafeBufferPointer { _ = setcchar(&cc, $0.baseAddress, attrs, style.pair, nil) }
        mvwadd_wch(stdscr, Int32(y), Int32(x), &cc)
        if drawn < cells {  // drawn narrower than the frame expects: blank the rest, so the columns stay aligned
            Self.composeGlyph(" ", cells: 1, into: &glyph) { _ in 1 }
            glyph.withUnsafeBufferPointer { _ = setcchar(&cc, $0.baseAddress, attrs, style.pair, nil) }
            mvwadd_wch(stdscr, Int32(y), Int32(x + 1), &cc)
        }
    }

    /// Fills `out` with the NUL-terminated characters to draw for a cell's grapheme, and returns the columns
    /// ncurses will give them (1 or 2, never more than `cells`).
    ///
    /// ncurses lays a cell out by the C library's `wcwidth` of its first character and keeps only the
    /// zero-width characters after it (at most `CCHARW_MAX` in all). The frame was laid out by podboard's own
    /// width table; where the two disagree, the columns must stay aligned, so:
    /// - a control character anywhere (never expected: text is sanitized) draws "?";
    /// - a cluster the C library sees as narrow where the frame has two cells (an emoji made wide by U+FE0F
    ///   such as "❤️", a keycap) draws its base alone (text presentation), and the caller blanks the second cell;
    /// - a character the C library sees as wide in one cell, or as unprintable (-1) or zero-width, draws "?".
    /// - Parameters:
    ///   - width: the C library's `wcwidth` (a parameter so that tests do not depend on the locale).
    @discardableResult
    static func composeGlyph(_ text: String, cells: Int, into out: inout [wchar_t], width: (UInt32) -> Int32) -> Int {
        out.removeAll(keepingCapacity: true)
        defer { out.append(0) }
        let scalars = text.unicodeScalars
        guard let base = scalars.first, !scalars.contains(where: isControl) else {
            out.append(wchar_t(UInt8(ascii: "?")))
            return 1
        }
        let baseWidth = Int(width(base.value))
        if baseWidth == cells {
            out.append(wchar_t(bitPattern: base.value))
            // The whole cluster or its base alone, never a part of it: a ZWJ sequence or a skin tone the C
            // library cannot draw in these cells is shown by its base, and no joiner is ever sent (the terminal
            // would join it to the next cell's character: stray joiners in unrelated cells).
            let rest = scalars.dropFirst()
            if rest.count < Int(CCHARW_MAX), rest.allSatisfy({ width($0.value) == 0 }) {
                for s in rest where s.value != 0x200D { out.append(wchar_t(bitPattern: s.value)) }
            }
            return baseWidth
        }
        if cells == 2, baseWidth == 1, !(0x1F1E6...0x1F1FF).contains(base.value) {
            out.append(wchar_t(bitPattern: base.value))
            return 1
        }
        out.append(wchar_t(UInt8(ascii: "?")))
        return 1
    }

    /// C0 and C1 control characters and DEL: never sent to the terminal.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// Turns mouse events on (clicks, double-clicks, the wheel) or off. Off: the terminal keeps its own mouse use
    /// (selecting text).
    public func enableMouse(_ on: Bool) {
        guard !isClosed else { return }
        if on {
            mouseinterval(200)
            mousemask(mmask_t(podboard_mouse_mask()), nil)
        } else {
            mousemask(0, nil)
        }
    }

    /// The next key, waiting at most `timeoutMilliseconds` (negative: until a key comes); nil on timeout or for
    /// a key podboard does not use.
    public func readKey(timeoutMilliseconds: Int) -> KeyEvent? {
        guard !isClosed else { return nil }
        wtimeout(stdscr, timeoutMilliseconds < 0 ? -1 : Int32(clamping: timeoutMilliseconds))
        var code: wint_t = 0
        let status = wget_wch(stdscr, &code)
        if status == KEY_CODE_YES, Int32(truncatingIfNeeded: code) == KEY_MOUSE {
            var x: Int32 = 0, y: Int32 = 0
            var bstate: UInt = 0
            guard podboard_getmouse(&x, &y, &bstate) == 0 else { return nil }
            return KeyDecoder.mouse(bstate: bstate, x: Int(x), y: Int(y))
        }
        let key = KeyDecoder.decode(status: status, code: UInt32(code))
        if key == .resize { needsFullRedraw = true }
        return key
    }
}
