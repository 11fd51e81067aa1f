import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Fixes from the review of issue 8 as a user: what an EM acts on is whole at 120×40.
@Suite("Issue 8 review: nothing to act on is cut")
struct ReviewFixesTests {
    @Test func escalationsShowTheSelectedNoteWholeAndTheRequestStatusUncut() {
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .escalations)
        let rows = EscalationsView.rows(s)
        #expect(rows.count >= 2)
        for i in rows.indices {
            s.escalations.cursor.selection = i
            let screen = TUI.screen(s)
            let e = rows[i].escalation
            // The note may wrap, so compare its words, each whole, in order, with the spaces and line breaks gone.
            let flat = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                .split(separator: " ").joined(separator: " ")
            #expect(flat.contains(e.note.split(separator: " ").joined(separator: " ")), "note of row \(i) not whole:\n\(screen)")
            #expect(screen.contains("by " + s.data.name(e.by)))
        }
        // Every request status of the table is whole (no "pending-ap…").
        let screen = TUI.screen(s)
        for r in rows { #expect(screen.contains(" " + r.requestStatus.rawValue + " ")) }
        #expect(!screen.contains("pending-ap…"))
    }

    @Test func aNoteLongerThanItsLinesEndsInAnEllipsis() {
        var store = TUI.demo
        let i = store.requests.firstIndex { r in r.escalations.contains { $0.resolvedAt == nil } && r.status.isOpen }!
        let j = store.requests[i].escalations.firstIndex { $0.resolvedAt == nil }!
        store.requests[i].escalations[j].note = String(repeating: "very long note ", count: 40) + "END"
        let pod = store.accounts.first { $0.id == store.requests[i].account }!.pod
        var s = TUI.state(user: "fatima", pod: pod, store: store, size: Size(width: 80, height: 24), pane: .escalations)
        let rows = EscalationsView.rows(s)
        s.escalations.cursor.selection = rows.firstIndex { $0.request.id == store.requests[i].id && $0.escalation.note.hasSuffix("END") }!
        let screen = TUI.screen(s)
        #expect(screen.contains("very long note") && screen.contains("…") && !screen.contains("END"), "\(screen)")
    }
}

@Suite("Issue 8 review: footers say what the keys do")
struct ReviewFooterTests {
    @Test func theHelpOverlaysFooterDoesNotOfferQuitWhereQClosesHelp() {
        var s = TUI.state(user: "sven", size: Size(width: 120, height: 40), pane: .aging)
        TUI.type(&s, [.char("?")])
        let footer = String(TUI.screen(s).split(separator: "\n").last!)
        #expect(!footer.contains("q quit") && !footer.contains("? help"), "\(footer)")
        #expect(footer.contains(Keymap.key(.back, in: .help) + " close"))
        TUI.type(&s, [.char("q")])
        #expect(s.help == nil && !s.shouldQuit)
    }
}
