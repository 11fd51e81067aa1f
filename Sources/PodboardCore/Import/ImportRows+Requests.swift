import Foundation

extension ImportRows {
    /// The main line of the lifecycle, with the field holding the date each step was reached.
    static let steps: [(status: RequestStatus, field: String)] = [
        (.new, "createdAt"), (.qualifying, "preApprovalAt"), (.qualified, "qualifiedAt"), (.negotiating, "handedOverAt"),
        (.pendingApproval, "submittedAt"), (.approved, "approvedAt"), (.closed, "closedAt"),
    ]

    /// The statuses a side exit may come from (the Workflow's guards).
    static func exitAllowed(_ to: RequestStatus, from: RequestStatus) -> Bool {
        switch to {
        case .onHold: return from == .qualifying || from == .negotiating
        case .disqualified: return [.new, .qualifying, .qualified].contains(from)
        case .lost: return [.negotiating, .onHold, .pendingApproval].contains(from)
        case .cancelled: return from.isOpen && from != .approved
        default: return false
        }
    }

    func request(_ r: Reader, _ c: inout Cursor) {
        readId(r, &c)
        var accountId: String?
        if let v = r.text("account") {
            if let id = self.accountId(v) { accountId = id; set(&c, "account", .string(id), r) } else {
                c.problems.append(r.problem("account", "no account \"\(v)\" in the store (give an account id or name, or add it to the mapping's values.account)"))
            }
        } else { c.problems.append(r.missing("account", "account is required")) }
        let kindText = r.text("kind").map { r.mapped("kind", $0) } ?? RequestKind.new.rawValue
        set(&c, "kind", .string(kindText), r)
        if let v = r.text("contract") { set(&c, "contract", .string(v), r) }
        readText(r, "tool", &c, required: true)
        readText(r, "vendor", &c, required: true)
        var status: RequestStatus?
        if let v = r.text("status") {
            let s = r.mapped("status", v)
            if let st = RequestStatus(rawValue: s) { status = st; set(&c, "status", .string(s), r) } else {
                c.problems.append(r.problem("status", "no status \"\(v)\": expected one of \(RequestStatus.allCases.map(\.rawValue).joined(separator: ", ")), or an entry in the mapping's values.status"))
            }
        } else { c.problems.append(r.missing("status", "status is required")) }
        let created = readInstant(r, "createdAt", &c)
        if let created { set(&c, "createdAt", .string(created.text), r) } else if r.text("createdAt") == nil {
            c.problems.append(r.missing("createdAt", "createdAt (the intake date) is required"))
        }
        // People: explicit analyst and buyer columns, else taken from the assignees by role.
        let pod = accountId.flatMap { store.account($0)?.pod }
        if let v = r.text("assignees") {
            let names = v.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).components(separatedBy: mapping.listSeparator)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var people: [Person] = []
            for n in names {
                guard let id = person(n), let p = store.person(id) else {
                    c.problems.append(r.problem("assignees", "no person \"\(n)\" in the store (give a person id or name, or add it to the mapping's values.people)"))
                    continue
                }
                people.append(p)
            }
            func pick(_ role: Role) -> Person? { people.first { $0.has(role) && (pod == nil || $0.pods.contains(pod!)) } ?? people.first { $0.has(role) } }
            if r.text("analyst") == nil, let a = pick(.analyst) { set(&c, "analyst", .string(a.id), from: "assignees", r) }
            if r.text("buyer") == nil, let b = pick(.buyer) { set(&c, "buyer", .string(b.id), from: "assignees", r) }
        }
        readPerson(r, "analyst", &c, required: false)
        if let t = readInstant(r, "assignedAt", &c) { set(&c, "assignedAt", .string(t.text), r) }
        readPerson(r, "buyer", &c, required: false)
        if r.text("termMonths") != nil { readInt(r, "termMonths", &c, required: true) } else { c.record["termMonths"] = .number("12") }
        if r.text("baseline") != nil {
            var b = Cursor()
            readAmount(r, "baseline", &b, required: true, as: "amount")
            c.problems += b.problems
            if let amount = b.record["amount"] {
                let basisText = r.text("basis").map { r.mapped("basis", $0) }
                    ?? (kindText == RequestKind.renewal.rawValue ? BaselineBasis.priorContract.rawValue : BaselineBasis.firstQuote.rawValue)
                c.record["baseline"] = .object(JSONObject([("amount", amount), ("basis", .string(basisText))]))
                if let i = r.column("baseline") { c.columns["baseline.amount"] = i }
                if let i = r.column("basis") { c.columns["baseline.basis"] = i }
            }
        }
        readAmount(r, "final", &c, required: false)
        readAmount(r, "costAvoidance", &c, required: false)
        readText(r, "noQuotesReason", &c, required: false)
        c.record["quotes"] = .array([]); c.record["updates"] = .array([]); c.record["escalations"] = .array([])
        c.record["history"] = .array([])
        guard let status, let created, let accountId else { return }
        history(r, &c, status: status, created: created, pod: store.account(accountId)?.pod)
    }

    /// The history from the row's dates: each step of the main line up to the status (or, for a side exit, up to
    /// the last step with a date, then the exit at `endedAt`).
    func history(_ r: Reader, _ c: inout Cursor, status: RequestStatus, created: Timestamp, pod: String?) {
        let mainIndex = Self.steps.firstIndex { $0.status == status }
        var dates: [Int: Timestamp] = [:]
        var bad = false
        for k in 1..<Self.steps.count {
            let field = Self.steps[k].field
            if r.text(field) != nil {
                if let t = readInstant(r, field, &c) { dates[k] = t } else { bad = true }
            }
        }
        if bad { return }
        let last: Int
        if let mainIndex { last = mainIndex } else { last = dates.keys.max() ?? 0 }
        // The qualification date falls back to the hand-over's (a spreadsheet often has only that).
        var qualifiedFrom = "qualifiedAt"
        if last >= 2, dates[2] == nil, let h = dates[3] { dates[2] = h; qualifiedFrom = "handedOverAt" }
        var path: [(k: Int, at: Timestamp, field: String)] = []
        for k in (last >= 1 ? Array(1...last) : []) {
            if k == 1 && dates[1] == nil && status != .qualifying { continue }  // pre-approval is optional
            guard let t = dates[k] else {
                c.problems.append(r.missing(Self.steps[k].field,
                    "a request that is \(status.rawValue) went through \(Self.steps[k].status.rawValue): \(Self.steps[k].field) is required"))
                return
            }
            path.append((k, t, k == 2 ? qualifiedFrom : Self.steps[k].field))
        }
        var entries: [JSONValue] = []
        var from = RequestStatus.new
        var previous = (at: created, field: "createdAt")
        let importer = by
        func who(_ to: RequestStatus) -> String? {
            switch to {
            case .pendingApproval, .lost: return c.record["buyer"].flatMap { if case .string(let s) = $0 { return s }; return nil }
            case .approved: return store.people.first { $0.has(.em) && pod.map($0.pods.contains) == true }?.id
            case .onHold: return from == .negotiating ? who(.pendingApproval) : who(.qualified)
            default: return c.record["analyst"].flatMap { if case .string(let s) = $0 { return s }; return nil }
            }
        }
        func add(_ to: RequestStatus, _ t: Timestamp, _ field: String, reason: String? = nil) -> Bool {
            if t < previous.at {
                c.problems.append(r.problem(field, "\(field) (\(zone.date(of: t))) is before \(previous.field) (\(zone.date(of: previous.at)))"))
                return false
            }
            if at < t {
                c.problems.append(r.problem(field, "\(field) (\(zone.date(of: t))) is after the import (\(zone.date(of: at))): the future has not happened yet"))
                return false
            }
            var e = JSONObject()
            e["at"] = .string(t.text)
            e["by"] = .string(who(to) ?? importer)
            e["from"] = .string(from.rawValue)
            e["to"] = .string(to.rawValue)
            e["note"] = .string("imported from \(file) line \(r.line)")
            if let reason { e["reason"] = .string(reason) }
            if let i = r.column(field) { c.columns["history[\(entries.count)].at"] = i }
            entries.append(.object(e))
            from = to
            previous = (t, field)
            return true
        }
        if at < created {
            c.problems.append(r.problem("createdAt", "createdAt (\(zone.date(of: created))) is after the import (\(zone.date(of: at))): the future has not happened yet"))
            return
        }
        for step in path { guard add(Self.steps[step.k].status, step.at, step.field) else { return } }
        if mainIndex == nil {
            guard Self.exitAllowed(status, from: from) else {
                c.problems.append(r.problem("status", "a request becomes \(status.rawValue) only from \(RequestStatus.allCases.filter { Self.exitAllowed(status, from: $0) }.map(\.rawValue).joined(separator: ", ")); its dates reach \(from.rawValue)"))
                return
            }
            guard r.text("endedAt") != nil else {
                c.problems.append(r.missing("endedAt", "a request that is \(status.rawValue) needs the date it became so: endedAt is required"))
                return
            }
            guard let t = readInstant(r, "endedAt", &c) else { return }
            let why = r.text("reason") ?? (status == .onHold ? "imported: on hold" : "imported: \(status.rawValue)")
            guard add(status, t, "endedAt", reason: why) else { return }
        }
        c.record["history"] = .array(entries)
    }
}
