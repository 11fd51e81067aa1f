import Foundation

/// Checks imported records with the rules of the store: the store decoder's (required fields, types, enumerations,
/// dates, amounts exact to the cent, unique ids, references to people, PODs, accounts and contracts, a history
/// oldest first ending in the status) and the Workflow's (an analyst or Buyer of the account's POD, a renewal
/// names its account's contract, a lifecycle that the actions could have produced, savings submitted with a
/// baseline and a final price). Used by `podboard import` to list bad rows and by the `import` action itself.
public enum ImportCheck {
    public struct Problem: Sendable, Equatable {
        /// The record's position in the import.
        public var record: Int
        /// The record's field (`status`, `baseline.amount`, `history[2].at`), or "" for the record as a whole.
        public var field: String
        public var message: String
    }

    /// Gives every record without an id the next free one: `REQ-n` after the highest number in use (as raise
    /// does), `C-nnnn` (as add-contract), an account's name made an id (`acme-corp`, `acme-corp-2`).
    public static func assignIds(_ kind: ImportKind, _ records: inout [JSONValue], store: Store) -> [String] {
        func id(_ v: JSONValue) -> String? {
            if case .object(let o) = v, case .string(let s)? = o["id"], !s.isEmpty { return s }
            return nil
        }
        var taken: [String]
        switch kind {
        case .requests: taken = store.requests.map(\.id)
        case .contracts: taken = store.contracts.map(\.id)
        case .accounts: taken = store.accounts.map(\.id)
        }
        taken += records.compactMap(id)
        var takenSet = Set(taken)
        var nextRequest = (taken.compactMap { Int($0.drop { !$0.isNumber }) }.max() ?? 1000) + 1
        var out: [String] = []
        for i in records.indices {
            guard case .object(var o) = records[i] else { out.append(""); continue }
            if let existing = id(records[i]) { out.append(existing); continue }
            var new: String
            switch kind {
            case .requests:
                repeat { new = "REQ-\(nextRequest)"; nextRequest += 1 } while takenSet.contains(new)
            case .contracts:
                new = Context.nextContractId(Array(takenSet))
            case .accounts:
                var base = "account"
                if case .string(let name)? = o["name"] { base = ImportRows.slug(name) }
                new = base
                var n = 2
                while takenSet.contains(new) { new = "\(base)-\(n)"; n += 1 }
            }
            takenSet.insert(new)
            o["id"] = .string(new)
            // The id first, as in the store.
            var ordered = JSONObject([("id", .string(new))])
            for m in o.members where m.key != "id" { ordered[m.key] = m.value }
            records[i] = .object(ordered)
            out.append(new)
        }
        return out
    }

    /// Every problem of the records, against `store` (at the import's time `at`).
    public static func problems(_ kind: ImportKind, _ records: [JSONValue], store: Store, at: Timestamp) -> [Problem] {
        var out: [Problem] = []
        let d = StoreDecoder()
        let own: String = kind.rawValue
        let lists: [(String, [String])] = [("people", store.people.map(\.id)), ("pods", store.pods.map(\.id)),
                                           ("accounts", store.accounts.map(\.id)), ("contracts", store.contracts.map(\.id)),
                                           ("requests", store.requests.map(\.id))]
        var existing = Set<String>()
        for (name, ids) in lists {
            if name == own { existing = Set(ids) } else { d.ids[name] = Set(ids) }
        }
        var decoded: [Int: Any] = [:]
        for (i, v) in records.enumerated() {
            if case .object(let o) = v, case .string(let id)? = o["id"], existing.contains(id) {
                out.append(Problem(record: i, field: "id", message: "\(kind.noun) \(id) is already in the store (imported before? ids are kept; --skip-bad skips it)"))
                continue
            }
            guard let node = try? JSONParser.parse(JSONWriter.write(v)) else {
                out.append(Problem(record: i, field: "", message: "not a record")); continue
            }
            let path = "rows[\(i)]"
            switch kind {
            case .requests: decoded[i] = d.decodeRequest(node, path)
            case .contracts: decoded[i] = d.decodeContract(node, path)
            case .accounts: decoded[i] = d.decodeAccount(node, path)
            }
        }
        d.resolveReferences()
        for p in d.problems {
            guard p.path.hasPrefix("rows["), let close = p.path.firstIndex(of: "]"),
                  let i = Int(p.path[p.path.index(p.path.startIndex, offsetBy: 5)..<close]) else {
                out.append(Problem(record: 0, field: "", message: p.message)); continue
            }
            var field = String(p.path[p.path.index(after: close)...])
            if field.hasPrefix(".") { field.removeFirst() }
            out.append(Problem(record: i, field: field, message: p.message))
        }
        // The Workflow's rules, on the records that decoded.
        for (i, any) in decoded.sorted(by: { $0.key < $1.key }) {
            switch any {
            case let r as Request: out += requestRules(r, i, store: store, at: at)
            case let a as Account:
                if let p = store.person(a.csm), !(p.has(.csm) || p.has(.admin)) {
                    out.append(Problem(record: i, field: "csm", message: "\(p.name) is not a CSM"))
                }
            default: break
            }
        }
        return out.sorted { ($0.record, $0.field) < ($1.record, $1.field) }
    }

    static let transitions: [RequestStatus: Set<RequestStatus>] = [
        .new: [.qualifying, .qualified, .disqualified, .cancelled],
        .qualifying: [.qualified, .onHold, .disqualified, .cancelled],
        .qualified: [.negotiating, .disqualified, .cancelled],
        .negotiating: [.pendingApproval, .onHold, .lost, .cancelled],
        .onHold: [.qualifying, .negotiating, .lost, .cancelled],
        .pendingApproval: [.approved, .negotiating, .lost, .cancelled],
        .approved: [.closed],
    ]

    static func requestRules(_ r: Request, _ i: Int, store: Store, at: Timestamp) -> [Problem] {
        var out: [Problem] = []
        func no(_ field: String, _ m: String) { out.append(Problem(record: i, field: field, message: m)) }
        let pod = store.account(r.account)?.pod
        if let pod, let id = r.analyst, let p = store.person(id), !(p.has(.analyst) && p.pods.contains(pod)) {
            no("analyst", "\(p.name) is not a SaaS Analyst of POD \(pod)")
        }
        if let pod, let id = r.buyer, let p = store.person(id), !(p.has(.buyer) && p.pods.contains(pod)) {
            no("buyer", "\(p.name) is not a Buyer of POD \(pod)")
        }
        if r.kind == .renewal && r.contract == nil { no("contract", "a renewal request names the contract it renews") }
        if let cid = r.contract, let c = store.contract(cid), c.account != r.account {
            no("contract", "contract \(cid) belongs to account \(c.account), not \(r.account)")
        }
        let reached = Set(r.history.map(\.to)).union([r.status])
        if !reached.isDisjoint(with: [.negotiating, .pendingApproval, .approved, .closed]) && r.buyer == nil {
            no("buyer", "a request that was handed over has a Buyer (never negotiate without one)")
        }
        if !reached.isDisjoint(with: [.pendingApproval, .approved, .closed]) {
            if r.baseline == nil { no("baseline.amount", "savings were submitted: the baseline is required") }
            if r.final == nil { no("final", "savings were submitted: the final price is required") }
        }
        var from = RequestStatus.new
        for (k, e) in r.history.enumerated() {
            if e.from != from || !(transitions[e.from]?.contains(e.to) ?? false) {
                no("history[\(k)].to", "\(e.from.rawValue) → \(e.to.rawValue) is not a step of the lifecycle (after \(from.rawValue))")
                break
            }
            if e.at < r.createdAt { no("history[\(k)].at", "\(e.at.text) is before the request was created (\(r.createdAt.text))"); break }
            if at < e.at { no("history[\(k)].at", "\(e.at.text) is after the import (\(at.text))"); break }
            from = e.to
        }
        if r.history.isEmpty && r.status != .new {
            no("status", "a request that is \(r.status.rawValue) needs the dates of its lifecycle (its history): an empty history counts nowhere")
        }
        if at < r.createdAt { no("createdAt", "\(r.createdAt.text) is after the import (\(at.text))") }
        return out
    }
}
