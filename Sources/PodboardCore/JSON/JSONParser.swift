#if canImport(Glibc)
import Glibc
#endif

/// A JSON syntax error: where it is and what was expected there.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: SourcePosition
    public var message: String
    public var description: String { "\(position): \(message)" }
}

/// A strict RFC 8259 JSON parser that records the line and column of every value and keeps numbers
/// as their literal text.
public struct JSONParser {
    let bytes: [UInt8]
    var i = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    private static let maxDepth = 512
    /// false: the fast path of loading a store. Positions are not tracked (every node is at 0:0), repeated
    /// strings are shared (`StringTable`), and a key that appears twice in an object only sets `duplicateKey`:
    /// the caller then parses again exactly, to report every problem with its line:column.
    let exact: Bool
    private let strings: StringTable?
    /// Set by the fast path when an object has the same key twice (the exact path reports it as a problem).
    private(set) var duplicateKey = false

    /// Parses a whole document; anything after the top-level value but white space is an error.
    public static func parse(_ data: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var p = JSONParser(bytes: data)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
        p.skipWhitespace()
        let node = try p.parseValue()
        p.skipWhitespace()
        if p.i < p.bytes.count {
            throw p.error("expected the end of the document after the top-level value, found \(p.describeCurrent())")
        }
        return node
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(text.utf8))
    }

    private init(bytes: [UInt8]) { self.bytes = bytes; exact = true; strings = nil }

    /// A parser for the fast path (`exact` false) or the exact one, starting at `offset`.
    init(bytes: [UInt8], exact: Bool, offset: Int = 0) {
        self.bytes = bytes
        self.exact = exact
        strings = exact ? nil : StringTable()
        i = offset
    }

    /// Parses one value at the current offset (after white space), leaving the offset just after it.
    mutating func value() throws(JSONSyntaxError) -> JSONNode {
        skipWhitespace()
        return try parseValue()
    }

    /// The next byte that is not white space (the offset moves to it); nil at the end.
    mutating func peekByte() -> UInt8? {
        skipWhitespace()
        return i < bytes.count ? bytes[i] : nil
    }

    /// A member name at the current offset, for walking an object by hand (fast path).
    mutating func key() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a member name") }
        return try parseString(key: true)
    }

    /// Steps over one byte (a ':' or ',' the caller has checked).
    mutating func step() { advance() }

    private var position: SourcePosition { exact ? SourcePosition(line: line, column: column) : SourcePosition(line: 0, column: 0) }

    private func error(_ message: String, at pos: SourcePosition? = nil) -> JSONSyntaxError {
        JSONSyntaxError(position: pos ?? position, message: message)
    }

    private func describeCurrent() -> String {
        guard i < bytes.count else { return "the end of the file" }
        let b = bytes[i]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b == 0x0A { return "a line break" }
        if b < 0x20 { return "a control character (0x\(String(b, radix: 16)))" }
        return "a non-ASCII character"
    }

    private mutating func advance() {
        guard exact else { i += 1; return }
        let b = bytes[i]
        i += 1
        if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
    }

    mutating func skipWhitespace() {
        if !exact {
            // Indentation is most of the white space of a store: eight spaces at a time.
            bytes.withUnsafeBytes { raw in
                let n = raw.count
                while i < n {
                    if i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == 0x2020_2020_2020_2020 { i += 8; continue }
                    let b = raw[i]
                    guard b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D else { return }
                    i += 1
                }
            }
            return
        }
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        guard i < bytes.count else { throw error("expected a value, found the end of the file") }
        let start = position
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString(), start)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true, start)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false, start)
        case UInt8(ascii: "n"): try literal("null"); return .null(start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber(), start)
        default:
            throw error("expected a value (object, array, string, number, true, false or null), found \(describeCurrent())")
        }
    }

    mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let start = position
        for expected in word.utf8 {
            guard i < bytes.count, bytes[i] == expected else {
                throw error("expected '\(word)'", at: start)
            }
            advance()
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONNode {
        let start = position
        depth += 1
        if depth > Self.maxDepth { throw error("the document nests deeper than \(Self.maxDepth) levels") }
        defer { depth -= 1 }
        advance() // {
        var members: [(key: String, keyPosition: SourcePosition, value: JSONNode)] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { advance(); return .object(members, start) }
        // The fast path notices a repeated key without a set per object: a bit per distinct key of the document.
        var seen = KeyMask()
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes, found \(describeCurrent())")
            }
            let keyPos = position
            let key: String
            if strings != nil {
                let (k, id) = try internedKey()
                key = k
                if !seen.insert(id) { duplicateKey = true }
            } else {
                key = try parseString()
            }
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw error("expected ':' after the member name \"\(key)\", found \(describeCurrent())")
            }
            advance()
            skipWhitespace()
            let value = try parseValue()
            members.append((key, keyPos, value))
            skipWhitespace()
            guard i < bytes.count else { throw error("expected ',' or '}' to continue the object that starts at \(start), found the end of the file") }
            if bytes[i] == UInt8(ascii: ",") { advance(); continue }
            if bytes[i] == UInt8(ascii: "}") { advance(); return .object(members, start) }
            throw error("expected ',' or '}' in the object that starts at \(start), found \(describeCurrent())")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONNode {
        let start = position
        depth += 1
        if depth > Self.maxDepth { throw error("the document nests deeper than \(Self.maxDepth) levels") }
        defer { depth -= 1 }
        advance() // [
        var items: [JSONNode] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { advance(); return .array(items, start) }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard i < bytes.count else { throw error("expected ',' or ']' to continue the array that starts at \(start), found the end of the file") }
            if bytes[i] == UInt8(ascii: ",") { advance(); continue }
            if bytes[i] == UInt8(ascii: "]") { advance(); return .array(items, start) }
            throw error("expected ',' or ']' in the array that starts at \(start), found \(describeCurrent())")
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let startIndex = i
        let start = position
        if bytes[i] == UInt8(ascii: "-") { advance() }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected a digit in the number", at: start) }
        if bytes[i] == UInt8(ascii: "0") {
            advance()
            if i < bytes.count, isDigit(bytes[i]) { throw error("a number may not have a leading zero", at: start) }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { advance() }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            advance()
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected a digit after the decimal point") }
            while i < bytes.count, isDigit(bytes[i]) { advance() }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            advance()
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { advance() }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected a digit in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { advance() }
        }
        return String(decoding: bytes[startIndex..<i], as: UTF8.self)
    }

    /// A member name on the fast path: the shared string and its number in the document's key table.
    private mutating func internedKey() throws(JSONSyntaxError) -> (String, Int) {
        var j = i + 1
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        while j < bytes.count {
            let b = bytes[j]
            if b == 0x22 || b == 0x5C || b < 0x20 || b >= 0x80 { break }
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
            j += 1
        }
        if j < bytes.count, bytes[j] == 0x22, let strings {
            let found = strings.intern(bytes, from: i + 1, to: j, hash: h, isKey: true)
            i = j + 1
            return found
        }
        let s = try parseString()
        return (s, strings?.keyNumber(s) ?? -1)
    }

    mutating func parseString(key: Bool = false) throws(JSONSyntaxError) -> String {
        if key, strings != nil { return try internedKey().0 }
        if !exact, let strings {
            // Fast path: an ASCII string without escapes is taken in one go; short repeated ones are shared.
            var j = i + 1
            var ascii = true
            while j < bytes.count {
                let b = bytes[j]
                if b == 0x22 || b == 0x5C || b < 0x20 { break }
                if b >= 0x80 { ascii = false }
                j += 1
            }
            if j < bytes.count && bytes[j] == 0x22 {
                let len = j - i - 1
                if ascii {
                    let first = bytes[i + 1]
                    // Ids, names, tools, vendors, statuses and repeated notes are shared; times and dates (they start
                    // with a digit) are many and read once, so they are not kept.
                    if len > 15 && len <= 64 && !(first >= 0x30 && first <= 0x39) {
                        // Hashed only when shared (a hash per byte of every string was a tenth of a load).
                        var h: UInt64 = 0xcbf2_9ce4_8422_2325
                        for k in (i + 1)..<j { h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
                        let s = strings.intern(bytes, from: i + 1, to: j, hash: h, isKey: false).0
                        i = j + 1
                        return s
                    }
                    let s = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                    i = j + 1
                    return s
                }
                guard let s = String(validating: bytes[(i + 1)..<j], as: UTF8.self) else {
                    throw error("the string that starts here is not valid UTF-8")
                }
                i = j + 1
                return s
            }
        }
        let start = position
        // Most strings have no escape and no control character: take their bytes in one go.
        var j = i + 1
        var columns = 0
        while j < bytes.count {
            let b = bytes[j]
            if b == 0x22 || b == 0x5C || b < 0x20 { break }
            if b & 0xC0 != 0x80 { columns += 1 }
            j += 1
        }
        if j < bytes.count && bytes[j] == 0x22 {
            guard let s = String(validating: bytes[(i + 1)..<j], as: UTF8.self) else {
                throw error("the string that starts here is not valid UTF-8", at: start)
            }
            i = j + 1
            column += columns + 2
            return s
        }
        advance() // opening quote
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw error("the string that starts at \(start) is not closed", at: start) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { advance(); break }
            if b < 0x20 {
                throw error(b == 0x0A ? "a line break inside a string (write it as \\n)" : "a control character inside a string (escape it)")
            }
            if b == UInt8(ascii: "\\") {
                advance()
                guard i < bytes.count else { throw error("the string that starts at \(start) is not closed", at: start) }
                let e = bytes[i]
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    advance()
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        // A high surrogate must be followed by \u and a low surrogate.
                        if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                            advance(); advance()
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw error("an unpaired UTF-16 surrogate in a \\u escape") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            throw error("an unpaired UTF-16 surrogate in a \\u escape")
                        }
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("an unpaired UTF-16 surrogate in a \\u escape")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
                    continue
                default:
                    throw error("an unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                }
                advance()
                continue
            }
            out.append(b)
            advance()
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw error("the string that starts here is not valid UTF-8", at: start)
        }
        return s
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < bytes.count else { throw error("expected four hex digits after \\u") }
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("expected four hex digits after \\u")
            }
            v = v * 16 + d
            advance()
        }
        return v
    }
}

/// The keys seen in one object, by their number in the document's key table (fast path of `JSONParser`).
struct KeyMask {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var others: [Int] = []

    /// false when the key was already in the object.
    mutating func insert(_ id: Int) -> Bool {
        if id >= 0 && id < 64 {
            let bit: UInt64 = 1 << UInt64(id)
            defer { low |= bit }
            return low & bit == 0
        }
        if id >= 64 && id < 128 {
            let bit: UInt64 = 1 << UInt64(id - 64)
            defer { high |= bit }
            return high & bit == 0
        }
        if id < 0 { return true }
        if others.contains(id) { return false }
        others.append(id)
        return true
    }
}

/// Repeated strings of one document, shared (one allocation each), and the document's distinct keys numbered.
/// Bounded: once full, new strings are made as usual.
final class StringTable {
    private struct Entry { let hash: UInt64; let start: Int; let count: Int; let value: String; let number: Int }
    private var entries: [Entry] = []
    private var slots = [Int32](repeating: -1, count: 1 << 15)
    private var keys = 0
    private var keyNumbers: [String: Int] = [:]
    private static let limit = 1 << 14

    /// The shared string for `bytes[from..<to]` (ASCII, no escapes) and, for a key, its number.
    func intern(_ bytes: [UInt8], from: Int, to: Int, hash: UInt64, isKey: Bool) -> (String, Int) {
        let count = to - from
        let mask = slots.count - 1
        var k = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let e = slots[k]
            if e < 0 { break }
            let entry = entries[Int(e)]
            if entry.hash == hash && entry.count == count && Self.same(bytes, entry.start, from, count) {
                if isKey && entry.number < 0 { return (entry.value, keyNumber(entry.value)) }
                return (entry.value, entry.number)
            }
            k = (k + 1) & mask
        }
        let value = String(decoding: bytes[from..<to], as: UTF8.self)
        let number = isKey ? keyNumber(value) : -1
        if entries.count < Self.limit {
            slots[k] = Int32(entries.count)
            entries.append(Entry(hash: hash, start: from, count: count, value: value, number: number))
        }
        return (value, number)
    }

    /// A key's number in this document (the first key seen is 0).
    func keyNumber(_ key: String) -> Int {
        if let n = keyNumbers[key] { return n }
        keyNumbers[key] = keys
        keys += 1
        return keys - 1
    }

    private static func same(_ bytes: [UInt8], _ a: Int, _ b: Int, _ count: Int) -> Bool {
        if a == b { return true }
        return bytes.withUnsafeBufferPointer { p in memcmp(p.baseAddress! + a, p.baseAddress! + b, count) == 0 }
    }
}
