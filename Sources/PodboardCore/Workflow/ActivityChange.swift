/// The `before` and `after` of an activity entry: only the members that changed, as STORE.md's example shows
/// (`"before": {"status": "qualified"}, "after": {"status": "negotiating", "buyer": "ben"}`).
///
/// - A member absent on one side was absent (or null) there.
/// - `history` is never logged: a status change shows as `status`, and the history entry is in the request.
/// - A list that only grew (quotes, updates, escalations) is logged as the added elements in `after`, with
///   nothing in `before`, so the log grows with what happened, not with the size of the lists.
public enum ActivityChange {
    /// The changed members of two objects.
    public static func diff(_ before: JSONValue, _ after: JSONValue) -> (before: JSONValue, after: JSONValue) {
        guard case .object(let b) = before, case .object(let a) = after else { return (before, after) }
        var outB = JSONObject(), outA = JSONObject()
        for key in b.keys + a.keys.filter({ b[$0] == nil }) where key != "history" {
            let x = b[key].flatMap { $0 == .null ? nil : $0 }
            let y = a[key].flatMap { $0 == .null ? nil : $0 }
            if x == y { continue }
            if case .array(let old)? = x, case .array(let new)? = y, new.count > old.count, Array(new.prefix(old.count)) == old {
                outA[key] = .array(Array(new.dropFirst(old.count)))
                continue
            }
            if let x { outB[key] = x }
            if let y { outA[key] = y }
        }
        return (.object(outB), .object(outA))
    }

    /// `current` with a change taken back: members in `before` get their values back; a list in `after` only
    /// loses the elements added at its end; other members only in `after` are removed. Nil when the change
    /// cannot be taken back (the added elements are no longer at the end).
    public static func revert(_ current: JSONValue, before: JSONValue, after: JSONValue) -> JSONValue? {
        guard case .object(var c) = current else { return nil }
        let b: JSONObject
        if case .object(let o) = before { b = o } else { b = JSONObject() }
        if case .object(let a) = after {
            for key in a.keys where b[key] == nil {
                if case .array(let added)? = a[key], case .array(let list)? = c[key] {
                    guard list.count >= added.count, Array(list.suffix(added.count)) == added else { return nil }
                    c[key] = .array(Array(list.dropLast(added.count)))
                } else {
                    c[key] = nil
                }
            }
        }
        for key in b.keys { c[key] = b[key] }  // in place, so the members keep their order
        return .object(c)
    }
}
