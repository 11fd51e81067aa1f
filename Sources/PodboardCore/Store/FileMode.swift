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

    /// Gives the open file `fd` the store's mode and group (a group the process is not in is left as it is).
    static func copy(from store: String, to fd: Int32) {
        guard let m = of(store) else { return }
        _ = fchmod(fd, m.mode)
        var st = stat()
        if fstat(fd, &st) == 0, st.st_gid != m.group { _ = fchown(fd, uid_t.max, m.group) }
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
