import Foundation

/// Turns a parsed JSON document into a `Store`, collecting every problem instead of stopping at the first.
/// When something is wrong a placeholder is used so that the rest of the document is still checked; the
/// result is only trusted when `problems` is empty.
public final class StoreDecoder {
    public private(set) var problems: [StoreProblem] = []

    struct PendingReference {
        let path: String
        let position: SourcePosition
        let id: String
        let list: String
    }
    var references: [PendingRef] = []
    typealias PendingRef = PendingReference
    var ids: [String: Set<String>] = [:]
    /// The ids of `people`, when they are known before the element is decoded (the fast path's chunks): a
    /// reference to a person is then checked as it is read instead of being kept for the end.
    var knownPeople: Set<String>?
    /// The fast path's chunks do not gather ids: the whole lists' ids are checked once they are decoded.
    var deferIds = false
    /// Each login seen so far in `people[].logins`, and where: a login is one person only.
    private var loginsSeen: [String: (path: String, position: SourcePosition)] = [:]

    public init() {}

    /// Decodes and validates a whole store.
    public static func decode(_ root: JSONNode) -> (store: Store, problems: [StoreProblem]) {
        let d = StoreDecoder()
        let store = d.decodeStore(root)
        d.resolveReferences()
        let sorted = d.problems.enumerated().sorted { a, b in
            switch (a.element.position, b.element.position) {
            case let (x?, y?): return x == y ? a.offset < b.offset : x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
        return (store, sorted)
    }

    /// The fast path of loading (`StoreFile.decode`): paths are not built and the first problem ends it (the
    /// document is then decoded again exactly, to report every problem with its path and line:column).
    var fast = false
    private(set) var failed = false

    func report(_ path: String, _ position: SourcePosition?, _ message: String) {
        if fast { failed = true; return }
        problems.append(StoreProblem(path: path, position: position, message: message))
    }

    // MARK: references and ids

    func reference(_ id: String, in list: String, path: String, position: SourcePosition) {
        references.append(PendingReference(path: path, position: position, id: id, list: list))
    }

    func resolveReferences() {
        let singular = ["people": "person", "pods": "POD", "accounts": "account", "contracts": "contract", "requests": "request"]
        for r in references where !(ids[r.list]?.contains(r.id) ?? false) {
            report(r.path, r.position, "refers to \(singular[r.list] ?? r.list) \"\(r.id)\", which is not in `\(r.list)`")
        }
    }

    // MARK: the document

    func decodeStore(_ root: JSONNode) -> Store {
        var store = Store()
        guard let o = ObjectReader(root, path: "", decoder: self) else { return store }
        if let f = o.node("format") {
            if case .number(let t, let p) = f {
                if t != "1" && Decimal(string: t) != 1 {
                    report("format", p, "this podboard reads store format 1; the file says format \(t). Use a podboard that knows format \(t)")
                }
            } else {
                report("format", f.position, "expected the number 1, found \(f.typeDescription)")
            }
        } else {
            report("format", root.position, "the key \"format\" is missing (expected \"format\": 1)")
        }
        if let s = o.node("settings") { store.settings = decodeSettings(s, path: "settings") }
        store.people = o.array("people", required: true) { decodePerson($0, $1) }
        store.pods = o.array("pods", required: true) { decodePod($0, $1) }
        store.accounts = o.array("accounts", required: true) { decodeAccount($0, $1) }
        store.contracts = o.array("contracts", required: true) { decodeContract($0, $1) }
        store.requests = o.array("requests", required: true) { decodeRequest($0, $1) }
        store.reviews = o.array("reviews", required: false) { decodeReview($0, $1) }
        store.publications = o.array("publications", required: false) { decodePublication($0, $1) }
        store.activity = o.array("activity", required: false) { decodeActivity($0, $1) }
        if let k = o.node("kpis"), !k.isNull { store.kpis = o.array("kpis", required: false) { decodeKPI($0, $1) } }
        store.measurements = o.array("measurements", required: false) { decodeMeasurement($0, $1) }
        checkCatalog(store)
        store.extras = o.extras(known: ["format", "settings", "people", "pods", "accounts", "contracts", "requests", "reviews", "publications", "activity",
                                        "kpis", "measurements"])
        return store
    }

    private func decodeSettings(_ n: JSONNode, path: String) -> Settings {
        var s = Settings()
        guard let o = ObjectReader(n, path: path, decoder: self) else { return s }
        if let tz = o.string("timeZone", required: false) {
            if Zone(identifier: tz) == nil {
                report(o.path("timeZone"), o.node("timeZone")?.position, "expected an IANA time zone such as \"Asia/Kolkata\" or \"UTC\", found \"\(tz)\"")
            } else { s.timeZone = tz }
        }
        if let c = o.string("currency", required: false) {
            if c.count == 3, c.allSatisfy({ $0.isASCII && $0.isUppercase }) { s.currency = c } else {
                report(o.path("currency"), o.node("currency")?.position, "expected a three-letter ISO 4217 currency code such as \"USD\", found \"\(c)\"")
            }
        }
        if o.node("weekend") != nil {
            s.weekend = o.array("weekend", required: false) { n, p in self.enumValue(n, p, Weekday.self) }
        }
        if o.node("holidays") != nil {
            s.holidays = o.array("holidays", required: false) { n, p in self.date(n, p) }
        }
        if let t = o.node("tat"), let r = ObjectReader(t, path: o.path("tat"), decoder: self) {
            s.tat.qualifyWorkingDays = r.int("qualifyWorkingDays", default: s.tat.qualifyWorkingDays)
            s.tat.negotiationDaysNew = r.int("negotiationDaysNew", default: s.tat.negotiationDaysNew)
            s.tat.negotiationDaysRenewal = r.int("negotiationDaysRenewal", default: s.tat.negotiationDaysRenewal)
            s.tat.updateWorkingDays = r.int("updateWorkingDays", default: s.tat.updateWorkingDays)
            s.tat.flagWorkingDays = r.int("flagWorkingDays", default: s.tat.flagWorkingDays)
            s.tat.extras = r.extras(known: ["qualifyWorkingDays", "negotiationDaysNew", "negotiationDaysRenewal", "updateWorkingDays", "flagWorkingDays"])
        }
        if let t = o.node("renewal"), let r = ObjectReader(t, path: o.path("renewal"), decoder: self) {
            s.renewal.reviewLeadDays = r.int("reviewLeadDays", default: s.renewal.reviewLeadDays)
            s.renewal.requestLeadDays = r.int("requestLeadDays", default: s.renewal.requestLeadDays)
            s.renewal.negotiationLeadDays = r.int("negotiationLeadDays", default: s.renewal.negotiationLeadDays)
            s.renewal.noticeAlertDays = r.int("noticeAlertDays", default: s.renewal.noticeAlertDays)
            s.renewal.calendarDueDaysBeforeQuarter = r.int("calendarDueDaysBeforeQuarter", default: s.renewal.calendarDueDaysBeforeQuarter)
            s.renewal.extras = r.extras(known: ["reviewLeadDays", "requestLeadDays", "negotiationLeadDays", "noticeAlertDays", "calendarDueDaysBeforeQuarter"])
        }
        if let t = o.node("targets"), let r = ObjectReader(t, path: o.path("targets"), decoder: self) {
            var g = s.targets
            g.ftvDays = r.int("ftvDays", default: g.ftvDays)
            g.msgDays = r.int("msgDays", default: g.msgDays)
            g.msgStretchDays = r.int("msgStretchDays", default: g.msgStretchDays)
            g.pseShare = r.share("pseShare") ?? g.pseShare
            g.milestoneShare = r.share("milestoneShare") ?? g.milestoneShare
            g.gdrShare = r.share("gdrShare") ?? g.gdrShare
            g.favorableHealthShare = r.share("favorableHealthShare") ?? g.favorableHealthShare
            g.buyerQuotaShare = r.share("buyerQuotaShare") ?? g.buyerQuotaShare
            g.podBuyersAtQuotaShare = r.share("podBuyersAtQuotaShare") ?? g.podBuyersAtQuotaShare
            g.monthlyToAnnualShare = r.share("monthlyToAnnualShare") ?? g.monthlyToAnnualShare
            g.benchmarkShare = r.share("benchmarkShare") ?? g.benchmarkShare
            g.benchmarkProcurementShare = r.share("benchmarkProcurementShare") ?? g.benchmarkProcurementShare
            g.atsCoverageShare = r.share("atsCoverageShare") ?? g.atsCoverageShare
            g.amberRatio = r.share("amberRatio") ?? g.amberRatio
            g.extras = r.extras(known: ["ftvDays", "msgDays", "msgStretchDays", "pseShare", "milestoneShare", "gdrShare",
                                        "favorableHealthShare", "buyerQuotaShare", "podBuyersAtQuotaShare", "monthlyToAnnualShare",
                                        "benchmarkShare", "benchmarkProcurementShare", "atsCoverageShare", "amberRatio"])
            s.targets = g
        }
        if let b = o.node("benchmarks") {
            if case .object(let members, _) = b {
                for m in members {
                    if let v = share(m.value, o.path("benchmarks") + "." + m.key) { s.benchmarks.append((m.key, v)) }
                }
            } else {
                report(o.path("benchmarks"), b.position, "expected an object of tool name → savings share, found \(b.typeDescription)")
            }
        }
        s.extras = o.extras(known: ["timeZone", "currency", "weekend", "holidays", "tat", "renewal", "targets", "benchmarks"])
        return s
    }

    private func decodeQuarterlyTargets(_ o: ObjectReader) -> QuarterlyTargets {
        var q = QuarterlyTargets()
        guard let n = o.node("quarterlyTargets") else { return q }
        guard case .object(let members, _) = n else {
            if case .null = n { return q }
            report(o.path("quarterlyTargets"), n.position, "expected an object of quarter (\"2026-Q4\") → amount, found \(n.typeDescription)")
            return q
        }
        for m in members {
            let p = o.path("quarterlyTargets") + "." + m.key
            guard let quarter = Quarter(m.key) else {
                report(p, m.keyPosition, "expected a quarter written YYYY-Qn (like \"2026-Q4\"), found \"\(m.key)\"")
                continue
            }
            if let a = amount(m.value, p) { q.entries.append((quarter, a)) }
        }
        return q
    }

    private func decodePerson(_ n: JSONNode, _ path: String) -> Person? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let id = o.id("id", list: "people")
        let name = o.string("name", required: true) ?? id
        let roles = o.array("roles", required: true) { n, p in self.enumValue(n, p, Role.self) }
        let pods = o.array("pods", required: true) { n, p in self.referenceValue(n, p, list: "pods") }
        let logins = o.array("logins", required: false) { n, p in self.login(n, p) }
        return Person(id: id, name: name, roles: roles, pods: pods, quarterlyTargets: decodeQuarterlyTargets(o),
                      logins: logins, extras: o.extras(known: ["id", "name", "roles", "pods", "quarterlyTargets", "logins"]))
    }

    private func decodePod(_ n: JSONNode, _ path: String) -> Pod? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let id = o.id("id", list: "pods")
        return Pod(id: id, name: o.string("name", required: true) ?? id, quarterlyTargets: decodeQuarterlyTargets(o),
                   extras: o.extras(known: ["id", "name", "quarterlyTargets"]))
    }

    private static let epoch = LocalDate(dayNumber: 0)

    func decodeAccount(_ n: JSONNode, _ path: String) -> Account? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let id = o.id("id", list: "accounts")
        var onboarding = Onboarding()
        if let on = o.node("onboarding") {
            if let r = ObjectReader(on, path: o.path("onboarding"), decoder: self) {
                onboarding.completedOn = r.date("completedOn", required: false)
                onboarding.checklist = r.array("checklist", required: true) { n, p in
                    guard let c = ObjectReader(n, path: p, decoder: self) else { return nil }
                    return ChecklistItem(item: c.string("item", required: true) ?? "", done: c.bool("done", required: true) ?? false,
                                         extras: c.extras(known: ["item", "done"]))
                }
                onboarding.extras = r.extras(known: ["completedOn", "checklist"])
            }
        } else {
            o.missing("onboarding", expected: "an object with \"checklist\" and optional \"completedOn\"")
        }
        let a = Account(
            id: id, name: o.string("name", required: true) ?? id,
            pod: o.ref("pod", list: "pods", required: true) ?? "",
            csm: o.ref("csm", list: "people", required: true) ?? "",
            contractSignedOn: o.date("contractSignedOn", required: true) ?? Self.epoch,
            podHandoverOn: o.date("podHandoverOn", required: true) ?? Self.epoch,
            initiatedOn: o.date("initiatedOn", required: false),
            termEndsOn: o.date("termEndsOn", required: true) ?? Self.epoch,
            msg: o.amount("msg", required: true) ?? 0, pse: o.amount("pse", required: true) ?? 0,
            declaredATS: o.amount("declaredATS", required: true) ?? 0,
            health: o.enumValue("health", Health.self, required: true) ?? .neutral,
            sentiment: o.string("sentiment", required: false), onboarding: onboarding,
            contacts: o.array("contacts", required: false) { n, p in
                guard let c = ObjectReader(n, path: p, decoder: self) else { return nil }
                let level = c.int("escalationLevel", required: false)
                if let level, level < 1, let node = c.node("escalationLevel") {
                    report(c.path("escalationLevel"), node.position, "expected an escalation level of 1 or more, found \(level)")
                }
                return Contact(name: c.string("name", required: true) ?? "", role: c.string("role", required: false),
                               email: c.string("email", required: false), escalationLevel: level,
                               extras: c.extras(known: ["name", "role", "email", "escalationLevel"]))
            },
            extras: o.extras(known: ["id", "name", "pod", "csm", "contractSignedOn", "podHandoverOn", "initiatedOn", "termEndsOn",
                                     "msg", "pse", "declaredATS", "health", "sentiment", "onboarding", "contacts", "renewedTerm", "churnedOn"]))
        var out = a
        decodeTermRenewal(o, into: &out)
        return out
    }

    func decodeContract(_ n: JSONNode, _ path: String) -> Contract? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let id = o.id("id", list: "contracts")
        let c = Contract(
            id: id, account: o.ref("account", list: "accounts", required: true) ?? "",
            tool: o.string("tool", required: true) ?? "", vendor: o.string("vendor", required: true) ?? "",
            billing: o.enumValue("billing", Billing.self, required: true) ?? .annual,
            annualValue: o.amount("annualValue", required: true) ?? 0,
            startsOn: o.date("startsOn", required: true) ?? Self.epoch, endsOn: o.date("endsOn", required: true) ?? Self.epoch,
            autoRenew: o.bool("autoRenew", required: true) ?? false,
            noticeDays: o.int("noticeDays", required: true) ?? 0,
            addedOn: o.date("addedOn", required: true) ?? Self.epoch, offline: o.bool("offline", required: true) ?? false,
            sunsetOn: o.date("sunsetOn", required: false), convertedToAnnualOn: o.date("convertedToAnnualOn", required: false),
            extras: o.extras(known: ["id", "account", "tool", "vendor", "billing", "annualValue", "startsOn", "endsOn", "autoRenew",
                                     "noticeDays", "addedOn", "offline", "sunsetOn", "convertedToAnnualOn"]))
        if c.endsOn < c.startsOn, o.node("endsOn") != nil, o.node("startsOn") != nil {
            report(o.path("endsOn"), o.node("endsOn")?.position, "the contract ends (\(c.endsOn)) before it starts (\(c.startsOn))")
        }
        return c
    }

    func decodeRequest(_ n: JSONNode, _ path: String) -> Request? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let id = o.id("id", list: "requests")
        let zero = Timestamp(epochSeconds: 0)
        var r = Request(
            id: id, account: o.ref("account", list: "accounts", required: true) ?? "",
            kind: o.enumValue("kind", RequestKind.self, required: true) ?? .new,
            contract: o.ref("contract", list: "contracts", required: false),
            tool: o.string("tool", required: true) ?? "", vendor: o.string("vendor", required: true) ?? "",
            status: o.enumValue("status", RequestStatus.self, required: true) ?? .new,
            createdAt: o.timestamp("createdAt", required: true) ?? zero,
            analyst: o.ref("analyst", list: "people", required: false),
            assignedAt: o.timestamp("assignedAt", required: false),
            buyer: o.ref("buyer", list: "people", required: false),
            termMonths: o.int("termMonths", required: true) ?? 12)
        if r.termMonths == 0, o.node("termMonths") != nil {
            report(o.path("termMonths"), o.node("termMonths")?.position, "expected a number of months of at least 1, found 0")
        }
        if let b = o.node("baseline"), !b.isNull, let br = ObjectReader(b, path: o.path("baseline"), decoder: self) {
            r.baseline = Baseline(amount: br.amount("amount", required: true) ?? 0,
                                  basis: br.enumValue("basis", BaselineBasis.self, required: true) ?? .listPrice,
                                  extras: br.extras(known: ["amount", "basis"]))
        }
        r.final = o.amount("final", required: false)
        r.costAvoidance = o.amount("costAvoidance", required: false)
        r.noQuotesReason = o.string("noQuotesReason", required: false)
        r.quotes = o.array("quotes", required: true) { n, p in
            guard let q = ObjectReader(n, path: p, decoder: self) else { return nil }
            return Quote(from: q.string("from", required: true) ?? "", source: q.enumValue("source", QuoteSource.self, required: true) ?? .vendor,
                         amount: q.amount("amount", required: true) ?? 0, receivedAt: q.timestamp("receivedAt", required: true) ?? zero,
                         extras: q.extras(known: ["from", "source", "amount", "receivedAt"]))
        }
        r.updates = o.array("updates", required: true) { n, p in
            guard let u = ObjectReader(n, path: p, decoder: self) else { return nil }
            return Update(at: u.timestamp("at", required: true) ?? zero, by: u.ref("by", list: "people", required: true) ?? "",
                          text: u.string("text", required: true) ?? "", extras: u.extras(known: ["at", "by", "text"]))
        }
        r.escalations = o.array("escalations", required: true) { n, p in
            guard let e = ObjectReader(n, path: p, decoder: self) else { return nil }
            var x = Escalation(at: e.timestamp("at", required: true) ?? zero, by: e.ref("by", list: "people", required: true) ?? "",
                               reason: e.enumValue("reason", EscalationReason.self, required: true) ?? .other,
                               note: e.string("note", required: true) ?? "",
                               extras: e.extras(known: ["at", "by", "reason", "note", "acknowledgedAt", "acknowledgedBy", "acknowledgedNote",
                                                        "resolvedAt", "resolvedBy", "resolution"]))
            x.acknowledgedAt = e.timestamp("acknowledgedAt", required: false)
            x.acknowledgedBy = e.ref("acknowledgedBy", list: "people", required: false)
            x.acknowledgedNote = e.string("acknowledgedNote", required: false)
            x.resolvedAt = e.timestamp("resolvedAt", required: false)
            x.resolvedBy = e.ref("resolvedBy", list: "people", required: false)
            x.resolution = e.string("resolution", required: false)
            self.checkPair(e, "acknowledgedAt", "acknowledgedBy", x.acknowledgedAt != nil, x.acknowledgedBy != nil)
            self.checkPair(e, "resolvedAt", "resolvedBy", x.resolvedAt != nil, x.resolvedBy != nil)
            for (key, t) in [("acknowledgedAt", x.acknowledgedAt), ("resolvedAt", x.resolvedAt)] {
                if let t, t < x.at, e.node("at") != nil {
                    self.report(e.path(key), e.node(key)?.position, "\(key) (\(t)) is before the escalation was raised (\(x.at))")
                }
            }
            return x
        }
        var lastAt: Timestamp?
        r.history = o.array("history", required: true) { n, p in
            guard let h = ObjectReader(n, path: p, decoder: self) else { return nil }
            let at = h.timestamp("at", required: true)
            if let at, let lastAt, at < lastAt {
                self.report(h.path("at"), h.node("at")?.position, "history must be oldest first: \(at) is earlier than the entry before it (\(lastAt))")
            }
            if let at { lastAt = at }
            return HistoryEntry(at: at ?? zero, by: h.ref("by", list: "people", required: true) ?? "",
                                from: h.enumValue("from", RequestStatus.self, required: true) ?? .new,
                                to: h.enumValue("to", RequestStatus.self, required: true) ?? .new,
                                note: h.string("note", required: false), reason: h.string("reason", required: false),
                                extras: h.extras(known: ["at", "by", "from", "to", "note", "reason"]))
        }
        if let last = r.history.last, last.to != r.status, o.node("status") != nil,
           case .array(let items, _) = o.node("history")!, items.count == r.history.count {
            report(o.path("history") + "[\(r.history.count - 1)].to", items.last.flatMap { ObjectReader.peek($0, "to") }?.position ?? items.last?.position,
                   "the last history entry goes to \"\(last.to.rawValue)\", but the request's status is \"\(r.status.rawValue)\" (they must be equal)")
        }
        r.extras = o.extras(known: ["id", "account", "kind", "contract", "tool", "vendor", "status", "createdAt", "analyst", "assignedAt",
                                    "buyer", "termMonths", "baseline", "final", "costAvoidance", "noQuotesReason", "quotes", "updates",
                                    "escalations", "history"])
        return r
    }

    /// An escalation's acknowledgement or resolution names both when and who, or neither.
    fileprivate func checkPair(_ o: ObjectReader, _ at: String, _ by: String, _ hasAt: Bool, _ hasBy: Bool) {
        if hasAt && !hasBy { report(o.path(at), o.node(at)?.position, "\(at) is given without \(by) (say who, or remove both)") }
        if hasBy && !hasAt { report(o.path(by), o.node(by)?.position, "\(by) is given without \(at) (say when, or remove both)") }
    }

    private func decodeReview(_ n: JSONNode, _ path: String) -> Review? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let kind = o.string("kind", required: true) ?? "aging"
        if kind != "aging", let k = o.node("kind") { report(o.path("kind"), k.position, "expected \"aging\", found \"\(kind)\"") }
        return Review(on: o.date("on", required: true) ?? Self.epoch, by: o.ref("by", list: "people", required: true) ?? "",
                      kind: kind, extras: o.extras(known: ["on", "by", "kind"]))
    }

    private func decodePublication(_ n: JSONNode, _ path: String) -> Publication? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let kind = o.string("kind", required: true) ?? "renewal-calendar"
        if kind != "renewal-calendar", let k = o.node("kind") { report(o.path("kind"), k.position, "expected \"renewal-calendar\", found \"\(kind)\"") }
        var quarter = Quarter(year: 1970, number: 1)
        if let q = o.string("quarter", required: true) {
            if let parsed = Quarter(q) { quarter = parsed } else {
                report(o.path("quarter"), o.node("quarter")?.position, "expected a quarter written YYYY-Qn (like \"2027-Q1\"), found \"\(q)\"")
            }
        }
        return Publication(kind: kind, quarter: quarter, at: o.timestamp("at", required: true) ?? Timestamp(epochSeconds: 0),
                           by: o.ref("by", list: "people", required: true) ?? "", extras: o.extras(known: ["kind", "quarter", "at", "by"]))
    }

    func decodeActivity(_ n: JSONNode, _ path: String) -> Activity? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        // The store engine's stamp (optional): the action's id, its sequence number, the admin who acted.
        if let id = o.string("id", required: false), id.isEmpty { report(o.path("id"), o.node("id")?.position, "expected a non-empty action id") }
        if let seq = o.int("seq", required: false), seq < 1 { report(o.path("seq"), o.node("seq")?.position, "expected a sequence number of 1 or more, found \(seq)") }
        _ = o.string("via", required: false)
        return Activity(at: o.timestamp("at", required: true) ?? Timestamp(epochSeconds: 0),
                        by: o.string("by", required: true) ?? "", action: o.string("action", required: true) ?? "",
                        target: o.string("target", required: true) ?? "",
                        before: o.node("before")?.value ?? .object(JSONObject()), after: o.node("after")?.value ?? .object(JSONObject()),
                        extras: o.extras(known: ["at", "by", "action", "target", "before", "after"]))
    }

    // MARK: scalar readers (also used by ObjectReader)

    /// Numbers are read with "." as the decimal point, whatever the user's locale (made once: it is costly).
    static let posix = Locale(identifier: "en_US_POSIX")

    func typeMismatch(_ n: JSONNode, _ path: String, expected: String) {
        report(path, n.position, "expected \(expected), found \(n.typeDescription)\(Self.sample(n))")
    }

    static func sample(_ n: JSONNode) -> String {
        switch n {
        case .string(let s, _): return " \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .number(let t, _): return " \(t)"
        case .bool(let b, _): return " \(b)"
        default: return ""
        }
    }

    func date(_ n: JSONNode, _ path: @autoclosure () -> String) -> LocalDate? {
        guard case .string(let s, let p) = n else { typeMismatch(n, path(), expected: "a date written YYYY-MM-DD"); return nil }
        guard let d = LocalDate(s) else { report(path(), p, "expected a date written YYYY-MM-DD (a real day), found \"\(s)\""); return nil }
        return d
    }

    func timestamp(_ n: JSONNode, _ path: @autoclosure () -> String) -> Timestamp? {
        guard case .string(let s, let p) = n else { typeMismatch(n, path(), expected: "an RFC 3339 timestamp with an offset"); return nil }
        guard let t = Timestamp(s) else {
            report(path(), p, "expected an RFC 3339 timestamp with an offset, like \"2026-11-02T10:15:00+05:30\", found \"\(s)\"")
            return nil
        }
        return t
    }

    func amount(_ n: JSONNode, _ path: @autoclosure () -> String) -> Decimal? {
        if case .number(let t, let p) = n, !exact(t) { report(path(), p, Self.inexact(t)); return nil }
        guard case .number(let t, let p) = n, let d = Money.decimal(t) else {
            typeMismatch(n, path(), expected: "an amount (a JSON number)")
            return nil
        }
        if d < 0 { report(path(), p, "expected an amount of 0 or more, found \(t)"); return nil }
        if !Money.isWholeCents(d) { report(path(), p, "expected an amount exact to the cent (at most two decimal places), found \(t)"); return nil }
        return d
    }

    /// Whether a number is held exactly (issue 11: more digits than `Decimal` holds were rounded on save).
    func exact(_ t: String) -> Bool {
        guard let d = Money.decimal(t) else { return false }  // a JSON number (the parser checked it) out of range
        return Money.isExact(t, d)
    }

    static func inexact(_ t: String) -> String {
        "expected a number podboard holds exactly (at most \(Money.exactDigits) significant digits), found \(t): it would be rounded"
    }

    func share(_ n: JSONNode, _ path: @autoclosure () -> String) -> Decimal? {
        if case .number(let t, let p) = n, !exact(t) { report(path(), p, Self.inexact(t)); return nil }
        guard case .number(let t, let p) = n, let d = Money.decimal(t) else {
            typeMismatch(n, path(), expected: "a share from 0 to 1 (a JSON number)")
            return nil
        }
        if d < 0 || d > 1 { report(path(), p, "expected a share from 0 to 1, found \(t)"); return nil }
        return d
    }

    func int(_ n: JSONNode, _ path: @autoclosure () -> String) -> Int? {
        guard case .number(let t, let p) = n else { typeMismatch(n, path(), expected: "a whole number"); return nil }
        guard let v = Int(t) else { report(path(), p, "expected a whole number, found \(t)"); return nil }
        if v < 0 { report(path(), p, "expected a whole number of 0 or more, found \(t)"); return nil }
        return v
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ n: JSONNode, _ path: @autoclosure () -> String, _ type: E.Type) -> E? where E.RawValue == String {
        if case .string(let s, _) = n, let v = E(rawValue: s) { return v }
        let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard case .string(let s, let p) = n else { typeMismatch(n, path(), expected: "one of \(allowed)"); return nil }
        report(path(), p, "expected one of \(allowed), found \"\(s)\"")
        return nil
    }

    func referenceValue(_ n: JSONNode, _ path: String, list: String) -> String? {
        guard case .string(let s, let p) = n, !s.isEmpty else { typeMismatch(n, path, expected: "a non-empty id"); return nil }
        reference(s, in: list, path: path, position: p)
        return s
    }

    /// One of `people[].logins`: a non-empty user name without spaces or control characters, and one person's only.
    func login(_ n: JSONNode, _ path: String) -> String? {
        guard case .string(let s, let p) = n, !s.isEmpty else { typeMismatch(n, path, expected: "a login (a non-empty user name)"); return nil }
        if s.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            report(path, p, "expected a login (a user name without spaces or control characters), found \"\(DisplayWidth.sanitized(s))\"")
            return nil
        }
        if let first = loginsSeen[s] {
            report(path, p, "the login \"\(s)\" is also at \(first.path) (\(first.position)): a login is one person only")
            return nil
        }
        loginsSeen[s] = (path, p)
        return s
    }

    func registerId(_ id: String, list: String, path: @autoclosure () -> String, position: SourcePosition) {
        if deferIds { return }
        if ids[list, default: []].insert(id).inserted == false {
            report(path(), position, "the id \"\(id)\" is used more than once in `\(list)` (ids must be unique)")
        }
    }
}

extension JSONNode {
    var isNull: Bool { if case .null = self { return true } else { return false } }
}

/// Reads the members of one JSON object for `StoreDecoder`, reporting missing keys and wrong types.
struct ObjectReader {
    let members: [(key: String, keyPosition: SourcePosition, value: JSONNode)]
    let position: SourcePosition
    let basePath: String
    let decoder: StoreDecoder

    /// nil (and a problem reported) when the node is not an object.
    init?(_ node: JSONNode, path: String, decoder: StoreDecoder) {
        guard case .object(let m, let p) = node else {
            decoder.typeMismatch(node, path, expected: "an object")
            return nil
        }
        // A key twice in one object: on the fast path the parser noticed it already (the document is then decoded
        // exactly); here every one is reported.
        var seen = Set<String>()
        if !decoder.fast { for member in m where !seen.insert(member.key).inserted {
            decoder.report(path.isEmpty ? member.key : path + "." + member.key, member.keyPosition,
                           "the key \"\(member.key)\" appears more than once in this object")
        } }
        members = m; position = p; basePath = path; self.decoder = decoder
    }

    static func peek(_ node: JSONNode, _ key: String) -> JSONNode? {
        guard case .object(let m, _) = node else { return nil }
        return m.first(where: { $0.key == key })?.value
    }

    func path(_ key: String) -> String { basePath.isEmpty || decoder.fast ? key : basePath + "." + key }

    /// The member's value; nil when absent.
    func node(_ key: String) -> JSONNode? { members.first(where: { $0.key == key })?.value }

    func missing(_ key: String, expected: String) {
        decoder.report(path(key), position, "the required key \"\(key)\" is missing (expected \(expected))")
    }

    /// The value, or nil when absent or null; reports a missing required key.
    private func present(_ key: String, required: Bool, expected: @autoclosure () -> String) -> JSONNode? {
        guard let n = node(key) else {
            if required { missing(key, expected: expected()) }
            return nil
        }
        if n.isNull {
            if required { decoder.report(path(key), n.position, "expected \(expected()), found null (this key is required)") }
            return nil
        }
        return n
    }

    func string(_ key: String, required: Bool) -> String? {
        guard let n = present(key, required: required, expected: "a string") else { return nil }
        guard case .string(let s, _) = n else { decoder.typeMismatch(n, path(key), expected: "a string"); return nil }
        return s
    }

    func id(_ key: String, list: String) -> String {
        guard let n = present(key, required: true, expected: "a non-empty id") else { return "" }
        guard case .string(let s, let p) = n, !s.isEmpty else { decoder.typeMismatch(n, path(key), expected: "a non-empty id string"); return "" }
        decoder.registerId(s, list: list, path: path(key), position: p)
        return s
    }

    func ref(_ key: String, list: String, required: Bool) -> String? {
        guard let n = present(key, required: required, expected: "an id") else { return nil }
        return decoder.referenceValue(n, path(key), list: list)
    }

    func bool(_ key: String, required: Bool) -> Bool? {
        guard let n = present(key, required: required, expected: "true or false") else { return nil }
        guard case .bool(let b, _) = n else { decoder.typeMismatch(n, path(key), expected: "true or false"); return nil }
        return b
    }

    func date(_ key: String, required: Bool) -> LocalDate? {
        guard let n = present(key, required: required, expected: "a date written YYYY-MM-DD") else { return nil }
        return decoder.date(n, path(key))
    }

    func timestamp(_ key: String, required: Bool) -> Timestamp? {
        guard let n = present(key, required: required, expected: "an RFC 3339 timestamp") else { return nil }
        return decoder.timestamp(n, path(key))
    }

    func amount(_ key: String, required: Bool) -> Decimal? {
        guard let n = present(key, required: required, expected: "an amount") else { return nil }
        return decoder.amount(n, path(key))
    }

    func share(_ key: String) -> Decimal? {
        guard let n = present(key, required: false, expected: "a share") else { return nil }
        return decoder.share(n, path(key))
    }

    func int(_ key: String, required: Bool) -> Int? {
        guard let n = present(key, required: required, expected: "a whole number") else { return nil }
        return decoder.int(n, path(key))
    }

    func int(_ key: String, default d: Int) -> Int { int(key, required: false) ?? d }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool) -> E? where E.RawValue == String {
        guard let n = present(key, required: required, expected: "one of " + E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")) else { return nil }
        return decoder.enumValue(n, path(key), type)
    }

    /// Decodes each element of an array member; absent optional arrays are empty.
    func array<T>(_ key: String, required: Bool, _ element: (JSONNode, String) -> T?) -> [T] {
        guard let n = present(key, required: required, expected: "an array") else { return [] }
        guard case .array(let items, _) = n else { decoder.typeMismatch(n, path(key), expected: "an array"); return [] }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            if let v = element(item, decoder.fast ? "" : "\(path(key))[\(i)]") { out.append(v) }
        }
        return out
    }

    /// The members not in `known`, kept as they were. `known` is a list, not a set: a set literal was hashed and
    /// allocated for every object decoded (5% of a load at 10k); a few keys are compared faster in a row.
    func extras(known: [String]) -> JSONObject {
        var o = JSONObject()
        for m in members where !known.contains(m.key) { o[m.key] = m.value.value }
        return o
    }
}
