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

/// The journal beside a store (`FILE.journal`, JSON Lines): every action is appended and fsynced (under
/// `FILE.lock`) before podboard says it is done, and folded into the store file later. The first line names the
/// store file the actions extend: its fingerprint and its sequence number (the highest `seq` in its activity).
/// Each entry carries its global sequence number and its id. A journal without a `seq` in its header was
/// written by an older podboard: its entries have no global numbers.
public enum Journal {
    public static func path(for store: String) -> String { store + ".journal" }

    /// What a journal file holds.
    public struct Contents: Sendable {
        /// The store file the actions apply to; nil when the header itself was never completely written
        /// (podboard stopped while creating the journal), in which case there are no entries either.
        public var base: FileFingerprint?
        /// The sequence number of that store file; nil for a journal of an older podboard.
        public var baseSeq: Int?
        public var entries: [JournalEntry]
        /// Set when the last line was incomplete (a crash while writing it): it was never acknowledged.
        public var tornLine: Int?
    }

    /// A journal's first line.
    public struct Header: Sendable, Equatable {
        public var base: FileFingerprint
        public var seq: Int?
    }

    static func header(_ base: FileFingerprint, seq: Int? = nil) -> String {
        "{\"podboard-journal\": 1, \"base\": {\"size\": \(base.size), \"fnv1a\": \"\(String(base.hash, radix: 16))\"}"
            + (seq.map { ", \"seq\": \($0)" } ?? "") + "}"
    }

    static func parseHeader(_ line: String, path: String) throws(JournalError) -> Header {
        guard let head = try? JSONParser.parse(line).value, case .object(let h) = head, h["podboard-journal"] == .number("1"),
              case .object(let b)? = h["base"], case .number(let size)? = b["size"], case .string(let hex)? = b["fnv1a"],
              let sz = Int(size), let hash = UInt64(hex, radix: 16) else {
            throw JournalError(message: "\(path):1: not a podboard journal header")
        }
        var seq: Int?
        if case .number(let n)? = h["seq"] { seq = Int(n) }
        return Header(base: FileFingerprint(size: sz, hash: hash), seq: seq)
    }

    static func parseEntry(_ line: String, path: String, lineNo: Int) throws(JournalError) -> JournalEntry {
        guard let v = try? JSONParser.parse(line).value, case .object(let o) = v, case .number(let seq)? = o["seq"],
              let n = Int(seq), case .string(let atText)? = o["at"], let at = Timestamp(atText), case .string(let by)? = o["by"] else {
            throw JournalError(message: "\(path):\(lineNo): not a journal entry; the journal is damaged (nothing was changed)")
        }
        switch ActionCoding.decode(v) {
        case .success(let a):
            var id: String?, via: String?
            if case .string(let s)? = o["id"] { id = s }
            if case .string(let s)? = o["via"] { via = s }
            return JournalEntry(seq: n, at: at, by: by, action: a, id: id, via: via)
        case .failure(let e): throw JournalError(message: "\(path):\(lineNo): \(e)")
        }
    }

    /// What a stretch of a journal holds: its complete lines, parsed.
    struct Chunk {
        var header: Header?
        var entries: [JournalEntry] = []
        /// The offset just after the last complete line.
        var end: Int
        /// Lines consumed (the header included), to name lines in messages.
        var lines: Int
        /// Bytes after the last complete line (a line being written, or torn by a crash).
        var tornBytes: Int
    }

    /// Parses the complete lines of `bytes` (read from `offset`, after `linesBefore` lines); a last line without
    /// its newline is left for later (being written, or torn: never acknowledged).
    static func parse(_ bytes: ArraySlice<UInt8>, offset: Int, linesBefore: Int, path: String) throws(JournalError) -> Chunk {
        var chunk = Chunk(end: offset, lines: linesBefore, tornBytes: 0)
        var start = bytes.startIndex
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            let line = String(decoding: bytes[start..<nl], as: UTF8.self)
            chunk.lines += 1
            if chunk.lines == 1 {
                chunk.header = try parseHeader(line, path: path)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                chunk.entries.append(try parseEntry(line, path: path, lineNo: chunk.lines))
            }
            chunk.end = offset + (nl + 1 - bytes.startIndex)
            start = nl + 1
        }
        chunk.tornBytes = bytes.endIndex - start
        return chunk
    }

    /// Reads a journal; nil when there is none (or it is empty).
    public static func read(_ path: String) throws(JournalError) -> Contents? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw JournalError(message: "\(path): cannot be read") }
        let bytes = [UInt8](data)
        guard !bytes.isEmpty else { return nil }
        let chunk = try parse(bytes[...], offset: 0, linesBefore: 0, path: path)
        return Contents(base: chunk.header?.base, baseSeq: chunk.header?.seq, entries: chunk.entries,
                        tornLine: chunk.tornBytes > 0 ? chunk.lines + 1 : nil)
    }

    /// Appends lines and fsyncs; creates the file (with its header) when needed. A write that fails part way
    /// (a full disk) is cut back to the size before it (ftruncate, fsync), so that nothing half-written stays
    /// in front of the next line; the error says the lines were not written.
    static func append(_ lines: [String], to path: String, base: FileFingerprint, seq: Int? = nil, like store: String? = nil) throws(JournalError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw JournalError(message: "cannot write the journal \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalError(message: "cannot read the journal \(path): \(String(cString: strerror(errno)))") }
        let empty = st.st_size == 0
        if empty, let store { FileMode.copy(from: store, to: fd) }
        var text = empty ? header(base, seq: seq) + "\n" : ""
        for l in lines { text += l + "\n" }
        try write(Array(text.utf8), to: fd, path: path, restoring: off_t(st.st_size))
        if empty { syncFolder(of: path) }
    }

    /// Writes all of `bytes` at the end of `fd` and fsyncs; on any failure cuts the file back to `size`.
    static func write(_ bytes: [UInt8], to fd: Int32, path: String, restoring size: off_t) throws(JournalError) {
        var off = 0
        var failure: String?
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = "cannot write the journal \(path): \(String(cString: strerror(errno)))"
                break
            }
            off += n
        }
        if failure == nil, fsync(fd) != 0 { failure = "cannot sync the journal \(path): \(String(cString: strerror(errno)))" }
        guard let failure else { return }
        // Back to the last good byte, before anything else can be written after the broken one.
        _ = ftruncate(fd, size)
        _ = fsync(fd)
        throw JournalError(message: failure)
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
