import Foundation

/// What an import brings in.
public enum ImportKind: String, Sendable, CaseIterable {
    case requests, contracts, accounts

    /// The store's list the records go to, and its singular.
    public var noun: String {
        switch self { case .requests: return "request"; case .contracts: return "contract"; case .accounts: return "account" }
    }

    /// The fields a column may map to (docs/import.md).
    public var fields: Set<String> {
        switch self {
        case .requests:
            return ["id", "account", "kind", "contract", "tool", "vendor", "status", "createdAt", "analyst", "assignedAt", "buyer",
                    "assignees", "termMonths", "baseline", "basis", "final", "costAvoidance", "noQuotesReason", "preApprovalAt",
                    "qualifiedAt", "handedOverAt", "submittedAt", "approvedAt", "closedAt", "endedAt", "reason", "ignore"]
        case .contracts:
            return ["id", "account", "tool", "vendor", "billing", "annualValue", "startsOn", "endsOn", "autoRenew", "noticeDays",
                    "addedOn", "offline", "sunsetOn", "convertedToAnnualOn", "ignore"]
        case .accounts:
            return ["id", "name", "pod", "csm", "contractSignedOn", "podHandoverOn", "initiatedOn", "termEndsOn", "msg", "pse",
                    "declaredATS", "health", "sentiment", "onboardingCompletedOn", "ignore"]
        }
    }
}

/// A mapping file (JSON, docs/import.md): which column holds which field, how values, people, dates and amounts
/// are written in the source.
public struct ImportMapping: Sendable {
    public var kind: ImportKind?
    /// Column header → field.
    public var columns: [(column: String, field: String)] = []
    /// Field → (source value, lowercased and trimmed → store value). `people` and `account` apply to every field
    /// naming a person or an account.
    public var values: [String: [String: String]] = [:]
    /// The date format of every date column (`epoch-ms`, `epoch-s`, `rfc3339`, or a pattern like `MM/dd/yyyy`).
    public var dateFormat = "yyyy-MM-dd"
    /// Per column, a date format other than `dateFormat`.
    public var columnDateFormats: [String: String] = [:]
    /// The clock time given to a date without one, in the store's time zone (`HH:mm`).
    public var time = "12:00"
    public var thousandsSeparator = ","
    public var decimalSeparator = "."
    /// Field → value used when the row has none.
    public var defaults: [String: String] = [:]
    /// Put before every id read from the file ("CU-" + ClickUp's task id).
    public var idPrefix = ""
    /// Splits a cell of several people (ClickUp's `[Ana Souza, Ben Okafor]`).
    public var listSeparator = ","

    public init() {}

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public static func read(path: String) throws(Problem) -> ImportMapping {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(message: "cannot read the mapping \(path)") }
        return try parse(String(decoding: data, as: UTF8.self), name: path)
    }

    public static func parse(_ text: String, name: String = "mapping") throws(Problem) -> ImportMapping {
        let node: JSONNode
        do { node = try JSONParser.parse(text) } catch { throw Problem(message: "\(name): not JSON: \(error)") }
        guard case .object(let members, _) = node else { throw Problem(message: "\(name): expected a JSON object") }
        var m = ImportMapping()
        func string(_ n: JSONNode, _ what: String) throws(Problem) -> String {
            guard case .string(let s, _) = n else { throw Problem(message: "\(name) \(n.position): \(what): expected a string") }
            return s
        }
        func object(_ n: JSONNode, _ what: String) throws(Problem) -> [(String, JSONNode)] {
            guard case .object(let o, _) = n else { throw Problem(message: "\(name) \(n.position): \(what): expected an object") }
            return o.map { ($0.key, $0.value) }
        }
        for (key, _, value) in members {
            switch key {
            case "for":
                let s = try string(value, "for")
                guard let k = ImportKind(rawValue: s) else { throw Problem(message: "\(name) \(value.position): for: expected requests, contracts or accounts, found \"\(s)\"") }
                m.kind = k
            case "columns":
                for (col, f) in try object(value, "columns") { m.columns.append((col, try string(f, "columns.\(col)"))) }
            case "values":
                for (field, map) in try object(value, "values") {
                    var out: [String: String] = [:]
                    for (from, to) in try object(map, "values.\(field)") { out[Self.key(from)] = try string(to, "values.\(field).\(from)") }
                    m.values[field] = out
                }
            case "dates":
                for (k, v) in try object(value, "dates") {
                    switch k {
                    case "format": m.dateFormat = try string(v, "dates.format")
                    case "time": m.time = try string(v, "dates.time")
                    case "columns": for (c, f) in try object(v, "dates.columns") { m.columnDateFormats[c] = try string(f, "dates.columns.\(c)") }
                    default: throw Problem(message: "\(name) \(v.position): dates.\(k): unknown key (expected format, time, columns)")
                    }
                }
            case "amounts":
                for (k, v) in try object(value, "amounts") {
                    switch k {
                    case "thousands": m.thousandsSeparator = try string(v, "amounts.thousands")
                    case "decimal": m.decimalSeparator = try string(v, "amounts.decimal")
                    default: throw Problem(message: "\(name) \(v.position): amounts.\(k): unknown key (expected thousands, decimal)")
                    }
                }
            case "defaults":
                for (f, v) in try object(value, "defaults") { m.defaults[f] = try string(v, "defaults.\(f)") }
            case "idPrefix": m.idPrefix = try string(value, "idPrefix")
            case "listSeparator": m.listSeparator = try string(value, "listSeparator")
            default:
                // Free notes ("about", "$comment") are allowed.
                continue
            }
        }
        guard m.time.range(of: #"^\d{2}:\d{2}$"#, options: .regularExpression) != nil,
              let h = Int(m.time.prefix(2)), let mi = Int(m.time.suffix(2)), h < 24, mi < 60 else {
            throw Problem(message: "\(name): dates.time: expected HH:mm, found \"\(m.time)\"")
        }
        return m
    }

    /// Checks the columns name known fields for `kind`, each field once.
    public func check(for kind: ImportKind) throws(Problem) {
        if let k = self.kind, k != kind { throw Problem(message: "this mapping is for \(k.rawValue), not \(kind.rawValue)") }
        var seen: [String: String] = [:]
        for (col, f) in columns {
            guard kind.fields.contains(f) else {
                throw Problem(message: "mapping: column \"\(col)\" maps to \"\(f)\", which is not a field of \(kind.rawValue) (expected one of: \(kind.fields.sorted().joined(separator: ", ")))")
            }
            if f != "ignore", let other = seen[f] { throw Problem(message: "mapping: columns \"\(other)\" and \"\(col)\" both map to \(f)") }
            seen[f] = col
        }
        for f in defaults.keys where !kind.fields.contains(f) {
            throw Problem(message: "mapping: defaults.\(f) is not a field of \(kind.rawValue)")
        }
    }

    static func key(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    var secondOfDay: Int { (Int(time.prefix(2)) ?? 12) * 3600 + (Int(time.suffix(2)) ?? 0) * 60 }
}
