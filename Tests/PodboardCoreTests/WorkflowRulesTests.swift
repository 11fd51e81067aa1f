import Foundation
import Testing
@testable import PodboardCore

/// Rules added after the review: the qualification clock survives a reassignment, settled quarters are not
/// undone, and a journal whose header was never completely written does not block the store.
@Suite("Workflow rules: reassignment, settled quarters, torn journal header")
struct WorkflowRulesTests {
    @Test func reassigningAfterTheFirstActionKeepsTheQualificationClock() throws {
        let old = WF.store()
        let r = try #require(old.request(WF.qualified))
        var p = ActionParams(); p.person = "analyst"
        let o = try Workflow.perform(ActionRequest(.assign, target: r.id, params: p), by: "em", at: WF.now, in: old)
        #expect(o.store.request(r.id)?.assignedAt == r.assignedAt)
        // Before any analyst action, an assignment starts the clock.
        let fresh = try #require(old.request(WF.fresh))
        let f = try Workflow.perform(ActionRequest(.assign, target: fresh.id, params: p), by: "em", at: WF.now, in: old)
        #expect(f.store.request(fresh.id)?.assignedAt == WF.now)
    }

    @Test func anActionOfAnEndedQuarterIsNotUndone() throws {
        let old = WF.store()
        let inSeptember = Timestamp("2026-09-30T12:00:00+05:30")!
        let o = try Workflow.perform(ActionRequest(.markReviewed, target: "2026-09-30"), by: "analyst", at: inSeptember, in: old)
        let k = o.store.activity.count - 1
        #expect {
            try Workflow.perform(ActionRequest(.undo, target: String(k)), by: "analyst", at: WF.now, in: o.store)
        } throws: { "\($0)".contains("2026-Q3") && "\($0)".contains("ended") }
        // In the same quarter it is undone.
        #expect(throws: Never.self) {
            try Workflow.perform(ActionRequest(.undo, target: String(k)), by: "analyst", at: Timestamp("2026-09-30T18:00:00+05:30")!, in: o.store)
        }
    }

    @Test func aTornJournalHeaderIsRemovedAndTheStoreOpens() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podboard-hdr-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/store.json"
        try StoreFile.create(WF.store(), at: path)
        try Data("{\"podboard-journal\": 1, \"ba".utf8).write(to: URL(fileURLWithPath: Journal.path(for: path)))
        let (session, _) = try StoreSession.open(path)
        #expect(!FileManager.default.fileExists(atPath: Journal.path(for: path)))
        try session.perform(ActionRequest(.markReviewed, target: "today"), by: "analyst", at: WF.now)
        // The new journal has its header, so the action survives a reopen.
        let text = try String(contentsOfFile: Journal.path(for: path), encoding: .utf8)
        #expect(text.hasPrefix("{\"podboard-journal\": 1"))
        let again = try StoreSession.open(path, writing: false)
        #expect(again.session.store.reviews.contains { $0.by == "analyst" && $0.on == WF.today })
    }
}
