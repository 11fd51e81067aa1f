import Foundation

/// What a catalog KPI's value is (`kpis[].unit`).
public enum KPIUnit: String, Sendable, CaseIterable {
    /// A share from 0 to 1 (shown as a percentage).
    case share
    /// An amount in the store's currency.
    case amount
    /// A number of days (working days for response times).
    case days
    /// A count of things.
    case count
    /// A score on the KPI's own scale (NPS: −100 … 100).
    case score
}

/// Whether a higher or a lower value is better (`kpis[].direction`).
public enum KPIDirection: String, Sendable, CaseIterable {
    case higher, lower
}

/// The period a catalog KPI is measured over (`kpis[].period`).
public enum KPIPeriodKind: String, Sendable, CaseIterable {
    case month, quarter
}

/// One period of a KPI: a calendar month (`2026-11`) or a calendar quarter (`2026-Q4`).
public struct KPIPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let kind: KPIPeriodKind
    /// Its first day.
    public let firstDay: LocalDate

    /// The period of `kind` that contains `day`.
    public init(_ kind: KPIPeriodKind, containing day: LocalDate) {
        self.kind = kind
        firstDay = kind == .quarter ? day.quarter.firstDay : day.startOfMonth
    }

    /// Parses `YYYY-MM` (a month) or `YYYY-Qn` (a quarter).
    public init?(_ text: some StringProtocol) {
        let s = String(text)
        if let q = Quarter(s) { kind = .quarter; firstDay = q.firstDay; return }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
              let d = LocalDate(year: y, month: m, day: 1) else { return nil }
        kind = .month; firstDay = d
    }

    /// Its last day.
    public var lastDay: LocalDate { next.firstDay.adding(days: -1) }
    public var next: KPIPeriod { KPIPeriod(kind, containing: kind == .quarter ? firstDay.quarter.next.firstDay : firstDay.adding(days: 31).startOfMonth) }
    public var previous: KPIPeriod { KPIPeriod(kind, containing: firstDay.adding(days: -1)) }
    public func contains(_ d: LocalDate) -> Bool { d >= firstDay && d <= lastDay }

    public var description: String {
        if kind == .quarter { return firstDay.quarter.description }
        let c = firstDay.components
        return String(format: "%04d-%02d", c.year, c.month)
    }

    public static func < (a: KPIPeriod, b: KPIPeriod) -> Bool { a.firstDay < b.firstDay }
}

/// One KPI of the catalog (`kpis[]`, issue 14): defined as data, computed from the store (`source` a metric id)
/// or entered as measurements (`source` `measured`).
public struct KPIDefinition: Sendable, Equatable, Identifiable {
    /// The source of a KPI entered by people.
    public static let measured = "measured"

    public var id: String
    public var name: String
    /// Whose KPI it is: one gauge per person holding the role, and one for each POD.
    public var role: Role
    public var unit: KPIUnit
    public var direction: KPIDirection
    public var period: KPIPeriodKind
    public var target: Decimal
    /// Amber between `amberRatio` × target and the target (higher is better), or between the target and
    /// target / `amberRatio` (lower is better); nil: `settings.targets.amberRatio`.
    public var amberRatio: Decimal?
    /// A computed metric's id (`CatalogMetric`) or `measured`.
    public var source: String
    /// Who may record measurements of it (a measured KPI): these roles, and an admin.
    public var recordedBy: [Role]
    /// For `escalationsResolved`: within how many working days (default 2).
    public var workingDays: Int?
    public var extras = JSONObject()

    public init(id: String, name: String, role: Role, unit: KPIUnit, direction: KPIDirection = .higher,
                period: KPIPeriodKind = .quarter, target: Decimal, amberRatio: Decimal? = nil, source: String,
                recordedBy: [Role] = [], workingDays: Int? = nil, extras: JSONObject = JSONObject()) {
        self.id = id; self.name = name; self.role = role; self.unit = unit; self.direction = direction
        self.period = period; self.target = target; self.amberRatio = amberRatio; self.source = source
        self.recordedBy = recordedBy; self.workingDays = workingDays; self.extras = extras
    }

    public var isMeasured: Bool { source == Self.measured }
}

/// What a measurement is about (`measurements[].scope`).
public struct MeasurementScope: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable { case person, account, pod }
    public var kind: Kind
    public var id: String
    public init(_ kind: Kind, _ id: String) { self.kind = kind; self.id = id }

    /// Parses `person:ID`, `account:ID` or `pod:ID`.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), let k = Kind(rawValue: String(text[..<colon])) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        kind = k; self.id = id
    }

    public var description: String { "\(kind.rawValue):\(id)" }
}

/// One value of a measured KPI entered by a person (`measurements[]`).
public struct Measurement: Sendable, Equatable {
    public var kpi: String
    public var scope: MeasurementScope
    public var period: KPIPeriod
    public var value: Decimal
    public var note: String?
    public var by: String
    public var at: Timestamp
    public var extras = JSONObject()

    public init(kpi: String, scope: MeasurementScope, period: KPIPeriod, value: Decimal, note: String? = nil, by: String,
                at: Timestamp, extras: JSONObject = JSONObject()) {
        self.kpi = kpi; self.scope = scope; self.period = period; self.value = value; self.note = note
        self.by = by; self.at = at; self.extras = extras
    }
}

/// The account's own term with us coming to its end (`accounts[].renewedTerm`): renewed on a day, for a new term.
public struct RenewedTerm: Sendable, Equatable {
    /// The day the account signed its renewal.
    public var on: LocalDate
    /// The end of the renewed term.
    public var endsOn: LocalDate
    public var extras = JSONObject()
    public init(on: LocalDate, endsOn: LocalDate, extras: JSONObject = JSONObject()) {
        self.on = on; self.endsOn = endsOn; self.extras = extras
    }
}
