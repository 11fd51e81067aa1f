/// The seam between podboard and where a store lives (docs/decisions.md, "The store engine"; issue 12): a JSON
/// file with its journal (`StoreSession`) or a PostgreSQL database (`PostgresSession`, in PodboardPostgres).
/// Both keep the store in memory, commit one action at a time after catching up and checking the guards with the
/// same Workflow code, and number the committed actions (seq) in one order.
public protocol StoreEngine: AnyObject {
    /// The store as of the last action this engine applied.
    var store: Store { get }
    /// The sequence number of the last action applied (0: none).
    var seq: Int { get }
    /// Where the store lives, as shown to people and used as its name (a file's path, a database URL without its
    /// password); nil for an in-memory (demo) store.
    var path: String? { get }
    /// The database login (PostgreSQL) that says who acts; nil on a file (the OS login does there).
    var login: String? { get }
    /// A note for the status line while the engine cannot reach its store ("reconnecting…"); nil when it can.
    var unavailable: String? { get }
    /// Carries out an action; when this returns it is committed. `knownSeq`: the store the caller's screen shows
    /// (a refusal then names who changed its target since); `via`: the admin acting for `person`.
    @discardableResult
    func perform(_ action: ActionRequest, by person: String, at: Timestamp, knownSeq: Int?, via: String?) throws(SessionError) -> ActionOutcome
    /// Several actions committed together (`act --batch`); see `StoreSession.performGroup`.
    func performGroup(_ next: (Store) throws -> GroupItem?) throws(SessionError) -> GroupResult
    /// Applies what others committed since; their activity entries, in sequence order.
    @discardableResult
    func catchUp() throws(SessionError) -> [Activity]
    /// Whether others committed since the last catch-up (cheap).
    func hasChanged() -> Bool
    /// Notes for people gathered meanwhile (a journal repaired, a connection lost and back).
    func takeNotes() -> [String]
    /// Ends the work on the store (a file: folds the journal; a database: closes the connections).
    func finish() throws(SessionError)
}

extension StoreSession: StoreEngine {
    public var login: String? { nil }
    public var unavailable: String? { nil }
    public func finish() throws(SessionError) { try fold() }
}

extension StoreEngine {
    /// An engine without group commit: each action committed on its own, in order.
    public func performGroup(_ next: (Store) throws -> GroupItem?) throws(SessionError) -> GroupResult {
        var result = GroupResult()
        while true {
            let item: GroupItem?
            do { item = try next(store) } catch { result.stopped = error; break }
            guard let item else { break }
            do { result.outcomes.append(try perform(item.action, by: item.by, at: item.at, knownSeq: nil, via: item.via)) } catch {
                if case .refused = error { result.stopped = error; break }
                if result.outcomes.isEmpty { throw error }
                result.stopped = error; break
            }
        }
        return result
    }
}
