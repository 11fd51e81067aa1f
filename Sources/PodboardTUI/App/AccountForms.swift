import PodboardCore

/// The account view's action keys: what they act on (the checklist item or contract under the cursor) and the
/// forms they ask for.
enum AccountForms {
    /// The open account and the subject of the line under the cursor.
    static func cursor(_ state: AppState) -> (account: String, subject: LineSubject?)? {
        guard let top = state.details.last, case .account(let id) = top.target else { return nil }
        let lines = DetailView.lines(state, top.target)
        return (id, lines.indices.contains(top.cursor) ? lines[top.cursor].subject : nil)
    }

    /// The action of an account-view key, or nil for the other actions. A tick on a ticked item unticks it; the
    /// offline key on an offline contract puts it back on the platform.
    static func action(_ kind: ActionKind, _ state: AppState) -> Result<ActionRequest, Problem>? {
        guard Workflow.accountViewActions.contains(kind) else { return nil }
        guard let (account, subject) = cursor(state) else { return .failure(Problem("open an account first")) }
        let store = state.data.store
        switch kind {
        case .tickItem, .untickItem:
            guard case .checklistItem(_, let i)? = subject, let item = store.account(account)?.onboarding.checklist[safe: i] else {
                return .failure(Problem("put the cursor on an onboarding checklist item first"))
            }
            var a = ActionRequest(item.done ? .untickItem : .tickItem, target: account)
            a.params.item = String(i + 1)
            return .success(a)
        case .addItem, .addContract:
            return .success(ActionRequest(kind, target: account))
        default:
            guard case .contract(let id)? = subject, let c = store.contract(id) else {
                return .failure(Problem("put the cursor on a contract of the SaaS stack first"))
            }
            let k: ActionKind = (kind == .takeOffline || kind == .putOnPlatform) ? (c.offline ? .putOnPlatform : .takeOffline) : kind
            return .success(ActionRequest(k, target: id))
        }
    }

    static func text(_ id: String, _ label: String, _ value: String, required: Bool = true) -> FormField {
        var f = FormField(id, label, .text, required: required)
        f.text = Array(value)
        f.cursor = f.text.count
        return f
    }

    static func picker(_ id: String, _ label: String, _ choices: [(String, String)], selected: String) -> FormField {
        var f = FormField(id, label, .picker(choices.map { FormField.Choice($0.0, $0.1) }))
        f.choice = choices.firstIndex { $0.0 == selected } ?? 0
        return f
    }

    static let billing = Billing.allCases.map { ($0.rawValue, $0.rawValue) }
    static let yesNo = [("no", "no"), ("yes", "yes")]

    /// The form of an account-view action; nil when it runs at once (tick, offline / on the platform, convert).
    static func form(for action: ActionRequest, _ state: AppState) -> FormState? {
        let store = state.data.store
        let today = state.data.today
        var fields: [FormField] = []
        var subject = action.target
        switch action.kind {
        case .addItem:
            subject = store.account(action.target)?.name ?? action.target
            fields = [FormField("item", "Item", .text)]
        case .addContract:
            subject = store.account(action.target)?.name ?? action.target
            fields = [FormField("tool", "Tool", .text), FormField("vendor", "Vendor", .text),
                      picker("billing", "Billing", billing, selected: "annual"), FormField("amount", "Annual value", .amount),
                      text("startsOn", "Starts (YYYY-MM-DD)", today.description),
                      text("endsOn", "Ends (YYYY-MM-DD)", today.adding(days: 364).description),
                      picker("autoRenew", "Auto-renew", yesNo, selected: "no"), text("noticeDays", "Notice days", "30"),
                      picker("offline", "Where", [("on", "on the platform"), ("offline", "offline")], selected: "on")]
        case .editContract:
            guard let c = store.contract(action.target) else { return nil }
            subject = "\(c.id) · \(c.tool)"
            var amount = FormField("amount", "Annual value", .amount)
            amount.text = Array(Money.plain(c.annualValue)); amount.cursor = amount.text.count
            fields = [amount, picker("billing", "Billing", billing, selected: c.billing.rawValue),
                      text("startsOn", "Starts (YYYY-MM-DD)", c.startsOn.description),
                      text("endsOn", "Ends (YYYY-MM-DD)", c.endsOn.description),
                      picker("autoRenew", "Auto-renew", yesNo, selected: c.autoRenew ? "yes" : "no"),
                      text("noticeDays", "Notice days", String(c.noticeDays))]
        case .sunset:
            guard let c = store.contract(action.target) else { return nil }
            subject = "\(c.id) · \(c.tool)"
            fields = [text("on", "Sunset on (YYYY-MM-DD)", (c.sunsetOn ?? today).description)]
        default:
            return nil
        }
        let title = action.kind.title.prefix(1).uppercased() + action.kind.title.dropFirst() + ": " + subject
        return FormState(action: action, title: title, fields: fields, needsConfirmation: false)
    }

    /// A form value for the account view's fields; a problem when it is not valid.
    static func fill(_ f: FormField, _ v: String, into p: inout ActionParams) -> Problem? {
        switch f.id {
        case "item": p.item = v
        case "billing": p.billing = Billing(rawValue: v)
        case "autoRenew": p.autoRenew = v == "yes"
        case "offline": p.offline = v == "offline"
        case "noticeDays":
            guard let n = Int(v), n >= 0 else { return Problem("\(f.label): expected a whole number of days, like 30") }
            p.noticeDays = n
        case "startsOn", "endsOn", "on":
            guard let d = LocalDate(v) else { return Problem("\(f.label): expected a date like 2026-11-23") }
            if f.id == "startsOn" { p.startsOn = d } else if f.id == "endsOn" { p.endsOn = d } else { p.on = d }
        default: break
        }
        return nil
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
