import Foundation
import Testing
@testable import PodboardCore

/// Issue 11: nothing from the data reaches a terminal raw. Every report format and every message path runs
/// on a pseudo terminal (python3's pty module); the bytes the terminal gets hold no control character, C1,
/// bidi control or invisible format character, while the hostile text is shown visibly. To a pipe the same
/// outputs keep the data byte-exact.
@Suite("Hostile text on a terminal")
struct HostileTextPTYTests {
    /// Window title, clipboard write, clear screen, C1 CSI, alternate-screen exit, BS, CR, bidi override,
    /// zero-width space, BOM.
    static let evil = "A\u{1B}]0;PWNED\u{07}B\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{9B}31m\u{1B}[?1049l\u{08}\u{0D}\u{202E}Z\u{200B}\u{FEFF}\u{2066}"

    static let runner = """
        import os, pty, subprocess, sys
        master, slave = pty.openpty()
        p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, close_fds=True)
        os.close(slave)
        out = b''
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        code = p.wait()
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
        sys.exit(code)
        """

    /// Runs podboard with standard output and error on a pseudo terminal; what the terminal received.
    static func onTerminal(_ args: [String], env: [String: String] = [:]) throws -> (status: Int32, bytes: [UInt8]) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", runner, CLI.binary] + args
        var environment = ProcessInfo.processInfo.environment
        environment["PODBOARD_STORE"] = nil
        environment["NO_COLOR"] = "1"
        environment["TERM"] = "xterm-256color"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, Array(data))
    }

    /// The unsafe scalars in what a terminal received (a CR right before a LF is the terminal's own line end).
    static func unsafe(_ bytes: [UInt8]) -> [UInt32] {
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var found: [UInt32] = []
        for (i, s) in scalars.enumerated() where TerminalText.isUnsafe(s.value) {
            // CRs right before a LF: the terminal's own line end (onlcr), after CSV's CRLF.
            if s.value == 0x0D, let next = scalars[i...].first(where: { $0.value != 0x0D }), next.value == 0x0A { continue }
            found.append(s.value)
        }
        return found
    }

    /// A valid demo store with hostile text in names, tools and vendors, and one with a hostile currency.
    static func stores() throws -> (valid: String, invalid: String, dir: String) {
        let dir = CLI.tempDir()
        var store = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!))
        for i in store.people.indices where store.people[i].id == "ana" || store.people[i].id == "sven" { store.people[i].name += evil }
        for i in store.accounts.indices { store.accounts[i].name += evil }
        for i in store.requests.indices { store.requests[i].tool += evil; store.requests[i].vendor += evil }
        for i in store.pods.indices { store.pods[i].name += evil }
        let valid = dir + "/hostile.json"
        try Data(StoreFile.encode(store)).write(to: URL(fileURLWithPath: valid))
        let text = String(decoding: StoreFile.encode(store), as: UTF8.self)
        let currency = "\"currency\": " + JSONWriter.compact(.string(store.settings.currency))
        #expect(text.contains(currency))
        let invalid = dir + "/hostile-currency.json"
        let bad = text.replacingOccurrences(of: currency, with: "\"currency\": " + JSONWriter.compact(.string("\u{1B}]0;PWNED\u{07}" + String(repeating: "X", count: 100_000))))
        try Data(bad.utf8).write(to: URL(fileURLWithPath: invalid))
        return (valid, invalid, dir)
    }

    @Test func everyReportFormatAndMessagePathIsSafeOnATerminal() throws {
        let (store, invalid, dir) = try Self.stores()
        let day = ["--today", "2026-11-23"]
        let at = ["--at", "2026-11-23T10:00:00+05:30"]
        let batch = dir + "/batch.jsonl"
        let lines: [JSONValue] = [
            .object(JSONObject([("action", .string("log-update")), ("target", .string("REQ-1042")), ("params", .object(JSONObject([("note", .string(Self.evil))])))])),
            .object(JSONObject([("action", .string("take")), ("target", .string("REQ" + Self.evil))])),
        ]
        let batchText = lines.map { JSONWriter.compact($0) }.joined(separator: "\n") + "\nnot json \u{1B}[2J\n"
        try Data(batchText.utf8).write(to: URL(fileURLWithPath: batch))
        var runs: [[String]] = []
        for report in ["kpi", "aging", "renewals", "savings"] {
            for format in ["table", "json", "csv", "md"] { runs.append(["report", report, "--format", format, "--store", store] + day) }
        }
        for format in ["table", "json", "csv", "md"] { runs.append(["people", "--format", format, "--store", store] + day) }
        runs += [
            ["dashboard", "--store", store] + day,
            ["validate", store],
            ["validate", invalid],  // a problem echoing the currency
            ["report", "aging", "--store", invalid] + day,  // a startup error listing the problems
            ["report", "aging", "--store", dir + "/no\u{1B}]0;T\u{07}such.json"] + day,  // a startup error naming the path
            ["report", "aging", "--pod", "x\u{1B}[2J", "--store", store] + day,  // bad input echoed
            ["act", "log-update", "REQ-1042", "--note", Self.evil, "--as", "ana", "--store", store] + at,  // summary
            ["act", "approve", "REQ-1042", "--as", "sven", "--store", store] + at,  // a refusal
            ["act", "take", "REQ\u{1B}]0;T\u{07}", "--as", "ana", "--store", store] + at,  // unknown id echoed
            ["act", "--batch", batch, "--as", "ana", "--store", store] + at,  // ok and error lines
            ["log", "REQ-1042", "--store", store] + day,
            ["log", "REQ-1042", "--format", "csv", "--store", store] + day,
            ["--version\u{1B}]0;T\u{07}"],  // the argument parser's own message
        ]
        var shown = 0
        for args in runs {
            let r = try Self.onTerminal(args)
            let text = String(decoding: r.bytes, as: UTF8.self)
            #expect(!r.bytes.isEmpty, "\(args): nothing printed")
            #expect(Self.unsafe(r.bytes).isEmpty, "\(args.map { $0.debugDescription }): \(Self.unsafe(r.bytes).map { String($0, radix: 16) }) in \(text.prefix(3000).debugDescription)")
            // Shown visibly: the sanitizer's `\u{1B}`, a table's stand-in, or JSON's own escape.
            if text.contains("\\u{1B}") || text.contains("\u{FFFD}") || text.contains("\\u001b") { shown += 1 }
            #expect(r.bytes.count < 200_000, "\(args): \(r.bytes.count) bytes: a value echoed whole")
        }
        #expect(shown >= runs.count - 3, "the hostile text is shown visibly (\(shown) of \(runs.count))")
    }

    @Test func toAPipeTheDataStaysByteExact() throws {
        let (store, _, _) = try Self.stores()
        for format in ["csv", "json"] {
            let r = try CLI.run(["report", "aging", "--format", format, "--store", store, "--today", "2026-11-23"])
            #expect(r.status == 0)
            let expected = format == "csv" ? Self.evil : String(JSONWriter.compact(.string(Self.evil)).dropFirst().dropLast())
            #expect(r.stdout.contains(expected), "\(format): the hostile text exactly as in the store")
        }
        let v = try CLI.run(["validate", store])
        #expect(v.status == 0 && v.stdout.contains("valid store"))
    }
}
