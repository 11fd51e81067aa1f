import Foundation
import Testing
@testable import PodboardCore

/// Found by the analyst's morning in tmux: `?` on a request still being qualified said "only its Buyer, nobody,
/// may" for the Buyer's keys. Before the hand-over the refusal says the request has no Buyer yet.
@Suite("refusals of the Buyer's actions before the hand-over")
struct NoBuyerYetRefusalTests {
    @Test(arguments: [ActionKind.addQuote, .logUpdate, .setFinal, .setCostAvoidance, .submitSavings])
    func saysThereIsNoBuyerYet(_ kind: ActionKind) {
        let store = WF.store()
        let r = WF.refusal(kind, WF.qualifying, by: "analyst", WF.p(note: "x", amount: "40000"), in: store)
        expectRefusal(r, "it has no Buyer yet (it is qualifying)")
        #expect(!"\(r.map { "\($0)" } ?? "")".contains("nobody"), "\(kind): \(String(describing: r))")
    }

    @Test func namesTheBuyerOnceThereIsOne() {
        let r = WF.refusal(.addQuote, WF.negotiating, by: "buyer2", WF.p(amount: "40000", from: "Okta", source: .vendor), in: WF.store())
        expectRefusal(r, "only its Buyer, ")
        #expect(!"\(r.map { "\($0)" } ?? "")".contains("no Buyer yet"))
    }
}
