/// The enumerations of store format 1 (STORE.md, "Values"). Raw values are the strings the store uses.

/// A person's role.
public enum Role: String, Sendable, CaseIterable {
    case em, buyer, analyst, csm, admin
    /// The roles of the KPI catalog (issue 14; seeds 001–004): Strategic Account Manager, Account Manager, Sales
    /// Development Representative, Account Executive, Renewal Manager.
    case sam, am, sdr, ae, renewals

    /// The name people use for the role.
    public var title: String {
        switch self {
        case .em: return "Engagement Manager"
        case .buyer: return "Buyer"
        case .analyst: return "SaaS Analyst"
        case .csm: return "Customer Success Manager"
        case .admin: return "admin"
        case .sam: return "Strategic Account Manager"
        case .am: return "Account Manager"
        case .sdr: return "Sales Development Representative"
        case .ae: return "Account Executive"
        case .renewals: return "Renewal Manager"
        }
    }
}

/// An account's health, as set by its EM or CSM.
public enum Health: String, Sendable, CaseIterable {
    case favorable, neutral, atRisk = "at-risk", critical
}

/// How a contract is billed.
public enum Billing: String, Sendable, CaseIterable {
    case monthly, annual
}

/// What a request buys. An expansion keeps the new-purchase TAT.
public enum RequestKind: String, Sendable, CaseIterable {
    case new, renewal, expansion
}

/// Where a request stands in its lifecycle (DOMAIN.md, "The request lifecycle").
public enum RequestStatus: String, Sendable, CaseIterable {
    case new, qualifying, qualified, negotiating
    case onHold = "on-hold"
    case pendingApproval = "pending-approval"
    case approved, closed, disqualified, cancelled, lost

    /// Closed, disqualified, cancelled and lost requests are finished; every other status is open.
    public var isOpen: Bool {
        switch self {
        case .closed, .disqualified, .cancelled, .lost: return false
        default: return true
        }
    }
}

/// What a baseline amount is based on.
public enum BaselineBasis: String, Sendable, CaseIterable {
    case priorContract = "prior-contract", firstQuote = "first-quote", listPrice = "list-price"
}

/// Who a quote came from.
public enum QuoteSource: String, Sendable, CaseIterable {
    case vendor, reseller, alternative
}

/// Why a request was escalated.
public enum EscalationReason: String, Sendable, CaseIterable {
    case parallelNegotiation = "parallel-negotiation"
    case tatBreach = "tat-breach"
    case customerUnresponsive = "customer-unresponsive"
    case other
}
