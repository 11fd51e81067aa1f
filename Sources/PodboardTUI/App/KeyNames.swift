import PodboardCore

/// Key names for messages and labels: a text that names a key takes it from the keymap, never from a literal,
/// so that a message can't name a key that does something else.
extension Keymap {
    /// The name of the first key that runs `command` in `scope` (or one of its layers); nil when none does.
    public static func keyName(for command: Command, in scope: KeyScope) -> String? {
        for s in scope.layered {
            if let b = bindings.first(where: { $0.scope == s && $0.command == command }) { return b.keys[0].description }
        }
        return nil
    }

    /// The key of `command` in `scope` for a message; every call is listed in `KeyHints.named` (a test checks
    /// each pair has a key).
    static func key(_ command: Command, in scope: KeyScope) -> String {
        keyName(for: command, in: scope) ?? "?"
    }
}

/// The key hints of messages and labels, built from the keymap.
public enum KeyHints {
    /// Every (command, scope) whose key a message or label names. A test checks that each has a key there.
    public static let named: [(command: Command, scope: KeyScope)] = [
        (.act(.setBaseline), .request), (.act(.markReviewed), .home), (.act(.approve), .home), (.act(.reject), .home),
        (.clearFilters, .aging), (.open, .kpis), (.back, .help), (.up, .help), (.down, .help), (.help, .global),
        (.quit, .global), (.open, .detail), (.back, .preview), (.showPane(.kpis), .global), (.act(.recordMeasurement), .kpis),
        (.edit(.yes), .confirm), (.edit(.no), .confirm), (.edit(.accept), .input), (.edit(.cancel), .input),
        (.filterText, .drill), (.back, .palette), (.open, .palette),
    ]

    /// "(B: set the baseline)": what to do about a refusal, when the domain names an action that fixes it.
    public static func remedy(for refusal: String, _ kind: ActionKind, target: String, _ state: AppState) -> String {
        guard let fix = Workflow.remedy(kind, target: target, in: state.data.store, index: state.data.index),
              let b = Keymap.bindings(in: .request).first(where: { $0.command == .act(fix) }) ?? Keymap.bindings.first(where: { $0.command == .act(fix) })
        else { return refusal }
        return refusal + " (" + b.keys[0].description + ": " + b.label + ")"
    }

    /// "? lists the keys".
    static var helpHint: String { Keymap.key(.help, in: .global) + " lists the keys" }
}

extension KeyHints {
    /// Every key of `command` in `scope`, "Esc, ? or q".
    static func allKeys(_ command: Command, in scope: KeyScope) -> String {
        let names = scope.layered.lazy.compactMap { s in Keymap.bindings.first { $0.scope == s && $0.command == command } }
            .first.map { $0.keys.map(\.description) } ?? ["?"]
        return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// "Y approves, N rejects".
    static var approveReject: String {
        Keymap.key(.act(.approve), in: .home) + " approves, " + Keymap.key(.act(.reject), in: .home) + " rejects"
    }

    /// The last line of the help overlay: "Esc, ? or q closes this help · j/k scroll".
    static var helpFooter: String {
        allKeys(.back, in: .help) + " closes this help · " + Keymap.key(.down, in: .help) + "/" + Keymap.key(.up, in: .help) + " scroll"
    }
}
