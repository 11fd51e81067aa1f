/// Which requests one action changed, so that a caller keeping figures derived from the store before it (the UI's
/// per-pane models) updates them for those requests only instead of comparing every request.
///
/// An action changes at most the record its activity entry names (`Activity.target`: the request, account or
/// contract; an undo names the record it puts back) and appends that one entry; a raise or an add-contract (or
/// the undo of one) adds or removes a record. `ActionTouched` is made only when the counts of requests, accounts
/// and contracts are unchanged and exactly one activity entry was appended: then the requests changed are the
/// entry's target when it is a request, else none. Changes to accounts, contracts and settings are not listed
/// here: a caller compares those arrays (unchanged arrays share their storage, so that costs nothing).
public struct ActionTouched: Sendable, Equatable {
    /// Positions in `store.requests` of the requests the action may have changed: the one its entry names (even
    /// when only the entry was written, e.g. a breach flagged); every other request is as it was.
    public var requests: [Int]

    public init(requests: [Int]) { self.requests = requests }

    /// The sizes of a store's arrays before an action.
    public struct Counts: Sendable, Equatable {
        var requests, accounts, contracts, activity: Int
        public init(_ store: Store) {
            requests = store.requests.count; accounts = store.accounts.count
            contracts = store.contracts.count; activity = store.activity.count
        }
    }

    /// What `action` changed from a store with `before`'s counts to `after`; nil when records were added or removed
    /// or more than its own activity entry was appended (then a caller derives everything again).
    /// - Parameter position: where the action's target request is believed to be (checked).
    public init?(_ action: ActionRequest, before: Counts, after store: Store, position: Int? = nil) {
        guard store.requests.count == before.requests, store.accounts.count == before.accounts,
              store.contracts.count == before.contracts, store.activity.count == before.activity + 1,
              let entry = store.activity.last else { return nil }
        // Only request actions and undo can name a request; the others leave every request as it was.
        guard action.kind.target == .request || action.kind == .undo else { requests = []; return }
        if let p = StoreIndex.position(of: entry.target, in: store.requests, hint: position) {
            requests = [p]
        } else if action.kind == .undo {
            requests = []
        } else {
            return nil
        }
    }
}
