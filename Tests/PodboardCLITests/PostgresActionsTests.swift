import Foundation
import Testing
@testable import PodboardCore
import PodboardPostgres

/// Issue 12, the second half: every action kind and its refusals go through PostgreSQL (table-driven over
/// `ActionKind.allCases`, so a new action is covered as soon as it is declared), a commit writes only what the
/// action touched (the tables read back equal the store in memory), and two different people racing on one
/// request: the loser is told who changed it, as on a file.
extension PostgresCLITests {
    /// The first line where two encoded stores differ (empty when equal), for a readable failure.
    static func difference(_ a: Store, _ b: Store) -> String {
        let x = String(decoding: StoreFile.encode(a), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let y = String(decoding: StoreFile.encode(b), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) where i >= x.count || i >= y.count || x[i] != y[i] {
            let ctx = max(0, i - 8)
            return "line \(i + 1):\n" + x[ctx..<min(x.count, i + 3)].joined(separator: "\n") + "\n≠\n" + y[ctx..<min(y.count, i + 3)].joined(separator: "\n")
        }
        return ""
    }

    /// The values an action takes, for a sample on the demo store (the workflow's placeholders, made plausible).
    static func sampleParams(_ kind: ActionKind, _ store: Store, _ target: String, _ who: String) -> ActionParams {
        var p = Workflow.placeholderParams(kind, store: store, target: target, person: who)
        switch kind {
        case .addItem: p.item = "Call the CFO ✎"
        case .addContract:
            p.tool = "Figma"; p.vendor = "Figma"; p.amount = Decimal(string: "24000.50"); p.contract = "C-PG-1"
            p.startsOn = LocalDate("2026-12-01"); p.endsOn = LocalDate("2027-11-30")
        case .sunset: p.on = LocalDate("2027-03-31")
        case .addQuote, .setBaseline, .setFinal, .setCostAvoidance: p.amount = Decimal(string: "12345.67")
        case .raise: p.tool = "Notion ✎"; p.vendor = "Notion Labs"
        case .recordMeasurement: p.scope = "person:\(who)"; p.period = "2026-Q4"; p.value = Decimal(string: "41.5")
        default: break
        }
        return p
    }

    /// The targets an action kind can name in `store`.
    static func targets(_ kind: ActionKind, _ store: Store) -> [String] {
        switch kind.target {
        case .request: return store.requests.map(\.id)
        case .account: return store.accounts.map(\.id)
        case .contract: return store.contracts.map(\.id)
        case .day: return [today]
        case .quarter: return ["next"]
        case .activity: return store.activity.indices.reversed().prefix(40).map(String.init)
        case .file: return []
        case .measurement: return ["csm.nps"]
        }
    }

    /// The first (target, person) the workflow allows (`allowed`) or refuses (`!allowed`) for `kind`, checked in
    /// memory on a copy.
    static func sample(_ kind: ActionKind, in store: Store, at: Timestamp, allowed: Bool) -> (ActionRequest, String, String)? {
        for target in targets(kind, store) {
            for who in store.people.map(\.id) {
                let action = ActionRequest(kind, target: target, params: sampleParams(kind, store, target, who))
                do {
                    _ = try Workflow.perform(action, by: who, at: at, in: store)
                    if allowed { return (action, who, "") }
                } catch {
                    if case .refused(let why) = error, !allowed { return (action, who, why) }
                }
            }
        }
        return nil
    }

    @Test("Every action kind and a refusal of each through the database: the tables equal the store in memory")
    func everyActionThroughTheDatabase() throws {
        let db = try PGTestServer.imported(try demo())
        let env = try PGTestServer.env().compactMapValues { $0 }
        let a = try PostgresSession.open(db.url, environment: env)
        let replayer = try PostgresSession.open(db.url, environment: env)
        defer { try? a.finish(); try? replayer.finish() }
        var minute = 0
        func at() -> Timestamp { minute += 1; return Timestamp("2026-11-23T10:\(String(format: "%02d", minute % 60)):00+05:30")! }
        var ran: [ActionKind] = [], refused: [ActionKind] = []
        for kind in ActionKind.allCases where kind.target != .file {
            let when = at()
            // A refusal first: the same reason as in memory, nothing written.
            if let (action, who, why) = Self.sample(kind, in: a.store, at: when, allowed: false) {
                let before = try PGTestServer.psql("SELECT count(*) FROM actions", database: db.name).out
                do {
                    try a.perform(action, by: who, at: when, knownSeq: nil, via: nil)
                    Issue.record("\(kind.rawValue): refused in memory, done on the database")
                } catch {
                    #expect(error.description.contains(why), "\(kind.rawValue): \(error) ≠ \(why)")
                }
                #expect(try PGTestServer.psql("SELECT count(*) FROM actions", database: db.name).out == before, "\(kind.rawValue): a refusal wrote nothing")
                refused.append(kind)
            }
            guard let (action, who, _) = Self.sample(kind, in: a.store, at: when, allowed: true) else { continue }
            let expected = try Workflow.perform(action, by: who, at: when, in: a.store)
            let outcome = try a.perform(action, by: who, at: when, knownSeq: a.seq, via: nil)
            #expect(outcome.summary == expected.summary, "\(kind.rawValue)")
            var mine = outcome.store, theirs = expected.store
            mine.activity.removeLast(); theirs.activity.removeLast()
            #expect(mine == theirs, "\(kind.rawValue): the database session's store differs from the workflow's")
            ran.append(kind)
        }
        let missing = ActionKind.allCases.filter { $0.target != .file && !ran.contains($0) }
        #expect(missing.isEmpty, "no sample on the demo store for \(missing.map(\.rawValue))")
        #expect(refused.count >= ActionKind.allCases.count - 3, "refusals: \(refused.map(\.rawValue))")
        // What the commits wrote (only what each touched) is the whole truth: the tables read back are the store.
        let fresh = try PostgresSession.open(db.url, environment: env)
        defer { try? fresh.finish() }
        #expect(fresh.seq == a.seq)
        #expect(Self.difference(fresh.store, a.store) == "", "the tables differ from the store the actions made")
        // And another session replays the same actions into the same store.
        try replayer.catchUp()
        #expect(Self.difference(replayer.store, a.store) == "", "a replay differs")
    }

    @Test("An undo that removes a record (add-contract) leaves no stale row behind")
    func undoRemovesARow() throws {
        let db = try PGTestServer.imported(try demo())
        let env = try PGTestServer.env().compactMapValues { $0 }
        let a = try PostgresSession.open(db.url, environment: env)
        defer { try? a.finish() }
        let when = try #require(Timestamp("2026-11-23T11:00:00+05:30"))
        let (add, who, _) = try #require(Self.sample(.addContract, in: a.store, at: when, allowed: true))
        try a.perform(add, by: who, at: when, knownSeq: nil, via: nil)
        let n = try PGTestServer.psql("SELECT count(*) FROM contracts", database: db.name).out
        #expect(Int(n) == a.store.contracts.count)
        try a.perform(ActionRequest(.undo, target: String(a.store.activity.count - 1)), by: who, at: when, knownSeq: nil, via: nil)
        #expect(try PGTestServer.psql("SELECT count(*) FROM contracts", database: db.name).out == String(a.store.contracts.count))
        let fresh = try PostgresSession.open(db.url, environment: env)
        defer { try? fresh.finish() }
        #expect(Self.difference(fresh.store, a.store) == "")
    }

    @Test("Two different people on one request: the loser is refused naming who changed it and when")
    func raceTwoPeople() throws {
        let db = try PGTestServer.imported(try demo())
        let env = try PGTestServer.env().compactMapValues { $0 }
        let a = try PostgresSession.open(db.url, environment: env)
        let b = try PostgresSession.open(db.url, environment: env)
        defer { try? a.finish(); try? b.finish() }
        let shown = b.store, shownSeq = b.seq
        let at = try #require(Timestamp("2026-11-23T10:42:00+05:30"))
        // Omar (the analyst) disqualifies REQ-1088; someone else's action on the screen b still shows is refused.
        var d = ActionParams(); d.reason = "duplicate"
        try a.perform(ActionRequest(.disqualify, target: "REQ-1088", params: d), by: "omar", at: at, knownSeq: a.seq, via: nil)
        var found: (ActionRequest, String)?
        search: for kind in ActionKind.allCases where kind.target == .request && kind != .disqualify {
            for who in shown.people.map(\.id) where who != "omar" {
                let action = ActionRequest(kind, target: "REQ-1088", params: Self.sampleParams(kind, shown, "REQ-1088", who))
                guard (try? Workflow.perform(action, by: who, at: at, in: shown)) != nil,
                      (try? Workflow.perform(action, by: who, at: at, in: a.store)) == nil else { continue }
                found = (action, who); break search
            }
        }
        let (action, who) = try #require(found, "someone else could act on REQ-1088 before it was disqualified")
        do {
            try b.perform(action, by: who, at: at, knownSeq: shownSeq, via: nil)
            Issue.record("\(action.kind.rawValue) by \(who) went through on a disqualified request")
        } catch {
            #expect(error.description.contains("REQ-1088 was disqualified by Omar Farouk at 10:42; "), "\(error)")
        }
        #expect(b.seq == a.seq && b.store.request("REQ-1088")?.status == .disqualified, "the loser caught up")
    }

    @Test("podboard import … --store postgresql://…: one import action, the same store as on a file, undone whole")
    func importIntoTheDatabase() throws {
        let file = try ImportCLITests.emptyStore()
        let db = try PGTestServer.imported(file)
        let env = try PGTestServer.env()
        let map = ImportCLITests.mappings + "/clickup-tasks.json"
        let r = try CLI.run(ImportCLITests.importArgs("requests", ImportCLITests.clickup, map: map, store: db.url), env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported 500 requests from clickup-500.csv"), "\(r.stdout)")
        // The same import on the file: the database holds the same requests.
        let onFile = try CLI.run(ImportCLITests.importArgs("requests", ImportCLITests.clickup, map: map, store: file))
        #expect(onFile.status == 0, "\(onFile.stderr)")
        let fileStore = try StoreSession.open(file).session.store  // the import is in the file's journal
        #expect(try PGTestServer.psql("SELECT count(*) FROM requests", database: db.name).out == "500")
        let out = CLI.tempDir() + "/out.json"
        #expect(try CLI.run(["db", "export", db.url, "--out", out], env: env).status == 0)
        let exported = try StoreFile.load(out).store
        var e = exported, f = fileStore
        e.activity = []; f.activity = []
        #expect(Self.difference(e, f) == "", "the requests imported into the database are the file's")
        #expect(try PGTestServer.psql("SELECT request->>'action' FROM actions ORDER BY seq DESC LIMIT 1", database: db.name).out.contains("import"))
        // Undo takes it back whole (the rows go).
        let undo = try CLI.run(["act", "undo", String(exported.activity.count - 1), "--as", "ingrid", "--store", db.url, "--today", "2026-11-23", "--at", "2026-11-23T10:30:00+05:30"], env: env)
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(try PGTestServer.psql("SELECT count(*) FROM requests", database: db.name).out == "0")
        #expect(try PGTestServer.psql("SELECT count(*) FROM request_history", database: db.name).out == "0")
        // A bad row on the database: exit 2, nothing written.
        let bad = CLI.tempDir() + "/bad.csv"
        try Data((try String(contentsOfFile: ImportCLITests.clickup, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).prefix(3).joined(separator: "\n") + "\nnot,a,task\n").utf8).write(to: URL(fileURLWithPath: bad))
        let refused = try CLI.run(ImportCLITests.importArgs("requests", bad, map: map, store: db.url), env: env)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(try PGTestServer.psql("SELECT count(*) FROM requests", database: db.name).out == "0")
    }
}
