import Foundation
import Testing
@testable import PodboardCore

// Group commit (docs/decisions.md, "Loading a large store"): several actions under one lock, checked in order
// against the store with the group's earlier actions applied, written with one write and one fsync.
// Fixture: JournalFixture (the demo store of 2026-11-23; REQ-1088 is new, of POD south).

@Suite("Group commit")
struct GroupCommitTests {
    @Test func aGroupChecksEachActionAfterTheEarlierOnesAndStopsAtARefusal() throws {
        let f = try JournalFixture()
        let (s, _) = try StoreSession.open(f.path)
        let (other, _) = try StoreSession.open(f.path)
        var note = ActionParams(); note.note = "never written"
        // qualify needs the baseline set just before it, hand-over needs the qualification; the second hand-over
        // is refused (already negotiating), and the log-update after it is never asked for.
        let items = [
            GroupItem(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00")),
            GroupItem(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:01")),
            GroupItem(JournalFixture.handOver, by: "omar", at: JournalFixture.at("10:02")),
            GroupItem(JournalFixture.handOver, by: "omar", at: JournalFixture.at("10:03")),
            GroupItem(ActionRequest(.logUpdate, target: JournalFixture.request, params: note), by: "ben", at: JournalFixture.at("10:04")),
        ]
        var asked = 0
        var statuses: [RequestStatus?] = []
        let result = try s.performGroup { store in
            guard asked < items.count else { return nil }
            statuses.append(store.request(JournalFixture.request)?.status)
            asked += 1
            return items[asked - 1]
        }
        #expect(asked == 4, "nothing is asked for after the refusal")
        #expect(statuses == [.new, .new, .qualified, .negotiating], "each action sees the group's earlier ones: \(statuses)")
        #expect(result.outcomes.map(\.activity.action) == ["set-baseline", "qualify", "hand-over"])
        #expect(result.outcomes.map(\.activity.seq) == [1, 2, 3])
        guard case .refused(let why)? = result.stopped as? SessionError else {
            Issue.record("stopped by a refusal: \(String(describing: result.stopped))"); return
        }
        #expect(!why.description.isEmpty)
        #expect(s.seq == 3)
        // Committed: another session and a fresh open see the three, and nothing of the refused one.
        #expect(try other.catchUp().compactMap(\.seq) == [1, 2, 3])
        let reopened = try StoreSession.open(f.path, writing: false).session.store
        #expect(reopened.request(JournalFixture.request)?.status == .negotiating)
        #expect(reopened.request(JournalFixture.request)?.updates.contains { $0.text == "never written" } == false)
        #expect(reopened == s.store)
        // The journal holds its header and exactly the three lines.
        let journal = try String(contentsOfFile: f.path + ".journal", encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 4)
    }

    @Test func anInputErrorEndsTheGroupAfterCommittingWhatCameBefore() throws {
        struct BadLine: Error {}
        let f = try JournalFixture()
        let (s, _) = try StoreSession.open(f.path)
        var asked = 0
        let result = try s.performGroup { _ in
            asked += 1
            if asked == 2 { throw BadLine() }
            return GroupItem(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        }
        #expect(result.outcomes.count == 1)
        #expect(result.stopped is BadLine)
        #expect(try StoreSession.open(f.path, writing: false).session.store.activity.compactMap(\.seq) == [1])
        // An empty group writes nothing.
        let empty = try s.performGroup { _ in nil }
        #expect(empty.outcomes.isEmpty && empty.stopped == nil && s.seq == 1)
    }
}
