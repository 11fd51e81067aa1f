import Foundation
import Testing
@testable import PodboardCore

/// The domain side of the UI walkthrough (issue 8): where a held request belongs, refusals that name no key,
/// the remedy of a refusal, and counts in words.
@Suite("Issue 8: held stage, remedies, counts")
struct PolishCoreTests {
    @Test(arguments: [(WF.heldQualifying, RequestStatus.qualifying), (WF.heldNegotiating, .negotiating)])
    func aHeldRequestReturnsToTheStatusBeforeItsHold(id: String, back: RequestStatus) {
        let snap = Snapshot(store: WF.store(), today: WF.today)
        let row = Aging.row(snap.store.request(id)!, snap)!
        #expect(row.status == .onHold)
        #expect(row.heldFrom == back)
        #expect(row.stage == back)
        let open = Aging.row(snap.store.request(WF.negotiating)!, snap)!
        #expect(open.heldFrom == nil && open.stage == .negotiating)
    }

    @Test func theQualifyRefusalNamesNoKeyAndItsRemedyIsSetBaseline() {
        let store = WF.store()
        let why = Workflow.whyNot(.qualify, target: WF.fresh, by: "analyst", at: WF.now, in: store) ?? ""
        #expect(why.contains("needs a baseline or a linked contract"), "\(why)")
        #expect(!why.contains("(b "), "\(why)")
        #expect(Workflow.remedy(.qualify, target: WF.fresh, in: store) == .setBaseline)
        // With a baseline (or a contract) there is nothing to fix that way.
        #expect(Workflow.remedy(.qualify, target: WF.assignedNew, in: store) == nil)
        #expect(Workflow.remedy(.qualify, target: WF.renewal, in: store) == nil)
        #expect(Workflow.remedy(.approve, target: WF.fresh, in: store) == nil)
    }

    @Test func countsInWords() {
        #expect(Plural.count(1, "day") == "1 day")
        #expect(Plural.count(-1, "day") == "-1 day")
        #expect(Plural.count(3, "day") == "3 days")
        #expect(Plural.count(1, "person", "people") == "1 person")
        #expect(Plural.noun(2, "action") == "actions")
    }
}
