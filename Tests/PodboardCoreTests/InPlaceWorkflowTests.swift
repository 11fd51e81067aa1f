import Foundation
import Testing
@testable import PodboardCore

/// Issue 10: the store engine's in-place commit, the id index and `whyNot` on only its target's records.
@Suite struct InPlaceWorkflowTests {
    static let people = ["em", "analyst", "buyer", "buyer2", "emBuyer", "csm", "analystSouth", "admin"]

    /// In place and by copy give the same store, entry and summary, for every action the fixtures allow.
    @Test func inPlaceEqualsCopy() throws {
        let s = WF.store()
        var ran = 0
        for kind in ActionKind.allCases where kind.target == .request {
            for target in s.requests.map(\.id) {
                for who in Self.people {
                    var action = ActionRequest(kind, target: target)
                    action.params = Workflow.placeholderParams(kind, store: s, target: target, person: who)
                    let copied: ActionOutcome
                    do { copied = try Workflow.perform(action, by: who, at: WF.now, in: s) } catch { continue }
                    var inPlace = s
                    let done = try Workflow.perform(action, by: who, at: WF.now, into: &inPlace, stamp: ActionStamp(), position: nil)
                    #expect(inPlace == copied.store, "\(kind) \(target) by \(who)")
                    #expect(done.activity == copied.activity)
                    #expect(done.summary == copied.summary)
                    ran += 1
                }
            }
        }
        #expect(ran > 30)
    }

    /// A refusal leaves the store exactly as it was (every guard is checked before anything changes).
    @Test func refusalLeavesStoreUntouched() {
        let s = WF.store()
        var refusals = 0
        for kind in ActionKind.allCases where kind.target == .request {
            for target in s.requests.map(\.id) + ["REQ-404"] {
                for who in Self.people {
                    var store = s
                    var action = ActionRequest(kind, target: target)
                    action.params = Workflow.placeholderParams(kind, store: s, target: target, person: who)
                    do { _ = try Workflow.perform(action, by: who, at: WF.now, into: &store, stamp: ActionStamp(id: "x", seq: 1)) } catch {
                        refusals += 1
                        #expect(store == s, "\(kind) \(target) by \(who): \(error)")
                    }
                }
            }
        }
        #expect(refusals > 100)
    }

    /// The commit changes the caller's arrays in place: the requests' storage is the same before and after.
    @Test func commitDoesNotCopyTheRequests() throws {
        var store = WF.store()
        let before = store.requests.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        var a = ActionRequest(.logUpdate, target: WF.negotiating)
        a.params.note = "called the vendor"
        _ = try Workflow.perform(a, by: "buyer", at: WF.now, into: &store, position: 4)
        let after = store.requests.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #expect(before == after)
        #expect(store.request(WF.negotiating)?.updates.last?.text == "called the vendor")
    }

    /// A wrong or stale position is checked and the request found by id all the same.
    @Test func wrongPositionFallsBackToTheId() throws {
        var store = WF.store()
        var a = ActionRequest(.logUpdate, target: WF.negotiating)
        a.params.note = "n"
        _ = try Workflow.perform(a, by: "buyer", at: WF.now, into: &store, position: 0)
        #expect(store.request(WF.negotiating)?.updates.last?.text == "n")
        #expect(store.request(WF.fresh)?.updates.isEmpty == true)
        var index = StoreIndex(store)
        #expect(index.request(WF.negotiating, in: store)?.id == WF.negotiating)
        store.requests.swapAt(0, 4)
        #expect(index.request(WF.negotiating, in: store)?.id == WF.negotiating)
        #expect(index.request(WF.fresh, in: store)?.id == WF.fresh)
        #expect(index.request("REQ-404", in: store) == nil)
        index.noteRequest("REQ-99", at: 99)
        #expect(index.request("REQ-99", in: store) == nil)
    }

    /// whyNot on its target's records says what the action on the whole store would say, with or without an index.
    @Test func whyNotMatchesTheWholeStore() {
        let s = WF.escalated()
        let index = StoreIndex(s)
        var checked = 0
        // An import's whyNot checks who only: its records are not known before the file is read (ImportTests).
        for kind in ActionKind.allCases where kind != .undo && kind != .importRecords {
            let targets: [String]
            switch kind.target {
            case .request: targets = s.requests.map(\.id) + ["REQ-404"]
            case .account: targets = s.accounts.map(\.id) + ["nope"]
            case .contract: targets = s.contracts.map(\.id) + ["C-404"]
            default: targets = ["today", "next"]
            }
            for target in targets {
                for who in Self.people {
                    var action = ActionRequest(kind, target: target)
                    action.params = Workflow.placeholderParams(kind, store: s, target: target, person: who)
                    var whole: String?
                    do { _ = try Workflow.perform(action, by: who, at: WF.now, in: s) } catch { whole = error.description }
                    #expect(Workflow.whyNot(kind, target: target, by: who, at: WF.now, in: s, index: index) == whole, "\(kind) \(target) by \(who)")
                    #expect(Workflow.whyNot(kind, target: target, by: who, at: WF.now, in: s) == whole, "\(kind) \(target) by \(who)")
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
    }

    /// whyNot's probe holds the target's records only, whatever the store's size.
    @Test func probeStoreIsSmall() {
        var s = WF.store()
        for k in 0..<2000 { s.requests.append(WF.request("REQ-\(5000 + k)")) }
        let small = Workflow.probeStore(.logUpdate, target: WF.negotiating, store: s, index: StoreIndex(s))
        #expect(small.requests.map(\.id) == [WF.negotiating])
        #expect(small.accounts.map(\.id) == ["acme"])
        #expect(small.activity.isEmpty)
        let renewal = Workflow.probeStore(.qualify, target: WF.renewal, store: s, index: StoreIndex(s))
        #expect(renewal.contracts.map(\.id) == ["C-1"])
    }
}
