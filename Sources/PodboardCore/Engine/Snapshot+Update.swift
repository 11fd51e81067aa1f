import Foundation

extension Snapshot {
    /// The position in `requests` of the request at `p` in `store.requests` (nil when it does not exist as of
    /// now): `p` itself when every request exists, else found by id.
    func position(storePosition p: Int, id: String) -> Int? {
        if requests.count == store.requests.count { return requests.indices.contains(p) && requests[p].id == id ? p : position(of: id) }
        return position(of: id)
    }

    /// The snapshot of `store` on the same day, derived from this one when `store` differs from this snapshot's
    /// store only in requests that are not approved before nor after (an action on an open request: an update,
    /// a quote, a hand-over, an escalation…) and in its activity, reviews or publications: only those requests'
    /// timelines are computed again. Nil when the change is wider (requests added or removed or reordered, an
    /// approval made or undone, accounts, people, contracts or settings changed): then build it whole.
    /// - Returns: the new snapshot and the ids of the requests that changed.
    public func updated(to store: Store) -> (snapshot: Snapshot, changed: [String])? {
        let old = self.store
        guard old.settings == store.settings, old.accounts == store.accounts, old.people == store.people,
              old.pods == store.pods, old.contracts == store.contracts,
              old.requests.count == store.requests.count else { return nil }
        var changed: [(position: Int, request: Request)] = []
        for (p, (a, b)) in zip(old.requests, store.requests).enumerated() where a != b {
            guard a.id == b.id else { return nil }
            changed.append((p, b))
        }
        var tl = timelineList
        for (p, r) in changed {
            let at = position(storePosition: p, id: r.id)
            let before = at.map { timelineList[$0] }
            guard before?.approval == nil else { return nil }
            let exists = RequestTimeline.exists(r, clock: clock)
            guard exists == (before != nil) else { return nil }
            guard exists, let at else { continue }
            let t = RequestTimeline(r, clock: clock)
            guard t.approval == nil else { return nil }
            tl[at] = t
        }
        let existing = changed.isEmpty ? requests : store.requests.filter { RequestTimeline.exists($0, clock: clock) }
        return (Snapshot(store: store, clock: clock, requests: existing, timelineList: tl, lazy: lazy,
                         accountsById: accountsById, peopleById: peopleById, contractsById: contractsById),
                changed.map(\.request.id))
    }
}

extension Snapshot {
    /// `updated(to:)` told which requests changed (an action's `ActionTouched`): only those are compared and
    /// derived again, and the snapshot is changed in place (no copy of its arrays when it holds the only
    /// reference to them). False (and the snapshot as it was) when the change is wider than `updated(to:)`
    /// carries over: then build it whole.
    /// - Parameter changed: receives the ids of the requests that changed.
    public mutating func update(to store: Store, touched: ActionTouched, changed: inout [String]) -> Bool {
        let old = self.store
        guard old.settings == store.settings, old.accounts == store.accounts, old.people == store.people,
              old.pods == store.pods, old.contracts == store.contracts,
              old.requests.count == store.requests.count else { return false }
        var fresh: [(position: Int, at: Int?, timeline: RequestTimeline?)] = []
        for p in touched.requests {
            guard old.requests.indices.contains(p) else { return false }
            let a = old.requests[p], b = store.requests[p]
            guard a.id == b.id else { return false }
            guard a != b else { continue }
            let at = position(storePosition: p, id: b.id)
            let before = at.map { timelineList[$0] }
            guard before?.approval == nil else { return false }
            let exists = RequestTimeline.exists(b, clock: clock)
            guard exists == (before != nil) else { return false }
            guard exists else { fresh.append((p, nil, nil)); continue }
            let t = RequestTimeline(b, clock: clock)
            guard t.approval == nil else { return false }
            fresh.append((p, at, t))
        }
        // Every guard passed: change in place. `requests` lists the requests that exist, in store order: when all
        // do, a request's place there is its place in the store; otherwise found by id.
        // When every request exists (then `requests` is the store's own array) it stays so: the new store's array
        // is taken as it is, not copied to change the old one in place.
        let all = requests.count == old.requests.count
        self.store = store
        if all { requests = store.requests }
        for (p, at, t) in fresh {
            let r = store.requests[p]
            changed.append(r.id)
            guard let t, let at else { continue }
            timelineList[at] = t
            if !all { requests[at] = r }
        }
        return true
    }
}
