import Foundation
import PodboardCore

/// What the panes derive from one revision of the store (one store on one day), each computed the first time a
/// frame asks for it and kept for the frames after: keys, cursor moves and redraws read it instead of the store.
///
/// Two kinds of entries, each in a named slot:
/// - the store's own derivations (the snapshot, the aging and escalation rows, the KPIs, lookups by id), kept for
///   the whole revision;
/// - a pane's model (the board's columns, the aging pane's filtered rows, the home lines, a detail view's lines…),
///   kept with the key of its inputs besides the store (POD, filters, quarter, user, width): when a key asks with
///   other inputs, the slot is derived again for them and the old model dropped.
/// A change of store or day makes a new `AppData` and so a new `PaneModels`: nothing of the old revision is shown.
/// Shared by the copies of an `AppState` (a reference), guarded by a lock; models are derived outside the lock.
final class PaneModels: @unchecked Sendable {
    let store: Store
    let today: LocalDate
    private let lock = NSLock()
    private var slots: [String: (key: String, value: Any)] = [:]
    private var counts: [String: Int] = [:]

    init(store: Store, today: LocalDate) {
        self.store = store
        self.today = today
    }

    /// The next revision of the same day, after an action or others' actions.
    init(store: Store, today: LocalDate, after previous: PaneModels) {
        self.store = store
        self.today = today
        carry(from: previous)
    }

    /// Set when the UI has moved on to the next revision: a background derivation of this one gives up.
    private var retiredFlag = false
    func retire() { lock.lock(); retiredFlag = true; lock.unlock() }
    var isRetired: Bool { lock.lock(); defer { lock.unlock() }; return retiredFlag }

    /// The model in `slot` for these inputs: the kept one when its key is `key`, else `make()`, which is kept.
    func model<T>(_ slot: String, key: String = "", _ make: () -> T) -> T {
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

    func put<T>(_ slot: String, _ value: T) {
        lock.lock(); defer { lock.unlock() }
        slots[slot] = ("", value)
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
            for (i, r) in store.requests.enumerated() where out[r.id] == nil { out[r.id] = i }
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

    /// The aging rows with the rows of `changed` requests derived again and put in their place in the order.
    static func aging(_ rows: [AgingRow], replacing changed: Set<String>, in snap: Snapshot) -> [AgingRow] {
        guard !changed.isEmpty else { return rows }
        var out = rows.filter { !changed.contains($0.request.id) }
        let fresh = snap.store.requests.filter { changed.contains($0.id) && RequestTimeline.exists($0, clock: snap.clock) }
        for r in fresh {
            guard let row = Aging.row(r, snap) else { continue }
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
