import Foundation

/// Direct decoding (issue 10, the fast path of `FastLoad`): the large arrays' elements (requests, contracts,
/// activity entries) are decoded straight from the document's bytes into the model, without a parsed tree.
///
/// It reads only the common case: every member known or kept as it is, every value of the expected type and
/// within its rules. Anything else — a problem, but also anything merely unusual — returns nil, and the element is
/// decoded again through the tree (`decodeRequest` and its siblings), which is the one place that reports
/// problems (and, on the fast path, sends the whole document to the exact decoder). So every check the tree path
/// makes is made here too, as a condition for the common case; `DirectDecodeTests` compares both on mutated
/// documents. References and ids are noted only for an element that is decoded whole.
extension StoreDecoder {
    private static let nowhere = SourcePosition(line: 0, column: 0)

    // The keys each kind of element is read with, in the order podboard writes them (a field's number in its
    // decoder's `switch` is its place here).
    static let requestKeys = KeyTable("id", "account", "kind", "contract", "tool", "vendor", "status", "createdAt", "analyst", "assignedAt", "buyer", "termMonths", "baseline", "final", "costAvoidance", "noQuotesReason", "quotes", "updates", "escalations", "history")
    static let baselineKeys = KeyTable("amount", "basis")
    static let quoteKeys = KeyTable("from", "source", "amount", "receivedAt")
    static let updateKeys = KeyTable("at", "by", "text")
    static let escalationKeys = KeyTable("at", "by", "reason", "note", "acknowledgedAt", "acknowledgedBy", "acknowledgedNote", "resolvedAt", "resolvedBy", "resolution")
    static let historyKeys = KeyTable("at", "by", "from", "to", "note", "reason")
    static let contractKeys = KeyTable("id", "account", "tool", "vendor", "billing", "annualValue", "startsOn", "endsOn", "autoRenew", "noticeDays", "addedOn", "offline", "sunsetOn", "convertedToAnnualOn")
    static let activityKeys = KeyTable("at", "by", "action", "target", "before", "after")

    /// Fields seen in one object: a key twice is not the common case.
    struct Seen {
        private var bits: UInt32 = 0
        /// false when field `n` was seen already.
        mutating func first(_ n: Int) -> Bool {
            let bit: UInt32 = 1 << UInt32(n)
            defer { bits |= bit }
            return bits & bit == 0
        }
    }

    /// Decodes one element with `body`; when it returns nil, the references it noted are taken back and the parser
    /// is put back where the element starts.
    func direct<T>(_ p: inout JSONParser, _ body: (inout JSONParser) -> T?) -> T? {
        let start = p.i, refs = references.count
        if let v = body(&p) { return v }
        references.removeSubrange(refs...)
        p.i = start
        return nil
    }

    // MARK: values

    func directRef(_ p: inout JSONParser, _ list: String) -> String? {
        guard let s = p.directString(), !s.isEmpty else { return nil }
        if list == "people", let knownPeople { return knownPeople.contains(s) ? s : nil }
        reference(s, in: list, path: "", position: Self.nowhere)
        return s
    }

    /// An optional member: null is nil (`.some(nil)`), a value `read` does not accept is not the common case (nil).
    func directOptional<T>(_ p: inout JSONParser, _ read: (inout JSONParser) -> T?) -> T?? {
        if p.eatNull() { return .some(nil) }
        return read(&p).map { .some($0) }
    }

    func directTimestamp(_ p: inout JSONParser) -> Timestamp? { p.directString().flatMap { Timestamp($0) } }

    func directDate(_ p: inout JSONParser) -> LocalDate? { p.directString().flatMap { LocalDate($0) } }

    /// An amount as `amount(_:_:)` accepts it: exact, 0 or more, to the cent.
    func directAmount(_ p: inout JSONParser) -> Decimal? {
        guard let t = p.directNumber() else { return nil }
        // Digits only (most amounts): whole, not negative, and exact up to 18 digits.
        if t.utf8.count <= 18, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return Money.decimal(t) }
        guard exact(t), let d = Money.decimal(t), d >= 0, Money.isWholeCents(d) else { return nil }
        return d
    }

    /// A whole number of 0 or more.
    func directInt(_ p: inout JSONParser) -> Int? {
        guard let t = p.directNumber(), let v = Int(t), v >= 0 else { return nil }
        return v
    }

    func directEnum<E: RawRepresentable>(_ p: inout JSONParser, _ type: E.Type) -> E? where E.RawValue == String {
        p.directString().flatMap { E(rawValue: $0) }
    }

    /// A member no field reads: kept in `extras` as it is (a key twice is not the common case).
    func directExtra(_ p: inout JSONParser, _ key: String, _ extras: inout JSONObject) -> Bool {
        guard extras[key] == nil, let n = try? p.value() else { return false }
        extras[key] = n.value
        return true
    }

    // MARK: requests

    func directRequest(_ p: inout JSONParser) -> Request? {
        direct(&p) { p in
            var seen = Seen()
            var id: String?, account: String?, kind: RequestKind?, contract: String?, tool: String?, vendor: String?
            var status: RequestStatus?, createdAt: Timestamp?, analyst: String?, assignedAt: Timestamp?, buyer: String?
            var termMonths: Int?, baseline: Baseline?, final: Decimal?, costAvoidance: Decimal?, noQuotesReason: String?
            var quotes: [Quote]?, updates: [Update]?, escalations: [Escalation]?, history: [HistoryEntry]?
            var extras = JSONObject()
            let whole = p.directObject(Self.requestKeys) { p, field, key in
                switch field {
                case 0:
                    guard seen.first(0), let s = p.directString(), !s.isEmpty else { return false }
                    id = s
                case 1:
                    guard seen.first(1), let s = directRef(&p, "accounts") else { return false }
                    account = s
                case 2:
                    guard seen.first(2), let k = directEnum(&p, RequestKind.self) else { return false }
                    kind = k
                case 3:
                    guard seen.first(3), let s = directOptional(&p, { q in directRef(&q, "contracts") }) else { return false }
                    contract = s
                case 4:
                    guard seen.first(4), let s = p.directString() else { return false }
                    tool = s
                case 5:
                    guard seen.first(5), let s = p.directString() else { return false }
                    vendor = s
                case 6:
                    guard seen.first(6), let s = directEnum(&p, RequestStatus.self) else { return false }
                    status = s
                case 7:
                    guard seen.first(7), let t = directTimestamp(&p) else { return false }
                    createdAt = t
                case 8:
                    guard seen.first(8), let s = directOptional(&p, { q in directRef(&q, "people") }) else { return false }
                    analyst = s
                case 9:
                    guard seen.first(9), let t = directOptional(&p, directTimestamp) else { return false }
                    assignedAt = t
                case 10:
                    guard seen.first(10), let s = directOptional(&p, { q in directRef(&q, "people") }) else { return false }
                    buyer = s
                case 11:
                    guard seen.first(11), let n = directInt(&p), n != 0 else { return false }
                    termMonths = n
                case 12:
                    guard seen.first(12) else { return false }
                    if p.eatNull() { return true }
                    guard let b = directBaseline(&p) else { return false }
                    baseline = b
                case 13:
                    guard seen.first(13), let a = directOptional(&p, directAmount) else { return false }
                    final = a
                case 14:
                    guard seen.first(14), let a = directOptional(&p, directAmount) else { return false }
                    costAvoidance = a
                case 15:
                    guard seen.first(15), let s = directOptional(&p, { q in q.directString() }) else { return false }
                    noQuotesReason = s
                case 16:
                    guard seen.first(16) else { return false }
                    var list: [Quote] = []
                    guard p.directArray({ p in
                        guard let q = directQuote(&p) else { return false }
                        list.append(q); return true
                    }) else { return false }
                    quotes = list
                case 17:
                    guard seen.first(17) else { return false }
                    var list: [Update] = []
                    guard p.directArray({ p in
                        guard let u = directUpdate(&p) else { return false }
                        list.append(u); return true
                    }) else { return false }
                    updates = list
                case 18:
                    guard seen.first(18) else { return false }
                    var list: [Escalation] = []
                    guard p.directArray({ p in
                        guard let e = directEscalation(&p) else { return false }
                        list.append(e); return true
                    }) else { return false }
                    escalations = list
                case 19:
                    guard seen.first(19) else { return false }
                    var list: [HistoryEntry] = []
                    guard p.directArray({ p in
                        guard let h = directHistory(&p) else { return false }
                        // Oldest first.
                        if let last = list.last, h.at < last.at { return false }
                        list.append(h); return true
                    }) else { return false }
                    history = list
                default:
                    return directExtra(&p, key, &extras)
                }
                return true
            }
            guard whole, let id, let account, let kind, let tool, let vendor, let status, let createdAt, let termMonths,
                  let quotes, let updates, let escalations, let history else { return nil }
            // The last status change goes to the request's status.
            if let last = history.last, last.to != status { return nil }
            registerId(id, list: "requests", path: "", position: Self.nowhere)
            return Request(id: id, account: account, kind: kind, contract: contract, tool: tool, vendor: vendor, status: status,
                           createdAt: createdAt, analyst: analyst, assignedAt: assignedAt, buyer: buyer, termMonths: termMonths,
                           baseline: baseline, final: final, costAvoidance: costAvoidance, noQuotesReason: noQuotesReason,
                           quotes: quotes, updates: updates, escalations: escalations, history: history, extras: extras)
        }
    }

    private func directBaseline(_ p: inout JSONParser) -> Baseline? {
        var seen = Seen()
        var amount: Decimal?, basis: BaselineBasis?
        var extras = JSONObject()
        guard p.directObject(Self.baselineKeys, { p, field, key in
            switch field {
            case 0:
                guard seen.first(0), let a = directAmount(&p) else { return false }
                amount = a
            case 1:
                guard seen.first(1), let b = directEnum(&p, BaselineBasis.self) else { return false }
                basis = b
            default: return directExtra(&p, key, &extras)
            }
            return true
        }), let amount, let basis else { return nil }
        return Baseline(amount: amount, basis: basis, extras: extras)
    }

    private func directQuote(_ p: inout JSONParser) -> Quote? {
        var seen = Seen()
        var from: String?, source: QuoteSource?, amount: Decimal?, receivedAt: Timestamp?
        var extras = JSONObject()
        guard p.directObject(Self.quoteKeys, { p, field, key in
            switch field {
            case 0:
                guard seen.first(0), let s = p.directString() else { return false }
                from = s
            case 1:
                guard seen.first(1), let s = directEnum(&p, QuoteSource.self) else { return false }
                source = s
            case 2:
                guard seen.first(2), let a = directAmount(&p) else { return false }
                amount = a
            case 3:
                guard seen.first(3), let t = directTimestamp(&p) else { return false }
                receivedAt = t
            default: return directExtra(&p, key, &extras)
            }
            return true
        }), let from, let source, let amount, let receivedAt else { return nil }
        return Quote(from: from, source: source, amount: amount, receivedAt: receivedAt, extras: extras)
    }

    private func directUpdate(_ p: inout JSONParser) -> Update? {
        var seen = Seen()
        var at: Timestamp?, by: String?, text: String?
        var extras = JSONObject()
        guard p.directObject(Self.updateKeys, { p, field, key in
            switch field {
            case 0:
                guard seen.first(0), let t = directTimestamp(&p) else { return false }
                at = t
            case 1:
                guard seen.first(1), let s = directRef(&p, "people") else { return false }
                by = s
            case 2:
                guard seen.first(2), let s = p.directString() else { return false }
                text = s
            default: return directExtra(&p, key, &extras)
            }
            return true
        }), let at, let by, let text else { return nil }
        return Update(at: at, by: by, text: text, extras: extras)
    }

    private func directEscalation(_ p: inout JSONParser) -> Escalation? {
        var seen = Seen()
        var at: Timestamp?, by: String?, reason: EscalationReason?, note: String?
        var ackAt: Timestamp?, ackBy: String?, ackNote: String?, resAt: Timestamp?, resBy: String?, resolution: String?
        var extras = JSONObject()
        guard p.directObject(Self.escalationKeys, { p, field, key in
            switch field {
            case 0:
                guard seen.first(0), let t = directTimestamp(&p) else { return false }
                at = t
            case 1:
                guard seen.first(1), let s = directRef(&p, "people") else { return false }
                by = s
            case 2:
                guard seen.first(2), let r = directEnum(&p, EscalationReason.self) else { return false }
                reason = r
            case 3:
                guard seen.first(3), let s = p.directString() else { return false }
                note = s
            case 4:
                guard seen.first(4), let t = directOptional(&p, directTimestamp) else { return false }
                ackAt = t
            case 5:
                guard seen.first(5), let s = directOptional(&p, { q in directRef(&q, "people") }) else { return false }
                ackBy = s
            case 6:
                guard seen.first(6), let s = directOptional(&p, { q in q.directString() }) else { return false }
                ackNote = s
            case 7:
                guard seen.first(7), let t = directOptional(&p, directTimestamp) else { return false }
                resAt = t
            case 8:
                guard seen.first(8), let s = directOptional(&p, { q in directRef(&q, "people") }) else { return false }
                resBy = s
            case 9:
                guard seen.first(9), let s = directOptional(&p, { q in q.directString() }) else { return false }
                resolution = s
            default: return directExtra(&p, key, &extras)
            }
            return true
        }), let at, let by, let reason, let note else { return nil }
        // When and who come together; neither is before the escalation was raised.
        guard (ackAt == nil) == (ackBy == nil), (resAt == nil) == (resBy == nil) else { return nil }
        if let ackAt, ackAt < at { return nil }
        if let resAt, resAt < at { return nil }
        var x = Escalation(at: at, by: by, reason: reason, note: note, extras: extras)
        x.acknowledgedAt = ackAt; x.acknowledgedBy = ackBy; x.acknowledgedNote = ackNote
        x.resolvedAt = resAt; x.resolvedBy = resBy; x.resolution = resolution
        return x
    }

    private func directHistory(_ p: inout JSONParser) -> HistoryEntry? {
        var seen = Seen()
        var at: Timestamp?, by: String?, from: RequestStatus?, to: RequestStatus?, note: String?, reason: String?
        var extras = JSONObject()
        guard p.directObject(Self.historyKeys, { p, field, key in
            switch field {
            case 0:
                guard seen.first(0), let t = directTimestamp(&p) else { return false }
                at = t
            case 1:
                guard seen.first(1), let s = directRef(&p, "people") else { return false }
                by = s
            case 2:
                guard seen.first(2), let s = directEnum(&p, RequestStatus.self) else { return false }
                from = s
            case 3:
                guard seen.first(3), let s = directEnum(&p, RequestStatus.self) else { return false }
                to = s
            case 4:
                guard seen.first(4), let s = directOptional(&p, { q in q.directString() }) else { return false }
                note = s
            case 5:
                guard seen.first(5), let s = directOptional(&p, { q in q.directString() }) else { return false }
                reason = s
            default: return directExtra(&p, key, &extras)
            }
            return true
        }), let at, let by, let from, let to else { return nil }
        return HistoryEntry(at: at, by: by, from: from, to: to, note: note, reason: reason, extras: extras)
    }

    // MARK: contracts

    func directContract(_ p: inout JSONParser) -> Contract? {
        direct(&p) { p in
            var seen = Seen()
            var id: String?, account: String?, tool: String?, vendor: String?, billing: Billing?, annualValue: Decimal?
            var startsOn: LocalDate?, endsOn: LocalDate?, autoRenew: Bool?, noticeDays: Int?, addedOn: LocalDate?
            var offline: Bool?, sunsetOn: LocalDate?, convertedToAnnualOn: LocalDate?
            var extras = JSONObject()
            let whole = p.directObject(Self.contractKeys) { p, field, key in
                switch field {
                case 0:
                    guard seen.first(0), let s = p.directString(), !s.isEmpty else { return false }
                    id = s
                case 1:
                    guard seen.first(1), let s = directRef(&p, "accounts") else { return false }
                    account = s
                case 2:
                    guard seen.first(2), let s = p.directString() else { return false }
                    tool = s
                case 3:
                    guard seen.first(3), let s = p.directString() else { return false }
                    vendor = s
                case 4:
                    guard seen.first(4), let b = directEnum(&p, Billing.self) else { return false }
                    billing = b
                case 5:
                    guard seen.first(5), let a = directAmount(&p) else { return false }
                    annualValue = a
                case 6:
                    guard seen.first(6), let d = directDate(&p) else { return false }
                    startsOn = d
                case 7:
                    guard seen.first(7), let d = directDate(&p) else { return false }
                    endsOn = d
                case 8:
                    guard seen.first(8), let b = p.directBool() else { return false }
                    autoRenew = b
                case 9:
                    guard seen.first(9), let n = directInt(&p) else { return false }
                    noticeDays = n
                case 10:
                    guard seen.first(10), let d = directDate(&p) else { return false }
                    addedOn = d
                case 11:
                    guard seen.first(11), let b = p.directBool() else { return false }
                    offline = b
                case 12:
                    guard seen.first(12), let d = directOptional(&p, directDate) else { return false }
                    sunsetOn = d
                case 13:
                    guard seen.first(13), let d = directOptional(&p, directDate) else { return false }
                    convertedToAnnualOn = d
                default:
                    return directExtra(&p, key, &extras)
                }
                return true
            }
            guard whole, let id, let account, let tool, let vendor, let billing, let annualValue, let startsOn, let endsOn,
                  let autoRenew, let noticeDays, let addedOn, let offline, endsOn >= startsOn else { return nil }
            registerId(id, list: "contracts", path: "", position: Self.nowhere)
            return Contract(id: id, account: account, tool: tool, vendor: vendor, billing: billing, annualValue: annualValue,
                            startsOn: startsOn, endsOn: endsOn, autoRenew: autoRenew, noticeDays: noticeDays, addedOn: addedOn,
                            offline: offline, sunsetOn: sunsetOn, convertedToAnnualOn: convertedToAnnualOn, extras: extras)
        }
    }

    // MARK: activity

    func directActivity(_ p: inout JSONParser) -> Activity? {
        direct(&p) { p in
            var seen = Seen()
            var at: Timestamp?, by: String?, action: String?, target: String?, before: JSONValue?, after: JSONValue?
            var extras = JSONObject()
            let whole = p.directObject(Self.activityKeys) { p, field, key in
                switch field {
                case 0:
                    guard seen.first(0), let t = directTimestamp(&p) else { return false }
                    at = t
                case 1:
                    guard seen.first(1), let s = p.directString() else { return false }
                    by = s
                case 2:
                    guard seen.first(2), let s = p.directString() else { return false }
                    action = s
                case 3:
                    guard seen.first(3), let s = p.directString() else { return false }
                    target = s
                case 4:
                    guard seen.first(4), let v = p.directValue() else { return false }
                    before = v
                case 5:
                    guard seen.first(5), let v = p.directValue() else { return false }
                    after = v
                default:
                    // The store engine's stamp is kept as it is, and checked: a non-empty id, a sequence number of
                    // 1 or more, `via` a string (null: as if absent).
                    guard extras[key] == nil, let v = p.directValue() else { return false }
                    switch (key, v) {
                    case ("id", .string(let s)) where s.isEmpty: return false
                    case ("id", .string), ("via", .string), (_, .null): break
                    case ("seq", .number(let t)): guard let n = Int(t), n >= 1 else { return false }
                    case ("id", _), ("via", _), ("seq", _): return false
                    default: break
                    }
                    extras[key] = v
                }
                return true
            }
            guard whole, let at, let by, let action, let target else { return nil }
            return Activity(at: at, by: by, action: action, target: target, before: before ?? .object(JSONObject()),
                            after: after ?? .object(JSONObject()), extras: extras)
        }
    }
}

extension JSONParser {
    /// Any value as a `JSONValue`, straight from the bytes (nil when not well formed, a key is twice in an object,
    /// or it nests deeper than the common case: the tree then reads it).
    mutating func directValue(depth: Int = 0) -> JSONValue? {
        guard depth < 32 else { return nil }
        skipWhitespace()
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            var o = JSONObject()
            guard directObject({ p, key in
                guard o[key] == nil, let v = p.directValue(depth: depth + 1) else { return false }
                o[key] = v
                return true
            }) else { return nil }
            return .object(o)
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            guard directArray({ p in
                guard let v = p.directValue(depth: depth + 1) else { return false }
                items.append(v)
                return true
            }) else { return nil }
            return .array(items)
        case UInt8(ascii: "\""): return directString().map { .string($0) }
        case UInt8(ascii: "n"): return eatNull() ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return directBool().map { .bool($0) }
        default: return directNumber().map { .number($0) }
        }
    }
}
