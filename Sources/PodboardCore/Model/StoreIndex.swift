import Foundation

/// Positions of a store's requests, accounts and contracts by id (the first when ids repeat), so that an action
/// or a "why not" finds its target without a scan of the store. An index may be older than the store it is used
/// with: every position is checked against the id it is for, and a missing or wrong one falls back to a scan, so
/// a stale index costs time, never a wrong answer.
public struct StoreIndex: Sendable {
    public private(set) var requests: [String: Int] = [:]
    public private(set) var accounts: [String: Int] = [:]
    public private(set) var contracts: [String: Int] = [:]

    public init() {}

    public init(_ store: Store) {
        requests = Self.positions(store.requests.lazy.map(\.id), count: store.requests.count)
        accounts = Self.positions(store.accounts.lazy.map(\.id), count: store.accounts.count)
        contracts = Self.positions(store.contracts.lazy.map(\.id), count: store.contracts.count)
    }

    /// Accounts only (the UI keeps its own request positions).
    public init(accountsOnly store: Store) {
        accounts = Self.positions(store.accounts.lazy.map(\.id), count: store.accounts.count)
    }

    /// Contracts only.
    public init(contractsOnly store: Store) {
        contracts = Self.positions(store.contracts.lazy.map(\.id), count: store.contracts.count)
    }

    /// An index from positions already kept elsewhere (the UI's lookups).
    public init(requests: [String: Int], accounts: [String: Int], contracts: [String: Int]) {
        self.requests = requests; self.accounts = accounts; self.contracts = contracts
    }

    static func positions<S: Sequence>(_ ids: S, count: Int) -> [String: Int] where S.Element == String {
        var out: [String: Int] = [:]
        out.reserveCapacity(count)
        for (i, id) in ids.enumerated() where out[id] == nil { out[id] = i }
        return out
    }

    public func request(_ id: String, in store: Store) -> Request? {
        Self.position(of: id, in: store.requests, hint: requests[id]).map { store.requests[$0] }
    }

    public func account(_ id: String, in store: Store) -> Account? {
        Self.position(of: id, in: store.accounts, hint: accounts[id]).map { store.accounts[$0] }
    }

    public func contract(_ id: String, in store: Store) -> Contract? {
        Self.position(of: id, in: store.contracts, hint: contracts[id]).map { store.contracts[$0] }
    }

    /// Keeps the index right after a request was appended (a raise): an id already known keeps its first position.
    public mutating func noteRequest(_ id: String, at position: Int) {
        if requests[id] == nil { requests[id] = position }
    }

    /// Drops every position (the store was replaced, not changed by an action).
    public mutating func reset() { self = StoreIndex() }

    /// Where `id` is: `hint` when the element there has that id, else the first element with it (a scan).
    static func position<T: Identifiable>(of id: String, in list: [T], hint: Int?) -> Int? where T.ID == String {
        // Indexes keep the first position of an id, as a scan finds it.
        if let h = hint, list.indices.contains(h), list[h].id == id { return h }
        return list.firstIndex { $0.id == id }
    }
}
