/// Writes JSON as podboard stores it: two-space indentation, one member per line, arrays of scalars
/// on one line when short, members in the order given. The output is stable, so a store diffs well in git.
public enum JSONWriter {
    /// The document as text, ending with a newline.
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(4096)
        emit(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// The value on one line, without white space between tokens.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        emitCompact(value, into: &out)
        return out
    }

    private static func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: return false
        default: return true
        }
    }

    private static func emit(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(isScalar) {
                let line = "[" + items.map(compact).joined(separator: ", ") + "]"
                if line.utf8.count + indent <= 100 {
                    out += line
                    return
                }
            }
            out += "[\n"
            let pad = String(repeating: " ", count: indent + 2)
            for (n, item) in items.enumerated() {
                out += pad
                emit(item, indent: indent + 2, into: &out)
                out += n == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{\n"
            let pad = String(repeating: " ", count: indent + 2)
            for (n, m) in o.members.enumerated() {
                out += pad
                writeString(m.key, into: &out)
                out += ": "
                emit(m.value, indent: indent + 2, into: &out)
                out += n == o.members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        default:
            emitCompact(value, into: &out)
        }
    }

    private static func emitCompact(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                emitCompact(item, into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (n, m) in o.members.enumerated() {
                if n > 0 { out += "," }
                writeString(m.key, into: &out)
                out += ":"
                emitCompact(m.value, into: &out)
            }
            out += "}"
        }
    }

    /// Writes a JSON string literal; control characters are escaped, everything else is kept as UTF-8.
    public static func writeString(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: append them whole (a byte scan is much cheaper than a scalar walk).
        if !needsEscape(s) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }

    /// True when a string holds a character `writeString` escapes: `"`, `\`, C0 and C1 controls, DEL, U+2028,
    /// U+2029 (found on the UTF-8 bytes).
    static func needsEscape(_ s: String) -> Bool {
        var prev: UInt8 = 0, prev2: UInt8 = 0
        for b in s.utf8 {
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return true }
            if prev == 0xC2 && (0x80...0x9F).contains(b) { return true }  // U+0080…U+009F
            if prev2 == 0xE2 && prev == 0x80 && (b == 0xA8 || b == 0xA9) { return true }  // U+2028, U+2029
            prev2 = prev; prev = b
        }
        return false
    }
}
