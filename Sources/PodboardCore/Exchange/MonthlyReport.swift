import Foundation

/// The monthly leadership report of a POD (issue 13): per account, ATS (declared, uploaded, coverage, its trend
/// over the month, the deficit from sunset and offline contracts), savings in the month and to date, MSG and PSE
/// attainment and the GDR outlook; and the POD's totals. The month runs from its first day to its last, or to
/// today for the current month. Pure, for a fixed today.
public struct MonthlyReport: Sendable {
    /// Will the account reach its MSG before its term ends?
    public enum Outlook: String, Sendable {
        /// Reached MSG on or before the end of its term.
        case reached
        /// Not yet: approved savings / MSG at least the share of the term (hand-over … term end) gone.
        case onPace = "on-pace"
        /// Not yet, and behind that pace.
        case atRisk = "at-risk"
        /// The term ended without reaching MSG.
        case missed

        public var words: String {
            switch self {
            case .reached: return "reached"
            case .onPace: return "on pace"
            case .atRisk: return "at risk"
            case .missed: return "missed"
            }
        }
    }

    public struct Row: Sendable {
        public let account: Account
        public let declared: Decimal
        /// Uploaded ATS at the month's first day and at its end.
        public let uploadedAtStart: Decimal
        public let uploaded: Decimal
        public var coverage: Decimal? { ATSCoverage.share(uploaded, of: declared) }
        public var coverageAtStart: Decimal? { ATSCoverage.share(uploadedAtStart, of: declared) }
        /// Uploaded ATS at the end of each week of the month (Sundays) and at its end.
        public let trend: [Decimal]
        public let deficitSunset: Decimal
        public let deficitOffline: Decimal
        public var deficit: Decimal { deficitSunset + deficitOffline }
        public let savingsInMonth: Decimal
        public let savingsToDate: Decimal
        public var msgAttainment: Decimal? { Money.ratio(savingsToDate, account.msg) }
        /// savingsToDate / (pseShare × PSE).
        public let pseAttainment: Decimal?
        public let outlook: Outlook
        public let msgReachedOn: LocalDate?
    }

    public let pod: Pod
    /// The month's first day.
    public let month: LocalDate
    /// Its last day, or today for the current month.
    public let end: LocalDate
    public let currency: String
    public let rows: [Row]
    public let gdrShare: Decimal
    public let atsCoverageTarget: Decimal

    /// "2026-11" → its first day.
    public static func month(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return LocalDate(year: y, month: m, day: 1)
    }

    public var monthName: String { String(format: "%04d-%02d", month.year, month.month) }

    /// - Parameter month: any day of the month (default: today's month); a month after today's is an error of the caller.
    public init(pod: Pod, month: LocalDate? = nil, _ snap: Snapshot) {
        let clock = snap.clock
        let today = snap.today
        let first = (month ?? today).startOfMonth
        let last = first.adding(days: LocalDate.daysIn(month: first.month, year: first.year) - 1)
        let end = min(last, today)
        self.pod = pod
        self.month = first
        self.end = end
        currency = snap.settings.currency
        gdrShare = snap.settings.targets.gdrShare
        atsCoverageTarget = snap.settings.targets.atsCoverageShare
        let pseShare = snap.settings.targets.pseShare
        var rows: [Row] = []
        for a in snap.store.accounts where a.pod == pod.id && a.termEndsOn >= first && a.podHandoverOn <= end {
            let contracts = snap.store.contracts.filter { $0.account == a.id }
            var weeks: [LocalDate] = []
            var d = first.adding(days: (6 - first.weekdayIndex + 7) % 7)
            while d < end { weeks.append(d); d = d.adding(days: 7) }
            weeks.append(end)
            let trend = ATSTrend(contracts: contracts, today: end)
            var sunset = Decimal(0), offline = Decimal(0)
            for g in trend.gaps {
                switch g.reason {
                case .sunset: sunset += g.amount
                case .offline: offline += g.amount
                }
            }
            let s = snap.accountSavings[a.id] ?? AccountSavings(account: a.id, approvals: [])
            let upTo = s.approvals.filter { clock.date($0.at) <= end }
            let toDate = upTo.reduce(Decimal(0)) { $0 + $1.amount }
            let inMonth = upTo.filter { clock.date($0.at) >= first }.reduce(Decimal(0)) { $0 + $1.amount }
            let reached = AccountSavings(account: a.id, approvals: upTo).reaching(a.msg).map(clock.date)
            let outlook: Outlook
            if let r = reached, r <= a.termEndsOn {
                outlook = .reached
            } else if a.termEndsOn < end {
                outlook = .missed
            } else {
                let window = max(1, a.podHandoverOn.days(to: a.termEndsOn))
                let gone = Decimal(min(max(0, a.podHandoverOn.days(to: end)), window)) / Decimal(window)
                outlook = (Money.ratio(toDate, a.msg) ?? 1) >= gone ? .onPace : .atRisk
            }
            rows.append(Row(account: a, declared: a.declaredATS, uploadedAtStart: ATSCoverage.uploaded(contracts, on: first),
                            uploaded: ATSCoverage.uploaded(contracts, on: end),
                            trend: weeks.map { ATSCoverage.uploaded(contracts, on: $0) },
                            deficitSunset: sunset, deficitOffline: offline, savingsInMonth: inMonth, savingsToDate: toDate,
                            pseAttainment: Money.ratio(toDate, pseShare * a.pse), outlook: outlook, msgReachedOn: reached))
        }
        self.rows = rows.sorted { ($0.account.name, $0.account.id) < ($1.account.name, $1.account.id) }
        // The POD over the four quarters up to the month's end, week by week (ATSTrend's days).
        let ids = Set(rows.map(\.account.id))
        let podContracts = snap.store.contracts.filter { ids.contains($0.account) }
        let days = ATSTrend(contracts: [], today: end).points.map(\.day)
        let declaredAll = rows.reduce(Decimal(0)) { $0 + $1.declared }
        coverageOverTime = days.map { ($0, ATSCoverage.share(ATSCoverage.uploaded(podContracts, on: $0), of: declaredAll) ?? 0) }
        let approvals = ids.flatMap { snap.accountSavings[$0]?.approvals ?? [] }.map { (clock.date($0.at), $0.amount) }
        savingsOverTime = days.map { d in (d, approvals.filter { $0.0 <= d }.reduce(Decimal(0)) { $0 + $1.1 }) }
    }

    /// The POD's ATS coverage (uploaded / declared of its accounts) each week of the four quarters up to the end.
    public let coverageOverTime: [(day: LocalDate, value: Decimal)]
    /// The POD's approved savings to date, each week of the four quarters up to the end.
    public let savingsOverTime: [(day: LocalDate, value: Decimal)]
    public var msgTotal: Decimal { rows.reduce(0) { $0 + $1.account.msg } }

    // POD totals.
    public var declared: Decimal { rows.reduce(0) { $0 + $1.declared } }
    public var uploaded: Decimal { rows.reduce(0) { $0 + $1.uploaded } }
    public var coverage: Decimal? { ATSCoverage.share(uploaded, of: declared) }
    public var deficit: Decimal { rows.reduce(0) { $0 + $1.deficit } }
    public var savingsInMonth: Decimal { rows.reduce(0) { $0 + $1.savingsInMonth } }
    public var savingsToDate: Decimal { rows.reduce(0) { $0 + $1.savingsToDate } }
    /// Accounts at or above their MSG / of those with an MSG.
    public var msgAttained: (met: Int, counted: Int) {
        let c = rows.filter { $0.account.msg > 0 }
        return (c.filter { ($0.msgAttainment ?? 0) >= 1 }.count, c.count)
    }
    public var pseAttained: (met: Int, counted: Int) {
        let c = rows.filter { $0.pseAttainment != nil }
        return (c.filter { ($0.pseAttainment ?? 0) >= 1 }.count, c.count)
    }
    /// GDR outlook: of the accounts whose term ends within 12 months after the month's end (or ended in the month),
    /// those reached or on pace.
    public var gdrOutlook: (good: Int, counted: Int) {
        let horizon = end.adding(days: 365)
        let c = rows.filter { $0.account.termEndsOn >= month && $0.account.termEndsOn <= horizon }
        return (c.filter { $0.outlook == .reached || $0.outlook == .onPace }.count, c.count)
    }

    static func trendWord(_ r: Row) -> String {
        guard let a = r.coverageAtStart, let b = r.coverage else { return "n/a" }
        let d = Money.rounded((b - a) * 100, scale: 1)
        return d == 0 ? "flat" : (d > 0 ? "up \(d) pts" : "down \(-d) pts")
    }

    public func document() -> ReportDocument {
        let cur = currency
        func money(_ d: Decimal) -> String { Money.format(d, currency: cur) }
        func pct(_ d: Decimal?) -> String { d.map { Money.percent($0) } ?? "n/a" }
        var doc = ReportDocument(title: "Monthly report " + monthName + ": " + pod.name,
                                 subtitle: ["From " + month.description + " to " + end.description + " · amounts in " + cur])
        let (msgMet, msgCounted) = msgAttained, (pseMet, pseCounted) = pseAttained, (good, gdrCounted) = gdrOutlook
        doc.sections.append(.init("POD summary", [.bullets([
            "ATS: " + money(uploaded) + " uploaded of " + money(declared) + " declared (" + pct(coverage) + "); deficit from sunset and offline contracts " + money(deficit),
            "Savings: " + money(savingsInMonth) + " approved in the month, " + money(savingsToDate) + " to date",
            "MSG attained: \(msgMet) of \(msgCounted) accounts; PSE share attained: \(pseMet) of \(pseCounted) accounts",
            "GDR outlook: \(good) of \(gdrCounted) accounts whose term ends in the next 12 months have reached MSG or are on pace ("
                + pct(Money.ratio(Decimal(good), Decimal(gdrCounted))) + ", target " + Money.percent(gdrShare, digits: 0) + ")",
        ])]))
        doc.sections.append(.init("ATS by account", [.table(.init(
            columns: ["Account", "Declared", "Uploaded", "Coverage", "Trend", "Sunset deficit", "Offline deficit"],
            rightAligned: [1, 2, 3, 5, 6],
            rows: rows.map { [$0.account.name, money($0.declared), money($0.uploaded), pct($0.coverage), Self.trendWord($0),
                              money($0.deficitSunset), money($0.deficitOffline)] }, empty: "no account"))]))
        doc.sections.append(.init("Savings by account", [.table(.init(
            columns: ["Account", "In the month", "To date", "MSG", "MSG attained", "PSE attained", "Term ends", "GDR outlook"],
            rightAligned: [1, 2, 3, 4, 5],
            rows: rows.map { [$0.account.name, money($0.savingsInMonth), money($0.savingsToDate), money($0.account.msg), pct($0.msgAttainment),
                              pct($0.pseAttainment), $0.account.termEndsOn.description, $0.outlook.words] }, empty: "no account"))]))
        doc.sections.append(.init("Over the last four quarters", [
            .chart(.init(title: "ATS coverage of the POD", series: [.init(label: "uploaded / declared ATS", points: coverageOverTime)],
                         target: (label: "coverage target", value: atsCoverageTarget), isShare: true)),
            .chart(.init(title: "Savings to date against the MSGs", series: [.init(label: "approved savings", points: savingsOverTime)],
                         target: (label: "sum of the MSGs", value: msgTotal))),
        ]))
        return doc
    }

    /// The days of the trend points (each Sunday of the month, then its end).
    public var weekDays: [LocalDate] {
        var out: [LocalDate] = []
        var d = month.adding(days: (6 - month.weekdayIndex + 7) % 7)
        while d < end { out.append(d); d = d.adding(days: 7) }
        out.append(end)
        return out
    }
}
