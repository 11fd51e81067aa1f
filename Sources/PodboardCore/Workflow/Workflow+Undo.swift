import Foundation

extension Context {
    /// The activity entries that an undo reversed.
    static func undone(_ activity: [Activity]) -> Set<Int> {
        var out = Set<Int>()
        for a in activity where a.action == ActionKind.undo.rawValue {
            if case .number(let n)? = a.extras["undoes"], let k = Int(n) { out.insert(k) }
        }
        return out
    }

    /// Undo: reverses one of the person's own actions with a compensating change that is itself logged. The
    /// request's history keeps both entries; the compensating one carries `"undoes": N` (the index of the
    /// entry it reverses) and both are left out of every clock and KPI.
    mutating func undo() throws(ActionRefusal) {
        guard let k = Int(action.target), store.activity.indices.contains(k) else {
            throw .badInput("undo needs the index of an activity entry (0 to \(store.activity.count - 1)), found \"\(action.target)\"")
        }
        let done = store.activity[k]
        guard done.by == person.id else { throw refuse("only \(name(done.by)) may undo their own \(done.action) of \(done.target)") }
        guard done.action != ActionKind.undo.rawValue else { throw refuse("an undo is not undone; do the action again instead") }
        guard !undoneBefore(k) else { throw refuse("that \(done.action) of \(done.target) was already undone") }
        // KPIs of a quarter that has ended are settled: its actions are no longer taken back.
        if zone.date(of: done.at).quarter < today.quarter {
            throw refuse("that \(done.action) of \(done.target) is from \(zone.date(of: done.at).quarter), which has ended; do the opposite action instead")
        }
        let undone = Self.undone(store.activity)
        let laterChanges = store.activity.indices.filter { i in
            let a = store.activity[i]
            // An action already undone no longer stands in the way; reviews are per analyst.
            return i > k && a.target == done.target && a.action != ActionKind.undo.rawValue && !undone.contains(i)
                && (done.action != ActionKind.markReviewed.rawValue || a.by == done.by)
        }
        if let i = laterChanges.first {
            let later = store.activity[i]
            throw refuse("\(done.target) changed since (\(later.action) by \(name(later.by))): undo that first")
        }
        var extras = JSONObject()
        extras["undoes"] = .number(String(k))
        guard let kind = ActionKind(rawValue: done.action) else { throw refuse("\(done.action) cannot be undone") }
        // A raise names the account, but logs (and is undone on) the request it created.
        // An add-contract names the account, but logs (and is undone on) the contract it added.
        switch kind == .raise ? .request : (kind == .addContract ? .contract : kind.target) {
        case .request:
            guard let i = store.requests.firstIndex(where: { $0.id == done.target }) else { throw .badInput("no request \(done.target)") }
            let current = store.requests[i]
            if kind == .raise {
                commit(i, current, status: .cancelled, note: "undo of raise", summary: "\(current.id) cancelled (undo of raise)", extras: extras)
                return
            }
            guard Self.revertible(done, known: Self.requestMembers),
                  let beforeJSON = ActivityChange.revert(StoreEncoder.request(current), before: done.before, after: done.after),
                  var restored = Self.decodeRequest(beforeJSON) else {
                throw refuse("that \(done.action) of \(done.target) cannot be taken back automatically (its log entry does not say enough)")
            }
            let target = restored.status
            restored.history = current.history
            restored.status = current.status
            guard restored != current || target != current.status else {
                throw refuse("that \(done.action) of \(done.target) changed nothing that can be taken back")
            }
            store.requests[i] = restored
            if target != current.status {
                // The history entry the action wrote: the last one not already undone that went to the status now.
                let pairs = Self.undonePairs(current.history)
                let undoneEntry = current.history.indices.last { !pairs.contains($0) && current.history[$0].to == current.status }
                var entry = HistoryEntry(at: max(at, current.history.last?.at ?? at), by: person.id, from: current.status, to: target, note: "undo of \(done.action)")
                if let u = undoneEntry { entry.extras["undoes"] = .number(String(u)) }
                store.requests[i].history.append(entry)
                store.requests[i].status = target
            }
            log(target: current.id, before: StoreEncoder.request(current), after: StoreEncoder.request(store.requests[i]), extras: extras)
            summary = "undone: \(done.action) of \(current.id)"
        case .account:
            guard let i = store.accounts.firstIndex(where: { $0.id == done.target }), Self.revertible(done, known: Self.accountMembers),
                  let json = ActivityChange.revert(StoreEncoder.account(store.accounts[i]), before: done.before, after: done.after),
                  let restored = Self.decodeAccount(json)
            else { throw refuse("that \(done.action) of \(done.target) cannot be taken back automatically (its log entry does not say enough)") }
            let current = store.accounts[i]
            store.accounts[i] = restored
            log(target: current.id, before: StoreEncoder.account(current), after: StoreEncoder.account(restored), extras: extras)
            summary = "undone: \(done.action) of \(current.name)"
        case .day:
            try removeRecord(\.reviews, done, extras, what: "aging review") { $0.on.description == done.target && $0.by == done.by }
        case .quarter:
            try removeRecord(\.publications, done, extras, what: "renewal calendar") { $0.quarter.description == done.target && $0.by == done.by && $0.at == done.at }
        case .activity:
            throw refuse("an undo is not undone")
        case .contract:
            try undoContract(done, kind, extras)
        case .file:
            try undoImport(done, extras, index: k)
        case .measurement:
            try removeRecord(\.measurements, done, extras, what: "measurement") { m in
                Self.measurementTarget(m) == done.target && m.by == done.by && m.at == done.at
            }
        }
    }

    static let requestMembers: Set<String> = ["id", "account", "kind", "contract", "tool", "vendor", "status", "createdAt", "analyst",
                                              "assignedAt", "buyer", "termMonths", "baseline", "final", "costAvoidance",
                                              "noQuotesReason", "quotes", "updates", "escalations"]
    static let accountMembers: Set<String> = ["health", "sentiment", "onboarding"]

    /// Whether a logged change names only members podboard knows how to put back.
    static func revertible(_ a: Activity, known: Set<String>) -> Bool {
        var keys: [String] = []
        if case .object(let o) = a.before { keys += o.keys }
        if case .object(let o) = a.after { keys += o.keys }
        return !keys.isEmpty && keys.allSatisfy(known.contains)
    }

    /// The history entries that are part of an undone pair.
    static func undonePairs(_ history: [HistoryEntry]) -> Set<Int> {
        var out = Set<Int>()
        for (i, e) in history.enumerated() {
            if case .number(let n)? = e.extras["undoes"], let k = Int(n) { out.insert(i); out.insert(k) }
        }
        return out
    }

    /// Undo of a mark-reviewed or a publish-calendar: the record it added is removed, and that is logged.
    mutating func removeRecord<T>(_ list: WritableKeyPath<Store, [T]>, _ done: Activity, _ extras: JSONObject, what: String,
                                  where match: (T) -> Bool) throws(ActionRefusal) {
        guard let i = store[keyPath: list].lastIndex(where: match) else { throw refuse("the \(what) to undo is gone") }
        store[keyPath: list].remove(at: i)
        log(target: done.target, before: done.after, after: .null, extras: extras)
        summary = "undone: \(what) of \(done.target)"
    }

    func undoneBefore(_ k: Int) -> Bool { Self.undone(store.activity).contains(k) }

    static func decodeRequest(_ value: JSONValue) -> Request? {
        guard case .object = value, let node = try? JSONParser.parse(JSONWriter.write(value)) else { return nil }
        return StoreDecoder().decodeRequest(node, "before")
    }

    static func decodeAccount(_ value: JSONValue) -> Account? {
        guard case .object = value, let node = try? JSONParser.parse(JSONWriter.write(value)) else { return nil }
        return StoreDecoder().decodeAccount(node, "before")
    }
}
