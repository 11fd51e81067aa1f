import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

/// A store being worked on by any number of podboard processes at once (docs/decisions.md, "The store engine").
///
/// The state is the store file plus the journal's actions after it, in sequence order. A commit takes
/// `FILE.lock` for that one action: it catches up with what others appended, checks the guards on that fresh
/// state, appends one line to the journal and fsyncs it (the commit), and releases the lock. A fold (lock holder
/// only) writes the store file with everything up to the last sequence number and removes the journal. Reading
/// never takes the lock. A built-in demo store has no file: its actions live in memory only.
public final class StoreSession {
    public private(set) var store: Store
    /// The store file; nil for an in-memory (demo) store.
    public let path: String?
    /// The journal's actions applied after the store file, in sequence order (not yet folded).
    public private(set) var pending: [JournalEntry] = []
    /// The sequence number of the last action this session has applied (0: none in the store).
    public private(set) var seq = 0
    /// Fold when the journal holds this many actions…
    public var foldEvery = 200
    /// …or this many bytes. A big store (`bigStore` bytes and more) folds by size only: when the journal reaches
    /// 1/`foldShare` of the store file (and `foldBytes`), so that the whole file is written once per that many
    /// bytes of journal and each commit costs its line, amortised, whatever the store's size.
    public var foldBytes = 1 << 20
    public var bigStore = 8 << 20
    public var foldShare = 32
    /// Notes for people gathered while catching up (a journal repaired, actions set aside); taken by `takeNotes`.
    private var notes: [String] = []

    private var loaded: LoadedStore?
    /// The sequence number of the store file (the highest `seq` of its activity).
    private var fileSeq = 0
    /// The store file's inode, size and modification time when this session read or wrote it.
    private var stamp: FileStamp?
    /// The journal being read: its inode, the offset just after the last complete line applied, lines read.
    private var journalInode: UInt64?
    private var journalOffset = 0
    private var journalLines = 0
    /// A journal that does not extend the store file and whose actions were dealt with (already in the store,
    /// or replayed in memory): its size, so that it is not read again until it changes.
    private var staleJournalSize: Int64?
    private var lock: StoreLock?
    /// Positions of the store's records by id, built once this session applies a second action (a single `act`
    /// would pay more for it than for the scan it saves) and dropped when the store is read again.
    private var index: StoreIndex?
    private var applied = 0
    /// Counts the times the store was read again from the file (a fold by another session, a hand edit): an
    /// action's `touched` is only given when nothing but that action changed the store the caller had.
    private var reads = 0

    /// A store that lives in memory only (the built-in demo).
    public init(inMemory store: Store) {
        self.store = store
        path = nil
    }

    private init(loaded: LoadedStore) {
        self.loaded = loaded
        store = loaded.store
        path = loaded.path
        lock = StoreLock(store: loaded.path)
    }

    var journalPath: String? { path.map(Journal.path(for:)) }

    /// Opens a store file and catches up with its journal (the actions not yet folded into it).
    /// - Parameter writing: also take the lock once, briefly, to repair what a stopped podboard left (a torn
    ///   last line, a journal for another version of the file: its actions replayed or set aside); false only
    ///   reads (reports): the journal is applied in memory and nothing is written.
    /// Returns the session and notes for people.
    public static func open(_ path: String, writing: Bool = true) throws(SessionError) -> (session: StoreSession, notes: [String]) {
        let path = StoreFile.realPath(path)  // a symlinked store: lock, journal, back up and save the real file
        let loaded: LoadedStore
        do { loaded = try StoreFile.load(path) } catch { throw .load(error) }
        let session = StoreSession(loaded: loaded)
        session.adopt(loaded)
        if writing && Self.canLock(path) {
            try session.locked { () throws(SessionError) in
                StaleTemporaries.remove(besides: loaded.path)
                _ = try session.catchUp(repair: true)
                // A journal of an older podboard (no sequence numbers) is folded now, in the new form.
                if session.legacyJournal { try session.foldLocked() }
            }
        } else {
            _ = try session.catchUp(repair: false)
        }
        return (session, session.takeNotes())
    }

    /// Whether this process can take the store's lock (a read-only folder cannot hold one: the session then
    /// only reads, and an action says why it cannot be done).
    static func canLock(_ path: String) -> Bool {
        access(path + ".lock", R_OK) == 0 || access(StoreFile.folder(of: path), W_OK) == 0
    }

    /// Notes gathered since the last call (what catching up repaired or set aside).
    public func takeNotes() -> [String] {
        defer { notes = [] }
        return notes
    }

    // MARK: - Catching up

    /// Whether another process committed or folded since this session last caught up (two `stat`s).
    public func hasChanged() -> Bool {
        guard let path, let jpath = journalPath else { return false }
        if FileStamp(path) != stamp { return true }
        var st = stat()
        guard stat(jpath, &st) == 0 else { return journalInode != nil }
        if UInt64(st.st_ino) != journalInode { return staleJournalSize == nil || Int64(st.st_size) != staleJournalSize }
        return Int64(st.st_size) > Int64(journalOffset)
    }

    /// Applies what others committed since this session last looked; the new activity entries, in order.
    @discardableResult
    public func catchUp() throws(SessionError) -> [Activity] {
        guard path != nil else { return [] }
        return try catchUp(repair: false)
    }

    private var legacyJournal = false
    /// Bytes after the last complete line of the journal (a line being written, or torn by a crash).
    private var tornBytes = 0

    /// - Parameter sameStore: the file just written from this store (a fold): the store in memory is unchanged.
    private func adopt(_ l: LoadedStore, sameStore: Bool = false) {
        if !sameStore { reads += 1 }
        loaded = l
        store = l.store
        index = nil
        applied = 0
        fileSeq = Self.storeSeq(l.store)
        seq = fileSeq
        pending = []
        stamp = FileStamp(l.path)
        journalInode = nil
        journalOffset = 0
        journalLines = 0
        staleJournalSize = nil
        legacyJournal = false
        tornBytes = 0
    }

    /// The store's sequence number: the highest `seq` in its activity log (0 when none).
    public static func storeSeq(_ store: Store) -> Int {
        var n = 0
        for a in store.activity.reversed() { if let s = a.seq, s > n { n = s } }
        return n
    }

    /// `repair` (only under the lock): cut a torn last line, and rewrite a journal that does not extend the store
    /// file (its actions replayed onto it or set aside).
    private func catchUp(repair: Bool) throws(SessionError) -> [Activity] {
        guard let path, let jpath = journalPath else { return [] }
        let before = seq
        let beforeCount = store.activity.count
        var reloaded = false
        var attempt = 0
        while true {
            attempt += 1
            if FileStamp(path) != stamp {
                // Folded by another session (or changed by hand): start again from the file.
                let l: LoadedStore
                do { l = try StoreFile.load(path) } catch { throw .load(error) }
                adopt(l)
                reloaded = true
            }
            let fd = Glibc.open(jpath, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                // No journal: the store file holds everything (unless it was folded away just now).
                if FileStamp(path) != stamp && attempt < 20 { continue }
                journalInode = nil; journalOffset = 0; journalLines = 0; staleJournalSize = nil; tornBytes = 0
                break
            }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw .journal("\(jpath): cannot be read: \(String(cString: strerror(errno)))") }
            let size = Int64(st.st_size)
            if UInt64(st.st_ino) != journalInode {
                if journalInode != nil && !pending.isEmpty {
                    // A new journal while this session had applied actions of the old one: a fold happened; the file
                    // must have changed too. Start from the file again.
                    if FileStamp(path) == stamp, let l = loaded { adopt(l) }
                    else { stamp = nil; continue }
                }
                journalInode = UInt64(st.st_ino); journalOffset = 0; journalLines = 0; staleJournalSize = nil; legacyJournal = false
            }
            if staleJournalSize != nil {
                if repair, let l = loaded {
                    // Dealt with in memory by a reader; under the lock it is repaired for real: read it again.
                    adopt(l)
                    journalInode = UInt64(st.st_ino)
                } else if staleJournalSize == size { break }
            }
            if size < Int64(journalOffset) {
                // Cut back under this session (a failed append it had read the start of): read it again.
                if let l = loaded { adopt(l) }
                journalInode = UInt64(st.st_ino)
            }
            var bytes = [UInt8](repeating: 0, count: Int(size) - journalOffset)
            var got = 0
            while got < bytes.count {
                let want = bytes.count - got, at = off_t(journalOffset + got)
                let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, want, at) }
                if n < 0 { if errno == EINTR { continue }; throw .journal("\(jpath): cannot be read: \(String(cString: strerror(errno)))") }
                if n == 0 { break }
                got += n
            }
            let chunk: Journal.Chunk
            do { chunk = try Journal.parse(bytes[0..<got], offset: journalOffset, linesBefore: journalLines, path: jpath) } catch {
                throw .journal(error.message)
            }
            if journalOffset == 0, let header = chunk.header, header.base != loaded?.fingerprint {
                // A journal that does not extend this store file: a fold in progress elsewhere (the new file is
                // written, the journal not yet removed), a fold that was killed there, or a hand edit.
                if FileStamp(path) != stamp && attempt < 20 { continue }
                try foreignJournal(chunk, size: size, repair: repair)
                break
            }
            if journalOffset == 0, chunk.header != nil { legacyJournal = chunk.header?.seq == nil }
            for e in chunk.entries { try apply(e, jpath: jpath) }
            journalOffset = chunk.end
            journalLines = chunk.lines
            tornBytes = chunk.tornBytes
            if repair && tornBytes > 0 {
                // Under the lock nobody is writing: these bytes are what a stopped podboard (or a failed write)
                // left, never acknowledged. Cut them before anything is appended after them.
                if journalOffset == 0 {
                    // Only a torn header: podboard stopped while creating the journal, before any action was in it.
                    Journal.remove(jpath)
                    journalInode = nil
                } else {
                    let w = Glibc.open(jpath, O_WRONLY | O_CLOEXEC)
                    if w >= 0 { _ = ftruncate(w, off_t(journalOffset)); _ = fsync(w); close(w) }
                    notes.append("\(jpath):\(journalLines + 1): an incomplete last line (podboard stopped while writing it) was never acknowledged and was removed")
                }
                tornBytes = 0
            }
            break
        }
        if reloaded { return store.activity.filter { ($0.seq ?? 0) > before } }
        return Array(store.activity.dropFirst(beforeCount))
    }

    /// Applies one journal entry in sequence order (entries this session has already applied are skipped).
    private func apply(_ e: JournalEntry, jpath: String) throws(SessionError) {
        if legacyJournal {
            // An older podboard's journal: no global numbers; applied in order once (read from its start).
            do { try performInPlace(e.action, by: e.by, at: e.at, stamp: ActionStamp()) } catch {
                throw .journal("\(jpath): action \(e.seq) (\(e.action.kind.rawValue) \(e.action.target)) cannot be replayed: \(error); nothing was changed")
            }
            pending.append(e)
            return
        }
        if e.seq <= seq {
            // Already applied (this session committed it). The same number must be the same action.
            let k = e.seq - fileSeq - 1
            if k >= 0, k < pending.count, pending[k].id != e.id {
                throw .journal("\(jpath): action \(e.seq) is not the one this session applied; reopen the store")
            }
            return
        }
        guard e.seq == seq + 1 else {
            throw .journal("\(jpath): action \(e.seq) follows action \(seq): one is missing; nothing was changed")
        }
        do { try performInPlace(e.action, by: e.by, at: e.at, stamp: e.stamp) } catch {
            throw .journal("\(jpath): action \(e.seq) (\(e.action.kind.rawValue) \(e.action.target)) cannot be replayed: \(error); nothing was changed")
        }
        seq = e.seq
        pending.append(e)
    }

    /// A journal whose header names another version of the store file. Its actions already in the store (by
    /// id) are left; the others are replayed onto the file in order when their guards still hold, and set aside
    /// in a file next to the store when they do not. Under the lock (`repair`) the journal is rewritten for the
    /// file (or removed); a reader does the same in memory.
    private func foreignJournal(_ chunk: Journal.Chunk, size: Int64, repair: Bool) throws(SessionError) {
        guard let path, let jpath = journalPath else { return }
        let ids = Set(store.activity.compactMap(\.actionId))
        var missing = chunk.entries.filter { $0.id.map { !ids.contains($0) } ?? false }
        let legacy = chunk.entries.filter { $0.id == nil }
        if !legacy.isEmpty {
            // An older podboard's journal (no ids): folded already when the store's last entries are its actions.
            let tail = store.activity.suffix(legacy.count).map { "\($0.by)|\($0.action)|\($0.target)" }
            if tail != legacy.map({ "\($0.by)|\($0.action.kind.rawValue)|\($0.action.target)" }) { missing = chunk.entries.filter { $0.id.map { !ids.contains($0) } ?? true } }
        }
        var replayed: [JournalEntry] = []
        var setAside: [(JournalEntry, String)] = []
        for e in missing {
            var renumbered = e
            renumbered.seq = seq + 1
            if renumbered.id == nil { renumbered.id = Self.newId() }
            do {
                try performInPlace(e.action, by: e.by, at: e.at, stamp: renumbered.stamp)
                seq += 1
                replayed.append(renumbered)
                pending.append(renumbered)
            } catch {
                setAside.append((e, error.description))
            }
        }
        journalOffset = chunk.end
        journalLines = chunk.lines
        staleJournalSize = size
        if missing.isEmpty {
            // Folded already (podboard stopped between writing the store and removing the journal).
            if repair {
                Journal.remove(jpath)
                journalInode = nil; journalOffset = 0; journalLines = 0; staleJournalSize = nil
                notes.append("removed \(jpath): its actions are already in the store")
            }
            return
        }
        guard repair else {
            notes.append("\(path) was changed outside podboard while \(jpath) held \(Plural.count(missing.count, "action")) not in it; "
                         + "\(replayed.count) replayed here, \(setAside.count) no longer possible; the next podboard that writes keeps them")
            return
        }
        // Set aside what cannot be replayed, in a file named in the message; then a journal for this file.
        var message = "\(path) changed outside podboard (a hand edit or a restored copy) while \(jpath) held \(Plural.count(missing.count, "action")) not in it: "
        message += "\(replayed.count) replayed onto it"
        if !setAside.isEmpty {
            let stampText = Self.fileTime()
            let aside = "\(jpath).set-aside-\(stampText).jsonl"
            var text = ""
            for (e, why) in setAside {
                guard case .object(var o) = (try? JSONParser.parse(e.json).value) ?? .null else { continue }
                o["refused"] = .string(why)
                text += JSONWriter.compact(.object(o)) + "\n"
            }
            do { try StoreFile.writeAtomically(Array(text.utf8), to: aside, mode: FileMode.of(path)?.mode ?? 0o600, group: FileMode.of(path)?.group, owner: FileMode.owner(of: path)) } catch {
                throw .journal("cannot set aside \(setAside.count) actions of \(jpath) in \(aside): \(error); nothing was changed")
            }
            message += "; \(Plural.count(setAside.count, "action")) no longer possible on it \(setAside.count == 1 ? "was" : "were") set aside in \(aside) (each with the reason): look at them and redo what still matters"
        }
        guard let loaded else { return }
        var text = Journal.header(loaded.fingerprint, seq: fileSeq) + "\n"
        for e in replayed { text += e.json + "\n" }
        do { try StoreFile.writeAtomically(Array(text.utf8), to: jpath, mode: FileMode.of(path)?.mode ?? 0o600, group: FileMode.of(path)?.group, owner: FileMode.owner(of: path)) } catch {
            throw .journal("cannot rewrite \(jpath): \(error); nothing was changed")
        }
        var st = stat()
        journalInode = stat(jpath, &st) == 0 ? UInt64(st.st_ino) : nil
        journalOffset = text.utf8.count
        journalLines = 1 + replayed.count
        staleJournalSize = nil
        notes.append(message)
    }

    static func newId() -> String { UUID().uuidString.lowercased() }

    static func fileTime() -> String {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        let z = Timestamp(epochSeconds: Int64(t.tv_sec)).text
        return z.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "+0000", with: "Z") + "-\(getpid())"
    }

    // MARK: - Committing

    /// Runs `body` holding `FILE.lock`.
    private func locked<T>(_ body: () throws(SessionError) -> T) throws(SessionError) -> T {
        guard let lock else { return try body() }
        try lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Carries out an action; when this returns it is committed (journaled and fsynced).
    /// - Parameters:
    ///   - knownSeq: the sequence number the caller's screen shows; when the action is refused and someone else
    ///     changed its target after it, the refusal names who and what.
    ///   - via: the admin acting for `person`.
    @discardableResult
    public func perform(_ action: ActionRequest, by person: String, at: Timestamp, knownSeq: Int? = nil, via: String? = nil) throws(SessionError) -> ActionOutcome {
        guard path != nil else {
            do {
                let done = try performInPlace(action, by: person, at: at, stamp: ActionStamp(via: via))
                return ActionOutcome(store: store, activity: done.activity, summary: done.summary, touched: done.touched)
            } catch { throw .refused(error) }
        }
        let mark = (seq: seq, reads: reads)
        var outcome = try locked { () throws(SessionError) -> ActionOutcome in
            _ = try catchUp(repair: true)
            if legacyJournal { try foldLocked() }
            return try commitLocked(action, by: person, at: at, knownSeq: knownSeq, via: via)
        }
        // Others' actions caught up with, or the file read again: more than this action changed.
        if seq != mark.seq + 1 || reads != mark.reads { outcome.touched = nil }
        return outcome
    }

    private func commitLocked(_ action: ActionRequest, by person: String, at: Timestamp, knownSeq: Int?, via: String?) throws(SessionError) -> ActionOutcome {
        guard let path, let jpath = journalPath, let loaded else { throw .journal("no store file") }
        let entry = JournalEntry(seq: seq + 1, at: at, by: person, action: action, id: Self.newId(), via: via)
        let done: (activity: Activity, summary: String, touched: ActionTouched?)
        // In place: the session holds the only reference to its store, so nothing of size N is copied.
        do { done = try performInPlace(action, by: person, at: at, stamp: entry.stamp) } catch {
            throw .refused(Self.conflict(error, action: action, by: person, at: at, since: knownSeq, in: store))
        }
        // One write of one line; a failed one is cut back (nothing half-written stays) and not acknowledged.
        do {
            if journalInode == nil || journalOffset == 0 {
                try Self.createJournal(jpath, header: Journal.header(loaded.fingerprint, seq: fileSeq), first: entry.json, like: path)
                var st = stat()
                journalInode = stat(jpath, &st) == 0 ? UInt64(st.st_ino) : nil
                journalOffset = Journal.header(loaded.fingerprint, seq: fileSeq).utf8.count + 1
                journalLines = 1
            } else {
                try Self.appendLine(entry.json, to: jpath, at: journalOffset)
            }
        } catch {
            // Not committed: the store goes back to the file and the journal's acknowledged actions.
            restoreAfterFailedCommit()
            throw .journal("not done: \(error.message)")
        }
        journalOffset += entry.json.utf8.count + 1
        journalLines += 1
        seq = entry.seq
        pending.append(entry)
        if foldIsDue {
            // The journal line is the commit: a fold that cannot be written only leaves the journal longer.
            do { try foldLocked() } catch { notes.append("not folded (your actions are safe in the journal, and podboard keeps working from it): \(error)") }
        }
        return ActionOutcome(store: store, activity: done.activity, summary: done.summary, touched: done.touched)
    }

    /// Group commit (`act --batch`): under one taking of the lock and one catch-up, takes actions from `next`
    /// (given the store with the group's earlier actions applied, in order) until it returns nil, throws, or an
    /// action is refused; then appends all their journal lines with one write and one fsync. When this returns,
    /// every outcome in the result is committed; nothing of the group is when it throws (a failed write).
    public func performGroup(_ next: (Store) throws -> GroupItem?) throws(SessionError) -> GroupResult {
        guard path != nil else {
            var result = GroupResult()
            while true {
                let item: GroupItem?
                do { item = try next(store) } catch { result.stopped = error; break }
                guard let item else { break }
                do { result.outcomes.append(try perform(item.action, by: item.by, at: item.at, via: item.via)) } catch { result.stopped = error; break }
            }
            return result
        }
        return try locked { () throws(SessionError) -> GroupResult in
            _ = try catchUp(repair: true)
            if legacyJournal { try foldLocked() }
            return try commitGroupLocked(next)
        }
    }

    private func commitGroupLocked(_ next: (Store) throws -> GroupItem?) throws(SessionError) -> GroupResult {
        guard let path, let jpath = journalPath, let loaded else { throw .journal("no store file") }
        var entries: [JournalEntry] = []
        var done: [(activity: Activity, summary: String)] = []
        var stopped: (any Error)?
        while true {
            let item: GroupItem?
            do { item = try next(store) } catch { stopped = error; break }
            guard let item else { break }
            let entry = JournalEntry(seq: seq + 1 + entries.count, at: item.at, by: item.by, action: item.action, id: Self.newId(), via: item.via)
            do {
                let d = try performInPlace(item.action, by: item.by, at: item.at, stamp: entry.stamp)
                done.append((d.activity, d.summary))
            } catch {
                stopped = SessionError.refused(error)
                break
            }
            entries.append(entry)
        }
        guard !entries.isEmpty else { return GroupResult(outcomes: [], stopped: stopped) }
        // One write of all the group's lines, one fsync: the commit of every one of them.
        let text = entries.map(\.json).joined(separator: "\n")
        do {
            if journalInode == nil || journalOffset == 0 {
                let header = Journal.header(loaded.fingerprint, seq: fileSeq)
                try Self.createJournal(jpath, header: header, first: text, like: path)
                var st = stat()
                journalInode = stat(jpath, &st) == 0 ? UInt64(st.st_ino) : nil
                journalOffset = header.utf8.count + 1
                journalLines = 1
            } else {
                try Self.appendLine(text, to: jpath, at: journalOffset)
            }
        } catch {
            restoreAfterFailedCommit()
            throw .journal("not done: \(error.message)")
        }
        journalOffset += text.utf8.count + 1
        journalLines += entries.count
        seq = entries[entries.count - 1].seq
        pending.append(contentsOf: entries)
        if foldIsDue {
            do { try foldLocked() } catch { notes.append("not folded (your actions are safe in the journal, and podboard keeps working from it): \(error)") }
        }
        // Built after the group, so that no outcome holds a copy of the store while the next action changes it.
        let outcomes = done.map { ActionOutcome(store: store, activity: $0.activity, summary: $0.summary, touched: nil) }
        return GroupResult(outcomes: outcomes, stopped: stopped)
    }

    /// Carries out an action on the session's own store, in place (`Workflow.perform(_:by:at:into:)`): a
    /// refusal leaves it as it was. The target is found through the session's index once it has one.
    @discardableResult
    private func performInPlace(_ action: ActionRequest, by person: String, at: Timestamp, stamp: ActionStamp) throws(ActionRefusal) -> (activity: Activity, summary: String, touched: ActionTouched?) {
        applied += 1
        if index == nil && applied >= 2 { index = StoreIndex(store) }
        let count = store.requests.count
        let before = ActionTouched.Counts(store)
        let position = index?.requests[action.target]
        let done = try Workflow.perform(action, by: person, at: at, into: &store, stamp: stamp, position: position)
        if store.requests.count > count, let r = store.requests.last { index?.noteRequest(r.id, at: store.requests.count - 1) }
        return (done.activity, done.summary, ActionTouched(action, before: before, after: store, position: position))
    }

    /// After an action was applied but its journal line could not be written: the store is read again from the
    /// file as loaded and the journal's lines (what was acknowledged); the failure path only, so its cost is fine.
    private func restoreAfterFailedCommit() {
        guard let l = loaded else { return }
        adopt(l)
        do { _ = try catchUp(repair: false) } catch { notes.append("the store could not be read again after a failed write: \(error); reopen it") }
    }

    /// A new journal: header and first line written to a temporary file, fsynced, renamed into place.
    static func createJournal(_ jpath: String, header: String, first: String, like store: String) throws(JournalError) {
        let text = header + "\n" + first + "\n"
        do { try StoreFile.writeAtomically(Array(text.utf8), to: jpath, mode: FileMode.of(store)?.mode ?? 0o600, group: FileMode.of(store)?.group, owner: FileMode.owner(of: store)) } catch {
            throw JournalError(message: "cannot write the journal \(jpath): \(error)")
        }
    }

    /// Appends one line at `offset` (the end of the last complete line), fsynced; cut back on failure.
    static func appendLine(_ line: String, to jpath: String, at offset: Int) throws(JournalError) {
        let fd = Glibc.open(jpath, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw JournalError(message: "cannot write the journal \(jpath): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, Int(st.st_size) != offset { _ = ftruncate(fd, off_t(offset)) }
        try Journal.write(Array((line + "\n").utf8), to: fd, path: jpath, restoring: off_t(offset))
    }

    var foldIsDue: Bool {
        let fileBytes = loaded?.fingerprint.size ?? 0
        if fileBytes >= bigStore { return journalOffset >= max(foldBytes, fileBytes / max(1, foldShare)) }
        return pending.count >= foldEvery || journalOffset >= foldBytes
    }

    /// Why an action is refused, naming who changed its target after `since` (the state the caller saw).
    public static func conflict(_ refusal: ActionRefusal, action: ActionRequest, by person: String, at: Timestamp, since: Int?, in store: Store) -> ActionRefusal {
        guard case .refused(let why) = refusal, let since else { return refusal }
        var target = action.target
        if action.kind == .undo, let k = Int(action.target), store.activity.indices.contains(k) { target = store.activity[k].target }
        guard let change = store.activity.last(where: { ($0.seq ?? 0) > since && $0.target == target && $0.by != person }) else { return refusal }
        let text = ActivityText(store: store)
        let zone = Zone(identifier: store.settings.timeZone) ?? .utc
        let when = zone.date(of: change.at) == zone.date(of: at) ? String(text.when(change).suffix(5)) : text.when(change)
        var what = "changed"
        if case .object(let a) = change.after, case .string(let s)? = a["status"], let status = RequestStatus(rawValue: s) {
            what = participles[status] ?? what
        }
        let how = what == "changed" ? " (\(text.what(change)))" : ""
        return .refused("\(target) was \(what) by \(text.who(change)) at \(when)\(how); \(why)")
    }

    /// "REQ-1042 was approved by …": what a change of status did to a request.
    static let participles: [RequestStatus: String] = [
        .qualifying: "sent for pre-approval", .qualified: "qualified", .disqualified: "disqualified",
        .negotiating: "handed over", .onHold: "put on hold", .pendingApproval: "submitted for approval",
        .approved: "approved", .new: "reopened", .cancelled: "cancelled", .closed: "closed", .lost: "marked lost",
    ]

    // MARK: - Folding

    /// Writes the store file with every committed action and removes the journal (under the lock). Refused,
    /// leaving the store file and the journal as they were and usable, when the file cannot be written.
    public func fold() throws(SessionError) {
        guard path != nil else { return }
        try locked { () throws(SessionError) in
            _ = try catchUp(repair: true)
            try foldLocked()
        }
    }

    private func foldLocked() throws(SessionError) {
        guard let path, let jpath = journalPath, let loaded else { return }
        guard journalInode != nil || FileManager.default.fileExists(atPath: jpath) else { return }
        if !pending.isEmpty {
            let bytes = StoreFile.encode(store)
            do { try StoreFile.replace(loaded, with: bytes) } catch { throw .save(error) }
            let new = LoadedStore(store: store, path: path, fingerprint: FileFingerprint(bytes))
            // Killed here: the journal's actions are all in the file (by id); the next writer removes it.
            Journal.remove(jpath)
            adopt(new, sameStore: true)
        } else if staleJournalSize == nil, tornBytes == 0 {
            // Only a header (or an old journal without actions): nothing to fold, the journal goes.
            Journal.remove(jpath)
            journalInode = nil; journalOffset = 0; journalLines = 0
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

/// One action of a group commit (`StoreSession.performGroup`).
public struct GroupItem: Sendable {
    public var action: ActionRequest
    public var by: String
    public var at: Timestamp
    public var via: String?
    public init(_ action: ActionRequest, by: String, at: Timestamp, via: String? = nil) {
        self.action = action; self.by = by; self.at = at; self.via = via
    }
}

/// What a group commit did: the committed actions' outcomes, in order, and why it stopped before its input
/// ended (the input's own error, or `SessionError.refused` for the refused action, which was not written).
public struct GroupResult {
    public var outcomes: [ActionOutcome] = []
    public var stopped: (any Error)?
    public init(outcomes: [ActionOutcome] = [], stopped: (any Error)? = nil) {
        self.outcomes = outcomes; self.stopped = stopped
    }
}
