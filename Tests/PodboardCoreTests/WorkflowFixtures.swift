import Foundation
import Testing
@testable import PodboardCore

// A small store for the workflow tests, built in code. Settings in Asia/Kolkata (weekend Saturday/Sunday,
// holiday 2026-12-25, default TATs: negotiationDaysNew 15). Actions are stamped WF.now, Monday
// 2026-11-23 10:00 in Kolkata.
//
// People (all of POD north unless said):
//   em (EM)  analyst (SaaS Analyst)  buyer, buyer2 (Buyers)  emBuyer (EM and Buyer)  csm (CSM)
//   analystSouth, emSouth, buyerSouth (of POD south)  admin (admin, no POD)
// Accounts: acme (north), globex (south). Contracts of acme: C-1 (Slack, has an open renewal request, REQ-14),
// C-2 (Zoom, none).
//
// Requests (account acme unless said; "path" = the history, each entry from the previous status, starting at new):
//   REQ-1  fresh            new, unassigned, no baseline, no contract
//   REQ-2  assignedNew      new, assigned to analyst today 09:00, baseline 50000 first-quote
//   REQ-3  qualifying       qualifying since 11-17, baseline
//   REQ-4  qualified        qualified since 11-17, baseline, no Buyer
//   REQ-5  negotiating      Buyer buyer, handed over 11-20, baseline 50000, one vendor quote, no final
//   REQ-6  oneSource        negotiating, final 42000, two quotes, both from the vendor
//   REQ-7  twoSources       negotiating, final 42000, a vendor quote and a reseller quote
//   REQ-8  pending          pending-approval, Buyer buyer
//   REQ-9  pendingOwnEM     pending-approval, Buyer emBuyer (an EM of north)
//   REQ-10 approved         approved
//   REQ-11 heldNegotiating  negotiating → on-hold, Buyer buyer
//   REQ-12 breach           kind new, handed over 2026-09-01 (due 09-16): in breach of the negotiation TAT
//   REQ-13 southNew         account globex (south), new
//   REQ-14 renewal          renewal of C-1, new, no baseline (the contract stands in for it)
//   REQ-15 heldQualifying   qualifying → on-hold
//   REQ-16 closed           closed
//   REQ-17 qualBreach       new, assigned 11-18 10:00, never acted on: in breach of the qualification TAT

/// "2026-11-23 10:00" in Asia/Kolkata, or a full RFC 3339 text.
func wfTS(_ s: String) -> Timestamp {
    if s.contains("T") { return Timestamp(s)! }
    let p = s.split(separator: " ")
    return Timestamp("\(p[0])T\(p[1]):00+05:30")!
}

/// A decimal from its text, exactly.
func wfDec(_ s: String) -> Decimal { Decimal(string: s)! }

enum WF {
    static let now = wfTS("2026-11-23 10:00")
    static let later = wfTS("2026-11-23 10:05")
    static let latest = wfTS("2026-11-23 10:10")
    static let today = LocalDate("2026-11-23")!

    static let fresh = "REQ-1"
    static let assignedNew = "REQ-2"
    static let qualifying = "REQ-3"
    static let qualified = "REQ-4"
    static let negotiating = "REQ-5"
    static let oneSource = "REQ-6"
    static let twoSources = "REQ-7"
    static let pending = "REQ-8"
    static let pendingOwnEM = "REQ-9"
    static let approved = "REQ-10"
    static let heldNegotiating = "REQ-11"
    static let breach = "REQ-12"
    static let southNew = "REQ-13"
    static let renewal = "REQ-14"
    static let heldQualifying = "REQ-15"
    static let closed = "REQ-16"
    static let qualBreach = "REQ-17"

    /// The store described above. Its activity log holds one old entry (about REQ-16).
    static func store() -> Store {
        var s = Store()
        var settings = Settings()
        settings.timeZone = "Asia/Kolkata"
        settings.holidays = [LocalDate("2026-12-25")!]
        s.settings = settings
        s.pods = [Pod(id: "north", name: "North"), Pod(id: "south", name: "South")]
        s.people = [
            Person(id: "em", name: "Erin North", roles: [.em], pods: ["north"]),
            Person(id: "analyst", name: "Ana North", roles: [.analyst], pods: ["north"]),
            Person(id: "buyer", name: "Ben North", roles: [.buyer], pods: ["north"]),
            Person(id: "buyer2", name: "Bea North", roles: [.buyer], pods: ["north"]),
            Person(id: "analystSouth", name: "Sam South", roles: [.analyst], pods: ["south"]),
            Person(id: "emSouth", name: "Sue South", roles: [.em], pods: ["south"]),
            Person(id: "buyerSouth", name: "Bob South", roles: [.buyer], pods: ["south"]),
            Person(id: "emBuyer", name: "Max Both", roles: [.em, .buyer], pods: ["north"]),
            Person(id: "csm", name: "Cleo North", roles: [.csm], pods: ["north"]),
            Person(id: "admin", name: "Ada Admin", roles: [.admin], pods: []),
        ]
        s.accounts = [account("acme", pod: "north"), account("globex", pod: "south")]
        s.contracts = [
            contract("C-1", tool: "Slack", vendor: "Salesforce", value: 48000),
            contract("C-2", tool: "Zoom", vendor: "Zoom Video", value: 24000),
        ]
        let twoQuotes: [(String, QuoteSource, String)] = [("Salesforce", .vendor, "48000"), ("SoftwareOne", .reseller, "46000")]
        let toNegotiating: [(String, RequestStatus)] = [("2026-11-19 10:00", .qualified), ("2026-11-20 10:00", .negotiating)]
        s.requests = [
            request(fresh, analyst: nil, assigned: nil, baseline: nil),
            request(assignedNew, assigned: "2026-11-23 09:00"),
            request(qualifying, path: [("2026-11-17 10:00", .qualifying)]),
            request(qualified, path: [("2026-11-17 10:00", .qualified)]),
            request(negotiating, buyer: "buyer", quotes: [("Salesforce", .vendor, "48000")], path: toNegotiating),
            request(oneSource, buyer: "buyer", final: "42000",
                    quotes: [("Salesforce", .vendor, "48000"), ("Salesforce", .vendor, "45000")], path: toNegotiating),
            request(twoSources, buyer: "buyer", final: "42000", quotes: twoQuotes, path: toNegotiating),
            request(pending, buyer: "buyer", final: "42000", quotes: twoQuotes,
                    path: toNegotiating + [("2026-11-20 12:00", .pendingApproval)]),
            request(pendingOwnEM, buyer: "emBuyer", final: "42000", quotes: twoQuotes,
                    path: toNegotiating + [("2026-11-20 12:00", .pendingApproval)]),
            request(approved, buyer: "buyer", final: "42000", quotes: twoQuotes,
                    path: toNegotiating + [("2026-11-20 12:00", .pendingApproval), ("2026-11-20 15:00", .approved)]),
            request(heldNegotiating, buyer: "buyer",
                    path: [("2026-11-17 10:00", .qualified), ("2026-11-18 10:00", .negotiating), ("2026-11-19 10:00", .onHold)]),
            request(breach, created: "2026-08-28 09:00", assigned: "2026-08-28 10:00", buyer: "buyer",
                    path: [("2026-08-30 10:00", .qualified), ("2026-09-01 10:00", .negotiating)]),
            request(southNew, account: "globex", analyst: nil, assigned: nil),
            request(renewal, kind: .renewal, contract: "C-1", assigned: "2026-11-23 09:00", baseline: nil),
            request(heldQualifying, path: [("2026-11-17 10:00", .qualifying), ("2026-11-18 10:00", .onHold)]),
            request(closed, buyer: "buyer", final: "42000", quotes: twoQuotes,
                    path: [("2026-11-10 10:00", .qualified), ("2026-11-11 10:00", .negotiating),
                           ("2026-11-12 10:00", .pendingApproval), ("2026-11-13 10:00", .approved), ("2026-11-14 10:00", .closed)]),
            request(qualBreach, assigned: "2026-11-18 10:00"),
        ]
        s.reviews = [Review(on: LocalDate("2026-11-20")!, by: "analyst")]
        s.publications = [Publication(quarter: Quarter("2026-Q4")!, at: wfTS("2026-08-20 10:00"), by: "analyst")]
        s.activity = [Activity(at: wfTS("2026-11-14 10:00"), by: "analyst", action: "close", target: closed,
                               before: .object(JSONObject([("status", .string("approved"))])),
                               after: .object(JSONObject([("status", .string("closed"))])))]
        return s
    }

    static func account(_ id: String, pod: String) -> Account {
        Account(id: id, name: id.capitalized, pod: pod, csm: "csm", contractSignedOn: LocalDate("2026-02-10")!,
                podHandoverOn: LocalDate("2026-03-01")!, initiatedOn: LocalDate("2026-03-03")!,
                termEndsOn: LocalDate("2027-02-09")!, msg: 120000, pse: 400000, declaredATS: 1000000,
                health: .favorable, sentiment: "calm")
    }

    static func contract(_ id: String, tool: String, vendor: String, value: Decimal) -> Contract {
        Contract(id: id, account: "acme", tool: tool, vendor: vendor, billing: .annual, annualValue: value,
                 startsOn: LocalDate("2026-01-01")!, endsOn: LocalDate("2026-12-31")!, autoRenew: true, noticeDays: 30,
                 addedOn: LocalDate("2026-03-05")!, offline: false)
    }

    static func request(_ id: String, account: String = "acme", kind: RequestKind = .new, contract: String? = nil,
                        created: String = "2026-11-16 09:00", analyst: String? = "analyst",
                        assigned: String? = "2026-11-16 10:00", buyer: String? = nil, baseline: String? = "50000",
                        final: String? = nil, quotes: [(String, QuoteSource, String)] = [],
                        path: [(String, RequestStatus)] = []) -> Request {
        var history: [HistoryEntry] = []
        var from = RequestStatus.new
        for (t, to) in path {
            history.append(HistoryEntry(at: wfTS(t), by: from == .negotiating ? (buyer ?? "analyst") : "analyst",
                                        from: from, to: to))
            from = to
        }
        return Request(
            id: id, account: account, kind: kind, contract: contract, tool: "Slack",
            vendor: "Salesforce", status: history.last?.to ?? .new, createdAt: wfTS(created), analyst: analyst,
            assignedAt: assigned.map(wfTS), buyer: buyer, baseline: baseline.map { Baseline(amount: wfDec($0), basis: .firstQuote) },
            final: final.map(wfDec),
            quotes: quotes.map { Quote(from: $0.0, source: $0.1, amount: wfDec($0.2), receivedAt: wfTS("2026-11-20 11:00")) },
            history: history)
    }

    /// Action values, only those given.
    static func p(person: String? = nil, note: String? = nil, reason: String? = nil, amount: String? = nil,
                  basis: BaselineBasis? = nil, from: String? = nil, source: QuoteSource? = nil,
                  escalation: EscalationReason? = nil, health: Health? = nil, sentiment: String? = nil,
                  kind: RequestKind? = nil, tool: String? = nil, vendor: String? = nil, contract: String? = nil,
                  termMonths: Int? = nil, which: String? = nil) -> ActionParams {
        var v = ActionParams()
        v.person = person; v.note = note; v.reason = reason; v.amount = amount.map(wfDec); v.basis = basis
        v.from = from; v.source = source; v.escalationReason = escalation; v.health = health; v.sentiment = sentiment
        v.kind = kind; v.tool = tool; v.vendor = vendor; v.contract = contract; v.termMonths = termMonths
        v.which = which
        return v
    }

    /// `store()` with one escalation on REQ-5 (negotiating), raised by its Buyer on 2026-11-20 12:00.
    static func escalated() -> Store {
        var s = store()
        let i = s.requests.firstIndex { $0.id == negotiating }!
        s.requests[i].escalations = [Escalation(at: wfTS("2026-11-20 12:00"), by: "buyer", reason: .parallelNegotiation,
                                                note: "IT talks to the vendor")]
        return s
    }

    /// Carries out one action.
    static func run(_ kind: ActionKind, _ target: String, by: String, _ params: ActionParams = ActionParams(),
                    at: Timestamp = WF.now, in store: Store) throws(ActionRefusal) -> ActionOutcome {
        try Workflow.perform(ActionRequest(kind, target: target, params: params), by: by, at: at, in: store)
    }

    /// The refusal an action meets, or nil when it runs.
    static func refusal(_ kind: ActionKind, _ target: String, by: String, _ params: ActionParams = ActionParams(),
                        at: Timestamp = WF.now, in store: Store) -> ActionRefusal? {
        do {
            _ = try run(kind, target, by: by, params, at: at, in: store)
            return nil
        } catch {
            return error
        }
    }

    /// A sample of each action that the rules allow on `store()`: the store it runs on, the action, who does it
    /// and the target its activity entry names.
    static func allowedSample(_ kind: ActionKind) -> (store: Store, action: ActionRequest, by: String, logged: String) {
        let s = store()
        func a(_ target: String, _ params: ActionParams = ActionParams()) -> ActionRequest { ActionRequest(kind, target: target, params: params) }
        switch kind {
        case .raise: return (s, a("acme", p(kind: .new, tool: "Figma", vendor: "Figma Inc")), "analyst", "REQ-18")
        case .assign: return (s, a(fresh, p(person: "analyst")), "em", fresh)
        case .take: return (s, a(fresh), "analyst", fresh)
        case .sendPreApproval: return (s, a(fresh, p(note: "sent to the customer")), "analyst", fresh)
        case .qualify: return (s, a(assignedNew), "analyst", assignedNew)
        case .disqualify: return (s, a(qualifying, p(reason: "duplicate")), "analyst", qualifying)
        case .handOver: return (s, a(qualified, p(person: "buyer")), "analyst", qualified)
        case .reassign: return (s, a(negotiating, p(person: "buyer2")), "em", negotiating)
        case .putOnHold: return (s, a(negotiating, p(reason: "waiting on the vendor")), "buyer", negotiating)
        case .resume: return (s, a(heldNegotiating), "buyer", heldNegotiating)
        case .addQuote: return (s, a(negotiating, p(amount: "47000.50", from: "SoftwareOne", source: .reseller)), "buyer", negotiating)
        case .logUpdate: return (s, a(negotiating, p(note: "counter sent at 44k")), "buyer", negotiating)
        case .setBaseline: return (s, a(fresh, p(amount: "52000", basis: .listPrice)), "analyst", fresh)
        case .setFinal: return (s, a(negotiating, p(amount: "41999.99")), "buyer", negotiating)
        case .setCostAvoidance: return (s, a(negotiating, p(amount: "6000")), "buyer", negotiating)
        case .submitSavings: return (s, a(twoSources), "buyer", twoSources)
        case .approve: return (s, a(pending), "em", pending)
        case .reject: return (s, a(pending, p(note: "get a reseller quote")), "em", pending)
        case .escalate: return (s, a(negotiating, p(note: "IT talks to the vendor", escalation: .parallelNegotiation)), "csm", negotiating)
        case .flagBreach: return (s, a(breach), "analyst", breach)
        case .acknowledgeEscalation: return (escalated(), a(negotiating, p(note: "on it")), "em", negotiating)
        case .resolveEscalation: return (escalated(), a(negotiating, p(note: "the customer let us lead")), "em", negotiating)
        case .cancel: return (s, a(fresh, p(reason: "aged out")), "analyst", fresh)
        case .close: return (s, a(approved), "analyst", approved)
        case .markLost: return (s, a(negotiating, p(reason: "bought elsewhere")), "buyer", negotiating)
        case .setHealth: return (s, a("acme", p(health: .atRisk)), "csm", "acme")
        case .markReviewed: return (s, a("today"), "analyst", "2026-11-23")
        case .publishCalendar: return (s, a("2027-Q1"), "analyst", "2027-Q1")
        case .undo:
            let done = try! run(.qualify, assignedNew, by: "analyst", in: s)
            return (done.store, a(String(done.store.activity.count - 1)), "analyst", assignedNew)
        case .tickItem, .untickItem, .addItem, .addContract, .editContract, .takeOffline, .putOnPlatform, .sunset, .convertToAnnual:
            return accountSample(kind)
        case .importRecords: return (s, ImportTests.sampleAction(), "analyst", "requests.csv")
        case .recordMeasurement:
            var m = ActionParams(); m.scope = "person:csm"; m.period = "2026-Q4"; m.value = 42
            return (s, a("csm.nps", m), "csm", "csm.nps person:csm 2026-Q4")
        }
    }
}

/// Checks that `outcome` appended exactly one activity entry to `old`'s log, for `action` by `by` on `target`
/// at `at`, with different values before and after, and left the older entries as they were.
func expectAudited(_ outcome: ActionOutcome, old: Store, _ action: ActionKind, by: String, target: String,
                   at: Timestamp = WF.now, sourceLocation: SourceLocation = #_sourceLocation) {
    let log = outcome.store.activity
    #expect(log.count == old.activity.count + 1, "one activity entry appended", sourceLocation: sourceLocation)
    guard log.count == old.activity.count + 1, let last = log.last else { return }
    #expect(Array(log.prefix(old.activity.count)) == old.activity, "older entries untouched", sourceLocation: sourceLocation)
    #expect(last == outcome.activity, sourceLocation: sourceLocation)
    #expect(last.by == by, sourceLocation: sourceLocation)
    #expect(last.action == action.rawValue, sourceLocation: sourceLocation)
    #expect(last.target == target, sourceLocation: sourceLocation)
    #expect(last.at == at, sourceLocation: sourceLocation)
    #expect(last.before != last.after, sourceLocation: sourceLocation)
}

/// Checks that the request `id` moved `from` → `to` with one new history entry by `by` at `at`.
func expectMoved(_ outcome: ActionOutcome, old: Store, _ id: String, from: RequestStatus, to: RequestStatus, by: String,
                 at: Timestamp = WF.now, note: String? = nil, reason: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard let before = old.request(id), let after = outcome.store.request(id) else {
        Issue.record("no request \(id)", sourceLocation: sourceLocation); return
    }
    #expect(before.status == from, sourceLocation: sourceLocation)
    #expect(after.status == to, sourceLocation: sourceLocation)
    #expect(after.history.count == before.history.count + 1, sourceLocation: sourceLocation)
    #expect(Array(after.history.prefix(before.history.count)) == before.history, sourceLocation: sourceLocation)
    guard let e = after.history.last, after.history.count == before.history.count + 1 else { return }
    #expect(e.from == from, sourceLocation: sourceLocation)
    #expect(e.to == to, sourceLocation: sourceLocation)
    #expect(e.by == by, sourceLocation: sourceLocation)
    #expect(e.at == at, sourceLocation: sourceLocation)
    #expect(e.note == note, sourceLocation: sourceLocation)
    #expect(e.reason == reason, sourceLocation: sourceLocation)
    // The activity entry carries the request as it was and as it is.
    // Only the members that changed are logged, and reverting them gives the request as it was.
    let change = ActivityChange.diff(StoreEncoder.request(before), StoreEncoder.request(after))
    #expect(outcome.activity.before == change.before, sourceLocation: sourceLocation)
    #expect(outcome.activity.after == change.after, sourceLocation: sourceLocation)
    // (history is not logged: the request keeps it; a status change shows as `status`.)
    #expect(withoutHistory(ActivityChange.revert(StoreEncoder.request(after), before: outcome.activity.before, after: outcome.activity.after))
            == withoutHistory(StoreEncoder.request(before)), sourceLocation: sourceLocation)
}

/// Checks that only request `id` changed (every other request, account, review and publication is as it was).
func expectOnlyRequestChanged(_ outcome: ActionOutcome, old: Store, _ id: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
    let s = outcome.store
    #expect(s.requests.filter { $0.id != id } == old.requests.filter { $0.id != id }, sourceLocation: sourceLocation)
    #expect(s.accounts == old.accounts, sourceLocation: sourceLocation)
    #expect(s.reviews == old.reviews, sourceLocation: sourceLocation)
    #expect(s.publications == old.publications, sourceLocation: sourceLocation)
    #expect(s.request(id) != old.request(id), sourceLocation: sourceLocation)
}

/// Checks a refusal: its kind (rules forbid vs bad input) and that its message contains each fragment.
func expectRefusal(_ r: ActionRefusal?, badInput: Bool = false, _ fragments: String...,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    guard let r else { Issue.record("the action was carried out; expected a refusal", sourceLocation: sourceLocation); return }
    switch (r, badInput) {
    case (.refused, false), (.badInput, true): break
    default: Issue.record("expected \(badInput ? "badInput" : "refused"), got \(r)", sourceLocation: sourceLocation)
    }
    for f in fragments {
        #expect(r.description.localizedCaseInsensitiveContains(f), "message \"\(r.description)\" should mention \"\(f)\"",
                sourceLocation: sourceLocation)
    }
}

/// A request's JSON without its `history` member.
func withoutHistory(_ v: JSONValue?) -> JSONValue? {
    guard case .object(var o)? = v else { return v }
    o["history"] = nil
    return .object(o)
}
