import PodboardCore

/// One field of a form.
public struct FormField: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Free text (UTF-8, edited with a cursor).
        case text
        /// A decimal amount: digits and one point with at most two decimals.
        case amount
        /// One of a list: (value, label).
        case picker([Choice])
    }
    public struct Choice: Sendable, Equatable {
        public var value: String
        public var label: String
        public init(_ value: String, _ label: String) { self.value = value; self.label = label }
    }

    /// The `ActionParams` field it fills: person, note, reason, amount, basis, from, source, escalation,
    /// health, sentiment.
    public var id: String
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// The text, as characters (so the cursor moves by grapheme).
    public var text: [Character] = []
    /// The cursor in `text`.
    public var cursor = 0
    /// The chosen index for a picker.
    public var choice = 0

    public init(_ id: String, _ label: String, _ kind: Kind, required: Bool = true) {
        self.id = id; self.label = label; self.kind = kind; self.required = required
    }

    /// The value typed or picked; nil when empty.
    public var value: String? {
        switch kind {
        case .picker(let c): return c.indices.contains(choice) ? c[choice].value : nil
        default:
            let s = String(text).trimmingCharacters(in: .whitespaces)
            return s.isEmpty ? nil : s
        }
    }
}

/// A modal form for an action: fields, then (for approve, reject, cancel, disqualify) a confirmation.
public struct FormState: Sendable, Equatable {
    public var action: ActionRequest
    public var title: String
    public var fields: [FormField]
    public var focus = 0
    public var needsConfirmation: Bool
    /// The confirmation question is showing.
    public var confirming = false
    public var error: String?
    /// Facts shown in the form before it is sent (the submit form: savings and the tool's benchmark).
    public var notes: [String] = []

    public init(action: ActionRequest, title: String, fields: [FormField], needsConfirmation: Bool) {
        self.action = action; self.title = title; self.fields = fields; self.needsConfirmation = needsConfirmation
        confirming = fields.isEmpty && needsConfirmation
    }

    /// The action with the form's values.
    public func filled() -> Result<ActionRequest, Problem> {
        var a = action
        for f in fields {
            guard let v = f.value else {
                if f.required { return .failure(Problem("\(f.label) is needed")) }
                continue
            }
            switch f.id {
            case "person": a.params.person = v
            case "note": a.params.note = v
            case "reason": a.params.reason = v
            case "from": a.params.from = v
            case "sentiment": a.params.sentiment = v
            case "amount":
                guard let d = AmountText.parse(v) else { return .failure(Problem("\(f.label): expected an amount like 1250.50")) }
                a.params.amount = d
            case "account": a.target = v
            case "kind": a.params.kind = RequestKind(rawValue: v)
            case "tool": a.params.tool = v
            case "vendor": a.params.vendor = v
            case "basis": a.params.basis = BaselineBasis(rawValue: v)
            case "source": a.params.source = QuoteSource(rawValue: v)
            case "escalation": a.params.escalationReason = EscalationReason(rawValue: v)
            case "health": a.params.health = Health(rawValue: v)
            case "period": a.params.period = v
            case "value":
                guard let d = MeasurementForm.number(v) else { return .failure(Problem("\(f.label): expected a number like 0.92, 42 or -10")) }
                a.params.value = d
            default: if let problem = AccountForms.fill(f, v, into: &a.params) { return .failure(problem) }
            }
        }
        return .success(a)
    }
}

/// Amounts as typed in forms: digits, one point, up to two decimals.
public enum AmountText {
    /// Whether `c` may be typed into `text` at `cursor`.
    public static func accepts(_ c: Character, into text: [Character], at cursor: Int) -> Bool {
        var next = text
        next.insert(c, at: cursor)
        return isPrefixOfAmount(String(next))
    }

    static func isPrefixOfAmount(_ s: String) -> Bool {
        s.range(of: #"^\d{0,12}(\.\d{0,2})?$"#, options: .regularExpression) != nil
    }

    public static func parse(_ s: String) -> Decimal? {
        guard s.range(of: #"^\d{1,12}(\.\d{1,2})?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))
    }
}

import Foundation

/// Editing keys inside a form: the text editor, pickers, moving between fields, submit and cancel. Every key
/// is looked up in the keymap (scopes `confirm`, `text`, `choice` and `form`); a character no binding takes is
/// typed (or, in a choice field, jumps to the first choice starting with it).
enum FormEditor {
    enum Outcome { case stay, cancel, submit(ActionRequest) }

    /// The key scope of the form as it is now: the confirmation, the focused field's kind, or the form alone.
    static func scope(_ form: FormState) -> KeyScope {
        if form.confirming { return .confirm }
        guard form.fields.indices.contains(form.focus) else { return .form }
        if case .picker = form.fields[form.focus].kind { return .choice }
        return .text
    }

    static func handle(_ form: inout FormState, _ key: KeyEvent) -> Outcome {
        let command = Keymap.command(for: key, in: scope(form))
        if form.confirming {
            switch command {
            case .edit(.yes)?:
                if case .success(let a) = form.filled() { return .submit(a) }
                form.confirming = false
                return .stay
            case .edit(.no)?: return .cancel
            default: return .stay
            }
        }
        if command == .edit(.cancel) { return .cancel }
        guard !form.fields.isEmpty else { return .stay }
        var f = form.fields[form.focus]
        form.error = nil
        switch command {
        case .edit(.nextField)?:
            form.focus = (form.focus + 1) % form.fields.count
            return .stay
        case .edit(.previousField)?:
            form.focus = (form.focus + form.fields.count - 1) % form.fields.count
            return .stay
        case .edit(.accept)?:
            if form.focus < form.fields.count - 1 {
                form.focus += 1
                return .stay
            }
            switch form.filled() {
            case .failure(let m):
                form.error = m.text
                return .stay
            case .success(let a):
                if form.needsConfirmation { form.confirming = true; return .stay }
                return .submit(a)
            }
        default:
            break
        }
        switch f.kind {
        case .picker(let choices):
            switch command {
            case .edit(.previousChoice)?: f.choice = max(0, f.choice - 1)
            case .edit(.nextChoice)?: f.choice = min(choices.count - 1, f.choice + 1)
            case nil:
                // Typing the first letters jumps to the first choice that starts with them.
                if case .char(let c) = key,
                   let i = choices.firstIndex(where: { $0.label.lowercased().hasPrefix(String(c).lowercased()) }) { f.choice = i }
            default: break
            }
        case .text, .amount:
            edit(&f, key, command)
        }
        form.fields[form.focus] = f
        return .stay
    }

    /// Text editing: insert at the cursor, and the keymap's editing commands (move, delete), and paste.
    static func edit(_ f: inout FormField, _ key: KeyEvent, _ command: Command?) {
        func insert(_ s: String) {
            for c in DisplayWidth.sanitized(s) where c != "\n" {
                if f.kind == .amount && !AmountText.accepts(c, into: f.text, at: f.cursor) { continue }
                f.text.insert(c, at: f.cursor)
                f.cursor += 1
            }
        }
        switch command {
        case .edit(.deleteBackward)?:
            if f.cursor > 0 { f.text.remove(at: f.cursor - 1); f.cursor -= 1 }
        case .edit(.deleteForward)?:
            if f.cursor < f.text.count { f.text.remove(at: f.cursor) }
        case .edit(.cursorLeft)?: f.cursor = max(0, f.cursor - 1)
        case .edit(.cursorRight)?: f.cursor = min(f.text.count, f.cursor + 1)
        case .edit(.lineStart)?: f.cursor = 0
        case .edit(.lineEnd)?: f.cursor = f.text.count
        case .edit(.deleteToStart)?: f.text.removeSubrange(0..<f.cursor); f.cursor = 0
        case .edit(.deleteToEnd)?: f.text.removeSubrange(f.cursor..<f.text.count)
        case nil:
            switch key {
            case .char(let c): insert(String(c))
            case .paste(let s): insert(s.replacingOccurrences(of: "\n", with: " "))
            default: break
            }
        default: break
        }
    }
}
