import Foundation

/// Why a session could not open, act or save.
public enum SessionError: Error, Sendable, CustomStringConvertible {
    case load(StoreLoadError)
    case journal(String)
    case refused(ActionRefusal)
    case save(StoreSaveError)

    public var description: String {
        switch self {
        case .load(let e): return e.description
        case .journal(let m): return m
        case .refused(let r): return r.description
        case .save(let e): return e.description
        }
    }
}

/// A store being worked on: every action is journaled (appended and fsynced) before it counts as done, and
/// the journal is folded into the store file (atomically) on close and every `foldEvery` actions. A built-in
/// demo store has no file: its actions live in memory only.
public final class StoreSession {
    public private(set) var store: Store
    /// The store file; nil for an in-memory (demo) store.
    public let path: String?
    /// Actions journaled but not yet folded into the store file.
    public private(set) var pending: [JournalEntry] = []
    /// Fold after this many journaled actions.
    public var foldEvery = 25
    private var loaded: LoadedStore?

    /// A store that lives in memory only (the built-in demo).
    public init(inMemory store: Store) {
        self.store = store
        path = nil
    }

    private init(loaded: LoadedStore) {
        self.loaded = loaded
        store = loaded.store
        path = loaded.path
    }

    /// Opens a store file and replays its journal, if one was left (podboard stopped before folding it).
    /// Returns the session and notes for people (what was replayed, a torn last line that was ignored).
    public static func open(_ path: String) throws(SessionError) -> (session: StoreSession, notes: [String]) {
        let loaded: LoadedStore
        do { loaded = try StoreFile.load(path) } catch { throw .load(error) }
        let session = StoreSession(loaded: loaded)
        var notes: [String] = []
        let jpath = Journal.path(for: path)
        let contents: Journal.Contents?
        do { contents = try Journal.read(jpath) } catch { throw .journal(error.message) }
        guard let contents else { return (session, notes) }
        if let torn = contents.tornLine {
            notes.append("\(jpath):\(torn): an incomplete last line (podboard stopped while writing it) was never acknowledged and is ignored")
        }
        if contents.base != loaded.fingerprint {
            // Folded already (podboard stopped between saving the store and removing the journal)?
            let logged = Set(loaded.store.activity.map { "\($0.at.text)|\($0.by)|\($0.action)" })
            if contents.entries.allSatisfy({ logged.contains("\($0.at.text)|\($0.by)|\($0.action.kind.rawValue)") }) {
                Journal.remove(jpath)
                notes.append("removed \(jpath): its actions are already in the store")
                return (session, notes)
            }
            throw .journal("\(jpath) holds \(contents.entries.count) actions for another version of \(path) (the store changed on disk since); nothing was changed: look at both files, then remove the journal")
        }
        var store = loaded.store
        for e in contents.entries {
            do { store = try Workflow.perform(e.action, by: e.by, at: e.at, in: store).store } catch {
                throw .journal("\(jpath): action \(e.seq) (\(e.action.kind.rawValue) \(e.action.target)) cannot be replayed: \(error); nothing was changed")
            }
        }
        session.store = store
        session.pending = contents.entries
        if !contents.entries.isEmpty {
            notes.append("replayed \(contents.entries.count) action\(contents.entries.count == 1 ? "" : "s") from \(jpath)")
        }
        if contents.tornLine != nil || !contents.entries.isEmpty {
            try session.fold()
        }
        return (session, notes)
    }

    /// Carries out an action; when this returns it is durable (journaled and fsynced).
    @discardableResult
    public func perform(_ action: ActionRequest, by person: String, at: Timestamp) throws(SessionError) -> ActionOutcome {
        let outcome: ActionOutcome
        do { outcome = try Workflow.perform(action, by: person, at: at, in: store) } catch { throw .refused(error) }
        if let path, let loaded {
            let entry = JournalEntry(seq: (pending.last?.seq ?? 0) + 1, at: at, by: person, action: action)
            do { try Journal.append([entry.json], to: Journal.path(for: path), base: loaded.fingerprint) } catch {
                throw .journal(error.message)
            }
            pending.append(entry)
        }
        store = outcome.store
        if pending.count >= foldEvery { try? fold() }
        return outcome
    }

    /// Writes the store file with every journaled action (atomically, keeping FILE.bak) and removes the journal.
    public func fold() throws(SessionError) {
        guard let path, let loaded else { return }
        let jpath = Journal.path(for: path)
        guard !pending.isEmpty || FileManager.default.fileExists(atPath: jpath) else { return }
        do { self.loaded = try StoreFile.save(store, over: loaded) } catch { throw .save(error) }
        Journal.remove(jpath)
        pending = []
    }
}
