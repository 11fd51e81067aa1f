import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A store read from a file, with what is needed to save it back safely.
public struct LoadedStore: Sendable {
    public var store: Store
    /// The file it came from.
    public let path: String
    /// A fingerprint of the bytes read, to notice when someone else changed the file since.
    public let fingerprint: FileFingerprint
}

/// The size and a 64-bit FNV-1a hash of a file's bytes.
public struct FileFingerprint: Sendable, Equatable {
    public let size: Int
    public let hash: UInt64

    public init(size: Int, hash: UInt64) { self.size = size; self.hash = hash }

    public init(_ bytes: [UInt8]) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        size = bytes.count
        hash = h
    }
}

/// Why a store could not be saved. Nothing was changed on disk in any of these cases.
public enum StoreSaveError: Error, Sendable, CustomStringConvertible {
    /// The file changed on disk since it was read; podboard never overwrites it.
    case changedOnDisk(path: String)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .changedOnDisk(let path):
            return "\(path) changed on disk since podboard read it; nothing was written (reopen the store to see the other changes)"
        case .io(let path, let reason):
            return "cannot save \(path): \(reason)"
        }
    }
}

/// Reading, validating and atomically writing store files.
public enum StoreFile {
    /// Reads a whole store file. Only a regular file (or a symlink to one) is read: a FIFO, a device such as
    /// /dev/zero or /dev/urandom, a socket or a folder is refused before a byte is read (no hang, no flood), and
    /// so is a file larger than `StoreLimits.maxBytes` (`$PODBOARD_MAX_STORE_BYTES`, default 2 GB).
    public static func readBytes(_ path: String, maxBytes: Int64 = StoreLimits.maxBytes) throws(StoreLoadError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO without a writer would wait forever; fstat then says what it is.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if let kind = StoreLimits.notRegular(st.st_mode) {
            throw .unreadable(path: path, reason: "it is \(kind), not a regular file (a store is a JSON file)")
        }
        let size = Int64(st.st_size)
        if size > maxBytes {
            throw .unreadable(path: path, reason: "it is \(StoreLimits.describe(size)), larger than the limit of \(StoreLimits.describe(maxBytes)) (set PODBOARD_MAX_STORE_BYTES to read it)")
        }
        // Back to blocking reads of a regular file; never more than its size (and the limit) plus one chunk.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var out = try readAtOnce(fd, size: Int(size), path: path)
        _ = lseek(fd, off_t(out.count), SEEK_SET)
        // A file that grew since its size was read: the rest, a chunk at a time.
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
            if Int64(out.count) > maxBytes {
                throw .unreadable(path: path, reason: "it grew past the limit of \(StoreLimits.describe(maxBytes)) while being read")
            }
        }
        return out
    }

    /// The file's first `size` bytes (fewer if it shrank meanwhile), read straight into the array; a large file in
    /// two halves at once (a store of 400 MB: the kernel's copy and the new memory's page faults on both cores).
    private static func readAtOnce(_ fd: Int32, size: Int, path: String) throws(StoreLoadError) -> [UInt8] {
        final class Parts: @unchecked Sendable {
            var got = [Int](repeating: 0, count: 2)
            var failure: Int32 = 0
            var base: UnsafeMutablePointer<UInt8>?
        }
        let parts = Parts()
        let half = size >= 8 << 20 ? (size / 2) & ~0xFFFF : size
        let out = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            parts.base = buffer.baseAddress
            let read: @Sendable (Int) -> Void = { k in
                let start = k == 0 ? 0 : half, end = k == 0 ? half : size
                var at = start
                while at < end {
                    let r = pread(fd, parts.base! + at, end - at, off_t(at))
                    if r < 0 { if errno == EINTR { continue }; parts.failure = errno; break }
                    if r == 0 { break }  // it shrank
                    at += r
                }
                parts.got[k] = at - start
            }
            if half < size { DispatchQueue.concurrentPerform(iterations: 2, execute: read) } else { read(0) }
            // Whole up to the first part that came short.
            count = parts.got[0] < half ? parts.got[0] : half + (half < size ? parts.got[1] : 0)
        }
        if parts.failure != 0 { throw .unreadable(path: path, reason: String(cString: strerror(parts.failure))) }
        return out
    }

    /// Parses and validates bytes as a store: every problem found, or the store.
    public static func decode(_ bytes: [UInt8]) -> (store: Store?, problems: [StoreProblem]) {
        // Almost every store is valid: decoded fast first; any problem, and it is decoded again exactly, to report
        // every problem with its path and line:column (docs/decisions.md, "Loading a large store").
        if let store = FastLoad.decode(bytes) { return (store, []) }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return (nil, [StoreProblem(path: "", position: error.position, message: "broken JSON: \(error.message)")])
        }
        var (store, problems) = StoreDecoder.decode(root)
        let duplicates = DuplicateKeys.problems(in: root)
        if !duplicates.isEmpty {
            problems = (problems + duplicates).sorted { ($0.position ?? SourcePosition(line: .max, column: 0)) < ($1.position ?? SourcePosition(line: .max, column: 0)) }
        }
        return (problems.isEmpty ? store : nil, problems)
    }

    /// Loads and validates a store file.
    /// A symlinked store is resolved once, here: the loaded store's `path` is the real file, so that the lock,
    /// the journal, the backup and the save all go through it (the link stays a link).
    public static func load(_ path: String) throws(StoreLoadError) -> LoadedStore {
        let path = realPath(path)
        let bytes = try readBytes(path)
        // The fingerprint (a serial hash of every byte) is computed on another core while the store is decoded.
        final class Box: @unchecked Sendable { var fingerprint: FileFingerprint?; var decoded: (store: Store?, problems: [StoreProblem])? }
        let box = Box()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 { box.fingerprint = FileFingerprint(bytes) } else { box.decoded = decode(bytes) }
        }
        guard let store = box.decoded?.store else { throw .invalid(path: path, problems: box.decoded?.problems ?? []) }
        return LoadedStore(store: store, path: path, fingerprint: box.fingerprint!)
    }

    /// The store as the bytes podboard writes.
    public static func encode(_ store: Store) -> [UInt8] {
        Array(JSONWriter.write(StoreEncoder.encode(store)).utf8)
    }

    /// Called right before the last comparison of a save (tests: a change landing while a save is written).
    nonisolated(unsafe) static var beforeFinalCheck: (() -> Void)?

    /// Saves a store over the file it was loaded from (see `replace`). Returns the new fingerprint.
    @discardableResult
    public static func save(_ store: Store, over loaded: LoadedStore) throws(StoreSaveError) -> LoadedStore {
        let bytes = encode(store)
        try replace(loaded, with: bytes)
        return LoadedStore(store: store, path: loaded.path, fingerprint: FileFingerprint(bytes))
    }

    /// Replaces the file `loaded` came from with `bytes`, refusing when the file on disk is no longer the one
    /// loaded. The new file is written beside it (same mode and group), fsynced, and renamed over it; the
    /// previous file is kept as `FILE.bak` by a hard link (no copy: a save needs the new file's size free, not
    /// three times the store). The file on disk is compared with what was loaded right before the rename, after
    /// everything else is written, so that a change landing during the save is never overwritten.
    static func replace(_ loaded: LoadedStore, with bytes: [UInt8]) throws(StoreSaveError) {
        let path = loaded.path
        guard let (mode, group) = FileMode.of(path) else { throw .changedOnDisk(path: path) }
        let dir = folder(of: path), name = (path as NSString).lastPathComponent
        if let free = freeBytes(dir), free < Int64(bytes.count) + 64 * 1024 {
            throw .io(path: path, reason: "the disk is full: writing it needs \(megabytes(Int64(bytes.count) + 64 * 1024)) free in \(dir), and \(megabytes(free)) \(free == 1 ? "is" : "are")")
        }
        let tmp = try writeTemporary(bytes, for: path, mode: mode, group: group, owner: FileMode.owner(of: path))
        let bakTmp = dir + "/." + name + ".bak.tmp-\(getpid())"
        unlink(bakTmp)
        if link(path, bakTmp) != 0 {
            // A file system without hard links: a copy of the file as it is now.
            if let current = try? readBytes(path), let t = try? writeTemporary(current, for: path + ".bak", mode: mode, group: group, owner: FileMode.owner(of: path)) {
                _ = rename(t, bakTmp)
            }
        }
        beforeFinalCheck?()
        let now: [UInt8]? = try? readBytes(path)
        guard let now, FileFingerprint(now) == loaded.fingerprint else {
            unlink(tmp); unlink(bakTmp)
            throw .changedOnDisk(path: path)
        }
        if access(bakTmp, F_OK) == 0 { _ = rename(bakTmp, path + ".bak") }
        guard rename(tmp, path) == 0 else {
            let r = String(cString: strerror(errno))
            unlink(tmp)
            throw .io(path: path, reason: r)
        }
        syncFolder(dir)
    }

    /// The real path of a file (symlinks resolved); the path itself when it cannot be resolved.
    public static func realPath(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }

    static func folder(of path: String) -> String {
        let d = (path as NSString).deletingLastPathComponent
        return d.isEmpty ? "." : d
    }

    static func syncFolder(_ dir: String) {
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// Free bytes for this process in a folder; nil when unknown.
    static func freeBytes(_ dir: String) -> Int64? {
        var v = statvfs()
        guard statvfs(dir, &v) == 0 else { return nil }
        return Int64(v.f_bavail) * Int64(v.f_frsize)
    }

    static func megabytes(_ n: Int64) -> String {
        n < 1 << 20 ? "\(max(1, n / 1024)) KB" : String(format: "%.1f MB", Double(n) / 1_048_576)
    }

    /// Writes `bytes` to a new temporary file in the folder of `path` (mode and group given), fsynced; its path.
    /// `owner`: the user to give it (only root can: root saving another user's store keeps it theirs).
    static func writeTemporary(_ bytes: [UInt8], for path: String, mode: mode_t, group: gid_t? = nil, owner: uid_t? = nil) throws(StoreSaveError) -> String {
        let dir = folder(of: path), name = (path as NSString).lastPathComponent
        let tmp = dir + "/." + name + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .io(path: path, reason: "cannot create \(tmp): \(String(cString: strerror(errno)))") }
        var ok = true
        var reason = ""
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false; reason = String(cString: strerror(errno)); return
                }
                off += n
            }
        }
        if ok && fchmod(fd, mode) != 0 { ok = false; reason = String(cString: strerror(errno)) }
        if ok, let group {
            var st = stat()
            if fstat(fd, &st) == 0, st.st_gid != group { _ = fchown(fd, uid_t.max, group) }
        }
        if ok, let owner { FileMode.give(fd, to: owner, group: group) }
        if ok && fsync(fd) != 0 { ok = false; reason = String(cString: strerror(errno)) }
        close(fd)
        guard ok else { unlink(tmp); throw .io(path: path, reason: reason) }
        return tmp
    }

    /// Writes a new store file (used by `podboard demo --out`); refuses to replace an existing file unless asked.
    public static func create(_ store: Store, at path: String, replace: Bool = false) throws(StoreSaveError) {
        if !replace && access(path, F_OK) == 0 {
            throw .io(path: path, reason: "the file already exists (use --force to replace it)")
        }
        try writeAtomically(encode(store), to: path, mode: 0o644)
    }

    /// Writes bytes to `path` atomically: a temporary file in the same folder, fsync, rename over the path,
    /// then fsync of the folder so the rename itself is durable.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t, group: gid_t? = nil, owner: uid_t? = nil) throws(StoreSaveError) {
        let tmp = try writeTemporary(bytes, for: path, mode: mode, group: group, owner: owner)
        guard rename(tmp, path) == 0 else {
            let r = String(cString: strerror(errno))
            unlink(tmp)
            throw .io(path: path, reason: r)
        }
        syncFolder(folder(of: path))
    }
}
