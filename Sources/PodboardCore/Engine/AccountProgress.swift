import Foundation

/// An account's savings progress as of now: approved savings, and when it reached FTV, MSG and its PSE share.
public struct AccountProgress: Sendable {
    public let account: Account
    /// Cumulative approved savings at now.
    public let approved: Decimal
    /// Approved savings dated in Qs … T.
    public let approvedThisQuarter: Decimal
    /// Cost avoidance of the approved requests, shown beside savings and never added to them.
    public let costAvoidance: Decimal
    /// The first approval with savings above 0.
    public let ftvOn: LocalDate?
    /// When cumulative approved savings first reached the MSG.
    public let msgReachedOn: LocalDate?
    /// podHandoverOn + msgDays.
    public let msgDeadline: LocalDate
    /// pseShare × PSE.
    public let pseTarget: Decimal
    public let pseReachedOn: LocalDate?
    /// approved / MSG (nil when the MSG is 0).
    public let msgShare: Decimal?
    /// The share of the MSG window (hand-over … deadline) elapsed at T, from 0 to 1.
    public let msgWindowElapsed: Decimal
    /// Still inside the MSG window (DOMAIN.md: "show the pace"): not reached and the deadline not passed; the
    /// days left to the deadline. nil outside the window.
    public let msgDaysLeft: Int?
    /// Inside the window: on pace when the share of the MSG approved is at least the share of the window elapsed.
    public let msgOnPace: Bool?
    /// approved / (pseShare × PSE) (nil when that is 0).
    public let pseProgress: Decimal?

    public init(_ a: Account, _ snap: Snapshot) {
        let clock = snap.clock
        let s = snap.accountSavings[a.id] ?? AccountSavings(account: a.id, approvals: [])
        account = a
        approved = s.cumulative()
        approvedThisQuarter = s.approvals.filter { clock.inPeriod(clock.date($0.at)) }.reduce(Decimal(0)) { $0 + $1.amount }
        // Each approved request's cost avoidance, carried with its approval (no scan of every request per account).
        costAvoidance = s.approvals.reduce(Decimal(0)) { $0 + ($1.costAvoidance ?? 0) }
        ftvOn = s.firstPositive.map { clock.date($0.at) }
        msgReachedOn = s.reaching(a.msg).map(clock.date)
        let targets = snap.settings.targets
        msgDeadline = a.podHandoverOn.adding(days: targets.msgDays)
        pseTarget = Money.rounded(targets.pseShare * a.pse)
        pseReachedOn = s.reaching(targets.pseShare * a.pse).map(clock.date)
        msgShare = Money.ratio(approved, a.msg)
        let window = max(1, targets.msgDays)
        let elapsed = min(max(0, a.podHandoverOn.days(to: snap.today)), window)
        msgWindowElapsed = Decimal(elapsed) / Decimal(window)
        if msgReachedOn == nil && snap.today <= msgDeadline {
            msgDaysLeft = snap.today.days(to: msgDeadline)
            msgOnPace = (msgShare ?? 1) >= msgWindowElapsed
        } else {
            msgDaysLeft = nil
            msgOnPace = nil
        }
        pseProgress = Money.ratio(approved, pseTarget)
    }
}

/// ATS coverage: the annual value of an account's contracts uploaded to podboard, against what it declared.
public enum ATSCoverage {
    /// The uploaded ATS on a day: the annual values of the contracts added on or before it, not offline, and
    /// not sunset on or before it.
    public static func uploaded(_ contracts: [Contract], on day: LocalDate) -> Decimal {
        contracts.filter { $0.addedOn <= day && !$0.offline && !($0.sunsetOn.map { $0 <= day } ?? false) }
            .reduce(Decimal(0)) { $0 + $1.annualValue }
    }

    /// uploaded / declared (nil when nothing was declared).
    public static func share(_ uploaded: Decimal, of declared: Decimal) -> Decimal? { Money.ratio(uploaded, declared) }

}
