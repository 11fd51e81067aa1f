import Foundation
import PodboardCore

/// A store in a PostgreSQL database, worked on by any number of podboards on any number of machines (issue 12,
/// docs/postgres.md). The store is held in memory; the `actions` table is the ordered log every session catches up
/// from. An action is one transaction: `pg_advisory_xact_lock` (the store's commit order) and the request's row
/// `FOR UPDATE`; catch up from `actions`; the guards checked with Workflow on that fresh state; the changed rows,
/// the activity row and the actions row (seq = max + 1) written; `pg_notify`; COMMIT. Acknowledged after COMMIT.
public final class PostgresSession: StoreEngine {
    public private(set) var store: Store
    public private(set) var seq: Int
    public let path: String?
    public let login: String?
    public private(set) var unavailable: String?
    let target: PGTarget
    var db: PGConnection?
    private var notes: [String] = []

    /// The lock key of the store's commit order (`pg_advisory_xact_lock`).
    static let commitLock = "70701212"

    init(target: PGTarget, db: PGConnection, store: Store, seq: Int, login: String) {
        self.target = target; self.db = db; self.store = store; self.seq = seq; self.login = login
        path = target.label
    }

    /// Opens the store in the database named by `url` (completed from PG* variables).
    public static func open(_ url: String, environment: [String: String]) throws(PGError) -> PostgresSession {
        let target = try PGTarget.parse(url, environment: environment)
        let db = try PGConnection(target)
        let (store, seq) = try read(db)
        let login = try db.value("SELECT current_user::text") ?? target.user
        return PostgresSession(target: target, db: db, store: store, seq: seq, login: login)
    }

    /// The store and its sequence number, read in one snapshot.
    static func read(_ db: PGConnection) throws(PGError) -> (Store, Int) {
        try db.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do throws(PGError) {
            let loaded = try PGStore.load(db)
            let seqText = try db.value("SELECT greatest((SELECT coalesce(max(seq), 0) FROM actions), (SELECT coalesce(max(seq), 0) FROM activity))::text")
            try db.run("COMMIT")
            guard let store = loaded.store else {
                throw PGError("\(db.target.label): the store is not valid (\(loaded.problems.count) problems):\n" + loaded.problems.map { "  \($0)" }.joined(separator: "\n")
                              + "\n(run `podboard validate \(db.target.label)` for the same list)")
            }
            return (store, Int(seqText ?? "0") ?? 0)
        } catch {
            _ = try? db.run("ROLLBACK")
            throw error
        }
    }

    public func takeNotes() -> [String] { defer { notes = [] }; return notes }

    // MARK: - Catching up

    /// A connection, made again when the last one was lost (the store is read again then).
    private func connection() throws(SessionError) -> PGConnection {
        if let db, !db.isClosed { return db }
        do {
            let fresh = try PGConnection(target)
            db = fresh
            if unavailable != nil {
                unavailable = nil
                notes.append("connected again to \(target.label)")
            }
            return fresh
        } catch {
            db = nil
            unavailable = "reconnecting to \(target.label)…"
            throw .journal("\(target.label): \(error.message); not done")
        }
    }

    private func lost(_ e: PGError) -> SessionError {
        if e.connectionLost || (db?.isClosed ?? true) {
            db?.close(); db = nil
            unavailable = "reconnecting to \(target.label)…"
        }
        return .journal("\(target.label): \(e.message); not done")
    }

    public func hasChanged() -> Bool {
        guard let db = try? connection() else { return false }
        do {
            let max = try db.value("SELECT coalesce(max(seq), 0)::text FROM actions")
            return (Int(max ?? "0") ?? 0) > seq
        } catch {
            _ = lost(error)
            return false
        }
    }

    @discardableResult
    public func catchUp() throws(SessionError) -> [Activity] {
        let db = try connection()
        let before = store.activity.count
        do { try apply(newActionsFrom: db) } catch let e as PGError { throw lost(e) } catch let e as SessionError { throw e } catch { throw .journal("\(error)") }
        return Array(store.activity.dropFirst(before))
    }

    /// Replays the actions after `seq`, in order, with the same Workflow code.
    private func apply(newActionsFrom db: PGConnection) throws {
        let text = try db.value("SELECT coalesce(json_agg(json_build_array(seq::text, id::text, person, via, at_text, request) ORDER BY seq), '[]')::text FROM actions WHERE seq > $1::bigint", [String(seq)])
        guard case .array(let rows) = try JSONParser.parse(text ?? "[]").value else { return }
        for row in rows {
            guard case .array(let r) = row, r.count == 6, case .string(let s) = r[0], let n = Int(s), case .string(let id) = r[1],
                  case .string(let person) = r[2], case .string(let atText) = r[4], let at = Timestamp(atText) else { continue }
            var via: String?
            if case .string(let v) = r[3] { via = v }
            guard n == seq + 1 else { throw SessionError.journal("\(target.label): action \(n) follows action \(seq): one is missing; reopen the store") }
            guard case .success(let action) = ActionCoding.decode(r[5]) else { throw SessionError.journal("\(target.label): action \(n) cannot be read") }
            do {
                _ = try Workflow.perform(action, by: person, at: at, into: &store, stamp: ActionStamp(id: id, seq: n, via: via))
            } catch {
                throw SessionError.journal("\(target.label): action \(n) (\(action.kind.rawValue) \(action.target)) cannot be replayed: \(error); reopen the store")
            }
            seq = n
        }
    }

    // MARK: - Committing

    /// Test hook: seconds to wait inside the transaction, before COMMIT (a client killed there leaves nothing).
    nonisolated(unsafe) public static var pauseBeforeCommit: Double = ProcessInfo.processInfo.environment["PODBOARD_PG_PAUSE_BEFORE_COMMIT"].flatMap(Double.init) ?? 0

    @discardableResult
    public func perform(_ action: ActionRequest, by person: String, at: Timestamp, knownSeq: Int?, via: String?) throws(SessionError) -> ActionOutcome {
        let db = try connection()
        let saved = (store, seq)
        do {
            try db.run("BEGIN")
            try db.column("SELECT pg_advisory_xact_lock(\(Self.commitLock))::text")
            if action.kind.target == .request { try db.column("SELECT id FROM requests WHERE id = $1 FOR UPDATE", [action.target]) }
            try apply(newActionsFrom: db)
            let caughtUp = store
            let id = UUID().uuidString.lowercased()
            let n = seq + 1
            let done: (activity: Activity, summary: String)
            do { done = try Workflow.perform(action, by: person, at: at, into: &store, stamp: ActionStamp(id: id, seq: n, via: via)) } catch {
                _ = try? db.run("ROLLBACK")
                throw SessionError.refused(StoreSession.conflict(error, action: action, by: person, at: at, since: knownSeq, in: store))
            }
            try writeChanges(from: caughtUp, to: store, db)
            try db.column("INSERT INTO actions (seq, id, person, via, at, at_text, request) VALUES ($1::bigint, $2::uuid, $3, $4, $5::timestamptz, $5, $6::json)",
                          [String(n), id, person, via, at.text, JSONWriter.compact(ActionCoding.encode(action))])
            try db.column("SELECT pg_notify('podboard', $1)::text", [String(n)])
            if Self.pauseBeforeCommit > 0 { Thread.sleep(forTimeInterval: Self.pauseBeforeCommit) }
            try db.run("COMMIT")
            seq = n
            return ActionOutcome(store: store, activity: done.activity, summary: done.summary)
        } catch let e as SessionError {
            if case .refused = e { seq = max(seq, saved.1) } else { (store, seq) = saved; _ = try? db.run("ROLLBACK") }
            throw e
        } catch let e as PGError {
            (store, seq) = saved
            _ = try? db.run("ROLLBACK")
            if e.code == "42501" { throw .refused(.refused("the database refuses \(login ?? "this login") acting as \(via ?? person): \(e.message)")) }
            throw lost(e)
        } catch {
            (store, seq) = saved
            _ = try? db.run("ROLLBACK")
            throw .journal("\(target.label): \(error); not done")
        }
    }

    /// Upserts the records an action changed (compared with the state before it) and inserts its activity rows.
    private func writeChanges(from old: Store, to new: Store, _ db: PGConnection) throws(PGError) {
        func changed<T: Equatable>(_ a: [T], _ b: [T]) -> [Int] {
            var out: [Int] = []
            for i in b.indices where i >= a.count || a[i] != b[i] { out.append(i) }
            return out
        }
        func rows<T>(_ items: [T], _ idx: [Int], _ t: TableSpec, _ encode: (T) -> JSONValue) -> [JSONValue] {
            idx.map { i in
                guard case .object(let o) = encode(items[i]) else { return .null }
                return Mapping.row(o, t, place: [String(i)])
            }
        }
        let doc = StoreEncoder.encode(new)
        guard case .object(let root) = doc else { return }
        func part(_ key: String, _ i: Int) -> JSONObject {
            if case .array(let a)? = root[key], i < a.count, case .object(let o) = a[i] { return o }
            return JSONObject()
        }
        if old.settings != new.settings, case .object(let s)? = root["settings"] {
            try PGStore.insert(Schema.settings, [Mapping.row(s, Schema.settings, place: ["0"])], db)
        }
        let p = changed(old.people, new.people)
        if !p.isEmpty {
            try PGStore.insert(Schema.people, p.map { Mapping.row(part("people", $0), Schema.people, place: [String($0)]) }, db)
            try PGStore.writeLogins(PGStore.objects(root["people"]), db)
        }
        try PGStore.insert(Schema.pods, changed(old.pods, new.pods).map { Mapping.row(part("pods", $0), Schema.pods, place: [String($0)]) }, db)
        try PGStore.insert(Schema.accounts, rows(new.accounts, changed(old.accounts, new.accounts), Schema.accounts, StoreEncoder.account), db)
        try PGStore.insert(Schema.contracts, rows(new.contracts, changed(old.contracts, new.contracts), Schema.contracts, StoreEncoder.contract), db)
        let r = changed(old.requests, new.requests)
        try PGStore.writeRequests(r.compactMap { i in
            if case .object(let o) = StoreEncoder.request(new.requests[i]) { return (i, o) }
            return nil
        }, db)
        try PGStore.insert(Schema.reviews, changed(old.reviews, new.reviews).map { Mapping.row(part("reviews", $0), Schema.reviews, place: [String($0)]) }, db)
        try PGStore.insert(Schema.publications, changed(old.publications, new.publications).map { Mapping.row(part("publications", $0), Schema.publications, place: [String($0)]) }, db)
        // Activity is append-only (the policy allows no UPDATE).
        let a = Array(old.activity.count..<new.activity.count)
        try PGStore.insert(Schema.activity, rows(new.activity, a, Schema.activity, StoreEncoder.activity), db)
    }

    public func finish() throws(SessionError) {
        db?.close()
        db = nil
    }
}
