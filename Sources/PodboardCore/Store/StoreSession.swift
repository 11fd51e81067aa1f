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
    /// Fold after this many journaled actions: 25, or 500 for a store file over 8 MB, where writing the file
    /// takes long enough to be felt (the journal keeps every action safe meanwhile, and replaying it is quick).
    public var foldEvery = 25
    private var loaded: LoadedStore?
    /// The store file's inode, size and modification time when it was read or written by this session.
    private var stamp: FileStamp?
    /// The lock that keeps two writing sessions off one store (held until the session is released).
    private var lockFD: Int32 = -1

    deinit { if lockFD >= 0 { StoreLock.release(lockFD) } }

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
    /// - Parameter writing: take the store's lock (`FILE.lock`, one writing session at a time) and fold a
    ///   replayed journal into the file; false only reads (reports): the journal is replayed in memory.
    public static func open(_ path: String, writing: Bool = true) throws(SessionError) -> (session: StoreSession, notes: [String]) {
        var fd: Int32 = -1
        if writing {
            guard let held = StoreLock.acquire(path + ".lock") else {
                throw .journal("another podboard (the terminal UI or podboard act) is working on \(path); try again when it has finished")
            }
            fd = held
        }
        let loaded: LoadedStore
        do { loaded = try StoreFile.load(path) } catch {
            if fd >= 0 { StoreLock.release(fd) }
            throw .load(error)
        }
        let session = StoreSession(loaded: loaded)
        session.lockFD = fd
        if loaded.fingerprint.size > 8 << 20 { session.foldEvery = 500 }
        session.stamp = FileStamp(path)
        var notes: [String] = []
        let jpath = Journal.path(for: path)
        let contents: Journal.Contents?
        do { contents = try Journal.read(jpath) } catch { throw .journal(error.message) }
        guard let contents else { return (session, notes) }
        if let torn = contents.tornLine {
            notes.append("\(jpath):\(torn): an incomplete last line (podboard stopped while writing it) was never acknowledged and is ignored")
        }
        guard let base = contents.base else {
            // Only a torn header: podboard stopped while creating the journal, before any action was in it.
            if writing { Journal.remove(jpath) }
            return (session, notes)
        }
        if base != loaded.fingerprint {
            // Folded already (podboard stopped between saving the store and removing the journal)?
            // Folded already: the store's last activity entries are the journal's actions, in order.
            let tail = loaded.store.activity.suffix(contents.entries.count).map { "\($0.at.text)|\($0.by)|\($0.action)" }
            if !contents.entries.isEmpty, tail == contents.entries.map({ "\($0.at.text)|\($0.by)|\($0.action.kind.rawValue)" }) {
                if writing { Journal.remove(jpath) }
                notes.append("removed \(jpath): its actions are already in the store")
                return (session, notes)
            }
            throw .journal("\(jpath) holds \(Plural.count(contents.entries.count, "action")) for another version of \(path) (the store changed on disk since); nothing was changed: look at both files, then remove the journal")
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
        if writing && (contents.tornLine != nil || !contents.entries.isEmpty) {
            try session.fold()
        }
        return (session, notes)
    }

    /// Carries out an action; when this returns it is durable (journaled and fsynced).
    /// - Parameter via: the admin acting for `person` (a team store), written into the journal line and the
    ///   activity entry.
    @discardableResult
    public func perform(_ action: ActionRequest, by person: String, at: Timestamp, via: String? = nil) throws(SessionError) -> ActionOutcome {
        let outcome: ActionOutcome
        do { outcome = try Workflow.perform(action, by: person, at: at, in: store, stamp: ActionStamp(via: via)) } catch { throw .refused(error) }
        if let path, let loaded {
            // Someone else saved the store since (a journal is only valid for the file it was started on).
            guard FileStamp(path) == stamp else {
                throw .save(.changedOnDisk(path: path))
            }
            let entry = JournalEntry(seq: (pending.last?.seq ?? 0) + 1, at: at, by: person, action: action, via: via)
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
        stamp = FileStamp(path)
        Journal.remove(jpath)
        pending = []
    }
}

/// `FILE.lock`: one writing process per store (flock, released when the process ends, however it ends).
/// Within one process the lock is shared and counted.
enum StoreLock {
    nonisolated(unsafe) static var held: [String: (fd: Int32, count: Int)] = [:]
    static let mutex = NSLock()

    /// The lock's descriptor, or nil when another process holds it.
    static func acquire(_ path: String) -> Int32? {
        mutex.lock(); defer { mutex.unlock() }
        if let h = held[path] {
            held[path] = (h.fd, h.count + 1)
            return h.fd
        }
        let fd = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return -1 }  // a read-only folder: no lock to take, saving will report the folder
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return nil }
        held[path] = (fd, 1)
        return fd
    }

    static func release(_ fd: Int32) {
        mutex.lock(); defer { mutex.unlock() }
        guard let (path, h) = held.first(where: { $0.value.fd == fd }) else { return }
        if h.count > 1 { held[path] = (fd, h.count - 1) } else {
            held[path] = nil
            close(fd)
        }
    }
}

/// What `stat` says about a file: enough to notice that another process replaced or changed it.
struct FileStamp: Equatable {
    let inode: UInt64
    let size: Int64
    let seconds: Int
    let nanoseconds: Int

    init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        seconds = Int(st.st_mtim.tv_sec)
        nanoseconds = Int(st.st_mtim.tv_nsec)
    }
}
