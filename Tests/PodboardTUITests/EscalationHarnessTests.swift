import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// The escalation story by keyboard: a Buyer escalates a parallel negotiation, the queue (pane 6) shows it at once,
/// the EM of the POD sees it, acknowledges and resolves it; the store on disk has it all.
@Suite("Escalations by keyboard (headless)", .serialized)
struct EscalationHarnessTests {
    typealias H = WorkflowHarnessTests

    @Test func aBuyerEscalatesAndTheEMAcknowledgesAndResolves() throws {
        let path = try H.storeFile()
        let before = try StoreFile.load(path).store
        let note = "Customer's IT is also talking to the vendor"

        // 1. ana (Buyer, North) escalates REQ-1042 from her home view; the queue of this very session has it at once.
        var afterBuyer: Store?
        try H.session(path, as: "ana") { d in
            #expect(!EscalationsView.rows(d.state).contains { $0.request.id == "REQ-1042" })
            d.select("REQ-1042")
            d.type([.char("e")])
            guard case .picker(let reasons)? = d.state.form?.fields.first?.kind else { Issue.record("no reason picker"); return }
            d.type(Array(repeating: .right, count: reasons.firstIndex { $0.value == "parallel-negotiation" }!) + [.enter] + TUI.chars(note) + [.enter])
            #expect(d.message.contains("REQ-1042 escalated"), "\(d.message)")
            d.type([.char("6")])
            let row = EscalationsView.rows(d.state).first { $0.request.id == "REQ-1042" }
            #expect(row?.state == .open && row?.escalation.by == "ana" && row?.escalation.reason == .parallelNegotiation)
            #expect(d.screen.contains("REQ-1042"), "\(d.screen)")
            // A Buyer sees the queue but may not acknowledge: the footer does not offer it, the key says why.
            d.type([.char("G")])
            #expect(EscalationsView.selected(d.state)?.request.id == "REQ-1042")
            d.type([.char("a")])
            #expect(d.message.contains("only an Engagement Manager of POD north"), "\(d.message)")
            afterBuyer = d.state.data.store
        }

        // 2. The EM's app state, built before the escalation, follows once its store is replaced.
        var em = TUI.state(user: "fatima", store: before, size: Size(width: 120, height: 40), pane: .escalations, isDemo: false)
        let countBefore = EscalationsView.rows(em).count
        em.replaceStore(try #require(afterBuyer))
        #expect(EscalationsView.rows(em).count == countBefore + 1)
        #expect(EscalationsView.rows(em).last?.request.id == "REQ-1042", "the newest is last: oldest first")

        // 3. fatima (EM, North) acknowledges it, then resolves it, in pane 6.
        try H.session(path, as: "fatima", pane: .escalations) { d in
            d.type([.char("G")])
            #expect(EscalationsView.selected(d.state)?.request.id == "REQ-1042")
            #expect(d.screen.contains("a acknowledge"), "the footer offers it: \(d.screen)")
            d.type([.char("a")] + TUI.chars("calling the CFO") + [.enter])
            #expect(d.message.contains("acknowledged"), "\(d.message)")
            #expect(EscalationsView.selected(d.state)?.state == .acknowledged)
            d.type([.char("r"), .enter])
            #expect(d.state.form?.error != nil || d.state.form != nil, "a resolution is needed")
            d.type(TUI.chars("IT stepped back; we lead") + [.enter])
            #expect(d.message.contains("resolved"), "\(d.message)")
            // Resolved: out of the open queue, in "all".
            #expect(!EscalationsView.rows(d.state).contains { $0.request.id == "REQ-1042" })
            d.type([.char("f"), .char("f")])
            #expect(d.state.escalations.filter == .all)
            #expect(EscalationsView.rows(d.state).contains { $0.request.id == "REQ-1042" && $0.state == .resolved })
            // The request view lists the activity with its values.
            d.type([.char("G"), .enter, .char("G")])
            let screen = d.screen
            #expect(screen.contains("Activity"), "\(screen)")
            #expect(screen.contains("resolve the escalation"), "\(screen)")
            #expect(screen.contains("resolved by Fatima El Idrissi"), "\(screen)")
        }

        let after = try StoreFile.load(path).store
        let e = try #require(after.request("REQ-1042")?.escalations.last)
        #expect(e.by == "ana" && e.note == note)
        #expect(e.acknowledgedBy == "fatima" && e.acknowledgedNote == "calling the CFO")
        #expect(e.resolvedBy == "fatima" && e.resolution == "IT stepped back; we lead")
        #expect(Array(after.activity.suffix(3).map(\.action)) == ["escalate", "acknowledge-escalation", "resolve-escalation"])
    }
}
