import Foundation

/// The bi-weekly customer update of one account (issue 13): what was opened, what is moving, what waits on the
/// customer, savings in the period and to date against MSG and PSE with the pace to the MSG deadline, cost
/// avoidance apart, and the renewals of the next 90 days with their cancel-by dates. Only what the customer may
/// read: no internal notes (history notes, updates, escalations, no-quotes reasons), no people's KPIs, no health or
/// sentiment, no people of ours. Pure, for a fixed today.
public struct CustomerUpdate: Sendable {
    /// One request as the customer sees it.
    public struct Item: Sendable, Equatable {
        public let request: String
        public let tool: String
        public let vendor: String
        public let kind: RequestKind
        public let status: RequestStatus
        /// The day it was raised.
        public let openedOn: LocalDate
        /// The day it reached its status (in the store's zone).
        public let since: LocalDate
        /// What we need from the customer (waiting items only): the hold's reason, or the pre-approval.
        public let needed: String?
    }

    public struct Approval: Sendable, Equatable {
        public let request: String
        public let tool: String
        public let on: LocalDate
        public let amount: Decimal
    }

    public struct Renewal: Sendable, Equatable {
        public let contract: String
        public let tool: String
        public let vendor: String
        public let annualValue: Decimal
        public let endsOn: LocalDate
        public let cancelBy: LocalDate
        public let autoRenew: Bool
        /// A renewal request is open for it: we are on it.
        public let inHand: Bool
    }

    public let account: Account
    public let currency: String
    /// The store's time zone: every date is a day there.
    public let timeZone: String
    public let today: LocalDate
    /// The first day of the period (the period runs from it through today).
    public let since: LocalDate
    public let opened: [Item]
    public let moving: [Item]
    public let waiting: [Item]
    public let approvedInPeriod: [Approval]
    public let progress: AccountProgress
    /// Cost avoidance of the requests approved in the period (apart from savings).
    public let costAvoidanceInPeriod: Decimal
    public let renewals: [Renewal]
    /// Cumulative approved savings over time: the hand-over (0), each approval day, today.
    public let savingsOverTime: [(day: LocalDate, value: Decimal)]

    public var savingsInPeriod: Decimal { approvedInPeriod.reduce(Decimal(0)) { $0 + $1.amount } }

    /// The default period: the last 14 days, today included.
    public static func defaultSince(_ today: LocalDate) -> LocalDate { today.adding(days: -13) }

    public static let renewalDays = 90

    public init(account a: Account, since: LocalDate? = nil, _ snap: Snapshot) {
        let clock = snap.clock
        let today = snap.today
        let from = since ?? Self.defaultSince(today)
        account = a
        currency = snap.settings.currency
        timeZone = snap.settings.timeZone
        self.today = today
        self.since = from
        func inPeriod(_ d: LocalDate) -> Bool { d >= from && d <= today }
        var opened: [Item] = [], moving: [Item] = [], waiting: [Item] = []
        for r in snap.requests where r.account == a.id {
            let tl = snap.timeline(r)
            let status = tl.status
            let sinceDay = clock.date(tl.statusSince)
            var needed: String?
            if status == .qualifying {
                needed = "your pre-approval (sent " + sinceDay.description + "): approve it, or tell us what to change"
            } else if status == .onHold {
                let reason = tl.entries.last(where: { $0.to == .onHold })?.reason
                needed = reason.map { "on hold: " + $0 } ?? "on hold: please tell us how you want to proceed"
            }
            let item = Item(request: r.id, tool: r.tool, vendor: r.vendor, kind: r.kind, status: status, openedOn: clock.date(r.createdAt), since: sinceDay, needed: needed)
            if inPeriod(clock.date(r.createdAt)) { opened.append(item) }
            if needed != nil {
                waiting.append(item)
            } else if status.isOpen || inPeriod(sinceDay) && sinceDay > clock.date(r.createdAt) {
                moving.append(item)
            }
        }
        let order: (Item, Item) -> Bool = { ($0.since, $0.request) > ($1.since, $1.request) }
        self.opened = opened.sorted { ($0.openedOn, $0.request) > ($1.openedOn, $1.request) }
        self.moving = moving.sorted(by: order)
        self.waiting = waiting.sorted { ($0.since, $0.request) < ($1.since, $1.request) }
        let s = snap.accountSavings[a.id] ?? AccountSavings(account: a.id, approvals: [])
        var approvals: [Approval] = []
        var avoided = Decimal(0)
        for ap in s.approvals where inPeriod(clock.date(ap.at)) {
            let r = snap.store.request(ap.request)
            approvals.append(Approval(request: ap.request, tool: r?.tool ?? "", on: clock.date(ap.at), amount: ap.amount))
            avoided += ap.costAvoidance ?? 0
        }
        approvedInPeriod = approvals
        costAvoidanceInPeriod = avoided
        progress = AccountProgress(a, snap)
        let horizon = today.adding(days: Self.renewalDays)
        renewals = Renewals.entries(snap) { $0.account == a.id && $0.endsOn >= today && $0.endsOn <= horizon }.map {
            Renewal(contract: $0.contract.id, tool: $0.contract.tool, vendor: $0.contract.vendor, annualValue: $0.contract.annualValue,
                    endsOn: $0.contract.endsOn, cancelBy: $0.cancelBy, autoRenew: $0.contract.autoRenew, inHand: $0.openRequest != nil)
        }
        savingsOverTime = SavingsSeries.cumulative(s, from: a.podHandoverOn, today: today, clock: clock)
    }

    /// The document (text, Markdown, HTML).
    public func document() -> ReportDocument {
        let cur = currency
        func money(_ d: Decimal) -> String { Money.format(d, currency: cur) }
        func what(_ i: Item) -> String { i.tool + " (" + i.vendor + ")" }
        var doc = ReportDocument(title: "Procurement update: " + account.name,
                                 subtitle: ["Period " + since.description + " to " + today.description,
                                            "Amounts in " + cur + " (savings and contract values are annual); dates in " + timeZone])
        func table(_ items: [Item], needed: Bool, opened: Bool = false, empty: String) -> ReportDocument.Block {
            .table(.init(columns: needed ? ["Request", "Tool", "Since", "What we need from you"] : ["Request", "Tool", "Kind", "Stage", opened ? "Opened" : "Since"],
                         rows: items.map { i in
                             needed ? [i.request, what(i), i.since.description, i.needed ?? ""]
                                 : [i.request, what(i), i.kind.rawValue, Self.stage(i.status), (opened ? i.openedOn : i.since).description]
                         }, empty: empty))
        }
        doc.sections.append(.init("Waiting on you", [table(waiting, needed: true, empty: "nothing is waiting on you")]))
        doc.sections.append(.init("Requests opened in the period", [table(opened, needed: false, opened: true, empty: "no new requests in the period")]))
        doc.sections.append(.init("Requests moving", [table(moving, needed: false, empty: "no request in progress")]))
        let p = progress
        var savings: [ReportDocument.Block] = []
        savings.append(.bullets([
            "Approved in the period: " + money(savingsInPeriod),
            "Approved to date: " + money(p.approved),
            "Minimum savings guarantee (MSG): " + money(account.msg) + " — " + (p.msgShare.map { Money.percent($0) } ?? "n/a") + " reached",
            "Potential savings estimate (PSE): " + money(account.pse) + " — " + (Money.ratio(p.approved, account.pse).map { Money.percent($0) } ?? "n/a") + " reached",
            Self.pace(p),
        ]))
        if !approvedInPeriod.isEmpty {
            savings.append(.table(.init(columns: ["Request", "Tool", "Approved on", "Savings a year"], rightAligned: [3],
                                        rows: approvedInPeriod.map { [$0.request, $0.tool, $0.on.description, money($0.amount)] })))
        }
        savings.append(.chart(.init(title: "Savings to date against the MSG", series: [.init(label: "approved savings", points: savingsOverTime)],
                                    target: (label: "MSG", value: account.msg))))
        doc.sections.append(.init("Savings", savings))
        doc.sections.append(.init("Cost avoidance (not counted as savings)", [
            .bullets(["Price increases avoided in the period: " + money(costAvoidanceInPeriod), "To date: " + money(p.costAvoidance)]),
        ]))
        doc.sections.append(.init("Renewals in the next \(Self.renewalDays) days", [
            .table(.init(columns: ["Contract", "Tool", "Annual value", "Ends", "Cancel by", "Auto-renews", "Renewal request"],
                         rightAligned: [2],
                         rows: renewals.map { [$0.contract, $0.tool + " (" + $0.vendor + ")", money($0.annualValue), $0.endsOn.description,
                                               $0.cancelBy.description, $0.autoRenew ? "yes" : "no", $0.inHand ? "in hand" : "not yet raised"] },
                         empty: "no contract ends in the next \(Self.renewalDays) days")),
        ]))
        return doc
    }


    /// The stage as the customer reads it.
    public static func stage(_ s: RequestStatus) -> String {
        switch s {
        case .new: return "received"
        case .qualifying: return "awaiting your pre-approval"
        case .qualified: return "qualified, a Buyer is next"
        case .negotiating: return "negotiating"
        case .onHold: return "on hold"
        case .pendingApproval: return "savings under review"
        case .approved: return "savings approved"
        case .closed: return "done"
        case .disqualified: return "not pursued"
        case .cancelled: return "cancelled"
        case .lost: return "closed without a deal"
        }
    }

    /// The pace to the MSG deadline, in words.
    public static func pace(_ p: AccountProgress) -> String {
        if let d = p.msgReachedOn { return "MSG reached on " + d.description }
        if let days = p.msgDaysLeft, let onPace = p.msgOnPace {
            return "Pace: " + Money.percent(p.msgWindowElapsed, digits: 0) + " of the time to the MSG deadline (" + p.msgDeadline.description
                + ") has passed and " + (p.msgShare.map { Money.percent($0, digits: 0) } ?? "n/a") + " of the MSG is reached: "
                + (onPace ? "on pace" : "behind pace") + ", \(days) days left"
        }
        return "MSG deadline " + p.msgDeadline.description + " passed before the MSG was reached"
    }
}

/// Cumulative approved savings over time, for charts and sparklines.
public enum SavingsSeries {
    /// A point at `from` (0 before any approval), one per approval day (the sum at its end), and one today.
    public static func cumulative(_ s: AccountSavings, from: LocalDate, today: LocalDate, clock: Clock) -> [(day: LocalDate, value: Decimal)] {
        var out: [(day: LocalDate, value: Decimal)] = []
        let start = min(from, today)
        var sum = Decimal(0)
        out.append((start, 0))
        for ap in s.approvals {
            let d = clock.date(ap.at)
            sum += ap.amount
            if d < start { out[0].value = sum; continue }
            if let last = out.last, last.day == d { out[out.count - 1].value = sum } else { out.append((d, sum)) }
        }
        if out.last?.day != today { out.append((today, sum)) }
        return out
    }

    /// The cumulative sum at the end of each of `weeks` weeks ending today (oldest first).
    public static func weekly(_ s: AccountSavings, today: LocalDate, weeks: Int, clock: Clock) -> [Decimal] {
        (0..<max(0, weeks)).reversed().map { back in
            let day = today.adding(days: -7 * back)
            return s.approvals.filter { clock.date($0.at) <= day }.reduce(Decimal(0)) { $0 + $1.amount }
        }
    }
}
