import Foundation

/// The colour of a gauge (KPIS.md, "Status colour").
public enum KPIStatus: String, Sendable {
    /// The value is at or above the target.
    case green
    /// The value is below the target but at or above `amberRatio` × target.
    case amber
    /// The value is below `amberRatio` × target.
    case red
    /// No value (nothing counted, or no target).
    case none
}

/// What one thing behind a gauge contributes to it.
public enum KPIOutcome: String, Sendable {
    /// Counted, and it met the rule.
    case met
    /// Counted, and it missed the rule.
    case missed
    /// Left out of the figure: its deadline is not decided yet (or it is not counted for a reason given in `why`).
    case pending
}

/// One thing behind a gauge (an account, a request, a person, a contract, a day or a quarter), for drill-down.
public struct KPIItem: Sendable, Equatable {
    /// What the subject is: `"account"`, `"request"`, `"person"`, `"contract"`, `"day"` or `"quarter"`.
    public let kind: String
    /// The subject's id (the date for a day, `YYYY-Qn` for a quarter).
    public let subject: String
    /// Met, missed, or pending (left out of the figure).
    public let outcome: KPIOutcome
    /// A short, factual sentence with the dates and amounts behind the outcome.
    public let why: String

    /// An item: what it is, which one, its outcome, and why.
    public init(kind: String, subject: String, outcome: KPIOutcome, why: String) {
        self.kind = kind; self.subject = subject; self.outcome = outcome; self.why = why
    }
}

/// One gauge: a KPI for one POD (`em.*`) or one person (`buyer.*`, `analyst.*`).
public struct KPIResult: Sendable {
    /// The KPI's id, e.g. `"em.ftv"` or `"buyer.quota"`.
    public let id: String
    /// The POD's id for `em.*`, the person's id otherwise.
    public let scope: String
    /// The figure; nil when there is none (nothing counted, or no target for an amount KPI).
    public let value: Decimal?
    /// The target the value is compared with.
    public let target: Decimal?
    /// Green, amber, red, or none (no value).
    public let status: KPIStatus
    /// Share KPIs: how many counted things met the rule (nil for other KPIs).
    public let met: Int?
    /// Share KPIs: how many things were counted (nil for other KPIs).
    public let counted: Int?
    /// `em.netSavings` and `buyer.quota`: the approved savings of the period (negative savings included).
    public let amount: Decimal?
    /// `em.netSavings` and `buyer.quota`: the quarterly target amount; nil without a target (or with a target of 0).
    public let targetAmount: Decimal?
    /// Every thing behind the gauge: the counted ones (met or missed) and the pending ones.
    public let items: [KPIItem]
    /// The gauge's human name, e.g. "MSG within 180 days".
    public var title: String
    /// A gauge of the KPI catalog (issue 14): its unit, direction, source and period; nil for the 17 of KPIS.md.
    public var catalog: CatalogInfo? = nil

    /// A result. `met`/`counted` are for share KPIs, `amount`/`targetAmount` for `em.netSavings` and `buyer.quota`.
    public init(id: String, scope: String, title: String, value: Decimal?, target: Decimal?, status: KPIStatus,
                met: Int? = nil, counted: Int? = nil, amount: Decimal? = nil, targetAmount: Decimal? = nil,
                items: [KPIItem] = []) {
        self.id = id; self.scope = scope; self.title = title; self.value = value; self.target = target
        self.status = status; self.met = met; self.counted = counted; self.amount = amount
        self.targetAmount = targetAmount; self.items = items
    }
}

/// Every gauge of a store as of one day.
public struct KPIReport: Sendable {
    /// T.
    public let today: LocalDate
    /// Q, the quarter that contains T.
    public let quarter: Quarter
    /// For each POD (store order) its `em.*` set; then for each Buyer its `buyer.*` set; then for each
    /// SaaS Analyst its `analyst.*` set (people in store order).
    public let results: [KPIResult]

    /// A report of `results` as of `today`, in `quarter`.
    public init(today: LocalDate, quarter: Quarter, results: [KPIResult]) {
        self.today = today; self.quarter = quarter; self.results = results
    }

    /// The result of one KPI for one scope (a POD id or a person id).
    public func result(_ id: String, scope: String) -> KPIResult? {
        results.first { $0.id == id && $0.scope == scope }
    }

    /// The results of one scope, in report order.
    public func results(for scope: String) -> [KPIResult] { results.filter { $0.scope == scope } }
}
