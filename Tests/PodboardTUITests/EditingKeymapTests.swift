import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Forms, the `/` filter and confirmations take their keys from the keymap: the keys they handle, their footers
/// and hints come from one table, and the duplicate-key check covers them.
@Suite("Keymap: forms, filter and confirmations")
struct EditingKeymapTests {
    static let editingScopes: [KeyScope] = [.form, .text, .choice, .confirm, .input]

    @Test(arguments: editingScopes)
    func everyEditingScopeHasBindingsAndAFooterHint(scope: KeyScope) {
        #expect(!Keymap.bindings(in: scope).isEmpty)
        let hint = KeyHints.line(for: scope)
        for layer in scope.layered {
            for b in Keymap.bindings(in: layer) where b.footer != nil {
                #expect(hint.contains(b.keys[0].description) && hint.contains(b.footer!), "\(b.label) missing from \(hint)")
            }
        }
    }

    @Test func theConflictCheckCoversFormFieldsAndTheFilter() {
        #expect(Keymap.conflicts().isEmpty)
        // A text-field key that reuses the form's Tab, or a filter key that reuses Enter, is caught.
        let clash = Keymap.bindings + [
            Binding(scope: .text, keys: [.tab], command: .edit(.lineEnd), label: "oops", footer: nil),
            Binding(scope: .input, keys: [.enter], command: .edit(.deleteToStart), label: "oops too", footer: nil),
        ]
        let found = Keymap.conflicts(in: clash)
        #expect(found.contains { $0.key == .tab && ($0.first.scope == .text || $0.second.scope == .text) })
        #expect(found.contains { $0.key == .enter && ($0.first.scope == .input || $0.second.scope == .input) })
    }

    @Test func aFormsFooterAndBoxHintComeFromTheKeymap() {
        var s = TUI.state(user: "sven", size: Size(width: 120, height: 40), pane: .aging)
        TUI.type(&s, [.enter, .char("e")])
        guard let form = s.form else { Issue.record("no escalate form: \(s.message?.text ?? "")"); return }
        #expect(Screen.scope(s) == .choice)
        let lines = TUI.screen(s).split(separator: "\n").map(String.init)
        #expect(lines.last!.contains(KeyHints.line(for: .choice)), "\(lines.last!)")
        #expect(lines.last!.contains(Keymap.key(.edit(.nextField), in: .form) + " next field"))
        // The focused field is a choice: ←/→ choose. On the note (text) the hint says how to move the cursor.
        #expect(KeyHints.line(for: .choice).contains("←/→ choose"))
        TUI.type(&s, [.tab])
        #expect(Screen.scope(s) == .text && s.form?.focus == 1)
        #expect(TUI.screen(s).split(separator: "\n").last!.contains("←/→ move"))
        _ = form
    }

    @Test func formEditingKeysRunTheirBindings() {
        var s = TUI.state(user: "sven", pane: .aging)
        TUI.type(&s, [.enter, .char("e")])
        // The choice field: every key of "next choice" moves on, every key of "previous choice" back.
        let next = Keymap.bindings(in: .choice).first { $0.command == .edit(.nextChoice) }!.keys
        for k in next { TUI.type(&s, [k]) }
        #expect(s.form?.fields[0].choice == 3)
        TUI.type(&s, [Keymap.bindings(in: .choice).first { $0.command == .edit(.previousChoice) }!.keys[1]])
        #expect(s.form?.fields[0].choice == 2)
        // The text field: typed characters insert (h and l type there), Ctrl-A and Ctrl-K edit.
        TUI.type(&s, [.tab] + TUI.chars("hello") + [.ctrl("a"), .right, .ctrl("k")])
        #expect(String(s.form!.fields[1].text) == "h")
        TUI.type(&s, [.backspace] + TUI.chars("ok") + [.home, .delete])
        #expect(String(s.form!.fields[1].text) == "k")
        TUI.type(&s, [.ctrl("c")])
        #expect(s.form == nil && s.message?.text.contains("nothing changed") == true)
    }

    @Test func theConfirmationAnswersFromTheKeymap() {
        var s = TUI.state(user: "fatima", pane: .home)
        // The EM's approvals inbox: Y opens the approve confirmation.
        TUI.type(&s, [.char(Character(Keymap.key(.act(.approve), in: .home)))])
        guard s.form?.confirming == true else { Issue.record("no confirmation: \(s.message?.text ?? "")"); return }
        #expect(Screen.scope(s) == .confirm)
        let screen = TUI.screen(s)
        #expect(screen.contains(KeyHints.yesNo) && screen.split(separator: "\n").last!.contains(KeyHints.line(for: .confirm)))
        // A key that is not an answer changes nothing; N (a key of "no") cancels.
        TUI.type(&s, [.char("x")])
        #expect(s.form?.confirming == true)
        TUI.type(&s, [.char("N")])
        #expect(s.form == nil)
        TUI.type(&s, [.char("Y")])
        let effects = TUI.type(&s, [.enter])
        #expect(effects.contains { if case .perform(let a) = $0 { return a.kind == .approve } else { return false } })
    }

    @Test func theFilterTakesItsKeysFromTheKeymap() {
        var s = TUI.state(user: "sven", size: Size(width: 120, height: 40), pane: .aging)
        TUI.type(&s, [.char("/")] + TUI.chars("slack"))
        let lines = TUI.screen(s).split(separator: "\n").map(String.init)
        #expect(lines[lines.count - 2].contains(KeyHints.keepOrCancel))
        #expect(lines.last!.contains(KeyHints.line(for: .input)) && lines.last!.contains("Ctrl-U") == false)
        TUI.type(&s, [.ctrl("u")] + TUI.chars("git") + [.delete])
        #expect(s.input?.text == "gi")
        TUI.type(&s, [.ctrl("c")])
        #expect(s.input == nil && s.aging.text.isEmpty)
    }
}
