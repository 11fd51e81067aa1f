import Foundation

extension Snapshot {
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
        var changed: [Request] = []
        for (a, b) in zip(old.requests, store.requests) where a != b {
            guard a.id == b.id else { return nil }
            changed.append(b)
        }
        var tl = timelines
        for r in changed {
            let before = timelines[r.id]
            guard before?.approval == nil else { return nil }
            let exists = RequestTimeline.exists(r, clock: clock)
            guard exists == (before != nil) else { return nil }
            guard exists else { continue }
            let t = RequestTimeline(r, clock: clock)
            guard t.approval == nil else { return nil }
            tl[r.id] = t
        }
        let existing = changed.isEmpty ? requests : store.requests.filter { RequestTimeline.exists($0, clock: clock) }
        return (Snapshot(store: store, clock: clock, requests: existing, timelines: tl, accountSavings: accountSavings,
                         accountsById: accountsById, peopleById: peopleById, contractsById: contractsById,
                         derivedBenchmarks: derivedBenchmarks), changed.map(\.id))
    }
}
