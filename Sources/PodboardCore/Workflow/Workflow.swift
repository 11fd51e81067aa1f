import Foundation

/// Carries out actions on a store: checks who may do it and the request's state (DOMAIN.md, "The request
/// lifecycle"), changes the request, appends its history entry when the status changes, and appends an activity
/// entry with the target's values before and after. Pure: the same store, action, person and time give the
/// same result, which is what lets the journal replay actions.
public enum Workflow {
    /// The instant actions are stamped with: now, or with `--today`, that day at the current clock time
    /// (so that a session on a fixed day stays on that day), in the store's time zone.
    public static func now(zone: Zone, today: LocalDate?, wallClock: Date = Date()) -> Timestamp {
        let real = Timestamp(epochSeconds: Int64(wallClock.timeIntervalSince1970.rounded(.down)))
        let local = zone.local(real)
        return zone.instant(today ?? local.date, secondOfDay: local.secondOfDay)
    }

    /// Carries out an action for `person` at `at`. The stamp's id, sequence number and `via` (an admin acting for
    /// `person`) are written into the activity entry (optional `id`, `seq`, `via` members).
    public static func perform(_ action: ActionRequest, by personId: String, at: Timestamp, in store: Store,
                               stamp: ActionStamp = ActionStamp()) throws(ActionRefusal) -> ActionOutcome {
        var changed = store
        let before = ActionTouched.Counts(store)
        let done = try perform(action, by: personId, at: at, into: &changed, stamp: stamp)
        return ActionOutcome(store: changed, activity: done.activity, summary: done.summary,
                             touched: ActionTouched(action, before: before, after: changed))
    }

    /// The same action carried out on `store` in place (the store engine's commit and replay: no copy of the
    /// store's arrays when the caller holds the only reference). Every guard is checked before anything changes,
    /// so a refusal leaves `store` as it was.
    /// - Parameter position: where the caller believes the target request is in `store.requests` (an index it
    ///   keeps); checked, and a scan when wrong or nil.
    public static func perform(_ action: ActionRequest, by personId: String, at: Timestamp, into store: inout Store,
                               stamp: ActionStamp = ActionStamp(), position: Int? = nil) throws(ActionRefusal) -> (activity: Activity, summary: String) {
        guard let person = store.person(personId) else {
            throw .badInput("no person \"\(personId)\" in this store: say who you are with --as PERSON")
        }
        let target = action.kind.target == .request ? StoreIndex.position(of: action.target, in: store.requests, hint: position) : nil
        // A request's records stay in order: an action is never dated before the request was created or before
        // its last history entry (a session on a fixed --today runs at the current clock time). The same time
        // goes into every record the action writes.
        var when = at
        if let t = target {
            let r = store.requests[t]
            when = max(when, r.createdAt, r.history.last?.at ?? when)
            // An escalation is acknowledged or resolved after it was raised.
            if action.kind == .acknowledgeEscalation || action.kind == .resolveEscalation, let last = r.escalations.map(\.at).max() {
                when = max(when, last)
            }
        }
        // Segregation of duties holds for whoever really acts: an admin acting for the EM approves nothing of their own.
        if let via = stamp.via, action.kind == .approve || action.kind == .reject, let t = target, store.requests[t].buyer == via {
            let r = store.requests[t]
            let verb = action.kind == .approve ? "approve" : "reject"
            throw .refused("\(store.person(via)?.name ?? via) may not \(verb) \(r.id), even for \(person.name): they are its Buyer (segregation of duties)")
        }
        let zone = Zone(identifier: store.settings.timeZone) ?? .utc
        // The store moves into the context and back (swap: no copy, no extra reference), whatever happens.
        var owned = Store()
        swap(&owned, &store)
        var ctx = Context(store: consume owned, person: person, at: when, action: action, zone: zone, position: target)
        defer { swap(&store, &ctx.store) }
        try ctx.run()
        if !stamp.isEmpty, var last = ctx.store.activity.popLast() {
            if let id = stamp.id { last.extras["id"] = .string(id) }
            if let seq = stamp.seq { last.extras["seq"] = .number(String(seq)) }
            if let via = stamp.via { last.extras["via"] = .string(via) }
            ctx.store.activity.append(last)
        }
        return (ctx.store.activity.last!, ctx.summary)
    }

    /// The activity entries that an undo reversed.
    public static func undoneActivities(_ activity: [Activity]) -> Set<Int> { Context.undone(activity) }

    /// Why an action would be refused right now, or nil when it would run (for greying out keys). Values the
    /// action needs but has not been given yet are not checked.
    /// - Parameters:
    ///   - which: the escalation an acknowledge or resolve is about (as `ActionParams.which`).
    ///   - given: values already known (the checklist item under the cursor) that replace the placeholders.
    ///   - index: positions of the store's records (the UI keeps one per revision): with it, asking costs the same
    ///     on any store size; without it, the target is found by a scan.
    public static func whyNot(_ kind: ActionKind, target: String, by personId: String?, at: Timestamp, in store: Store,
                              which: String? = nil, given: ActionParams? = nil, index: StoreIndex? = nil) -> String? {
        guard let personId, let person = store.person(personId) else { return "read-only: say who you are with --as PERSON" }
        // An import's records are the values it has not been given yet: only who may import is checked.
        if kind == .importRecords { return Context.whyNotImport(person) }
        let small = Self.probeStore(kind, target: target, store: store, index: index ?? StoreIndex())
        var probe = ActionRequest(kind, target: target)
        probe.params = Self.placeholderParams(kind, store: small, target: target, person: personId)
        probe.params.which = which
        if kind == .recordMeasurement, let def = store.catalog.first(where: { $0.id == target }) {
            // The KPI's period of the probe's day.
            let zone = Zone(identifier: store.settings.timeZone) ?? .utc
            probe.params.period = KPIPeriod(def.period, containing: zone.date(of: at)).description
        }
        if let given {
            probe.params.item = given.item ?? probe.params.item
            // A measurement's scope and period are the gauge's (the value is the form's).
            if kind == .recordMeasurement { probe.params.scope = given.scope ?? probe.params.scope; probe.params.period = given.period ?? probe.params.period }
        }
        var changed = small
        do {
            _ = try perform(probe, by: personId, at: at, into: &changed)
            return nil
        } catch {
            return error.description
        }
    }

    /// The part of the store an action's guards look at: its target (and the target's account and contract), the
    /// people, the settings. The guards never look at the activity log (but for undo) or at other requests (but for
    /// raise, whose probe asks for a new request that names no contract) or other accounts and contracts (but for
    /// add-contract, which reads the contract ids): leave those out, so that asking costs the same on any store size.
    static func probeStore(_ kind: ActionKind, target: String, store: Store, index: StoreIndex) -> Store {
        if kind == .undo { return store }
        var small = store
        small.activity = []
        small.requests = []
        if kind != .addContract { small.contracts = [] }
        small.accounts = []
        func addAccount(_ id: String) { if let a = index.account(id, in: store) { small.accounts = [a] } }
        func addContract(_ id: String) { if let c = index.contract(id, in: store), !small.contracts.contains(where: { $0.id == c.id }) { small.contracts.append(c) } }
        switch kind.target {
        case .request:
            if let r = index.request(target, in: store) {
                small.requests = [r]
                addAccount(r.account)
                if let c = r.contract { addContract(c) }
            }
        case .account:
            addAccount(target)
        case .contract:
            if let c = index.contract(target, in: store) {
                addContract(c.id)
                addAccount(c.account)
            }
        default:
            break
        }
        return small
    }

    /// Plausible values, so that `whyNot` checks the rules and not the form's empty fields.
    static func placeholderParams(_ kind: ActionKind, store: Store, target: String, person: String) -> ActionParams {
        var p = ActionParams()
        p.note = "x"; p.reason = "x"; p.amount = 0; p.basis = .firstQuote; p.from = "x"; p.source = .vendor
        p.escalationReason = .other; p.health = .favorable; p.kind = .new; p.tool = "x"; p.vendor = "x"
        if kind == .handOver, let r = store.request(target), let a = store.account(r.account) {
            p.person = store.people.first { $0.has(.buyer) && $0.pods.contains(a.pod) }?.id
        }
        if kind == .reassign, let r = store.request(target), let a = store.account(r.account) {
            p.person = store.people.first { $0.has(.buyer) && $0.pods.contains(a.pod) && $0.id != r.buyer }?.id
        }
        if kind == .assign, let r = store.request(target), let a = store.account(r.account) {
            p.person = store.people.first { $0.has(.analyst) && $0.pods.contains(a.pod) }?.id
        }
        if kind == .submitSavings, let r = store.request(target), Set(r.quotes.map(\.source)).count >= 2 { p.reason = nil }
        if kind == .recordMeasurement {
            // Their own value for the KPI's period of today.
            p.value = 0
            p.scope = "person:" + person
        }
        accountViewPlaceholders(kind, store: store, target: target, into: &p)
        return p
    }
}

/// What the store engine adds to the activity entry of an action it commits: a unique id and the sequence number
/// (ENGINE.md: "is this action already in the store?" is answered by id), and `via`, the admin who acted for the
/// person (STORE.md, `people[].logins`).
public struct ActionStamp: Sendable, Equatable {
    public var id: String?
    public var seq: Int?
    public var via: String?
    public init(id: String? = nil, seq: Int? = nil, via: String? = nil) { self.id = id; self.seq = seq; self.via = via }
    public var isEmpty: Bool { id == nil && seq == nil && via == nil }
}

extension Activity {
    /// The action's id (set by the store engine when it committed it), if any.
    public var actionId: String? { if case .string(let s)? = extras["id"] { return s }; return nil }
    /// The action's sequence number in the store's log, if any.
    public var seq: Int? { if case .number(let n)? = extras["seq"] { return Int(n) }; return nil }
    /// The admin who acted for `by`, if any.
    public var via: String? { if case .string(let s)? = extras["via"] { return s }; return nil }
}

/// One action being carried out.
struct Context {
    var store: Store
    let person: Person
    let at: Timestamp
    let action: ActionRequest
    var summary = ""
    let zone: Zone
    var today: LocalDate { zone.date(of: at) }
    var p: ActionParams { action.params }

    /// Where the target request is in `store.requests`, when the caller found it already.
    let position: Int?

    init(store: consuming Store, person: Person, at: Timestamp, action: ActionRequest, zone: Zone, position: Int?) {
        self.store = store; self.person = person; self.at = at; self.action = action; self.zone = zone; self.position = position
    }

    // MARK: - Guards

    func refuse(_ m: String) -> ActionRefusal { .refused(m) }

    var isAdmin: Bool { person.has(.admin) }

    /// The person holds `role` in `pod` (an admin may do anything).
    func holds(_ role: Role, in pod: String) -> Bool { isAdmin || (person.has(role) && person.pods.contains(pod)) }

    func require(_ role: Role, in pod: String, _ what: String) throws(ActionRefusal) {
        guard holds(role, in: pod) else {
            throw refuse("\(person.name) may not \(what): only \(role == .em ? "an" : "a") \(role.title) of POD \(pod) may")
        }
    }

    func request() throws(ActionRefusal) -> (index: Int, request: Request, account: Account) {
        guard let i = StoreIndex.position(of: action.target, in: store.requests, hint: position) else {
            throw .badInput("no request \"\(action.target)\" in this store")
        }
        let r = store.requests[i]
        guard let a = store.account(r.account) else { throw .badInput("request \(r.id) names an unknown account \(r.account)") }
        return (i, r, a)
    }

    func requireStatus(_ r: Request, _ allowed: [RequestStatus], _ what: String) throws(ActionRefusal) {
        guard allowed.contains(r.status) else {
            let list = allowed.map(\.rawValue).joined(separator: " or ")
            throw refuse("cannot \(what) \(r.id): it is \(r.status.rawValue), and only a request that is \(list) can be")
        }
    }

    func requireText(_ value: String?, _ name: String) throws(ActionRefusal) -> String {
        guard let v = value?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else {
            throw .badInput("\(action.kind.rawValue) needs \(name)")
        }
        return v
    }

    func requireAmount(_ name: String) throws(ActionRefusal) -> Decimal {
        guard let a = p.amount else { throw .badInput("\(action.kind.rawValue) needs \(name) (a decimal amount, like 1250.50)") }
        guard a >= 0 else { throw .badInput("\(name) must be 0 or more, found \(a)") }
        guard Money.isWholeCents(a) else { throw .badInput("\(name) must be a whole number of cents, found \(a)") }
        return a
    }

    /// The reason an exit needs (`--reason`, or the note when only a note is given) and the note beside it: both
    /// land in the history entry (`reason`, `note`), nothing given is dropped.
    func reasonAndNote(_ what: String) throws(ActionRefusal) -> (reason: String, note: String?) {
        let why = try requireText(p.reason ?? p.note, what)
        guard p.reason != nil, let n = p.note?.trimmingCharacters(in: .whitespacesAndNewlines), !n.isEmpty else { return (why, nil) }
        return (why, n)
    }

    func name(_ id: String?) -> String { id.flatMap { store.person($0)?.name } ?? (id ?? "nobody") }

    /// Why only the Buyer may: "only its Buyer, Ben Okafor, may", or, before the hand-over, that it has none yet
    /// (not "only its Buyer, nobody, may").
    func onlyItsBuyer(_ r: Request) -> String {
        r.buyer == nil ? "it has no Buyer yet (it is \(r.status.rawValue)), only its Buyer may"
                       : "only its Buyer, \(name(r.buyer)), may"
    }

    // MARK: - Changes

    /// Replaces a request, moving it to `status` (with a history entry) when given, and logs the activity.
    mutating func commit(_ index: Int, _ new: Request, status: RequestStatus? = nil, note: String? = nil, reason: String? = nil,
                         summary: String, extras: JSONObject = JSONObject()) {
        let before = store.requests[index]
        var r = new
        if let status, status != before.status {
            // History is oldest first: an action stamped before the last entry (a session on a fixed --today)
            // is recorded at that entry's time.
            let when = max(at, before.history.last?.at ?? at)
            r.history.append(HistoryEntry(at: when, by: person.id, from: before.status, to: status, note: note, reason: reason))
            r.status = status
        }
        store.requests[index] = r
        // The status change's reason and note are in the history entry; the activity entry names them too, so
        // that `podboard log` and the views can say why.
        var extras = extras
        if status != nil {
            if let reason, extras["reason"] == nil { extras["reason"] = .string(reason) }
            if let note, extras["note"] == nil { extras["note"] = .string(note) }
        }
        log(target: r.id, before: StoreEncoder.request(before), after: StoreEncoder.request(r), extras: extras)
        self.summary = summary
    }

    /// Appends the activity entry: who, when, what, and the members of the target that changed.
    mutating func log(target: String, before: JSONValue, after: JSONValue, extras: JSONObject = JSONObject()) {
        let change = ActivityChange.diff(before, after)
        store.activity.append(Activity(at: at, by: person.id, action: action.kind.rawValue, target: target,
                                       before: change.before, after: change.after, extras: extras))
    }

    // MARK: - The actions

    mutating func run() throws(ActionRefusal) {
        switch action.kind {
        case .raise: try raise()
        case .assign, .take: try assign()
        case .sendPreApproval: try moveByAnalyst(from: [.new], to: .qualifying, "send pre-approval for")
        case .qualify: try qualify()
        case .disqualify: try disqualify()
        case .handOver: try handOver()
        case .reassign: try reassign()
        case .putOnHold: try putOnHold()
        case .resume: try resume()
        case .addQuote: try addQuote()
        case .logUpdate: try logUpdate()
        case .setBaseline: try setBaseline()
        case .setFinal: try buyerEdit("set the final price of") { r, c throws(ActionRefusal) in r.final = try c.requireAmount("the final price") }
        case .setCostAvoidance: try buyerEdit("set cost avoidance on") { r, c throws(ActionRefusal) in r.costAvoidance = try c.requireAmount("the cost avoidance") }
        case .submitSavings: try submitSavings()
        case .approve, .reject: try decide()
        case .escalate: try escalate(reason: nil)
        case .flagBreach: try flagBreach()
        case .acknowledgeEscalation, .resolveEscalation: try handleEscalation()
        case .cancel: try endByAnalyst(.cancelled, from: RequestStatus.allCases.filter { $0.isOpen && $0 != .approved }, "cancel")
        case .close: try endByAnalyst(.closed, from: [.approved], "close")
        case .markLost: try markLost()
        case .setHealth: try setHealth()
        case .markReviewed: try markReviewed()
        case .publishCalendar: try publishCalendar()
        case .undo: try undo()
        case .tickItem, .untickItem, .addItem: try checklist()
        case .addContract: try addContract()
        case .editContract, .takeOffline, .putOnPlatform, .sunset, .convertToAnnual: try changeContract()
        case .importRecords: try importRecords()
        case .recordMeasurement: try recordMeasurement()
        }
    }

    mutating func raise() throws(ActionRefusal) {
        guard let a = store.account(action.target) else { throw .badInput("no account \"\(action.target)\" in this store") }
        guard holds(.analyst, in: a.pod) || holds(.csm, in: a.pod) || holds(.em, in: a.pod) else {
            throw refuse("\(person.name) may not raise a request for \(a.name): only an analyst, CSM or EM of POD \(a.pod) may")
        }
        guard let kind = p.kind else { throw .badInput("raise needs the kind: new, renewal or expansion (--kind)") }
        var tool = p.tool?.trimmingCharacters(in: .whitespaces) ?? ""
        var vendor = p.vendor?.trimmingCharacters(in: .whitespaces) ?? ""
        var baseline: Baseline?
        if kind == .renewal {
            guard let cid = p.contract else { throw .badInput("a renewal request names its contract (--contract ID)") }
            guard let c = store.contract(cid), c.account == a.id else {
                throw .badInput("no contract \"\(cid)\" of account \(a.id) in this store")
            }
            if let open = store.requests.first(where: { $0.contract == cid && $0.kind == .renewal && $0.status.isOpen }) {
                throw refuse("contract \(cid) already has an open renewal request, \(open.id)")
            }
            if tool.isEmpty { tool = c.tool }
            if vendor.isEmpty { vendor = c.vendor }
            baseline = Baseline(amount: c.annualValue, basis: .priorContract)
        } else if p.contract != nil {
            throw .badInput("--contract names the contract a renewal renews: only a renewal request takes it")
        }
        guard !tool.isEmpty else { throw .badInput("raise needs the tool (--tool NAME)") }
        guard !vendor.isEmpty else { throw .badInput("raise needs the vendor (--vendor NAME)") }
        let months = p.termMonths ?? 12
        guard months > 0 else { throw .badInput("the term must be at least 1 month, found \(months)") }
        let next = (store.requests.compactMap { Int($0.id.drop { !$0.isNumber }) }.max() ?? 1000) + 1
        let r = Request(id: "REQ-\(next)", account: a.id, kind: kind, contract: kind == .renewal ? p.contract : nil,
                        tool: tool, vendor: vendor, status: .new, createdAt: at, termMonths: months, baseline: baseline)
        store.requests.append(r)
        log(target: r.id, before: .null, after: StoreEncoder.request(r))
        summary = "\(r.id) raised for \(a.name): \(tool)"
    }

    mutating func assign() throws(ActionRefusal) {
        let (i, r, a) = try request()
        guard r.status.isOpen else { throw refuse("\(r.id) is \(r.status.rawValue): a finished request is not assigned") }
        var new = r
        if action.kind == .take {
            guard person.has(.analyst) && person.pods.contains(a.pod) || isAdmin else {
                throw refuse("\(person.name) may not take \(r.id): only an analyst of POD \(a.pod) may take its requests")
            }
            if let current = r.analyst { throw refuse("\(r.id) is already assigned to \(name(current)); ask the EM to reassign it") }
            new.analyst = person.id
        } else {
            try require(.em, in: a.pod, "assign an analyst to \(r.id)")
            guard let who = p.person else { throw .badInput("assign needs the analyst (--person ID)") }
            guard let analyst = store.person(who) else { throw .badInput("no person \"\(who)\" in this store") }
            guard analyst.has(.analyst), analyst.pods.contains(a.pod) else {
                throw refuse("\(analyst.name) is not an analyst of POD \(a.pod)")
            }
            new.analyst = who
        }
        // The qualification clock runs from the first assignment: once the first analyst action happened,
        // reassigning does not move it (nor a miss to the new analyst's record).
        if r.assignedAt == nil || RequestTimeline(r, clock: Clock(today: today, settings: store.settings)).firstAction == nil {
            new.assignedAt = at
        }
        commit(i, new, summary: "\(r.id) assigned to \(name(new.analyst))")
    }

    mutating func moveByAnalyst(from: [RequestStatus], to: RequestStatus, _ what: String) throws(ActionRefusal) {
        let (i, r, a) = try request()
        try require(.analyst, in: a.pod, "\(what) \(r.id)")
        try requireStatus(r, from, what)
        commit(i, r, status: to, note: p.note, summary: "\(r.id) is \(to.rawValue)")
    }

    mutating func qualify() throws(ActionRefusal) {
        let (i, r, a) = try request()
        try require(.analyst, in: a.pod, "qualify \(r.id)")
        try requireStatus(r, [.new, .qualifying], "qualify")
        guard !r.tool.isEmpty, !r.vendor.isEmpty else { throw refuse("cannot qualify \(r.id): it needs its tool and vendor") }
        guard Workflow.hasSavingsReference(r) else {
            throw refuse("cannot qualify \(r.id): it needs a baseline or a linked contract")
        }
        commit(i, r, status: .qualified, note: p.note, summary: "\(r.id) qualified")
    }

    mutating func disqualify() throws(ActionRefusal) {
        let (i, r, a) = try request()
        try require(.analyst, in: a.pod, "disqualify \(r.id)")
        try requireStatus(r, [.new, .qualifying, .qualified], "disqualify")
        let (why, note) = try reasonAndNote("a reason (missing details, no response, duplicate, out of scope…)")
        commit(i, r, status: .disqualified, note: note, reason: why, summary: "\(r.id) disqualified: \(why)")
    }

    mutating func handOver() throws(ActionRefusal) {
        let (i, r, a) = try request()
        try require(.analyst, in: a.pod, "hand over \(r.id)")
        guard r.status == .qualified else {
            throw refuse("cannot hand over \(r.id): it is \(r.status.rawValue); never negotiate without a qualified request")
        }
        guard let who = p.person else { throw .badInput("hand-over needs the Buyer (--person ID)") }
        guard let buyer = store.person(who) else { throw .badInput("no person \"\(who)\" in this store") }
        guard buyer.has(.buyer), buyer.pods.contains(a.pod) else { throw refuse("\(buyer.name) is not a Buyer of POD \(a.pod)") }
        var new = r
        new.buyer = who
        commit(i, new, status: .negotiating, note: p.note, summary: "\(r.id) handed over to \(buyer.name)")
    }

    /// Who may move a request on or off hold: the analyst while qualifying, the Buyer while negotiating.
    func requireHoldRight(_ r: Request, _ a: Account, phase: RequestStatus) throws(ActionRefusal) {
        if phase == .qualifying {
            try require(.analyst, in: a.pod, "change the hold of \(r.id)")
        } else if !(r.buyer == person.id || isAdmin) {
            throw refuse("\(person.name) may not change the hold of \(r.id): " + onlyItsBuyer(r))
        }
    }

    mutating func putOnHold() throws(ActionRefusal) {
        let (i, r, a) = try request()
        try requireStatus(r, [.qualifying, .negotiating], "put on hold")
        try requireHoldRight(r, a, phase: r.status)
        let why = try requireText(p.reason, "a reason (waiting on the customer or the vendor…)")
        commit(i, r, status: .onHold, note: p.note, reason: why, summary: "\(r.id) on hold: \(why)")
    }

    mutating func resume() throws(ActionRefusal) {
        let (i, r, a) = try request()
        try requireStatus(r, [.onHold], "resume")
        let back = r.history.last(where: { $0.to == .onHold })?.from ?? .negotiating
        try requireHoldRight(r, a, phase: back)
        commit(i, r, status: back, note: p.note, summary: "\(r.id) resumed: \(back.rawValue)")
    }

    /// Buyer-only edits while negotiating.
    mutating func buyerEdit(_ what: String, _ change: (inout Request, Context) throws(ActionRefusal) -> Void) throws(ActionRefusal) {
        let (i, r, _) = try request()
        guard r.buyer == person.id || isAdmin else {
            throw refuse("\(person.name) may not \(what) \(r.id): " + onlyItsBuyer(r))
        }
        try requireStatus(r, [.negotiating], what)
        var new = r
        try change(&new, self)
        let done: String
        switch action.kind {
        case .setFinal: done = "final price set to " + Money.format(new.final ?? 0, currency: store.settings.currency)
        case .setCostAvoidance: done = "cost avoidance set to " + Money.format(new.costAvoidance ?? 0, currency: store.settings.currency)
        default: done = action.kind.title + " done"
        }
        commit(i, new, summary: "\(r.id): \(done)")
    }

    mutating func addQuote() throws(ActionRefusal) {
        try buyerEdit("add a quote to") { r, c throws(ActionRefusal) in
            let from = try c.requireText(c.p.from, "who quoted (--from NAME)")
            guard let source = c.p.source else { throw .badInput("add-quote needs the source: vendor, reseller or alternative") }
            r.quotes.append(Quote(from: from, source: source, amount: try c.requireAmount("the quoted amount"), receivedAt: c.at))
        }
        summary = "\(action.target): quote from \(p.from ?? "") added"
    }

    mutating func logUpdate() throws(ActionRefusal) {
        try buyerEdit("log an update on") { r, c throws(ActionRefusal) in
            r.updates.append(Update(at: c.at, by: c.person.id, text: try c.requireText(c.p.note, "the update's text")))
        }
        summary = "\(action.target): update logged"
    }

    mutating func setBaseline() throws(ActionRefusal) {
        let (i, r, a) = try request()
        guard holds(.analyst, in: a.pod) || r.buyer == person.id else {
            throw refuse("\(person.name) may not set the baseline of \(r.id): only an analyst of POD \(a.pod) or its Buyer may")
        }
        try requireStatus(r, [.new, .qualifying, .qualified, .negotiating], "set the baseline of")
        guard let basis = p.basis else { throw .badInput("set-baseline needs the basis: prior-contract, first-quote or list-price") }
        var new = r
        new.baseline = Baseline(amount: try requireAmount("the baseline"), basis: basis)
        commit(i, new, summary: "\(r.id): baseline set")
    }

    mutating func submitSavings() throws(ActionRefusal) {
        let (i, r, _) = try request()
        guard r.buyer == person.id || isAdmin else {
            throw refuse("\(person.name) may not submit savings for \(r.id): " + onlyItsBuyer(r))
        }
        try requireStatus(r, [.negotiating], "submit savings for")
        guard r.final != nil else { throw refuse("cannot submit \(r.id): set the final price first") }
        guard r.baseline != nil else { throw refuse("cannot submit \(r.id): it has no baseline to measure savings from") }
        var new = r
        let sources = Set(r.quotes.map(\.source))
        let why = p.reason?.trimmingCharacters(in: .whitespaces) ?? ""
        if sources.count < 2 && why.isEmpty {
            throw refuse("cannot submit \(r.id): it needs quotes from at least 2 different sources (it has \(sources.count)), or a written reason why not")
        }
        // A written reason is kept even when it was not needed: nothing given is dropped.
        if !why.isEmpty { new.noQuotesReason = why }
        commit(i, new, status: .pendingApproval, note: p.note, summary: "\(r.id): savings submitted for approval")
    }

    mutating func decide() throws(ActionRefusal) {
        let (i, r, a) = try request()
        let verb = action.kind == .approve ? "approve" : "reject"
        try require(.em, in: a.pod, "\(verb) savings of \(r.id)")
        if r.buyer == person.id {
            throw refuse("\(person.name) may not \(verb) \(r.id): they are its Buyer (segregation of duties)")
        }
        try requireStatus(r, [.pendingApproval], verb)
        if action.kind == .approve {
            commit(i, r, status: .approved, note: p.note, summary: "\(r.id) approved")
        } else {
            let note = try requireText(p.note, "a note for the Buyer (--note TEXT)")
            commit(i, r, status: .negotiating, note: note, summary: "\(r.id) rejected: back to negotiating")
        }
    }

    mutating func escalate(reason fixed: EscalationReason?) throws(ActionRefusal) {
        let (i, r, a) = try request()
        guard isAdmin || person.pods.contains(a.pod) else {
            throw refuse("\(person.name) may not escalate \(r.id): only people of POD \(a.pod) may")
        }
        guard r.status.isOpen else { throw refuse("cannot escalate \(r.id): it is \(r.status.rawValue)") }
        guard let reason = fixed ?? p.escalationReason else {
            throw .badInput("escalate needs a reason: \(EscalationReason.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // A TAT breach is flagged by an analyst, and only when there is one: the same rules as flag-breach.
        if reason == .tatBreach && fixed == nil {
            try flagBreach()
            return
        }
        var new = r
        let note = p.note?.trimmingCharacters(in: .whitespaces) ?? ""
        if reason == .other && note.isEmpty { throw .badInput("an escalation for another reason needs a note saying what it is") }
        new.escalations.append(Escalation(at: at, by: person.id, reason: reason, note: note))
        commit(i, new, summary: "\(r.id) escalated: \(reason.rawValue)")
    }

    /// flag-breach: an escalation with reason `tat-breach`, by an analyst of the POD, on a request with a TAT
    /// breach that has happened (dated as analyst.breachFlagging dates it; flagging late is allowed and counts
    /// as a miss there).
    mutating func flagBreach() throws(ActionRefusal) {
        let (_, r, a) = try request()
        try require(.analyst, in: a.pod, "flag a TAT breach on \(r.id)")
        // The clocks of this one request only (a snapshot of the whole store would cost as much as the KPIs).
        var one = store
        one.requests = [r]
        one.activity = []
        let snap = Snapshot(store: one, today: today)
        guard let latest = TATBreach.of(r, snap).filter({ $0.at <= at }).map(\.at).max() else {
            throw refuse("\(r.id) is not in breach of a TAT (no breach yet), so there is nothing to flag")
        }
        if let done = r.escalations.first(where: { $0.reason == .tatBreach && $0.at >= latest }) {
            throw refuse("\(r.id)'s TAT breach was already flagged by \(name(done.by)) on \(zone.date(of: done.at))")
        }
        try escalate(reason: .tatBreach)
        summary = "\(r.id): TAT breach flagged"
    }

    mutating func endByAnalyst(_ to: RequestStatus, from: [RequestStatus], _ what: String) throws(ActionRefusal) {
        let (i, r, a) = try request()
        try require(.analyst, in: a.pod, "\(what) \(r.id)")
        try requireStatus(r, from, what)
        if to == .cancelled {
            let (why, note) = try reasonAndNote("a reason (aged out, no longer needed…)")
            commit(i, r, status: to, note: note, reason: why, summary: "\(r.id) cancelled: \(why)")
        } else {
            commit(i, r, status: to, note: p.note, reason: p.reason, summary: "\(r.id) \(to.rawValue)")
        }
    }

    mutating func markLost() throws(ActionRefusal) {
        let (i, r, a) = try request()
        guard holds(.analyst, in: a.pod) || r.buyer == person.id else {
            throw refuse("\(person.name) may not mark \(r.id) lost: only an analyst of POD \(a.pod) or its Buyer may")
        }
        try requireStatus(r, [.negotiating, .onHold, .pendingApproval], "mark lost")
        let (why, note) = try reasonAndNote("a reason (bought elsewhere, no deal…)")
        commit(i, r, status: .lost, note: note, reason: why, summary: "\(r.id) lost: \(why)")
    }

    mutating func setHealth() throws(ActionRefusal) {
        guard let i = store.accounts.firstIndex(where: { $0.id == action.target }) else {
            throw .badInput("no account \"\(action.target)\" in this store")
        }
        let a = store.accounts[i]
        guard holds(.em, in: a.pod) || holds(.csm, in: a.pod) else {
            throw refuse("\(person.name) may not set the health of \(a.name): only an EM or CSM of POD \(a.pod) may")
        }
        guard let health = p.health else {
            throw .badInput("set-health needs the health: \(Health.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var new = a
        new.health = health
        if let s = p.sentiment { new.sentiment = s.isEmpty ? nil : s }
        store.accounts[i] = new
        log(target: a.id, before: StoreEncoder.account(a), after: StoreEncoder.account(new))
        summary = "\(a.name): health \(health.rawValue)"
    }

    mutating func markReviewed() throws(ActionRefusal) {
        guard person.has(.analyst) || isAdmin else { throw refuse("\(person.name) may not mark aging reviewed: only an analyst may") }
        let day = today
        if !action.target.isEmpty && action.target != "today" && action.target != day.description {
            throw refuse("aging can only be marked reviewed for today (\(day)), not \(action.target)")
        }
        if store.reviews.contains(where: { $0.on == day && $0.by == person.id && $0.kind == "aging" }) {
            throw refuse("\(person.name) already marked aging reviewed on \(day)")
        }
        let review = Review(on: day, by: person.id, kind: "aging")
        store.reviews.append(review)
        log(target: day.description, before: .null, after: Self.reviewJSON(review))
        summary = "aging marked reviewed for \(day)"
    }

    static func reviewJSON(_ r: Review) -> JSONValue {
        var m = JSONObject(); m["on"] = .string(r.on.description); m["by"] = .string(r.by); m["kind"] = .string(r.kind)
        return .object(m)
    }

    mutating func publishCalendar() throws(ActionRefusal) {
        guard person.has(.analyst) || isAdmin else { throw refuse("\(person.name) may not publish the renewal calendar: only an analyst may") }
        let q: Quarter
        if action.target.isEmpty || action.target == "next" { q = today.quarter.next } else {
            guard let parsed = Quarter(action.target) else { throw .badInput("expected a quarter like 2027-Q1, found \"\(action.target)\"") }
            q = parsed
        }
        guard q > today.quarter else { throw refuse("the calendar of \(q) can no longer be published: it has started") }
        // The publication is personal (KPIS.md: analyst.renewalCalendar, "when *they* published it"): another
        // analyst's never blocks it, and publishing again after changes is recorded too (the KPI reads the first).
        let earlier = store.publications.first { $0.kind == "renewal-calendar" && $0.quarter == q && $0.by == person.id }
        let pub = Publication(kind: "renewal-calendar", quarter: q, at: at, by: person.id)
        store.publications.append(pub)
        var m = JSONObject(); m["kind"] = .string(pub.kind); m["quarter"] = .string(q.description); m["at"] = .string(at.text); m["by"] = .string(person.id)
        log(target: q.description, before: .null, after: .object(m))
        summary = earlier.map { "renewal calendar of \(q) published again (first on \(zone.date(of: $0.at)))" }
            ?? "renewal calendar of \(q) published"
    }
}
