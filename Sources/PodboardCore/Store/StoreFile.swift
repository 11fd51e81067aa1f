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
    /// Reads a whole file.
    public static func readBytes(_ path: String) throws(StoreLoadError) -> [UInt8] {
        var st = stat()
        if stat(path, &st) != 0 {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a folder, not a file") }
        guard let f = fopen(path, "rb") else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(f) }
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size) + 1)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n > 0 { out.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count {
                if ferror(f) != 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
                break
            }
        }
        return out
    }

    /// Parses and validates bytes as a store: every problem found, or the store.
    public static func decode(_ bytes: [UInt8]) -> (store: Store?, problems: [StoreProblem]) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return (nil, [StoreProblem(path: "", position: error.position, message: "broken JSON: \(error.message)")])
        }
        let (store, problems) = StoreDecoder.decode(root)
        return (problems.isEmpty ? store : nil, problems)
    }

    /// Loads and validates a store file.
    public static func load(_ path: String) throws(StoreLoadError) -> LoadedStore {
        let bytes = try readBytes(path)
        let (store, problems) = decode(bytes)
        guard let store else { throw .invalid(path: path, problems: problems) }
        return LoadedStore(store: store, path: path, fingerprint: FileFingerprint(bytes))
    }

    /// The store as the bytes podboard writes.
    public static func encode(_ store: Store) -> [UInt8] {
        Array(JSONWriter.write(StoreEncoder.encode(store)).utf8)
    }

    /// Saves a store over the file it was loaded from: refuses when the file changed on disk since it was read;
    /// otherwise keeps the previous version as `FILE.bak` and replaces the file atomically (temporary file in
    /// the same folder, fsync, rename, fsync of the folder), keeping its mode. Returns the new fingerprint.
    @discardableResult
    public static func save(_ store: Store, over loaded: LoadedStore) throws(StoreSaveError) -> LoadedStore {
        let path = loaded.path
        let current: [UInt8]
        do { current = try readBytes(path) } catch { throw .changedOnDisk(path: path) }
        guard FileFingerprint(current) == loaded.fingerprint else { throw .changedOnDisk(path: path) }
        var st = stat()
        let mode: mode_t = stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644
        let bytes = encode(store)
        try writeAtomically(current, to: path + ".bak", mode: mode)
        try writeAtomically(bytes, to: path, mode: mode)
        return LoadedStore(store: store, path: path, fingerprint: FileFingerprint(bytes))
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
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t) throws(StoreSaveError) {
        let dir = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let tmp = dir + "/." + name + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode)
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
        if ok && fsync(fd) != 0 { ok = false; reason = String(cString: strerror(errno)) }
        close(fd)
        guard ok else { unlink(tmp); throw .io(path: path, reason: reason) }
        guard rename(tmp, path) == 0 else {
            let r = String(cString: strerror(errno))
            unlink(tmp)
            throw .io(path: path, reason: r)
        }
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }
}
