import Foundation

/// The POD's weekly catch-up (issue 13): per account, the requests new this week, in breach of a TAT, stale and
/// escalated; health and sentiment changes since last week (from the activity log's set-health entries); ATS
/// coverage and its change over the week; and the people matrix (the account's contacts, its CSM). Internal: for
/// the POD, not for customers. Pure, for a fixed today.
public struct CatchUp: Sendable {
    public struct AccountPart: Sendable {
        public let account: Account
        public let csmName: String
        /// Requests created in the last 7 days (today included).
        public let new: [Request]
        public let breached: [Request]
        public let stale: [Request]
        public let escalated: [Request]
        /// Health and sentiment a week ago (before the first change of the week) and now.
        public let healthBefore: Health
        public let sentimentBefore: String?
        public var healthChanged: Bool { healthBefore != account.health || sentimentBefore != account.sentiment }
        public let coverage: Decimal?
        public let coverageWeekAgo: Decimal?
        public let uploaded: Decimal
        /// The change of coverage over the week (points of share), nil without a declared ATS.
        public var coverageChange: Decimal? {
            guard let c = coverage, let w = coverageWeekAgo else { return nil }
            return c - w
        }
    }

    public let pod: Pod
    public let today: LocalDate
    /// The first day of the week looked at (today − 6).
    public let weekFrom: LocalDate
    public let currency: String
    public let accounts: [AccountPart]

    public init(pod: Pod, _ snap: Snapshot) {
        let clock = snap.clock
        let today = snap.today
        self.pod = pod
        self.today = today
        weekFrom = today.adding(days: -6)
        currency = snap.settings.currency
        let weekAgo = today.adding(days: -7)
        var parts: [AccountPart] = []
        let list = snap.store.accounts.filter { $0.pod == pod.id && $0.termEndsOn >= weekAgo }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        // The set-health entries of the week, per account, oldest first.
        var changes: [String: [Activity]] = [:]
        for e in snap.store.activity where e.action == ActionKind.setHealth.rawValue && clock.hasHappened(e.at) && clock.date(e.at) > weekAgo {
            changes[e.target, default: []].append(e)
        }
        for a in list {
            let reqs = snap.requests.filter { $0.account == a.id }
            var new: [Request] = [], breached: [Request] = [], stale: [Request] = [], escalated: [Request] = []
            for r in reqs {
                if clock.date(r.createdAt) > weekAgo { new.append(r) }
                guard let row = Aging.row(r, snap) else { continue }
                if row.severity == .breached { breached.append(r) }
                if row.stale { stale.append(r) }
                if row.escalated { escalated.append(r) }
            }
            var hb = a.health, sb = a.sentiment
            if let first = changes[a.id]?.sorted(by: { $0.at < $1.at }).first, case .object(let before) = first.before {
                if case .string(let h)? = before["health"], let health = Health(rawValue: h) { hb = health }
                if case .string(let s)? = before["sentiment"] { sb = s } else { sb = nil }
            }
            let contracts = snap.store.contracts.filter { $0.account == a.id }
            let up = ATSCoverage.uploaded(contracts, on: today)
            parts.append(AccountPart(
                account: a, csmName: snap.peopleById[a.csm]?.name ?? a.csm, new: new, breached: breached, stale: stale, escalated: escalated,
                healthBefore: hb, sentimentBefore: sb, coverage: ATSCoverage.share(up, of: a.declaredATS),
                coverageWeekAgo: ATSCoverage.share(ATSCoverage.uploaded(contracts, on: weekAgo), of: a.declaredATS), uploaded: up))
        }
        accounts = parts
    }

    static func ids(_ rs: [Request]) -> String { rs.isEmpty ? "—" : rs.map { $0.id + " " + $0.tool }.joined(separator: ", ") }

    static func points(_ d: Decimal) -> String {
        let r = Money.rounded(d * 100, scale: 1)
        return (r > 0 ? "+" : "") + "\(r) pts"
    }

    public func document() -> ReportDocument {
        var doc = ReportDocument(title: "POD weekly catch-up: " + pod.name,
                                 subtitle: ["Week " + weekFrom.description + " to " + today.description + " · \(accounts.count) accounts"])
        var summary: [[String]] = []
        for p in accounts {
            summary.append([p.account.name, String(p.new.count), String(p.breached.count), String(p.stale.count), String(p.escalated.count),
                            p.account.health.rawValue + (p.healthChanged ? " (was " + p.healthBefore.rawValue + ")" : ""),
                            p.coverage.map { Money.percent($0) } ?? "n/a", p.coverageChange.map(Self.points) ?? "n/a"])
        }
        doc.sections.append(.init("Requests audit", [
            .table(.init(columns: ["Account", "New", "Breached", "Stale", "Escalated", "Health", "ATS coverage", "Week"],
                         rightAligned: [1, 2, 3, 4, 6, 7], rows: summary, empty: "no account in this POD")),
        ]))
        for p in accounts {
            var bullets: [String] = []
            bullets.append("New this week: " + Self.ids(p.new))
            bullets.append("Breached: " + Self.ids(p.breached))
            bullets.append("Stale: " + Self.ids(p.stale))
            bullets.append("Escalated: " + Self.ids(p.escalated))
            let sentiment = p.account.sentiment ?? "none"
            if p.healthChanged {
                bullets.append("Health and sentiment: " + p.healthBefore.rawValue + " · " + (p.sentimentBefore ?? "none") + " → "
                               + p.account.health.rawValue + " · " + sentiment)
            } else {
                bullets.append("Health and sentiment: " + p.account.health.rawValue + " · " + sentiment + " (no change this week)")
            }
            bullets.append("ATS coverage: " + (p.coverage.map { Money.percent($0) } ?? "n/a") + " of " + Money.format(p.account.declaredATS, currency: currency)
                           + " declared (" + (p.coverageChange.map(Self.points) ?? "n/a") + " this week)")
            var blocks: [ReportDocument.Block] = [.bullets(bullets)]
            var rows = [[p.csmName, "CSM (ours)", "", ""]]
            rows += p.account.contacts.sorted { ($0.escalationLevel ?? Int.max, $0.name) < ($1.escalationLevel ?? Int.max, $1.name) }.map {
                [$0.name, $0.role ?? "", $0.email ?? "", $0.escalationLevel.map(String.init) ?? ""]
            }
            blocks.append(.table(.init(columns: ["People matrix", "Role", "Email", "Escalation level"], rightAligned: [3], rows: rows)))
            doc.sections.append(.init(p.account.name + " (" + p.account.id + ")", blocks))
        }
        return doc
    }
}
