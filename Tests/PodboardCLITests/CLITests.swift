import Foundation
import Testing
@testable import PodboardCore

@Suite("The podboard command line, run as a binary", .serialized)
struct CLITests {
    @Test func demoThenKPIJSONListsEveryKPIOfEveryPODAndPerson() throws {
        let store = try CLI.demoStore()
        let r = try CLI.run(["report", "kpi", "--store", store, "--today", "2026-11-22", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try JSONParser.parse(r.stdout).value
        guard case .object(let o) = root, case .array(let all)? = o["kpis"] else { Issue.record("not the KPI object"); return }
        // The 17 first, then the KPI catalog's gauges (issue 14), each with its unit and source.
        let isCatalog = { (k: JSONValue) -> Bool in if case .object(let e) = k { return e["unit"] != nil && e["source"] != nil }; return false }
        let kpis = Array(all.prefix { !isCatalog($0) })
        #expect(all.count > kpis.count && all.dropFirst(kpis.count).allSatisfy(isCatalog))
        #expect(o["today"] == .string("2026-11-22"))
        #expect(o["quarter"] == .string("2026-Q4"))
        let loaded = try StoreFile.load(store).store
        var expected = 0
        expected += loaded.pods.count * 8
        expected += loaded.people.filter { $0.has(.buyer) }.count * 4
        expected += loaded.people.filter { $0.has(.analyst) }.count * 5
        #expect(kpis.count == expected)
        var ids = Set<String>()
        for k in kpis {
            guard case .object(let e) = k, case .string(let id)? = e["id"], case .string(let scope)? = e["scope"] else {
                Issue.record("bad entry \(k)"); continue
            }
            ids.insert(id)
            #expect(e["value"] != nil && e["target"] != nil && e["status"] != nil)
            if id == "em.netSavings" || id == "buyer.quota" {
                #expect(e["amount"] != nil && e["targetAmount"] != nil)
            } else if id != "analyst.renewalCalendar" {
                #expect(e["met"] != nil && e["counted"] != nil, "\(id) \(scope)")
            } else {
                #expect(e["met"] == nil && e["counted"] == nil)
            }
        }
        #expect(ids.count == 17)
    }

    @Test func demoAndDashboardHonourToday() throws {
        // `--today` belongs to the subcommand that is given it, also when the root command has a default.
        let dir = CLI.tempDir()
        let made = try CLI.run(["demo", "--out", dir + "/d.json", "--today", "2026-06-01"])
        #expect(made.stdout.contains("demo store for 2026-06-01"), "\(made.stdout)")
        let dash = try CLI.run(["dashboard", "--store", dir + "/d.json", "--today", "2026-06-03"])
        #expect(dash.status == 0, "\(dash.stderr)")
        #expect(dash.stdout.contains("today 2026-06-03 (2026-Q2"), "\(dash.stdout)")
        // The root's default subcommand (the terminal UI) takes the same options and checks them first.
        let tui = try CLI.run(["--store", dir + "/d.json", "--today", "2026-06-31"])
        #expect(tui.status == 2 && tui.stderr.contains("--today"), "\(tui.stderr)")
    }

    @Test func theTUIRefusesWhatIsNotATerminalAndBadOptionsFirst() throws {
        let dir = CLI.tempDir()
        // Standard output is a pipe here: a one-line error that points at the reports, exit 2, no escape codes.
        let r = try CLI.run(["--today", "2026-11-23"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("podboard report"), "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}") && !r.stderr.contains("\u{1B}"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        // Bad options are reported before the terminal is looked at.
        let theme = dir + "/broken.theme"
        try "normal = default\nbreach = crimson\n".write(toFile: theme, atomically: true, encoding: .utf8)
        let t = try CLI.run(["--today", "2026-11-23", "--theme", theme], cwd: dir)
        #expect(t.status == 2)
        #expect(t.stderr.contains("broken.theme:2:") && t.stderr.contains("crimson"), "\(t.stderr)")
        let unknown = try CLI.run(["--theme", "solarized"], cwd: dir)
        #expect(unknown.status == 2 && unknown.stderr.contains("no built-in theme"), "\(unknown.stderr)")
        let pod = try CLI.run(["open", "--pod", "east"], cwd: dir)
        #expect(pod.status == 2 && pod.stderr.contains("no POD with id 'east'"), "\(pod.stderr)")
    }

    @Test func validateNamesSixMistakesWithLineAndColumn() throws {
        let dir = CLI.tempDir()
        let path = dir + "/bad.json"
        var text = try String(contentsOfFile: try CLI.demoStore(), encoding: .utf8)
        func replaceFirst(_ a: String, _ b: String) {
            if let r = text.range(of: a) { text.replaceSubrange(r, with: b) } else { Issue.record("demo has no \(a)") }
        }
        replaceFirst("\"status\": \"negotiating\"", "\"status\": \"haggling\"")
        replaceFirst("\"billing\": \"monthly\"", "\"billing\": \"weekly\"")
        replaceFirst("\"autoRenew\": true", "\"autoRenew\": \"yes\"")
        replaceFirst("\"termMonths\": 12", "\"termMonths\": -12")
        replaceFirst("\"startsOn\": \"", "\"startsOn\": \"20xx")
        replaceFirst("\"health\": \"favorable\"", "\"health\": \"great\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", path])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").filter { $0.contains(path + ":") && $0.contains(": expected") }
        #expect(lines.count == 6, "\(r.stderr)")
        for needle in ["haggling", "weekly", "\"yes\"", "-12", "20xx", "great"] {
            #expect(lines.contains { $0.contains(needle) }, "no line names \(needle)")
        }
        // Each line: FILE:LINE:COLUMN PATH: message
        let pattern = try Regex(#"bad\.json:\d+:\d+ [a-zA-Z]+\[\d+\]\.[a-zA-Z]+: "#)
        #expect(lines.allSatisfy { $0.contains(pattern) })
    }

    @Test func validateExitCodes() throws {
        let good = try CLI.run(["validate", try CLI.demoStore()])
        #expect(good.status == 0)
        #expect(good.stdout.contains("valid store"))
        let missing = try CLI.run(["validate", "/nonexistent/store.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("No such file"))
        let dir = CLI.tempDir()
        try "{\"format\": 1,".write(toFile: dir + "/broken.json", atomically: true, encoding: .utf8)
        let broken = try CLI.run(["validate", dir + "/broken.json"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("broken.json:1:14"))
    }

    @Test func badInputExitsTwoWithAClearMessage() throws {
        let store = try CLI.demoStore()
        let cases: [([String], String)] = [
            (["report", "kpi", "--store", store, "--pod", "nowhere"], "no POD with id 'nowhere'"),
            (["report", "aging", "--store", store, "--person", "nobody"], "no person with id 'nobody'"),
            (["report", "kpi", "--store", store, "--role", "boss"], "unknown role 'boss'"),
            (["report", "kpi", "--store", store, "--today", "2026-02-30"], "expected a date written YYYY-MM-DD"),
            (["report", "kpi", "--store", store, "--format", "xml"], "xml"),
            (["report", "renewals", "--store", store, "--quarter", "Q1"], "YYYY-Qn"),
            (["report", "nonsense"], "nonsense"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func invalidStoreFailsEveryCommandWithTheSameMessages() throws {
        let dir = CLI.tempDir()
        try StoreFixturesCLI.invalid.write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        let v = try CLI.run(["validate", dir + "/s.json"])
        let r = try CLI.run(["report", "aging", "--store", dir + "/s.json"])
        #expect(r.status == 1)
        let problemLines = { (s: String) in s.split(separator: "\n").filter { $0.contains("s.json:") && $0.contains("expected") } }
        #expect(!problemLines(v.stderr).isEmpty)
        #expect(problemLines(r.stderr) == problemLines(v.stderr))
    }

    @Test func storeSelectionOrder() throws {
        let dir = CLI.tempDir()
        // Nothing there: the built-in demo, labelled, written nowhere.
        let demo = try CLI.run(["dashboard", "--today", "2026-11-22"], cwd: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("DEMO"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        // ./podboard.json is picked up.
        _ = try CLI.run(["demo", "--out", dir + "/podboard.json", "--today", "2026-11-22", "--seed", "7"])
        let local = try CLI.run(["dashboard", "--today", "2026-11-22"], cwd: dir)
        #expect(local.stdout.contains("podboard.json"))
        #expect(!local.stdout.contains("DEMO"))
        // $PODBOARD_STORE wins over ./podboard.json, and a missing one is an error, not the demo.
        let env = try CLI.run(["--today", "2026-11-22"], env: ["PODBOARD_STORE": dir + "/missing.json"], cwd: dir)
        #expect(env.status == 2)
        #expect(env.stderr.contains("missing.json"))
        let explicit = try CLI.run(["report", "aging", "--store", dir + "/nope.json"], cwd: dir)
        #expect(explicit.status == 2)
    }

    @Test func reportFormats() throws {
        let store = try CLI.demoStore()
        for format in ["table", "csv", "json", "md"] {
            for report in ["kpi", "aging", "renewals", "savings"] {
                let r = try CLI.run(["report", report, "--store", store, "--today", "2026-11-22", "--format", format])
                #expect(r.status == 0, "\(report) \(format): \(r.stderr)")
                #expect(!r.stdout.isEmpty)
                #expect(!r.stdout.contains("\u{1B}"), "no colour when not a terminal")
                if format == "json" { #expect(throws: Never.self) { _ = try JSONParser.parse(r.stdout) } }
                if format == "md" { #expect(r.stdout.contains("| ---")) }
            }
        }
        let csv = try CLI.run(["report", "aging", "--store", store, "--today", "2026-11-22", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,account,tool,status,ageDays,daysInStatus,nextDeadline,nextDeadlineOn,analyst,buyer,severity,flags\r\n"))
    }

    @Test func tablesAlignInDisplayCells() throws {
        let store = try CLI.demoStore()
        let r = try CLI.run(["report", "renewals", "--store", store, "--today", "2026-11-22", "--quarter", "2027-Q1"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // The "Ends" column starts at the same display column on every row, CJK or emoji or not.
        let header = try #require(lines.first { $0.contains("Ends") && $0.contains("Cancel by") })
        let col = DisplayWidth.of(header[..<header.range(of: "Ends")!.lowerBound])
        let dataRows = lines.filter { $0.contains(try! Regex(#"\d{4}-\d{2}-\d{2}"#)) && !$0.contains("Calendar due") }
        #expect(dataRows.count >= 2)
        for row in dataRows {
            let first = row.firstRange(of: try! Regex(#"\d{4}-\d{2}-\d{2}"#))!
            #expect(DisplayWidth.of(row[..<first.lowerBound]) == col, "\(row)")
        }
    }

    @Test func filtersNarrowReports() throws {
        let store = try CLI.demoStore()
        let all = try CLI.run(["report", "kpi", "--store", store, "--today", "2026-11-22", "--format", "json"])
        let loaded = try StoreFile.load(store).store
        let pod = try #require(loaded.pods.first).id
        let podOnly = try CLI.run(["report", "kpi", "--store", store, "--today", "2026-11-22", "--format", "json", "--pod", pod])
        let buyers = try CLI.run(["report", "kpi", "--store", store, "--today", "2026-11-22", "--format", "json", "--role", "buyer"])
        #expect(podOnly.stdout.count < all.stdout.count)
        #expect(!buyers.stdout.contains("\"em.") && !buyers.stdout.contains("\"analyst."))
        #expect(buyers.stdout.contains("\"buyer.quota\""))
        let analyst = try #require(loaded.people.first { $0.has(.analyst) })
        let mine = try CLI.run(["report", "aging", "--store", store, "--today", "2026-11-22", "--format", "json", "--person", analyst.id, "--role", "analyst"])
        #expect(mine.status == 0)
        guard case .object(let o) = try JSONParser.parse(mine.stdout).value, case .array(let rows)? = o["rows"] else { Issue.record("no rows"); return }
        for row in rows {
            guard case .object(let r) = row else { continue }
            #expect(r["analyst"] == .string(analyst.id))
        }
    }
}

enum StoreFixturesCLI {
    static let invalid = """
    {"format": 1, "people": [{"id": "a", "name": "A", "roles": ["chief"], "pods": ["p"]}],
     "pods": [{"id": "p", "name": "P"}], "accounts": [], "contracts": [], "requests": [{"id": 5}]}
    """
}

/// `scripts/podboard-at` (what CI uses to run the suite at 23:30 and 00:30) really moves podboard's clock, and
/// podboard under libfaketime still reads its arguments (the Swift runtime sees none there; main reads
/// /proc/self/cmdline).
@Suite("podboard under libfaketime")
struct FaketimeTests {
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/podboard-at").path
    }

    @Test(arguments: [("2026-11-29 18:00:00", "2026-11-29"), ("2026-11-29 19:00:00", "2026-11-30")])
    func theDayFollowsTheFakedClockInTheStoresZone(_ at: String, _ day: String) throws {
        #expect(FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
                || FileManager.default.fileExists(atPath: "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
                "libfaketime is missing: apt-get install faketime (.ci/run does)")
        let r = try CLI.run(["report", "kpi", "--format", "json"],
                            env: ["PODBOARD_FAKE_AT": at, "PODBOARD_REAL_BIN": CLI.realBinary], executable: Self.script)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"today\": \"\(day)\""), "23:30 UTC+5:30 is still the 29th, 00:30 the 30th: \(r.stdout.prefix(80))")
    }
}
