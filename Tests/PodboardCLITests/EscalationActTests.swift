import Foundation
import Testing
import PodboardCore

// `podboard act acknowledge-escalation / resolve-escalation` and `podboard log` showing values, on the demo store
// of ActStore (2026-11-23). arjun is the EM of POD south; ben a Buyer there. REQ-1070 (south, negotiating) has one
// parallel-negotiation escalation, not acknowledged.
@Suite("podboard act on escalations, podboard log values", .serialized)
struct EscalationActTests {
    @Test func theEMAcknowledgesThenResolvesAndLogShowsIt() throws {
        let s = try ActStore()
        // Refused (exit 1) for a Buyer; bad input (exit 2) for an escalation that is not there.
        let refused = try s.act(["acknowledge-escalation", "REQ-1070"], as: "ben")
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("only an Engagement Manager of POD south"))
        let bad = try s.act(["acknowledge-escalation", "REQ-1070", "--which", "2"], as: "arjun")
        #expect(bad.status == 2, "\(bad.stderr)")
        #expect(bad.stderr.contains("no escalation #2"))

        var st = try s.must(["acknowledge-escalation", "REQ-1070", "--note", "calling the CFO", "--at", "2026-11-23T10:00:00+05:30"],
                            as: "arjun", target: "REQ-1070")
        var e = try #require(st.request("REQ-1070")?.escalations.first)
        #expect(e.acknowledgedBy == "arjun" && e.acknowledgedNote == "calling the CFO")
        #expect(e.acknowledgedAt == Timestamp("2026-11-23T10:00:00+05:30"))
        let twice = try s.act(["acknowledge-escalation", "REQ-1070", "--which", "1"], as: "arjun")
        #expect(twice.status == 1 && twice.stderr.contains("already acknowledged"), "\(twice.stderr)")
        let noNote = try s.act(["resolve-escalation", "REQ-1070"], as: "arjun")
        #expect(noNote.status == 2 && noNote.stderr.contains("resolution"), "\(noNote.stderr)")
        st = try s.must(["resolve-escalation", "REQ-1070", "--which", "2026-11-10T12:30:00+05:30", "--note", "we lead; IT stepped back",
                         "--at", "2026-11-23T11:00:00+05:30"], as: "arjun", target: "REQ-1070")
        e = try #require(st.request("REQ-1070")?.escalations.first)
        #expect(e.resolvedBy == "arjun" && e.resolution == "we lead; IT stepped back")

        let rows = try s.logRows("REQ-1070")
        let changes = rows.compactMap { ActJSON.string($0["change"]) }
        #expect(changes.contains("escalation #1 (parallel-negotiation) acknowledged by Arjun Mehta: \"calling the CFO\""), "\(changes)")
        #expect(changes.contains("escalation #1 (parallel-negotiation) resolved by Arjun Mehta: \"we lead; IT stepped back\""), "\(changes)")
    }

    @Test func logPrintsTheValuesBeforeAndAfter() throws {
        let s = try ActStore()
        try s.must(["set-baseline", "REQ-1088", "--amount", "52000", "--basis", "prior-contract"], as: "omar", target: "REQ-1088")
        try s.must(["set-baseline", "REQ-1088", "--amount", "48000", "--basis", "prior-contract"], as: "omar", target: "REQ-1088")
        let changes = try s.logRows("REQ-1088").compactMap { ActJSON.string($0["change"]) }
        #expect(changes.suffix(2) == ["baseline – → 52,000 (prior-contract)", "baseline 52,000 (prior-contract) → 48,000"], "\(changes)")
        // The table shows the same text.
        let table = try CLI.run(["log", "REQ-1088", "--store", s.path, "--today", ActStore.today])
        #expect(table.status == 0)
        #expect(table.stdout.contains("baseline 52,000 (prior-contract) → 48,000"), "\(table.stdout)")
        #expect(table.stdout.contains("analyst – → Omar Farouk") || table.stdout.contains("→ Omar Farouk"), "\(table.stdout)")
    }
}
