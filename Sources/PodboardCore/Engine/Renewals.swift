import Foundation

/// One contract on the renewal calendar, with its dates (DOMAIN.md, "Renewal calendar").
public struct RenewalEntry: Sendable {
    public let contract: Contract
    public let account: Account?
    /// end − reviewLeadDays: decide keep / downgrade / cancel / renegotiate.
    public let reviewOn: LocalDate
    /// end − requestLeadDays: the renewal request should be raised.
    public let requestDueOn: LocalDate
    /// end − negotiationLeadDays: price talks start.
    public let talksStartOn: LocalDate
    /// end − noticeDays: the notice deadline (cancel-by).
    public let cancelBy: LocalDate
    /// The open renewal request for this contract, if any.
    public let openRequest: Request?
    /// Days from T to the cancel-by date (negative once it has passed).
    public let daysToCancelBy: Int
    /// An auto-renewing contract whose cancel-by date is within `noticeAlertDays` of T and that has no open
    /// renewal request.
    public let noticeAlert: Bool
    /// An auto-renewing contract whose cancel-by date has passed (before T), that has not ended yet, and that has
    /// no open renewal request: it renews unless the vendor agrees otherwise.
    public let noticePassed: Bool

    /// The flags of the entry, in the order they are shown (RenewalFlag).
    public var flags: [RenewalFlag] {
        var out: [RenewalFlag] = []
        if noticeAlert { out.append(.noticeAlert) }
        if noticePassed { out.append(.noticePassed) }
        if contract.offline { out.append(.offline) }
        if contract.billing == .monthly { out.append(.monthly) }
        return out
    }
}

/// What the renewal calendar flags on a contract: one rule each (`RenewalEntry`), shown by the renewals pane and
/// `report renewals` alike.
public enum RenewalFlag: String, Sendable, CaseIterable {
    /// Auto-renews, cancel-by within `noticeAlertDays` (today included), no open renewal request.
    case noticeAlert = "notice-alert"
    /// Auto-renews, cancel-by already passed, the contract not ended, no open renewal request.
    case noticePassed = "notice-passed"
    /// Not on the platform (`offline`): left out of uploaded ATS.
    case offline
    /// Billed monthly (a candidate for monthly → annual).
    case monthly

    /// The words of a report: "notice alert: cancel-by in 7d, no request".
    public func label(_ e: RenewalEntry) -> String {
        switch self {
        case .noticeAlert: return "notice alert: cancel-by in \(e.daysToCancelBy)d, no request"
        case .noticePassed: return "notice passed: cancel-by \(-e.daysToCancelBy)d ago, no request"
        case .offline: return "offline"
        case .monthly: return "monthly"
        }
    }

    /// The short form of a narrow column: "ALERT 7d", "PASSED", "off", "mo".
    public func short(_ e: RenewalEntry) -> String {
        switch self {
        case .noticeAlert: return "ALERT \(e.daysToCancelBy)d"
        case .noticePassed: return "PASSED"
        case .offline: return "off"
        case .monthly: return "mo"
        }
    }
}

/// The renewal calendar of a quarter and whether it was published on time.
public struct RenewalQuarter: Sendable {
    public let quarter: Quarter
    /// Contracts ending in the quarter, by end date then id.
    public var entries: [RenewalEntry]
    /// When the calendar is due: the quarter's first day − `calendarDueDaysBeforeQuarter`.
    public let dueOn: LocalDate
    /// The first publication of this quarter's calendar, if any (at or before now).
    public let publication: Publication?

    /// The entries grouped by the month their contract ends in, in order.
    public var byMonth: [(month: LocalDate, entries: [RenewalEntry])] {
        var out: [(LocalDate, [RenewalEntry])] = []
        for e in entries {
            let m = e.contract.endsOn.startOfMonth
            if let i = out.firstIndex(where: { $0.0 == m }) { out[i].1.append(e) } else { out.append((m, [e])) }
        }
        return out.map { (month: $0.0, entries: $0.1) }
    }
}

/// The renewal calendar, built from contracts' end dates.
public enum Renewals {
    /// The calendar entry of one contract as of T; nil for a contract sunset at or before T.
    public static func entry(_ c: Contract, _ snap: Snapshot, openRenewals: [String: Request]? = nil) -> RenewalEntry? {
        let today = snap.today
        if let s = c.sunsetOn, s <= today { return nil }
        let lead = snap.settings.renewal
        let cancelBy = c.endsOn.adding(days: -c.noticeDays)
        let open = openRenewals.map { $0[c.id] } ?? openRenewalRequests(snap)[c.id]
        let days = today.days(to: cancelBy)
        return RenewalEntry(
            contract: c, account: snap.accountsById[c.account],
            reviewOn: c.endsOn.adding(days: -lead.reviewLeadDays),
            requestDueOn: c.endsOn.adding(days: -lead.requestLeadDays),
            talksStartOn: c.endsOn.adding(days: -lead.negotiationLeadDays),
            cancelBy: cancelBy, openRequest: open, daysToCancelBy: days,
            noticeAlert: c.autoRenew && open == nil && days >= 0 && days <= lead.noticeAlertDays,
            noticePassed: c.autoRenew && open == nil && days < 0 && c.endsOn >= today)
    }

    /// Open renewal requests (as of now) per contract id; the oldest when there are several.
    public static func openRenewalRequests(_ snap: Snapshot) -> [String: Request] {
        var out: [String: Request] = [:]
        for r in snap.requests where r.kind == .renewal {
            guard let c = r.contract, snap.status(r).isOpen else { continue }
            if let existing = out[c], existing.createdAt <= r.createdAt { continue }
            out[c] = r
        }
        return out
    }

    /// Every contract not yet sunset, by end date.
    public static func entries(_ snap: Snapshot, where include: (Contract) -> Bool = { _ in true }) -> [RenewalEntry] {
        let open = openRenewalRequests(snap)
        return snap.store.contracts.filter(include).compactMap { entry($0, snap, openRenewals: open) }
            .sorted { ($0.contract.endsOn, $0.contract.id) < ($1.contract.endsOn, $1.contract.id) }
    }

    /// The calendar of one quarter: the contracts ending in it.
    public static func quarter(_ q: Quarter, _ snap: Snapshot, where include: (Contract) -> Bool = { _ in true }) -> RenewalQuarter {
        let list = entries(snap) { q.contains($0.endsOn) && include($0) }
        let pub = snap.store.publications
            .filter { $0.kind == "renewal-calendar" && $0.quarter == q && snap.clock.hasHappened($0.at) }
            .min { $0.at < $1.at }
        return RenewalQuarter(quarter: q, entries: list,
                              dueOn: q.firstDay.adding(days: -snap.settings.renewal.calendarDueDaysBeforeQuarter),
                              publication: pub)
    }

    /// Auto-renewing contracts whose cancel-by date is near and that have no open renewal request.
    public static func alerts(_ snap: Snapshot) -> [RenewalEntry] {
        entries(snap).filter(\.noticeAlert).sorted { $0.cancelBy < $1.cancelBy }
    }
}
