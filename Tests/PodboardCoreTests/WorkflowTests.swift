import Foundation
import Testing
@testable import PodboardCore

// The domain workflow (DOMAIN.md, "The request lifecycle"): who may do what, on which request, and what each
// action leaves in the store and in the activity log. The store is WorkflowFixtures' WF.store(); actions run
// at WF.now (Monday 2026-11-23 10:00, Asia/Kolkata).

@Suite struct WorkflowTests {

    // MARK: - Every action: one allowed case, audited

    @Test(arguments: ActionKind.allCases)
    func everyActionHasAnAllowedCaseThatIsAudited(_ kind: ActionKind) throws {
        let (old, action, by, logged) = WF.allowedSample(kind)
        let o = try Workflow.perform(action, by: by, at: WF.now, in: old)
        expectAudited(o, old: old, kind, by: by, target: logged)
        #expect(!o.summary.isEmpty)
        #expect(o.store != old)
        // before/after hold the members of the target that changed (STORE.md's example), and nothing else.
        switch kind {
        case .raise:
            #expect(o.activity.before == .null)
            #expect(o.activity.after == o.store.request(logged).map(StoreEncoder.request))
        case .setHealth, .tickItem, .untickItem, .addItem:
            let d = ActivityChange.diff(StoreEncoder.account(old.account(logged)!), StoreEncoder.account(o.store.account(logged)!))
            #expect(o.activity.before == d.before && o.activity.after == d.after)
        case .addContract:
            #expect(o.activity.before == .null)
            #expect(o.activity.after == o.store.contract(logged).map(StoreEncoder.contract))
        case .editContract, .takeOffline, .putOnPlatform, .sunset, .convertToAnnual:
            let d = ActivityChange.diff(StoreEncoder.contract(old.contract(logged)!), StoreEncoder.contract(o.store.contract(logged)!))
            #expect(o.activity.before == d.before && o.activity.after == d.after)
        case .markReviewed, .publishCalendar:
            #expect(o.activity.before == .null)
        case .importRecords:
            #expect(o.activity.before == .null)
            #expect(o.store.requests.count == old.requests.count + 1)
        case .recordMeasurement:
            #expect(o.activity.before == .null)
            #expect(o.activity.after == o.store.measurements.last.map(StoreEncoder.measurement))
        default:
            let d = ActivityChange.diff(StoreEncoder.request(old.request(logged)!), StoreEncoder.request(o.store.request(logged)!))
            #expect(o.activity.before == d.before && o.activity.after == d.after)
            // Reverting the change on the new request gives the old one back.
            #expect(withoutHistory(ActivityChange.revert(StoreEncoder.request(o.store.request(logged)!), before: d.before, after: d.after))
                    == withoutHistory(StoreEncoder.request(old.request(logged)!)))
            if case .object(let after) = o.activity.after { #expect(!after.isEmpty && after.keys.count < 10) }
        }
        // whyNot agrees that the action is allowed.
        #expect(Workflow.whyNot(kind, target: action.target, by: by, at: WF.now, in: old) == nil)
    }

    // MARK: - Raise

    @Test func raiseAddsANewRequest() throws {
        let old = WF.store()
        let o = try WF.run(.raise, "acme", by: "analyst", WF.p(kind: .new, tool: "Figma", vendor: "Figma Inc", termMonths: 24), in: old)
        #expect(o.store.requests.count == old.requests.count + 1)
        let r = try #require(o.store.requests.last)
        #expect(r.id == "REQ-18")
        #expect(r.account == "acme")
        #expect(r.kind == .new)
        #expect(r.tool == "Figma")
        #expect(r.vendor == "Figma Inc")
        #expect(r.status == .new)
        #expect(r.createdAt == WF.now)
        #expect(r.termMonths == 24)
        #expect(r.history.isEmpty)
        #expect(r.baseline == nil)
        #expect(Array(o.store.requests.prefix(old.requests.count)) == old.requests)
        expectAudited(o, old: old, .raise, by: "analyst", target: "REQ-18")
    }

    @Test func raiseARenewalTakesToolVendorAndBaselineFromItsContract() throws {
        let old = WF.store()
        let o = try WF.run(.raise, "acme", by: "em", WF.p(kind: .renewal, contract: "C-2"), in: old)
        let r = try #require(o.store.request("REQ-18"))
        #expect(r.kind == .renewal)
        #expect(r.contract == "C-2")
        #expect(r.tool == "Zoom")
        #expect(r.vendor == "Zoom Video")
        #expect(r.baseline == Baseline(amount: 24000, basis: .priorContract))
        expectAudited(o, old: old, .raise, by: "em", target: "REQ-18")
    }

    @Test(arguments: ["analyst", "csm", "em", "admin"])
    func raiseIsOpenToAnalystCSMAndEMOfThePOD(_ who: String) throws {
        let old = WF.store()
        let o = try WF.run(.raise, "acme", by: who, WF.p(kind: .new, tool: "Miro", vendor: "Miro"), in: old)
        #expect(o.store.request("REQ-18")?.tool == "Miro")
        expectAudited(o, old: old, .raise, by: who, target: "REQ-18")
    }

    // MARK: - Assign, take

    @Test func assignSetsTheAnalystAndAssignedAt() throws {
        let old = WF.store()
        let o = try WF.run(.assign, WF.fresh, by: "em", WF.p(person: "analyst"), in: old)
        let r = try #require(o.store.request(WF.fresh))
        #expect(r.analyst == "analyst")
        #expect(r.assignedAt == WF.now)
        #expect(r.status == .new)
        #expect(r.history.isEmpty)
        expectOnlyRequestChanged(o, old: old, WF.fresh)
        expectAudited(o, old: old, .assign, by: "em", target: WF.fresh)
    }

    @Test func anEMMayReassignAnAssignedRequest() throws {
        var old = WF.store()
        old.people.append(Person(id: "analyst2", name: "Abe North", roles: [.analyst], pods: ["north"]))
        let o = try WF.run(.assign, WF.assignedNew, by: "em", WF.p(person: "analyst2"), in: old)
        #expect(o.store.request(WF.assignedNew)?.analyst == "analyst2")
        #expect(o.store.request(WF.assignedNew)?.assignedAt == WF.now)
        expectAudited(o, old: old, .assign, by: "em", target: WF.assignedNew)
    }

    @Test func takeAssignsTheAnalystThemself() throws {
        let old = WF.store()
        let o = try WF.run(.take, WF.fresh, by: "analyst", in: old)
        let r = try #require(o.store.request(WF.fresh))
        #expect(r.analyst == "analyst")
        #expect(r.assignedAt == WF.now)
        #expect(r.status == .new)
        expectOnlyRequestChanged(o, old: old, WF.fresh)
        expectAudited(o, old: old, .take, by: "analyst", target: WF.fresh)
    }

    // MARK: - Qualification

    @Test func sendPreApprovalMovesNewToQualifying() throws {
        let old = WF.store()
        let o = try WF.run(.sendPreApproval, WF.fresh, by: "analyst", WF.p(note: "sent to the customer"), in: old)
        expectMoved(o, old: old, WF.fresh, from: .new, to: .qualifying, by: "analyst", note: "sent to the customer")
        expectOnlyRequestChanged(o, old: old, WF.fresh)
        expectAudited(o, old: old, .sendPreApproval, by: "analyst", target: WF.fresh)
    }

    @Test(arguments: [(WF.assignedNew, RequestStatus.new), (WF.qualifying, .qualifying), (WF.renewal, .new)])
    func qualifyMovesToQualified(_ id: String, _ from: RequestStatus) throws {
        // REQ-14 has no baseline but a linked contract, which is enough.
        let old = WF.store()
        let o = try WF.run(.qualify, id, by: "analyst", WF.p(note: "all details in"), in: old)
        expectMoved(o, old: old, id, from: from, to: .qualified, by: "analyst", note: "all details in")
        expectOnlyRequestChanged(o, old: old, id)
        expectAudited(o, old: old, .qualify, by: "analyst", target: id)
    }

    @Test(arguments: [(WF.fresh, RequestStatus.new), (WF.qualifying, .qualifying), (WF.qualified, .qualified)])
    func disqualifyRecordsTheReason(_ id: String, _ from: RequestStatus) throws {
        let old = WF.store()
        let o = try WF.run(.disqualify, id, by: "analyst", WF.p(reason: "duplicate of REQ-2"), in: old)
        expectMoved(o, old: old, id, from: from, to: .disqualified, by: "analyst", reason: "duplicate of REQ-2")
        expectOnlyRequestChanged(o, old: old, id)
        expectAudited(o, old: old, .disqualify, by: "analyst", target: id)
    }

    @Test func disqualifyAcceptsTheReasonAsANote() throws {
        let old = WF.store()
        let o = try WF.run(.disqualify, WF.qualifying, by: "analyst", WF.p(note: "no response"), in: old)
        #expect(o.store.request(WF.qualifying)?.status == .disqualified)
        #expect(o.store.request(WF.qualifying)?.history.last?.reason == "no response", "a lone note is the reason")
    }

    // MARK: - Hand-over, hold

    @Test func handOverMovesAQualifiedRequestToNegotiatingWithItsBuyer() throws {
        let old = WF.store()
        let o = try WF.run(.handOver, WF.qualified, by: "analyst", WF.p(person: "buyer2", note: "over to you"), in: old)
        expectMoved(o, old: old, WF.qualified, from: .qualified, to: .negotiating, by: "analyst", note: "over to you")
        #expect(o.store.request(WF.qualified)?.buyer == "buyer2")
        expectOnlyRequestChanged(o, old: old, WF.qualified)
        expectAudited(o, old: old, .handOver, by: "analyst", target: WF.qualified)
        // The hand-over starts the negotiation clock.
        let r = try #require(o.store.request(WF.qualified))
        #expect(Snapshot(store: o.store, today: WF.today).timeline(r).handOver == WF.now)
    }

    @Test func aBuyerPutsTheirNegotiationOnHoldWithAReason() throws {
        let old = WF.store()
        let o = try WF.run(.putOnHold, WF.negotiating, by: "buyer", WF.p(note: "vendor's CFO away", reason: "waiting on the vendor"), in: old)
        expectMoved(o, old: old, WF.negotiating, from: .negotiating, to: .onHold, by: "buyer",
                    note: "vendor's CFO away", reason: "waiting on the vendor")
        expectOnlyRequestChanged(o, old: old, WF.negotiating)
        expectAudited(o, old: old, .putOnHold, by: "buyer", target: WF.negotiating)
    }

    @Test func anAnalystPutsAQualifyingRequestOnHold() throws {
        let old = WF.store()
        let o = try WF.run(.putOnHold, WF.qualifying, by: "analyst", WF.p(reason: "waiting on the customer"), in: old)
        expectMoved(o, old: old, WF.qualifying, from: .qualifying, to: .onHold, by: "analyst", reason: "waiting on the customer")
        expectAudited(o, old: old, .putOnHold, by: "analyst", target: WF.qualifying)
    }

    @Test(arguments: [(WF.heldNegotiating, "buyer", RequestStatus.negotiating), (WF.heldQualifying, "analyst", .qualifying)])
    func resumeReturnsToTheStatusBeforeTheHold(_ id: String, _ who: String, _ back: RequestStatus) throws {
        let old = WF.store()
        let o = try WF.run(.resume, id, by: who, WF.p(note: "vendor is back"), in: old)
        expectMoved(o, old: old, id, from: .onHold, to: back, by: who, note: "vendor is back")
        expectOnlyRequestChanged(o, old: old, id)
        expectAudited(o, old: old, .resume, by: who, target: id)
    }

    // MARK: - Negotiation: the Buyer's edits

    @Test func addQuoteAppendsTheQuote() throws {
        let old = WF.store()
        let o = try WF.run(.addQuote, WF.negotiating, by: "buyer",
                           WF.p(amount: "47000.50", from: "SoftwareOne", source: .reseller), in: old)
        let r = try #require(o.store.request(WF.negotiating))
        let before = try #require(old.request(WF.negotiating))
        #expect(r.quotes.count == before.quotes.count + 1)
        #expect(r.quotes.last == Quote(from: "SoftwareOne", source: .reseller, amount: wfDec("47000.50"), receivedAt: WF.now))
        #expect(r.status == .negotiating)
        #expect(r.history == before.history)
        expectOnlyRequestChanged(o, old: old, WF.negotiating)
        expectAudited(o, old: old, .addQuote, by: "buyer", target: WF.negotiating)
    }

    @Test func logUpdateAppendsTheUpdate() throws {
        let old = WF.store()
        let o = try WF.run(.logUpdate, WF.negotiating, by: "buyer", WF.p(note: "counter sent at 44k"), in: old)
        let r = try #require(o.store.request(WF.negotiating))
        #expect(r.updates == [Update(at: WF.now, by: "buyer", text: "counter sent at 44k")])
        #expect(r.status == .negotiating)
        expectOnlyRequestChanged(o, old: old, WF.negotiating)
        expectAudited(o, old: old, .logUpdate, by: "buyer", target: WF.negotiating)
    }

    @Test func setFinalRecordsTheFinalPrice() throws {
        let old = WF.store()
        let o = try WF.run(.setFinal, WF.negotiating, by: "buyer", WF.p(amount: "41999.99"), in: old)
        #expect(o.store.request(WF.negotiating)?.final == wfDec("41999.99"))
        #expect(o.store.request(WF.negotiating)?.status == .negotiating)
        expectOnlyRequestChanged(o, old: old, WF.negotiating)
        expectAudited(o, old: old, .setFinal, by: "buyer", target: WF.negotiating)
    }

    @Test func setCostAvoidanceRecordsIt() throws {
        let old = WF.store()
        let o = try WF.run(.setCostAvoidance, WF.negotiating, by: "buyer", WF.p(amount: "6000"), in: old)
        #expect(o.store.request(WF.negotiating)?.costAvoidance == 6000)
        #expect(o.store.request(WF.negotiating)?.final == nil)
        expectOnlyRequestChanged(o, old: old, WF.negotiating)
        expectAudited(o, old: old, .setCostAvoidance, by: "buyer", target: WF.negotiating)
    }

    @Test(arguments: [(WF.assignedNew, "analyst"), (WF.negotiating, "buyer")])
    func setBaselineByTheAnalystOrTheRequestsBuyer(_ id: String, _ who: String) throws {
        let old = WF.store()
        let o = try WF.run(.setBaseline, id, by: who, WF.p(amount: "52000.25", basis: .listPrice), in: old)
        #expect(o.store.request(id)?.baseline == Baseline(amount: wfDec("52000.25"), basis: .listPrice))
        #expect(o.store.request(id)?.status == old.request(id)?.status)
        expectOnlyRequestChanged(o, old: old, id)
        expectAudited(o, old: old, .setBaseline, by: who, target: id)
    }

    // MARK: - Submit savings

    @Test func submitWithQuotesFromTwoSourcesNeedsNoReason() throws {
        let old = WF.store()
        let o = try WF.run(.submitSavings, WF.twoSources, by: "buyer", in: old)
        expectMoved(o, old: old, WF.twoSources, from: .negotiating, to: .pendingApproval, by: "buyer")
        #expect(o.store.request(WF.twoSources)?.noQuotesReason == nil)
        expectOnlyRequestChanged(o, old: old, WF.twoSources)
        expectAudited(o, old: old, .submitSavings, by: "buyer", target: WF.twoSources)
    }

    @Test func submitWithQuotesFromOneSourceAndAReasonRecordsTheReason() throws {
        let old = WF.store()
        let o = try WF.run(.submitSavings, WF.oneSource, by: "buyer", WF.p(reason: "sole vendor, no resellers"), in: old)
        expectMoved(o, old: old, WF.oneSource, from: .negotiating, to: .pendingApproval, by: "buyer")
        #expect(o.store.request(WF.oneSource)?.noQuotesReason == "sole vendor, no resellers")
        expectAudited(o, old: old, .submitSavings, by: "buyer", target: WF.oneSource)
    }

    @Test func submitWithQuotesFromOneSourceAndNoReasonIsRefused() {
        expectRefusal(WF.refusal(.submitSavings, WF.oneSource, by: "buyer", in: WF.store()), "2 different sources", "reason")
    }

    @Test func submitAfterAddingASecondSourceIsAllowed() throws {
        let s = WF.store()
        let q = try WF.run(.addQuote, WF.oneSource, by: "buyer", WF.p(amount: "44000", from: "Zylo", source: .alternative), in: s)
        let o = try WF.run(.submitSavings, WF.oneSource, by: "buyer", at: WF.later, in: q.store)
        #expect(o.store.request(WF.oneSource)?.status == .pendingApproval)
        #expect(o.store.request(WF.oneSource)?.noQuotesReason == nil)
    }

    // MARK: - Approve, reject

    @Test func approveMovesToApproved() throws {
        let old = WF.store()
        let o = try WF.run(.approve, WF.pending, by: "em", WF.p(note: "well done"), in: old)
        expectMoved(o, old: old, WF.pending, from: .pendingApproval, to: .approved, by: "em", note: "well done")
        expectOnlyRequestChanged(o, old: old, WF.pending)
        expectAudited(o, old: old, .approve, by: "em", target: WF.pending)
        let r = try #require(o.store.request(WF.pending))
        #expect(Snapshot(store: o.store, today: WF.today).timeline(r).approval == WF.now)
    }

    @Test func anEMWhoIsAlsoABuyerMayApproveAnotherBuyersRequest() throws {
        let old = WF.store()
        let o = try WF.run(.approve, WF.pending, by: "emBuyer", in: old)
        #expect(o.store.request(WF.pending)?.status == .approved)
        expectAudited(o, old: old, .approve, by: "emBuyer", target: WF.pending)
    }

    @Test func rejectSendsBackToNegotiatingWithTheNote() throws {
        let old = WF.store()
        let o = try WF.run(.reject, WF.pending, by: "em", WF.p(note: "get a reseller quote"), in: old)
        expectMoved(o, old: old, WF.pending, from: .pendingApproval, to: .negotiating, by: "em", note: "get a reseller quote")
        #expect(o.store.request(WF.pending)?.buyer == "buyer")
        expectOnlyRequestChanged(o, old: old, WF.pending)
        expectAudited(o, old: old, .reject, by: "em", target: WF.pending)
    }

    @Test(arguments: [ActionKind.approve, .reject])
    func theRequestsOwnBuyerMayNotDecideEvenAsEM(_ kind: ActionKind) {
        let r = WF.refusal(kind, WF.pendingOwnEM, by: "emBuyer", WF.p(note: "ok"), in: WF.store())
        expectRefusal(r, "segregation of duties")
        #expect(Workflow.whyNot(kind, target: WF.pendingOwnEM, by: "emBuyer", at: WF.now, in: WF.store())?
            .contains("segregation of duties") == true)
    }

    @Test(arguments: [ActionKind.approve, .reject])
    func anEMOfAnotherPODMayNotDecide(_ kind: ActionKind) {
        expectRefusal(WF.refusal(kind, WF.pending, by: "emSouth", WF.p(note: "ok"), in: WF.store()), "POD north")
    }

    @Test func rejectWithoutANoteIsBadInput() {
        expectRefusal(WF.refusal(.reject, WF.pending, by: "em", in: WF.store()), badInput: true, "note")
    }

    // MARK: - Escalate, flag breach

    @Test(arguments: ["em", "analyst", "buyer", "buyer2", "csm", "emBuyer"])
    func anyoneOnThePODMayEscalate(_ who: String) throws {
        let old = WF.store()
        let o = try WF.run(.escalate, WF.negotiating, by: who,
                           WF.p(note: "IT talks to the vendor", escalation: .parallelNegotiation), in: old)
        let r = try #require(o.store.request(WF.negotiating))
        #expect(r.escalations == [Escalation(at: WF.now, by: who, reason: .parallelNegotiation, note: "IT talks to the vendor")])
        #expect(r.status == .negotiating)
        #expect(r.history == old.request(WF.negotiating)?.history)
        expectOnlyRequestChanged(o, old: old, WF.negotiating)
        expectAudited(o, old: old, .escalate, by: who, target: WF.negotiating)
    }

    @Test func anEscalationForAnotherReasonWithANoteIsAllowed() throws {
        let o = try WF.run(.escalate, WF.qualifying, by: "analyst", WF.p(note: "legal review", escalation: .other), in: WF.store())
        #expect(o.store.request(WF.qualifying)?.escalations.last?.reason == .other)
        #expect(o.store.request(WF.qualifying)?.escalations.last?.note == "legal review")
    }

    @Test func theBreachingFixtureIsInBreachAndTheOthersAreNot() throws {
        // The premise of the flag-breach tests.
        let snap = Snapshot(store: WF.store(), today: WF.today)
        let s = snap.store
        #expect(Aging.row(try #require(s.request(WF.breach)), snap)?.severity == .breached)
        #expect(Aging.row(try #require(s.request(WF.breach)), snap)?.negotiationDue == LocalDate("2026-09-16"))
        #expect(Aging.row(try #require(s.request(WF.qualBreach)), snap)?.severity == .breached)
        #expect(Aging.row(try #require(s.request(WF.negotiating)), snap)?.severity != .breached)
    }

    @Test(arguments: [WF.breach, WF.qualBreach])
    func flagBreachAppendsATATBreachEscalation(_ id: String) throws {
        let old = WF.store()
        let o = try WF.run(.flagBreach, id, by: "analyst", WF.p(note: "15 days gone"), in: old)
        let r = try #require(o.store.request(id))
        let before = try #require(old.request(id))
        #expect(r.escalations.count == before.escalations.count + 1)
        #expect(r.escalations.last == Escalation(at: WF.now, by: "analyst", reason: .tatBreach, note: "15 days gone"))
        #expect(r.status == before.status)
        #expect(r.history == before.history)
        expectOnlyRequestChanged(o, old: old, id)
        expectAudited(o, old: old, .flagBreach, by: "analyst", target: id)
        #expect(Aging.row(r, Snapshot(store: o.store, today: WF.today))?.escalated == true)
    }

    @Test func flagBreachOnARequestNotInBreachIsRefused() {
        expectRefusal(WF.refusal(.flagBreach, WF.assignedNew, by: "analyst", in: WF.store()), "not in breach")
        // A late first action is a qualification breach (KPIS.md): flagging it stays possible, even late.
        #expect(WF.refusal(.flagBreach, WF.negotiating, by: "analyst", in: WF.store()) == nil)
    }

    // MARK: - Cancel, close, lost

    @Test(arguments: [(WF.fresh, RequestStatus.new), (WF.negotiating, .negotiating), (WF.heldQualifying, .onHold),
                      (WF.pending, .pendingApproval)])
    func cancelRecordsTheReason(_ id: String, _ from: RequestStatus) throws {
        let old = WF.store()
        let o = try WF.run(.cancel, id, by: "analyst", WF.p(reason: "aged out"), in: old)
        expectMoved(o, old: old, id, from: from, to: .cancelled, by: "analyst", reason: "aged out")
        expectOnlyRequestChanged(o, old: old, id)
        expectAudited(o, old: old, .cancel, by: "analyst", target: id)
    }

    @Test func closeMovesAnApprovedRequestToClosed() throws {
        let old = WF.store()
        let o = try WF.run(.close, WF.approved, by: "analyst", WF.p(note: "PO and contract in"), in: old)
        expectMoved(o, old: old, WF.approved, from: .approved, to: .closed, by: "analyst", note: "PO and contract in")
        expectOnlyRequestChanged(o, old: old, WF.approved)
        expectAudited(o, old: old, .close, by: "analyst", target: WF.approved)
    }

    @Test(arguments: [(WF.negotiating, "buyer"), (WF.pending, "analyst"), (WF.heldNegotiating, "buyer")])
    func markLostRecordsTheReason(_ id: String, _ who: String) throws {
        let old = WF.store()
        let from = try #require(old.request(id)).status
        let o = try WF.run(.markLost, id, by: who, WF.p(reason: "bought elsewhere"), in: old)
        expectMoved(o, old: old, id, from: from, to: .lost, by: who, reason: "bought elsewhere")
        expectOnlyRequestChanged(o, old: old, id)
        expectAudited(o, old: old, .markLost, by: who, target: id)
    }

    // MARK: - Account health

    @Test(arguments: ["csm", "em"])
    func setHealthByCSMOrEM(_ who: String) throws {
        let old = WF.store()
        let o = try WF.run(.setHealth, "acme", by: who, WF.p(health: .atRisk, sentiment: "unhappy with Q3"), in: old)
        let a = try #require(o.store.account("acme"))
        #expect(a.health == .atRisk)
        #expect(a.sentiment == "unhappy with Q3")
        #expect(o.store.account("globex") == old.account("globex"))
        #expect(o.store.requests == old.requests)
        expectAudited(o, old: old, .setHealth, by: who, target: "acme")
        #expect(o.activity.before == .object(JSONObject([("health", .string("favorable")), ("sentiment", .string(old.account("acme")!.sentiment ?? ""))]))
                || o.activity.before == .object(JSONObject([("health", .string(old.account("acme")!.health.rawValue))])))
        if case .object(let after) = o.activity.after {
            #expect(after["health"] == .string("at-risk"))
            #expect(after["sentiment"] == .string("unhappy with Q3"))
            #expect(after.keys.count == 2)
        }
    }

    @Test func setHealthByABuyerIsRefused() {
        expectRefusal(WF.refusal(.setHealth, "acme", by: "buyer", WF.p(health: .critical), in: WF.store()), "only an EM or CSM")
    }

    // MARK: - Reviews and publications

    @Test func markReviewedAddsTodaysReview() throws {
        let old = WF.store()
        let o = try WF.run(.markReviewed, "today", by: "analyst", in: old)
        #expect(o.store.reviews == old.reviews + [Review(on: WF.today, by: "analyst", kind: "aging")])
        #expect(o.store.requests == old.requests)
        expectAudited(o, old: old, .markReviewed, by: "analyst", target: "2026-11-23")
        #expect(o.activity.before == .null)
        #expect(o.activity.after == .object(JSONObject([("on", .string("2026-11-23")), ("by", .string("analyst")),
                                                        ("kind", .string("aging"))])))
    }

    @Test func markReviewedUsesTheDayInTheStoresTimeZone() throws {
        // 20:00 UTC on the 22nd is 01:30 on the 23rd in Kolkata.
        let at = Timestamp("2026-11-22T20:00:00Z")!
        let o = try WF.run(.markReviewed, "2026-11-23", by: "analyst", at: at, in: WF.store())
        #expect(o.store.reviews.last == Review(on: WF.today, by: "analyst"))
    }

    @Test func markReviewedTwiceOnTheSameDayIsRefused() throws {
        let first = try WF.run(.markReviewed, "today", by: "analyst", in: WF.store())
        expectRefusal(WF.refusal(.markReviewed, "today", by: "analyst", at: WF.later, in: first.store), "already marked")
        // Another analyst's review of the same day is their own.
        let other = try WF.run(.markReviewed, "today", by: "analystSouth", at: WF.later, in: first.store)
        #expect(other.store.reviews.count == first.store.reviews.count + 1)
    }

    @Test(arguments: ["2027-Q1", "next"])
    func publishCalendarRecordsThePublication(_ target: String) throws {
        let old = WF.store()
        let o = try WF.run(.publishCalendar, target, by: "analyst", in: old)
        #expect(o.store.publications == old.publications + [Publication(quarter: Quarter("2027-Q1")!, at: WF.now, by: "analyst")])
        expectAudited(o, old: old, .publishCalendar, by: "analyst", target: "2027-Q1")
        #expect(o.activity.before == .null)
    }

    /// One analyst's publication never blocks another's (analyst.renewalCalendar is personal), and publishing
    /// again is recorded while the KPI keeps reading the first.
    @Test func publishCalendarIsPersonalAndMayBeRepeated() throws {
        let first = try WF.run(.publishCalendar, "2027-Q1", by: "analyst", in: WF.store())
        let other = try WF.run(.publishCalendar, "2027-Q1", by: "analystSouth", at: WF.later, in: first.store)
        #expect(other.store.publications.filter { $0.quarter == Quarter("2027-Q1")! }.map(\.by) == ["analyst", "analystSouth"])
        let again = try WF.run(.publishCalendar, "2027-Q1", by: "analyst", at: WF.later, in: other.store)
        #expect(again.summary.contains("published again"))
        #expect(again.store.publications.filter { $0.quarter == Quarter("2027-Q1")! && $0.by == "analyst" }.map(\.at) == [WF.now, WF.later])
        let kpis = KPIEngine.compute(store: again.store, today: WF.today)
        for who in ["analyst", "analystSouth"] {
            #expect(kpis.result("analyst.renewalCalendar", scope: who)?.value == 1, "\(who) published on time")
        }
        // Undo takes back the republication only.
        let undone = try WF.run(.undo, "\(again.store.activity.count - 1)", by: "analyst", at: WF.later, in: again.store)
        #expect(undone.store.publications.filter { $0.quarter == Quarter("2027-Q1")! && $0.by == "analyst" }.map(\.at) == [WF.now])
    }

    // MARK: - Admin

    static let adminActions: [(ActionKind, String, ActionParams, String)] = [
        (.assign, WF.fresh, WF.p(person: "analyst"), WF.fresh),
        (.qualify, WF.assignedNew, WF.p(), WF.assignedNew),
        (.handOver, WF.qualified, WF.p(person: "buyer"), WF.qualified),
        (.addQuote, WF.negotiating, WF.p(amount: "45000", from: "Zylo", source: .alternative), WF.negotiating),
        (.setFinal, WF.negotiating, WF.p(amount: "43000"), WF.negotiating),
        (.submitSavings, WF.twoSources, WF.p(), WF.twoSources),
        (.approve, WF.pendingOwnEM, WF.p(), WF.pendingOwnEM),
        (.reject, WF.pending, WF.p(note: "too high"), WF.pending),
        (.escalate, WF.negotiating, WF.p(escalation: .customerUnresponsive), WF.negotiating),
        (.flagBreach, WF.breach, WF.p(), WF.breach),
        (.close, WF.approved, WF.p(), WF.approved),
        (.setHealth, "globex", WF.p(health: .neutral), "globex"),
        (.markReviewed, "today", WF.p(), "2026-11-23"),
        (.publishCalendar, "2027-Q1", WF.p(), "2027-Q1"),
    ]

    @Test(arguments: WorkflowTests.adminActions.indices)
    func anAdminMayDoAnythingAndIsStillAudited(_ i: Int) throws {
        let (kind, target, params, logged) = Self.adminActions[i]
        let old = WF.store()
        let o = try WF.run(kind, target, by: "admin", params, in: old)
        expectAudited(o, old: old, kind, by: "admin", target: logged)
        if kind.target == .request, let r = o.store.request(target), r.status != old.request(target)?.status {
            #expect(r.history.last?.by == "admin")
        }
    }

    // MARK: - Refusals

    @Test(arguments: ActionKind.allCases)
    func anUnknownPersonIsRefused(_ kind: ActionKind) {
        let r = WF.refusal(kind, WF.negotiating, by: "ghost", WF.p(note: "x", reason: "x"), in: WF.store())
        expectRefusal(r, badInput: true, "no person")
        #expect(Workflow.whyNot(kind, target: WF.negotiating, by: nil, at: WF.now, in: WF.store())?.contains("read-only") == true)
    }

    @Test(arguments: ActionKind.allCases.filter { $0.target == .request })
    func anUnknownRequestIsBadInput(_ kind: ActionKind) {
        let params = WF.p(person: "buyer", note: "x", reason: "x", amount: "1", basis: .listPrice, from: "x", source: .vendor,
                          escalation: .other, health: .neutral)
        expectRefusal(WF.refusal(kind, "REQ-404", by: "admin", params, in: WF.store()), badInput: true, "no request", "REQ-404")
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let kind: ActionKind
        let target: String
        let by: String
        let params: ActionParams
        let badInput: Bool
        let says: [String]
        var testDescription: String { "\(kind.rawValue) \(target) by \(by) → \(badInput ? "bad input" : "refused"): \(says.joined(separator: ", "))" }
    }

    static func no(_ kind: ActionKind, _ target: String, _ by: String, _ params: ActionParams = ActionParams(), _ says: String...) -> Refusal {
        Refusal(kind: kind, target: target, by: by, params: params, badInput: false, says: says)
    }

    static func bad(_ kind: ActionKind, _ target: String, _ by: String, _ params: ActionParams = ActionParams(), _ says: String...) -> Refusal {
        Refusal(kind: kind, target: target, by: by, params: params, badInput: true, says: says)
    }

    static let figma = WF.p(tool: "Figma", vendor: "Figma Inc")
    static let quote = WF.p(amount: "47000", from: "SoftwareOne", source: .reseller)
    static let why = WF.p(reason: "a reason")
    static let analystOfNorth = "only a SaaS Analyst of POD north"
    static let emOfNorth = "only an Engagement Manager of POD north"

    static let refusals: [Refusal] = [
        // raise
        no(.raise, "acme", "buyer", figma, "only an analyst, CSM or EM of POD north"),
        no(.raise, "acme", "analystSouth", figma, "POD north"),
        no(.raise, "acme", "emSouth", figma, "POD north"),
        no(.raise, "acme", "analyst", WF.p(kind: .renewal, contract: "C-1"), "already has an open renewal request", WF.renewal),
        bad(.raise, "acme", "analyst", WF.p(kind: .renewal), "contract"),
        bad(.raise, "acme", "analyst", WF.p(kind: .renewal, contract: "C-9"), "C-9"),
        bad(.raise, "acme", "analyst", WF.p(kind: .new, vendor: "Figma Inc"), "tool"),
        bad(.raise, "acme", "analyst", WF.p(kind: .new, tool: "Figma"), "vendor"),
        bad(.raise, "nowhere", "analyst", figma, "no account"),
        bad(.raise, "acme", "analyst", WF.p(kind: .new, tool: "Figma", vendor: "Figma Inc", termMonths: 0), "term"),
        bad(.raise, "acme", "analyst", WF.p(tool: "Figma", vendor: "Figma Inc"), "kind"),
        // assign, take
        no(.assign, WF.fresh, "analyst", WF.p(person: "analyst"), emOfNorth),
        no(.assign, WF.fresh, "buyer", WF.p(person: "analyst"), emOfNorth),
        no(.assign, WF.fresh, "emSouth", WF.p(person: "analyst"), emOfNorth),
        no(.assign, WF.fresh, "em", WF.p(person: "buyer"), "not an analyst of POD north"),
        no(.assign, WF.fresh, "em", WF.p(person: "analystSouth"), "not an analyst of POD north"),
        no(.assign, WF.closed, "em", WF.p(person: "analyst"), "closed"),
        bad(.assign, WF.fresh, "em", WF.p(), "analyst"),
        bad(.assign, WF.fresh, "em", WF.p(person: "ghost"), "no person"),
        no(.take, WF.fresh, "buyer", WF.p(), "only an analyst of POD north"),
        no(.take, WF.fresh, "em", WF.p(), "only an analyst of POD north"),
        no(.take, WF.fresh, "analystSouth", WF.p(), "only an analyst of POD north"),
        no(.take, WF.assignedNew, "analyst", WF.p(), "already assigned"),
        no(.take, WF.closed, "analyst", WF.p(), "closed"),
        // send pre-approval, qualify, disqualify
        no(.sendPreApproval, WF.fresh, "buyer", WF.p(), analystOfNorth),
        no(.sendPreApproval, WF.fresh, "em", WF.p(), analystOfNorth),
        no(.sendPreApproval, WF.fresh, "analystSouth", WF.p(), analystOfNorth),
        no(.sendPreApproval, WF.southNew, "analyst", WF.p(), "only a SaaS Analyst of POD south"),
        no(.sendPreApproval, WF.qualified, "analyst", WF.p(), "it is qualified", "new"),
        no(.sendPreApproval, WF.qualifying, "analyst", WF.p(), "it is qualifying"),
        no(.qualify, WF.assignedNew, "buyer", WF.p(), analystOfNorth),
        no(.qualify, WF.assignedNew, "em", WF.p(), analystOfNorth),
        no(.qualify, WF.assignedNew, "analystSouth", WF.p(), analystOfNorth),
        no(.qualify, WF.negotiating, "analyst", WF.p(), "it is negotiating"),
        no(.qualify, WF.qualified, "analyst", WF.p(), "it is qualified"),
        no(.qualify, WF.fresh, "analyst", WF.p(), "baseline"),
        no(.disqualify, WF.qualifying, "buyer", why, analystOfNorth),
        no(.disqualify, WF.qualifying, "analystSouth", why, analystOfNorth),
        no(.disqualify, WF.negotiating, "analyst", why, "it is negotiating"),
        bad(.disqualify, WF.qualifying, "analyst", WF.p(), "reason"),
        bad(.disqualify, WF.qualifying, "analyst", WF.p(reason: "   "), "reason"),
        // hand-over
        no(.handOver, WF.qualified, "buyer", WF.p(person: "buyer"), analystOfNorth),
        no(.handOver, WF.qualified, "em", WF.p(person: "buyer"), analystOfNorth),
        no(.handOver, WF.qualified, "analystSouth", WF.p(person: "buyer"), analystOfNorth),
        no(.handOver, WF.fresh, "analyst", WF.p(person: "buyer"), "it is new", "qualified"),
        no(.handOver, WF.assignedNew, "analyst", WF.p(person: "buyer"), "it is new", "qualified"),
        no(.handOver, WF.qualifying, "analyst", WF.p(person: "buyer"), "it is qualifying", "qualified"),
        no(.handOver, WF.negotiating, "analyst", WF.p(person: "buyer2"), "it is negotiating", "qualified"),
        no(.handOver, WF.qualified, "analyst", WF.p(person: "analyst"), "not a Buyer of POD north"),
        no(.handOver, WF.qualified, "analyst", WF.p(person: "buyerSouth"), "not a Buyer of POD north"),
        bad(.handOver, WF.qualified, "analyst", WF.p(), "Buyer"),
        bad(.handOver, WF.qualified, "analyst", WF.p(person: "ghost"), "no person"),
        // put on hold, resume
        no(.putOnHold, WF.negotiating, "buyer2", why, "only its Buyer"),
        no(.putOnHold, WF.negotiating, "em", why, "only its Buyer"),
        no(.putOnHold, WF.qualifying, "buyer", why, analystOfNorth),
        no(.putOnHold, WF.qualifying, "analystSouth", why, analystOfNorth),
        no(.putOnHold, WF.qualified, "analyst", why, "it is qualified"),
        no(.putOnHold, WF.pending, "buyer", why, "it is pending-approval"),
        no(.putOnHold, WF.heldNegotiating, "buyer", why, "it is on-hold"),
        bad(.putOnHold, WF.negotiating, "buyer", WF.p(), "reason"),
        bad(.putOnHold, WF.qualifying, "analyst", WF.p(reason: " "), "reason"),
        no(.resume, WF.negotiating, "buyer", WF.p(), "it is negotiating", "on-hold"),
        no(.resume, WF.heldNegotiating, "buyer2", WF.p(), "only its Buyer"),
        no(.resume, WF.heldNegotiating, "analystSouth", WF.p(), "only its Buyer"),
        no(.resume, WF.heldQualifying, "buyer", WF.p(), analystOfNorth),
        no(.resume, WF.heldQualifying, "analystSouth", WF.p(), analystOfNorth),
        // add quote, log update, set final, cost avoidance, baseline
        no(.addQuote, WF.negotiating, "buyer2", quote, "only its Buyer"),
        no(.addQuote, WF.negotiating, "analyst", quote, "only its Buyer"),
        no(.addQuote, WF.negotiating, "em", quote, "only its Buyer"),
        no(.addQuote, WF.qualified, "buyer", quote, "only its Buyer"),
        no(.addQuote, WF.pending, "buyer", quote, "it is pending-approval", "negotiating"),
        no(.addQuote, WF.heldNegotiating, "buyer", quote, "it is on-hold", "negotiating"),
        no(.addQuote, WF.approved, "buyer", quote, "it is approved", "negotiating"),
        bad(.addQuote, WF.negotiating, "buyer", WF.p(amount: "47000", source: .reseller), "who quoted"),
        bad(.addQuote, WF.negotiating, "buyer", WF.p(amount: "47000", from: "SoftwareOne"), "source"),
        bad(.addQuote, WF.negotiating, "buyer", WF.p(from: "SoftwareOne", source: .reseller), "amount"),
        bad(.addQuote, WF.negotiating, "buyer", WF.p(amount: "47000.125", from: "SoftwareOne", source: .reseller), "cents"),
        bad(.addQuote, WF.negotiating, "buyer", WF.p(amount: "-1", from: "SoftwareOne", source: .reseller), "0 or more"),
        no(.logUpdate, WF.negotiating, "buyer2", WF.p(note: "x"), "only its Buyer"),
        no(.logUpdate, WF.negotiating, "csm", WF.p(note: "x"), "only its Buyer"),
        no(.logUpdate, WF.pending, "buyer", WF.p(note: "x"), "it is pending-approval", "negotiating"),
        no(.logUpdate, WF.heldNegotiating, "buyer", WF.p(note: "x"), "it is on-hold"),
        bad(.logUpdate, WF.negotiating, "buyer", WF.p(), "text"),
        bad(.logUpdate, WF.negotiating, "buyer", WF.p(note: "  "), "text"),
        no(.setFinal, WF.negotiating, "buyer2", WF.p(amount: "41000"), "only its Buyer"),
        no(.setFinal, WF.negotiating, "em", WF.p(amount: "41000"), "only its Buyer"),
        no(.setFinal, WF.negotiating, "analyst", WF.p(amount: "41000"), "only its Buyer"),
        no(.setFinal, WF.pending, "buyer", WF.p(amount: "41000"), "it is pending-approval", "negotiating"),
        no(.setFinal, WF.approved, "buyer", WF.p(amount: "41000"), "it is approved"),
        bad(.setFinal, WF.negotiating, "buyer", WF.p(), "final price"),
        bad(.setFinal, WF.negotiating, "buyer", WF.p(amount: "41000.005"), "cents"),
        bad(.setFinal, WF.negotiating, "buyer", WF.p(amount: "-41000"), "0 or more"),
        no(.setCostAvoidance, WF.negotiating, "buyer2", WF.p(amount: "100"), "only its Buyer"),
        no(.setCostAvoidance, WF.pending, "buyer", WF.p(amount: "100"), "negotiating"),
        bad(.setCostAvoidance, WF.negotiating, "buyer", WF.p(amount: "0.001"), "cents"),
        bad(.setCostAvoidance, WF.negotiating, "buyer", WF.p(amount: "-0.01"), "0 or more"),
        no(.setBaseline, WF.negotiating, "buyer2", WF.p(amount: "1", basis: .listPrice), "only an analyst of POD north or its Buyer"),
        no(.setBaseline, WF.assignedNew, "csm", WF.p(amount: "1", basis: .listPrice), "only an analyst of POD north or its Buyer"),
        no(.setBaseline, WF.assignedNew, "analystSouth", WF.p(amount: "1", basis: .listPrice), "only an analyst of POD north"),
        no(.setBaseline, WF.pending, "analyst", WF.p(amount: "1", basis: .listPrice), "it is pending-approval"),
        bad(.setBaseline, WF.assignedNew, "analyst", WF.p(amount: "1"), "basis"),
        bad(.setBaseline, WF.assignedNew, "analyst", WF.p(amount: "1.001", basis: .listPrice), "cents"),
        bad(.setBaseline, WF.assignedNew, "analyst", WF.p(amount: "-5", basis: .listPrice), "0 or more"),
        // submit savings
        no(.submitSavings, WF.negotiating, "buyer", WF.p(), "final price"),
        no(.submitSavings, WF.negotiating, "buyer", WF.p(reason: "sole vendor"), "final price"),
        no(.submitSavings, WF.oneSource, "buyer", WF.p(), "2 different sources"),
        no(.submitSavings, WF.oneSource, "buyer", WF.p(reason: "   "), "2 different sources"),
        no(.submitSavings, WF.twoSources, "buyer2", WF.p(), "only its Buyer"),
        no(.submitSavings, WF.twoSources, "em", WF.p(), "only its Buyer"),
        no(.submitSavings, WF.pending, "buyer", WF.p(), "it is pending-approval"),
        // approve, reject
        no(.approve, WF.pending, "emSouth", WF.p(), emOfNorth),
        no(.approve, WF.pending, "analyst", WF.p(), emOfNorth),
        no(.approve, WF.pending, "buyer", WF.p(), emOfNorth),
        no(.approve, WF.pending, "csm", WF.p(), emOfNorth),
        no(.approve, WF.pendingOwnEM, "emBuyer", WF.p(), "segregation of duties"),
        no(.approve, WF.negotiating, "em", WF.p(), "it is negotiating", "pending-approval"),
        no(.approve, WF.approved, "em", WF.p(), "it is approved"),
        no(.reject, WF.pending, "emSouth", WF.p(note: "no"), emOfNorth),
        no(.reject, WF.pending, "buyer", WF.p(note: "no"), emOfNorth),
        no(.reject, WF.pendingOwnEM, "emBuyer", WF.p(note: "no"), "segregation of duties"),
        no(.reject, WF.negotiating, "em", WF.p(note: "no"), "it is negotiating"),
        bad(.reject, WF.pending, "em", WF.p(), "note"),
        bad(.reject, WF.pending, "em", WF.p(note: "  "), "note"),
        // escalate, flag breach
        no(.escalate, WF.negotiating, "analystSouth", WF.p(escalation: .customerUnresponsive), "only people of POD north"),
        no(.escalate, WF.negotiating, "emSouth", WF.p(escalation: .customerUnresponsive), "only people of POD north"),
        no(.escalate, WF.negotiating, "buyerSouth", WF.p(escalation: .customerUnresponsive), "only people of POD north"),
        no(.escalate, WF.closed, "analyst", WF.p(escalation: .customerUnresponsive), "it is closed"),
        bad(.escalate, WF.negotiating, "buyer", WF.p(), "reason"),
        bad(.escalate, WF.negotiating, "buyer", WF.p(escalation: .other), "note"),
        no(.flagBreach, WF.assignedNew, "analyst", WF.p(), "not in breach"),
        no(.flagBreach, WF.closed, "analyst", WF.p(), "not in breach"),
        no(.flagBreach, WF.breach, "buyer", WF.p(), analystOfNorth),
        no(.flagBreach, WF.breach, "em", WF.p(), analystOfNorth),
        no(.flagBreach, WF.breach, "analystSouth", WF.p(), analystOfNorth),
        // cancel, close, lost
        no(.cancel, WF.fresh, "buyer", why, analystOfNorth),
        no(.cancel, WF.fresh, "em", why, analystOfNorth),
        no(.cancel, WF.fresh, "analystSouth", why, analystOfNorth),
        no(.cancel, WF.approved, "analyst", why, "it is approved"),
        no(.cancel, WF.closed, "analyst", why, "it is closed"),
        bad(.cancel, WF.fresh, "analyst", WF.p(), "reason"),
        bad(.cancel, WF.fresh, "analyst", WF.p(reason: ""), "reason"),
        no(.close, WF.pending, "analyst", WF.p(), "it is pending-approval", "approved"),
        no(.close, WF.negotiating, "analyst", WF.p(), "it is negotiating", "approved"),
        no(.close, WF.closed, "analyst", WF.p(), "it is closed"),
        no(.close, WF.approved, "buyer", WF.p(), analystOfNorth),
        no(.close, WF.approved, "em", WF.p(), analystOfNorth),
        no(.close, WF.approved, "analystSouth", WF.p(), analystOfNorth),
        no(.markLost, WF.negotiating, "buyer2", why, "only an analyst of POD north or its Buyer"),
        no(.markLost, WF.negotiating, "csm", why, "only an analyst of POD north or its Buyer"),
        no(.markLost, WF.qualified, "analyst", why, "it is qualified"),
        no(.markLost, WF.closed, "analyst", why, "it is closed"),
        bad(.markLost, WF.negotiating, "buyer", WF.p(), "reason"),
        // set health
        no(.setHealth, "acme", "buyer", WF.p(health: .critical), "only an EM or CSM of POD north"),
        no(.setHealth, "acme", "analyst", WF.p(health: .critical), "only an EM or CSM of POD north"),
        no(.setHealth, "acme", "emSouth", WF.p(health: .critical), "only an EM or CSM of POD north"),
        no(.setHealth, "globex", "csm", WF.p(health: .critical), "only an EM or CSM of POD south"),
        bad(.setHealth, "acme", "csm", WF.p(), "health"),
        bad(.setHealth, "nowhere", "csm", WF.p(health: .critical), "no account"),
        // mark reviewed, publish calendar
        no(.markReviewed, "today", "buyer", WF.p(), "only an analyst"),
        no(.markReviewed, "today", "em", WF.p(), "only an analyst"),
        no(.markReviewed, "2026-11-22", "analyst", WF.p(), "for today"),
        no(.markReviewed, "2026-11-20", "analyst", WF.p(), "for today"),
        no(.publishCalendar, "2027-Q1", "buyer", WF.p(), "only an analyst"),
        no(.publishCalendar, "2026-Q4", "analyst", WF.p(), "has started"),
        no(.publishCalendar, "2026-Q3", "analyst", WF.p(), "has started"),
        bad(.publishCalendar, "2027-Q5", "analyst", WF.p(), "quarter"),
        bad(.publishCalendar, "Q1", "analyst", WF.p(), "quarter"),
        // acknowledge, resolve an escalation (WF.store() has none)
        no(.acknowledgeEscalation, WF.negotiating, "em", WF.p(), "no escalation"),
        no(.acknowledgeEscalation, WF.negotiating, "buyer", WF.p(), "only an Engagement Manager of POD north"),
        no(.resolveEscalation, WF.negotiating, "emSouth", WF.p(note: "done"), "only an Engagement Manager of POD north"),
        // undo
        bad(.undo, "last", "analyst", WF.p(), "index"),
        bad(.undo, "1", "analyst", WF.p(), "index"),
        bad(.undo, "-1", "analyst", WF.p(), "index"),
        no(.undo, "0", "em", WF.p(), "only Ana North may undo"),
        no(.reassign, WF.negotiating, "buyer", WF.p(person: "buyer2"), "may not reassign", "Engagement Manager"),
        no(.reassign, WF.negotiating, "emSouth", WF.p(person: "buyer2"), "may not reassign"),
        no(.reassign, WF.pending, "em", WF.p(person: "buyer2"), "cannot reassign", "pending-approval"),
        no(.reassign, WF.qualified, "em", WF.p(person: "buyer2"), "cannot reassign"),
        no(.reassign, WF.negotiating, "em", WF.p(person: "buyerSouth"), "is not a Buyer of POD north"),
        no(.reassign, WF.negotiating, "em", WF.p(person: "buyer"), "already"),
        Refusal(kind: .reassign, target: WF.negotiating, by: "em", params: WF.p(), badInput: true, says: ["--person"]),
    ] + AccountActionsTests.refusals + ImportTests.refusals + MeasurementActionTests.refusals

    @Test(arguments: WorkflowTests.refusals)
    func refused(_ c: Refusal) {
        let store = WF.store()
        let r = WF.refusal(c.kind, c.target, by: c.by, c.params, in: store)
        if c.badInput {
            expectRefusal(r, badInput: true, c.says.first ?? "")
            for s in c.says.dropFirst() { expectRefusal(r, badInput: true, s) }
        } else {
            expectRefusal(r, c.says.first ?? "")
            for s in c.says.dropFirst() { expectRefusal(r, s) }
        }
    }

    @Test func everyActionHasARefusalCase() {
        let covered = Set(Self.refusals.map(\.kind))
        #expect(covered == Set(ActionKind.allCases))
    }

    @Test func whyNotExplainsTheRulesAndIgnoresMissingValues() {
        let s = WF.store()
        #expect(Workflow.whyNot(.handOver, target: WF.fresh, by: "analyst", at: WF.now, in: s)?.contains("qualified") == true)
        #expect(Workflow.whyNot(.handOver, target: WF.qualified, by: "analyst", at: WF.now, in: s) == nil)
        #expect(Workflow.whyNot(.handOver, target: WF.qualified, by: "buyer", at: WF.now, in: s) != nil)
        #expect(Workflow.whyNot(.addQuote, target: WF.negotiating, by: "buyer2", at: WF.now, in: s)?.contains("only its Buyer") == true)
        #expect(Workflow.whyNot(.reject, target: WF.pending, by: "em", at: WF.now, in: s) == nil)
        #expect(Workflow.whyNot(.close, target: WF.pending, by: "analyst", at: WF.now, in: s)?.contains("approved") == true)
        #expect(Workflow.whyNot(.flagBreach, target: WF.assignedNew, by: "analyst", at: WF.now, in: s)?.contains("not in breach") == true)
        #expect(Workflow.whyNot(.setHealth, target: "acme", by: "buyer", at: WF.now, in: s) != nil)
        #expect(Workflow.whyNot(.setHealth, target: "acme", by: "csm", at: WF.now, in: s) == nil)
    }

    // MARK: - Undo

    /// The analyst qualifies `id` at WF.now; returns the outcome and the index of its activity entry.
    func qualified(_ id: String, in store: Store = WF.store()) throws -> (ActionOutcome, Int) {
        let o = try WF.run(.qualify, id, by: "analyst", in: store)
        return (o, o.store.activity.count - 1)
    }

    @Test(arguments: [(WF.assignedNew, RequestStatus.new), (WF.qualifying, .qualifying)])
    func undoOfQualifyRestoresTheStatusWithACompensatingEntry(_ id: String, _ before: RequestStatus) throws {
        let old = WF.store()
        let (q, k) = try qualified(id, in: old)
        let u = try WF.run(.undo, String(k), by: "analyst", at: WF.later, in: q.store)
        let r = try #require(u.store.request(id))
        let original = try #require(old.request(id))
        #expect(r.status == before)
        #expect(r.history.count == original.history.count + 2)
        let undoEntry = try #require(r.history.last)
        #expect(undoEntry.from == .qualified)
        #expect(undoEntry.to == before)
        #expect(undoEntry.by == "analyst")
        #expect(undoEntry.at == WF.later)
        #expect(undoEntry.extras["undoes"] == .number(String(original.history.count)))
        // Both the qualify entry and its undo are left out of every clock.
        #expect(RequestTimeline.effective(r.history) == original.history)
        let tl = Snapshot(store: u.store, today: WF.today).timeline(r)
        #expect(tl.status == before)
        #expect(tl.entries == original.history)
        // The undo is itself audited.
        expectAudited(u, old: q.store, .undo, by: "analyst", target: id, at: WF.later)
        #expect(u.activity.extras["undoes"] == .number(String(k)))
        let change = ActivityChange.diff(StoreEncoder.request(try #require(q.store.request(id))), StoreEncoder.request(r))
        #expect(u.activity.before == change.before)
        #expect(u.activity.after == change.after)
        // Everything else about the request is as before the qualify.
        var same = r
        same.history = original.history
        #expect(same == original)
    }

    @Test func undoByAnotherPersonIsRefused() throws {
        let (q, k) = try qualified(WF.assignedNew)
        expectRefusal(WF.refusal(.undo, String(k), by: "em", at: WF.later, in: q.store), "only Ana North")
        expectRefusal(WF.refusal(.undo, String(k), by: "analystSouth", at: WF.later, in: q.store), "only Ana North")
    }

    @Test func undoTwiceIsRefused() throws {
        let (q, k) = try qualified(WF.assignedNew)
        let u = try WF.run(.undo, String(k), by: "analyst", at: WF.later, in: q.store)
        expectRefusal(WF.refusal(.undo, String(k), by: "analyst", at: WF.latest, in: u.store), "already undone")
        // Nor is an undo undone.
        expectRefusal(WF.refusal(.undo, String(u.store.activity.count - 1), by: "analyst", at: WF.latest, in: u.store),
                      "an undo is not undone")
    }

    @Test func undoAfterSomeoneElseChangedTheRequestIsRefused() throws {
        let s = WF.store()
        let h = try WF.run(.handOver, WF.qualified, by: "analyst", WF.p(person: "buyer"), in: s)
        let k = h.store.activity.count - 1
        let l = try WF.run(.logUpdate, WF.qualified, by: "buyer", WF.p(note: "first call done"), at: WF.later, in: h.store)
        expectRefusal(WF.refusal(.undo, String(k), by: "analyst", at: WF.latest, in: l.store), "changed since", "log-update")
    }

    @Test func aChangeToAnotherRequestDoesNotBlockAnUndo() throws {
        let (q, k) = try qualified(WF.assignedNew)
        let other = try WF.run(.logUpdate, WF.negotiating, by: "buyer", WF.p(note: "call done"), at: WF.later, in: q.store)
        let u = try WF.run(.undo, String(k), by: "analyst", at: WF.latest, in: other.store)
        #expect(u.store.request(WF.assignedNew)?.status == .new)
        #expect(u.store.request(WF.negotiating)?.updates.count == 1)
    }

    @Test func undoingTheLaterActionFirstLetsTheEarlierOneBeUndone() throws {
        // qualify, hand over, undo the hand-over, then undo the qualify: "undo that first" was done.
        let (q, k) = try qualified(WF.assignedNew)
        let h = try WF.run(.handOver, WF.assignedNew, by: "analyst", WF.p(person: "buyer"), at: WF.later, in: q.store)
        let uh = try WF.run(.undo, String(h.store.activity.count - 1), by: "analyst", at: WF.later, in: h.store)
        #expect(uh.store.request(WF.assignedNew)?.status == .qualified)
        #expect(uh.store.request(WF.assignedNew)?.buyer == nil)
        let uq = WF.refusal(.undo, String(k), by: "analyst", at: WF.latest, in: uh.store)
        #expect(uq == nil, "the hand-over was undone, so the qualify may be undone too; got: \(uq?.description ?? "")")
    }

    @Test func undoOfAddQuoteRemovesTheQuote() throws {
        let old = WF.store()
        let a = try WF.run(.addQuote, WF.negotiating, by: "buyer", WF.p(amount: "45000", from: "Zylo", source: .alternative), in: old)
        #expect(a.store.request(WF.negotiating)?.quotes.count == 2)
        let u = try WF.run(.undo, String(a.store.activity.count - 1), by: "buyer", at: WF.later, in: a.store)
        #expect(u.store.request(WF.negotiating)?.quotes == old.request(WF.negotiating)?.quotes)
        #expect(u.store.request(WF.negotiating) == old.request(WF.negotiating))
        #expect(u.store.request(WF.negotiating)?.history == old.request(WF.negotiating)?.history)
        expectAudited(u, old: a.store, .undo, by: "buyer", target: WF.negotiating, at: WF.later)
    }

    @Test func undoOfAssignClearsTheAssignment() throws {
        let old = WF.store()
        let a = try WF.run(.assign, WF.fresh, by: "em", WF.p(person: "analyst"), in: old)
        let u = try WF.run(.undo, String(a.store.activity.count - 1), by: "em", at: WF.later, in: a.store)
        #expect(u.store.request(WF.fresh)?.analyst == nil)
        #expect(u.store.request(WF.fresh)?.assignedAt == nil)
        #expect(u.store.request(WF.fresh) == old.request(WF.fresh))
    }

    @Test func undoOfMarkReviewedRemovesTheReview() throws {
        let old = WF.store()
        let m = try WF.run(.markReviewed, "today", by: "analyst", in: old)
        let k = m.store.activity.count - 1
        let u = try WF.run(.undo, String(k), by: "analyst", at: WF.later, in: m.store)
        #expect(u.store.reviews == old.reviews)
        expectAudited(u, old: m.store, .undo, by: "analyst", target: "2026-11-23", at: WF.later)
        #expect(u.activity.after == .null)
        #expect(u.activity.extras["undoes"] == .number(String(k)))
        // The day may be marked again.
        let again = try WF.run(.markReviewed, "today", by: "analyst", at: WF.latest, in: u.store)
        #expect(again.store.reviews.count == old.reviews.count + 1)
    }

    @Test func undoOfMyReviewIsNotBlockedByAnotherAnalystsReviewOfTheSameDay() throws {
        // Reviews are per analyst: Sam's review of the day changes nothing of Ana's.
        let old = WF.store()
        let mine = try WF.run(.markReviewed, "today", by: "analyst", in: old)
        let k = mine.store.activity.count - 1
        let theirs = try WF.run(.markReviewed, "today", by: "analystSouth", at: WF.later, in: mine.store)
        let r = WF.refusal(.undo, String(k), by: "analyst", at: WF.latest, in: theirs.store)
        #expect(r == nil, "got: \(r?.description ?? "")")
        if r == nil {
            let u = try WF.run(.undo, String(k), by: "analyst", at: WF.latest, in: theirs.store)
            #expect(u.store.reviews == old.reviews + [Review(on: WF.today, by: "analystSouth")])
        }
    }

    @Test func undoOfPublishCalendarRemovesThePublication() throws {
        let old = WF.store()
        let p = try WF.run(.publishCalendar, "2027-Q1", by: "analyst", in: old)
        let u = try WF.run(.undo, String(p.store.activity.count - 1), by: "analyst", at: WF.later, in: p.store)
        #expect(u.store.publications == old.publications)
        expectAudited(u, old: p.store, .undo, by: "analyst", target: "2027-Q1", at: WF.later)
    }

    @Test func undoOfSetHealthRestoresTheAccount() throws {
        let old = WF.store()
        let h = try WF.run(.setHealth, "acme", by: "csm", WF.p(health: .critical, sentiment: "angry"), in: old)
        let u = try WF.run(.undo, String(h.store.activity.count - 1), by: "csm", at: WF.later, in: h.store)
        #expect(u.store.account("acme") == old.account("acme"))
        expectAudited(u, old: h.store, .undo, by: "csm", target: "acme", at: WF.later)
    }

    @Test func anApprovalThatWasUndoneCountsNowhere() throws {
        let old = WF.store()
        let a = try WF.run(.approve, WF.pending, by: "em", in: old)
        let approvedReq = try #require(a.store.request(WF.pending))
        let approvedSnap = Snapshot(store: a.store, today: WF.today)
        #expect(approvedSnap.timeline(approvedReq).approval == WF.now)
        #expect(approvedSnap.approvedSavings(approvedReq)?.amount == 8000)

        let u = try WF.run(.undo, String(a.store.activity.count - 1), by: "em", at: WF.later, in: a.store)
        let r = try #require(u.store.request(WF.pending))
        #expect(r.status == .pendingApproval)
        let snap = Snapshot(store: u.store, today: WF.today)
        #expect(snap.timeline(r).approval == nil)
        #expect(snap.timeline(r).status == .pendingApproval)
        #expect(snap.approvedSavings(r) == nil)
        #expect(snap.accountSavings["acme"]?.approvals.contains { $0.request == WF.pending } == false)

        // Approved again later: the approval counts from then.
        let again = try WF.run(.approve, WF.pending, by: "em", at: WF.latest, in: u.store)
        let r2 = try #require(again.store.request(WF.pending))
        #expect(Snapshot(store: again.store, today: WF.today).timeline(r2).approval == WF.latest)
    }
}
