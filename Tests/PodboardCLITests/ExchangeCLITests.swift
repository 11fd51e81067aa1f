import Foundation
import Testing
import PodboardCore
import PodboardTestSupport

/// `podboard report customer-update | catch-up | monthly` and `report renewals --format ics`, run as a binary on
/// the small store of Tests/PodboardTestSupport/ExchangeFixture.swift (the domain tests' own); HTML and iCalendar
/// checked by real parsers (python3's html.parser and the `icalendar` package).
@Suite struct ExchangeCLITests {
    static func storePath() throws -> String {
        let path = CLI.tempDir() + "/store.json"
        try JSONWriter.write(StoreEncoder.encode(XF.store())).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func report(_ args: [String], store: String) throws -> CLI.Result {
        try CLI.run(["report"] + args + ["--store", store, "--today", "2026-11-23"])
    }

    /// Runs a python3 script with arguments; its standard output.
    static func python(_ script: String, _ args: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A strict check with html.parser: every tag closed in order (void elements aside), one html root.
    static let htmlCheck = """
    import sys
    from html.parser import HTMLParser
    VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
    SVG_EMPTY = {"line", "polyline", "rect", "circle", "path"}
    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True); self.stack = []; self.errors = []; self.seen = set()
        def handle_starttag(self, tag, attrs):
            self.seen.add(tag)
            if tag not in VOID: self.stack.append(tag)
        def handle_startendtag(self, tag, attrs):
            self.seen.add(tag)
        def handle_endtag(self, tag):
            if not self.stack or self.stack[-1] != tag: self.errors.append("unexpected </%s> with open %s" % (tag, self.stack[-3:]))
            else: self.stack.pop()
    p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
    if p.stack: p.errors.append("unclosed: %s" % p.stack)
    for t in sys.argv[2:]:
        if t not in p.seen: p.errors.append("no <%s>" % t)
    print("\\n".join(p.errors) if p.errors else "ok")
    """

    @Test func customerUpdateInEveryFormatLeaksNothingInternal() throws {
        let store = try Self.storePath()
        for format in ["text", "md", "html"] {
            let r = try report(["customer-update", "--account", "acme", "--format", format], store: store)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Acme Corp") && r.stdout.contains("USD 3,000"), "\(format): \(r.stdout.prefix(400))")
            for m in XF.markers { #expect(!r.stdout.contains(m), "\(m) leaks into the \(format) customer update") }
        }
    }

    @Test func customerUpdateHTMLIsOneBalancedSelfContainedFile() throws {
        let store = try Self.storePath()
        let r = try report(["customer-update", "--account", "acme", "--format", "html"], store: store)
        #expect(r.status == 0)
        let file = CLI.tempDir() + "/update.html"
        try r.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try Self.python(Self.htmlCheck, [file, "html", "style", "svg", "polyline", "table"])
        #expect(check.out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(check.out)")
        #expect(!r.stdout.contains("<script") && !r.stdout.contains("src=") && !r.stdout.contains("href="), "nothing fetched")
    }

    @Test func customerUpdateBadInput() throws {
        let store = try Self.storePath()
        #expect(try report(["customer-update", "--account", "nobody"], store: store).status == 2)
        #expect(try report(["customer-update", "--account", "acme", "--since", "2026-13-01"], store: store).status == 2)
        #expect(try report(["customer-update", "--account", "acme", "--since", "2026-12-01"], store: store).status == 2)
        let r = try report(["customer-update", "--account", "acme", "--since", "2026-09-25"], store: store)
        #expect(r.status == 0 && r.stdout.contains("Approved in the period: USD 4,000"))
    }

    @Test func catchUpAndMonthlyInTheirFormats() throws {
        let store = try Self.storePath()
        for format in ["text", "md", "html"] {
            let r = try report(["catch-up", "--pod", "north", "--format", format], store: store)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Pat Lead") && r.stdout.contains("pat@acme.example"), "the people matrix in \(format)")
        }
        #expect(try report(["catch-up", "--pod", "nowhere"], store: store).status == 2)
        let cj = try report(["catch-up", "--pod", "north", "--format", "json"], store: store)
        guard case .object(let co) = try JSONParser.parse(cj.stdout).value, case .array(let crows)? = co["rows"],
              case .object(let acme)? = crows.first else { Issue.record("catch-up json: \(cj.stdout.prefix(300))"); return }
        #expect(acme["new"] == .array([.string("R-3"), .string("R-5")]) || acme["new"] == .array([.string("R-5"), .string("R-3")]))
        #expect(acme["healthWeekAgo"] == .string("neutral") && acme["coverage"] == .number("0.5") && acme["coverageWeekAgo"] == .number("0.4"))
        guard case .array(let contacts)? = acme["contacts"] else { Issue.record("no contacts"); return }
        #expect(contacts.count == 2)
        let ccsv = try report(["catch-up", "--pod", "north", "--format", "csv"], store: store)
        #expect(ccsv.stdout.hasPrefix("pod,account,new,breached,stale,escalated,health") && ccsv.stdout.contains("Pat Lead") && ccsv.stdout.contains("pat@acme.example"))
        for format in ["table", "md", "html"] {
            let r = try report(["monthly", "--pod", "north", "--format", format], store: store)
            #expect(r.status == 0 && r.stdout.contains("on pace"), "\(format): \(r.stderr)")
        }
        let csv = try report(["monthly", "--pod", "north", "--format", "csv"], store: store)
        let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 2 && lines[0].hasPrefix("pod,account,declaredATS"))
        #expect(lines[1].hasPrefix("north,acme,100000,50000,0.5,0.4,0,20000,3000,4000,10000,0.4,0.1333,2027-08-31,on-pace"), "\(lines)")
        let json = try report(["monthly", "--pod", "north", "--month", "2026-10", "--format", "json"], store: store)
        guard case .object(let o) = try JSONParser.parse(json.stdout).value else { Issue.record("not JSON"); return }
        #expect(o["month"] == .string("2026-10"))
        guard case .array(let rows)? = o["rows"], case .object(let row)? = rows.first else { Issue.record("no rows"); return }
        #expect(row["savingsInMonth"] == .number("1000") && row["savingsToDate"] == .number("1000"))
        #expect(try report(["monthly", "--month", "2026-12"], store: store).status == 2)
        #expect(try report(["monthly", "--month", "Nov"], store: store).status == 2)
    }

    @Test func catchUpAndMonthlyHTMLAreBalanced() throws {
        let store = try Self.storePath()
        for args in [["catch-up", "--pod", "north"], ["monthly", "--pod", "north"]] {
            let r = try report(args + ["--format", "html"], store: store)
            #expect(r.status == 0, "\(r.stderr)")
            let file = CLI.tempDir() + "/\(args[0]).html"
            try r.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            let tags = args[0] == "monthly" ? ["html", "table", "svg", "polyline"] : ["html", "table"]
            let check = try Self.python(Self.htmlCheck, [file] + tags)
            #expect(check.out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(args[0]): \(check.out)")
        }
    }

    @Test func cancelByAlertsAsICalendar() throws {
        // 2026-12-20: C-1's cancel-by (2027-01-01) is 12 days ahead, within the 14-day alert, and it has no request.
        let store = try Self.storePath()
        let r = try CLI.run(["report", "renewals", "--alerts", "--format", "ics", "--store", store, "--today", "2026-12-20"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "BEGIN:VEVENT").count - 1 == 5)
        #expect(r.stdout.contains("X-WR-CALNAME:Cancel-by alerts\r\n") && r.stdout.contains("UID:renewal-C-1-cancel-by@podboard\r\n"))
    }

    static let icsCheck = """
    import sys, icalendar
    uids = []
    for path in sys.argv[1:]:
        cal = icalendar.Calendar.from_ical(open(path, "rb").read())
        events = [c for c in cal.walk("VEVENT")]
        alarms = [c for c in cal.walk("VALARM")]
        uids.append(sorted(str(e["UID"]) for e in events))
        print(len(events), len(alarms), len(set(str(e["UID"]) for e in events)))
    merged = {}
    for u in uids:
        for x in u: merged[x] = True
    print("stable" if all(u == uids[0] for u in uids) else "unstable", len(merged))
    ev = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT")[0]
    print(str(ev["DESCRIPTION"]).splitlines()[0])
    """

    @Test func renewalsAsICalendarParseAndRepublishWithoutDuplicates() throws {
        let store = try Self.storePath()
        var files: [String] = []
        for _ in 0..<2 {
            let r = try report(["renewals", "--quarter", "2027-Q1", "--format", "ics"], store: store)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("BEGIN:VCALENDAR\r\n") && r.stdout.hasSuffix("END:VCALENDAR\r\n"))
            let f = CLI.tempDir() + "/renewals.ics"
            try r.stdout.write(toFile: f, atomically: true, encoding: .utf8)
            files.append(f)
        }
        // 2027-Q1: C-1 (ends 2027-01-31), five dates, one alarm (cancel-by).
        let check = try Self.python(Self.icsCheck, files)
        let out = check.out.components(separatedBy: "\n")
        #expect(check.status == 0, "\(check.out)")
        #expect(out.count >= 4 && out[0] == "5 1 5" && out[1] == "5 1 5", "\(check.out)")
        #expect(out.count >= 4 && out[2] == "stable 5", "published twice: the same 5 events, \(check.out)")
        #expect(out.count >= 4 && out[3] == "Account: Acme Corp (acme)", "\(check.out)")
        #expect(try report(["kpi", "--format", "ics"], store: store).status == 2, "ics is for renewals only")
    }
}
