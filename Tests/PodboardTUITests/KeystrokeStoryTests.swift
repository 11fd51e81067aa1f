import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Issue 15's measure: the three roles' morning stories (WorkflowHarnessTests' analyst → Buyer → EM on
/// REQ-1088), typed twice on their own store: with the keys of before (g and j×N to reach the request) and with
/// the new navigation (a click on the row, or the palette's `:1088` where a click cannot reach). Both must end
/// in the same store; the new way takes fewer key presses and clicks. The counts are in README's table.
@Suite("Keystrokes of the morning stories, before and after issue 15", .serialized)
struct KeystrokeStoryTests {
    typealias Driver = WorkflowHarnessTests.Driver

    /// How to reach a row: as the story tests do (g, then ↓ to it), with the fewest keys (j/k from the cursor, g
    /// then ↓, or G then ↑; none when the cursor is on it), or with the mouse (one click on its row, none when
    /// the cursor is on it already).
    enum Reach { case tests, keys, mouse }

    static func reach(_ id: String, _ d: Driver, _ how: Reach) -> [KeyEvent] {
        let (ids, current): ([String], Int)
        switch d.state.pane {
        case .aging: (ids, current) = (AgingView.rows(d.state).map(\.request.id), d.state.aging.cursor.selection)
        case .escalations: (ids, current) = (EscalationsView.rows(d.state).map(\.request.id), d.state.escalations.cursor.selection)
        default: (ids, current) = (HomeView.rows(d.state).map(\.id), d.state.home.selection)
        }
        guard let i = ids.firstIndex(of: id) else { Issue.record("\(id) is not in \(d.state.pane)"); return [] }
        // As the story tests select a row: g, then ↓ to it.
        if how == .tests { return [.char("g")] + Array(repeating: .down, count: i) }
        if i == current { return [] }
        switch how {
        case .tests: return []
        case .keys:
            let options: [[KeyEvent]] = [Array(repeating: i > current ? .down : .up, count: abs(i - current)),
                                         [.char("g")] + Array(repeating: .down, count: i),
                                         [.char("G")] + Array(repeating: .up, count: ids.count - 1 - i)]
            return options.min { $0.count < $1.count }!
        case .mouse:
            let lines = d.screen.split(separator: "\n", omittingEmptySubsequences: false)
            let y = lines.firstIndex { $0.hasPrefix(" " + id + " ") || $0.contains("   " + id + " ") || $0.contains(" " + id + " ") } ?? 0
            return [.mouse(MouseEvent(.click, x: 4, y: y))]
        }
    }

    /// Runs the three stories; returns the key presses (clicks count as one) of each.
    static func stories(_ how: Reach) throws -> (analyst: Int, buyer: Int, em: Int, navigation: [Int], store: Store) {
        let path = try WorkflowHarnessTests.storeFile()
        var counts: [Int] = []
        var navigation: [Int] = []
        var moves = 0
        func typed(_ d: Driver, _ keys: [KeyEvent], _ n: inout Int) { n += keys.count; d.type(keys) }
        /// Keys that only move (to a pane, a filter, a row): counted apart too.
        func moved(_ d: Driver, _ keys: [KeyEvent], _ n: inout Int) { moves += keys.count; typed(d, keys, &n) }
        // The analyst: review, baseline, qualify and hand over REQ-1088; take the new REQ-1090.
        try WorkflowHarnessTests.session(path, as: "omar") { d in
            var n = 0
            typed(d, [.char("v")], &n)
            moved(d, reach("REQ-1088", d, how), &n)
            #expect(HomeView.selected(d.state)?.id == "REQ-1088")
            typed(d, [.char("B")] + TUI.chars("12000") + [.tab, .char("f"), .enter, .char("Q")], &n)
            // The cursor follows the request to its new section: hand over at once.
            typed(d, [.char("H")], &n)
            guard case .picker(let choices)? = d.state.form?.fields[0].kind else { Issue.record("no picker"); return }
            typed(d, Array(repeating: .right, count: choices.firstIndex { $0.value == "ben" }!) + [.enter, .enter], &n)
            #expect(d.state.message?.text == "REQ-1088 handed over to Ben Okafor", "\(d.message)")
            // Triage: take the new unassigned request of the POD.
            moved(d, reach("REQ-1090", d, how), &n)
            typed(d, [.char("t")], &n)
            #expect(d.state.data.store.request("REQ-1090")?.analyst == "omar", "\(d.message)")
            counts.append(n); navigation.append(moves); moves = 0
        }
        // The Buyer: two quotes, the final price and submit on REQ-1088; escalate REQ-1082.
        try WorkflowHarnessTests.session(path, as: "ben") { d in
            var n = 0
            moved(d, reach("REQ-1088", d, how), &n)
            #expect(HomeView.selected(d.state)?.id == "REQ-1088")
            typed(d, [.char("+")] + TUI.chars("Okta") + [.tab, .tab] + TUI.chars("11000") + [.enter], &n)
            typed(d, [.char("+")] + TUI.chars("SHI") + [.tab, .char("r"), .tab] + TUI.chars("10200") + [.enter], &n)
            typed(d, [.char("F")] + TUI.chars("10200") + [.enter, .char("S"), .char("y")], &n)
            #expect(d.state.message?.text == "REQ-1088: savings submitted for approval", "\(d.message)")
            moved(d, reach("REQ-1082", d, how), &n)
            #expect(HomeView.selected(d.state)?.id == "REQ-1082")
            typed(d, [.char("e"), .tab] + TUI.chars("CFO") + [.enter], &n)
            #expect(d.state.message?.text.contains("REQ-1082 escalated") == true, "\(d.message)")
            counts.append(n); navigation.append(moves); moves = 0
        }
        // The EM: acknowledge the new escalation in pane 6, then approve REQ-1088 from the inbox.
        try WorkflowHarnessTests.session(path, as: "arjun") { d in
            var n = 0
            moved(d, [.char("6")], &n)
            moved(d, reach("REQ-1082", d, how), &n)
            typed(d, [.char("a")] + TUI.chars("on it") + [.enter], &n)
            #expect(d.state.message?.text.contains("REQ-1082") == true, "\(d.message)")
            moved(d, [.char("0")], &n)
            moved(d, reach("REQ-1088", d, how), &n)
            #expect(HomeView.selected(d.state)?.id == "REQ-1088")
            typed(d, [.char("Y"), .char("y")], &n)
            #expect(d.state.message?.text == "REQ-1088 approved", "\(d.message)")
            counts.append(n); navigation.append(moves); moves = 0
        }
        return (counts[0], counts[1], counts[2], navigation, try StoreFile.load(path).store)
    }

    @Test func theNewNavigationTakesFewerKeysForTheSameStore() throws {
        let tests = try Self.stories(.tests)
        let fewest = try Self.stories(.keys)
        let after = try Self.stories(.mouse)
        #expect(tests.store.request("REQ-1088")?.status == .approved)
        for run in [fewest, after] {
            #expect(run.store.request("REQ-1088") == tests.store.request("REQ-1088"))
            #expect(run.store.request("REQ-1090")?.analyst == "omar")
        }
        #expect(after.analyst < tests.analyst && after.buyer < tests.buyer && after.em < tests.em)
        #expect(after.analyst <= fewest.analyst && after.buyer <= fewest.buyer && after.em <= fewest.em)
        print("keystrokes (of which moving) as the story tests type them / fewest keys before / after: "
              + "analyst \(tests.analyst) (\(tests.navigation[0])) / \(fewest.analyst) (\(fewest.navigation[0])) / \(after.analyst) (\(after.navigation[0])); "
              + "Buyer \(tests.buyer) (\(tests.navigation[1])) / \(fewest.buyer) (\(fewest.navigation[1])) / \(after.buyer) (\(after.navigation[1])); "
              + "EM \(tests.em) (\(tests.navigation[2])) / \(fewest.em) (\(fewest.navigation[2])) / \(after.em) (\(after.navigation[2]))")
    }

    /// The palette reaches a request anywhere in two steps of typing: `:`, a few characters of its id, Enter; the
    /// request view takes the same action keys as the home row.
    @Test func thePaletteReachesARequestFromAnyPane() throws {
        var s = TUI.state(user: "omar", size: Size(width: 120, height: 40))
        TUI.type(&s, [.char("3"), .char(":")] + TUI.chars("1088") + [.enter])
        #expect(s.details.last?.target == .request("REQ-1088"))
        #expect(AppUpdate.unavailable(.act(.setBaseline), s) == nil)
    }
}
