import Foundation

/// What the demo store is built from.
public struct DemoOptions: Sendable {
    /// The seed of the pseudo-random choices: the same options give the same store.
    public var seed: UInt64 = 1
    /// How many accounts (customers); at least `DemoGenerator.minimumAccounts`.
    public var accounts: Int = 18
    /// How many procurement requests; at least `DemoGenerator.minimumRequests`.
    public var requests: Int = 90
    /// The day every date of the store is relative to, so that "today" views always look alive.
    public var today: LocalDate

    public init(today: LocalDate, seed: UInt64 = 1, accounts: Int = 18, requests: Int = 90) {
        self.today = today; self.seed = seed; self.accounts = accounts; self.requests = requests
    }
}

/// The built-in demo store.
public enum DemoGenerator {
    /// Fewer accounts than this are raised to it (every KPI needs a live, an ended and an initiated account).
    public static let minimumAccounts = 3
    /// Fewer requests than this are raised to it (the first requests cover every status).
    public static let minimumRequests = 12

    /// A realistic, deterministic store: the same options give the same store, byte for byte once encoded.
    ///
    /// Everything is dated relative to `options.today`, in the store's time zone (Asia/Kolkata), and nothing
    /// is timestamped after the end of that day, so that "today" views always look alive.
    /// `options.accounts` is raised to at least 3 and `options.requests` to at least 12 (smaller values,
    /// zero and negative ones included, are clamped up); with those minimums every request status appears.
    ///
    /// The store holds, among other things:
    /// - 2 PODs (3 from 9 accounts on), each with an EM, two analysts, 2–3 Buyers and 1–2 CSMs; a Buyer shared
    ///   by two PODs; a person who is both analyst and Buyer (without a target for the current quarter); an admin.
    /// - Accounts whose terms ended, end this quarter, next quarter and later; every health (from 4 accounts
    ///   on); one still without `initiatedOn` (from 6 accounts on); each account's first request raised on its
    ///   `initiatedOn`, room permitting.
    /// - 3–8 contracts per account, with CJK and emoji in tool and vendor names; monthly ones, some converted to
    ///   annual this quarter; renewals next quarter; auto-renewing contracts whose notice deadline falls within
    ///   14 days and that have no renewal request; offline and retired ones.
    /// - Requests in every status with coherent histories: qualification and negotiation breaches, flagged in
    ///   time, late or never; holds; a rejection later resubmitted; negative savings; cost avoidance; quotes,
    ///   or a reason for their absence; daily or stale Buyer updates; escalations.
    /// - Analysts' aging reviews, renewal-calendar publications, and one activity entry per assignment
    ///   (`assign`), status change and escalation (`escalate`).
    ///
    /// It is built from a seeded SplitMix64 generator and integer arithmetic only (amounts are built from
    /// cents), so it is identical on every machine. 2,000 accounts and 50,000 requests take under two
    /// seconds in a release build.
    public static func generate(_ options: DemoOptions) -> Store {
        DemoBuilder(options).build()
    }
}

/// A POD of the demo and who works in it.
struct DemoPod {
    var id: String
    var name: String
    var em: String
    /// Analysts who may be assigned its requests (the first is its lead, who publishes the renewal calendar).
    var analysts: [String]
    var buyers: [String]
    var csms: [String]
}

/// What the generator keeps about an account while it builds the store (days are day numbers).
struct DemoAccount {
    var pod: Int
    var handover: Int
    var initiated: Int?
    var termEnds: Int
    var completed: Int?
    /// The account's position before sorting by signature date: the first ones carry the showcase cases.
    var slot: Int
    var tools: Set<String> = []
    var contracts: [Int] = []
}

/// Builds the demo store. Times are "local moments": seconds since 1970-01-01T00:00 read in the store's
/// time zone (day number × 86,400 + second of the day); they become `Timestamp`s at the very end.
final class DemoBuilder {
    let today: LocalDate
    /// Today's day number.
    let t: Int
    let seed: UInt64
    let accountCount: Int
    let requestCount: Int
    let quarter: Quarter
    let qs: Int, qe: Int, prevQs: Int, nextQs: Int, nextQe: Int
    /// The last second of today: nothing may happen after it.
    let endOfToday: Int

    var rng: SeededRandom
    var settings = Settings()
    let zone: Zone?
    private var offsets: [Int: Int] = [:]
    private var maskBase = 0
    private var mask: [Bool] = []
    private var calendar: WorkingCalendar

    var people: [Person] = []
    var pods: [DemoPod] = []
    var accounts: [Account] = []
    var info: [DemoAccount] = []
    var contracts: [Contract] = []
    var contractCents: [Int64] = []
    /// Contracts that must not get a renewal or expansion request (notice alerts, retired ones).
    var contractLocked: [Bool] = []
    var contractUsed: [Bool] = []
    /// The account (index) of each contract.
    var contractAccount: [Int] = []
    var sharedBuyer = ""
    var hybrid = ""
    var admin = ""

    // Request machinery (DemoRequests.swift).
    var accountsByInit: [Int] = []
    var initDays: [Int] = []
    var contractsByEnd: [Int] = []
    var endDays: [Int] = []
    var contractsByStart: [Int] = []
    var startDays: [Int] = []
    var drafts: [DemoDraft] = []
    var buyerDiligence: [String: Int] = [:]

    init(_ options: DemoOptions) {
        today = options.today
        t = options.today.dayNumber
        seed = options.seed
        accountCount = max(DemoGenerator.minimumAccounts, options.accounts)
        requestCount = max(DemoGenerator.minimumRequests, options.requests)
        quarter = options.today.quarter
        qs = quarter.firstDay.dayNumber
        qe = quarter.lastDay.dayNumber
        prevQs = quarter.previous.firstDay.dayNumber
        nextQs = quarter.next.firstDay.dayNumber
        nextQe = quarter.next.lastDay.dayNumber
        endOfToday = (options.today.dayNumber + 1) * 86400 - 1
        rng = SeededRandom(seed: options.seed, stream: 0)

        settings.timeZone = "Asia/Kolkata"
        settings.currency = "USD"
        settings.weekend = [.saturday, .sunday]
        settings.holidays = Self.holidays(around: options.today)
        settings.benchmarks = DemoNames.benchmarks.map { ($0.tool, Decimal(sign: .plus, exponent: -2, significand: Decimal($0.hundredths))) }
        zone = Zone(identifier: settings.timeZone)
        calendar = WorkingCalendar(zone: zone ?? .utc, weekend: settings.weekend, holidays: settings.holidays)
        maskBase = t - 1500
        mask = (0..<2400).map { calendar.isWorkingDay(LocalDate(dayNumber: maskBase + $0)) }
    }

    /// Fixed-date holidays of the year before, this year and the next (India, where the team sits, plus
    /// Christmas and New Year), and one recent weekday holiday a few days before today.
    static func holidays(around today: LocalDate) -> [LocalDate] {
        var days = Set<Int>()
        for y in (today.year - 1)...(today.year + 1) {
            for (m, d) in [(1, 1), (1, 26), (5, 1), (8, 15), (10, 2), (12, 25)] {
                if let day = LocalDate(year: y, month: m, day: d) { days.insert(day.dayNumber) }
            }
        }
        var recent = today.dayNumber - 4
        while LocalDate(dayNumber: recent).weekdayIndex >= 5 { recent -= 1 }
        days.insert(recent)
        return days.sorted().map(LocalDate.init(dayNumber:))
    }

    func build() -> Store {
        buildPeople()
        buildAccounts()
        buildContracts()
        buildRequests()
        var store = Store()
        store.settings = settings
        let requests = finishRequests()
        setTargets()
        store.people = people
        store.pods = pods.map { p in
            Pod(id: p.id, name: p.name, quarterlyTargets: podTargets[p.id] ?? QuarterlyTargets())
        }
        store.accounts = accounts.enumerated().map { k, a in
            var a = a
            a.contacts = DemoNames.contacts(for: a, index: k)
            return a
        }
        store.contracts = contracts
        store.requests = requests
        store.reviews = buildReviews()
        store.publications = buildPublications()
        store.activity = buildActivity(requests)
        DemoCatalog.add(to: &store, today: today)
        return store
    }

    // MARK: time

    func isWorking(_ day: Int) -> Bool {
        let k = day - maskBase
        if k >= 0 && k < mask.count { return mask[k] }
        return calendar.isWorkingDay(LocalDate(dayNumber: day))
    }

    /// The first working day on or after `day`.
    func nextWorking(_ day: Int) -> Int {
        var d = day
        while !isWorking(d) { d += 1 }
        return d
    }

    /// The last working day on or before `day`.
    func prevWorking(_ day: Int) -> Int {
        var d = day
        while !isWorking(d) { d -= 1 }
        return d
    }

    /// The `n`th working day after `day` (n ≥ 1).
    func workingDay(_ n: Int, after day: Int) -> Int {
        var d = day
        var left = n
        while left > 0 {
            d += 1
            if isWorking(d) { left -= 1 }
        }
        return d
    }

    /// A clock time in office hours (09:30–18:30, whole minutes), in seconds of the day.
    func officeTime() -> Int { rng.int(570, 1110) * 60 }

    /// The timestamp of a local moment, written with the zone's offset.
    func stamp(_ moment: Int) -> Timestamp {
        let day = moment / 86400
        let off: Int
        if let o = offsets[day] { off = o } else {
            off = zone?.offset(atEpoch: Int64(day * 86400 + 43200)) ?? 19800
            offsets[day] = off
        }
        return Timestamp(epochSeconds: Int64(moment - off), offsetSeconds: off)
    }

    func date(_ day: Int) -> LocalDate { LocalDate(dayNumber: day) }

    /// The same day `months` months later (earlier when negative), clamped to the month's last day.
    func addMonths(_ day: Int, _ months: Int) -> Int {
        let c = LocalDate(dayNumber: day).components
        let index = c.year * 12 + (c.month - 1) + months
        let y = index / 12, m = index % 12 + 1
        let d = min(c.day, LocalDate.daysIn(month: m, year: y))
        return LocalDate(year: y, month: m, day: d)!.dayNumber
    }

    // MARK: money

    /// An amount from cents, exact: whole dollars when there are no cents.
    static func money(_ cents: Int64) -> Decimal {
        if cents % 100 == 0 { return Decimal(cents / 100) }
        return Decimal(sign: cents < 0 ? .minus : .plus, exponent: -2, significand: Decimal(cents.magnitude))
    }

    /// Cents rounded to whole `unit` dollars (half up).
    static func round(_ cents: Int64, dollars unit: Int64 = 1) -> Int64 {
        let step = unit * 100
        return (cents + step / 2) / step * step
    }

    // MARK: people

    func buildPeople() {
        rng = SeededRandom(seed: seed, stream: 1)
        var pool = DemoNames.people
        rng.shuffle(&pool)
        var next = 0
        func take() -> (id: String, name: String) { defer { next += 1 }; return pool[next] }
        let podCount = accountCount >= 9 ? 3 : 2
        var byPod: [[Person]] = []
        for p in 0..<podCount {
            let (podId, podName) = DemoNames.pods[p]
            var members: [Person] = []
            let em = take()
            members.append(Person(id: em.id, name: em.name, roles: [.em], pods: [podId]))
            var analysts: [String] = []
            for _ in 0..<2 {
                let a = take()
                analysts.append(a.id)
                members.append(Person(id: a.id, name: a.name, roles: [.analyst], pods: [podId]))
            }
            var buyers: [String] = []
            for _ in 0..<(p == 1 ? 1 : 2) {
                let b = take()
                buyers.append(b.id)
                members.append(Person(id: b.id, name: b.name, roles: [.buyer], pods: [podId]))
            }
            var csms: [String] = []
            for _ in 0..<(p % 2 == 0 ? 2 : 1) {
                let c = take()
                csms.append(c.id)
                members.append(Person(id: c.id, name: c.name, roles: [.csm], pods: [podId]))
            }
            pods.append(DemoPod(id: podId, name: podName, em: em.id, analysts: analysts, buyers: buyers, csms: csms))
            byPod.append(members)
        }
        people = byPod.flatMap { $0 }
        // A Buyer serving the first two PODs.
        let shared = take()
        sharedBuyer = shared.id
        people.append(Person(id: shared.id, name: shared.name, roles: [.buyer], pods: [pods[0].id, pods[1].id]))
        pods[0].buyers.append(shared.id)
        pods[1].buyers.append(shared.id)
        // An analyst who also buys, in the last POD.
        let h = take()
        hybrid = h.id
        people.append(Person(id: h.id, name: h.name, roles: [.analyst, .buyer], pods: [pods[podCount - 1].id]))
        pods[podCount - 1].analysts.append(h.id)
        pods[podCount - 1].buyers.append(h.id)
        let ad = take()
        admin = ad.id
        people.append(Person(id: ad.id, name: ad.name, roles: [.admin], pods: pods.map(\.id)))
        // How often each Buyer logs updates (percent of working days), before per-request variation.
        for p in people where p.has(.buyer) { buyerDiligence[p.id] = rng.pick([92, 85, 70, 55]) }
    }

    // MARK: accounts

    private func companyNames(_ n: Int) -> [(id: String, name: String)] {
        var curated = DemoNames.companies
        rng.shuffle(&curated)
        var out = Array(curated.prefix(n))
        var j = 0
        while out.count < n {
            let f = DemoNames.companyFirst[j % 20], s = DemoNames.companySecond[(j / 20) % 20]
            let round = j / 400
            let suffix = DemoNames.companySuffix[(j * 7 + round) % DemoNames.companySuffix.count]
            let id = "\(f.lowercased())-\(s.lowercased())" + (round == 0 ? "" : "-\(round + 1)")
            let name = "\(f) \(s) \(suffix)" + (round == 0 ? "" : " \(round + 1)")
            out.append((id, name))
            j += 1
        }
        return out
    }

    func buildAccounts() {
        rng = SeededRandom(seed: seed, stream: 2)
        let names = companyNames(accountCount)
        struct Seedling { var slot: Int; var signed: Int; var termEnds: Int; var noInit: Bool }
        var seeds: [Seedling] = []
        for i in 0..<accountCount {
            // Where the account's term ends: long ago (A), this quarter (Q), next quarter (N) or later (L).
            var termEnds: Int
            var noInit = false
            switch i {
            case 0: termEnds = rng.int(nextQe + 1, t + 300)
            case 1: termEnds = rng.int(min(t + 1, qe), qe)
            case 2: termEnds = rng.int(t - 175, qs - 1)
            case 3: termEnds = rng.int(nextQs, nextQe)
            case 4: termEnds = qs < t ? rng.int(qs, t - 1) : rng.int(nextQe + 1, t + 330)
            case 5:
                termEnds = t + 365 - rng.int(20, 28)
                noInit = true
            default:
                switch rng.weighted([22, 14, 16, 48]) {
                case 0: termEnds = rng.int(t - 178, qs - 1)
                case 1: termEnds = rng.int(qs, qe)
                case 2: termEnds = rng.int(nextQs, nextQe)
                default: termEnds = rng.int(nextQe + 1, t + 340)
                }
            }
            let signed = addMonths(termEnds + 1, -12)
            seeds.append(Seedling(slot: i, signed: signed, termEnds: termEnds, noInit: noInit))
        }
        seeds.sort { ($0.signed, $0.slot) < ($1.signed, $1.slot) }
        // PODs in turn, in a seeded order, so that each POD has accounts of every age.
        var podOf = (0..<accountCount).map { $0 % pods.count }
        rng.shuffle(&podOf)
        for (n, s) in seeds.enumerated() {
            let handover = min(s.signed + rng.int(4, 18), t - 7)
            var initiated: Int? = nextWorking(handover + rng.int(2, 12))
            if s.noInit || initiated! > t - 7 { initiated = nil }
            var completed: Int? = nextWorking(handover + rng.int(20, 60))
            if completed! > t - 1 { completed = nil }
            let health: Health
            switch s.slot {
            case 0: health = .favorable
            case 1: health = .atRisk
            case 2: health = .neutral
            case 3: health = .critical
            default: health = Health.allCases[rng.weighted([58, 24, 12, 6])]
            }
            let sentiment: String? = rng.chance(45) || s.slot < 4 ? rng.pick(DemoNames.sentiments(health)) : nil
            let pod = podOf[n]
            let csm = rng.pick(pods[pod].csms)
            accounts.append(Account(
                id: names[n].id, name: names[n].name, pod: pods[pod].id, csm: csm,
                contractSignedOn: date(s.signed), podHandoverOn: date(handover), initiatedOn: initiated.map(date),
                termEndsOn: date(s.termEnds), msg: 0, pse: 0, declaredATS: 0, health: health, sentiment: sentiment))
            info.append(DemoAccount(pod: pod, handover: handover, initiated: initiated, termEnds: s.termEnds, completed: completed, slot: s.slot))
        }
        // At least one onboarding completes this quarter, so that ATS coverage has something to count.
        if !info.contains(where: { ($0.completed ?? -1) >= qs }) {
            if let k = info.indices.filter({ info[$0].handover + 10 <= t }).max(by: { info[$0].handover < info[$1].handover }) {
                info[k].completed = min(t, max(qs, info[k].handover + 10))
            }
        }
        for k in accounts.indices {
            let count = rng.int(4, 6)
            var rest = Array(DemoNames.checklist.dropFirst(2))
            rng.shuffle(&rest)
            let items = Array(DemoNames.checklist.prefix(2)) + rest.prefix(count - 2)
            let done = info[k].completed != nil ? count : rng.int(1, count - 1)
            accounts[k].onboarding = Onboarding(completedOn: info[k].completed.map(date),
                                                checklist: items.enumerated().map { ChecklistItem(item: $1, done: $0 < done) })
        }
    }

    // MARK: contracts

    func pickTool(excluding: Set<String>) -> DemoNames.Tool {
        for _ in 0..<16 {
            let tool = DemoNames.tools[rng.weighted(Self.toolWeights)]
            if !excluding.contains(tool.tool) { return tool }
        }
        let weights = DemoNames.tools.map { excluding.contains($0.tool) ? 0 : $0.weight }
        return DemoNames.tools[rng.weighted(weights)]
    }

    static let toolWeights = DemoNames.tools.map(\.weight)

    static func tool(named name: String) -> DemoNames.Tool? { DemoNames.tools.first { $0.tool == name } }

    func buildContracts() {
        rng = SeededRandom(seed: seed, stream: 3)
        let idWidth = max(4, String(accountCount * 8).count)
        for k in accounts.indices {
            let slot = info[k].slot
            let count = [3, 4, 5, 6, 7, 8][rng.weighted([10, 20, 25, 20, 15, 10])]
            var totalCents: Int64 = 0
            for idx in 0..<count {
                var tool = pickTool(excluding: info[k].tools)
                if idx == 0 && slot < DemoNames.showcaseTools.count, let s = Self.tool(named: DemoNames.showcaseTools[slot]) { tool = s }
                info[k].tools.insert(tool.tool)
                let cents = Int64(rng.int(tool.seats)) * Int64(tool.seatCents) * 12
                let termMonths = [12, 24, 36][rng.weighted([80, 13, 7])]
                var ends = t + rng.int(-10, 364)
                var billing: Billing = rng.chance(22) ? .monthly : .annual
                var autoRenew = rng.chance(60)
                var notice = [30, 60, 90][rng.weighted([50, 30, 20])]
                var converted: Int?
                var sunset: Int?
                var locked = false
                var convert = rng.chance(35)
                if slot == 0 && idx == 0 {
                    // Billed monthly at the start of the quarter and still monthly.
                    ends = rng.int(max(qe, t) + 20, qs + 300); billing = .monthly; convert = false
                } else if slot == 1 && idx == 0 {
                    ends = rng.int(max(qe, t) + 20, qs + 300); billing = .monthly; convert = true
                } else if slot < 3 && idx == 1 {
                    ends = rng.int(nextQs, nextQe)
                } else if slot < 2 && idx == 2 {
                    // Auto-renews, and its notice deadline falls within 14 days: no renewal request yet.
                    autoRenew = true; billing = .annual
                    notice = [30, 60, 90][rng.int(0, 2)]
                    ends = t + notice + rng.int(1, 12)
                    locked = true
                }
                var starts = addMonths(ends + 1, -termMonths)
                if billing == .monthly && termMonths > 12 { starts = addMonths(ends + 1, -12) }
                var added: Int
                let handover = info[k].handover
                if let c = info[k].completed {
                    added = rng.chance(85) ? rng.int(handover + 1, max(handover + 1, c)) : rng.int(min(c + 1, t), t)
                } else {
                    added = rng.int(handover + 1, max(handover + 1, t - 1))
                }
                if (slot == 2 || slot == 7) && idx == count - 1 {
                    // Retired a few weeks ago.
                    added = min(added, max(handover + 1, t - 45))
                    sunset = min(t, max(added + 5, t - rng.int(8, 40)))
                    autoRenew = false; billing = .annual; locked = true
                }
                if billing == .monthly && starts <= qs && qs <= ends && convert {
                    let days = (qs...t).filter(isWorking)
                    converted = days.isEmpty ? qs : rng.pick(days)
                    billing = .annual
                }
                let offline = sunset == nil && rng.chance(7)
                let id = "C-" + String(repeating: "0", count: max(0, idWidth - String(contracts.count + 1).count)) + String(contracts.count + 1)
                contracts.append(Contract(
                    id: id, account: accounts[k].id, tool: tool.tool, vendor: tool.vendor, billing: billing,
                    annualValue: Self.money(cents), startsOn: date(starts), endsOn: date(ends), autoRenew: autoRenew,
                    noticeDays: notice, addedOn: date(added), offline: offline, sunsetOn: sunset.map(date),
                    convertedToAnnualOn: converted.map(date)))
                contractCents.append(cents)
                contractLocked.append(locked)
                contractUsed.append(false)
                contractAccount.append(k)
                info[k].contracts.append(contracts.count - 1)
                totalCents += cents
            }
            // Declared ATS: the stack plus what the customer has not shown us yet; MSG ≈ 5 % of it, PSE ≈ 3 × MSG.
            let declared = Self.round(totalCents * Int64(rng.int(100, 145)) / 100, dollars: 1000)
            let msg = max(500_000, Self.round(declared * Int64(rng.int(40, 60)) / 1000, dollars: 1000))
            let pse = Self.round(msg * Int64(rng.int(26, 34)) / 10, dollars: 1000)
            accounts[k].declaredATS = Self.money(declared)
            accounts[k].msg = Self.money(msg)
            accounts[k].pse = Self.money(pse)
        }
    }

    // MARK: reviews, publications

    func buildReviews() -> [Review] {
        rng = SeededRandom(seed: seed, stream: 5)
        let analysts = people.filter { $0.has(.analyst) }.map(\.id)
        let gappy = pods[0].analysts[1]
        let reviewedToday = Set(pods.map { $0.analysts[0] })
        var out: [Review] = []
        for d in prevQs...t where isWorking(d) {
            for a in analysts {
                let reviewed = d == t ? reviewedToday.contains(a) : rng.chance(a == gappy ? 62 : 94)
                if reviewed { out.append(Review(on: date(d), by: a)) }
            }
        }
        return out
    }

    func buildPublications() -> [Publication] {
        rng = SeededRandom(seed: seed, stream: 6)
        let lead = settings.renewal.calendarDueDaysBeforeQuarter
        var out: [(Int, Publication)] = []
        func publish(_ q: Quarter, on day: Int, by who: String) {
            let m = day * 86400 + officeTime()
            if m <= endOfToday { out.append((m, Publication(quarter: q, at: stamp(m), by: who))) }
        }
        for (p, pod) in pods.enumerated() {
            for q in [quarter.previous, quarter] {
                let due = q.firstDay.dayNumber - lead
                publish(q, on: prevWorking(due - rng.int(0, 10)), by: pod.analysts[0])
            }
            let next = quarter.next
            let due = next.firstDay.dayNumber - lead
            if t > due {
                // Due date passed: the first POD published in time, the second late, the third not at all.
                if p == 0 { publish(next, on: prevWorking(due - rng.int(0, 6)), by: pod.analysts[0]) }
                if p == 1 { publish(next, on: nextWorking(due + rng.int(2, 5)), by: pod.analysts[0]) }
            } else if t >= due - 10 && p == 0 {
                publish(next, on: prevWorking(t - rng.int(0, 2)), by: pod.analysts[0])
            }
        }
        return out.sorted { $0.0 < $1.0 }.map(\.1)
    }

    // MARK: targets

    var podTargets: [String: QuarterlyTargets] = [:]

    /// A target as people set them: at least $10,000, in thousands below $100,000, else in five thousands.
    static func target(_ cents: Int64) -> Int64 {
        let c = max(cents, 1_000_000)
        return round(c, dollars: c < 10_000_000 ? 1000 : 5000)
    }

    /// Quarterly targets from what the Buyers actually achieved, so that on any day some are at quota and
    /// some not, whatever the size of the store. The analyst who also buys has no target for the current quarter.
    func setTargets() {
        rng = SeededRandom(seed: seed, stream: 7)
        var prev: [String: Int64] = [:], current: [String: Int64] = [:]
        for d in drafts {
            guard let buyer = d.buyer, let b = d.baseline, let f = d.final,
                  let at = d.history.first(where: { $0.to == .approved })?.at else { continue }
            let day = at / 86400
            if day >= prevQs && day < qs { prev[buyer, default: 0] += b - f }
            if day >= qs && day <= t { current[buyer, default: 0] += b - f }
        }
        var buyerTargets: [String: (Int64, Int64?)] = [:]
        // The share of its target each Buyer has reached so far, in percent, in turn.
        let reached = [105, 62, 88, 45, 74, 96, 55]
        var n = rng.int(0, reached.count - 1)
        for i in people.indices where people[i].has(.buyer) {
            let id = people[i].id
            let p = prev[id] ?? 0
            let prevTarget = Self.target(p * Int64(rng.int(85, 125)) / 100)
            let curTarget = Self.target(max((current[id] ?? 0) * 100 / Int64(reached[n % reached.count]), prevTarget * 85 / 100))
            n += 1
            var q = QuarterlyTargets()
            q[quarter.previous] = Self.money(prevTarget)
            if id != hybrid { q[quarter] = Self.money(curTarget) }
            people[i].quarterlyTargets = q
            buyerTargets[id] = (prevTarget, id == hybrid ? nil : curTarget)
        }
        for pod in pods {
            var sumPrev: Int64 = 0, sumCur: Int64 = 0
            for b in pod.buyers {
                guard let (p, c) = buyerTargets[b] else { continue }
                let share: Int64 = b == sharedBuyer ? 2 : 1
                sumPrev += p / share
                sumCur += (c ?? p) / share
            }
            var q = QuarterlyTargets()
            q[quarter.previous] = Self.money(max(5_000_000, Self.round(sumPrev * 110 / 100, dollars: 10000)))
            q[quarter] = Self.money(max(5_000_000, Self.round(sumCur * 110 / 100, dollars: 10000)))
            podTargets[pod.id] = q
        }
    }
}
