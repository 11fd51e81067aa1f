import Foundation

/// Actions as JSON, for the journal: `{"action": "qualify", "target": "REQ-1042", "params": {...}}`.
public enum ActionCoding {
    public static func encode(_ a: ActionRequest) -> JSONValue {
        var o = JSONObject()
        o["action"] = .string(a.kind.rawValue)
        o["target"] = .string(a.target)
        var p = JSONObject()
        let q = a.params
        if let v = q.person { p["person"] = .string(v) }
        if let v = q.note { p["note"] = .string(v) }
        if let v = q.reason { p["reason"] = .string(v) }
        if let v = q.amount { p["amount"] = .number(Money.plain(v)) }
        if let v = q.basis { p["basis"] = .string(v.rawValue) }
        if let v = q.from { p["from"] = .string(v) }
        if let v = q.source { p["source"] = .string(v.rawValue) }
        if let v = q.escalationReason { p["escalationReason"] = .string(v.rawValue) }
        if let v = q.health { p["health"] = .string(v.rawValue) }
        if let v = q.sentiment { p["sentiment"] = .string(v) }
        if let v = q.kind { p["kind"] = .string(v.rawValue) }
        if let v = q.tool { p["tool"] = .string(v) }
        if let v = q.vendor { p["vendor"] = .string(v) }
        if let v = q.contract { p["contract"] = .string(v) }
        if let v = q.termMonths { p["termMonths"] = .number(String(v)) }
        if let v = q.which { p["which"] = .string(v) }
        if let v = q.item { p["item"] = .string(v) }
        if let v = q.billing { p["billing"] = .string(v.rawValue) }
        if let v = q.startsOn { p["startsOn"] = .string(v.description) }
        if let v = q.endsOn { p["endsOn"] = .string(v.description) }
        if let v = q.autoRenew { p["autoRenew"] = .bool(v) }
        if let v = q.noticeDays { p["noticeDays"] = .number(String(v)) }
        if let v = q.offline { p["offline"] = .bool(v) }
        if let v = q.on { p["on"] = .string(v.description) }
        if let v = q.records { p["records"] = v }
        if let v = q.scope { p["scope"] = .string(v) }
        if let v = q.period { p["period"] = .string(v) }
        if let v = q.value { p["value"] = .number(Money.plain(v)) }
        o["params"] = .object(p)
        return .object(o)
    }

    /// The action in a JSON object; nil with a reason when it is not one.
    public static func decode(_ v: JSONValue) -> Result<ActionRequest, ActionRefusal> {
        guard case .object(let o) = v, case .string(let name)? = o["action"], let kind = ActionKind(rawValue: name),
              case .string(let target)? = o["target"] else {
            return .failure(.badInput("not an action: expected {\"action\": NAME, \"target\": ID, \"params\": {...}}"))
        }
        var p = ActionParams()
        if case .object(let q)? = o["params"] {
            func s(_ k: String) -> String? { if case .string(let x)? = q[k] { return x }; return nil }
            p.person = s("person"); p.note = s("note"); p.reason = s("reason"); p.from = s("from")
            p.sentiment = s("sentiment"); p.tool = s("tool"); p.vendor = s("vendor"); p.contract = s("contract")
            p.which = s("which")
            if case .number(let n)? = q["amount"] { p.amount = Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")) }
            if case .number(let n)? = q["termMonths"] { p.termMonths = Int(n) }
            p.basis = s("basis").flatMap(BaselineBasis.init(rawValue:))
            p.source = s("source").flatMap(QuoteSource.init(rawValue:))
            p.escalationReason = s("escalationReason").flatMap(EscalationReason.init(rawValue:))
            p.health = s("health").flatMap(Health.init(rawValue:))
            p.kind = s("kind").flatMap(RequestKind.init(rawValue:))
            p.item = s("item"); p.billing = s("billing").flatMap(Billing.init(rawValue:))
            p.startsOn = s("startsOn").flatMap { LocalDate($0) }; p.endsOn = s("endsOn").flatMap { LocalDate($0) }
            p.on = s("on").flatMap { LocalDate($0) }
            if case .bool(let b)? = q["autoRenew"] { p.autoRenew = b }
            if case .bool(let b)? = q["offline"] { p.offline = b }
            if case .number(let n)? = q["noticeDays"] { p.noticeDays = Int(n) }
            p.records = q["records"]
            p.scope = s("scope"); p.period = s("period")
            if case .number(let n)? = q["value"] { p.value = Money.decimal(n) }
        }
        return .success(ActionRequest(kind, target: target, params: p))
    }
}
