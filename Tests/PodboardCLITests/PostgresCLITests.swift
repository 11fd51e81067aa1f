import Foundation
import Testing
import PodboardCore
import PodboardPostgres
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12: the store on a real PostgreSQL server (PGTestServer: the CI's cluster, or one of this process).
@Suite("PostgreSQL store", .serialized)
struct PostgresCLITests {
    static let today = "2026-11-23"

    func demo() throws -> String { try CLI.demoStore(today: Self.today) }

    @Test("db init is re-runnable and refuses a newer schema")
    func initRerunnable() throws {
        let db = try PGTestServer.newDatabase()
        let env = try PGTestServer.env()
        let first = try CLI.run(["db", "init", db.url], env: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("created the schema"))
        let again = try CLI.run(["db", "init", db.url], env: env)
        #expect(again.status == 0 && again.stdout.contains("up to date"), "\(again.stdout)\(again.stderr)")
        try PGTestServer.psql("INSERT INTO schema_version (version) VALUES (99)", database: db.name)
        let newer = try CLI.run(["db", "init", db.url], env: env)
        #expect(newer.status == 1 && newer.stderr.contains("newer"), "\(newer.stderr)")
    }

    @Test("A password in the URL is refused (PGPASSWORD, never the command line)")
    func noPasswordInURL() throws {
        let r = try CLI.run(["db", "init", "postgresql://ana:secret@localhost/x"], env: try PGTestServer.env())
        #expect(r.status == 2)
        #expect(r.stderr.contains("PGPASSWORD") && !r.stderr.contains("secret"), "\(r.stderr)")
    }

    @Test("Import then export of the demo store gives the same document")
    func roundTripDemo() throws {
        let file = try demo()
        let db = try PGTestServer.imported(file)
        let out = CLI.tempDir() + "/out.json"
        let r = try CLI.run(["db", "export", db.url, "--out", out], env: try PGTestServer.env())
        #expect(r.status == 0, "\(r.stderr)")
        let original = StoreFile.encode(try StoreFile.load(file).store)
        let exported = try #require(FileManager.default.contents(atPath: out))
        #expect(Array(exported) == original, "the exported store differs from the imported one")
        let n = try PGTestServer.psql("SELECT count(*) FROM requests", database: db.name).out
        #expect(Int(n) == (try StoreFile.load(file).store.requests.count), "real rows, one per request")
    }

    @Test("Round trip of a hand-written store: unknown keys everywhere, odd amounts")
    func roundTripHandWritten() throws {
        let file = try demo()
        guard case .object(var root) = try JSONParser.parse(Array(try #require(FileManager.default.contents(atPath: file)))).value else { Issue.record("not an object"); return }
        root["x-team"] = .object(JSONObject([("zeta", .number("1")), ("alpha", .array([.string("ünï"), .null]))]))
        func touch(_ key: String, _ f: (inout JSONObject) -> Void) {
            guard case .array(var a)? = root[key], case .object(var o) = a[0] else { return }
            f(&o); a[0] = .object(o); root[key] = .array(a)
        }
        touch("people") { $0["x-desk"] = .string("B-12") }
        touch("accounts") { $0["msg"] = .number("1234567890123.45"); $0["x-crm"] = .object(JSONObject([("id", .number("42"))])) }
        touch("contracts") { $0["annualValue"] = .number("0.01"); $0["x-note"] = .string("odd") }
        touch("activity") { $0["x-origin"] = .string("import") }
        if case .array(var reqs)? = root["requests"] {
            for (i, r) in reqs.enumerated() {
                guard case .object(var o) = r, case .array(var quotes)? = o["quotes"], case .object(var q) = quotes.first ?? .null else { continue }
                q["amount"] = .number("99999999.99"); q["x-channel"] = .string("email")
                quotes[0] = .object(q); o["quotes"] = .array(quotes)
                o["x-priority"] = .number("3")
                if case .object(var b)? = o["baseline"] { b["x-source"] = .string("sheet"); o["baseline"] = .object(b) }
                reqs[i] = .object(o)
                break
            }
            root["requests"] = .array(reqs)
        }
        if case .object(var s)? = root["settings"] { s["x-fiscal"] = .string("april"); root["settings"] = .object(s) }
        let hand = CLI.tempDir() + "/hand.json"
        try Data(JSONWriter.write(.object(root)).utf8).write(to: URL(fileURLWithPath: hand))
        let db = try PGTestServer.imported(hand)
        let out = CLI.tempDir() + "/out.json"
        let r = try CLI.run(["db", "export", db.url, "--out", out], env: try PGTestServer.env())
        #expect(r.status == 0, "\(r.stderr)")
        let original = StoreFile.encode(try StoreFile.load(hand).store)
        let exported = try #require(FileManager.default.contents(atPath: out))
        #expect(String(decoding: exported, as: UTF8.self) == String(decoding: original, as: UTF8.self))
        #expect(String(decoding: exported, as: UTF8.self).contains("\"x-priority\": 3"))
        let extra = try PGTestServer.psql("SELECT extra->>'x-channel' FROM request_quotes WHERE extra->>'x-channel' IS NOT NULL", database: db.name).out
        #expect(extra == "email", "unknown keys are in the extra column")
        let amount = try PGTestServer.psql("SELECT msg FROM accounts ORDER BY ord LIMIT 1", database: db.name).out
        #expect(amount == "1234567890123.45", "amounts are exact numerics")
    }

    @Test("Actions, refusals, log, reports and validate work the same on the database")
    func actOnDatabase() throws {
        let db = try PGTestServer.imported(try demo())
        let env = try PGTestServer.env()
        func act(_ args: [String], _ who: String, at: String) throws -> CLI.Result {
            try CLI.run(["act"] + args + ["--store", db.url, "--today", Self.today, "--at", at, "--as", who], env: env.merging(["PODBOARD_USER": nil]) { $1 })
        }
        var r = try act(["set-baseline", "REQ-1088", "--amount", "12000", "--basis", "first-quote"], "omar", at: "2026-11-23T10:01:00+05:30")
        #expect(r.status == 0, "\(r.stderr)")
        r = try act(["qualify", "REQ-1088"], "omar", at: "2026-11-23T10:02:00+05:30")
        #expect(r.status == 0, "\(r.stderr)")
        r = try act(["qualify", "REQ-1088"], "omar", at: "2026-11-23T10:03:00+05:30")
        #expect(r.status == 1 && r.stderr.contains("refused"), "a second qualify is refused: \(r.stderr)")
        r = try act(["hand-over", "REQ-1088"], "omar", at: "2026-11-23T10:04:00+05:30")
        #expect(r.status == 2, "hand-over without --person is bad input: \(r.stderr)")
        r = try act(["hand-over", "REQ-1088", "--person", "ben"], "omar", at: "2026-11-23T10:05:00+05:30")
        #expect(r.status == 0, "\(r.stderr)")
        let status = try PGTestServer.psql("SELECT status || ' ' || buyer FROM requests WHERE id = 'REQ-1088'", database: db.name).out
        #expect(status == "negotiating ben")
        let seqs = try PGTestServer.psql("SELECT string_agg(seq::text, ',' ORDER BY seq) FROM actions", database: db.name).out
        let base = try StoreFile.load(try demo()).store.activity.compactMap(\.seq).max() ?? 0
        #expect(seqs == "\(base + 1),\(base + 2),\(base + 3)", "\(seqs)")
        let log = try CLI.run(["log", "REQ-1088", "--store", db.url, "--today", Self.today], env: env)
        #expect(log.status == 0 && log.stdout.contains("hand-over"), "\(log.stdout)\(log.stderr)")
        let report = try CLI.run(["report", "aging", "--store", db.url, "--today", Self.today, "--format", "json"], env: env)
        #expect(report.status == 0 && report.stdout.contains("REQ-1088"), "\(report.stderr)")
        let v = try CLI.run(["validate", db.url], env: env)
        #expect(v.status == 0 && v.stdout.contains("valid store"), "\(v.stdout)\(v.stderr)")
        try PGTestServer.psql("UPDATE requests SET status = 'bogus' WHERE id = 'REQ-1088'", database: db.name)
        let bad = try CLI.run(["validate", db.url], env: env)
        #expect(bad.status == 1 && bad.stderr.contains("requests row REQ-1088"), "a row is named: \(bad.stderr)")
    }

    @Test("Two clients racing on one request: one wins, the other is refused naming who")
    func race() throws {
        let db = try PGTestServer.imported(try demo())
        let env = try PGTestServer.env().compactMapValues { $0 }
        let a = try PostgresSession.open(db.url, environment: env)
        let b = try PostgresSession.open(db.url, environment: env)
        let shown = b.seq
        let at = try #require(Timestamp("2026-11-23T10:00:00+05:30"))
        _ = try a.perform(ActionRequest(.setBaseline, target: "REQ-1088", params: { var p = ActionParams(); p.amount = 12000; p.basis = .firstQuote; return p }()), by: "omar", at: at, knownSeq: a.seq, via: nil)
        _ = try a.perform(ActionRequest(.qualify, target: "REQ-1088"), by: "omar", at: at, knownSeq: a.seq, via: nil)
        do {
            try b.perform(ActionRequest(.qualify, target: "REQ-1088"), by: "omar", at: at, knownSeq: shown, via: nil)
            Issue.record("the second qualify went through")
        } catch {
            // The same person on both screens: refused with the reason (another person's change is named, as on a file).
            #expect(error.description.contains("cannot qualify REQ-1088: it is qualified"), "\(error)")
        }
        #expect(b.seq == a.seq, "the refused client caught up")
        #expect(b.store.request("REQ-1088")?.status == .qualified)
        try a.finish(); try b.finish()
    }

    @Test("8 clients × 200 actions at once: nothing lost, nothing doubled, activity in seq order")
    func manyClients() throws {
        let file = try demo()
        let store = try StoreFile.load(file).store
        let negotiating = store.requests.filter { $0.status == .negotiating && $0.buyer != nil }
        try #require(!negotiating.isEmpty)
        let db = try PGTestServer.imported(file)
        let env = try PGTestServer.env()
        let dir = CLI.tempDir()
        let group = DispatchGroup()
        final class Results: @unchecked Sendable { var list: [CLI.Result?] = Array(repeating: nil, count: 8); let lock = NSLock() }
        let results = Results()
        for c in 0..<8 {
            let r = negotiating[c % negotiating.count]
            var lines = ""
            for k in 0..<200 {
                lines += "{\"action\": \"log-update\", \"target\": \"\(r.id)\", \"params\": {\"note\": \"client \(c) update \(k)\"}, \"as\": \"\(r.buyer!)\", \"at\": \"2026-11-23T16:00:00+05:30\"}\n"
            }
            let path = dir + "/batch\(c).jsonl"
            try Data(lines.utf8).write(to: URL(fileURLWithPath: path))
            group.enter()
            DispatchQueue.global().async {
                let res = try? CLI.run(["act", "--batch", path, "--store", db.url, "--today", Self.today], env: env)
                results.lock.lock(); results.list[c] = res; results.lock.unlock()
                group.leave()
            }
        }
        group.wait()
        for (c, r) in results.list.enumerated() {
            #expect(r?.status == 0, "client \(c): \(r?.stderr ?? "did not run")")
            #expect(r?.stdout.split(separator: "\n").count == 200, "client \(c) acknowledged 200")
        }
        let base = store.activity.compactMap(\.seq).max() ?? 0
        let counts = try PGTestServer.psql("SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || min(seq) || ' ' || max(seq) FROM actions", database: db.name).out
        #expect(counts == "1600 1600 \(base + 1) \(base + 1600)", "\(counts)")
        let activity = try PGTestServer.psql("SELECT count(*) FROM activity WHERE seq > \(base)", database: db.name).out
        #expect(activity == "1600")
        let ordered = try PGTestServer.psql("SELECT bool_and(seq = \(base) + 1 + (ord - (SELECT min(ord) FROM activity WHERE seq > \(base)))) FROM activity WHERE seq > \(base)", database: db.name).out
        #expect(ordered == "t", "activity rows are in seq order")
        let ids = try PGTestServer.psql("SELECT count(*) FROM actions a JOIN activity v ON v.action_id = a.id::text AND v.seq = a.seq", database: db.name).out
        #expect(ids == "1600", "every action has its activity entry, same id and seq")
        let updates = try PGTestServer.psql("SELECT count(*) FROM request_updates WHERE text LIKE 'client %'", database: db.name).out
        #expect(updates == "1600", "every update row written once")
    }

    @Test("A client killed mid-transaction leaves nothing half-written, and the lock goes")
    func killedClient() throws {
        let db = try PGTestServer.imported(try demo())
        var env = try PGTestServer.env().compactMapValues { $0 }
        let before = try PGTestServer.psql("SELECT count(*) FROM actions", database: db.name).out
        env["PODBOARD_PG_PAUSE_BEFORE_COMMIT"] = "60"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["act", "set-baseline", "REQ-1088", "--amount", "5000", "--basis", "first-quote", "--as", "omar", "--store", db.url, "--today", Self.today, "--at", "2026-11-23T10:00:00+05:30"]
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until its transaction holds the commit lock and has written its rows.
        var holding = false
        for _ in 0..<300 {
            if try PGTestServer.psql("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = '\(db.name)'", database: db.name).out == "1" { holding = true; break }
            usleep(100_000)
        }
        #expect(holding, "the client took the commit lock")
        usleep(300_000)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // The server notices the dropped connection and rolls back.
        var after = ""
        for _ in 0..<100 {
            after = try PGTestServer.psql("SELECT count(*) FROM actions", database: db.name).out
            let busy = try PGTestServer.psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'", database: db.name).out
            if busy == "0" { break }
            usleep(100_000)
        }
        #expect(after == before, "no action committed")
        #expect(try PGTestServer.psql("SELECT count(*) FROM requests WHERE id = 'REQ-1088' AND baseline_amount IS NOT NULL", database: db.name).out == "0")
        env["PODBOARD_PG_PAUSE_BEFORE_COMMIT"] = nil
        let r = try CLI.run(["act", "set-baseline", "REQ-1088", "--amount", "5000", "--basis", "first-quote", "--as", "omar", "--store", db.url, "--today", Self.today, "--at", "2026-11-23T10:00:00+05:30"], env: try PGTestServer.env().merging(["PODBOARD_PG_PAUSE_BEFORE_COMMIT": nil]) { $1 })
        #expect(r.status == 0, "the next client commits: \(r.stderr)")
    }

    @Test("The server has the last word: a login writes actions only in its own person's name")
    func rowLevelSecurity() throws {
        // A team store: omar's and ana's database logins.
        let file = try demo()
        guard case .object(var root) = try JSONParser.parse(Array(try #require(FileManager.default.contents(atPath: file)))).value,
              case .array(var people)? = root["people"] else { Issue.record("no people"); return }
        let suffix = String(UUID().uuidString.prefix(6)).lowercased()
        let logins = ["omar": "omar_\(suffix)", "ana": "ana_\(suffix)"]
        for (i, p) in people.enumerated() {
            guard case .object(var o) = p, case .string(let id)? = o["id"], let login = logins[id] else { continue }
            o["logins"] = .array([.string(login)]); people[i] = .object(o)
        }
        root["people"] = .array(people)
        let team = CLI.tempDir() + "/team.json"
        try Data(JSONWriter.write(.object(root)).utf8).write(to: URL(fileURLWithPath: team))
        let db = try PGTestServer.imported(team)
        for l in logins.values { try PGTestServer.psql("CREATE ROLE \(l) LOGIN IN ROLE podboard_team", database: db.name) }
        let env = try PGTestServer.env()
        let omar = env.merging(["PGUSER": logins["omar"]!, "PODBOARD_USER": nil]) { $1 }
        var r = try CLI.run(["act", "set-baseline", "REQ-1088", "--amount", "100", "--basis", "first-quote", "--store", db.url, "--today", Self.today, "--at", "2026-11-23T10:00:00+05:30"], env: omar)
        #expect(r.status == 0, "omar's login acts as omar: \(r.stderr)")
        #expect(try PGTestServer.psql("SELECT login || ' ' || person FROM actions", database: db.name).out == "\(logins["omar"]!) omar")
        r = try CLI.run(["act", "log-update", "REQ-1088", "--note", "x", "--as", "ana", "--store", db.url, "--today", Self.today], env: omar)
        #expect(r.status == 1 && r.stderr.contains("needs an admin"), "\(r.stderr)")
        // A modified client writing straight into the tables: the server refuses.
        let forged = try PGTestServer.psql("INSERT INTO actions (seq, id, person, at, at_text, request) VALUES (999999, gen_random_uuid(), 'ana', now(), 'x', '{}')", database: db.name, user: logins["omar"]!, allowFailure: true)
        #expect(forged.status != 0 && forged.out.contains("row-level security"), "\(forged.out)")
        let forgedActivity = try PGTestServer.psql("INSERT INTO activity (ord, by_person, action, target) VALUES (999999, 'ana', 'qualify', 'REQ-1088')", database: db.name, user: logins["omar"]!, allowFailure: true)
        #expect(forgedActivity.status != 0 && forgedActivity.out.contains("row-level security"), "\(forgedActivity.out)")
        let own = try PGTestServer.psql("UPDATE actions SET person = 'ana'", database: db.name, user: logins["omar"]!, allowFailure: true)
        #expect(own.status != 0, "the log cannot be rewritten: \(own.out)")
    }
}
