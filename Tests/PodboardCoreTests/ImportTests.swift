import Foundation
import Testing
@testable import PodboardCore

/// `import` (Workflow+Import.swift) and its parts: CSV lines, mappings, amounts and dates, the generated history,
/// the store's rules on the records, one audited action, undo whole.
@Suite struct ImportTests {
    // MARK: - Fixtures

    static func record(_ members: [(String, JSONValue)]) -> JSONValue {
        var o = JSONObject([("account", .string("acme")), ("kind", .string("new")), ("tool", .string("Figma")), ("vendor", .string("Figma")),
                            ("status", .string("new")), ("createdAt", .string("2026-11-20T10:00:00+05:30")), ("termMonths", .number("12")),
                            ("quotes", .array([])), ("updates", .array([])), ("escalations", .array([])), ("history", .array([]))])
        for (k, v) in members { o[k] = v }
        return .object(o)
    }

    static func action(_ records: [JSONValue], file: String = "requests.csv", kind: String = "requests") -> ActionRequest {
        var a = ActionRequest(.importRecords, target: file)
        a.params.records = .object(JSONObject([("kind", .string(kind)), ("file", .string(file)), ("rows", .number(String(records.count))),
                                               ("records", .array(records)),
                                               ("lines", .array(records.indices.map { .number(String($0 + 2)) }))]))
        return a
    }

    static func sampleAction() -> ActionRequest { action([record([])]) }

    static let refusals: [WorkflowTests.Refusal] = [
        WorkflowTests.no(.importRecords, "requests.csv", "buyer", WorkflowTests.p1(sample: true), "may not import", "SaaS Analyst"),
        WorkflowTests.no(.importRecords, "requests.csv", "analystSouth", WorkflowTests.p1(sample: true), "may not import into POD north"),
        WorkflowTests.bad(.importRecords, "requests.csv", "analyst", ActionParams(), "needs its records"),
    ]

    // MARK: - CSV

    @Test func csvRowsKnowTheirLineAcrossQuotedLineBreaks() throws {
        let t = try CSVTable.parse("\u{FEFF}a,b\r\n1,\"two\r\nlines, and \"\"quotes\"\"\"\r\n\r\n3,x\n4,\"y\nz\nw\"\n5,v")
        #expect(t.header == ["a", "b"])
        #expect(t.rows.map(\.line) == [2, 5, 6, 9])
        #expect(t.rows[0].cells == ["1", "two\r\nlines, and \"quotes\""])
        #expect(t.rows[2].cells == ["4", "y\nz\nw"])
    }

    // MARK: - Values

    static func rows(_ csv: String, _ mapping: String, store: Store = WF.store()) throws -> [ImportRow] {
        try ImportRows(kind: .requests, table: CSVTable.parse(csv), mapping: ImportMapping.parse(mapping), store: store, at: WF.now,
                       file: "t.csv", by: "analyst").rows()
    }

    static let map = """
        {"columns": {"Id": "id", "Acct": "account", "Tool": "tool", "Vendor": "vendor", "Stage": "status", "Created": "createdAt",
                     "Who": "assignees", "Base": "baseline", "Final": "final", "Handed": "handedOverAt", "Sub": "submittedAt",
                     "Appr": "approvedAt", "Ended": "endedAt"},
         "values": {"status": {"Won": "approved", "Talking": "negotiating", "Dropped": "lost"}, "people": {"ana@x.test": "analyst"}},
         "dates": {"format": "MM/dd/yyyy", "time": "09:30", "columns": {"Created": "epoch-ms"}}}
        """

    @Test func amountsAreExactDecimalsWithoutSymbolsOrSeparators() throws {
        let csv = "Id,Acct,Tool,Vendor,Stage,Created,Who,Base,Final,Handed,Sub,Appr,Ended\n"
            + "R1,acme,Zoom,Zoom,Won,1794891600000,\"[ana@x.test, Ben North]\",\"$52,000.10\",USD 44000.07,11/18/2026,11/19/2026,11/20/2026,\n"
        let r = try #require(try Self.rows(csv, Self.map).first)
        #expect(r.problems == [])
        guard case .object(let o) = r.record, case .object(let b)? = o["baseline"] else { Issue.record("no baseline"); return }
        #expect(b["amount"] == .number("52000.10"))
        #expect(b["basis"] == .string("first-quote"))
        #expect(o["final"] == .number("44000.07"))
        #expect(o["analyst"] == .string("analyst"))
        #expect(o["buyer"] == .string("buyer"))
        // Epoch milliseconds: 2026-11-17T05:00:00Z, written in the store's zone.
        #expect(o["createdAt"] == .string("2026-11-17T10:30:00+05:30"))
        for bad in ["52,0x0", "12.5.1", "$", "1 2a"] {
            let p = try Self.rows(csv.replacingOccurrences(of: "\"$52,000.10\"", with: "\"\(bad)\""), Self.map).first?.problems ?? []
            #expect(p.contains { $0.column == 8 && $0.message.contains("expected an amount") }, "\(bad)")
        }
    }

    @Test func historyIsGeneratedFromTheDatesSoSavingsAndClocksCount() throws {
        let csv = "Id,Acct,Tool,Vendor,Stage,Created,Who,Base,Final,Handed,Sub,Appr,Ended\n"
            + "R1,acme,Zoom,Zoom,Won,1794891600000,\"[Ana North, buyer]\",52000,44000,11/18/2026,11/19/2026,11/20/2026,\n"
        let r = try #require(try Self.rows(csv, Self.map).first)
        #expect(r.problems == [])
        let s = WF.store()
        var records = [r.record]
        _ = ImportCheck.assignIds(.requests, &records, store: s)
        #expect(ImportCheck.problems(.requests, records, store: s, at: WF.now).isEmpty)
        let o = try Workflow.perform(Self.action(records), by: "analyst", at: WF.now, in: s)
        let req = try #require(o.store.request("R1"))
        #expect(req.history.map(\.to) == [.qualified, .negotiating, .pendingApproval, .approved])
        #expect(req.history.map(\.from) == [.new, .qualified, .negotiating, .pendingApproval])
        // The qualification date falls back to the hand-over's; a date without a clock time gets dates.time.
        #expect(req.history[0].at == wfTS("2026-11-18 09:30"))
        #expect(req.history[3].at == wfTS("2026-11-20 09:30"))
        #expect(req.history[2].by == "buyer")
        #expect(req.history[3].by == "em")
        let t = RequestTimeline(req, clock: Clock(today: WF.today, settings: s.settings))
        #expect(t.approval == wfTS("2026-11-20 09:30"))
        #expect(t.handOver == wfTS("2026-11-18 09:30"))
    }

    @Test func rowsThatBreakTheLifecycleAreBad() throws {
        let head = "Id,Acct,Tool,Vendor,Stage,Created,Who,Base,Final,Handed,Sub,Appr,Ended\n"
        // Approved without its approval date; lost without its end; a date before the hand-over; the future.
        let csv = head
            + "R1,acme,Zoom,Zoom,Won,1794891600000,buyer,52000,44000,11/18/2026,11/19/2026,,\n"
            + "R2,acme,Zoom,Zoom,Dropped,1794891600000,buyer,,,11/18/2026,,,\n"
            + "R3,acme,Zoom,Zoom,Talking,1794891600000,buyer,,,11/01/2026,,,\n"
            + "R4,acme,Zoom,Zoom,Talking,1794891600000,buyer,,,12/01/2026,,,\n"
        let rows = try Self.rows(csv, Self.map)
        #expect(rows[0].problems.first?.column == 12 && rows[0].problems.first?.message.contains("approvedAt is required") == true)
        #expect(rows[1].problems.first?.column == 13 && rows[1].problems.first?.message.contains("endedAt") == true)
        #expect(rows[2].problems.first?.column == 10 && rows[2].problems.first?.message.contains("before createdAt") == true)
        #expect(rows[3].problems.first?.message.contains("after the import") == true)
        #expect(rows.map(\.line) == [2, 3, 4, 5])
    }

    // MARK: - The action

    @Test func anImportIsOneAuditedActionAndUndoTakesItBackWhole() throws {
        let s = WF.store()
        let records = [Self.record([("id", .string("X-1"))]), Self.record([]), Self.record([("tool", .string("Miro"))])]
        let o = try Workflow.perform(Self.action(records), by: "analyst", at: WF.now, in: s)
        #expect(o.store.requests.count == s.requests.count + 3)
        #expect(o.store.activity.count == s.activity.count + 1)
        let a = try #require(o.store.activity.last)
        #expect(a.action == "import" && a.target == "requests.csv" && a.by == "analyst")
        guard case .object(let after) = a.after else { Issue.record("no after"); return }
        // Ids kept when given, the next free REQ-n when not.
        #expect(after["ids"] == .array([.string("X-1"), .string("REQ-18"), .string("REQ-19")]))
        #expect(after["imported"] == .number("3"))
        #expect(o.summary.contains("3 requests"))
        // Undo: all three go, and the undo is logged.
        let u = try Workflow.perform(ActionRequest(.undo, target: String(o.store.activity.count - 1)), by: "analyst", at: WF.later, in: o.store)
        #expect(u.store.requests == s.requests)
        #expect(u.store.activity.count == o.store.activity.count + 1)
        // A later change to an imported request stands in the way.
        let q = try Workflow.perform(ActionRequest(.take, target: "REQ-18"), by: "analyst", at: WF.later, in: o.store)
        let refused = WF.refusal(.undo, String(o.store.activity.count - 1), by: "analyst", ActionParams(), in: q.store)
        expectRefusal(refused, "REQ-18 changed since")
    }

    @Test func reimportingTheSameIdsIsRefusedAsDuplicates() throws {
        let s = WF.store()
        let one = Self.action([Self.record([("id", .string("X-1"))])])
        let o = try Workflow.perform(one, by: "analyst", at: WF.now, in: s)
        expectRefusal(WF.refusal(.importRecords, "requests.csv", by: "analyst", one.params, in: o.store), badInput: true, "X-1 is already in the store")
        // An id of the store itself, too.
        let clash = Self.action([Self.record([("id", .string(WF.fresh))])])
        expectRefusal(WF.refusal(.importRecords, "requests.csv", by: "analyst", clash.params, in: s), badInput: true, "already in the store")
    }

    @Test func theStoreRulesApply() {
        let s = WF.store()
        let cases: [(JSONValue, String)] = [
            (Self.record([("account", .string("nowhere"))]), "refers to account \"nowhere\""),
            (Self.record([("status", .string("approved"))]), "empty history counts nowhere"),
            (Self.record([("final", .number("1.234"))]), "cent"),
            (Self.record([("analyst", .string("buyer"))]), "is not a SaaS Analyst of POD north"),
            (Self.record([("kind", .string("renewal"))]), "names the contract"),
        ]
        for (r, says) in cases {
            let p = ImportCheck.problems(.requests, [r], store: s, at: WF.now)
            #expect(p.contains { $0.message.contains(says) }, "\(says): \(p)")
        }
    }

    @Test func whyNotChecksWhoMayImport() {
        let s = WF.store()
        #expect(Workflow.whyNot(.importRecords, target: "x.csv", by: "analyst", at: WF.now, in: s) == nil)
        #expect(Workflow.whyNot(.importRecords, target: "x.csv", by: "em", at: WF.now, in: s) == nil)
        #expect(Workflow.whyNot(.importRecords, target: "x.csv", by: "admin", at: WF.now, in: s) == nil)
        #expect(Workflow.whyNot(.importRecords, target: "x.csv", by: "csm", at: WF.now, in: s)?.contains("may not import") == true)
    }

    @Test func theJournalCarriesTheRecords() {
        let a = Self.sampleAction()
        guard case .success(let back) = ActionCoding.decode(ActionCoding.encode(a)) else { Issue.record("not decoded"); return }
        #expect(back == a)
    }
}

extension WorkflowTests {
    /// The sample import's values (for the refusal table).
    static func p1(sample: Bool) -> ActionParams { ImportTests.sampleAction().params }
}
