import Testing
@testable import PodboardTUI

@Suite("Keymap: one table for keys, footer and help")
struct KeymapTests {
    @Test func noTwoBindingsShareAKeyInOneScope() {
        let conflicts = Keymap.conflicts()
        #expect(conflicts.isEmpty, "\(conflicts.map { "\($0.key) in \($0.first.scope)/\($0.second.scope): \($0.first.label) vs \($0.second.label)" })")
    }

    @Test func theConflictCheckCatchesADuplicate() {
        // The check itself must fail on a table with a clash: a pane binding that reuses a global key.
        let clash = Keymap.bindings + [Binding(scope: .aging, keys: [.char("q")], command: .toggleBreached, label: "oops", footer: nil)]
        let found = Keymap.conflicts(in: clash)
        #expect(found.contains { $0.key == .char("q") && ($0.first.scope == .aging || $0.second.scope == .aging) })
    }

    @Test(arguments: KeyScope.allCases)
    func helpListsEveryBindingOfTheScope(scope: KeyScope) {
        let text = HelpOverlay.lines(for: scope).map { $0.map(\.text).joined() }.joined(separator: "\n")
        for layer in scope.layered where layer != .help {
            for b in Keymap.bindings(in: layer) {
                #expect(text.contains(b.label), "\(b.label) missing from the help of \(scope)")
            }
        }
    }

    @Test func footerComesFromTheKeymap() {
        // Wide enough for every hint: each pane hint shows, actions only when they can run now.
        var wide = TUI.state(size: Size(width: 220, height: 30))
        TUI.type(&wide, [.char("2")])
        let footer = String(TUI.screen(wide).split(separator: "\n").last!)
        for b in Keymap.bindings(in: .aging) + Keymap.bindings(in: .request) where b.footer != nil {
            let available = AppUpdate.unavailable(b.command, wide) == nil
            #expect(footer.contains(b.keys[0].description + " " + b.footer!) == available, "\(b.footer!): \(footer)")
        }
        // Narrow: help and quit always fit.
        var narrow = TUI.state(size: Size(width: 60, height: 20))
        TUI.type(&narrow, [.char("2")])
        let short = String(TUI.screen(narrow).split(separator: "\n").last!)
        #expect(short.contains("? help") && short.contains("q quit"), "\(short)")
    }

    @Test func everyPaneKeyResolvesToItsCommand() {
        #expect(Keymap.command(for: .char("/"), in: .aging) == .filterText)
        #expect(Keymap.command(for: .char("/"), in: .board) == .filterText)
        #expect(Keymap.command(for: .char("/"), in: .home) == nil)
        #expect(Keymap.command(for: .char("]"), in: .renewals) == .nextQuarter)
        #expect(Keymap.command(for: .char("]"), in: .board) == .nextPod)
        #expect(Keymap.command(for: .char("q"), in: .detail) == .quit)
        #expect(Keymap.command(for: .char("q"), in: .help) == .back)
    }
}
