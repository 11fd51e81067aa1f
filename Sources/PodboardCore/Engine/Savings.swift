import Foundation

/// Savings rules (DOMAIN.md, KPIS.md): annual savings = baseline − final; total-contract savings = annual ×
/// term months / 12; cost avoidance is shown beside savings, never added; approved savings count from the
/// approval time.
public enum Savings {
    /// Savings(r) = `baseline.amount − final`; nil unless both are present.
    public static func annual(_ r: Request) -> Decimal? {
        guard let b = r.baseline, let f = r.final else { return nil }
        return b.amount - f
    }

    /// Annual savings × term months / 12.
    public static func totalContract(_ r: Request) -> Decimal? {
        guard let a = annual(r) else { return nil }
        return Money.rounded(a * Decimal(r.termMonths) / 12)
    }

    /// Savings / baseline, when the baseline is above 0.
    public static func percent(_ r: Request) -> Decimal? {
        guard let a = annual(r), let b = r.baseline, b.amount != 0 else { return nil }
        return a / b.amount
    }
}

/// One approved request's savings at its approval time.
public struct ApprovedSavings: Sendable {
    public let request: String
    public let at: Timestamp
    public let amount: Decimal
    /// The request's cost avoidance (apart from savings), so that an account's total needs no scan of the store.
    public var costAvoidance: Decimal? = nil

    public init(request: String, at: Timestamp, amount: Decimal, costAvoidance: Decimal? = nil) {
        self.request = request; self.at = at; self.amount = amount; self.costAvoidance = costAvoidance
    }
}

/// An account's approved savings over time, and when it reached a given amount.
public struct AccountSavings: Sendable {
    public let account: String
    /// Approved requests with savings, in approval order.
    public let approvals: [ApprovedSavings]

    public init(account: String, approvals: [ApprovedSavings]) {
        self.account = account
        self.approvals = approvals.sorted { $0.at < $1.at }
    }

    /// The sum of Savings over requests approved at or before `t` (all of them when nil).
    public func cumulative(at t: Timestamp? = nil) -> Decimal {
        approvals.filter { t == nil || $0.at <= t! }.reduce(Decimal(0)) { $0 + $1.amount }
    }

    /// "Reaching X": the first approval time at which the cumulative sum is ≥ X; approvals with the same
    /// timestamp are taken together. nil when never reached.
    public func reaching(_ x: Decimal) -> Timestamp? {
        var sum = Decimal(0)
        var i = 0
        while i < approvals.count {
            let t = approvals[i].at
            while i < approvals.count && approvals[i].at == t { sum += approvals[i].amount; i += 1 }
            if sum >= x { return t }
        }
        return nil
    }

    /// The earliest approval with Savings > 0 (FTV).
    public var firstPositive: ApprovedSavings? { approvals.first { $0.amount > 0 } }
}
