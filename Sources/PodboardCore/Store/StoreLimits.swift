import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What podboard agrees to read as a store (docs/decisions.md, "Hostile input and output").
public enum StoreLimits {
    /// The default largest store file: 2 GB.
    public static let defaultMaxBytes: Int64 = 2 << 30

    /// The largest store file podboard reads: `$PODBOARD_MAX_STORE_BYTES` (bytes, or with a K, M or G suffix:
    /// `500M`, `4G`), else 2 GB. A value that is not a size is ignored (the default holds).
    public static var maxBytes: Int64 {
        parse(ProcessInfo.processInfo.environment["PODBOARD_MAX_STORE_BYTES"]) ?? defaultMaxBytes
    }

    /// `"500M"` → 524288000; nil when not a positive size.
    public static func parse(_ text: String?) -> Int64? {
        guard var t = text?.trimmingCharacters(in: .whitespaces).uppercased(), !t.isEmpty else { return nil }
        if t.hasSuffix("B") { t.removeLast() }
        var factor: Int64 = 1
        switch t.last {
        case "K": factor = 1 << 10
        case "M": factor = 1 << 20
        case "G": factor = 1 << 30
        default: break
        }
        if factor > 1 { t.removeLast() }
        guard let n = Int64(t), n > 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? Int64.max : v
    }

    /// A size for people: `2 GB`, `12.5 MB`, `300 bytes`.
    public static func describe(_ n: Int64) -> String {
        if n >= 1 << 30 { return n % (1 << 30) == 0 ? "\(n >> 30) GB" : String(format: "%.1f GB", Double(n) / Double(1 << 30)) }
        if n >= 1 << 20 { return n % (1 << 20) == 0 ? "\(n >> 20) MB" : String(format: "%.1f MB", Double(n) / Double(1 << 20)) }
        if n >= 1 << 10 { return n % (1 << 10) == 0 ? "\(n >> 10) KB" : String(format: "%.1f KB", Double(n) / Double(1 << 10)) }
        return n == 1 ? "1 byte" : "\(n) bytes"
    }

    /// What a file of this mode is when it is not a regular file ("a FIFO (named pipe)"); nil for a regular file.
    static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}
