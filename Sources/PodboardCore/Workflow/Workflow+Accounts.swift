import Foundation

// The account view's actions: the onboarding checklist (tick-item, untick-item, add-item) and the SaaS stack
// (add-contract, edit-contract, take-offline, put-on-platform, sunset, convert-to-annual).
//
// Who may (DOMAIN.md is silent; docs/decisions.md): a SaaS Analyst of the account's POD (they own ATS coverage)
// or its Engagement Manager; an admin always.
extension Context {
    /// The analyst-or-EM rule of the account's POD.
    func requireStackRight(_ a: Account, _ what: String) throws(ActionRefusal) {
        guard holds(.analyst, in: a.pod) || holds(.em, in: a.pod) else {
            throw refuse("\(person.name) may not \(what): only a SaaS Analyst or the Engagement Manager of POD \(a.pod) may")
        }
    }

    func accountIndex() throws(ActionRefusal) -> Int {
        guard let i = store.accounts.firstIndex(where: { $0.id == action.target }) else {
            throw .badInput("no account \"\(action.target)\" in this store")
        }
        return i
    }

    // MARK: - Onboarding checklist

    /// tick-item, untick-item, add-item. Ticking the last open item completes the onboarding (`completedOn` =
    /// the action's day); unticking an item or adding one reopens a completed onboarding, unless it completed in
    /// a quarter that has ended (its ATS coverage KPI is settled).
    mutating func checklist() throws(ActionRefusal) {
        let i = try accountIndex()
        let a = store.accounts[i]
        try requireStackRight(a, "change the onboarding checklist of \(a.name)")
        var new = a
        var done = ""
        switch action.kind {
        case .addItem:
            let text = try requireText(p.item, "the item's text (--item TEXT)")
            if a.onboarding.checklist.contains(where: { $0.item.caseInsensitiveCompare(text) == .orderedSame }) {
                throw refuse("the onboarding checklist of \(a.name) already has \"\(text)\"")
            }
            try reopen(&new, a, "add an item to")
            new.onboarding.checklist.append(ChecklistItem(item: text, done: false))
            done = "checklist item \"\(text)\" added"
        default:
            let ticking = action.kind == .tickItem
            let k = try itemIndex(a)
            let item = a.onboarding.checklist[k]
            guard item.done != ticking else {
                throw refuse("item \(k + 1) (\"\(item.item)\") of \(a.name) is already \(ticking ? "ticked" : "not ticked")")
            }
            new.onboarding.checklist[k].done = ticking
            if ticking {
                done = "\"\(item.item)\" ticked"
                if new.onboarding.completedOn == nil && new.onboarding.checklist.allSatisfy(\.done) {
                    new.onboarding.completedOn = today
                    done += "; onboarding completed \(today)"
                }
            } else {
                try reopen(&new, a, "untick an item of")
                done = "\"\(item.item)\" unticked" + (a.onboarding.completedOn != nil ? "; onboarding reopened" : "")
            }
        }
        store.accounts[i] = new
        log(target: a.id, before: StoreEncoder.account(a), after: StoreEncoder.account(new))
        summary = "\(a.name): \(done)"
    }

    /// The item named by `--item`: its number (1 = first) or its text.
    func itemIndex(_ a: Account) throws(ActionRefusal) -> Int {
        let list = a.onboarding.checklist
        let given = try requireText(p.item, "the item (--item N, 1 = the first, or its text)")
        if let n = Int(given) {
            guard list.indices.contains(n - 1) else {
                throw .badInput(list.isEmpty ? "no item \(n): the onboarding checklist of \(a.name) is empty"
                                             : "no item \(n): the onboarding checklist of \(a.name) has items 1 to \(list.count)")
            }
            return n - 1
        }
        guard let k = list.firstIndex(where: { $0.item.caseInsensitiveCompare(given) == .orderedSame }) else {
            throw .badInput("no item \"\(given)\" in the onboarding checklist of \(a.name)")
        }
        return k
    }

    /// A completed onboarding is reopened (completedOn cleared), unless it completed in an ended quarter.
    func reopen(_ new: inout Account, _ a: Account, _ what: String) throws(ActionRefusal) {
        guard let completed = a.onboarding.completedOn else { return }
        if completed.quarter < today.quarter {
            throw refuse("cannot \(what) the checklist of \(a.name): its onboarding completed on \(completed), in \(completed.quarter), which has ended (its ATS coverage is settled)")
        }
        new.onboarding.completedOn = nil
    }

    // MARK: - The SaaS stack

    /// add-contract ACCOUNT: tool, vendor, billing, annual value, start and end; auto-renew (default no), notice
    /// days (default 30), offline (default no); the id from `--contract` or the next free `C-NNNN`. Added on the
    /// action's day.
    mutating func addContract() throws(ActionRefusal) {
        let i = try accountIndex()
        let a = store.accounts[i]
        try requireStackRight(a, "add a contract to \(a.name)")
        let tool = try requireText(p.tool, "the tool (--tool NAME)")
        let vendor = try requireText(p.vendor, "the vendor (--vendor NAME)")
        guard let billing = p.billing else { throw .badInput("add-contract needs the billing (--billing monthly|annual)") }
        let value = try requireAmount("the annual value (--amount)")
        guard let starts = p.startsOn else { throw .badInput("add-contract needs the start date (--starts YYYY-MM-DD)") }
        guard let ends = p.endsOn else { throw .badInput("add-contract needs the end date (--ends YYYY-MM-DD)") }
        guard ends >= starts else { throw .badInput("the contract would end (\(ends)) before it starts (\(starts))") }
        let notice = p.noticeDays ?? 30
        guard notice >= 0 else { throw .badInput("notice days must be 0 or more, found \(notice)") }
        let id: String
        if let given = p.contract?.trimmingCharacters(in: .whitespaces), !given.isEmpty {
            guard store.contract(given) == nil else { throw refuse("there is already a contract \(given)") }
            id = given
        } else {
            id = Self.nextContractId(store.contracts.map(\.id))
        }
        let c = Contract(id: id, account: a.id, tool: tool, vendor: vendor, billing: billing, annualValue: value,
                         startsOn: starts, endsOn: ends, autoRenew: p.autoRenew ?? false, noticeDays: notice,
                         addedOn: today, offline: p.offline ?? false)
        store.contracts.append(c)
        log(target: c.id, before: .null, after: StoreEncoder.contract(c))
        summary = "\(c.id) added to \(a.name): \(tool), \(Money.format(value, currency: store.settings.currency)) a year"
            + (c.offline ? ", offline" : "")
    }

    /// The next `C-NNNN` after the highest number in use (at least 4 digits).
    static func nextContractId(_ ids: [String]) -> String {
        let numbers = ids.compactMap { id -> (Int, Int)? in
            guard id.hasPrefix("C-"), let n = Int(id.dropFirst(2)), n >= 0 else { return nil }
            return (n, id.count - 2)
        }
        var n = (numbers.map(\.0).max() ?? 0) + 1
        let width = max(4, numbers.map(\.1).max() ?? 4)
        let taken = Set(ids)
        while true {
            let digits = String(n)
            let id = "C-" + String(repeating: "0", count: max(0, width - digits.count)) + digits
            if !taken.contains(id) { return id }
            n += 1
        }
    }

    /// edit-contract, take-offline, put-on-platform, sunset, convert-to-annual on contract `action.target`.
    mutating func changeContract() throws(ActionRefusal) {
        guard let i = store.contracts.firstIndex(where: { $0.id == action.target }) else {
            throw .badInput("no contract \"\(action.target)\" in this store")
        }
        let c = store.contracts[i]
        guard let a = store.account(c.account) else { throw .badInput("contract \(c.id) names an unknown account \(c.account)") }
        try requireStackRight(a, "\(action.kind.title.replacingOccurrences(of: "the contract", with: c.id)) (\(c.tool), \(a.name))")
        var new = c
        let cur = store.settings.currency
        switch action.kind {
        case .editContract:
            let given = p.amount != nil || p.billing != nil || p.startsOn != nil || p.endsOn != nil || p.autoRenew != nil || p.noticeDays != nil
            guard given else {
                throw .badInput("edit-contract needs a new value: --amount, --billing, --starts, --ends, --auto-renew or --notice-days")
            }
            if p.amount != nil { new.annualValue = try requireAmount("the annual value (--amount)") }
            if let b = p.billing, b != c.billing {
                if b == .annual {
                    throw refuse("\(c.id) is billed monthly: convert it with convert-to-annual, which the monthly → annual KPI counts")
                }
                new.billing = .monthly
                new.convertedToAnnualOn = nil
            }
            if let s = p.startsOn { new.startsOn = s }
            if let e = p.endsOn { new.endsOn = e }
            if let r = p.autoRenew { new.autoRenew = r }
            if let n = p.noticeDays {
                guard n >= 0 else { throw .badInput("notice days must be 0 or more, found \(n)") }
                new.noticeDays = n
            }
            guard new.endsOn >= new.startsOn else { throw .badInput("the contract would end (\(new.endsOn)) before it starts (\(new.startsOn))") }
            guard new != c else { throw refuse("that changes nothing: \(c.id) already has these terms") }
            summary = "\(c.id) (\(c.tool)): terms changed"
        case .takeOffline:
            guard !c.offline else { throw refuse("\(c.id) (\(c.tool)) is already offline") }
            new.offline = true
            summary = "\(c.id) (\(c.tool)) is offline: \(Money.format(c.annualValue, currency: cur)) out of uploaded ATS"
        case .putOnPlatform:
            guard c.offline else { throw refuse("\(c.id) (\(c.tool)) is already on the platform (since \(c.addedOn))") }
            new.offline = false
            new.addedOn = today
            summary = "\(c.id) (\(c.tool)) is on the platform from \(today)"
        case .sunset:
            guard let day = p.on else { throw .badInput("sunset needs the day (--on YYYY-MM-DD)") }
            guard day >= c.startsOn else { throw .badInput("\(c.id) cannot be sunset on \(day): it starts on \(c.startsOn)") }
            if c.sunsetOn == day { throw refuse("\(c.id) (\(c.tool)) is already sunset on \(day)") }
            new.sunsetOn = day
            summary = "\(c.id) (\(c.tool)) sunset on \(day)"
        case .convertToAnnual:
            guard c.billing == .monthly else {
                throw refuse("\(c.id) (\(c.tool)) is billed annually already" + (c.convertedToAnnualOn.map { " (converted \($0))" } ?? ""))
            }
            if let s = c.sunsetOn, s <= today { throw refuse("\(c.id) (\(c.tool)) was sunset on \(s)") }
            guard c.endsOn >= today else { throw refuse("\(c.id) (\(c.tool)) ended on \(c.endsOn)") }
            new.billing = .annual
            new.convertedToAnnualOn = today
            summary = "\(c.id) (\(c.tool)) converted from monthly to annual billing"
        default:
            throw .badInput("\(action.kind.rawValue) is not a contract action")
        }
        store.contracts[i] = new
        log(target: c.id, before: StoreEncoder.contract(c), after: StoreEncoder.contract(new))
    }

    // MARK: - Undo

    static let contractMembers: Set<String> = ["tool", "vendor", "billing", "annualValue", "startsOn", "endsOn", "autoRenew",
                                               "noticeDays", "addedOn", "offline", "sunsetOn", "convertedToAnnualOn"]

    /// Undo of a contract action: an added contract is removed (unless a request names it); any other change is
    /// taken back member by member from its activity entry.
    mutating func undoContract(_ done: Activity, _ kind: ActionKind, _ extras: JSONObject) throws(ActionRefusal) {
        guard let i = store.contracts.firstIndex(where: { $0.id == done.target }) else {
            throw refuse("contract \(done.target) is no longer in the store")
        }
        let current = store.contracts[i]
        if kind == .addContract {
            if let r = store.requests.first(where: { $0.contract == current.id }) {
                throw refuse("\(current.id) cannot be removed: request \(r.id) names it")
            }
            store.contracts.remove(at: i)
            log(target: current.id, before: StoreEncoder.contract(current), after: .null, extras: extras)
            summary = "undone: \(current.id) (\(current.tool)) removed"
            return
        }
        guard Self.revertible(done, known: Self.contractMembers),
              let json = ActivityChange.revert(StoreEncoder.contract(current), before: done.before, after: done.after),
              let node = try? JSONParser.parse(JSONWriter.write(json)),
              let restored = StoreDecoder().decodeContract(node, "before") else {
            throw refuse("that \(done.action) of \(done.target) cannot be taken back automatically (its log entry does not say enough)")
        }
        guard restored != current else { throw refuse("that \(done.action) of \(done.target) changed nothing that can be taken back") }
        store.contracts[i] = restored
        log(target: current.id, before: StoreEncoder.contract(current), after: StoreEncoder.contract(restored), extras: extras)
        summary = "undone: \(done.action) of \(current.id)"
    }
}

extension Workflow {
    /// The actions of the account view (checklist and SaaS stack): they never look at requests.
    public static let accountViewActions: Set<ActionKind> = [.tickItem, .untickItem, .addItem, .addContract, .editContract,
                                                      .takeOffline, .putOnPlatform, .sunset, .convertToAnnual]

    /// Plausible values for the account view's actions, so that `whyNot` checks who may and the target's state.
    static func accountViewPlaceholders(_ kind: ActionKind, store: Store, target: String, into p: inout ActionParams) {
        switch kind {
        case .tickItem, .untickItem:
            let list = store.account(target)?.onboarding.checklist ?? []
            let k = list.firstIndex { $0.done == (kind == .untickItem) } ?? 0
            p.item = String(k + 1)
        case .addItem:
            p.item = "\u{1}placeholder"
        case .addContract:
            p.billing = .annual; p.startsOn = LocalDate(year: 2000, month: 1, day: 1); p.endsOn = p.startsOn
            p.contract = nil
        case .editContract:
            p.amount = (store.contract(target)?.annualValue ?? 0) + 1
        case .sunset:
            p.on = LocalDate(year: 9999, month: 12, day: 31)
        default:
            break
        }
    }
}
