import Foundation
import Testing
@testable import PodboardCore

// The account view's actions (Workflow+Accounts.swift): the onboarding checklist and the SaaS stack. The store is
// WF.accountStore(): WF.store() with a checklist on acme (item 1 "Kick-off call" done, item 2 "SaaS stack
// uploaded" open) and two more contracts of acme: C-3 (Notion, monthly, 12000 a year, 2026-01-01 … 2027-06-30)
// and C-4 (Miro, offline, 6000). Actions run at WF.now (Monday 2026-11-23 10:00, Asia/Kolkata).

extension WF {
    static func accountStore() -> Store {
        var s = store()
        s.accounts[0].onboarding = Onboarding(checklist: [ChecklistItem(item: "Kick-off call", done: true),
                                                          ChecklistItem(item: "SaaS stack uploaded", done: false)])
        var notion = contract("C-3", tool: "Notion", vendor: "Notion Labs", value: 12000)
        notion.billing = .monthly
        notion.endsOn = LocalDate("2027-06-30")!
        var miro = contract("C-4", tool: "Miro", vendor: "Miro", value: 6000)
        miro.offline = true
        s.contracts += [notion, miro]
        return s
    }

    /// An allowed sample of each account-view action on accountStore().
    static func accountSample(_ kind: ActionKind) -> (store: Store, action: ActionRequest, by: String, logged: String) {
        let s = accountStore()
        func a(_ target: String, _ params: ActionParams) -> ActionRequest { ActionRequest(kind, target: target, params: params) }
        var v = ActionParams()
        switch kind {
        case .tickItem: v.item = "2"; return (s, a("acme", v), "analyst", "acme")
        case .untickItem: v.item = "Kick-off call"; return (s, a("acme", v), "em", "acme")
        case .addItem: v.item = "Vendor contacts imported"; return (s, a("acme", v), "analyst", "acme")
        case .addContract:
            v = p(amount: "30000", tool: "Figma", vendor: "Figma Inc")
            v.billing = .annual; v.startsOn = LocalDate("2026-12-01"); v.endsOn = LocalDate("2027-11-30")
            return (s, a("acme", v), "analyst", "C-0005")
        case .editContract: v.amount = 50000; v.noticeDays = 60; return (s, a("C-1", v), "analyst", "C-1")
        case .takeOffline: return (s, a("C-2", v), "analyst", "C-2")
        case .putOnPlatform: return (s, a("C-4", v), "em", "C-4")
        case .sunset: v.on = LocalDate("2026-11-30"); return (s, a("C-2", v), "analyst", "C-2")
        case .convertToAnnual: return (s, a("C-3", v), "analyst", "C-3")
        default: fatalError("not an account-view action: \(kind)")
        }
    }
}

@Suite struct AccountActionsTests {
    typealias Refusal = WorkflowTests.Refusal
    static func no(_ kind: ActionKind, _ target: String, _ by: String, _ params: ActionParams = ActionParams(), _ says: String...) -> Refusal {
        Refusal(kind: kind, target: target, by: by, params: params, badInput: false, says: says)
    }
    static func bad(_ kind: ActionKind, _ target: String, _ by: String, _ params: ActionParams = ActionParams(), _ says: String...) -> Refusal {
        Refusal(kind: kind, target: target, by: by, params: params, badInput: true, says: says)
    }
    static func item(_ s: String) -> ActionParams { var v = ActionParams(); v.item = s; return v }
    static func on(_ s: String) -> ActionParams { var v = ActionParams(); v.on = LocalDate(s); return v }
    static let stackRule = "only a SaaS Analyst or the Engagement Manager of POD north"

    /// Refusals that hold on WF.store() (run with the other refusals by WorkflowTests).
    static let refusals: [Refusal] = [
        no(.tickItem, "acme", "buyer", item("1"), stackRule),
        no(.untickItem, "acme", "csm", item("1"), stackRule),
        no(.addItem, "acme", "analystSouth", item("x"), stackRule),
        no(.addContract, "acme", "csm", WF.p(amount: "1", tool: "a", vendor: "b"), stackRule),
        no(.editContract, "C-1", "buyer", WF.p(amount: "1"), stackRule),
        no(.takeOffline, "C-1", "emSouth", ActionParams(), stackRule),
        no(.putOnPlatform, "C-1", "analyst", ActionParams(), "already on the platform"),
        no(.sunset, "C-2", "buyer2", on("2026-12-01"), stackRule),
        no(.convertToAnnual, "C-1", "analyst", ActionParams(), "billed annually already"),
        bad(.tickItem, "acme", "analyst", item("1"), "checklist", "empty"),
        bad(.sunset, "C-2", "analyst", ActionParams(), "day"),
        bad(.editContract, "C-404", "admin", WF.p(amount: "1"), "no contract"),
    ]

    /// Refusals on accountStore().
    static let accountRefusals: [Refusal] = [
        no(.tickItem, "acme", "analyst", item("1"), "already ticked"),
        no(.untickItem, "acme", "analyst", item("2"), "already not ticked"),
        bad(.tickItem, "acme", "analyst", item("3"), "items 1 to 2"),
        bad(.tickItem, "acme", "analyst", item("Nope"), "no item \"Nope\""),
        bad(.tickItem, "acme", "analyst", ActionParams(), "item"),
        no(.addItem, "acme", "em", item("kick-off CALL"), "already has"),
        bad(.addItem, "acme", "em", item("  "), "text"),
        bad(.addContract, "acme", "analyst", WF.p(amount: "1", vendor: "b"), "tool"),
        bad(.addContract, "acme", "analyst", WF.p(amount: "1", tool: "a", vendor: "b"), "billing"),
        no(.editContract, "C-3", "analyst", { var v = ActionParams(); v.billing = .annual; return v }(), "convert-to-annual"),
        no(.editContract, "C-1", "analyst", WF.p(amount: "48000"), "changes nothing"),
        bad(.editContract, "C-1", "analyst", ActionParams(), "needs a new value"),
        bad(.editContract, "C-1", "analyst", { var v = ActionParams(); v.endsOn = LocalDate("2025-01-01"); return v }(), "before it starts"),
        no(.takeOffline, "C-4", "analyst", ActionParams(), "already offline"),
        bad(.sunset, "C-1", "analyst", on("2025-12-31"), "starts on 2026-01-01"),
        no(.convertToAnnual, "C-2", "em", ActionParams(), "annually already"),
        bad(.tickItem, "nowhere", "admin", item("1"), "no account"),
    ]

    @Test(arguments: AccountActionsTests.accountRefusals)
    func refused(_ c: Refusal) {
        let r = WF.refusal(c.kind, c.target, by: c.by, c.params, in: WF.accountStore())
        for s in c.says { expectRefusal(r, badInput: c.badInput, s) }
    }

    @Test func addContractNeedsDatesInOrderAndAFreeId() {
        var v = WF.p(amount: "100", tool: "Figma", vendor: "Figma Inc")
        v.billing = .annual; v.startsOn = LocalDate("2027-01-01"); v.endsOn = LocalDate("2026-12-31")
        expectRefusal(WF.refusal(.addContract, "acme", by: "analyst", v, in: WF.accountStore()), badInput: true, "before it starts")
        v.endsOn = LocalDate("2027-12-31"); v.contract = "C-1"
        expectRefusal(WF.refusal(.addContract, "acme", by: "analyst", v, in: WF.accountStore()), "already a contract C-1")
    }

    // MARK: - Each parameter lands in the store

    /// (action, target, params, who, what the changed record must show).
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: ActionKind
        let target: String
        let params: ActionParams
        let check: @Sendable (Store) -> Bool
        var testDescription: String { name }
    }

    static func params(_ f: (inout ActionParams) -> Void) -> ActionParams { var v = ActionParams(); f(&v); return v }

    static let cases: [Case] = [
        Case(name: "tick item 2 (the last open one) completes onboarding today", kind: .tickItem, target: "acme", params: item("2")) {
            $0.account("acme")!.onboarding.checklist.map(\.done) == [true, true] && $0.account("acme")!.onboarding.completedOn == WF.today
        },
        Case(name: "untick by text", kind: .untickItem, target: "acme", params: item("kick-off call")) {
            $0.account("acme")!.onboarding.checklist.map(\.done) == [false, false] && $0.account("acme")!.onboarding.completedOn == nil
        },
        Case(name: "add item appends an open item", kind: .addItem, target: "acme", params: item("SSO configured")) {
            $0.account("acme")!.onboarding.checklist.last == ChecklistItem(item: "SSO configured", done: false)
                && $0.account("acme")!.onboarding.checklist.count == 3
        },
        Case(name: "add contract: every term", kind: .addContract, target: "acme", params: params {
            $0.tool = "Figma"; $0.vendor = "Figma Inc"; $0.billing = .monthly; $0.amount = Decimal(string: "30000.50")
            $0.startsOn = LocalDate("2026-12-01"); $0.endsOn = LocalDate("2027-11-30"); $0.autoRenew = true; $0.noticeDays = 45
            $0.offline = true; $0.contract = "FIG-1"
        }) {
            $0.contract("FIG-1") == Contract(id: "FIG-1", account: "acme", tool: "Figma", vendor: "Figma Inc", billing: .monthly,
                                             annualValue: Decimal(string: "30000.50")!, startsOn: LocalDate("2026-12-01")!,
                                             endsOn: LocalDate("2027-11-30")!, autoRenew: true, noticeDays: 45, addedOn: WF.today, offline: true)
        },
        Case(name: "add contract: defaults and the next id", kind: .addContract, target: "acme", params: params {
            $0.tool = "Figma"; $0.vendor = "Figma Inc"; $0.billing = .annual; $0.amount = 100
            $0.startsOn = LocalDate("2026-12-01"); $0.endsOn = LocalDate("2027-11-30")
        }) {
            guard let c = $0.contract("C-0005") else { return false }
            return !c.autoRenew && c.noticeDays == 30 && !c.offline && c.addedOn == WF.today && c.sunsetOn == nil
        },
        Case(name: "edit: annual value", kind: .editContract, target: "C-1", params: params { $0.amount = Decimal(string: "45999.99") }) {
            $0.contract("C-1")!.annualValue == Decimal(string: "45999.99")!
        },
        Case(name: "edit: dates", kind: .editContract, target: "C-1", params: params {
            $0.startsOn = LocalDate("2026-02-01"); $0.endsOn = LocalDate("2027-01-31")
        }) { $0.contract("C-1")!.startsOn == LocalDate("2026-02-01")! && $0.contract("C-1")!.endsOn == LocalDate("2027-01-31")! },
        Case(name: "edit: auto-renew and notice days", kind: .editContract, target: "C-1", params: params { $0.autoRenew = false; $0.noticeDays = 90 }) {
            !$0.contract("C-1")!.autoRenew && $0.contract("C-1")!.noticeDays == 90
        },
        Case(name: "edit: billing annual → monthly", kind: .editContract, target: "C-1", params: params { $0.billing = .monthly }) {
            $0.contract("C-1")!.billing == .monthly && $0.contract("C-1")!.convertedToAnnualOn == nil
        },
        Case(name: "take offline", kind: .takeOffline, target: "C-2", params: ActionParams()) { $0.contract("C-2")!.offline },
        Case(name: "put on the platform: added today", kind: .putOnPlatform, target: "C-4", params: ActionParams()) {
            !$0.contract("C-4")!.offline && $0.contract("C-4")!.addedOn == WF.today
        },
        Case(name: "sunset on a date", kind: .sunset, target: "C-2", params: on("2026-12-15")) { $0.contract("C-2")!.sunsetOn == LocalDate("2026-12-15")! },
        Case(name: "convert monthly to annual", kind: .convertToAnnual, target: "C-3", params: ActionParams()) {
            $0.contract("C-3")!.billing == .annual && $0.contract("C-3")!.convertedToAnnualOn == WF.today
        },
    ]

    @Test(arguments: AccountActionsTests.cases)
    func eachParameterLandsAndIsUndone(_ c: Case) throws {
        let old = WF.accountStore()
        let o = try WF.run(c.kind, c.target, by: "analyst", c.params, in: old)
        #expect(c.check(o.store))
        let logged = c.kind == .addContract ? o.activity.target : c.target
        expectAudited(o, old: old, c.kind, by: "analyst", target: logged)
        #expect(o.store.requests == old.requests)
        // Journaled like the others: the action survives its JSON coding.
        let action = ActionRequest(c.kind, target: c.target, params: c.params)
        #expect(try ActionCoding.decode(ActionCoding.encode(action)).get() == action)
        // Undo puts the account or the contract back exactly.
        let u = try WF.run(.undo, String(o.store.activity.count - 1), by: "analyst", at: WF.later, in: o.store)
        #expect(u.store.accounts == old.accounts)
        #expect(u.store.contracts == old.contracts)
        #expect(u.store.activity.count == old.activity.count + 2)
    }

    @Test func anAdminMayChangeAnyStack() throws {
        let (store, action, _, logged) = WF.accountSample(.convertToAnnual)
        let o = try Workflow.perform(action, by: "admin", at: WF.now, in: store)
        expectAudited(o, old: store, .convertToAnnual, by: "admin", target: logged)
    }

    @Test func aCompletedOnboardingOfAnEndedQuarterIsSettled() {
        var s = WF.accountStore()
        s.accounts[0].onboarding.checklist[1].done = true
        s.accounts[0].onboarding.completedOn = LocalDate("2026-09-30")
        expectRefusal(WF.refusal(.untickItem, "acme", by: "analyst", Self.item("1"), in: s), "2026-Q3", "settled")
        expectRefusal(WF.refusal(.addItem, "acme", by: "analyst", Self.item("New"), in: s), "settled")
        // Completed this quarter: reopened.
        s.accounts[0].onboarding.completedOn = LocalDate("2026-11-02")
        let o = try? WF.run(.untickItem, "acme", by: "analyst", Self.item("1"), in: s)
        #expect(o?.store.account("acme")?.onboarding.completedOn == nil)
    }

    @Test func undoOfAnAddedContractRemovesItUnlessARequestNamesIt() throws {
        let (store, action, by, id) = WF.accountSample(.addContract)
        let added = try Workflow.perform(action, by: by, at: WF.now, in: store)
        #expect(added.store.contract(id) != nil)
        var named = added.store
        named.requests[0].contract = id
        expectRefusal(WF.refusal(.undo, String(added.store.activity.count - 1), by: by, at: WF.later, in: named), "names it")
        // A later change to the contract stands in the way until it is undone.
        var v = ActionParams(); v.noticeDays = 10
        let edited = try WF.run(.editContract, id, by: by, v, at: WF.later, in: added.store)
        expectRefusal(WF.refusal(.undo, String(added.store.activity.count - 1), by: by, at: WF.latest, in: edited.store), "changed since")
    }

    @Test func convertingMovesTheMonthlyToAnnualGauge() throws {
        let old = WF.accountStore()
        let before = KPIEngine.compute(store: old, today: WF.today).result("em.monthlyToAnnual", scope: "north")!
        let o = try WF.run(.convertToAnnual, "C-3", by: "em", in: old)
        let after = KPIEngine.compute(store: o.store, today: WF.today).result("em.monthlyToAnnual", scope: "north")!
        #expect(before.met == 0 && before.counted == 1)
        #expect(after.met == 1 && after.counted == 1)
    }

    @Test func nextContractIdFollowsTheHighestNumber() {
        #expect(Context.nextContractId([]) == "C-0001")
        #expect(Context.nextContractId(["C-0001", "C-0042", "X-9"]) == "C-0043")
        #expect(Context.nextContractId(["C-1", "C-2"]) == "C-0003")
        #expect(Context.nextContractId(["C-99999"]) == "C-100000")
    }

    @Test func whyNotUsesTheItemUnderTheCursor() {
        let s = WF.accountStore()
        #expect(Workflow.whyNot(.tickItem, target: "acme", by: "analyst", at: WF.now, in: s) == nil)
        #expect(Workflow.whyNot(.tickItem, target: "acme", by: "analyst", at: WF.now, in: s, given: Self.item("1"))?.contains("already ticked") == true)
        #expect(Workflow.whyNot(.sunset, target: "C-1", by: "analyst", at: WF.now, in: s) == nil)
        #expect(Workflow.whyNot(.editContract, target: "C-1", by: "buyer", at: WF.now, in: s)?.contains("only a SaaS Analyst") == true)
    }
}
