import Foundation

/// The whole store, format 1: one JSON document (STORE.md).
public struct Store: Sendable, Equatable {
    /// The format this build reads and writes.
    public static let currentFormat = 1

    public var format: Int = Store.currentFormat
    public var settings = Settings()
    public var people: [Person] = []
    public var pods: [Pod] = []
    public var accounts: [Account] = []
    public var contracts: [Contract] = []
    public var requests: [Request] = []
    public var reviews: [Review] = []
    public var publications: [Publication] = []
    public var activity: [Activity] = []
    /// The KPI catalog (`kpis`); nil: the default catalog (`KPICatalog.defaults`).
    public var kpis: [KPIDefinition]? = nil
    /// Values of measured KPIs entered by people (`measurements`).
    public var measurements: [Measurement] = []
    /// Top-level members podboard does not know, kept as they were.
    public var extras = JSONObject()

    public init() {}

    public func person(_ id: String) -> Person? { people.first { $0.id == id } }
    public func pod(_ id: String) -> Pod? { pods.first { $0.id == id } }
    public func account(_ id: String) -> Account? { accounts.first { $0.id == id } }
    public func contract(_ id: String) -> Contract? { contracts.first { $0.id == id } }
    public func request(_ id: String) -> Request? { requests.first { $0.id == id } }
    /// The KPI catalog in force: the store's own, else the default one.
    public var catalog: [KPIDefinition] { kpis ?? KPICatalog.defaults }
}

/// An analyst's daily "aging reviewed" mark.
public struct Review: Sendable, Equatable {
    public var on: LocalDate
    public var by: String
    public var kind: String
    public var extras = JSONObject()
    public init(on: LocalDate, by: String, kind: String = "aging", extras: JSONObject = JSONObject()) {
        self.on = on; self.by = by; self.kind = kind; self.extras = extras
    }
}

/// The publication of a renewal calendar for a quarter.
public struct Publication: Sendable, Equatable {
    public var kind: String
    public var quarter: Quarter
    public var at: Timestamp
    public var by: String
    public var extras = JSONObject()
    public init(kind: String = "renewal-calendar", quarter: Quarter, at: Timestamp, by: String, extras: JSONObject = JSONObject()) {
        self.kind = kind; self.quarter = quarter; self.at = at; self.by = by; self.extras = extras
    }
}

/// One entry of the append-only activity log: who did what, when, with the values before and after.
public struct Activity: Sendable, Equatable {
    public var at: Timestamp
    public var by: String
    public var action: String
    public var target: String
    public var before: JSONValue
    public var after: JSONValue
    public var extras = JSONObject()
    public init(at: Timestamp, by: String, action: String, target: String, before: JSONValue = .object(JSONObject()), after: JSONValue = .object(JSONObject()), extras: JSONObject = JSONObject()) {
        self.at = at; self.by = by; self.action = action; self.target = target; self.before = before; self.after = after; self.extras = extras
    }
}
