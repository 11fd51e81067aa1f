import Foundation

/// How an activity entry reads for people, in one place for the terminal UI and `podboard log`: who (their
/// name), when (local time in the store's zone), what (the action's title) and the values before → after,
/// compact: `baseline 52,000 (prior-contract) → 48,000`, `status qualified → negotiating`,
/// `+quote SoftwareOne (reseller) 47,000`, `escalation #1 (parallel-negotiation) acknowledged by Maya Iyer`.
/// The text is not sanitized: a view passes it through its text helpers before it reaches a terminal.
public struct ActivityText: Sendable {
    let store: Store
    let zone: Zone

    public init(store: Store) {
        self.store = store
        zone = Zone(identifier: store.settings.timeZone) ?? .utc
    }

    /// The person's name, or the id as written; "Ben Okafor (via Ingrid Berg)" when an admin acted for them.
    public func who(_ a: Activity) -> String { name(a.by) + (a.via.map { " (via " + name($0) + ")" } ?? "") }

    /// "2026-11-23 10:00", in the store's time zone.
    public func when(_ a: Activity) -> String { zone.clockText(a.at) }

    /// The action's title ("set the baseline"), or its name as logged when podboard does not know it.
    public func what(_ a: Activity) -> String { ActionKind(rawValue: a.action)?.title ?? a.action }

    /// The activity entries about a target, newest first (their indexes in the log).
    public static func entries(about targets: Set<String>, in log: [Activity]) -> [Int] {
        log.indices.reversed().filter { targets.contains(log[$0].target) }
    }

    /// What changed: each changed member, before → after.
    public func change(_ a: Activity) -> String {
        var text: String
        switch (a.before, a.after) {
        case (.null, .object(let after)): text = created(after)
        case (.object(let before), .null): text = "removed " + summary(before)
        case (.object(let before), .object(let after)): text = changes(before, after)
        case (let b, let x): text = value(b, key: "") + " → " + value(x, key: "")
        }
        if case .number(let n)? = a.extras["undoes"] { text += (text.isEmpty ? "" : " ") + "(undoes #\(n))" }
        if case .string(let r)? = a.extras["reason"], !r.isEmpty { text += (text.isEmpty ? "" : " · ") + "reason: " + r }
        if case .string(let n)? = a.extras["note"], !n.isEmpty { text += (text.isEmpty ? "" : " · ") + "note: " + n }
        return text
    }

    // MARK: - Pieces

    func name(_ id: String) -> String { store.person(id)?.name ?? id }

    static let amountKeys: Set<String> = ["amount", "final", "costAvoidance", "annualValue", "msg", "pse", "declaredATS"]
    static let personKeys: Set<String> = ["by", "analyst", "buyer", "csm", "acknowledgedBy", "resolvedBy"]
    static let textKeys: Set<String> = ["note", "text", "reason", "resolution", "noQuotesReason", "sentiment", "acknowledgedNote"]
    static let labels: [String: String] = ["costAvoidance": "cost avoidance", "noQuotesReason": "no-quotes reason",
                                           "assignedAt": "assigned", "termMonths": "term (months)"]
    static let singular: [String: String] = ["quotes": "quote", "updates": "update", "escalations": "escalation"]

    func label(_ key: String) -> String { Self.labels[key] ?? key }

    /// One value, written for people: amounts grouped, times local, people by name, a baseline with its basis.
    func value(_ v: JSONValue?, key: String) -> String {
        guard let v else { return "–" }
        switch v {
        case .null: return "–"
        case .bool(let b): return b ? "yes" : "no"
        case .number(let n):
            if Self.amountKeys.contains(key), let d = Money.decimal(n) { return Money.format(d) }
            return n
        case .string(let s):
            if Self.personKeys.contains(key) { return name(s) }
            if key.hasSuffix("At"), let t = Timestamp(s) { return zone.clockText(t) }
            if Self.textKeys.contains(key) { return "\"" + s + "\"" }
            return s
        case .object(let o):
            if case .number(let n)? = o["amount"], let d = Money.decimal(n) {
                if case .string(let basis)? = o["basis"] { return Money.format(d) + " (" + basis + ")" }
                return Money.format(d)
            }
            return summary(o)
        case .array(let items): return items.map { element($0, key: key) }.joined(separator: "; ")
        }
    }

    /// An element of a list (a quote, an update, an escalation), in a few words.
    func element(_ v: JSONValue, key: String) -> String {
        guard case .object(let o) = v else { return value(v, key: "") }
        switch Self.singular[key] ?? key {
        case "quote":
            return [value(o["from"], key: "from") + (o["source"].map { " (" + value($0, key: "source") + ")" } ?? ""),
                    value(o["amount"], key: "amount")].joined(separator: " ")
        case "update": return value(o["text"], key: "text")
        case "escalation":
            return value(o["reason"], key: "") + (o["note"].map { v in v == .string("") ? "" : " " + value(v, key: "note") } ?? "")
        default: return summary(o)
        }
    }

    /// The values of an object's members, for a record without a better description.
    func summary(_ o: JSONObject) -> String {
        o.keys.compactMap { k -> String? in
            guard let v = o[k], v != .null else { return nil }
            if case .array = v { return nil }
            if case .object = v { return nil }
            return label(k) + " " + value(v, key: k)
        }.joined(separator: ", ")
    }

    /// A record that did not exist before: a raised request, a review, a publication.
    func created(_ o: JSONObject) -> String {
        if case .string(let tool)? = o["tool"] {
            var s = "new request: " + tool
            if case .string(let v)? = o["vendor"] { s += " · " + v }
            if case .string(let k)? = o["kind"] { s += " (" + k + ")" }
            if let b = o["baseline"], b != .null { s += ", baseline " + value(b, key: "baseline") }
            return s
        }
        return "added " + summary(o)
    }

    /// The changed members, status first.
    func changes(_ before: JSONObject, _ after: JSONObject) -> String {
        var keys = before.keys + after.keys.filter { before[$0] == nil }
        if let i = keys.firstIndex(of: "status") { keys.remove(at: i); keys.insert("status", at: 0) }
        var parts: [String] = []
        for key in keys {
            let b = before[key], a = after[key]
            switch (b, a) {
            case (nil, .array(let added)?):
                // A list that grew: the added elements.
                let what = Self.singular[key] ?? key
                parts += added.map { "+" + what + " " + element($0, key: key) }
            case (nil, .object(let o)?) where Self.singular.values.contains(key):
                // A hand-written entry naming the added element (`{"escalation": {...}}`).
                parts.append("+" + key + " " + element(.object(o), key: key))
            case (.array(let old)?, .array(let new)?) where old.count == new.count:
                parts += elementChanges(key, old, new)
            case (.object(let x)?, .object(let y)?) where x["basis"] != nil && x["basis"] == y["basis"]:
                // Same basis: said once, before.
                parts.append(label(key) + " " + value(.object(x), key: key) + " → " + value(y["amount"], key: "amount"))
            default:
                parts.append(label(key) + " " + value(b, key: key) + " → " + value(a, key: key))
            }
        }
        return parts.joined(separator: ", ")
    }

    /// Elements of a list changed in place: an escalation acknowledged or resolved (or that taken back).
    func elementChanges(_ key: String, _ old: [JSONValue], _ new: [JSONValue]) -> [String] {
        var out: [String] = []
        let what = Self.singular[key] ?? key
        for k in old.indices where old[k] != new[k] {
            guard case .object(let x) = old[k], case .object(let y) = new[k] else {
                out.append("\(what) #\(k + 1) " + value(old[k], key: key) + " → " + value(new[k], key: key))
                continue
            }
            var head = "\(what) #\(k + 1)"
            if case .string(let reason)? = y["reason"] ?? x["reason"] { head += " (" + reason + ")" }
            var said: [String] = []
            for (by, text, done) in [("acknowledgedBy", "acknowledgedNote", "acknowledged"), ("resolvedBy", "resolution", "resolved")] {
                switch (x[by], y[by]) {
                case (nil, .string(let who)?), (.null?, .string(let who)?):
                    said.append(done + " by " + name(who) + (y[text].flatMap { $0 == .null ? nil : ": " + value($0, key: text) } ?? ""))
                case (.string?, nil), (.string?, .null?):
                    said.append(done + " taken back")
                default: break
                }
            }
            if said.isEmpty {
                let changed = (x.keys + y.keys.filter { x[$0] == nil }).filter { x[$0] != y[$0] }
                said = changed.map { label($0) + " " + value(x[$0], key: $0) + " → " + value(y[$0], key: $0) }
            }
            out.append(head + " " + said.joined(separator: ", "))
        }
        return out
    }
}
