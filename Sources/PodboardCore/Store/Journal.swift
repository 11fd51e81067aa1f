import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One journal line: an action, who did it and when. Replaying it on the same store gives the same result.
public struct JournalEntry: Sendable, Equatable {
    public var seq: Int
    public var at: Timestamp
    public var by: String
    public var action: ActionRequest
    /// The action's unique id (also written into its activity entry).
    public var id: String?
    /// The admin who acted for `by`.
    public var via: String?

    public init(seq: Int, at: Timestamp, by: String, action: ActionRequest, id: String? = nil, via: String? = nil) {
        self.seq = seq; self.at = at; self.by = by; self.action = action; self.id = id; self.via = via
    }

    /// The stamp its activity entry gets when the action is carried out.
    public var stamp: ActionStamp { ActionStamp(id: id, seq: id == nil ? nil : seq, via: via) }

    public var json: String {
        guard case .object(var o) = ActionCoding.encode(action) else { return "" }
        o["seq"] = .number(String(seq)); o["at"] = .string(at.text); o["by"] = .string(by)
        if let id { o["id"] = .string(id) }
        if let via { o["via"] = .string(via) }
        return JSONWriter.compact(.object(o))
    }
}

/// Why the journal could not be read or written.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The journal beside a store (`FILE.journal`, JSON Lines): every action is appended and fsynced before
/// podboard says it is done, and folded into the store later. The first line names the store file's
/// fingerprint the actions apply to.
public enum Journal {
    public static func path(for store: String) -> String { store + ".journal" }

    /// What a journal file holds.
    public struct Contents: Sendable {
        /// The store file the actions apply to; nil when the header itself was never completely written
        /// (podboard stopped while creating the journal), in which case there are no entries either.
        public var base: FileFingerprint?
        public var entries: [JournalEntry]
        /// Set when the last line was incomplete (a crash while writing it): it was never acknowledged.
        public var tornLine: Int?
    }

    static func header(_ base: FileFingerprint) -> String {
        "{\"podboard-journal\": 1, \"base\": {\"size\": \(base.size), \"fnv1a\": \"\(String(base.hash, radix: 16))\"}}"
    }

    /// Reads a journal; nil when there is none.
    public static func read(_ path: String) throws(JournalError) -> Contents? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw JournalError(message: "\(path): cannot be read") }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let complete = text.hasSuffix("\n")
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { return nil }
        var torn: Int?
        // A last line without its newline was being written when the process died: never acknowledged.
        if !complete { torn = lines.count; lines.removeLast() }
        guard let first = lines.first else { return Contents(base: nil, entries: [], tornLine: torn) }
        guard let head = try? JSONParser.parse(first).value, case .object(let h) = head, h["podboard-journal"] == .number("1"),
              case .object(let b)? = h["base"], case .number(let size)? = b["size"], case .string(let hex)? = b["fnv1a"],
              let sz = Int(size), let hash = UInt64(hex, radix: 16) else {
            throw JournalError(message: "\(path):1: not a podboard journal header")
        }
        var entries: [JournalEntry] = []
        for (i, line) in lines.enumerated().dropFirst() {
            let lineNo = i + 1
            guard let v = try? JSONParser.parse(line).value, case .object(let o) = v, case .number(let seq)? = o["seq"],
                  let n = Int(seq), case .string(let atText)? = o["at"], let at = Timestamp(atText), case .string(let by)? = o["by"] else {
                throw JournalError(message: "\(path):\(lineNo): not a journal entry; the journal is damaged (nothing was changed)")
            }
            switch ActionCoding.decode(v) {
            case .success(let a):
                var id: String?, via: String?
                if case .string(let s)? = o["id"] { id = s }
                if case .string(let s)? = o["via"] { via = s }
                entries.append(JournalEntry(seq: n, at: at, by: by, action: a, id: id, via: via))
            case .failure(let e): throw JournalError(message: "\(path):\(lineNo): \(e)")
            }
        }
        return Contents(base: FileFingerprint(size: sz, hash: hash), entries: entries, tornLine: torn)
    }

    /// Appends lines and fsyncs; creates the file (with its header) when needed.
    static func append(_ lines: [String], to path: String, base: FileFingerprint) throws(JournalError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw JournalError(message: "cannot write the journal \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // An empty file (new, or left by a podboard that stopped right after creating it) gets its header.
        var st = stat()
        let empty = fstat(fd, &st) == 0 && st.st_size == 0
        var text = empty ? header(base) + "\n" : ""
        for l in lines { text += l + "\n" }
        let bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError(message: "cannot write the journal \(path): \(String(cString: strerror(errno)))")
            }
            off += n
        }
        guard fsync(fd) == 0 else { throw JournalError(message: "cannot sync the journal \(path): \(String(cString: strerror(errno)))") }
        if empty { syncFolder(of: path) }
    }

    static func remove(_ path: String) {
        unlink(path)
        syncFolder(of: path)
    }

    static func syncFolder(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }
}
