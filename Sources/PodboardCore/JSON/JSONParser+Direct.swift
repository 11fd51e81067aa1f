#if canImport(Glibc)
import Glibc
#endif

/// The fast path's readers for decoding a store straight from its bytes (`StoreDecoder`'s direct decoding,
/// docs/decisions.md "Loading a large store"): each reads one value at the current offset, after white space, and
/// returns nil (or false) when the value is not what is expected there. The caller then decodes the element again
/// through the parsed tree, which keeps unusual members and reports problems: so nil means "not the common case",
/// never a problem of its own.
extension JSONParser {
    /// Steps over `b` when it is the next byte that is not white space.
    mutating func eat(_ b: UInt8) -> Bool {
        skipWhitespace()
        if i < bytes.count && bytes[i] == b { i += 1; return true }
        return false
    }

    /// `null`, stepped over; false (and the offset at the value) for anything else.
    mutating func eatNull() -> Bool {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "n") else { return false }
        return (try? literal("null")) != nil
    }

    /// A string value.
    mutating func directString() -> String? {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        return try? parseString()
    }

    /// A number's literal text.
    mutating func directNumber() -> String? {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "-") || (bytes[i] >= 0x30 && bytes[i] <= 0x39) else { return nil }
        return try? parseNumber()
    }

    /// `true` or `false`.
    mutating func directBool() -> Bool? {
        skipWhitespace()
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "t") { return (try? literal("true")) != nil ? true : nil }
        if bytes[i] == UInt8(ascii: "f") { return (try? literal("false")) != nil ? false : nil }
        return nil
    }

    /// Walks the members of an object: `member` reads the value of each key (the key shared through the
    /// document's string table); false from it, or anything not well formed, ends the walk with false.
    mutating func directObject(_ member: (inout JSONParser, String) -> Bool) -> Bool {
        guard eat(UInt8(ascii: "{")) else { return false }
        if eat(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = try? parseString(key: true),
                  eat(UInt8(ascii: ":")) else { return false }
            guard member(&self, key) else { return false }
            if eat(UInt8(ascii: ",")) { continue }
            return eat(UInt8(ascii: "}"))
        }
    }

    /// Walks the elements of an array; false from `element`, or anything not well formed, ends it with false.
    mutating func directArray(_ element: (inout JSONParser) -> Bool) -> Bool {
        guard eat(UInt8(ascii: "[")) else { return false }
        if eat(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&self) else { return false }
            if eat(UInt8(ascii: ",")) { continue }
            return eat(UInt8(ascii: "]"))
        }
    }

    /// Walks the members of an object whose keys are mostly those of `keys`: `member` gets each key's place in
    /// the table (-1 and the key itself for any other key). The key's bytes are compared with the one expected
    /// after the previous (keys usually come in the table's order), then with the others: no string is made for a
    /// known key.
    mutating func directObject(_ keys: KeyTable, _ member: (inout JSONParser, Int, String) -> Bool) -> Bool {
        guard eat(UInt8(ascii: "{")) else { return false }
        if eat(UInt8(ascii: "}")) { return true }
        var expected = 0
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return false }
            // A plain key (printable ASCII, no escape) is compared as bytes; any other is read as a string.
            var j = i + 1
            while j < bytes.count, bytes[j] != 0x22, bytes[j] != 0x5C, bytes[j] >= 0x20, bytes[j] < 0x80 { j += 1 }
            var field = -1
            var name = ""
            if j < bytes.count, bytes[j] == 0x22 {
                field = bytes.withUnsafeBufferPointer { keys.find(UnsafeBufferPointer(rebasing: $0[(i + 1)..<j]), from: expected) }
                if field < 0 { name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self) }
                i = j + 1
            } else {
                guard let key = try? parseString(key: true) else { return false }
                field = keys.names.firstIndex(of: Array(key.utf8)) ?? -1
                name = key
            }
            if field >= 0 { expected = field + 1 }
            guard eat(UInt8(ascii: ":")), member(&self, field, name) else { return false }
            if eat(UInt8(ascii: ",")) { continue }
            return eat(UInt8(ascii: "}"))
        }
    }
}

/// The member names of one kind of element (`JSONParser.directObject(_:_:)`), as bytes.
struct KeyTable: Sendable {
    let names: [[UInt8]]

    init(_ names: String...) { self.names = names.map { Array($0.utf8) } }

    /// The place of `key`, trying `from` first; -1 when it is none of them.
    func find(_ key: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        func same(_ k: Int) -> Bool {
            names[k].count == key.count && names[k].withUnsafeBufferPointer { memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }
        }
        if from < names.count, same(from) { return from }
        for k in names.indices where k != from && same(k) { return k }
        return -1
    }
}
