import Foundation
@testable import PodboardCore

// A compact builder for KPI test stores: settings in Asia/Kolkata (weekend Saturday/Sunday, holiday
// 2026-12-25, benchmarks Slack 0.18 and Zoom 0.22, default targets), one POD "north" with a 2026-Q4 target of
// 400,000, and people, accounts, contracts and requests added in code.
//
// Times are written "YYYY-MM-DD hh:mm" and mean that clock time in Asia/Kolkata (+05:30); a full RFC 3339 text
// ("2026-11-22T20:00:00Z") is taken as it is.

/// A timestamp: "2026-11-02 15:00" in Asia/Kolkata, or a full RFC 3339 text.
func kpiTS(_ s: String) -> Timestamp {
    if s.contains("T") { return Timestamp(s)! }
    let p = s.split(separator: " ")
    return Timestamp("\(p[0])T\(p[1]):00+05:30")!
}

/// A date, "YYYY-MM-DD".
func kpiDay(_ s: String) -> LocalDate { LocalDate(s)! }

/// A decimal from its text, exactly (no binary floating point on the way).
func kpiDec(_ s: String) -> Decimal { Decimal(string: s)! }

struct KPIFixture {
    var store = Store()

    init() {
        var s = Settings()
        s.timeZone = "Asia/Kolkata"
        s.holidays = [kpiDay("2026-12-25")]
        s.benchmarks = [("Slack", kpiDec("0.18")), ("Zoom", kpiDec("0.22"))]
        store.settings = s
        store.pods = [Pod(id: "north", name: "North", quarterlyTargets: QuarterlyTargets([(Quarter("2026-Q4")!, 400000)]))]
    }

    mutating func pod(_ id: String, target: Decimal? = nil) {
        store.pods.append(Pod(id: id, name: id.capitalized,
                              quarterlyTargets: QuarterlyTargets(target.map { [(Quarter("2026-Q4")!, $0)] } ?? [])))
    }

    mutating func person(_ id: String, _ roles: [Role], pods: [String] = ["north"], target: Decimal? = nil) {
        store.people.append(Person(id: id, name: id.capitalized, roles: roles, pods: pods,
                                   quarterlyTargets: QuarterlyTargets(target.map { [(Quarter("2026-Q4")!, $0)] } ?? [])))
    }

    mutating func account(_ id: String, pod: String = "north", handover: String = "2026-03-01",
                          initiated: String? = "2026-03-03", termEnds: String = "2027-02-09", msg: Decimal = 120000,
                          pse: Decimal = 400000, ats: Decimal = 1000000, health: Health = .favorable,
                          completed: String? = nil) {
        store.accounts.append(Account(
            id: id, name: id.capitalized, pod: pod, csm: "lee", contractSignedOn: kpiDay("2026-02-10"),
            podHandoverOn: kpiDay(handover), initiatedOn: initiated.map(kpiDay), termEndsOn: kpiDay(termEnds), msg: msg, pse: pse,
            declaredATS: ats, health: health, onboarding: Onboarding(completedOn: completed.map(kpiDay))))
    }

    mutating func contract(_ id: String, account: String = "acme", tool: String = "Slack", billing: Billing = .monthly,
                           value: Decimal = 12000, starts: String = "2026-01-01", ends: String = "2026-12-31",
                           added: String = "2026-03-05", offline: Bool = false, sunset: String? = nil,
                           converted: String? = nil) {
        store.contracts.append(Contract(
            id: id, account: account, tool: tool, vendor: "Vendor", billing: billing, annualValue: value,
            startsOn: kpiDay(starts), endsOn: kpiDay(ends), autoRenew: true, noticeDays: 30, addedOn: kpiDay(added),
            offline: offline, sunsetOn: sunset.map(kpiDay), convertedToAnnualOn: converted.map(kpiDay)))
    }

    /// A request. `history` is a list of (time, status entered): each entry's `from` is the status before it,
    /// starting at `new`. `updates` are (time, by); `escalations` are (time, by, reason).
    mutating func request(_ id: String, account: String = "acme", kind: RequestKind = .new, tool: String = "Slack",
                          created: String = "2026-01-05 09:00", analyst: String? = nil, assigned: String? = nil,
                          buyer: String? = nil, baseline: Decimal? = nil, final: Decimal? = nil,
                          history: [(String, RequestStatus)] = [], updates: [(String, String)] = [],
                          escalations: [(String, String, EscalationReason)] = []) {
        var entries: [HistoryEntry] = []
        var from = RequestStatus.new
        for (t, to) in history {
            entries.append(HistoryEntry(at: kpiTS(t), by: "ana", from: from, to: to))
            from = to
        }
        store.requests.append(Request(
            id: id, account: account, kind: kind, tool: tool, vendor: "Vendor", status: entries.last?.to ?? .new,
            createdAt: kpiTS(created), analyst: analyst, assignedAt: assigned.map(kpiTS), buyer: buyer,
            baseline: baseline.map { Baseline(amount: $0, basis: .priorContract) }, final: final,
            updates: updates.map { Update(at: kpiTS($0.0), by: $0.1, text: "update") },
            escalations: escalations.map { Escalation(at: kpiTS($0.0), by: $0.1, reason: $0.2, note: "") },
            history: entries))
    }

    /// A request approved at `at` with savings `savings` (baseline 1,000,000 − final).
    mutating func approved(_ id: String, account: String = "acme", at: String, savings: Decimal, buyer: String? = nil,
                           tool: String = "Slack") {
        request(id, account: account, tool: tool, buyer: buyer, baseline: 1000000, final: 1000000 - savings,
                history: [(at, .approved)])
    }

    mutating func review(_ on: String, by: String = "ana", kind: String = "aging") {
        store.reviews.append(Review(on: kpiDay(on), by: by, kind: kind))
    }

    mutating func publication(_ at: String, by: String = "ana", quarter: String = "2027-Q1") {
        store.publications.append(Publication(quarter: Quarter(quarter)!, at: kpiTS(at), by: by))
    }

    func report(_ today: String) -> KPIReport {
        KPIEngine.compute(Snapshot(store: store, today: kpiDay(today)))
    }
}

extension KPIReport {
    /// The result of one KPI for one scope; fails the test (with a crash-free placeholder) when absent.
    func r(_ id: String, _ scope: String) -> KPIResult {
        result(id, scope: scope) ?? KPIResult(id: "missing \(id)/\(scope)", scope: scope, title: "", value: nil,
                                               target: nil, status: .none)
    }
}

extension KPIResult {
    /// The outcome of the items about one subject, in order.
    func outcomes(_ subject: String) -> [KPIOutcome] { items.filter { $0.subject == subject }.map(\.outcome) }
    /// The single outcome of one subject (nil when it has none or several).
    func outcome(_ subject: String) -> KPIOutcome? {
        let o = outcomes(subject)
        return o.count == 1 ? o[0] : nil
    }
    func why(_ subject: String) -> String { items.filter { $0.subject == subject }.map(\.why).joined(separator: " | ") }
}
