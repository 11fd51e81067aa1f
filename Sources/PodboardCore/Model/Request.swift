import Foundation

/// A procurement request raised by an account: a new purchase, a renewal or an expansion.
public struct Request: Sendable, Equatable, Identifiable {
    public var id: String
    public var account: String
    public var kind: RequestKind
    /// The contract a renewal renews.
    public var contract: String?
    public var tool: String
    public var vendor: String
    public var status: RequestStatus
    public var createdAt: Timestamp
    public var analyst: String?
    public var assignedAt: Timestamp?
    public var buyer: String?
    public var termMonths: Int
    public var baseline: Baseline?
    /// The final annual price.
    public var final: Decimal?
    /// A price increase the vendor asked for and did not get; never added to savings.
    public var costAvoidance: Decimal?
    /// Why savings were submitted without quotes from two different sources.
    public var noQuotesReason: String?
    public var quotes: [Quote] = []
    public var updates: [Update] = []
    public var escalations: [Escalation] = []
    /// The status log, oldest first; its last `to` equals `status`.
    public var history: [HistoryEntry] = []
    public var extras = JSONObject()

    public init(id: String, account: String, kind: RequestKind, contract: String? = nil, tool: String, vendor: String,
                status: RequestStatus, createdAt: Timestamp, analyst: String? = nil, assignedAt: Timestamp? = nil,
                buyer: String? = nil, termMonths: Int = 12, baseline: Baseline? = nil, final: Decimal? = nil,
                costAvoidance: Decimal? = nil, noQuotesReason: String? = nil, quotes: [Quote] = [], updates: [Update] = [],
                escalations: [Escalation] = [], history: [HistoryEntry] = [], extras: JSONObject = JSONObject()) {
        self.id = id; self.account = account; self.kind = kind; self.contract = contract; self.tool = tool
        self.vendor = vendor; self.status = status; self.createdAt = createdAt; self.analyst = analyst
        self.assignedAt = assignedAt; self.buyer = buyer; self.termMonths = termMonths; self.baseline = baseline
        self.final = final; self.costAvoidance = costAvoidance; self.noQuotesReason = noQuotesReason
        self.quotes = quotes; self.updates = updates; self.escalations = escalations; self.history = history
        self.extras = extras
    }
}

/// The annual amount savings are measured from, with its basis.
public struct Baseline: Sendable, Equatable {
    public var amount: Decimal
    public var basis: BaselineBasis
    public var extras = JSONObject()
    public init(amount: Decimal, basis: BaselineBasis, extras: JSONObject = JSONObject()) {
        self.amount = amount; self.basis = basis; self.extras = extras
    }
}

/// A price obtained from the vendor, a reseller or an alternative product.
public struct Quote: Sendable, Equatable {
    public var from: String
    public var source: QuoteSource
    public var amount: Decimal
    public var receivedAt: Timestamp
    public var extras = JSONObject()
    public init(from: String, source: QuoteSource, amount: Decimal, receivedAt: Timestamp, extras: JSONObject = JSONObject()) {
        self.from = from; self.source = source; self.amount = amount; self.receivedAt = receivedAt; self.extras = extras
    }
}

/// A Buyer's update on a negotiation.
public struct Update: Sendable, Equatable {
    public var at: Timestamp
    public var by: String
    public var text: String
    public var extras = JSONObject()
    public init(at: Timestamp, by: String, text: String, extras: JSONObject = JSONObject()) {
        self.at = at; self.by = by; self.text = text; self.extras = extras
    }
}

/// An escalation of a request.
public struct Escalation: Sendable, Equatable {
    public var at: Timestamp
    public var by: String
    public var reason: EscalationReason
    public var note: String
    /// When and by whom it was acknowledged (the EM has seen it and is on it), with an optional note.
    public var acknowledgedAt: Timestamp?
    public var acknowledgedBy: String?
    public var acknowledgedNote: String?
    /// When and by whom it was resolved, and how (`resolution`).
    public var resolvedAt: Timestamp?
    public var resolvedBy: String?
    public var resolution: String?
    public var extras = JSONObject()
    public init(at: Timestamp, by: String, reason: EscalationReason, note: String, extras: JSONObject = JSONObject()) {
        self.at = at; self.by = by; self.reason = reason; self.note = note; self.extras = extras
    }

    /// Acknowledged as of `now` (an acknowledgement later than now does not count yet).
    public func isAcknowledged(asOf now: Timestamp? = nil) -> Bool {
        guard let t = acknowledgedAt else { return false }
        return now.map { t < $0 } ?? true
    }

    /// Resolved as of `now` (a resolution later than now does not count yet).
    public func isResolved(asOf now: Timestamp? = nil) -> Bool {
        guard let t = resolvedAt else { return false }
        return now.map { t < $0 } ?? true
    }
}

/// One status change of a request.
public struct HistoryEntry: Sendable, Equatable {
    public var at: Timestamp
    public var by: String
    public var from: RequestStatus
    public var to: RequestStatus
    public var note: String?
    /// Why the request went on hold (for `on-hold`).
    public var reason: String?
    public var extras = JSONObject()
    public init(at: Timestamp, by: String, from: RequestStatus, to: RequestStatus, note: String? = nil, reason: String? = nil, extras: JSONObject = JSONObject()) {
        self.at = at; self.by = by; self.from = from; self.to = to; self.note = note; self.reason = reason; self.extras = extras
    }
}
