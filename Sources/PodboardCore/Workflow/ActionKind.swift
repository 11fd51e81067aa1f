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
    case cancel
    case close
    case markLost = "mark-lost"
    case setHealth = "set-health"
    case markReviewed = "mark-reviewed"
    case publishCalendar = "publish-calendar"
    case undo

    /// What the target of the action is.
    public enum Target: Sendable { case request, account, day, quarter, activity }

    public var target: Target {
        switch self {
        case .raise, .setHealth: return .account
        case .markReviewed: return .day
        case .publishCalendar: return .quarter
        case .undo: return .activity
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
        case .cancel: return "cancel"
        case .close: return "close"
        case .markLost: return "mark lost"
        case .setHealth: return "set account health"
        case .markReviewed: return "mark today's aging reviewed"
        case .publishCalendar: return "publish the renewal calendar"
        case .undo: return "undo"
        }
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
    public init() {}
}

/// One action: what, on which target (a request id, an account id, a date, a quarter, an activity index), with
/// which values.
public struct ActionRequest: Sendable, Equatable {
    public var kind: ActionKind
    public var target: String
    public var params: ActionParams
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
}
