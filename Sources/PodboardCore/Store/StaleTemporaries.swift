import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The temporary files a killed save leaves beside a store (`.FILE.tmp-PID`, as large as the store, and those of
/// its backup and journal: `.FILE.bak.tmp-PID`, `.FILE.journal.tmp-PID`, …). The next podboard that opens the
/// store for writing removes those whose process is gone (under the store's lock, so never one being written).
enum StaleTemporaries {
    /// Removes the temporary files of dead processes beside `store`; their names.
    @discardableResult
    static func remove(besides store: String) -> [String] {
        let dir = StoreFile.folder(of: store)
        let prefix = "." + (store as NSString).lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid(in: name), pid != getpid(), !isAlive(pid) else { continue }
            let path = dir + "/" + name
            var st = stat()
            // Only regular files: never follow a link someone placed there.
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// The process id at the end of a temporary file's name (`….tmp-1234`); nil for other names.
    static func pid(in name: String) -> pid_t? {
        guard let r = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let digits = name[r.upperBound...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int32(digits), n > 0 else { return nil }
        return n
    }

    /// Whether a process with this id exists (one of another user counts as alive).
    static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
