import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files podboard creates beside a store (journal, lock, backup, set-aside files, the temporary file of a
/// save) get the store file's permission bits and group, whatever the umask: a team's group-writable store stays
/// usable by every member, and nothing becomes world-writable unless the store is.
enum FileMode {
    /// The store's mode bits (read/write only) and group; nil when it cannot be read.
    static func of(_ store: String) -> (mode: mode_t, group: gid_t)? {
        var st = stat()
        guard stat(store, &st) == 0 else { return nil }
        return (st.st_mode & 0o666, st.st_gid)
    }

    /// Gives the open file `fd` the store's mode and group (a group the process is not in is left as it is),
    /// and its owner when podboard runs as root.
    static func copy(from store: String, to fd: Int32) {
        guard let m = of(store) else { return }
        _ = fchmod(fd, m.mode)
        var st = stat()
        if fstat(fd, &st) == 0, st.st_gid != m.group { _ = fchown(fd, uid_t.max, m.group) }
        if let owner = owner(of: store) { give(fd, to: owner, group: m.group) }
    }

    /// The store's owner.
    static func owner(of store: String) -> uid_t? {
        var st = stat()
        guard stat(store, &st) == 0 else { return nil }
        return st.st_uid
    }

    /// Gives the open file `fd` to `owner` (and `group`) when it is not theirs: only root can, and only root
    /// needs to (a file root writes is root's, and a 0600 store would become unreadable to its owner).
    static func give(_ fd: Int32, to owner: uid_t, group: gid_t?) {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_uid != owner, geteuid() == 0 else { return }
        _ = fchown(fd, owner, group ?? gid_t.max)
    }
}

/// `FILE.lock`: held (flock, exclusive, blocking) by a writer only for one action or one fold, never while a
/// session sits idle. flock is released however the process ends, so a killed podboard never leaves it held.
final class StoreLock {
    let path: String
    private var fd: Int32 = -1

    init(store: String) { path = store + ".lock" }
    deinit { if fd >= 0 { close(fd) } }

    /// Takes the lock, waiting for the writer that holds it (one action at most).
    func lock() throws(SessionError) {
        if fd < 0 {
            var created = true
            var f = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if f < 0 && errno == EEXIST {
                created = false
                f = open(path, O_RDWR | O_CLOEXEC)
                if f < 0 { f = open(path, O_RDONLY | O_CLOEXEC) }
            }
            guard f >= 0 else {
                throw .journal("cannot take the lock \(path): \(String(cString: strerror(errno))) (podboard needs to write in the store's folder)")
            }
            if created { FileMode.copy(from: String(path.dropLast(5)), to: f) }
            fd = f
        }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw .journal("cannot take the lock \(path): \(String(cString: strerror(errno)))")
        }
    }

    func unlock() {
        if fd >= 0 { _ = flock(fd, LOCK_UN) }
    }
}
