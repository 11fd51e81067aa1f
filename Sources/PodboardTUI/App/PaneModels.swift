import Foundation
import PodboardCore

/// What the panes derive from one revision of the store (one store on one day), each computed the first time a
/// frame asks for it and kept for the frames after: keys, cursor moves and redraws read it instead of the store.
///
/// Two kinds of entries, each in a named slot:
/// - the store's own derivations (the snapshot, the aging and escalation rows, the KPIs, lookups by id), kept for
///   the whole revision;
/// - a pane's model (the board's columns, the aging pane's filtered rows, the home lines, a detail view's lines…),
///   kept with the key of its inputs besides the store (POD, filters, quarter, user, width; any Hashable value, a
///   struct where the carry code reads the inputs back, like the board's `BoardView.ModelKey`): when a key asks
///   with other inputs, the slot is derived again for them and the old model dropped.
/// A change of store or day makes a new `AppData` and so a new `PaneModels`: nothing of the old revision is shown.
/// Shared by the copies of an `AppState` (a reference), guarded by a lock; models are derived outside the lock.
final class PaneModels: @unchecked Sendable {
    let store: Store
    let today: LocalDate
    private let lock = NSLock()
    private var slots: [String: (key: AnyHashable, value: Any)] = [:]
    private var counts: [String: Int] = [:]

    init(store: Store, today: LocalDate) {
        self.store = store
        self.today = today
    }

    /// The next revision of the same day, after an action or others' actions.
    /// - Parameter touched: what the action changed (nil: compare the stores to find out).
    init(store: Store, today: LocalDate, after previous: PaneModels, touched: ActionTouched? = nil) {
        self.store = store
        self.today = today
        if let touched, carry(from: previous, touched: touched) { return }
        carry(from: previous)
    }

    /// Set when the UI has moved on to the next revision: a background derivation of this one gives up.
    private var retiredFlag = false
    func retire() { lock.lock(); retiredFlag = true; lock.unlock() }
    var isRetired: Bool { lock.lock(); defer { lock.unlock() }; return retiredFlag }

    /// The model in `slot` for these inputs: the kept one when its key is `key`, else `make()`, which is kept.
    func model<T>(_ slot: String, key: AnyHashable = "", _ make: () -> T) -> T {
        lock.lock()
        if let kept = slots[slot], kept.key == key, let value = kept.value as? T {
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = make()
        lock.lock()
        slots[slot] = (key, value)
        counts[slot, default: 0] += 1
        lock.unlock()
        return value
    }

    /// How many times the model in `slot` was derived (tests: a key that derives nothing, a change that does).
    func builds(_ slot: String) -> Int {
        lock.lock(); defer { lock.unlock() }
        return counts[slot] ?? 0
    }

    /// The kept value of a slot, whatever its key (carrying derivations over to the next revision).
    func kept<T>(_ slot: String, as: T.Type) -> T? {
        lock.lock(); defer { lock.unlock() }
        return slots[slot]?.value as? T
    }

    /// True the first time a slot is claimed in this revision (starting a background derivation once).
    func claim(_ slot: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if slots[slot] != nil { return false }
        slots[slot] = ("", true)
        return true
    }

    /// Takes the value of a slot out (the previous revision gives its derivations to the next one, which then
    /// holds the only reference and changes them in place); when it is asked for again there, it is derived again.
    /// Returns the value and the key it was derived for.
    func take<T>(_ slot: String, as: T.Type) -> (key: AnyHashable, value: T)? {
        lock.lock()
        let kept = slots.removeValue(forKey: slot)
        lock.unlock()
        guard let kept, let value = kept.value as? T else { return nil }
        return (kept.key, value)
    }

    func put<T>(_ slot: String, _ value: T, key: AnyHashable = "") {
        lock.lock(); defer { lock.unlock() }
        slots[slot] = (key, value)
    }

    // The store's own derivations.

    var snapshot: Snapshot { model("snapshot") { Snapshot(store: store, today: today) } }
    var kpis: KPIReport { model("kpis") { KPIEngine.compute(snapshot) } }
    var aging: [AgingRow] { model("aging") { Aging.rows(snapshot) } }
    var escalations: [EscalationRow] { model("escalations") { EscalationQueue.rows(snapshot) } }
    var peopleById: [String: Person] {
        model("peopleById") { Dictionary(store.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
    }
    var accountsById: [String: Account] {
        model("accountsById") { Dictionary(store.accounts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
    }
    /// Index of each request in `store.requests`, by id (the first when ids repeat).
    var requestIndex: [String: Int] {
        model("requestIndex") {
            var out: [String: Int] = [:]
            out.reserveCapacity(store.requests.count)
            // By position: `enumerated()` would hand each request over as a copy (a retain of all it holds).
            let requests = store.requests
            for i in requests.indices where out[requests[i].id] == nil { out[requests[i].id] = i }
            return out
        }
    }

    /// Positions of the activity entries by target, oldest first (the Activity section of the request and account
    /// views: opening one reads its entries, not the whole log).
    var activityByTarget: [String: [Int]] {
        model("activityByTarget") {
            var out: [String: [Int]] = [:]
            for (i, a) in store.activity.enumerated() { out[a.target, default: []].append(i) }
            return out
        }
    }

    /// Positions of requests, accounts and contracts for `Workflow.whyNot` (the footer asks on every cursor move).
    /// Carried to the next revision like the other lookups: a position that no longer fits is checked and scanned.
    var storeIndex: StoreIndex {
        model("storeIndex") {
            StoreIndex(requests: requestIndex,
                       accounts: StoreIndex(accountsOnly: store).accounts,
                       contracts: StoreIndex(contractsOnly: store).contracts)
        }
    }

    /// What the previous revision derived and the change left valid: after an action on an open request (the
    /// usual case) the snapshot is updated for the requests that changed and the aging rows are re-placed for
    /// them only; lookups by id are kept. Otherwise (or when the previous revision never derived them) they are
    /// derived again when first asked for. Panes' models are always derived again, from these.
    private func carry(from previous: PaneModels) {
        guard let snap = previous.kept("snapshot", as: Snapshot.self), let (next, changed) = snap.updated(to: store) else { return }
        put("snapshot", next)
        for slot in ["peopleById", "accountsById", "requestIndex", "storeIndex"] {
            if let v = previous.kept(slot, as: Any.self) { put(slot, v) }
        }
        if let rows = previous.kept("aging", as: [AgingRow].self) {
            put("aging", Self.aging(rows, replacing: Set(changed), in: next))
        }
    }

    /// After an action that says what it changed (`ActionTouched`): the snapshot is updated in place for those
    /// requests only and their aging rows re-placed, with no pass over every request. False when the change is
    /// wider (`Snapshot.update`): then `carry(from:)` compares the stores.
    private func carry(from previous: PaneModels, touched: ActionTouched) -> Bool {
        guard var snap = previous.take("snapshot", as: Snapshot.self)?.value else { return false }
        var changed: [String] = []
        guard snap.update(to: store, touched: touched, changed: &changed) else {
            previous.put("snapshot", snap)
            return false
        }
        put("snapshot", snap)
        for slot in ["peopleById", "accountsById", "requestIndex", "storeIndex"] {
            if let v = previous.kept(slot, as: Any.self) { put(slot, v) }
        }
        // The log only grew by the action's entry (`ActionTouched`): its position is added.
        if previous.store.activity.count + 1 == store.activity.count,
           var byTarget = previous.take("activityByTarget", as: [String: [Int]].self)?.value {
            let i = store.activity.count - 1
            byTarget[store.activity[i].target, default: []].append(i)
            put("activityByTarget", byTarget)
        }
        var fresh: [String: AgingRow] = [:]
        if var rows = previous.take("aging", as: [AgingRow].self)?.value {
            fresh = Self.replace(changed, in: &rows, positions: touched.requests, snap: snap)
            put("aging", rows)
        } else {
            return true
        }
        // The board of the POD in view: the changed requests' cards moved to their new column and place.
        // Its key is the POD and the filter (BoardView.ModelKey); a board under a `/` filter is derived again instead.
        if var board = previous.take("board", as: [[AgingRow]].self),
           let key = board.key as? BoardView.ModelKey, key.filter.isEmpty {
            BoardView.replace(changed, with: fresh, in: &board.value, pod: key.pod)
            put("board", board.value, key: key)
        }
        return true
    }

    /// The aging rows of `changed` requests (at `positions` in the store) derived again and put in their place in
    /// the order, in place: a scan for the old row, a binary search for the new one.
    /// - Returns: the new rows, by request id (none for a request no longer open).
    @discardableResult
    static func replace(_ changed: [String], in rows: inout [AgingRow], positions: [Int], snap: Snapshot) -> [String: AgingRow] {
        var fresh: [String: AgingRow] = [:]
        for id in changed {
            if let i = rows.firstIndex(where: { $0.request.id == id }) { rows.remove(at: i) }
            guard let p = positions.first(where: { snap.store.requests.indices.contains($0) && snap.store.requests[$0].id == id }) else { continue }
            let r = snap.store.requests[p]
            guard RequestTimeline.exists(r, clock: snap.clock),
                  let row = Aging.row(r, timeline: snap.timeline(r, storePosition: p), snap) else { continue }
            insert(row, into: &rows)
            fresh[id] = row
        }
        return fresh
    }

    /// Puts `row` in its place in rows in Aging.rows' order (a binary search).
    static func insert(_ row: AgingRow, into rows: inout [AgingRow]) {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if agingOrder(rows[mid], row) { lo = mid + 1 } else { hi = mid }
        }
        rows.insert(row, at: lo)
    }

    /// The aging rows with the rows of `changed` requests derived again and put in their place in the order.
    static func aging(_ rows: [AgingRow], replacing changed: Set<String>, in snap: Snapshot) -> [AgingRow] {
        guard !changed.isEmpty else { return rows }
        var out = rows.filter { !changed.contains($0.request.id) }
        let requests = snap.store.requests
        let fresh = requests.indices.filter { changed.contains(requests[$0].id) && RequestTimeline.exists(requests[$0], clock: snap.clock) }
        for p in fresh {
            let r = requests[p]
            guard let row = Aging.row(r, timeline: snap.timeline(r, storePosition: p), snap) else { continue }
            // The first row that sorts after the new one (Aging.rows' order: severity, age, id).
            var lo = 0, hi = out.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if agingOrder(out[mid], row) { lo = mid + 1 } else { hi = mid }
            }
            out.insert(row, at: lo)
        }
        return out
    }

    /// Aging.rows' order: most severe first, then oldest, then by id.
    static func agingOrder(_ a: AgingRow, _ b: AgingRow) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.ageDays != b.ageDays { return a.ageDays > b.ageDays }
        return a.request.id < b.request.id
    }
}
