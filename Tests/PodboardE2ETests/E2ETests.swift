import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// End-to-end: the built `podboard` binary in a real terminal (a private tmux server), driven by keys, read
/// from the screen. Each test starts its own server and kills it at the end.
@Suite("podboard in a terminal (tmux)", .serialized)
struct E2ETests {
    /// The tabs line (row 1) while no detail is open: the home pane (0) and the four panes.
    static let tabs = "  0 Home   1 Board   2 Aging   3 Renewals   4 KPIs   5 Accounts"

    // MARK: - 1. Opening

    @Test("opens the demo store: header, tabs, banner, footer", arguments: zip([80, 120], [24, 40]))
    func opensTheDemo(cols: Int, rows: Int) throws {
        let t = try Tmux(podboard: [], cols: cols, rows: rows)
        defer { t.close() }
        // Without --as or $PODBOARD_USER, podboard first asks who you are; the first line keeps it read-only.
        let picker = try t.waitFor(text: "Who are you?", "read-only: just look", "Fatima El Idrissi")
        #expect(picker.line(2).contains("READ-ONLY"), "picker:\n\(picker)")
        try t.press("Enter")
        let s = try t.waitFor(text: "2026-11-23", "q quit", "Qualified (")
        #expect(s.lines.count == rows, "the screen has \(s.lines.count) lines:\n\(s)")
        let header = s.line(0)
        #expect(header.contains("podboard"), "header: \(header)")
        #expect(header.contains("DEMO"), "header: \(header)")
        #expect(header.contains("2026-11-23 Mon 2026-Q4"), "header: \(header)")
        #expect(header.contains("POD North"), "header: \(header)")
        #expect(header.contains("read-only"), "header: \(header)")
        // Right-aligned to the window's width, not beyond it.
        #expect(displayWidth(header) <= cols && displayWidth(header) >= cols - 2, "header is \(displayWidth(header)) wide at \(cols): \(header)")
        #expect(s.line(1).hasPrefix(Self.tabs), "tabs line: \(s.line(1))")
        #expect(s.line(2).contains("READ-ONLY"), "no read-only banner without --as:\n\(s)")
        #expect(s.lastLine.contains("q quit") && s.lastLine.contains("? help"), "footer is not the last line:\n\(s)")
        // The board: five stage columns.
        for title in ["Qualified (", "Negotiating (", "Approved ("] {
            #expect(s.line(3).contains(title), "board titles: \(s.line(3))")
        }
        #expect(try t.format("#{alternate_on}") == "1", "podboard draws on the alternate screen")
    }

    @Test("--as ana: the header names the person, no read-only banner, and it opens on her home pane")
    func opensAsABuyer() throws {
        let t = try Tmux(podboard: ["--as", "ana"])
        defer { t.close() }
        let s = try t.waitFor(text: "Ana Souza", "q quit")
        #expect(s.line(0).lowercased().contains("ana souza · buyer"), "header: \(s.line(0))")
        #expect(s.line(1).hasPrefix(Self.tabs))
        #expect(!s.contains("READ-ONLY"), "banner shown for a known user:\n\(s)")
        #expect(s.line(2).hasPrefix(" Home · Ana Souza"), "the home pane starts right under the tabs:\n\(s)")
        #expect(s.contains("My negotiations ("), "a buyer's home lists her negotiations:\n\(s)")
        try t.press("1")
        let board = try t.waitFor(text: "Qualified (")
        #expect(board.line(2).contains("New") && board.line(2).contains("Approved ("), "the board starts right under the tabs:\n\(board)")
    }

    // MARK: - 2. Panes

    @Test("0-5, Tab and Shift-Tab switch panes; [ and ] change the renewals quarter")
    func switchesPanes() throws {
        let t = try Tmux.readOnly(cols: 100, rows: 30)
        defer { t.close() }
        try t.waitFor(text: "Qualified (")

        func expectAging() throws {
            let s = try t.waitFor("the aging pane") { $0.contains("open requests") && !$0.contains("Qualified (") }
            #expect(s.line(3).hasPrefix(" Showing "), "aging first line: \(s.line(3))")
            #expect(s.contains(" ID ") && s.contains("Next deadline"), "aging table header:\n\(s)")
        }
        func expectRenewals() throws {
            let s = try t.waitFor("the renewals pane") { $0.contains("renewals ·") && $0.contains("Mo Tu We") && !$0.contains("open requests") }
            #expect(s.line(3).contains("2027-Q1 · ") && s.line(3).contains("calendar due"), "renewals first line: \(s.line(3))")
        }
        func expectKPIs() throws {
            let s = try t.waitFor("the KPIs pane") { $0.contains("KPIs 2026-Q4") && !$0.contains("Mo Tu We") }
            #expect(s.line(3).hasPrefix(" KPIs 2026-Q4 to 2026-11-23"), "KPIs first line: \(s.line(3))")
        }
        func expectEscalations() throws {
            _ = try t.waitFor("the escalations pane") { $0.line(3).hasPrefix(" Escalations open") }
        }
        func expectAccounts() throws {
            let s = try t.waitFor("the accounts pane") { $0.contains("ATS up/decl") && !$0.contains("KPIs 2026-Q4") }
            #expect(s.line(3).hasPrefix(" POD North · "), "accounts first line: \(s.line(3))")
        }
        func expectHome() throws {
            let s = try t.waitFor("the home pane") { $0.line(3) == " Home" && !$0.contains("Qualified (") && !$0.contains("KPIs 2026-Q4") }
            #expect(s.contains("no home view without a person"), "read-only home:\n\(s)")
        }
        func expectBoard() throws {
            let s = try t.waitFor("the board pane") { $0.contains("Qualified (") && !$0.contains("KPIs 2026-Q4") && !$0.contains("open requests") }
            #expect(s.line(3).contains("Negotiating ("), "board titles: \(s.line(3))")
        }

        try t.press("2"); try expectAging()
        try t.press("3"); try expectRenewals()
        try t.press("4"); try expectKPIs()
        try t.press("1"); try expectBoard()
        try t.press("Tab"); try expectAging()
        try t.press("Tab"); try expectRenewals()
        try t.press("Tab"); try expectKPIs()
        try t.press("Tab"); try expectAccounts()
        try t.press("Tab"); try expectEscalations()
        try t.press("Tab"); try expectHome()        // wraps around through home
        try t.press("Tab"); try expectBoard()
        try t.press("BTab"); try expectHome()       // Shift-Tab goes back
        try t.press("BTab"); try expectEscalations()
        try t.press("BTab"); try expectAccounts()
        try t.press("BTab"); try expectKPIs()
        try t.press("BTab"); try expectRenewals()
        try t.press("0"); try expectHome()
        try t.press("3"); try expectRenewals()
        // `[` / `]` on renewals change the quarter.
        try t.press("]")
        try t.waitFor(text: "2027-Q2 · ")
        try t.press("[")
        try t.press("[")
        let s = try t.waitFor(text: "2026-Q4 · ")
        #expect(s.line(1).hasPrefix(Self.tabs), "tabs line lost:\n\(s)")
    }

    // MARK: - 3. Filtering

    @Test("aging: / filters by text over all PODs, c clears")
    func filtersAging() throws {
        let t = try Tmux(podboard: ["--as", "ana"], cols: 90, rows: 30)
        defer { t.close() }
        try t.waitFor(text: "Ana Souza", "q quit")
        try t.press("2")
        var s = try t.waitFor(text: "Showing mine")
        // The pane's first line is row 2: no banner with --as.
        var presses = 0
        while !s.line(2).hasPrefix(" Showing all PODs") {
            presses += 1
            try #require(presses <= 3, "m never reached \"all PODs\":\n\(s)")
            let before = s.line(2)
            try t.press("m")
            s = try t.waitFor("the scope to change from \(before)") { $0.line(2) != before }
        }
        #expect(presses == 2, "mine → my POD → all PODs takes two presses, took \(presses)")
        let all = try #require(shownCount(s.line(2)), "no count in \(s.line(2))")
        #expect(all.shown == all.total && all.total > 2, "all PODs shows every open request: \(s.line(2))")

        try t.press("/")
        try t.waitFor(text: "/ filter:")
        try t.type("slack")
        try t.press("Enter")
        s = try t.waitFor("the filter to be kept") { $0.line(2).contains("text \"slack\"") && !$0.contains("/ filter:") }
        #expect(s.line(2).hasPrefix(" Showing all PODs · text \"slack\""), "first line: \(s.line(2))")
        let counts = try #require(shownCount(s.line(2)), "no count in \(s.line(2))")
        #expect(counts.total == all.total, "the total is all open requests: \(s.line(2))")
        let rows = tableRows(s)
        #expect(!rows.isEmpty, "no rows match slack:\n\(s)")
        #expect(rows.count == counts.shown, "\(counts.shown) shown but \(rows.count) rows:\n\(s)")
        for row in rows {
            #expect(row.lowercased().contains("slack"), "a row without Slack: \(row)")
        }

        try t.press("c")
        s = try t.waitFor("the filters to clear") { !$0.line(2).contains("slack") }
        let cleared = try #require(shownCount(s.line(2)), "no count in \(s.line(2))")
        #expect(cleared.shown == cleared.total, "c clears every filter: \(s.line(2))")
        #expect(tableRows(s).contains { !$0.lowercased().contains("slack") }, "rows still filtered:\n\(s)")
    }

    @Test("aging: Esc cancels a filter being typed")
    func cancelsAFilter() throws {
        let t = try Tmux.readOnly()
        defer { t.close() }
        try t.waitFor(text: "Qualified (")
        try t.press("2")
        let before = try t.waitFor(text: "open requests")
        try t.press("/")
        try t.waitFor(text: "/ filter:")
        try t.type("zzzz")
        try t.waitFor(text: "zzzz")
        try t.press("Escape")
        let s = try t.waitUntilGone("/ filter:")
        #expect(!s.contains("zzzz"), "the cancelled text is still shown:\n\(s)")
        #expect(s.line(3) == before.line(3), "the first line changed: \(before.line(3)) → \(s.line(3))")
        #expect(s.lastLine.contains("q quit"), "footer:\n\(s)")
    }

    // MARK: - 4. Drill-down

    @Test("Enter opens details: a request from aging, a KPI's items, an account from renewals; Esc goes back")
    func drillsDown() throws {
        let t = try Tmux.readOnly(cols: 100, rows: 30)
        defer { t.close() }
        try t.waitFor(text: "Qualified (")

        // Aging → request.
        try t.press("2")
        var s = try t.waitFor(text: "open requests")
        let first = try #require(tableRows(s).first, "no rows in aging:\n\(s)")
        let id = String(first.split(separator: " ").first ?? "")
        #expect(id.hasPrefix("REQ-"), "first row: \(first)")
        try t.press("Enter")
        s = try t.waitFor(text: "› request REQ-")
        #expect(s.line(1).contains("› request \(id)"), "the detail is not the selected row's (\(id)): \(s.line(1))")
        #expect(s.contains("TAT clocks") && s.contains("Status"), "request detail:\n\(s)")
        #expect(s.lastLine.contains("Esc back"), "footer:\n\(s)")
        try t.press("Escape")
        s = try t.waitFor("back to aging") { !$0.contains("›") && $0.contains("open requests") }
        #expect(s.line(1).hasPrefix(Self.tabs) && !s.line(1).contains("request"), "tabs: \(s.line(1))")

        // KPIs → why.
        try t.press("4")
        try t.waitFor(text: "KPIs 2026-Q4")
        try t.press("Enter")
        s = try t.waitFor("a KPI drill-down") { s in s.lines.contains(where: isVerdictLine) }
        #expect(s.line(1).contains("›"), "no crumb for the drill-down: \(s.line(1))")
        #expect(s.contains("target"), "drill-down heading:\n\(s)")
        try t.press("Escape")
        try t.waitFor("back to KPIs") { $0.contains("KPIs 2026-Q4 to 2026-11-23") && !$0.lines.contains(where: isVerdictLine) }

        // Renewals → account.
        try t.press("3")
        try t.waitFor(text: "renewals ·")
        try t.press("Enter")
        s = try t.waitFor(text: "Savings progress")
        #expect(s.line(1).contains("› account "), "tabs: \(s.line(1))")
        try t.press("Escape")
        s = try t.waitFor("back to renewals") { $0.contains("renewals ·") && !$0.contains("Savings progress") }
        #expect(s.line(1).hasPrefix(Self.tabs) && !s.line(1).contains("›"), "tabs: \(s.line(1))")
    }

    // MARK: - 5. Help

    @Test("? opens the help box for the pane; Esc and q close it without quitting")
    func showsHelp() throws {
        let t = try Tmux.readOnly()
        defer { t.close() }
        try t.waitFor(text: "Qualified (")
        try t.press("?")
        var s = try t.waitFor(text: "Keys: Board")
        #expect(s.contains("┌─ Keys: Board"), "no box top:\n\(s)")
        #expect(s.contains("┘"), "no box bottom:\n\(s)")
        #expect(s.contains("Enter           open the request"), "help lists the board's keys:\n\(s)")
        expectBox(s, title: "Keys: Board")
        try t.press("Escape")
        s = try t.waitUntilGone("Keys:")
        #expect(s.line(3).contains("Qualified ("), "board not back:\n\(s)")

        // In aging the help box is for aging; q closes help (it does not quit).
        try t.press("2")
        try t.waitFor(text: "open requests")
        try t.press("?")
        try t.waitFor(text: "Keys: Aging")
        try t.press("q")
        s = try t.waitUntilGone("Keys:")
        #expect(s.contains("open requests"), "q in help quit podboard or lost the pane:\n\(s)")
        #expect(try t.format("#{alternate_on}") == "1", "podboard is no longer running")

        // Ctrl-L redraws the same screen.
        try t.press("C-l")
        usleep(150_000)
        let redrawn = try t.waitFor(text: "open requests")
        #expect(redrawn.lines == s.lines, "Ctrl-L changed the screen:\n\(s)\n---\n\(redrawn)")
    }

    // MARK: - 6. Resize

    @Test("resizing: too small shows Enlarge the window; larger again shows the panes, nothing left over")
    func resizes() throws {
        let t = try Tmux.readOnly(cols: 120, rows: 40)
        defer { t.close() }
        var s = try t.waitFor(text: "New / qualifying (", "Pending approval (")
        try t.resize(cols: 50, rows: 12)
        s = try t.waitFor(text: "Enlarge the window")
        #expect(s.contains("50×12"), "the message gives the size:\n\(s)")
        #expect(!s.contains("Board") && !s.contains("podboard  DEMO"), "panes drawn under the message:\n\(s)")
        try t.resize(cols: 80, rows: 24)
        s = try t.waitFor("the panes at 80x24") { $0.contains("1 Board") && $0.contains("q quit") }
        #expect(!s.contains("Enlarge") && !s.contains("podboard needs") && !s.contains("50×12"), "left over:\n\(s)")
        #expect(s.lines.count == 24)
        #expect(s.line(3).contains("New (") && !s.line(3).contains("New / qualifying"), "short titles at 80 wide: \(s.line(3))")
        #expect(s.lastLine.contains("q quit"), "footer not at the bottom:\n\(s)")
        #expect(s.lines.allSatisfy { displayWidth($0) <= 80 })
        // And up again.
        try t.resize(cols: 120, rows: 40)
        s = try t.waitFor(text: "New / qualifying (")
        #expect(s.lines.count == 40 && s.lastLine.contains("q quit"), "footer not at the bottom:\n\(s)")
    }

    @Test("q quits from the Enlarge the window screen")
    func quitsWhenTooSmall() throws {
        let command = "env TERM=xterm-256color \(shellQuote(Podboard.binary)) --today \(Podboard.today); echo \"EXIT:$?\"; exec sleep 600"
        let dir = Podboard.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux(cols: 50, rows: 12, cwd: dir, command: command)
        defer { t.close() }
        try t.waitFor(text: "Enlarge the window", "q quits")
        try t.press("q")
        let s = try t.waitFor("podboard to end") { $0.lines.contains { $0.hasPrefix("EXIT:") } }
        #expect(s.lines.contains("EXIT:0"), "exit status:\n\(s)")
        #expect(!s.contains("Enlarge"), "the screen was not restored:\n\(s)")
        #expect(try t.format("#{alternate_on}") == "0")
    }

    // MARK: - 7. Quitting restores the terminal

    enum Ending: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case q, ctrlC, sigterm, sighup
        var testDescription: String { rawValue }
    }

    @Test("the shell gets back a cooked, echoing terminal on the main screen", arguments: Ending.allCases)
    func restoresTheTerminal(_ ending: Ending) throws {
        let dir = Podboard.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pidFile = dir + "/podboard.pid"
        let t = try Tmux(cols: 200, rows: 30, cwd: dir, command: "exec env PS1='PROMPT> ' TERM=xterm-256color /bin/sh")
        defer { t.close() }
        try t.waitFor("the shell prompt") { $0.lines.contains { $0.hasPrefix("PROMPT>") } }
        // The shell writes its pid to a file and execs podboard: that pid is podboard's.
        let inner = "echo $$ > \(pidFile); exec \(shellQuote(Podboard.binary)) --today \(Podboard.today)"
        try t.type("sh -c \(shellQuote(inner))")
        try t.press("Enter")
        try t.waitFor(text: "2026-11-23 Mon", "q quit")
        #expect(try t.format("#{alternate_on} #{cursor_flag}") == "1 0", "podboard is not full-screen")
        let pidText = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(pid_t(pidText), "pid file: \(pidText)")

        switch ending {
        case .q: try t.press("q")
        case .ctrlC: try t.press("C-c")
        case .sigterm: #expect(kill(pid, SIGTERM) == 0)
        case .sighup: #expect(kill(pid, SIGHUP) == 0)
        }
        try t.waitForFormat("#{alternate_on}", toBe: "0")
        let deadline = Date().addingTimeInterval(5)
        while kill(pid, 0) == 0 && Date() < deadline { usleep(20_000) }
        #expect(kill(pid, 0) != 0, "podboard (pid \(pid)) still runs")

        var s = try t.waitFor("the prompt back") { $0.lines.last(where: { !$0.isEmpty }) == "PROMPT>" }
        #expect(!s.contains("1 Board") && !s.contains("q quit"), "podboard's screen is still shown:\n\(s)")
        #expect(try t.format("#{cursor_flag}") == "1", "the cursor is still hidden")
        #expect(try t.format("#{keypad_cursor_flag}") == "0", "keypad transmit mode left on")

        try t.type("st=$?; echo \"MODE: $st $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig|icrnl|opost)' | tr '\\n' ' ')END\"")
        try t.press("Enter")
        s = try t.waitFor("the stty report") { $0.lines.contains { $0.hasPrefix("MODE: ") } }
        let report = try #require(s.lines.first { $0.hasPrefix("MODE: ") })
        let words = report.dropFirst("MODE: ".count).split(separator: " ").map(String.init)
        let expectedStatus: String
        switch ending {
        case .q, .ctrlC: expectedStatus = "0"
        case .sigterm: expectedStatus = "\(128 + SIGTERM)"
        case .sighup: expectedStatus = "\(128 + SIGHUP)"
        }
        #expect(words.first == expectedStatus, "exit status: \(report)")
        for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
            #expect(words.contains(mode), "\(mode) not restored: \(report)")
            #expect(!words.contains("-" + mode), "\(mode) still off: \(report)")
        }
        // What is typed is echoed again.
        try t.type("echo ECHO-CHECK-$((40+2))")
        try t.press("Enter")
        try t.waitFor(text: "echo ECHO-CHECK-$((40+2))", "\nECHO-CHECK-42")
    }

    // MARK: - 8. Not a terminal

    @Test("without a terminal: exit 2, one line naming podboard report, no escape codes")
    func refusesWithoutATerminal() throws {
        let dir = Podboard.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for args in [["--today", Podboard.today], ["open", "--today", Podboard.today, "--as", "ana"]] {
            let r = try Podboard.runWithoutTerminal(args, env: ["TERM": "xterm-256color"], cwd: dir)
            #expect(r.status == 2, "\(args): status \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.contains("podboard report"), "\(args): stderr \(r.stderr)")
            #expect(r.stderr.contains("not a terminal") || r.stderr.contains("not terminals"), "\(args): stderr \(r.stderr)")
            #expect(r.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1, "not one line: \(r.stderr)")
            #expect(!r.stdout.contains(0x1B), "escape codes on stdout: \(String(decoding: r.stdout, as: UTF8.self).debugDescription)")
            #expect(!r.stderr.utf8.contains(0x1B), "escape codes on stderr: \(r.stderr.debugDescription)")
        }
    }

    @Test("in a terminal with TERM unset or dumb: exit 2 and a message", arguments: ["env -u TERM", "env TERM=dumb"])
    func refusesWithoutTERM(_ prefix: String) throws {
        // The shell reports the status and stays, so the output is read before anything ends (with tmux's
        // remain-on-exit the last output can be lost when the pane dies first). Wide enough for one line.
        let command = "\(prefix) \(shellQuote(Podboard.binary)) --today \(Podboard.today); echo \"EXIT:$?\"; exec sleep 600"
        let dir = Podboard.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try Tmux(cols: 200, rows: 10, cwd: dir, command: command)
        defer { t.close() }
        let s = try t.waitFor("the exit status") { $0.lines.contains { $0.hasPrefix("EXIT:") } }
        #expect(s.lines.contains("EXIT:2"), "exit status:\n\(s)")
        #expect(try t.format("#{alternate_on}") == "0")
        let message = s.lines.filter { !$0.isEmpty && !$0.hasPrefix("EXIT:") }
        #expect(message.count == 1, "not one line:\n\(s)")
        #expect(s.contains("podboard report"), "message:\n\(s)")
        #expect(s.contains(prefix.contains("dumb") ? "TERM is \"dumb\"" : "TERM is not set"), "message:\n\(s)")
        #expect(!s.contains("1 Board"), "the UI was drawn:\n\(s)")
    }

    // MARK: - 9. Untrusted text

    @Test("control characters in store text are shown, not obeyed; wide characters keep columns aligned")
    func showsUntrustedTextSafely() throws {
        let dir = Podboard.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.json"
        let made = try Podboard.runWithoutTerminal(["demo", "--out", path, "--today", Podboard.today], cwd: dir)
        try #require(made.status == 0, "podboard demo: \(made.stderr)")
        let evilTool = "飞书\u{1B}[31mEVIL\u{1B}]0;pwned\u{07}"
        let wideVendor = "字节跳动 😀 Vendor"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var requests = try #require(json["requests"] as? [[String: Any]])
        let i = try #require(requests.firstIndex { $0["id"] as? String == "REQ-1042" }, "REQ-1042 not in the demo store")
        requests[i]["tool"] = evilTool
        requests[i]["vendor"] = wideVendor
        json["requests"] = requests
        try JSONSerialization.data(withJSONObject: json, options: [.withoutEscapingSlashes]).write(to: URL(fileURLWithPath: path))

        let t = try Tmux(podboard: ["--store", path, "--as", "ana"], cwd: dir)
        defer { t.close() }
        func expectTitleUntouched(_ where_: String) throws {
            let title = try t.format("#{pane_title}")
            #expect(!title.contains("pwned"), "\(where_): the pane title was set by store text: \(title)")
        }

        // Home: her negotiations, the wide tool in a fixed-width column.
        var s = try t.waitFor(text: "Ana Souza", "My negotiations", "q quit")
        #expect(!s.contains("DEMO"), "not the store file:\n\(s)")
        try expectTitleUntouched("home")
        let homeEvil = try #require(s.lines.first { $0.contains("REQ-1042") }, "\(s)")
        let homeOther = try #require(s.lines.first { $0.contains("REQ-1086") }, "\(s)")
        #expect(homeEvil.contains("飞书") && homeEvil.contains("\u{FFFD}"), "home row: \(homeEvil.debugDescription)")
        #expect(displayColumn(of: "negotiating", in: homeEvil) != nil)
        #expect(displayColumn(of: "negotiating", in: homeEvil) == displayColumn(of: "negotiating", in: homeOther),
                "home columns not aligned:\n\(homeEvil)\n\(homeOther)")

        // Board: the card shows the escape sequence as text, and the next column starts where it should.
        try t.press("1")
        s = try t.waitFor(text: "Qualified (", "REQ-1042")
        try expectTitleUntouched("board")
        // The card is narrow: "飞书�[31mE…".
        let cardLine = try #require(s.lines.first { $0.contains("飞书") }, "the tool is not on the board:\n\(s)")
        #expect(cardLine.contains("[31mE"), "the escape sequence was not shown literally: \(cardLine)")
        #expect(cardLine.contains("\u{FFFD}"), "control characters not replaced: \(cardLine.debugDescription)")
        #expect(!cardLine.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        let idLine = try #require(s.lines.first { $0.contains("REQ-1042") })
        if let nextCol = displayColumn(of: "REQ-1068", in: idLine), let nextTool = displayColumn(of: "Microsoft", in: cardLine) {
            #expect(nextCol == nextTool, "the column after the card moved: \(idLine) / \(cardLine)")
        } else {
            Issue.record("REQ-1068 / Microsoft not next to REQ-1042:\n\(s)")
        }
        #expect(s.lines.count == 24 && s.lastLine.contains("q quit"), "footer not at the bottom:\n\(s)")

        // Aging: the status column is aligned in the row with wide characters and the one without.
        try t.press("2")
        s = try t.waitFor(text: "Showing mine", "REQ-1042")
        try expectTitleUntouched("aging")
        let evilRow = try #require(s.lines.first { $0.hasPrefix(" REQ-1042") }, "\(s)")
        let otherRow = try #require(s.lines.first { $0.hasPrefix(" REQ-1086") }, "\(s)")
        #expect(evilRow.contains("飞书"), "wide characters lost: \(evilRow)")
        #expect(displayColumn(of: "negotiating", in: evilRow) != nil)
        #expect(displayColumn(of: "negotiating", in: evilRow) == displayColumn(of: "negotiating", in: otherRow),
                "columns not aligned:\n\(evilRow)\n\(otherRow)")
        // Ages are right-aligned: "69d" and " 5d" end in the same column.
        #expect(displayColumn(of: "69d", in: evilRow) == displayColumn(of: " 5d", in: otherRow),
                "age column not aligned:\n\(evilRow)\n\(otherRow)")

        // Detail: the title shows it all, on one line, right edge where it is for an ordinary request.
        try t.press("Enter")
        s = try t.waitFor(text: "› request REQ-1042")
        try expectTitleUntouched("detail")
        let evilTitle = try #require(s.lines.first { $0.hasPrefix(" REQ-1042  ") }, "\(s)")
        #expect(evilTitle.contains("[31mEVIL"), "\(evilTitle)")
        #expect(evilTitle.contains("\u{FFFD}"), "control characters not replaced: \(evilTitle.debugDescription)")
        #expect(evilTitle.contains("]0;pwned"), "the OSC text is not shown literally: \(evilTitle)")
        #expect(evilTitle.contains(wideVendor), "the vendor is not shown whole: \(evilTitle)")
        #expect(!evilTitle.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(s.lines.count == 24 && s.lastLine.contains("Esc back"), "footer not at the bottom:\n\(s)")
        #expect(s.lines.allSatisfy { displayWidth($0) <= 80 }, "a line is wider than the window:\n\(s)")
        try t.press("Escape")
        try t.waitFor(text: "Showing mine")
        try t.press("j")
        try t.press("Enter")
        s = try t.waitFor(text: "› request REQ-1086")
        let plainTitle = try #require(s.lines.first { $0.hasPrefix(" REQ-1086  ") }, "\(s)")
        #expect(displayWidth(evilTitle) == displayWidth(plainTitle),
                "the title's right edge moved:\n\(evilTitle) (\(displayWidth(evilTitle)))\n\(plainTitle) (\(displayWidth(plainTitle)))")
        try expectTitleUntouched("end")
    }
}

// MARK: - Reading screens

/// "12 of 32 open requests" in the aging pane's first line.
func shownCount(_ line: String) -> (shown: Int, total: Int)? {
    guard let r = line.range(of: #"(\d+) of (\d+) open requests"#, options: .regularExpression) else { return nil }
    let words = line[r].split(separator: " ")
    guard let a = Int(words[0]), let b = Int(words[2]) else { return nil }
    return (a, b)
}

/// The aging table's rows on the screen: lines that start with a request id.
func tableRows(_ s: Screen) -> [String] {
    s.lines.filter { $0.range(of: #"^ REQ-\d+ "#, options: .regularExpression) != nil }
}

/// The character drawn at display column `column` of `line` (nil past its end or inside a wide character).
func character(atColumn column: Int, in line: String) -> Character? {
    var x = 0
    for ch in line {
        if x == column { return ch }
        x += displayWidth(String(ch))
        if x > column { return nil }
    }
    return nil
}

/// Expects a whole box titled `title`: corners, and both sides on every row between, all in the same columns.
func expectBox(_ s: Screen, title: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let top = s.lines.firstIndex(where: { $0.contains("┌─ " + title) }),
          let left = displayColumn(of: "┌─ " + title, in: s.lines[top]) else {
        Issue.record("no box titled \(title):\n\(s)", sourceLocation: sourceLocation)
        return
    }
    guard let right = displayColumn(of: "┐", in: s.lines[top]), right > left else {
        Issue.record("the box's top edge has no right corner: \(s.lines[top])\n\(s)", sourceLocation: sourceLocation)
        return
    }
    guard let bottom = s.lines.indices.first(where: { $0 > top && character(atColumn: left, in: s.lines[$0]) == "└" }) else {
        Issue.record("the box has no bottom-left corner in column \(left):\n\(s)", sourceLocation: sourceLocation)
        return
    }
    #expect(character(atColumn: right, in: s.lines[bottom]) == "┘", "bottom-right corner: \(s.lines[bottom])\n\(s)",
            sourceLocation: sourceLocation)
    for y in (top + 1)..<bottom {
        #expect(character(atColumn: left, in: s.lines[y]) == "│" && character(atColumn: right, in: s.lines[y]) == "│",
                "row \(y) of the box is not closed in columns \(left) and \(right): \(s.lines[y])\n\(s)",
                sourceLocation: sourceLocation)
    }
}

/// A KPI drill-down line: the verdict first.
func isVerdictLine(_ line: String) -> Bool {
    let t = line.drop { $0 == " " }
    return t.hasPrefix("met ") || t.hasPrefix("missed ") || t.hasPrefix("pending ")
}
