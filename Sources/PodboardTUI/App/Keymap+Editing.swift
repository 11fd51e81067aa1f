import PodboardCore

/// What a key does while editing: in a form, the `/` filter, or the yes/no question before an action.
public enum EditCommand: Sendable, Hashable {
    case nextField, previousField
    /// Enter: the next field, or submit on the last one; keep the filter.
    case accept
    /// Esc: leave without changing anything.
    case cancel
    case previousChoice, nextChoice
    case cursorLeft, cursorRight, lineStart, lineEnd
    case deleteBackward, deleteForward, deleteToStart, deleteToEnd
    /// The confirmation's answers.
    case yes, no

    /// The command shown with this one in a footer hint ("←/→ choose").
    var partner: EditCommand? {
        switch self {
        case .nextChoice: return .previousChoice
        case .cursorRight: return .cursorLeft
        default: return nil
        }
    }
}

extension Keymap {
    /// The bindings of forms, the `/` filter and confirmations: `FormEditor` and the filter dispatch through
    /// them, and their footers and hints are printed from them.
    static let editing: [Binding] = [
        b(.form, [.tab, .down], .edit(.nextField), "next field", footer: "next field"),
        b(.form, [.backTab, .up], .edit(.previousField), "previous field"),
        b(.form, [.enter], .edit(.accept), "next field, or send the form on the last one", footer: "next / submit"),
        b(.form, [.escape, .ctrl("c")], .edit(.cancel), "cancel: nothing changes", footer: "cancel"),

        b(.text, [.left], .edit(.cursorLeft), "cursor left"),
        b(.text, [.right], .edit(.cursorRight), "cursor right", footer: "move"),
        b(.text, [.home, .ctrl("a")], .edit(.lineStart), "to the start"),
        b(.text, [.end, .ctrl("e")], .edit(.lineEnd), "to the end"),
        b(.text, [.backspace], .edit(.deleteBackward), "delete before the cursor"),
        b(.text, [.delete, .ctrl("d")], .edit(.deleteForward), "delete under the cursor"),
        b(.text, [.ctrl("u")], .edit(.deleteToStart), "delete to the start"),
        b(.text, [.ctrl("k")], .edit(.deleteToEnd), "delete to the end"),

        b(.choice, [.left, .char("h"), .char("k")], .edit(.previousChoice), "previous choice"),
        b(.choice, [.right, .char("l"), .char("j"), .char(" ")], .edit(.nextChoice), "next choice (typing a letter jumps to it)", footer: "choose"),

        b(.confirm, [.char("y"), .char("Y"), .enter], .edit(.yes), "yes, do it", footer: "yes, do it"),
        b(.confirm, [.char("n"), .char("N"), .escape], .edit(.no), "no: nothing changes", footer: "no, nothing changes"),

        b(.input, [.enter], .edit(.accept), "keep the filter", footer: "keeps"),
        b(.input, [.escape, .ctrl("c")], .edit(.cancel), "cancel: the filter as it was", footer: "cancels"),
        b(.input, [.backspace, .delete], .edit(.deleteBackward), "delete the last character", footer: "deletes"),
        b(.input, [.ctrl("u")], .edit(.deleteToStart), "clear the filter"),
    ]
}

extension KeyHints {
    /// The hint line of an editing scope, from the keymap: "Tab next field · Enter next / submit · Esc cancel ·
    /// ←/→ move". The scope's layers come first (a text field's form keys, then its own).
    public static func line(for scope: KeyScope) -> String {
        var parts: [String] = []
        for s in scope.layered.reversed() {
            for b in Keymap.bindings(in: s) where b.footer != nil {
                var name = b.keys[0].description
                if case .edit(let e) = b.command, let p = e.partner,
                   let other = Keymap.bindings(in: s).first(where: { $0.command == .edit(p) }) {
                    name = other.keys[0].description + "/" + name
                }
                parts.append(name + " " + b.footer!)
            }
        }
        return parts.joined(separator: " · ")
    }

    /// "y yes · n no": the confirmation's question, short, inside the form's box.
    static var yesNo: String {
        Keymap.key(.edit(.yes), in: .confirm) + " yes · " + Keymap.key(.edit(.no), in: .confirm) + " no"
    }

    /// "Enter keeps · Esc cancels": beside the `/` filter as it is typed.
    static var keepOrCancel: String {
        Keymap.key(.edit(.accept), in: .input) + " keeps · " + Keymap.key(.edit(.cancel), in: .input) + " cancels"
    }
}
