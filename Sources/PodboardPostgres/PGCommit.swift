import Foundation
import PodboardCore

/// What one commit writes: only what its action can change (issue 12: a commit costs what the action touched, not
/// the size of the store). An action changes its target record (a request, an account or a contract by id; an
/// undo: the undone entry's target) and appends (a raised request, an added contract, a review, a publication,
/// its activity entry); nothing else. The few that can remove records (an import; the undo of an import, an
/// add-contract, a mark-reviewed or a publish-calendar) are compared whole.
extension PostgresSession {
    struct Touched {
        var requests: [(Int, Request)] = []
        var accounts: [(Int, Account)] = []
        var contracts: [(Int, Contract)] = []
        var requestCount = 0, accountCount = 0, contractCount = 0, reviewCount = 0, publicationCount = 0, activityCount = 0
        // Held, never changed by an action: comparing them costs nothing unless one did.
        var settings = Settings()
        var people: [Person] = []
        var pods: [Pod] = []
        /// The store's own members (the KPI catalog's measurements, a catalog, unknown keys): the store_info row.
        var measurements: [PodboardCore.Measurement] = []
        var kpis: [KPIDefinition]? = nil
        var extras = JSONObject()
        /// The whole store, for the actions that can remove records.
        var whole: Store?
    }

    /// The position of a request by id (the session's index, checked; a scan when it is wrong).
    func position(ofRequest id: String) -> Int? {
        if index == nil { index = StoreIndex(store) }
        if let i = index?.requests[id], store.requests.indices.contains(i), store.requests[i].id == id { return i }
        guard let i = store.requests.firstIndex(where: { $0.id == id }) else { return nil }
        index?.noteRequest(id, at: i)
        return i
    }

    private func position<T: Identifiable>(_ id: String, _ list: [T], _ hint: Int?) -> Int? where T.ID == String {
        if let i = hint, list.indices.contains(i), list[i].id == id { return i }
        return list.firstIndex { $0.id == id }
    }

    /// Notes what `action` may change, before it runs on `store`.
    func touching(_ action: ActionRequest) -> Touched {
        var t = Touched()
        var ids = [action.target]
        var removes = action.kind == .importRecords
        if action.kind == .undo, let k = Int(action.target), store.activity.indices.contains(k) {
            let undone = store.activity[k]
            ids.append(undone.target)
            let removing: [ActionKind] = [.importRecords, .addContract, .markReviewed, .publishCalendar]
            removes = removes || removing.map(\.rawValue).contains(undone.action)
        }
        if removes { t.whole = store }
        if index == nil { index = StoreIndex(store) }
        for id in Set(ids) {
            if let i = position(ofRequest: id) { t.requests.append((i, store.requests[i])) }
            if let i = position(id, store.accounts, index?.accounts[id]) { t.accounts.append((i, store.accounts[i])) }
            if let i = position(id, store.contracts, index?.contracts[id]) { t.contracts.append((i, store.contracts[i])) }
        }
        t.requestCount = store.requests.count; t.accountCount = store.accounts.count; t.contractCount = store.contracts.count
        t.reviewCount = store.reviews.count; t.publicationCount = store.publications.count; t.activityCount = store.activity.count
        t.settings = store.settings; t.people = store.people; t.pods = store.pods
        t.measurements = store.measurements; t.kpis = store.kpis; t.extras = store.extras
        return t
    }

    /// Puts the store in memory back as it was before the action (its transaction did not commit).
    func restore(_ t: Touched) {
        if let whole = t.whole { store = whole; index = nil; return }
        for (i, r) in t.requests where store.requests.indices.contains(i) { store.requests[i] = r }
        for (i, a) in t.accounts where store.accounts.indices.contains(i) { store.accounts[i] = a }
        for (i, c) in t.contracts where store.contracts.indices.contains(i) { store.contracts[i] = c }
        func cut<T>(_ a: inout [T], to n: Int) { if a.count > n { a.removeLast(a.count - n) } }
        cut(&store.requests, to: t.requestCount); cut(&store.accounts, to: t.accountCount); cut(&store.contracts, to: t.contractCount)
        cut(&store.reviews, to: t.reviewCount); cut(&store.publications, to: t.publicationCount); cut(&store.activity, to: t.activityCount)
        store.settings = t.settings; store.people = t.people; store.pods = t.pods
        store.measurements = t.measurements; store.kpis = t.kpis; store.extras = t.extras
    }

    /// Keeps the index right after the commit (a raised request).
    func noteAppended(_ t: Touched) {
        if t.whole != nil { index = nil; return }
        for i in t.requestCount..<max(t.requestCount, store.requests.count) { index?.noteRequest(store.requests[i].id, at: i) }
    }

    /// Writes what the action changed: its target records, what it appended, its activity entry.
    func writeChanges(_ t: Touched, _ db: PGConnection) throws(PGError) {
        // Settings, people and PODs: no action changes them; an equal array is the same storage (no comparison).
        if t.settings != store.settings || t.people != store.people || t.pods != store.pods {
            var s = Store(); s.settings = store.settings; s.people = store.people; s.pods = store.pods
            guard case .object(let root) = StoreEncoder.encode(s) else { return }
            if case .object(let o)? = root["settings"] { try PGStore.insert(Schema.settings, [Mapping.row(o, Schema.settings, place: ["0"])], db) }
            let people = PGStore.objects(root["people"])
            try PGStore.insert(Schema.people, people.enumerated().map { Mapping.row($1, Schema.people, place: [String($0)]) }, db)
            try PGStore.writeLogins(people, db)
            try PGStore.insert(Schema.pods, PGStore.objects(root["pods"]).enumerated().map { Mapping.row($1, Schema.pods, place: [String($0)]) }, db)
        }
        if let old = t.whole {
            try sync(Schema.accounts, old.accounts, store.accounts, StoreEncoder.account, db)
            try sync(Schema.contracts, old.contracts, store.contracts, StoreEncoder.contract, db)
            let (from, idx) = Self.changes(old.requests, store.requests)
            if let from { try db.column("DELETE FROM requests WHERE ord >= $1::bigint", [String(from)]) }
            try PGStore.writeRequests(idx.compactMap { i in
                if case .object(let o) = StoreEncoder.request(store.requests[i]) { return (i, o) }
                return nil
            }, db)
        } else {
            func changed<T: Equatable>(_ before: [(Int, T)], _ now: [T], count: Int) -> [Int] {
                var out = before.filter { now.indices.contains($0.0) && now[$0.0] != $0.1 }.map(\.0)
                out += Array(count..<max(count, now.count))
                return Array(Set(out)).sorted()
            }
            try PGStore.insert(Schema.accounts, rows(store.accounts, changed(t.accounts, store.accounts, count: t.accountCount), Schema.accounts, StoreEncoder.account), db)
            try PGStore.insert(Schema.contracts, rows(store.contracts, changed(t.contracts, store.contracts, count: t.contractCount), Schema.contracts, StoreEncoder.contract), db)
            try PGStore.writeRequests(changed(t.requests, store.requests, count: t.requestCount).compactMap { i in
                if case .object(let o) = StoreEncoder.request(store.requests[i]) { return (i, o) }
                return nil
            }, db)
        }
        // The store's own members (record-measurement and its undo change `measurements`): the store_info row.
        if t.measurements != store.measurements || t.kpis != store.kpis || t.extras != store.extras {
            var s = Store(); s.format = store.format; s.kpis = store.kpis; s.measurements = store.measurements; s.extras = store.extras
            guard case .object(let root) = StoreEncoder.encode(s) else { return }
            var info = JSONObject()
            for m in root.members where !PGStore.recordMembers.contains(m.key) { info[m.key] = m.value }
            try PGStore.insert(Schema.storeInfo, [Mapping.row(info, Schema.storeInfo, place: ["0"])], db)
        }
        // Reviews and publications: appended (an undo of a review or a publication removes it: compared whole).
        if let old = t.whole {
            try sync(Schema.reviews, old.reviews, store.reviews, Self.review, db)
            try sync(Schema.publications, old.publications, store.publications, Self.publication, db)
        } else {
            try PGStore.insert(Schema.reviews, rows(store.reviews, Array(t.reviewCount..<max(t.reviewCount, store.reviews.count)), Schema.reviews, Self.review), db)
            try PGStore.insert(Schema.publications, rows(store.publications, Array(t.publicationCount..<max(t.publicationCount, store.publications.count)), Schema.publications, Self.publication), db)
        }
        // Activity is append-only (the policy allows no UPDATE).
        let from = t.whole?.activity.count ?? t.activityCount
        try PGStore.insert(Schema.activity, rows(store.activity, Array(from..<max(from, store.activity.count)), Schema.activity, StoreEncoder.activity), db)
    }

    static func review(_ r: Review) -> JSONValue {
        var s = Store(); s.reviews = [r]
        if case .object(let root) = StoreEncoder.encode(s), case .array(let a)? = root["reviews"], let first = a.first { return first }
        return .null
    }

    static func publication(_ p: Publication) -> JSONValue {
        var s = Store(); s.publications = [p]
        if case .object(let root) = StoreEncoder.encode(s), case .array(let a)? = root["publications"], let first = a.first { return first }
        return .null
    }

    private func rows<T>(_ items: [T], _ idx: [Int], _ t: TableSpec, _ encode: (T) -> JSONValue) -> [JSONValue] {
        idx.map { i in
            guard case .object(let o) = encode(items[i]) else { return .null }
            return Mapping.row(o, t, place: [String(i)])
        }
    }

    /// A whole table compared: the rows that differ, and where to delete from when records were removed (the rows
    /// after a removed one move up: they are written again).
    static func changes<T: Equatable>(_ old: [T], _ new: [T]) -> (deleteFrom: Int?, indices: [Int]) {
        if new.count < old.count {
            let first = (0..<new.count).first { old[$0] != new[$0] } ?? new.count
            return (first, Array(first..<new.count))
        }
        return (nil, new.indices.filter { $0 >= old.count || old[$0] != new[$0] })
    }

    private func sync<T: Equatable>(_ t: TableSpec, _ old: [T], _ new: [T], _ encode: (T) -> JSONValue, _ db: PGConnection) throws(PGError) {
        let (from, idx) = Self.changes(old, new)
        if let from { try db.column("DELETE FROM \(t.name) WHERE ord >= $1::bigint", [String(from)]) }
        try PGStore.insert(t, rows(new, idx, t, encode), db)
    }
}
