import Foundation
import PodboardCore

/// A store in a PostgreSQL database, worked on by any number of podboards on any number of machines (issue 12,
/// docs/postgres.md). The store is held in memory; the `actions` table is the ordered log every session catches up
/// from. An action is one transaction: `pg_advisory_xact_lock` (the store's commit order) and the request's row
/// `FOR UPDATE`; catch up from `actions`; the guards checked with Workflow on that fresh state; the changed rows,
/// the activity row and the actions row (seq = max + 1) written; `pg_notify`; COMMIT. Acknowledged after COMMIT.
public final class PostgresSession: StoreEngine {
    public internal(set) var store: Store
    public internal(set) var seq: Int
    public let path: String?
    public let login: String?
    public private(set) var unavailable: String?
    let target: PGTarget
    var db: PGConnection?
    private var notes: [String] = []
    /// Positions of requests, accounts and contracts by id (built at the first action; checked on every use).
    var index: StoreIndex?

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

    /// Milliseconds of a monotonic clock.
    static func uptime() -> UInt64 { DispatchTime.now().uptimeNanoseconds / 1_000_000 }

    /// How often `hasChanged` still asks for `max(seq)` while the listener is up (a cheap fallback: a notification
    /// is never the only way news arrives); without a listener it asks on every call.
    nonisolated(unsafe) public static var pollMilliseconds: UInt64 = 5000
    /// The longest wait between two attempts to connect again (they start at 250 ms and double).
    nonisolated(unsafe) public static var maxBackoffMilliseconds: UInt64 = 4000

    /// The LISTEN connection (live updates); nil until the first `hasChanged`, or while it cannot be made.
    var listener: PGListener?
    private var lastPoll: UInt64 = 0
    private var backoff: UInt64 = 250
    private var nextAttempt: UInt64 = 0
    /// Connected again after a loss: the next `hasChanged` says yes (what others did meanwhile is caught up).
    private var reconnected = false

    private var reconnecting: String { "reconnecting to \(target.label)…" }

    /// A connection, made again when the last one was lost (with backoff: 250 ms, doubling up to
    /// `maxBackoffMilliseconds`); meanwhile `unavailable` says so and nothing is done.
    private func connection() throws(SessionError) -> PGConnection {
        if let db, !db.isClosed { return db }
        if db != nil { markLost() }
        let now = Self.uptime()
        guard now >= nextAttempt else { throw .journal("\(target.label): the connection is lost (\(reconnecting)); not done") }
        do {
            let fresh = try PGConnection(target)
            db = fresh
            backoff = 250
            if unavailable != nil {
                unavailable = nil
                reconnected = true
                notes.append("connected again to \(target.label)")
            }
            return fresh
        } catch {
            db = nil
            unavailable = reconnecting
            nextAttempt = now + backoff
            backoff = min(backoff * 2, Self.maxBackoffMilliseconds)
            throw .journal("\(target.label): \(error.message); not done")
        }
    }

    private func markLost() {
        db?.close(); db = nil
        listener?.close(); listener = nil
        if unavailable == nil { nextAttempt = 0; backoff = 250 }
        unavailable = reconnecting
    }

    private func lost(_ e: PGError) -> SessionError {
        if e.connectionLost || (db?.isClosed ?? true) { markLost() }
        return .journal("\(target.label): \(e.message); not done")
    }

    /// Whether others committed since: a notification on the listener (LISTEN/NOTIFY, as they commit), else a
    /// `max(seq)` every `pollMilliseconds`; a lost connection is noticed here and tried again with backoff.
    public func hasChanged() -> Bool {
        guard let db = try? connection() else { return false }
        var poll = false
        if listener == nil || !(listener?.alive ?? false) {
            // (Re)listen; meanwhile ask the table: news never waits for a listener.
            listener?.close()
            listener = try? PGListener(target)
            poll = true
        }
        if listener?.takePending() == true { poll = true }
        if reconnected { reconnected = false; return true }
        let now = Self.uptime()
        if !poll && listener != nil && now &- lastPoll < Self.pollMilliseconds { return false }
        lastPoll = now
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
                let before = store.requests.count
                _ = try Workflow.perform(action, by: person, at: at, into: &store, stamp: ActionStamp(id: id, seq: n, via: via), position: position(ofRequest: action.target))
                if store.requests.count > before { for i in before..<store.requests.count { index?.noteRequest(store.requests[i].id, at: i) } }
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
        // What the action may change, noted before it runs (PGCommit.swift): written, or put back, alone.
        var touched: Touched?
        do {
            try db.run("BEGIN")
            try db.column("SELECT pg_advisory_xact_lock(\(Self.commitLock))::text")
            if action.kind.target == .request { try db.column("SELECT id FROM requests WHERE id = $1 FOR UPDATE", [action.target]) }
            try apply(newActionsFrom: db)
            let id = UUID().uuidString.lowercased()
            let n = seq + 1
            let before = touching(action)
            let done: (activity: Activity, summary: String)
            do { done = try Workflow.perform(action, by: person, at: at, into: &store, stamp: ActionStamp(id: id, seq: n, via: via), position: position(ofRequest: action.target)) } catch {
                _ = try? db.run("ROLLBACK")
                throw SessionError.refused(StoreSession.conflict(error, action: action, by: person, at: at, since: knownSeq, in: store))
            }
            touched = before
            try writeChanges(before, db)
            try db.column("INSERT INTO actions (seq, id, person, via, at, at_text, request) VALUES ($1::bigint, $2::uuid, $3, $4, $5::timestamptz, $5, $6::json)",
                          [String(n), id, person, via, at.text, JSONWriter.compact(ActionCoding.encode(action))])
            try db.column("SELECT pg_notify('podboard', $1)::text", [String(n)])
            if Self.pauseBeforeCommit > 0 { Thread.sleep(forTimeInterval: Self.pauseBeforeCommit) }
            try db.run("COMMIT")
            seq = n
            noteAppended(before)
            return ActionOutcome(store: store, activity: done.activity, summary: done.summary)
        } catch let e as SessionError {
            if let touched { restore(touched) }
            if case .refused = e {} else { _ = try? db.run("ROLLBACK") }
            throw e
        } catch let e as PGError {
            // Not committed: the store in memory goes back to what the database holds (the others' actions caught
            // up meanwhile stay: they are committed).
            if let touched { restore(touched) }
            _ = try? db.run("ROLLBACK")
            if e.code == "42501" { throw .refused(.refused("the database refuses \(login ?? "this login") acting as \(via ?? person): \(e.message)")) }
            throw lost(e)
        } catch {
            if let touched { restore(touched) }
            _ = try? db.run("ROLLBACK")
            throw .journal("\(target.label): \(error); not done")
        }
    }

    public func finish() throws(SessionError) {
        listener?.close(); listener = nil
        db?.close()
        db = nil
    }
}
