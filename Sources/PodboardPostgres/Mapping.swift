import Foundation
import PodboardCore

/// Records as JSON objects ↔ rows of text values (what `json_to_recordset` reads and `selectSQL` gives back).
enum Mapping {
    /// A record's row: its place, the known members that fit their column, and everything else in `extra`.
    static func row(_ record: JSONObject, _ t: TableSpec, place: [String]) -> JSONValue {
        var o = record
        if t.name == "requests" {
            // The baseline object is spread over baseline_amount, baseline_basis and baseline_extra.
            if case .object(var b)? = o["baseline"], case .number(let amount)? = b["amount"], case .string(let basis)? = b["basis"] {
                o["baseline"] = nil
                o["baseline.amount"] = .number(amount); o["baseline.basis"] = .string(basis)
                b["amount"] = nil; b["basis"] = nil
                o["baseline.extra"] = .object(b)
            }
            for child in Schema.requestChildren { o[child.member!] = nil }
        }
        if t.name == "people" { o["logins"] = nil }
        var r = JSONObject()
        for (name, v) in zip(t.place, place) { r[name] = .string(v) }
        var used = Set<String>()
        for col in t.cols {
            guard let v = o[col.key], let text = text(v, col.kind) else { continue }
            r[col.name] = .string(text)
            used.insert(col.key)
        }
        var extra = JSONObject()
        // The engine's stamp on an activity entry (id, seq, via) has columns, and stays in `extra` too: its place
        // among the entry's other unknown keys (an undo's "undoes" comes first) is kept.
        let kept: Set<String> = t.name == "activity" ? stampKeys : []
        for m in o.members where (!used.contains(m.key) || kept.contains(m.key)) && !m.key.hasPrefix("baseline.") { extra[m.key] = m.value }
        r["extra"] = .string(JSONWriter.compact(.object(extra)))
        return .object(r)
    }

    /// An activity entry's members that the store engine adds (ActionStamp).
    static let stampKeys: Set<String> = ["id", "seq", "via"]

    /// The text of a member for its column; nil when it does not fit (it is kept in `extra` then).
    static func text(_ v: JSONValue, _ kind: ColKind) -> String? {
        switch (kind, v) {
        case (.text, .string(let s)), (.date, .string(let s)): return kind == .date && LocalDate(s) == nil ? nil : s
        case (.time, .string(let s)): return Timestamp(s) == nil ? nil : s
        case (.numeric, .number(let n)): return Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")) == nil ? nil : n
        case (.int, .number(let n)): return Int64(n) == nil ? nil : n
        case (.bool, .bool(let b)): return b ? "true" : "false"
        case (.json, _): return JSONWriter.compact(v)
        default: return nil
        }
    }

    /// A record back from a row (`selectSQL`'s array): its place and its object.
    static func record(_ row: [JSONValue], _ t: TableSpec) throws(PGError) -> (place: [String], object: JSONObject) {
        var place: [String] = []
        for (i, _) in t.place.enumerated() { if case .string(let s) = row[i] { place.append(s) } else { place.append("") } }
        var o = JSONObject()
        var k = t.place.count
        // A stamp key kept in `extra` (activity) comes from there, at its place.
        var inExtra = Set<String>()
        if t.name == "activity", case .string(let s) = row[t.place.count + t.cols.count], case .object(let extra) = try parse(s, t) {
            inExtra = Set(extra.members.map(\.key)).intersection(stampKeys)
        }
        for col in t.cols {
            defer { k += 1 }
            if inExtra.contains(col.key) { continue }
            guard case .string(let s) = row[k] else { continue }
            switch col.kind {
            case .text, .date, .time: o[col.key] = .string(s)
            case .numeric, .int: o[col.key] = .number(s)
            case .bool: o[col.key] = .bool(s == "true")
            case .json: o[col.key] = try parse(s, t)
            }
        }
        if case .string(let s) = row[k], case .object(let extra) = try parse(s, t) {
            for m in extra.members where o[m.key] == nil { o[m.key] = m.value }
        }
        if t.name == "requests", case .number(let amount)? = o["baseline.amount"], case .string(let basis)? = o["baseline.basis"] {
            var b = JSONObject()
            b["amount"] = .number(amount); b["basis"] = .string(basis)
            if case .object(let e)? = o["baseline.extra"] { for m in e.members { b[m.key] = m.value } }
            o = reordered(o, insert: ("baseline", .object(b)), before: "final")
        }
        o["baseline.amount"] = nil; o["baseline.basis"] = nil; o["baseline.extra"] = nil
        return (place, o)
    }

    static func reordered(_ o: JSONObject, insert: (String, JSONValue), before: String) -> JSONObject {
        var r = JSONObject()
        var done = false
        for m in o.members {
            if m.key == before && !done { r[insert.0] = insert.1; done = true }
            r[m.key] = m.value
        }
        if !done { r[insert.0] = insert.1 }
        return r
    }

    static func parse(_ s: String, _ t: TableSpec) throws(PGError) -> JSONValue {
        do { return try JSONParser.parse(s).value } catch { throw PGError("\(t.name): a value is not JSON: \(error)") }
    }

    /// The rows of a table (`selectSQL`'s one text value).
    static func rows(_ text: String?, _ t: TableSpec) throws(PGError) -> [[JSONValue]] {
        guard case .array(let rows) = try parse(text ?? "[]", t) else { return [] }
        return rows.map { if case .array(let a) = $0 { return a }; return [] }
    }
}
