import Foundation
import Testing

/// End-to-end (issue 15): the command palette, `/` and sorting, history, the mouse through tmux's mouse events
/// (SGR sequences as a terminal sends them), the config file and the remembered view, in the built binary.
@Suite("Navigation in a terminal (tmux)", .serialized)
struct NavigationE2ETests {
    /// An SGR mouse report (1-based cells), as xterm and tmux send it: press `M`, release `m`.
    static func click(_ x: Int, _ y: Int) -> String { "\u{1B}[<0;\(x + 1);\(y + 1)M\u{1B}[<0;\(x + 1);\(y + 1)m" }

    @Test("palette: `:REQ-1062` Enter opens it; Ctrl-O back, Ctrl-N forward; Ctrl-P runs a command by its words")
    func paletteAndHistory() throws {
        let t = try Tmux(podboard: ["--as", "fatima"], cols: 120, rows: 40)
        defer { t.close() }
        try t.waitFor(text: "Home · Fatima", "q quit")
        try t.type(":")
        try t.waitFor(text: "Go to or run")
        try t.type("REQ-1062")
        try t.press("Enter")
        let opened = try t.waitFor(text: "› request REQ-1062")
        #expect(opened.line(2).contains("REQ-1062"), "\(opened)")
        try t.press("C-o")
        let back = try t.waitUntilGone("› request REQ-1062")
        #expect(back.contains("Home · Fatima"), "\(back)")
        try t.press("C-n")
        try t.waitFor(text: "› request REQ-1062")
        try t.press("C-p")
        try t.waitFor(text: "Go to or run")
        try t.type("renewals")
        try t.press("Enter")
        let renewals = try t.waitFor(text: "calendar due")
        #expect(!renewals.contains("› request"), "\(renewals)")
    }

    @Test("/ filters by a flag, > sorts with an arrow, ~ flips, Esc clears", arguments: zip([80, 120], [24, 40]))
    func searchAndSort(cols: Int, rows: Int) throws {
        let t = try Tmux(podboard: ["--as", "fatima"], cols: cols, rows: rows)
        defer { t.close() }
        try t.waitFor(text: "Home · Fatima", "q quit")
        try t.press("2")
        try t.waitFor(text: "open requests")
        try t.press("/")
        try t.type("breach")
        try t.press("Enter")
        let filtered = try t.waitFor(text: "/\"breach\"")
        let rowsShown = filtered.lines.filter { $0.hasPrefix(" REQ-") }
        #expect(!rowsShown.isEmpty && rowsShown.allSatisfy { $0.contains("breach") }, "\(filtered)")
        for _ in 0..<5 { try t.press(">") }
        let sorted = try t.waitFor(text: "Age▲")
        #expect(sorted.contains("sorted by Age"), "\(sorted)")
        try t.press("~")
        try t.waitFor(text: "Age▼")
        try t.press("Escape")
        let cleared = try t.waitUntilGone("/\"breach\"")
        #expect(cleared.contains("filter cleared"), "\(cleared)")
    }

    @Test("mouse (tmux mouse on): a tab switches, a click selects, the wheel scrolls, a double-click opens")
    func mouse() throws {
        let t = try Tmux(podboard: ["--as", "fatima"], cols: 120, rows: 40)
        defer { t.close() }
        _ = try t.run(["set", "-g", "mouse", "on"])
        try t.waitFor(text: "Home · Fatima", "q quit")
        // "2 Aging" is the third tab: " 0 Home " " 1 Board " " 2 Aging " from column 1.
        let tabs = try t.capture().line(1)
        let x = try #require(displayColumn(of: "2 Aging", in: tabs))
        try t.type(Self.click(x + 2, 1))
        let aging = try t.waitFor(text: "open requests")
        let third = aging.line(6)
        // A click on the third row: its request is the one a double-click opens.
        try t.type(Self.click(10, 6))
        try t.type("\u{1B}[<65;10;7M")  // wheel down: three rows lower
        try t.type("\u{1B}[<64;10;7M")  // wheel up: back
        let id = String(third.split(separator: " ").first ?? "")
        #expect(id.hasPrefix("REQ-"), "\(aging)")
        try t.type(Self.click(10, 6) + Self.click(10, 6))
        try t.waitFor(text: "› request " + id)
    }

    @Test("--no-mouse: podboard asks the terminal for no mouse reports; by default it does")
    func noMouse() throws {
        for (args, wanted) in [([String](), "1"), (["--no-mouse"], "0")] {
            let t = try Tmux(podboard: ["--as", "fatima"] + args, cols: 120, rows: 40)
            defer { t.close() }
            try t.waitFor(text: "Home · Fatima", "q quit")
            try t.waitForFormat("#{mouse_standard_flag}", toBe: wanted)
        }
    }

    @Test("config: a key override and the POD; a bad line is an error naming it, exit 2, no terminal touched")
    func config() throws {
        let dir = Podboard.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/podboard", withIntermediateDirectories: true)
        try "# mine\nkey.palette = Ctrl-K\npod = south\nperson = \"fatima\"  # who I am\n".write(toFile: dir + "/podboard/config", atomically: true, encoding: .utf8)
        let t = try Tmux(podboard: [], cols: 120, rows: 40,
                         envPrefix: "env TERM=xterm-256color XDG_CONFIG_HOME=" + shellQuote(dir))
        defer { t.close() }
        let start = try t.waitFor(text: "POD South", "Fatima El Idrissi", "q quit")
        #expect(start.lastLine.contains("Ctrl-K palette"), "\(start.lastLine)")
        try t.type(":")
        try t.press("C-k")
        try t.waitFor(text: "Go to or run")
        try "theme = light\nmouse = maybe\n".write(toFile: dir + "/podboard/config", atomically: true, encoding: .utf8)
        let bad = try Podboard.runWithoutTerminal(["--as", "fatima", "--today", Podboard.today], env: ["XDG_CONFIG_HOME": dir], cwd: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("podboard/config: line 2: mouse: \"maybe\" is not on or off"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("\u{1B}"), "escape codes written: \(bad.stderr)")
    }

    @Test("the last pane, filter and sort of a store come back in the next session")
    func remembered() throws {
        let dir = Podboard.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let made = try Podboard.runWithoutTerminal(["demo", "--out", dir + "/store.json", "--today", Podboard.today], cwd: dir)
        try #require(made.status == 0, "podboard demo: \(made.stderr)")
        do {
            let t = try Tmux(podboard: ["--as", "fatima", "--store", "store.json"], cols: 120, rows: 40, cwd: dir)
            defer { t.close() }
            try t.waitFor(text: "Home · Fatima", "q quit")
            try t.press("5")
            try t.waitFor(text: "accounts")
            try t.press("/")
            try t.type("maple")
            try t.press("Enter", ">")
            try t.waitFor(text: "Account▲", "/\"maple\"")
            try t.press("q")
            // The view is saved when podboard quits (and the pane with it).
            let file = Podboard.stateHome + "/podboard/ui-state.json"
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline, !((try? String(contentsOfFile: file, encoding: .utf8))?.contains("maple") ?? false) {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        let t = try Tmux(podboard: ["--as", "fatima", "--store", "store.json"], cols: 120, rows: 40, cwd: dir)
        defer { t.close() }
        let s = try t.waitFor(text: "Account▲", "/\"maple\"")
        #expect(s.contains("Maple Grocers"), "\(s)")
        #expect(s.line(1).contains("5 Accounts"), "\(s)")
    }
}
