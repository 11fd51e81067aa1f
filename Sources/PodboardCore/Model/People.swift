import Foundation

/// A person on the team. A person may hold several roles and belong to several PODs.
public struct Person: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var roles: [Role]
    public var pods: [String]
    /// Savings target per quarter (`YYYY-Qn` → amount), for Buyers.
    public var quarterlyTargets: QuarterlyTargets
    /// The logins (operating-system user names) that are this person (`people[].logins`; STORE.md, additions to
    /// format 1). A store where anyone has logins is a team store (`Identity`).
    public var logins: [String] = []
    public var extras = JSONObject()

    public init(id: String, name: String, roles: [Role], pods: [String], quarterlyTargets: QuarterlyTargets = QuarterlyTargets(),
                logins: [String] = [], extras: JSONObject = JSONObject()) {
        self.id = id; self.name = name; self.roles = roles; self.pods = pods
        self.quarterlyTargets = quarterlyTargets; self.logins = logins; self.extras = extras
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}

/// A POD: one team and the accounts it serves.
public struct Pod: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var quarterlyTargets: QuarterlyTargets
    public var extras = JSONObject()

    public init(id: String, name: String, quarterlyTargets: QuarterlyTargets = QuarterlyTargets(), extras: JSONObject = JSONObject()) {
        self.id = id; self.name = name; self.quarterlyTargets = quarterlyTargets; self.extras = extras
    }
}

/// Amounts per quarter, keyed `YYYY-Qn`, in the order of the file.
public struct QuarterlyTargets: Sendable, Equatable {
    public var entries: [(quarter: Quarter, amount: Decimal)]

    public init(_ entries: [(quarter: Quarter, amount: Decimal)] = []) { self.entries = entries }

    public subscript(q: Quarter) -> Decimal? {
        get { entries.first(where: { $0.quarter == q })?.amount }
        set {
            if let i = entries.firstIndex(where: { $0.quarter == q }) {
                if let newValue { entries[i].amount = newValue } else { entries.remove(at: i) }
            } else if let newValue { entries.append((q, newValue)) }
        }
    }

    public static func == (a: QuarterlyTargets, b: QuarterlyTargets) -> Bool {
        a.entries.map(\.quarter) == b.entries.map(\.quarter) && a.entries.map(\.amount) == b.entries.map(\.amount)
    }
}
