import Foundation

// How the demo's requests are made. Each request starts as a `DemoSpec` (its final status and the story it
// tells: a late qualification, a hold, a rejection, ...). The spec becomes a `DemoPlan`: the status changes
// with who makes them and how long after the previous one. The plan is laid on the working calendar so that
// its last change falls on a chosen day at or before today (`fit`), then given an account (and a contract for
// renewals and expansions), amounts, quotes, Buyer updates and escalations.

/// Who makes a status change.
enum DemoActor { case analyst, buyer, em }

/// How long after the previous event a status change comes.
enum DemoGap {
    /// Later the same working day (or early the next working day when the day is over).
    case minutes(Int)
    /// On the nth working day after, at this second of the day.
    case workingDays(Int, Int)
    /// n calendar days after (moved on to a working day), at this second of the day.
    case days(Int, Int)
}

struct DemoStep {
    var to: RequestStatus
    var actor: DemoActor
    var gap: DemoGap
    var action: String
    var note: String?
    var reason: String?
}

struct DemoPlan {
    /// Second of the day the request is raised.
    var createdTime: Int
    /// Minutes from raising to assignment; nil leaves the request unassigned.
    var assignMinutes: Int?
    var steps: [DemoStep]
}

/// A plan laid on the calendar: local moments of creation, assignment and each step.
struct DemoSim {
    var created: Int
    var assigned: Int?
    var times: [Int]
    var last: Int { times.last ?? assigned ?? created }
}

enum DemoHold { case none, resumed, open }
enum DemoFlag { case onTime, late, never }
enum DemoDiligence { case diligent, normal, stale }
enum DemoPeriod { case thisQuarter, lastQuarter, older }
enum DemoCreated { case today, yesterday }

/// The story of one request.
struct DemoSpec {
    var status: RequestStatus
    var kind: RequestKind?
    /// A tool the request must be for (to give a tool a derived benchmark).
    var tool: String?
    /// Send a pre-approval before qualifying (nil: sometimes).
    var viaQualifying: Bool?
    /// The first analyst action comes after the qualification deadline.
    var qualLate = false
    /// The savings are submitted (or the request is still open) after the negotiation deadline.
    var negLate = false
    /// How the analyst flags the request's TAT breaches (nil: drawn).
    var flag: DemoFlag?
    var holdQual = DemoHold.none
    var holdNeg = DemoHold.none
    /// The EM rejects the first submission.
    var rejection = false
    /// The final price is above the baseline.
    var negative = false
    var costAvoidance = false
    /// Submitted with a reason instead of quotes from two sources.
    var noQuotes = false
    /// How many quotes in all, for a submitted request (nil: 2 or 3).
    var quotes: Int?
    var diligence: DemoDiligence?
    var parallel = false
    var unresponsive = false
    var unassigned = false
    var created: DemoCreated?
    var period: DemoPeriod?
    /// The account's first request, raised on its `initiatedOn`: fast (savings approved within the FTV window) or slow.
    var anchor: Int?
    var fast: Bool?
    /// For cancelled requests: cancelled while `qualified` rather than while `qualifying`.
    var cancelFromQualified = false
    var reason: String?

    init(_ status: RequestStatus) { self.status = status }
}

struct DemoEntry {
    var at: Int
    var by: String
    var from: RequestStatus
    var to: RequestStatus
    var note: String?
    var reason: String?
    var action: String
}

struct DemoQuote {
    var from: String
    var source: QuoteSource
    var cents: Int64
    var at: Int
}

struct DemoEscalation {
    var at: Int
    var by: String
    var reason: EscalationReason
    var note: String
}

/// A request being made (amounts in cents, times as local moments).
struct DemoDraft {
    var id = ""
    var account: Int
    var kind: RequestKind
    var contract: Int?
    var tool: String
    var vendor: String
    var status: RequestStatus
    var created: Int
    var analyst: String?
    var assigned: Int?
    var assignedBy: String?
    var buyer: String?
    var termMonths = 12
    var baseline: Int64?
    var basis: BaselineBasis?
    var final: Int64?
    var costAvoidance: Int64?
    /// The price increase the vendor asked for, in basis points (0: none).
    var askBps = 0
    var noQuotesReason: String?
    var quotes: [DemoQuote] = []
    var updates: [(at: Int, text: String)] = []
    var escalations: [DemoEscalation] = []
    var history: [DemoEntry] = []
}

/// Where a request goes: its account, contract, kind, tool and vendor.
struct DemoPick {
    var account: Int
    var contract: Int?
    var kind: RequestKind
    var tool: String
    var vendor: String
}

extension DemoBuilder {
    // MARK: the list of stories

    /// Requests every demo has, in order: the first 12 cover every status, the rest every case a KPI or a
    /// view needs.
    func mandatorySpecs() -> [DemoSpec] {
        var list: [DemoSpec] = []
        func add(_ status: RequestStatus, _ configure: (inout DemoSpec) -> Void = { _ in }) {
            var s = DemoSpec(status)
            configure(&s)
            list.append(s)
        }
        add(.closed) { $0.kind = .renewal; $0.period = .lastQuarter; $0.quotes = 3; $0.costAvoidance = true }
        add(.approved) { $0.kind = .new; $0.rejection = true }
        add(.negotiating) { $0.kind = .new; $0.negLate = true; $0.flag = .onTime; $0.diligence = .stale; $0.parallel = true }
        add(.onHold) { $0.kind = .expansion; $0.holdNeg = .open; $0.unresponsive = true }
        add(.pendingApproval) { $0.kind = .renewal; $0.noQuotes = true }
        add(.qualifying) { $0.qualLate = true; $0.flag = .late }
        add(.qualified)
        add(.new) { $0.unassigned = true; $0.created = .today }
        add(.disqualified) { $0.viaQualifying = false; $0.reason = DemoNames.disqualifyReasons[0] }
        add(.cancelled) { $0.viaQualifying = true }
        add(.lost) { $0.kind = .new; $0.parallel = true }
        add(.closed) { $0.kind = .renewal; $0.negative = true; $0.holdNeg = .resumed; $0.period = .thisQuarter }
        // From here on, when there is room.
        add(.new) { $0.created = .yesterday }
        add(.negotiating) { $0.kind = .new; $0.diligence = .diligent; $0.flag = .never }
        add(.negotiating) { $0.kind = .renewal; $0.negLate = true; $0.flag = .never; $0.diligence = .normal }
        add(.pendingApproval) { $0.kind = .new }
        add(.approved) { $0.kind = .renewal; $0.costAvoidance = true }
        add(.closed) { $0.qualLate = true; $0.flag = .onTime; $0.period = .lastQuarter }
        add(.closed) { $0.tool = "Figma"; $0.period = .older }
        add(.closed) { $0.tool = "Figma"; $0.period = .lastQuarter }
        add(.approved) { $0.tool = "Figma" }
        add(.onHold) { $0.holdQual = .open; $0.unresponsive = true }
        add(.negotiating) { $0.kind = .expansion; $0.negLate = true; $0.holdNeg = .resumed; $0.flag = .late }
        add(.closed) { $0.kind = .new; $0.negLate = true; $0.flag = .onTime; $0.period = .lastQuarter }
        add(.qualifying) { $0.created = .today }
        add(.disqualified) { $0.viaQualifying = true; $0.unresponsive = true }
        add(.cancelled) { $0.cancelFromQualified = true }
        add(.negotiating) { $0.rejection = true; $0.diligence = .diligent }
        return list
    }

    func randomSpec() -> DemoSpec {
        let statuses: [RequestStatus] = [.closed, .approved, .pendingApproval, .negotiating, .onHold, .qualified,
                                         .qualifying, .new, .disqualified, .cancelled, .lost]
        var s = DemoSpec(statuses[rng.weighted([28, 5, 4, 12, 3, 4, 6, 5, 11, 8, 7])])
        s.qualLate = rng.chance(18)
        s.negLate = rng.chance(22)
        s.holdQual = rng.chance(8) ? .resumed : .none
        s.holdNeg = rng.chance(12) ? .resumed : .none
        s.rejection = rng.chance(8)
        s.negative = rng.chance(3)
        s.costAvoidance = rng.chance(10)
        s.noQuotes = rng.chance(12)
        s.parallel = rng.chance(6)
        s.unresponsive = rng.chance(5)
        s.unassigned = s.status == .new && rng.chance(40)
        return s
    }

    /// Makes the spec consistent: open holds only for on-hold requests, an on-hold request has one.
    func normalized(_ spec: DemoSpec) -> DemoSpec {
        var s = spec
        if s.status != .onHold {
            if s.holdQual == .open { s.holdQual = .resumed }
            if s.holdNeg == .open { s.holdNeg = .resumed }
        } else if s.holdQual != .open && s.holdNeg != .open {
            if rng.chance(30) { s.holdQual = .open } else { s.holdNeg = .open }
        }
        if s.holdQual == .open { s.holdNeg = .none }
        if ![.negotiating, .pendingApproval, .approved, .closed].contains(s.status) { s.rejection = false }
        if s.status != .approved && s.status != .closed { s.negative = false }
        if s.status != .new { s.unassigned = false }
        return s
    }

    func randomKind(_ status: RequestStatus) -> RequestKind {
        if status == .disqualified || status == .lost { return rng.chance(60) ? .new : .expansion }
        return [RequestKind.renewal, .new, .expansion][rng.weighted([35, 40, 25])]
    }

    // MARK: building all requests

    func buildRequests() {
        rng = SeededRandom(seed: seed, stream: 4)
        accountsByInit = info.indices.filter { info[$0].initiated != nil }.sorted { (info[$0].initiated!, $0) < (info[$1].initiated!, $1) }
        initDays = accountsByInit.map { info[$0].initiated! }
        contractsByEnd = contracts.indices.sorted { (contracts[$0].endsOn, $0) < (contracts[$1].endsOn, $1) }
        endDays = contractsByEnd.map { contracts[$0].endsOn.dayNumber }
        contractsByStart = contracts.indices.sorted { (contracts[$0].startsOn, $0) < (contracts[$1].startsOn, $1) }
        startDays = contractsByStart.map { contracts[$0].startsOn.dayNumber }

        var specs = Array(mandatorySpecs().prefix(requestCount))
        // Each account's first request, raised on its initiatedOn (FTV), while there is room.
        var firsts = accountsByInit
        rng.shuffle(&firsts)
        let anchorCount = min(firsts.count, (requestCount - specs.count) / 3)
        for k in 0..<anchorCount {
            var s = DemoSpec(.closed)
            s.anchor = firsts[k]
            s.fast = rng.chance(65)
            specs.append(s)
        }
        while specs.count < requestCount { specs.append(randomSpec()) }
        drafts.reserveCapacity(requestCount)
        for s in specs {
            if let d = realize(s) { drafts.append(d) }
        }
        var attempts = 0
        while drafts.count < requestCount && attempts < requestCount * 3 {
            if let d = realize(randomSpec()) { drafts.append(d) }
            attempts += 1
        }
    }

    /// The requests, in order of creation, with their ids.
    func finishRequests() -> [Request] {
        // By creation, then generation order: (moment, index) packed in one integer.
        if drafts.count < 1 << 24 {
            let order = drafts.indices.map { drafts[$0].created << 24 | $0 }.sorted()
            drafts = order.map { drafts[$0 & 0xFF_FFFF] }
        } else {
            drafts = drafts.indices.sorted { (drafts[$0].created, $0) < (drafts[$1].created, $1) }.map { drafts[$0] }
        }
        var out: [Request] = []
        out.reserveCapacity(drafts.count)
        for i in drafts.indices {
            drafts[i].id = "REQ-\(1001 + i)"
            let d = drafts[i]
            var r = Request(
                id: d.id, account: accounts[d.account].id, kind: d.kind, contract: d.contract.map { contracts[$0].id },
                tool: d.tool, vendor: d.vendor, status: d.status, createdAt: stamp(d.created), analyst: d.analyst,
                assignedAt: d.assigned.map(stamp), buyer: d.buyer, termMonths: d.termMonths,
                baseline: d.baseline.map { Baseline(amount: Self.money($0), basis: d.basis ?? .listPrice) },
                final: d.final.map(Self.money), costAvoidance: d.costAvoidance.map(Self.money), noQuotesReason: d.noQuotesReason)
            r.quotes = d.quotes.map { Quote(from: $0.from, source: $0.source, amount: Self.money($0.cents), receivedAt: stamp($0.at)) }
            r.updates = d.updates.map { Update(at: stamp($0.at), by: d.buyer ?? "", text: $0.text) }
            r.escalations = d.escalations.map { Escalation(at: stamp($0.at), by: $0.by, reason: $0.reason, note: $0.note) }
            r.history = d.history.map { HistoryEntry(at: stamp($0.at), by: $0.by, from: $0.from, to: $0.to, note: $0.note, reason: $0.reason) }
            out.append(r)
        }
        return out
    }

    /// One activity entry per assignment, status change and escalation, oldest first.
    func buildActivity(_ requests: [Request]) -> [Activity] {
        func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs)) }
        var items: [(at: Int, seq: Int, entry: Activity)] = []
        items.reserveCapacity(requests.count * 7)
        for (i, d) in drafts.enumerated() {
            let r = requests[i]
            if let a = d.assigned, let by = d.assignedBy, let analyst = d.analyst, let at = r.assignedAt {
                items.append((a, items.count, Activity(at: at, by: by, action: "assign", target: r.id,
                                                       before: object([]), after: object([("analyst", .string(analyst))]))))
            }
            for (k, e) in d.history.enumerated() {
                var after: [(String, JSONValue)] = [("status", .string(e.to.rawValue))]
                switch e.action {
                case "hand-over": if let b = d.buyer { after.append(("buyer", .string(b))) }
                case "submit-savings": if let f = r.final { after.append(("final", .number(Money.plain(f)))) }
                default: break
                }
                if let reason = e.reason { after.append(("reason", .string(reason))) }
                if let note = e.note { after.append(("note", .string(note))) }
                items.append((e.at, items.count, Activity(at: r.history[k].at, by: e.by, action: e.action, target: r.id,
                                                          before: object([("status", .string(e.from.rawValue))]), after: object(after))))
            }
            for (k, e) in d.escalations.enumerated() {
                items.append((e.at, items.count, Activity(at: r.escalations[k].at, by: e.by, action: "escalate", target: r.id,
                                                          before: object([]),
                                                          after: object([("escalation", object([("reason", .string(e.reason.rawValue)),
                                                                                                ("note", .string(e.note))]))]))))
            }
        }
        guard items.count < 1 << 24 else {
            return items.sorted { ($0.at, $0.seq) < ($1.at, $1.seq) }.map(\.entry)
        }
        // Sort keys rather than entries: (moment, sequence) packed in one integer.
        let keys = items.map { $0.at << 24 | $0.seq }.sorted()
        return keys.map { items[$0 & 0xFF_FFFF].entry }
    }

    // MARK: one request

    func realize(_ spec: DemoSpec) -> DemoDraft? {
        let s = normalized(spec)
        // An account's first request, or one for a given tool, is a purchase or an expansion, never a renewal.
        var kind = s.kind ?? (s.anchor != nil || s.tool != nil ? (rng.chance(60) ? .new : .expansion) : randomKind(s.status))
        for _ in 0..<6 {
            let plan = makePlan(s, kind: kind)
            var sim: DemoSim
            if let a = s.anchor, let initiated = info[a].initiated {
                sim = truncated(simulate(plan, start: initiated * 86400 + plan.createdTime))
            } else if let c = s.created {
                sim = truncated(simulate(plan, start: (c == .today ? t : t - 1) * 86400 + plan.createdTime))
            } else {
                var e = targetDay(s, kind: kind)
                sim = fit(plan, by: e)
                if s.status == .negotiating && !s.rejection {
                    // Open negotiations: make them in breach, or not, as the story says.
                    for _ in 0..<4 {
                        guard let due = negotiationDue(plan.steps.map(\.to), sim.times, kind: kind) else { break }
                        var shift = 0
                        if s.negLate { if due >= t - 1 { shift = -(due - t + 2 + rng.int(0, 5)) } } else if due < t { shift = min(t - e, t - due) }
                        if shift == 0 { break }
                        e += shift
                        sim = fit(plan, by: e)
                    }
                }
            }
            let status = sim.times.isEmpty ? RequestStatus.new : plan.steps[sim.times.count - 1].to
            if let pick = choose(kind, s, sim: sim, status: status) {
                return makeDraft(s, plan: plan, sim: sim, status: status, pick: pick)
            }
            if kind == .renewal { kind = rng.chance(50) ? .expansion : .new } else if kind == .expansion { kind = .new }
        }
        return nil
    }

    /// The status changes of a story, with drawn durations.
    func makePlan(_ s: DemoSpec, kind: RequestKind) -> DemoPlan {
        var steps: [DemoStep] = []
        func add(_ to: RequestStatus, _ actor: DemoActor, _ gap: DemoGap, _ action: String, note: String? = nil, reason: String? = nil) {
            steps.append(DemoStep(to: to, actor: actor, gap: gap, action: action, note: note, reason: reason))
        }
        func wd(_ lo: Int, _ hi: Int) -> DemoGap { .workingDays(rng.int(lo, hi), officeTime()) }
        func days(_ n: Int) -> DemoGap { .days(max(1, n), officeTime()) }
        func minutes(_ lo: Int, _ hi: Int) -> DemoGap { .minutes(rng.int(lo, hi)) }
        let createdTime = s.created != nil ? rng.int(570, 660) * 60 : (s.anchor != nil ? rng.int(600, 720) * 60 : officeTime())
        let assign: Int? = s.unassigned ? nil : rng.int(5, 150)
        let status = s.status
        let first: DemoGap = s.qualLate ? wd(2, 4) : minutes(15, 240)

        func body() {
            if status == .new { return }
            if status == .disqualified {
                if s.viaQualifying ?? rng.chance(40) {
                    add(.qualifying, .analyst, first, "send-pre-approval")
                    add(.disqualified, .analyst, wd(5, 10), "disqualify", reason: DemoNames.noResponse)
                } else {
                    add(.disqualified, .analyst, first, "disqualify", reason: s.reason ?? rng.pick(DemoNames.disqualifyReasons))
                }
                return
            }
            let cancelWhileQualifying = status == .cancelled && !s.cancelFromQualified
            let via = s.viaQualifying ?? (s.fast == true ? false : rng.chance(55))
            if via || status == .qualifying || s.holdQual != .none || cancelWhileQualifying {
                add(.qualifying, .analyst, first, "send-pre-approval")
                if s.holdQual != .none {
                    add(.onHold, .analyst, wd(1, 3), "put-on-hold", reason: rng.pick(DemoNames.customerHolds))
                    if s.holdQual == .open { return }
                    add(.qualifying, .analyst, wd(2, 6), "resume")
                }
                if status == .qualifying { return }
                if cancelWhileQualifying {
                    add(.cancelled, .analyst, wd(8, 15), "cancel", note: rng.pick(DemoNames.cancelNotes))
                    return
                }
                add(.qualified, .analyst, s.fast == false ? wd(2, 4) : wd(1, 3), "qualify")
            } else {
                add(.qualified, .analyst, first, "qualify")
            }
            if status == .qualified { return }
            if status == .cancelled {
                add(.cancelled, .analyst, wd(6, 15), "cancel", note: rng.pick(DemoNames.cancelNotes))
                return
            }
            add(.negotiating, .analyst, s.fast == true || rng.chance(50) ? minutes(30, 300) : wd(1, 2), "hand-over")
            let tat = kind == .renewal ? settings.tat.negotiationDaysRenewal : settings.tat.negotiationDaysNew
            let total: Int
            if let fast = s.fast {
                total = fast ? rng.int(3, 7) : rng.int(16, 24)
            } else if s.negLate {
                total = tat + rng.int(2, kind == .renewal ? 25 : 15)
            } else {
                total = rng.int(kind == .renewal ? 8 : 2, max(2, tat - 4))
            }
            var remaining = total
            if s.holdNeg != .none {
                let a = rng.int(1, max(1, total / 2))
                let reason = rng.chance(50) ? rng.pick(DemoNames.customerHolds) : rng.pick(DemoNames.vendorHolds)
                add(.onHold, .buyer, days(a), "put-on-hold", reason: reason)
                if s.holdNeg == .open { return }
                add(.negotiating, .buyer, days(rng.int(2, 10)), "resume")
                remaining = max(1, total - a)
            }
            if status == .negotiating && !s.rejection { return }
            if status == .lost {
                add(.lost, .buyer, days(remaining), "mark-lost", note: rng.pick(DemoNames.lostNotes))
                return
            }
            add(.pendingApproval, .buyer, days(remaining), "submit-savings")
            if s.rejection {
                add(.negotiating, .em, wd(1, 2), "reject", note: rng.pick(DemoNames.rejectNotes))
                if status == .negotiating { return }
                add(.pendingApproval, .buyer, days(rng.int(2, 6)), "submit-savings")
            }
            if status == .pendingApproval { return }
            add(.approved, .em, s.fast == true || rng.chance(50) ? minutes(60, 360) : wd(1, 2), "approve")
            if status == .approved { return }
            add(.closed, .analyst, wd(2, 8), "close")
        }
        body()
        return DemoPlan(createdTime: createdTime, assignMinutes: assign, steps: steps)
    }

    /// The day the story's last status change should fall on (at the latest).
    func targetDay(_ s: DemoSpec, kind: RequestKind) -> Int {
        switch s.status {
        case .new: return t - rng.int(0, 4)
        case .qualifying: return t - rng.int(0, 9)
        case .qualified: return t - rng.int(0, 5)
        case .onHold: return t - rng.int(1, 14)
        case .negotiating:
            if s.rejection { return t - rng.int(0, 5) }
            let tat = kind == .renewal ? settings.tat.negotiationDaysRenewal : settings.tat.negotiationDaysNew
            return s.negLate ? t - tat - rng.int(2, 20) : t - rng.int(0, tat / 2)
        case .pendingApproval: return t - rng.int(0, 4)
        case .approved: return rng.int(qs, t)
        case .closed:
            var p = s.period ?? [DemoPeriod.thisQuarter, .lastQuarter, .older][rng.weighted([35, 35, 30])]
            if p == .thisQuarter && t - qs < 8 { p = .lastQuarter }
            switch p {
            case .thisQuarter: return rng.int(qs + 8, t)
            case .lastQuarter: return rng.int(prevQs + 8, min(t, qs + 7))
            case .older: return rng.int(t - 360, prevQs + 7)
            }
        default: return t - rng.int(1, 330)
        }
    }

    // MARK: laying a plan on the calendar

    func advance(_ m: Int, _ gap: DemoGap) -> Int {
        let day = m / 86400
        switch gap {
        case .minutes(let k):
            let n = m + k * 60
            if isWorking(day) && n / 86400 == day && n % 86400 <= 19 * 3600 + 1800 { return n }
            return nextWorking(day + 1) * 86400 + (570 + k % 45) * 60
        case .workingDays(let n, let sod):
            return workingDay(n, after: day) * 86400 + sod
        case .days(let n, let sod):
            return nextWorking(day + n) * 86400 + sod
        }
    }

    func simulate(_ plan: DemoPlan, start: Int) -> DemoSim {
        var m = start
        var assigned: Int?
        if let a = plan.assignMinutes {
            m = advance(m, .minutes(a))
            assigned = m
        }
        var times: [Int] = []
        times.reserveCapacity(plan.steps.count)
        for s in plan.steps {
            m = advance(m, s.gap)
            times.append(m)
        }
        return DemoSim(created: start, assigned: assigned, times: times)
    }

    /// Drops whatever would happen after today.
    func truncated(_ sim: DemoSim) -> DemoSim {
        var s = sim
        if let a = s.assigned, a > endOfToday {
            s.assigned = nil
            s.times = []
        }
        if let k = s.times.firstIndex(where: { $0 > endOfToday }) { s.times.removeSubrange(k...) }
        return s
    }

    private func estimate(_ plan: DemoPlan) -> Int {
        var d = 0
        for s in plan.steps {
            switch s.gap {
            case .minutes: break
            case .workingDays(let n, _): d += n + (n + 4) / 5 * 2
            case .days(let n, _): d += n + 1
            }
        }
        return d
    }

    /// The plan, raised on a working day early enough for its last change to fall on `day` or before.
    func fit(_ plan: DemoPlan, by day: Int) -> DemoSim {
        var start = prevWorking(day - estimate(plan))
        var sim = simulate(plan, start: start * 86400 + plan.createdTime)
        var rounds = 0
        while sim.last / 86400 > day && rounds < 200 {
            start = prevWorking(start - max(1, sim.last / 86400 - day))
            sim = simulate(plan, start: start * 86400 + plan.createdTime)
            rounds += 1
        }
        return truncated(sim)
    }

    /// The negotiation due date (a day number), as KPIS.md computes it: hand-over + TAT + hold days.
    func negotiationDue(_ tos: [RequestStatus], _ times: [Int], kind: RequestKind) -> Int? {
        let n = min(tos.count, times.count)
        guard let hi = tos.prefix(n).firstIndex(of: .negotiating) else { return nil }
        let h = times[hi]
        let s = tos.prefix(n).firstIndex(of: .pendingApproval).map { times[$0] }
        var due = h / 86400 + (kind == .renewal ? settings.tat.negotiationDaysRenewal : settings.tat.negotiationDaysNew)
        for i in 0..<n where tos[i] == .onHold && times[i] > h {
            if let s, times[i] >= s { continue }
            let entryDay = times[i] / 86400
            if entryDay > due { continue }
            var exitDay = i + 1 < n ? times[i + 1] / 86400 : t
            if let s { exitDay = min(exitDay, s / 86400) }
            due += max(0, exitDay - entryDay)
        }
        return due
    }

    // MARK: accounts and contracts for a request

    private func lowerBound(_ keys: [Int], _ value: Int) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// An account that had started sending requests by `createdDay` and whose term lasts until `needEnd`.
    func randomEligible(createdDay: Int, needEnd: Int) -> Int? {
        let n = lowerBound(initDays, createdDay + 1)
        guard n > 0 else { return nil }
        for _ in 0..<24 {
            let a = accountsByInit[rng.int(0, n - 1)]
            if info[a].termEnds >= needEnd { return a }
        }
        let start = rng.int(0, n - 1)
        for k in 0..<n {
            let a = accountsByInit[(start + k) % n]
            if info[a].termEnds >= needEnd { return a }
        }
        return nil
    }

    private func eligible(_ a: Int, createdDay: Int, needEnd: Int) -> Bool {
        guard let i = info[a].initiated else { return false }
        return i <= createdDay && info[a].termEnds >= needEnd
    }

    /// A free contract whose date (`keys`, in `order`) lies in lo...hi, of an eligible account.
    private func findContract(_ order: [Int], _ keys: [Int], _ lo: Int, _ hi: Int, createdDay: Int, needEnd: Int) -> Int? {
        guard lo <= hi else { return nil }
        let a = lowerBound(keys, lo), b = lowerBound(keys, hi + 1)
        let n = b - a
        guard n > 0 else { return nil }
        let start = rng.int(0, n - 1)
        for k in 0..<min(n, 256) {
            let c = order[a + (start + k) % n]
            if contractLocked[c] || contractUsed[c] { continue }
            if eligible(contractAccount[c], createdDay: createdDay, needEnd: needEnd) { return c }
        }
        return nil
    }

    /// Contracts of an account that a request raised on `createdDay` may expand.
    private func expandable(_ a: Int, createdDay: Int) -> [Int] {
        info[a].contracts.filter { !contractLocked[$0] && contracts[$0].addedOn.dayNumber <= createdDay }
    }

    func choose(_ kind: RequestKind, _ s: DemoSpec, sim: DemoSim, status: RequestStatus) -> DemoPick? {
        let createdDay = sim.created / 86400
        let lastDay = sim.last / 86400
        let needEnd = status.isOpen ? t : lastDay
        func expansion(_ a: Int, _ c: Int) -> DemoPick {
            DemoPick(account: a, contract: c, kind: .expansion, tool: contracts[c].tool, vendor: contracts[c].vendor)
        }
        func new(_ a: Int) -> DemoPick {
            let tool = pickTool(excluding: info[a].tools)
            return DemoPick(account: a, contract: nil, kind: .new, tool: tool.tool, vendor: tool.vendor)
        }
        if let a = s.anchor {
            let options = expandable(a, createdDay: createdDay)
            if kind == .expansion || (!options.isEmpty && rng.chance(30)), !options.isEmpty { return expansion(a, rng.pick(options)) }
            return new(a)
        }
        if let name = s.tool, let tool = Self.tool(named: name) {
            for _ in 0..<40 {
                guard let a = randomEligible(createdDay: createdDay, needEnd: needEnd) else { return nil }
                if let c = expandable(a, createdDay: createdDay).first(where: { contracts[$0].tool == name }) { return expansion(a, c) }
                if !info[a].tools.contains(name) {
                    return DemoPick(account: a, contract: nil, kind: .new, tool: tool.tool, vendor: tool.vendor)
                }
            }
            return nil
        }
        switch kind {
        case .renewal:
            // A closed renewal renewed the contract: the stored term starts after it closed, at the agreed price.
            // Any other renewal is raised one to five months before the stored term ends.
            let c: Int?
            if status == .closed {
                c = findContract(contractsByStart, startDays, lastDay + 1, lastDay + 60, createdDay: createdDay, needEnd: needEnd)
            } else {
                let lo = max(createdDay + 15, status.isOpen ? t - 15 : createdDay + 15)
                c = findContract(contractsByEnd, endDays, lo, createdDay + 150, createdDay: createdDay, needEnd: needEnd)
            }
            guard let c else { return nil }
            return DemoPick(account: contractAccount[c], contract: c, kind: .renewal, tool: contracts[c].tool, vendor: contracts[c].vendor)
        case .expansion:
            guard let a = randomEligible(createdDay: createdDay, needEnd: needEnd) else { return nil }
            let options = expandable(a, createdDay: createdDay)
            guard !options.isEmpty else { return nil }
            return expansion(a, rng.pick(options))
        case .new:
            guard let a = randomEligible(createdDay: createdDay, needEnd: needEnd) else { return nil }
            return new(a)
        }
    }

    // MARK: people, amounts, quotes, updates, escalations

    /// A moment strictly between `a` and `b`, around `percent` of the way, in office hours on a working day
    /// when the window has one, in whole minutes.
    func officeMoment(_ a: Int, _ b: Int, percent: Int) -> Int {
        guard b - a > 180 else { return a + (b - a) / 2 }
        let first = a / 86400, last = b / 86400
        let aim = (a + (b - a) / 100 * percent) / 86400
        var day = aim
        while day <= last && !isWorking(day) { day += 1 }
        if day > last {
            day = aim
            while day >= first && !isWorking(day) { day -= 1 }
            if day < first { day = aim }
        }
        var m = day * 86400 + officeTime()
        if m <= a { m = a + rng.int(10, 40) * 60 }
        if m >= b { m = b - rng.int(10, 40) * 60 }
        m = min(max(m, a + 60), b - 60)
        m -= m % 60
        return m > a ? m : a + (b - a) / 2
    }

    private func pickAnalyst(_ pod: DemoPod) -> String {
        pod.analysts[rng.weighted(pod.analysts.map { $0 == hybrid ? 10 : 45 })]
    }

    private func pickBuyer(_ pod: DemoPod, not analyst: String?) -> String {
        let options = pod.buyers.filter { $0 != analyst }
        return options[rng.weighted(options.map { $0 == hybrid ? 10 : ($0 == sharedBuyer ? 30 : 50) })]
    }

    func makeDraft(_ s: DemoSpec, plan: DemoPlan, sim: DemoSim, status: RequestStatus, pick: DemoPick) -> DemoDraft {
        let pod = pods[info[pick.account].pod]
        var analyst: String?, assignedBy: String?
        if sim.assigned != nil {
            let a = pickAnalyst(pod)
            analyst = a
            assignedBy = rng.chance(70) ? pod.em : a
        }
        let steps = plan.steps.prefix(sim.times.count)
        let buyer: String? = steps.contains { $0.to == .negotiating } ? pickBuyer(pod, not: analyst) : nil
        var history: [DemoEntry] = []
        history.reserveCapacity(steps.count)
        var from = RequestStatus.new
        for (i, step) in steps.enumerated() {
            let by: String
            switch step.actor {
            case .analyst: by = analyst ?? pod.analysts[0]
            case .buyer: by = buyer ?? pod.buyers[0]
            case .em: by = pod.em
            }
            history.append(DemoEntry(at: sim.times[i], by: by, from: from, to: step.to, note: step.note, reason: step.reason, action: step.action))
            from = step.to
        }
        if pick.kind == .renewal, let c = pick.contract { contractUsed[c] = true }
        var d = DemoDraft(account: pick.account, kind: pick.kind, contract: pick.contract, tool: pick.tool, vendor: pick.vendor,
                          status: status, created: sim.created, analyst: analyst, assigned: sim.assigned, assignedBy: assignedBy,
                          buyer: buyer, history: history)
        d.termMonths = [12, 24, 36][rng.weighted([70, 20, 10])]
        setAmounts(&d, s)
        addQuotes(&d, s)
        addUpdates(&d, s)
        addEscalations(&d, s)
        return d
    }

    private func setAmounts(_ d: inout DemoDraft, _ s: DemoSpec) {
        let qualified = d.history.contains { $0.to == .qualified }
        let submitted = d.history.contains { $0.to == .pendingApproval }
        let bps: Int
        if s.negative {
            bps = -rng.int(200, 600)
        } else if let b = DemoNames.benchmarks.first(where: { $0.tool == d.tool }) {
            bps = b.hundredths * 100 + rng.int(-800, 800)
        } else {
            bps = rng.int(400, 2800)
        }
        func apply(_ base: Int64) -> Int64 { Self.round(base * Int64(10000 - bps) / 10000) }
        var baseline: Int64, final: Int64, basis: BaselineBasis
        switch d.kind {
        case .renewal:
            let value = contractCents[d.contract!]
            basis = .priorContract
            if d.status == .closed {
                final = value
                baseline = Self.round(value * 10000 / Int64(10000 - bps))
            } else {
                baseline = value
                final = apply(value)
            }
        case .new:
            let tool = Self.tool(named: d.tool) ?? DemoNames.tools[0]
            let list = Int64(rng.int(tool.seats)) * Int64(tool.seatCents) * 12
            basis = rng.chance(65) ? .firstQuote : .listPrice
            baseline = basis == .firstQuote ? Self.round(list, dollars: 10) : list
            final = apply(baseline)
        case .expansion:
            basis = rng.chance(60) ? .listPrice : .firstQuote
            baseline = Self.round(contractCents[d.contract!] * Int64(rng.int(15, 50)) / 100, dollars: basis == .firstQuote ? 10 : 1)
            final = apply(baseline)
        }
        let hasBaseline = qualified || d.kind == .renewal || (basis == .firstQuote && rng.chance(50))
        if hasBaseline {
            d.baseline = max(baseline, 100)
            d.basis = basis
        }
        if submitted && hasBaseline {
            d.final = max(final, 100)
            if s.negative || s.costAvoidance {
                // The vendor asked for an increase and did not get it (or only part of it).
                let extra = rng.int(400, 1200)
                d.askBps = (s.negative ? -bps : 0) + extra
                d.costAvoidance = max(100, Self.round(baseline * Int64(extra) / 10000))
            }
            if s.noQuotes { d.noQuotesReason = rng.pick(DemoNames.noQuotesReasons) }
        }
    }

    private func addQuotes(_ d: inout DemoDraft, _ s: DemoSpec) {
        guard let baseline = d.baseline else { return }
        if d.basis == .firstQuote {
            // The vendor's first quote came with the request.
            d.quotes.append(DemoQuote(from: d.vendor, source: .vendor, cents: baseline, at: min(endOfToday, d.created + rng.int(10, 90) * 60)))
        }
        guard let hi = d.history.firstIndex(where: { $0.to == .negotiating }) else { return }
        let start = d.history[hi].at
        var end = d.history.first(where: { $0.to == .pendingApproval })?.at ?? (hi + 1 < d.history.count ? d.history[hi + 1].at : endOfToday)
        if end == endOfToday { end = max(start + 600, min(endOfToday, t * 86400 + 18 * 3600)) }
        let submitted = d.final != nil
        var sources: [QuoteSource] = []
        let firstQuote = d.basis == .firstQuote ? 1 : 0
        if submitted && s.noQuotes {
            if firstQuote == 0 { sources = [.vendor] }
        } else {
            let total = submitted ? (s.quotes ?? rng.int(2, 3)) : rng.int(0, 2)
            if firstQuote == 0 && total > 0 { sources.append(.vendor) }
            while firstQuote + sources.count < total {
                sources.append(sources.contains(.reseller) && rng.chance(60) ? .alternative : .reseller)
            }
        }
        guard !sources.isEmpty else { return }
        let final = d.final
        let catalog = Self.tool(named: d.tool)
        var resellers = DemoNames.resellers
        rng.shuffle(&resellers)
        for (i, source) in sources.enumerated() {
            let isLast = i == sources.count - 1
            var cents: Int64
            if isLast, let final {
                cents = final
            } else {
                switch source {
                case .vendor:
                    cents = d.askBps > 0 ? baseline * Int64(10000 + d.askBps) / 10000 : baseline * Int64(rng.int(95, 100)) / 100
                case .reseller:
                    let floor = final ?? baseline * 80 / 100
                    cents = floor < baseline ? floor + (baseline - floor) * Int64(rng.int(20, 70)) / 100 : floor * Int64(rng.int(100, 106)) / 100
                case .alternative:
                    cents = (final ?? baseline * 85 / 100) * Int64(rng.int(88, 112)) / 100
                }
            }
            let from: String
            switch source {
            case .vendor: from = d.vendor
            case .reseller: from = resellers[i % resellers.count]
            case .alternative: from = catalog?.alternative ?? "Open-source alternative"
            }
            let at = officeMoment(start, end, percent: (i + 1) * 100 / (sources.count + 1))
            d.quotes.append(DemoQuote(from: from, source: source, cents: max(100, Self.round(cents)), at: at))
        }
    }

    private func addUpdates(_ d: inout DemoDraft, _ s: DemoSpec) {
        guard let buyer = d.buyer else { return }
        let diligence = s.diligence ?? (rng.chance(18) ? .stale : (rng.chance(40) ? .diligent : .normal))
        let p: Int
        switch diligence {
        case .diligent: p = 94
        case .normal: p = buyerDiligence[buyer] ?? 70
        case .stale: p = 25
        }
        for (i, e) in d.history.enumerated() where e.to == .negotiating {
            let start = e.at
            let open = i + 1 >= d.history.count
            let stop = open ? endOfToday : d.history[i + 1].at
            // A stale negotiation has had no update for the last few working days.
            let silentFrom = open && diligence == .stale ? workingDay(1, after: t - rng.int(3, 7)) : Int.max
            var day = start / 86400
            let lastDay = stop / 86400
            var count = 0
            while day <= lastDay && count < 60 {
                // Long-closed negotiations keep fewer updates (the visibility KPI looks at this quarter only).
                if day < silentFrom && isWorking(day) && rng.chance(day < prevQs ? p / 3 : p) {
                    let lo = (day == start / 86400 ? start % 86400 + 900 : 9 * 3600 + 900) / 60
                    let hi = (day == lastDay ? min(stop % 86400 - 300, 19 * 3600) : 19 * 3600) / 60
                    if lo < hi {
                        d.updates.append((day * 86400 + rng.int(lo + 1, hi) * 60, rng.pick(DemoNames.updates)))
                        count += 1
                    }
                }
                day += 1
            }
        }
    }

    private func addEscalations(_ d: inout DemoDraft, _ s: DemoSpec) {
        let h = d.history
        func add(_ at: Int, _ by: String?, _ reason: EscalationReason, _ note: String) {
            guard let by, at <= endOfToday else { return }
            d.escalations.append(DemoEscalation(at: at, by: by, reason: reason, note: note))
        }
        if let hi = h.firstIndex(where: { $0.to == .negotiating }) {
            let start = h[hi].at
            let end = hi + 1 < h.count ? h[hi + 1].at : max(start + 1800, min(endOfToday, t * 86400 + 18 * 3600))
            if s.parallel || rng.chance(6) {
                add(officeMoment(start, end, percent: rng.int(20, 60)), rng.chance(70) ? d.buyer : d.analyst,
                    .parallelNegotiation, rng.pick(DemoNames.parallelNotes))
            }
            if rng.chance(2) { add(officeMoment(start, end, percent: rng.int(61, 90)), d.buyer, .other, rng.pick(DemoNames.otherNotes)) }
        }
        if s.unresponsive || rng.chance(4) {
            // While waiting on the customer: on hold for them, or waiting on the pre-approval.
            let i = h.firstIndex { $0.to == .onHold && DemoNames.customerHolds.contains($0.reason ?? "") }
                ?? h.firstIndex { $0.to == .qualifying && $0.from == .new }
            if let i {
                let until = i + 1 < h.count ? h[i + 1].at : endOfToday
                let at = workingDay(2, after: h[i].at / 86400) * 86400 + officeTime()
                if at < until { add(at, h[i].by, .customerUnresponsive, rng.pick(DemoNames.unresponsiveNotes)) }
            }
        }
        // TAT breaches, flagged by the analyst in time, late, or never.
        let policy = s.flag ?? [DemoFlag.onTime, .late, .never][rng.weighted([55, 25, 20])]
        if policy != .never, let analyst = d.analyst {
            func flag(_ breach: Int, _ note: String) {
                let day = breach / 86400
                var at: Int
                if policy == .onTime {
                    at = nextWorking(day) * 86400 + officeTime()
                    if at <= breach { at = breach + rng.int(20, 90) * 60 }
                } else {
                    at = workingDay(rng.int(2, 4), after: day) * 86400 + officeTime()
                }
                add(at, analyst, .tatBreach, note)
            }
            if let a = d.assigned {
                let due = workingDay(settings.tat.qualifyWorkingDays, after: a / 86400) * 86400 + a % 86400
                let first = h.first { $0.from == .new }?.at
                if due <= endOfToday && (first ?? Int.max) > due {
                    flag(due, "Qualification TAT missed: first action was due \(date(due / 86400))")
                }
            }
            if let due = negotiationDue(h.map(\.to), h.map(\.at), kind: d.kind) {
                let breach = (due + 1) * 86400
                let submitted = h.first { $0.to == .pendingApproval }?.at
                let statusThen = h.last { $0.at <= breach }?.to ?? .new
                let late = submitted.map { $0 / 86400 > due } ?? (statusThen == .negotiating || statusThen == .onHold)
                if breach <= endOfToday && late {
                    flag(breach, "Negotiation TAT breached: savings were due \(date(due))")
                }
            }
        }
        if d.escalations.count > 1 { d.escalations.sort { $0.at < $1.at } }
    }
}
