import Foundation
import Testing
import PodboardCore

/// `podboard import`: the ClickUp export of 500 tasks into a new store, whose aging and KPIs are what the
/// spreadsheet says (figures computed here from the CSV by hand rules, not by podboard's code); bad rows, --dry-run,
/// --skip-bad, undo and re-import.
@Suite struct ImportCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let mappings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("mappings").path
    static let clickup = fixtures + "/clickup-500.csv"
    static let at = "2026-11-23T10:00:00+05:30"

    /// The demo store's people, PODs, accounts and contracts, without its requests and activity: a new store.
    static func emptyStore() throws -> String {
        let path = try CLI.demoStore(today: "2026-11-23")
        var store = try StoreFile.load(path).store
        store.requests = []
        store.activity = []
        let fresh = CLI.tempDir() + "/new.json"
        #expect(FileManager.default.createFile(atPath: fresh, contents: Data(StoreFile.encode(store))))
        return fresh
    }

    static func importArgs(_ kind: String, _ file: String, map: String, store: String, as who: String = "ingrid", _ extra: [String] = []) -> [String] {
        ["import", kind, file, "--map", map, "--store", store, "--as", who, "--today", "2026-11-23", "--at", at] + extra
    }

    /// RFC 4180 by hand (the test's own reading of the file): quoted cells with commas, quotes and line breaks.
    static func csv(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" { if let n = it.next() { if n == "\"" { cell.append("\"") } else { quoted = false; pending = n } } else { quoted = false } } else { cell.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(cell); cell = "" } else if c == "\n" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else { cell.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    static func dollars(_ s: String) -> Decimal {
        Decimal(string: s.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: ""), locale: Locale(identifier: "en_US_POSIX"))!
    }

    /// The day of epoch milliseconds in India (UTC+05:30, no daylight saving).
    static func istDay(_ ms: String) -> LocalDate {
        LocalDate(dayNumber: Int((Int64(ms)! / 1000 + 19800) / 86400))
    }

    @Test func clickUpExportOf500TasksImportsIntoANewStoreWhoseAgingAndKPIsAreTheSpreadsheets() throws {
        let store = try Self.emptyStore()
        let r = try CLI.run(Self.importArgs("requests", Self.clickup, map: Self.mappings + "/clickup-tasks.json", store: store))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported 500 requests from clickup-500.csv"))

        let table = Self.csv(try String(contentsOfFile: Self.clickup, encoding: .utf8))
        let header = table[0]
        let rows = table.dropFirst().map { cells in Dictionary(uniqueKeysWithValues: zip(header, cells)) }
        #expect(rows.count == 500)
        let statusOf = ["intake": "new", "pre-approval sent": "qualifying", "qualified": "qualified", "in negotiation": "negotiating",
                        "on hold": "on-hold", "savings submitted": "pending-approval", "approved": "approved", "closed": "closed",
                        "disqualified": "disqualified", "cancelled": "cancelled", "lost": "lost"]

        // 1. Requests per status: as many as the spreadsheet has tasks in each.
        let loaded = try StoreSession.open(store, writing: false).session.store
        var expected: [String: Int] = [:]
        for row in rows { expected[statusOf[row["Status"]!]!, default: 0] += 1 }
        var got: [String: Int] = [:]
        for q in loaded.requests { got[q.status.rawValue, default: 0] += 1 }
        #expect(got == expected)
        #expect(loaded.activity.count == 1)

        // 2. Aging: every open task is a row; negotiations handed over more than 15 days ago are breached.
        let aging = try CLI.run(["report", "aging", "--store", store, "--today", "2026-11-23", "--format", "json"])
        #expect(aging.status == 0, "\(aging.stderr)")
        guard case .object(let rep) = try JSONParser.parse(aging.stdout).value, case .array(let agingRows)? = rep["rows"] else {
            Issue.record("aging json"); return
        }
        let open: Set = ["new", "qualifying", "qualified", "negotiating", "on-hold", "pending-approval", "approved"]
        #expect(agingRows.count == rows.filter { open.contains(statusOf[$0["Status"]!]!) }.count)
        let today = LocalDate("2026-11-23")!
        let breachedByHand = Set(rows.filter { $0["Status"] == "in negotiation" && Self.istDay($0["Handed Over (date)"]!).adding(days: 15) < today }
            .map { $0["Task ID"]! })
        var breachedByReport = Set<String>()
        for case .object(let o) in agingRows {
            guard case .string("negotiating")? = o["status"], case .string(let id)? = o["id"], case .array(let flags)? = o["flags"] else { continue }
            if flags.contains(.string("breached")) { breachedByReport.insert(id) }
        }
        #expect(!breachedByHand.isEmpty)
        #expect(breachedByReport == breachedByHand)

        // 3. Net savings of each POD this quarter (em.netSavings): baseline − final of the tasks approved since
        //    2026-10-01 (approved or closed since), by the account's POD.
        let podOf = Dictionary(uniqueKeysWithValues: loaded.accounts.map { ($0.name, $0.pod) })
        var savings: [String: Decimal] = [:]
        for row in rows where ["approved", "closed"].contains(row["Status"]!) {
            let day = Self.istDay(row["Approved On (date)"]!)
            guard day >= LocalDate("2026-10-01")!, day <= today else { continue }
            savings[podOf[row["List Name"]!]!, default: 0] += Self.dollars(row["Baseline (currency)"]!) - Self.dollars(row["Final Price (currency)"]!)
        }
        let kpi = try CLI.run(["report", "kpi", "--store", store, "--today", "2026-11-23", "--format", "json"])
        guard case .object(let k) = try JSONParser.parse(kpi.stdout).value, case .array(let list)? = k["kpis"] else { Issue.record("kpi json"); return }
        var checked = 0
        for case .object(let o) in list {
            guard case .string("em.netSavings")? = o["id"], case .string(let pod)? = o["scope"], case .number(let amount)? = o["amount"] else { continue }
            #expect(Decimal(string: amount) == savings[pod, default: 0], "\(pod)")
            checked += 1
        }
        #expect(checked == 3)
        #expect(savings.values.reduce(0, +) > 0)
    }

    static let badCSV = """
        Request ID,Account,Type,Renews Contract,Tool,Vendor,Stage,Intake Date,Analyst,Assigned On,Buyer,Term (months),Baseline,Baseline Basis,Final Price,Cost Avoidance,Pre-approval Sent,Qualified On,Handed Over On,Submitted On,Approved On,Closed On,Exit Date,Exit Reason,Notes
        R-1,globex,New purchase,,Figma,Figma,Intake,11/02/2026,sven,,,12,,,,,,,,,,,,,"two
        lines"
        R-2,nowhere,New purchase,,Miro,Miro,Shipping,13/01/2026,sven,,ana,12,"$24,0x0",,,,,,,,,,,,
        R-3,globex,New purchase,,Zoom,Zoom Video,Approved,09/01/2026,sven,,ana,24,"52,000",First quote,"44,000",,,09/02/2026,09/03/2026,09/15/2026,09/18/2026,,,,

        """

    func badFile() -> String {
        let path = CLI.tempDir() + "/bad.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(Self.badCSV.utf8))
        return path
    }

    @Test func badRowsAreListedWithLineAndColumnAndNothingIsWritten() throws {
        let store = try CLI.demoStore(today: "2026-11-23")
        let before = FileManager.default.contents(atPath: store)
        let bad = badFile()
        let r = try CLI.run(Self.importArgs("requests", bad, map: Self.mappings + "/spreadsheet-template.json", store: store, as: "sven"))
        #expect(r.status == 2)
        // Row R-2 starts on line 4 (R-1's quoted cell takes lines 2 and 3).
        #expect(r.stderr.contains("bad.csv:4:2 (Account): no account \"nowhere\""))
        #expect(r.stderr.contains("bad.csv:4:7 (Stage): no status \"Shipping\""))
        #expect(r.stderr.contains("bad.csv:4:8 (Intake Date): expected a date as MM/dd/yyyy"))
        #expect(r.stderr.contains("bad.csv:4:13 (Baseline): expected an amount"))
        #expect(r.stderr.contains("1 bad row of 3"))
        #expect(FileManager.default.contents(atPath: store) == before)
        #expect(!FileManager.default.fileExists(atPath: store + ".journal"))
    }

    @Test func dryRunWritesNothingAndSkipBadImportsTheGoodRows() throws {
        let store = try CLI.demoStore(today: "2026-11-23")
        let before = FileManager.default.contents(atPath: store)
        let map = Self.mappings + "/spreadsheet-template.json"
        let dry = try CLI.run(Self.importArgs("requests", badFile(), map: map, store: store, as: "sven", ["--dry-run", "--skip-bad"]))
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("dry run, nothing written: would have imported 2 requests"))
        #expect(FileManager.default.contents(atPath: store) == before)
        #expect(!FileManager.default.fileExists(atPath: store + ".journal"))

        let count = try StoreFile.load(store).store.requests.count
        let r = try CLI.run(Self.importArgs("requests", badFile(), map: map, store: store, as: "sven", ["--skip-bad"]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 bad row skipped"))
        let s = try StoreSession.open(store, writing: false).session.store
        #expect(s.requests.count == count + 2)
        let zoom = try #require(s.request("R-3"))
        #expect(zoom.status == .approved && zoom.history.count == 4 && zoom.final == Decimal(44000))
        let log = try #require(s.activity.last)
        #expect(log.action == "import" && log.by == "sven" && log.target == "bad.csv")

        // Re-import of the same file: the ids are kept, so its rows are duplicates: listed, refused as bad rows…
        let again = try CLI.run(Self.importArgs("requests", badFile(), map: map, store: store, as: "sven"))
        #expect(again.status == 2)
        #expect(again.stderr.contains("request R-3 is already in the store"))
        // …and with --skip-bad nothing is left to import.
        let skipped = try CLI.run(Self.importArgs("requests", badFile(), map: map, store: store, as: "sven", ["--skip-bad"]))
        #expect(skipped.status == 1)
        #expect(try StoreSession.open(store, writing: false).session.store.requests.count == count + 2)
    }

    @Test func undoTakesTheImportBackWholeAndOnlyAnalystsEMsAndAdminsImport() throws {
        let store = try Self.emptyStore()
        let map = Self.mappings + "/clickup-tasks.json"
        let buyer = try CLI.run(Self.importArgs("requests", Self.clickup, map: map, store: store, as: "ben"))
        #expect(buyer.status == 1)
        #expect(buyer.stderr.contains("may not import"))
        let r = try CLI.run(Self.importArgs("requests", Self.clickup, map: map, store: store))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try StoreSession.open(store, writing: false).session.store.requests.count == 500)
        let u = try CLI.run(["act", "undo", "0", "--store", store, "--as", "ingrid", "--today", "2026-11-23", "--at", "2026-11-23T10:05:00+05:30"])
        #expect(u.status == 0, "\(u.stderr)")
        #expect(u.stdout.contains("500 requests removed"))
        let s = try StoreSession.open(store, writing: false).session.store
        #expect(s.requests.isEmpty)
        #expect(s.activity.map(\.action) == ["import", "undo"])
    }

    @Test func contractsAndAccountsImportToo() throws {
        let store = try CLI.demoStore(today: "2026-11-23")
        let dir = CLI.tempDir()
        let accounts = dir + "/accounts.csv", accMap = dir + "/accounts.json"
        _ = FileManager.default.createFile(atPath: accounts, contents: Data("""
            Name,POD,CSM,Signed,Handover,Term ends,MSG,PSE,Declared ATS
            Initech Ltd,north,Olu Adeyemi,2026-01-05,2026-02-01,2027-01-04,"$100,000","400,000",2000000

            """.utf8))
        _ = FileManager.default.createFile(atPath: accMap, contents: Data("""
            {"for": "accounts", "columns": {"Name": "name", "POD": "pod", "CSM": "csm", "Signed": "contractSignedOn",
             "Handover": "podHandoverOn", "Term ends": "termEndsOn", "MSG": "msg", "PSE": "pse", "Declared ATS": "declaredATS"}}
            """.utf8))
        let a = try CLI.run(Self.importArgs("accounts", accounts, map: accMap, store: store, as: "fatima"))
        #expect(a.status == 0, "\(a.stderr)")
        let contracts = dir + "/contracts.csv", conMap = dir + "/contracts.json"
        _ = FileManager.default.createFile(atPath: contracts, contents: Data("""
            Account,Tool,Vendor,Billing,Value,Start,End,Auto renew
            Initech Ltd,Slack,Salesforce,monthly,"12,000.50",2026-01-01,2026-12-31,yes

            """.utf8))
        _ = FileManager.default.createFile(atPath: conMap, contents: Data("""
            {"for": "contracts", "columns": {"Account": "account", "Tool": "tool", "Vendor": "vendor", "Billing": "billing",
             "Value": "annualValue", "Start": "startsOn", "End": "endsOn", "Auto renew": "autoRenew"}}
            """.utf8))
        let c = try CLI.run(Self.importArgs("contracts", contracts, map: conMap, store: store, as: "sven"))
        #expect(c.status == 0, "\(c.stderr)")
        let s = try StoreSession.open(store, writing: false).session.store
        let acc = try #require(s.account("initech-ltd"))
        #expect(acc.msg == Decimal(100000) && acc.csm == "olu" && acc.pod == "north")
        let con = try #require(s.contracts.last)
        #expect(con.account == "initech-ltd" && con.annualValue == Decimal(string: "12000.50")! && con.autoRenew && con.billing == .monthly)
        #expect(con.addedOn == LocalDate("2026-11-23")!)
        // Undo of the accounts import is refused while a contract of it exists.
        let u = try CLI.run(["act", "undo", String(s.activity.count - 2), "--store", store, "--as", "fatima", "--today", "2026-11-23", "--at", "2026-11-23T10:05:00+05:30"])
        #expect(u.status == 1)
        #expect(u.stderr.contains("contract"))
    }
}
