import Foundation
import PodboardCore

/// The store in its tables: create the schema, load a store into it, read it back (docs/postgres.md).
public enum PGStore {
    /// Creates or migrates the schema; re-runnable. Returns what was done.
    @discardableResult
    public static func initSchema(_ db: PGConnection) throws(PGError) -> String {
        try db.run("SELECT pg_advisory_lock(7070)")
        defer { _ = try? db.run("SELECT pg_advisory_unlock(7070)") }
        let exists = try db.value("SELECT to_regclass('schema_version')::text") != nil
        let current = exists ? Int(try db.value("SELECT coalesce(max(version), 0)::text FROM schema_version") ?? "0") ?? 0 : 0
        if current > Schema.version {
            throw PGError("the database has schema version \(current), newer than this podboard knows (\(Schema.version)): use a newer podboard")
        }
        if current == Schema.version { return "schema version \(current): up to date" }
        for v in (current + 1)...Schema.version {
            try db.run("BEGIN")
            do throws(PGError) {
                for s in Schema.migrations[v - 1] { try db.run(s) }
                try db.column("INSERT INTO schema_version (version) VALUES ($1::integer)", [String(v)])
                try db.run("COMMIT")
            } catch {
                _ = try? db.run("ROLLBACK")
                throw error
            }
        }
        return current == 0 ? "created the schema (version \(Schema.version))" : "migrated the schema from version \(current) to \(Schema.version)"
    }

    /// Refuses a database without podboard's schema, or with a newer one.
    static func checkSchema(_ db: PGConnection) throws(PGError) {
        guard try db.value("SELECT to_regclass('schema_version')::text") != nil else {
            throw PGError("\(db.target.label) holds no podboard store: run `podboard db init URL`, then `podboard db import FILE URL`")
        }
        let v = Int(try db.value("SELECT coalesce(max(version), 0)::text FROM schema_version") ?? "0") ?? 0
        if v > Schema.version { throw PGError("\(db.target.label) has schema version \(v), newer than this podboard knows (\(Schema.version)): use a newer podboard") }
    }

    /// Loads a store into an empty database (one transaction).
    public static func importStore(_ store: Store, into db: PGConnection) throws(PGError) {
        try checkSchema(db)
        try db.run("BEGIN")
        do throws(PGError) {
            if try db.value("SELECT count(*)::text FROM store_info") != "0" {
                throw PGError("\(db.target.label) already holds a store: import into a new database (or export this one first)")
            }
            try write(StoreEncoder.encode(store), to: db)
            try db.run("COMMIT")
        } catch let e {
            _ = try? db.run("ROLLBACK")
            throw e
        }
    }

    /// The store's members kept in tables of their own; every other member is in the store_info row.
    static let recordMembers: Set<String> = ["settings", "people", "pods", "accounts", "contracts", "requests", "reviews", "publications", "activity"]

    /// Writes a whole document's records (upserts by place).
    static func write(_ doc: JSONValue, to db: PGConnection) throws(PGError) {
        guard case .object(let root) = doc else { return }
        var info = JSONObject()
        for m in root.members where !recordMembers.contains(m.key) {
            info[m.key] = m.value
        }
        try insert(Schema.storeInfo, [Mapping.row(info, Schema.storeInfo, place: ["0"])], db)
        if case .object(let s)? = root["settings"] { try insert(Schema.settings, [Mapping.row(s, Schema.settings, place: ["0"])], db) }
        let people = objects(root["people"])
        try insert(Schema.people, people.enumerated().map { Mapping.row($1, Schema.people, place: [String($0)]) }, db)
        try writeLogins(people, db)
        try insert(Schema.pods, objects(root["pods"]).enumerated().map { Mapping.row($1, Schema.pods, place: [String($0)]) }, db)
        try insert(Schema.accounts, objects(root["accounts"]).enumerated().map { Mapping.row($1, Schema.accounts, place: [String($0)]) }, db)
        try insert(Schema.contracts, objects(root["contracts"]).enumerated().map { Mapping.row($1, Schema.contracts, place: [String($0)]) }, db)
        try writeRequests(objects(root["requests"]).enumerated().map { ($0, $1) }, db)
        try insert(Schema.reviews, objects(root["reviews"]).enumerated().map { Mapping.row($1, Schema.reviews, place: [String($0)]) }, db)
        try insert(Schema.publications, objects(root["publications"]).enumerated().map { Mapping.row($1, Schema.publications, place: [String($0)]) }, db)
        try insert(Schema.activity, objects(root["activity"]).enumerated().map { Mapping.row($1, Schema.activity, place: [String($0)]) }, db)
    }

    static func writeLogins(_ people: [JSONObject], _ db: PGConnection) throws(PGError) {
        var rows: [JSONValue] = []
        for p in people {
            guard case .string(let id)? = p["id"], case .array(let logins)? = p["logins"] else { continue }
            for (n, l) in logins.enumerated() {
                if case .string(let login) = l { rows.append(.object(JSONObject([("login", .string(login)), ("person_id", .string(id)), ("n", .string(String(n)))]))) }
            }
        }
        try db.column("DELETE FROM person_logins")
        try db.column("INSERT INTO person_logins (login, person_id, n) SELECT x.login, x.person_id, x.n::bigint FROM json_to_recordset($1::json) AS x(login text, person_id text, n text)", [JSONWriter.compact(.array(rows))])
    }

    /// Requests (with their quotes, updates, escalations and history, replaced whole) at their places.
    static func writeRequests(_ requests: [(Int, JSONObject)], _ db: PGConnection) throws(PGError) {
        guard !requests.isEmpty else { return }
        try insert(Schema.requests, requests.map { Mapping.row($1, Schema.requests, place: [String($0)]) }, db)
        let ids = requests.compactMap { r -> JSONValue? in if case .string(let s)? = r.1["id"] { return .string(s) }; return nil }
        for t in Schema.requestChildren {
            try db.column("DELETE FROM \(t.name) WHERE request_id IN (SELECT json_array_elements_text($1::json))", [JSONWriter.compact(.array(ids))])
            var rows: [JSONValue] = []
            for (_, r) in requests {
                guard case .string(let id)? = r["id"] else { continue }
                for (n, child) in objects(r[t.member!]).enumerated() { rows.append(Mapping.row(child, t, place: [id, String(n)])) }
            }
            try insert(t, rows, db)
        }
    }

    static func insert(_ t: TableSpec, _ rows: [JSONValue], _ db: PGConnection) throws(PGError) {
        guard !rows.isEmpty else { return }
        // In slices: one statement's parameter stays a reasonable size on a large store.
        var k = 0
        while k < rows.count {
            let slice = Array(rows[k..<min(k + 5000, rows.count)])
            try db.column(t.insertSQL, [JSONWriter.compact(.array(slice))])
            k += slice.count
        }
    }

    static func objects(_ v: JSONValue?) -> [JSONObject] {
        guard case .array(let a)? = v else { return [] }
        return a.compactMap { if case .object(let o) = $0 { return o }; return nil }
    }

    /// The store's document as the tables hold it (call inside a transaction for a consistent picture).
    public static func document(_ db: PGConnection) throws(PGError) -> JSONValue {
        try checkSchema(db)
        // Every table's query sent at once: the server reads the next table while this one is parsed.
        db.prefetch([Schema.storeInfo.selectSQL, loginsSQL] + Schema.requestChildren.map(\.selectSQL)
                    + [Schema.settings, Schema.people, Schema.pods, Schema.accounts, Schema.contracts, Schema.requests,
                       Schema.reviews, Schema.publications, Schema.activity].map(\.selectSQL))
        defer { db.dropPrefetched() }
        func records(_ t: TableSpec) throws(PGError) -> [(place: [String], object: JSONObject)] {
            var out: [(place: [String], object: JSONObject)] = []
            for row in try Mapping.rows(try db.value(t.selectSQL), t) { out.append(try Mapping.record(row, t)) }
            return out
        }
        guard let info = try records(Schema.storeInfo).first?.object else {
            throw PGError("\(db.target.label) holds no store yet: load one with `podboard db import FILE URL`")
        }
        var logins: [String: [JSONValue]] = [:]
        let loginRows = try Mapping.rows(try db.value(loginsSQL), Schema.people)
        for r in loginRows { if case .string(let p) = r[0] { logins[p, default: []].append(r[1]) } }
        var children: [String: [String: [JSONValue]]] = [:]
        for t in Schema.requestChildren {
            for (place, o) in try records(t) { children[t.member!, default: [:]][place[0], default: []].append(.object(o)) }
        }
        var root = JSONObject()
        root["format"] = info["format"] ?? .number("1")
        root["settings"] = .object(try records(Schema.settings).first?.object ?? JSONObject())
        root["people"] = .array(try records(Schema.people).map { r in
            var o = r.object
            if case .string(let id)? = o["id"], let l = logins[id], !l.isEmpty { o["logins"] = .array(l) }
            return .object(o)
        })
        root["pods"] = .array(try records(Schema.pods).map { .object($0.object) })
        root["accounts"] = .array(try records(Schema.accounts).map { .object($0.object) })
        root["contracts"] = .array(try records(Schema.contracts).map { .object($0.object) })
        root["requests"] = .array(try records(Schema.requests).map { r in
            var o = r.object
            if case .string(let id)? = o["id"] {
                for t in Schema.requestChildren { o[t.member!] = .array(children[t.member!]?[id] ?? []) }
            }
            return .object(o)
        })
        root["reviews"] = .array(try records(Schema.reviews).map { .object($0.object) })
        root["publications"] = .array(try records(Schema.publications).map { .object($0.object) })
        root["activity"] = .array(try records(Schema.activity).map { .object($0.object) })
        for m in info.members where m.key != "format" { root[m.key] = m.value }
        return .object(root)
    }

    static let loginsSQL = "SELECT coalesce(json_agg(json_build_array(person_id, login) ORDER BY person_id, n), '[]')::text FROM person_logins"

    /// The store the tables hold, validated like a file; problems name the table row instead of line:column.
    public static func load(_ db: PGConnection) throws(PGError) -> (store: Store?, problems: [StoreProblem]) {
        let doc = try document(db)
        // Compact: no problem names a line:column here (rowName), and it is half the text to write and read.
        let decoded = StoreFile.decode(Array(JSONWriter.compact(doc).utf8))
        return (decoded.store, decoded.problems.map { p in StoreProblem(path: rowName(p.path, doc), position: nil, message: p.message) })
    }

    /// `requests[3].quotes[0].amount` → `requests row REQ-1042 (ord 3): quotes[0].amount`.
    static func rowName(_ path: String, _ doc: JSONValue) -> String {
        guard let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"), open < close,
              let k = Int(path[path.index(after: open)..<close]) else { return path.isEmpty ? "store_info" : "\(path) (table \(path.split(separator: ".").first ?? ""))" }
        let table = String(path[..<open])
        var id = ""
        if case .object(let root) = doc, case .array(let a)? = root[table], k < a.count, case .object(let o) = a[k], case .string(let s)? = o["id"] { id = " \(s)" }
        var rest = String(path[path.index(after: close)...])
        if rest.hasPrefix(".") { rest.removeFirst() }
        let name = ["quotes", "updates", "escalations", "history"].first { rest.hasPrefix($0 + "[") }.map { "request_" + $0 + " of" } ?? table
        return "\(name) row\(id) (ord \(k))" + (rest.isEmpty ? "" : ": " + rest)
    }
}
