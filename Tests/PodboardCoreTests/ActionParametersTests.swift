import Foundation
import Testing
@testable import PodboardCore

/// Every value an action takes lands in the store: nothing reaches the journal and is then dropped (the issue
/// found the disqualify note dropped). Table-driven over `ActionKind.parameters`, so a new action or value is
/// covered as soon as it is declared.
@Suite("Every parameter of every action lands in the store")
struct ActionParametersTests {
    /// A value for `param` that can be recognised in the store's JSON afterwards (the sample's own value where
    /// the rules need a particular one: a person, an enum).
    static func fill(_ params: inout ActionParams, _ param: ActionParam, kind: ActionKind, store: Store, target: String) -> String? {
        switch param {
        case .which: return nil  // picks the escalation
        case .item:
            guard kind == .addItem else { return nil }  // picks the item to tick
            params.item = "Item ✎"; return params.item!
        case .billing:
            params.billing = params.billing ?? store.contract(target)?.billing ?? .annual
            return "\"billing\": \"\(params.billing!.rawValue)\""
        case .starts: params.startsOn = params.startsOn ?? LocalDate("2026-12-01"); return "\"\(params.startsOn!)\""
        case .ends: params.endsOn = params.endsOn ?? LocalDate("2027-11-30"); return "\"\(params.endsOn!)\""
        case .on: return "\"\(params.on!)\""
        case .autoRenew: params.autoRenew = true; return "\"autoRenew\": true"
        case .noticeDays: params.noticeDays = 45; return "\"noticeDays\": 45"
        case .offline: params.offline = true; return "\"offline\": true"
        case .note: params.note = "note ✎ \(kind.rawValue)"; return params.note!
        case .reason: params.reason = "reason ✎ \(kind.rawValue)"; return params.reason!
        case .from: params.from = "From ✎ \(kind.rawValue)"; return params.from!
        case .sentiment: params.sentiment = "sentiment ✎ \(kind.rawValue)"; return params.sentiment!
        case .tool: params.tool = "Tool ✎"; return params.tool!
        case .vendor: params.vendor = "Vendor ✎"; return params.vendor!
        case .amount: params.amount = Decimal(string: "12345.67"); return "12345.67"
        case .term: params.termMonths = 18; return "\"termMonths\": 18"
        case .person: return "\"\(params.person!)\""
        case .basis: return "\"\(params.basis!.rawValue)\""
        case .source: return "\"\(params.source!.rawValue)\""
        case .escalation: return "\"\(params.escalationReason!.rawValue)\""
        case .health: return "\"\(params.health!.rawValue)\""
        case .kind: return "\"\(params.kind!.rawValue)\""
        case .contract: params.contract = "C-0777"; return "\"C-0777\""
        case .scope: return "\"id\": \"\(params.scope!.split(separator: ":").last!)\""
        case .period: return "\"\(params.period!)\""
        case .value: params.value = 42; return "\"value\": 42"
        }
    }

    /// The JSON of what the action changed: the request or account it names (for raise: the new request).
    static func targetJSON(_ store: Store, _ kind: ActionKind, logged: String) -> String {
        if kind == .recordMeasurement, let m = store.measurements.last { return JSONWriter.write(StoreEncoder.measurement(m)) }
        if kind.target == .account && kind != .raise, let a = store.account(logged) { return JSONWriter.write(StoreEncoder.account(a)) }
        if let r = store.request(logged) { return JSONWriter.write(StoreEncoder.request(r)) }
        if let c = store.contract(logged) { return JSONWriter.write(StoreEncoder.contract(c)) }
        if let a = store.account(logged) { return JSONWriter.write(StoreEncoder.account(a)) }
        return ""
    }

    static let kindsWithParameters = ActionKind.allCases.filter { !$0.parameters.isEmpty }

    @Test(arguments: kindsWithParameters)
    func everyValueGivenLandsInTheStore(_ kind: ActionKind) throws {
        var (store, action, by, logged) = WF.allowedSample(kind)
        var markers: [(ActionParam, String)] = []
        for param in kind.parameters.sorted(by: { $0.rawValue < $1.rawValue }) {
            if param == .contract && kind == .raise { continue }  // a renewal's: covered below
            if let marker = Self.fill(&action.params, param, kind: kind, store: store, target: action.target) {
                markers.append((param, marker))
            }
        }
        if kind == .addContract { logged = "C-0777" }
        if kind == .setHealth { logged = "acme" }
        let outcome = try Workflow.perform(action, by: by, at: WF.now, in: store)
        // The target as it is now, and the activity entry the action wrote (a reassignment's note lives there).
        let json = Self.targetJSON(outcome.store, kind, logged: logged) + "\n" + JSONWriter.write(StoreEncoder.activity(outcome.activity))
        #expect(Self.targetJSON(outcome.store, kind, logged: logged) != "", "\(kind.rawValue): no target \(logged) after the action")
        for (param, marker) in markers {
            #expect(json.contains(marker), "\(kind.rawValue): --\(param.rawValue) (\(marker)) is not in the store:\n\(json)")
        }
        store = outcome.store
    }

    @Test func aRenewalKeepsItsContract() throws {
        let store = WF.store()
        let action = ActionRequest(.raise, target: "acme", params: WF.p(kind: .renewal, contract: "C-2"))
        let outcome = try Workflow.perform(action, by: "analyst", at: WF.now, in: store)
        let r = try #require(outcome.store.requests.last)
        #expect(r.contract == "C-2" && r.kind == .renewal)
    }

    @Test func aContractOnANewRequestIsRefusedNotDropped() {
        let action = ActionRequest(.raise, target: "acme", params: WF.p(kind: .new, tool: "Figma", vendor: "Figma Inc", contract: "C-2"))
        #expect(throws: ActionRefusal.self) { try Workflow.perform(action, by: "analyst", at: WF.now, in: WF.store()) }
    }

    @Test func disqualifyKeepsBothTheReasonAndTheNote() throws {
        var (store, action, by, logged) = WF.allowedSample(.disqualify)
        action.params.note = "asked twice, no answer"
        let outcome = try Workflow.perform(action, by: by, at: WF.now, in: store)
        let entry = try #require(outcome.store.request(logged)?.history.last)
        #expect(entry.reason == "duplicate")
        #expect(entry.note == "asked twice, no answer")
        store = outcome.store
    }

    @Test func valuesAnActionDoesNotTakeAreNamed() {
        var r = ActionRequest(.qualify, target: "REQ-1")
        #expect(r.unexpectedParameters == nil)
        r.params.amount = 5
        #expect(r.unexpectedParameters?.contains("qualify does not take --amount") == true)
    }
}

/// `podboard log` and the activity sections say why a request left: the exit's reason and note are in the
/// activity entry too (the issue: `log` printed `status qualifying → disqualified` without them).
@Suite("The activity entry of a status change names its reason and note")
struct ActivityReasonTests {
    @Test func disqualifyShowsItsReasonAndNoteInTheLog() throws {
        var (store, action, by, logged) = WF.allowedSample(.disqualify)
        action.params.note = "asked twice"
        let outcome = try Workflow.perform(action, by: by, at: WF.now, in: store)
        let text = ActivityText(store: outcome.store).change(outcome.activity)
        #expect(text.contains("reason: duplicate") && text.contains("note: asked twice"), "\(text)")
        #expect(outcome.store.request(logged)?.status == .disqualified)
        store = outcome.store
    }
}
