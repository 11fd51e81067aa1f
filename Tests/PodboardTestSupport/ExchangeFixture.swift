import Foundation
import PodboardCore

// A small store for the customer update, catch-up, monthly report and iCalendar tests, built in code, with figures
// computed by hand. Asia/Kolkata; today Monday 2026-11-23. Every internal field holds a unique marker ("MARK-…")
// that must never reach the customer update. One source for the domain tests (PodboardCoreTests) and the command
// line's (PodboardCLITests, which write it to a store file): the PodboardTestSupport target.
//
// Account acme (POD north): hand-over 2026-09-01 (MSG deadline 2027-02-28), MSG 10,000, PSE 50,000 (60 % = 30,000),
// declared ATS 100,000, term ends 2027-08-31, health favorable (neutral until a set-health on 2026-11-19).
// Contracts: C-1 Slack 40,000 (added 09-01, ends 2027-01-31, 30 days' notice, auto-renews: cancel-by 2027-01-01),
// C-2 Zoom 20,000 offline (ends 2027-06-30), C-3 Jira 10,000 (added 2026-11-20, ends 2026-12-31, no notice).
// Requests: R-1 approved 2026-11-20 (10,000 → 7,000: 3,000, cost avoidance 500), R-2 approved 2026-10-01
// (5,000 → 4,000: 1,000), R-3 qualifying since 11-18 (created 11-17), R-4 on hold ("waiting for your seat count",
// created 10-15), R-5 negotiating (created 11-21, escalated), R-6 cancelled 10-20.
public enum XF {
    public static let today = LocalDate("2026-11-23")!
    public static func ts(_ s: String) -> Timestamp {
        let p = s.split(separator: " ")
        return Timestamp("\(p[0])T\(p[1]):00+05:30")!
    }
    public static let markers = ["MARK-HNOTE", "MARK-UPDATE", "MARK-ESC", "MARK-ACK", "MARK-NOQ", "MARK-SENT", "MARK-PEOPLE",
                          "MARK-EMAIL", "MARK-LOGIN", "MARK-ACTIVITY", "777,777", "777777", "MARK-RESOLUTION", "MARK-QUOTE", "MARK-EXTRA"]

    public static func store() -> Store {
        var s = Store()
        var settings = Settings()
        settings.timeZone = "Asia/Kolkata"
        s.settings = settings
        s.pods = [Pod(id: "north", name: "North", quarterlyTargets: QuarterlyTargets([(Quarter("2026-Q4")!, 777777)]))]
        let internalExtras = JSONObject([("email", .string("MARK-EMAIL@corp.example"))])
        s.people = [
            Person(id: "em", name: "Erin MARK-PEOPLE", roles: [.em], pods: ["north"], logins: ["MARK-LOGIN"], extras: internalExtras),
            Person(id: "analyst", name: "Ana MARK-PEOPLE", roles: [.analyst], pods: ["north"], extras: internalExtras),
            Person(id: "buyer", name: "Ben MARK-PEOPLE", roles: [.buyer], pods: ["north"],
                   quarterlyTargets: QuarterlyTargets([(Quarter("2026-Q4")!, 777777)]), extras: internalExtras),
            Person(id: "csm", name: "Cleo MARK-PEOPLE", roles: [.csm], pods: ["north"], extras: internalExtras),
        ]
        s.accounts = [Account(id: "acme", name: "Acme Corp", pod: "north", csm: "csm", contractSignedOn: LocalDate("2026-08-15")!,
                              podHandoverOn: LocalDate("2026-09-01")!, initiatedOn: LocalDate("2026-09-05")!,
                              termEndsOn: LocalDate("2027-08-31")!, msg: 10000, pse: 50000, declaredATS: 100000,
                              health: .favorable, sentiment: "MARK-SENT happy",
                              contacts: [Contact(name: "Dana Buyer", role: "CFO", email: "dana@acme.example", escalationLevel: 2),
                                         Contact(name: "Pat Lead", role: "IT procurement lead", email: "pat@acme.example", escalationLevel: 1)])]
        func c(_ id: String, _ tool: String, _ value: Decimal, added: String, ends: String, notice: Int, auto: Bool, offline: Bool = false) -> Contract {
            Contract(id: id, account: "acme", tool: tool, vendor: tool + " Inc", billing: .annual, annualValue: value,
                     startsOn: LocalDate("2026-01-01")!, endsOn: LocalDate(ends)!, autoRenew: auto, noticeDays: notice,
                     addedOn: LocalDate(added)!, offline: offline)
        }
        s.contracts = [c("C-1", "Slack", 40000, added: "2026-09-01", ends: "2027-01-31", notice: 30, auto: true),
                       c("C-2", "Zoom", 20000, added: "2026-09-01", ends: "2027-06-30", notice: 30, auto: false, offline: true),
                       c("C-3", "Jira", 10000, added: "2026-11-20", ends: "2026-12-31", notice: 0, auto: false)]
        func r(_ id: String, created: String, _ path: [(String, RequestStatus, String?)], baseline: Decimal? = nil, final: Decimal? = nil) -> Request {
            var h: [HistoryEntry] = []
            var from = RequestStatus.new
            for (at, to, reason) in path {
                h.append(HistoryEntry(at: ts(at), by: "analyst", from: from, to: to, note: "MARK-HNOTE internal", reason: reason))
                from = to
            }
            return Request(id: id, account: "acme", kind: .new, tool: "Tool" + id, vendor: "Vendor" + id, status: from,
                           createdAt: ts(created), analyst: "analyst", assignedAt: ts(created), buyer: "buyer",
                           baseline: baseline.map { Baseline(amount: $0, basis: .firstQuote) }, final: final,
                           noQuotesReason: "MARK-NOQ",
                           quotes: [Quote(from: "MARK-QUOTE reseller", source: .reseller, amount: 1234, receivedAt: ts(created))],
                           updates: [Update(at: ts(created), by: "buyer", text: "MARK-UPDATE call")],
                           history: h, extras: JSONObject([("internalNote", .string("MARK-EXTRA"))]))
        }
        var r1 = r("R-1", created: "2026-11-05 10:00", [("2026-11-10 10:00", .qualified, nil), ("2026-11-12 10:00", .negotiating, nil),
                                                       ("2026-11-18 10:00", .pendingApproval, nil), ("2026-11-20 15:00", .approved, nil)],
                   baseline: 10000, final: 7000)
        r1.costAvoidance = 500
        let r2 = r("R-2", created: "2026-09-10 10:00", [("2026-09-11 10:00", .qualified, nil), ("2026-09-12 10:00", .negotiating, nil),
                                                       ("2026-09-20 10:00", .pendingApproval, nil), ("2026-10-01 10:00", .approved, nil)],
                   baseline: 5000, final: 4000)
        let r3 = r("R-3", created: "2026-11-17 10:00", [("2026-11-18 10:00", .qualifying, nil)])
        let r4 = r("R-4", created: "2026-10-15 10:00", [("2026-10-16 10:00", .qualified, nil), ("2026-10-17 10:00", .negotiating, nil),
                                                       ("2026-11-02 10:00", .onHold, "waiting for your seat count")])
        var r5 = r("R-5", created: "2026-11-21 10:00", [("2026-11-21 11:00", .qualified, nil), ("2026-11-21 12:00", .negotiating, nil)])
        var esc = Escalation(at: ts("2026-11-22 10:00"), by: "analyst", reason: .parallelNegotiation, note: "MARK-ESC parallel")
        esc.acknowledgedAt = ts("2026-11-22 11:00"); esc.acknowledgedBy = "em"; esc.acknowledgedNote = "MARK-ACK on it"
        var resolved = Escalation(at: ts("2026-11-21 13:00"), by: "analyst", reason: .other, note: "MARK-ESC other")
        resolved.resolvedAt = ts("2026-11-21 14:00"); resolved.resolvedBy = "em"; resolved.resolution = "MARK-RESOLUTION done"
        r5.escalations = [resolved, esc]
        let r6 = r("R-6", created: "2026-10-01 10:00", [("2026-10-20 10:00", .cancelled, nil)])
        s.requests = [r1, r2, r3, r4, r5, r6]
        s.reviews = [Review(on: LocalDate("2026-11-20")!, by: "analyst")]
        var before = StoreEncoder.account(s.accounts[0])
        if case .object(var o) = before { o["health"] = .string("neutral"); o["sentiment"] = .string("grumpy MARK-ACTIVITY"); before = .object(o) }
        s.activity = [Activity(at: ts("2026-11-19 10:00"), by: "csm", action: "set-health", target: "acme",
                               before: before, after: StoreEncoder.account(s.accounts[0]))]
        return s
    }

    public static func snapshot() -> Snapshot { Snapshot(store: store(), today: today) }
}
