import PodboardCore

/// What each action key acts on, and the form it asks for before it runs.
enum ActionForms {
    /// The request the cursor is on: the request detail in view, else the selected card or row.
    static func selectedRequest(_ state: AppState) -> String? {
        if let top = state.details.last {
            if case .request(let id) = top.target { return id }
            return nil
        }
        switch state.pane {
        case .home: return HomeView.selected(state)?.id
        case .board: return BoardView.selected(state)?.request.id
        case .aging:
            let rows = AgingView.rows(state)
            return rows.indices.contains(state.aging.cursor.selection) ? rows[state.aging.cursor.selection].request.id : nil
        case .escalations: return EscalationsView.selected(state)?.request.id
        default: return nil
        }
    }

    /// The action a key starts, with its target; or why there is none.
    static func action(_ kind: ActionKind, _ state: AppState, selected: String?? = nil) -> Result<ActionRequest, Problem> {
        if let accountAction = AccountForms.action(kind, state) { return accountAction }
        switch kind.target {
        case .request:
            if kind == .acknowledgeEscalation || kind == .resolveEscalation { return EscalationsView.action(kind, state) }
            guard let id = selected ?? selectedRequest(state) else { return .failure(Problem("select a request first")) }
            return .success(ActionRequest(kind, target: id))
        case .account:
            if kind == .raise {
                let q = RenewalsView.quarter(state)
                guard state.pane == .renewals, state.details.isEmpty, q.entries.indices.contains(state.renewals.selection) else {
                    return .failure(Problem("select a contract in the renewal calendar first"))
                }
                let c = q.entries[state.renewals.selection].contract
                var a = ActionRequest(.raise, target: c.account)
                a.params.kind = .renewal
                a.params.contract = c.id
                return .success(a)
            }
            guard case .account(let id)? = state.details.last?.target else { return .failure(Problem("open an account first")) }
            return .success(ActionRequest(kind, target: id))
        case .day:
            return .success(ActionRequest(kind, target: state.data.today.description))
        case .quarter:
            return .success(ActionRequest(kind, target: state.renewalsQuarter.description))
        case .contract:
            return .failure(Problem("open an account and put the cursor on a contract first"))
        case .file:
            return .failure(Problem("imports run from the command line: podboard import requests|contracts|accounts FILE.csv --map MAP"))
        case .measurement:
            return MeasurementForm.action(state)
        case .activity:
            let undone = Workflow.undoneActivities(state.data.store.activity)
            guard let k = state.sessionActions.last(where: { !undone.contains($0) }) else {
                return .failure(Problem("nothing of yours to undo in this session"))
            }
            return .success(ActionRequest(.undo, target: String(k)))
        }
    }

    static func people(_ state: AppState, role: Role, pod: String?) -> [FormField.Choice] {
        state.data.store.people.filter { $0.has(role) && (pod == nil || $0.pods.contains(pod!)) }
            .map { FormField.Choice($0.id, $0.name) }
    }

    static func choices<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> [FormField.Choice] where E.RawValue == String {
        E.allCases.map { FormField.Choice($0.rawValue, $0.rawValue) }
    }

    /// The intake form: an account of the POD in view, the kind, the tool and the vendor.
    static func intake(_ state: AppState) -> Result<FormState, Problem> {
        if let why = intakeRefusal(state) { return .failure(why) }
        guard let pod = state.pod else { return .failure(Problem("this store has no POD")) }
        let accounts = state.data.store.accounts.filter { $0.pod == pod.id }
        let fields = [
            FormField("account", "Account", .picker(accounts.map { .init($0.id, $0.name) })),
            FormField("kind", "Kind", .picker([.init("new", "new purchase"), .init("expansion", "expansion")])),
            FormField("tool", "Tool", .text),
            FormField("vendor", "Vendor", .text),
        ]
        return .success(FormState(action: ActionRequest(.raise, target: accounts[0].id), title: "Raise a request: POD \(pod.name)",
                                  fields: fields, needsConfirmation: false))
    }

    /// Why the intake form cannot open, or nil: its guards only, without building the form (the footer asks on
    /// every frame; the form lists every account of the POD).
    static func intakeRefusal(_ state: AppState) -> Problem? {
        guard let user = state.user else { return Problem(state.readOnlyReason ?? "read-only") }
        guard let pod = state.pod else { return Problem("this store has no POD") }
        guard state.data.store.accounts.contains(where: { $0.pod == pod.id }) else { return Problem("POD \(pod.name) has no account") }
        guard user.has(.admin) || (user.pods.contains(pod.id) && (user.has(.analyst) || user.has(.csm) || user.has(.em))) else {
            return Problem("\(user.name) may not raise requests for POD \(pod.name): only its analysts, CSMs and EM may")
        }
        return nil
    }

    /// The form an action needs; nil when it runs at once.
    static func form(for action: ActionRequest, _ state: AppState) -> FormState? {
        let store = state.data.store
        let request = store.request(action.target)
        let pod = request.flatMap { store.account($0.account) }?.pod
        // A request by its id and tool, an account by its name (its id means little to people).
        let subject = request.map { "\($0.id) · \($0.tool)" } ?? store.account(action.target)?.name ?? action.target
        var fields: [FormField] = []
        var confirm = false
        var notes: [String] = []
        switch action.kind {
        case .assign:
            fields = [FormField("person", "Analyst", .picker(people(state, role: .analyst, pod: pod)))]
        case .handOver, .reassign:
            // Each Buyer with their workload, so that the work goes to who has room for it.
            let buyers = pod.map { Workload.buyers(of: $0, in: store, excluding: action.kind == .reassign ? request?.buyer : nil) } ?? []
            fields = [FormField("person", action.kind == .reassign ? "New Buyer" : "Buyer",
                                .picker(buyers.map { FormField.Choice($0.person.id, $0.label) })),
                      FormField("note", "Note", .text, required: false)]
        case .disqualify:
            fields = [FormField("reason", "Reason", .picker(["missing details", "no response", "duplicate", "out of scope"].map { .init($0, $0) })),
                      FormField("note", "Note", .text, required: false)]
            confirm = true
        case .putOnHold:
            fields = [FormField("reason", "Waiting on", .picker(["waiting on the customer", "waiting on the vendor"].map { .init($0, $0) })),
                      FormField("note", "Note", .text, required: false)]
        case .addQuote:
            fields = [FormField("from", "From", .text), FormField("source", "Source", .picker(choices(QuoteSource.self))),
                      FormField("amount", "Annual amount", .amount)]
        case .logUpdate:
            fields = [FormField("note", "Update", .text)]
        case .setBaseline:
            var amount = FormField("amount", "Annual baseline", .amount)
            if let b = request?.baseline { amount.text = Array(Money.plain(b.amount)); amount.cursor = amount.text.count }
            var basis = FormField("basis", "Basis", .picker(choices(BaselineBasis.self)))
            if let b = request?.baseline, let i = BaselineBasis.allCases.firstIndex(of: b.basis) { basis.choice = i }
            fields = [amount, basis]
        case .setFinal:
            fields = [FormField("amount", "Final annual price", .amount)]
        case .setCostAvoidance:
            fields = [FormField("amount", "Cost avoidance", .amount)]
        case .submitSavings:
            if let r = request, Set(r.quotes.map(\.source)).count < 2 {
                fields = [FormField("reason", "Why fewer than 2 quote sources", .text)]
            }
            // Before submitting, the Buyer sees the savings against the tool's benchmark.
            confirm = true
            if let r = request { notes = SubmitFacts.lines(r, state) }
        case .approve:
            confirm = true
        case .reject:
            fields = [FormField("note", "Note for the Buyer", .text)]
            confirm = true
        case .escalate:
            fields = [FormField("escalation", "Reason", .picker(choices(EscalationReason.self))),
                      FormField("note", "Note", .text, required: false)]
        case .cancel:
            fields = [FormField("reason", "Reason", .text)]
            confirm = true
        case .markLost:
            fields = [FormField("reason", "Reason", .text)]
        case .acknowledgeEscalation:
            fields = [FormField("note", "Note", .text, required: false)]
        case .resolveEscalation:
            fields = [FormField("note", "Resolution", .text)]
        case .setHealth:
            let account = store.account(action.target)
            var health = FormField("health", "Health", .picker(choices(Health.self)))
            if let h = account?.health, let i = Health.allCases.firstIndex(of: h) { health.choice = i }
            var sentiment = FormField("sentiment", "Sentiment", .text, required: false)
            sentiment.text = Array(account?.sentiment ?? ""); sentiment.cursor = sentiment.text.count
            fields = [health, sentiment]
        case .recordMeasurement:
            return MeasurementForm.form(for: action, state)
        default:
            if let form = AccountForms.form(for: action, state) { return form }
            return nil
        }
        if fields.isEmpty && !confirm { return nil }
        let title = action.kind.title.prefix(1).uppercased() + action.kind.title.dropFirst() + ": " + subject
        var form = FormState(action: action, title: title, fields: fields, needsConfirmation: confirm)
        form.notes = notes
        return form
    }
}
