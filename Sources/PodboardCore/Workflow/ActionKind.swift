import Foundation

/// Every action podboard can carry out, by the name used on the command line (`podboard act NAME`), in the
/// activity log and in the journal.
public enum ActionKind: String, Sendable, CaseIterable {
    case raise
    case assign
    case take
    case sendPreApproval = "send-pre-approval"
    case qualify
    case disqualify
    case handOver = "hand-over"
    case reassign
    case putOnHold = "put-on-hold"
    case resume
    case addQuote = "add-quote"
    case logUpdate = "log-update"
    case setBaseline = "set-baseline"
    case setFinal = "set-final"
    case setCostAvoidance = "set-cost-avoidance"
    case submitSavings = "submit-savings"
    case approve
    case reject
    case escalate
    case flagBreach = "flag-breach"
    case acknowledgeEscalation = "acknowledge-escalation"
    case resolveEscalation = "resolve-escalation"
    case cancel
    case close
    case markLost = "mark-lost"
    case setHealth = "set-health"
    case markReviewed = "mark-reviewed"
    case publishCalendar = "publish-calendar"
    case undo
    // The account view: the onboarding checklist and the SaaS stack (Workflow+Accounts.swift).
    case tickItem = "tick-item"
    case untickItem = "untick-item"
    case addItem = "add-item"
    case addContract = "add-contract"
    case editContract = "edit-contract"
    case takeOffline = "take-offline"
    case putOnPlatform = "put-on-platform"
    case sunset
    case convertToAnnual = "convert-to-annual"
    // `podboard import`: requests, contracts or accounts from a CSV file, as one action (Workflow+Import.swift).
    case importRecords = "import"
    // The KPI catalog: a value of a measured KPI (Workflow+Measurements.swift).
    case recordMeasurement = "record-measurement"

    /// What the target of the action is.
    public enum Target: Sendable { case request, account, day, quarter, activity, contract, file, measurement }

    public var target: Target {
        switch self {
        case .raise, .setHealth: return .account
        case .tickItem, .untickItem, .addItem, .addContract: return .account
        case .editContract, .takeOffline, .putOnPlatform, .sunset, .convertToAnnual: return .contract
        case .markReviewed: return .day
        case .publishCalendar: return .quarter
        case .undo: return .activity
        case .importRecords: return .file
        case .recordMeasurement: return .measurement
        default: return .request
        }
    }

    /// A few words for people: "hand over to a Buyer".
    public var title: String {
        switch self {
        case .raise: return "raise a request"
        case .assign: return "assign an analyst"
        case .take: return "take the request"
        case .sendPreApproval: return "send pre-approval"
        case .qualify: return "qualify"
        case .disqualify: return "disqualify"
        case .handOver: return "hand over to a Buyer"
        case .reassign: return "reassign to another Buyer"
        case .putOnHold: return "put on hold"
        case .resume: return "resume"
        case .addQuote: return "add a quote"
        case .logUpdate: return "log an update"
        case .setBaseline: return "set the baseline"
        case .setFinal: return "set the final price"
        case .setCostAvoidance: return "set cost avoidance"
        case .submitSavings: return "submit savings"
        case .approve: return "approve savings"
        case .reject: return "reject savings"
        case .escalate: return "escalate"
        case .flagBreach: return "flag the TAT breach"
        case .acknowledgeEscalation: return "acknowledge the escalation"
        case .resolveEscalation: return "resolve the escalation"
        case .cancel: return "cancel"
        case .close: return "close"
        case .markLost: return "mark lost"
        case .setHealth: return "set account health"
        case .markReviewed: return "mark today's aging reviewed"
        case .publishCalendar: return "publish the renewal calendar"
        case .undo: return "undo"
        case .tickItem: return "tick the checklist item"
        case .untickItem: return "untick the checklist item"
        case .addItem: return "add a checklist item"
        case .addContract: return "add a contract"
        case .editContract: return "edit the contract's terms"
        case .takeOffline: return "mark the contract offline"
        case .putOnPlatform: return "put the contract on the platform"
        case .sunset: return "sunset the contract"
        case .convertToAnnual: return "convert monthly to annual"
        case .importRecords: return "import records from a file"
        case .recordMeasurement: return "record a measurement"
        }
    }
}

/// One value an action can take, by its `podboard act` option name.
public enum ActionParam: String, Sendable, CaseIterable {
    case person, note, reason, amount, basis, from, source, escalation, health, sentiment, kind, tool, vendor, contract, term
    case which, item, billing, starts, ends, autoRenew = "auto-renew", noticeDays = "notice-days", offline, on
    case scope, period, value

    /// Values that pick what the action works on (an escalation, a checklist item) rather than being stored.
    public var selects: Bool { self == .which }
}

extension ActionKind {
    /// The values this action takes. Each one given lands in the store (a test checks every one); `podboard act`
    /// refuses a value the action does not take instead of dropping it.
    public var parameters: Set<ActionParam> {
        switch self {
        case .raise: return [.kind, .tool, .vendor, .contract, .term]
        case .assign: return [.person]
        case .take, .markReviewed, .publishCalendar, .undo, .importRecords: return []
        case .sendPreApproval, .qualify, .resume, .approve, .close, .logUpdate, .reject, .flagBreach: return [.note]
        case .disqualify, .putOnHold, .cancel, .markLost: return [.reason, .note]
        case .handOver, .reassign: return [.person, .note]
        case .addQuote: return [.from, .source, .amount]
        case .setBaseline: return [.amount, .basis]
        case .setFinal, .setCostAvoidance: return [.amount]
        case .submitSavings: return [.reason, .note]
        case .escalate: return [.escalation, .note]
        case .setHealth: return [.health, .sentiment]
        case .acknowledgeEscalation, .resolveEscalation: return [.which, .note]
        case .tickItem, .untickItem, .addItem: return [.item]
        case .addContract: return [.contract, .tool, .vendor, .billing, .amount, .starts, .ends, .autoRenew, .noticeDays, .offline]
        case .editContract: return [.amount, .billing, .starts, .ends, .autoRenew, .noticeDays]
        case .takeOffline, .putOnPlatform, .convertToAnnual: return []
        case .sunset: return [.on]
        case .recordMeasurement: return [.scope, .period, .value, .note]
        }
    }
}

extension ActionParams {
    /// The values that were given.
    public var given: Set<ActionParam> {
        var g = Set<ActionParam>()
        if person != nil { g.insert(.person) }; if note != nil { g.insert(.note) }; if reason != nil { g.insert(.reason) }
        if amount != nil { g.insert(.amount) }; if basis != nil { g.insert(.basis) }; if from != nil { g.insert(.from) }
        if source != nil { g.insert(.source) }; if escalationReason != nil { g.insert(.escalation) }
        if health != nil { g.insert(.health) }; if sentiment != nil { g.insert(.sentiment) }; if kind != nil { g.insert(.kind) }
        if tool != nil { g.insert(.tool) }; if vendor != nil { g.insert(.vendor) }; if contract != nil { g.insert(.contract) }
        if termMonths != nil { g.insert(.term) }
        if which != nil { g.insert(.which) }; if item != nil { g.insert(.item) }; if billing != nil { g.insert(.billing) }
        if startsOn != nil { g.insert(.starts) }; if endsOn != nil { g.insert(.ends) }; if autoRenew != nil { g.insert(.autoRenew) }
        if noticeDays != nil { g.insert(.noticeDays) }; if offline != nil { g.insert(.offline) }; if on != nil { g.insert(.on) }
        if scope != nil { g.insert(.scope) }; if period != nil { g.insert(.period) }; if value != nil { g.insert(.value) }
        return g
    }
}

extension ActionRequest {
    /// Nil when every value given is one the action takes; else a message naming the others (bad input).
    public var unexpectedParameters: String? {
        let extra = params.given.subtracting(kind.parameters)
        guard !extra.isEmpty else { return nil }
        let names = extra.map { "--" + $0.rawValue }.sorted().joined(separator: ", ")
        let takes = kind.parameters.map { "--" + $0.rawValue }.sorted()
        return "\(kind.rawValue) does not take \(names) (it takes \(takes.isEmpty ? "no values" : takes.joined(separator: ", ")))"
    }
}

/// The values an action takes; each action reads the ones it needs and refuses when one is missing.
public struct ActionParams: Sendable, Equatable {
    public var person: String?
    public var note: String?
    public var reason: String?
    public var amount: Decimal?
    public var basis: BaselineBasis?
    public var from: String?
    public var source: QuoteSource?
    public var escalationReason: EscalationReason?
    public var health: Health?
    public var sentiment: String?
    public var kind: RequestKind?
    public var tool: String?
    public var vendor: String?
    public var contract: String?
    public var termMonths: Int?
    /// Which escalation of the request (acknowledge-escalation, resolve-escalation): its number (1 = the first)
    /// or its `at` time; nil: the only one still open.
    public var which: String?
    /// A checklist item: its number (1 = first) or its text (tick-item, untick-item); the new item's text (add-item).
    public var item: String?
    /// A contract's terms (add-contract, edit-contract).
    public var billing: Billing?
    public var startsOn: LocalDate?
    public var endsOn: LocalDate?
    public var autoRenew: Bool?
    public var noticeDays: Int?
    /// Added offline, not on the platform (add-contract).
    public var offline: Bool?
    /// The day of a sunset.
    public var on: LocalDate?
    /// What an import brings in (import): `{"kind", "file", "rows", "skipped", "records": [...], "lines": [...]}`,
    /// the records in the store's format, each from the CSV line of the same position in `lines`.
    public var records: JSONValue?
    /// A measurement's scope (`person:ID`, `account:ID`, `pod:ID`), period (`2026-Q4`, `2026-11`) and value
    /// (record-measurement; the target is the KPI's id).
    public var scope: String?
    public var period: String?
    public var value: Decimal?
    public init() {}
}

/// One action: what, on which target (a request id, an account id, a date, a quarter, an activity index), with
/// which values.
public struct ActionRequest: Sendable, Equatable {
    public var kind: ActionKind
    public var target: String
    public var params: ActionParams
    /// The store's sequence number on the screen where the person started this action (a form opened before
    /// others' changes arrived): a refusal names who changed the target since. Not journaled.
    public var knownSeq: Int?
    public init(_ kind: ActionKind, target: String, params: ActionParams = ActionParams()) {
        self.kind = kind; self.target = target; self.params = params
    }
}

/// Why an action was not carried out. Nothing was changed.
public enum ActionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rules forbid it (who may do it, the request's status, a missing quote…): exit 1.
    case refused(String)
    /// The action cannot even be understood: an unknown id, a missing or malformed value: exit 2.
    case badInput(String)

    public var description: String {
        switch self {
        case .refused(let m), .badInput(let m): return m
        }
    }
}

/// The result of an action: the new store, and the activity entry it appended.
public struct ActionOutcome: Sendable {
    public var store: Store
    public var activity: Activity
    /// A short sentence for people: "REQ-1042 handed over to Ana Souza".
    public var summary: String
    public init(store: Store, activity: Activity, summary: String, touched: ActionTouched? = nil) {
        self.store = store; self.activity = activity; self.summary = summary; self.touched = touched
    }
    /// What changed from the store the caller had (`ActionTouched`); nil when more may have changed.
    public var touched: ActionTouched? = nil
}
