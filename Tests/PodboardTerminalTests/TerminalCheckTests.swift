import Testing
@testable import PodboardTerminal

@Suite("TerminalCheck: refusing what cannot be a full-screen terminal")
struct TerminalCheckTests {
    @Test func anInteractiveTerminalPasses() {
        #expect(TerminalCheck.problem(stdinIsTTY: true, stdoutIsTTY: true, term: "xterm-256color") == nil)
        #expect(TerminalCheck.problem(stdinIsTTY: true, stdoutIsTTY: true, term: "screen") == nil)
        // Unknown types are left to newterm, which knows the terminfo database.
        #expect(TerminalCheck.problem(stdinIsTTY: true, stdoutIsTTY: true, term: "nonexistent-term") == nil)
    }

    @Test func stdoutNotATerminal() throws {
        let message = try #require(TerminalCheck.problem(stdinIsTTY: true, stdoutIsTTY: false, term: "xterm"))
        #expect(message == "podboard needs an interactive terminal: standard output is not a terminal. For reports use `podboard report kpi|aging|renewals|savings`.")
    }

    @Test func stdinNotATerminal() throws {
        let message = try #require(TerminalCheck.problem(stdinIsTTY: false, stdoutIsTTY: true, term: "xterm"))
        #expect(message.contains("standard input is not a terminal"))
        #expect(message.contains("podboard report"))
    }

    @Test func neitherIsATerminal() throws {
        let message = try #require(TerminalCheck.problem(stdinIsTTY: false, stdoutIsTTY: false, term: nil))
        #expect(message.contains("standard input and standard output are not terminals"))
    }

    @Test func termUnsetOrEmpty() throws {
        for term in [nil, ""] as [String?] {
            let message = try #require(TerminalCheck.problem(stdinIsTTY: true, stdoutIsTTY: true, term: term))
            #expect(message.contains("TERM is not set"))
        }
    }

    @Test func termDumb() throws {
        let message = try #require(TerminalCheck.problem(stdinIsTTY: true, stdoutIsTTY: true, term: "dumb"))
        #expect(message.contains("\"dumb\""))
        #expect(message.contains("cannot move the cursor"))
    }

    @Test func everyMessageIsOneLine() {
        let cases: [(Bool, Bool, String?)] = [
            (false, true, "xterm"), (true, false, "xterm"), (false, false, "xterm"),
            (true, true, nil), (true, true, ""), (true, true, "dumb"),
        ]
        for (i, o, t) in cases {
            let message = TerminalCheck.problem(stdinIsTTY: i, stdoutIsTTY: o, term: t)
            #expect(message != nil)
            #expect(message?.contains("\n") == false)
        }
        #expect(!TerminalCheck.unknownTerminal("bad\u{1B}[2J\nterm").contains("\n"))
        #expect(!TerminalCheck.unknownTerminal("bad\u{1B}[2J\nterm").contains("\u{1B}"))
        #expect(!TerminalCheck.noCursorAddressing("x\ny").contains("\n"))
    }

    @Test func errorDescriptionIsTheMessage() {
        let error = TerminalOpenError(message: "podboard needs an interactive terminal: x.")
        #expect(error.description == "podboard needs an interactive terminal: x.")
        #expect("\(error)" == "podboard needs an interactive terminal: x.")
    }
}
