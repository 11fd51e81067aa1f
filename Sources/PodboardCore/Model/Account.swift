import Foundation

/// A customer: signs a contract with us, is handed to a POD, starts sending requests, and its term ends.
public struct Account: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var pod: String
    public var csm: String
    public var contractSignedOn: LocalDate
    public var podHandoverOn: LocalDate
    public var initiatedOn: LocalDate?
    public var termEndsOn: LocalDate
    /// Minimum Savings Guarantee.
    public var msg: Decimal
    /// Potential Savings Estimate.
    public var pse: Decimal
    /// The annual total SaaS spend the customer declared.
    public var declaredATS: Decimal
    public var health: Health
    public var sentiment: String?
    public var onboarding: Onboarding
    /// The customer's people (the catch-up's "people matrix"); optional in the file, written only when there are some.
    public var contacts: [Contact] = []
    /// The renewal of the account's own term with us, when it renewed (issue 14, account retention).
    public var renewedTerm: RenewedTerm? = nil
    /// The day the account left us (its term ended without a renewal), when it did.
    public var churnedOn: LocalDate? = nil
    public var extras = JSONObject()

    public init(id: String, name: String, pod: String, csm: String, contractSignedOn: LocalDate, podHandoverOn: LocalDate,
                initiatedOn: LocalDate?, termEndsOn: LocalDate, msg: Decimal, pse: Decimal, declaredATS: Decimal,
                health: Health, sentiment: String? = nil, onboarding: Onboarding = Onboarding(), contacts: [Contact] = [],
                extras: JSONObject = JSONObject()) {
        self.id = id; self.name = name; self.pod = pod; self.csm = csm
        self.contractSignedOn = contractSignedOn; self.podHandoverOn = podHandoverOn; self.initiatedOn = initiatedOn
        self.termEndsOn = termEndsOn; self.msg = msg; self.pse = pse; self.declaredATS = declaredATS
        self.health = health; self.sentiment = sentiment; self.onboarding = onboarding; self.contacts = contacts; self.extras = extras
    }
}

/// One of the customer's people: who they are, their role, how to reach them, and at which escalation level
/// they are the one to call (1 = first contact).
public struct Contact: Sendable, Equatable {
    public var name: String
    public var role: String?
    public var email: String?
    public var escalationLevel: Int?
    public var extras = JSONObject()
    public init(name: String, role: String? = nil, email: String? = nil, escalationLevel: Int? = nil, extras: JSONObject = JSONObject()) {
        self.name = name; self.role = role; self.email = email; self.escalationLevel = escalationLevel; self.extras = extras
    }
}

/// An account's onboarding: its checklist and when it completed.
public struct Onboarding: Sendable, Equatable {
    public var completedOn: LocalDate?
    public var checklist: [ChecklistItem]
    public var extras = JSONObject()
    public init(completedOn: LocalDate? = nil, checklist: [ChecklistItem] = [], extras: JSONObject = JSONObject()) {
        self.completedOn = completedOn; self.checklist = checklist; self.extras = extras
    }
}

/// One item of the onboarding checklist.
public struct ChecklistItem: Sendable, Equatable {
    public var item: String
    public var done: Bool
    public var extras = JSONObject()
    public init(item: String, done: Bool, extras: JSONObject = JSONObject()) { self.item = item; self.done = done; self.extras = extras }
}

/// One SaaS subscription in an account's stack.
public struct Contract: Sendable, Equatable, Identifiable {
    public var id: String
    public var account: String
    public var tool: String
    public var vendor: String
    public var billing: Billing
    public var annualValue: Decimal
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var autoRenew: Bool
    public var noticeDays: Int
    /// When the contract was put on the platform.
    public var addedOn: LocalDate
    /// True when the contract is not on the platform.
    public var offline: Bool
    public var sunsetOn: LocalDate?
    public var convertedToAnnualOn: LocalDate?
    public var extras = JSONObject()

    public init(id: String, account: String, tool: String, vendor: String, billing: Billing, annualValue: Decimal,
                startsOn: LocalDate, endsOn: LocalDate, autoRenew: Bool, noticeDays: Int, addedOn: LocalDate,
                offline: Bool, sunsetOn: LocalDate? = nil, convertedToAnnualOn: LocalDate? = nil, extras: JSONObject = JSONObject()) {
        self.id = id; self.account = account; self.tool = tool; self.vendor = vendor; self.billing = billing
        self.annualValue = annualValue; self.startsOn = startsOn; self.endsOn = endsOn; self.autoRenew = autoRenew
        self.noticeDays = noticeDays; self.addedOn = addedOn; self.offline = offline; self.sunsetOn = sunsetOn
        self.convertedToAnnualOn = convertedToAnnualOn; self.extras = extras
    }
}
