/// A JSON value as podboard keeps it: numbers stay as their literal text, so that amounts are never
/// rounded through binary floating point, and object members keep their order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, as the literal text that appeared in the document (or that podboard wrote).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short name of the value's JSON type, for messages ("a string", "an object", ...).
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object whose members keep the order in which they were read or added.
public struct JSONObject: Sendable, Equatable {
    /// The members, in order. Keys are unique.
    public private(set) var members: [(key: String, value: JSONValue)]

    public init() { members = [] }

    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        for (k, v) in pairs { self[k] = v }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// Reads or sets a member; setting `nil` removes it, setting an existing key keeps its place.
    public subscript(key: String) -> JSONValue? {
        get { members.first(where: { $0.key == key })?.value }
        set {
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.members.count == b.members.count else { return false }
        for (x, y) in zip(a.members, b.members) where x.key != y.key || x.value != y.value { return false }
        return true
    }
}

/// Where something stands in a JSON document: 1-based line and column (column counted in characters).
public struct SourcePosition: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A parsed JSON value with the position of every node, used to report problems where they are.
public indirect enum JSONNode: Sendable {
    case null(SourcePosition)
    case bool(Bool, SourcePosition)
    case number(String, SourcePosition)
    case string(String, SourcePosition)
    case array([JSONNode], SourcePosition)
    /// Members with the position of each key.
    case object([(key: String, keyPosition: SourcePosition, value: JSONNode)], SourcePosition)

    public var position: SourcePosition {
        switch self {
        case .null(let p), .bool(_, let p), .number(_, let p), .string(_, let p), .array(_, let p), .object(_, let p):
            return p
        }
    }

    /// The value without positions.
    public var value: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b, _): return .bool(b)
        case .number(let n, _): return .number(n)
        case .string(let s, _): return .string(s)
        case .array(let a, _): return .array(a.map(\.value))
        case .object(let m, _):
            var o = JSONObject()
            for member in m { o[member.key] = member.value.value }
            return .object(o)
        }
    }

    public var typeDescription: String { value.typeDescription }
}
