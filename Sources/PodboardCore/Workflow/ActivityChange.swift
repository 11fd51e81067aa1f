/// The `before` and `after` of an activity entry: only the members that changed, as STORE.md's example shows
/// (`"before": {"status": "qualified"}, "after": {"status": "negotiating", "buyer": "ben"}`). A member absent
/// on one side was absent (or null) there.
public enum ActivityChange {
    /// The changed members of two objects.
    public static func diff(_ before: JSONValue, _ after: JSONValue) -> (before: JSONValue, after: JSONValue) {
        guard case .object(let b) = before, case .object(let a) = after else { return (before, after) }
        var outB = JSONObject(), outA = JSONObject()
        for key in b.keys + a.keys.filter({ b[$0] == nil }) {
            let x = b[key].flatMap { $0 == .null ? nil : $0 }
            let y = a[key].flatMap { $0 == .null ? nil : $0 }
            if x == y { continue }
            if let x { outB[key] = x }
            if let y { outA[key] = y }
        }
        return (.object(outB), .object(outA))
    }

    /// `current` with a change taken back: the members of `after` and `before` get their `before` values
    /// (removed when `before` has none).
    public static func revert(_ current: JSONValue, before: JSONValue, after: JSONValue) -> JSONValue {
        guard case .object(var c) = current else { return current }
        let b: JSONObject
        if case .object(let o) = before { b = o } else { b = JSONObject() }
        if case .object(let a) = after { for key in a.keys where b[key] == nil { c[key] = nil } }
        for key in b.keys { c[key] = b[key] }  // in place, so the members keep their order
        return .object(c)
    }
}
