import Foundation
import Testing
@testable import PodboardCore

/// The demo store: deterministic, valid, and covering every case the views and KPIs need.
@Suite struct DemoGeneratorTests {
    /// A Wednesday in the middle of a quarter.
    static let today = LocalDate(year: 2026, month: 11, day: 18)!
    static let store = DemoGenerator.generate(DemoOptions(today: today))

    static func text(_ s: Store) -> String { JSONWriter.write(StoreEncoder.encode(s)) }

    static func decode(_ text: String) throws -> (store: Store, problems: [StoreProblem]) {
        StoreDecoder.decode(try JSONParser.parse(text))
    }

    /// The first instant after today in the store's time zone.
    static func endOfToday(_ s: Store, _ today: LocalDate) -> Timestamp {
        (Zone(identifier: s.settings.timeZone) ?? .utc).startOfDay(today.adding(days: 1))
    }

    // MARK: determinism and validity

    @Test func sameOptionsGiveTheSameText() {
        let a = Self.text(DemoGenerator.generate(DemoOptions(today: Self.today)))
        let b = Self.text(DemoGenerator.generate(DemoOptions(today: Self.today)))
        #expect(a == b)
        #expect(a == Self.text(Self.store))
    }

    @Test func anotherSeedGivesAnotherStore() {
        let a = Self.text(Self.store)
        let b = Self.text(DemoGenerator.generate(DemoOptions(today: Self.today, seed: 2)))
        #expect(a != b)
    }

    @Test func roundTripHasNoProblemsAndGivesTheSameStore() throws {
        let text = Self.text(Self.store)
        let (decoded, problems) = try Self.decode(text)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(decoded == Self.store)
        #expect(Self.text(decoded) == text)
    }

    @Test func smallValuesAreRaisedToTheMinimums() throws {
        let s = DemoGenerator.generate(DemoOptions(today: Self.today, accounts: 0, requests: -4))
        #expect(s.accounts.count == DemoGenerator.minimumAccounts)
        #expect(s.requests.count == DemoGenerator.minimumRequests)
        #expect(Set(s.requests.map(\.status)) == Set(RequestStatus.allCases))
        #expect(try Self.decode(Self.text(s)).problems.isEmpty)
    }

    @Test func theCountsAsked() {
        #expect(Self.store.accounts.count == 18)
        #expect(Self.store.requests.count == 90)
        #expect(Set(Self.store.requests.map(\.id)).count == 90)
    }

    /// Days of every kind: weekend, holiday-adjacent, first and last day of a quarter, a leap day.
    @Test(arguments: ["2026-11-21", "2026-10-01", "2026-12-31", "2028-02-29", "2027-01-02", "2026-08-17"])
    func anyTodayGivesAValidStore(_ day: String) {
        let today = LocalDate(day)!
        for (seed, accounts, requests) in [(UInt64(1), 3, 12), (7, 20, 120)] {
            let s = DemoGenerator.generate(DemoOptions(today: today, seed: seed, accounts: accounts, requests: requests))
            let problems = StoreDecoder.decode(Self.node(StoreEncoder.encode(s))).problems
            #expect(problems.isEmpty, "\(day) seed \(seed): \(problems.prefix(5))")
            #expect(s.requests.count == requests)
            Self.checkHistories(s, today: today)
            Self.checkReferences(s)
            #expect(Set(s.requests.map(\.status)) == Set(RequestStatus.allCases), "\(day) seed \(seed)")
        }
    }

    /// Validated from the encoded value (the text layer is covered by the round trip above, and would
    /// triple the time of this test in a debug build).
    @Test func aLargeStoreStillValidates() {
        let s = DemoGenerator.generate(DemoOptions(today: Self.today, seed: 3, accounts: 300, requests: 5000))
        #expect(s.accounts.count == 300)
        #expect(s.requests.count == 5000)
        let (decoded, problems) = StoreDecoder.decode(Self.node(StoreEncoder.encode(s)))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(decoded.requests.count == 5000)
        Self.checkHistories(s, today: Self.today)
        Self.checkReferences(s)
    }

    /// A JSON value as the parser would give it, without positions.
    static func node(_ v: JSONValue) -> JSONNode {
        let p = SourcePosition(line: 1, column: 1)
        switch v {
        case .null: return .null(p)
        case .bool(let b): return .bool(b, p)
        case .number(let n): return .number(n, p)
        case .string(let s): return .string(s, p)
        case .array(let a): return .array(a.map(node), p)
        case .object(let o): return .object(o.members.map { (key: $0.key, keyPosition: p, value: node($0.value)) }, p)
        }
    }

    // MARK: coverage

    @Test func everyStatusAppears() {
        let statuses = Set(Self.store.requests.map(\.status))
        for status in RequestStatus.allCases { #expect(statuses.contains(status), "\(status)") }
        for kind in RequestKind.allCases { #expect(Self.store.requests.contains { $0.kind == kind }, "\(kind)") }
    }

    @Test func toolAndVendorNamesHaveCJKAndEmoji() {
        func isCJK(_ u: Unicode.Scalar) -> Bool {
            (0x3040...0x30FF).contains(u.value) || (0x4E00...0x9FFF).contains(u.value) || (0xAC00...0xD7AF).contains(u.value)
        }
        let names = Self.store.contracts.flatMap { [$0.tool, $0.vendor] } + Self.store.requests.flatMap { [$0.tool, $0.vendor] }
        #expect(names.contains { $0.unicodeScalars.contains(where: isCJK) })
        #expect(names.contains { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
        #expect(Self.store.contracts.contains { $0.tool.unicodeScalars.contains(where: isCJK) })
        #expect(Self.store.contracts.contains { $0.vendor.unicodeScalars.contains(where: isCJK) })
    }

    @Test func settingsAndTeam() {
        let s = Self.store
        #expect(s.settings.timeZone == "Asia/Kolkata")
        #expect(s.settings.currency == "USD")
        #expect(s.settings.holidays.contains(LocalDate("2026-12-25")!))
        #expect(s.settings.holidays.contains(LocalDate("2027-01-01")!))
        #expect(s.settings.holidays.contains { $0 < Self.today && $0 >= Self.today.adding(days: -10) && $0.weekdayIndex < 5 })
        #expect(s.settings.configuredBenchmark(for: "slack") == Decimal(string: "0.18"))
        #expect(s.pods.count == 3)
        #expect(DemoGenerator.generate(DemoOptions(today: Self.today, accounts: 8, requests: 12)).pods.count == 2)
        let q = Self.today.quarter
        for pod in s.pods {
            #expect(pod.quarterlyTargets[q] != nil && pod.quarterlyTargets[q.previous] != nil)
            let members = s.people.filter { $0.pods.contains(pod.id) && !$0.has(.admin) }
            #expect(members.filter { $0.has(.em) }.count == 1)
            #expect(members.filter { $0.roles == [.analyst] }.count == 2)
            #expect((2...3).contains(members.filter { $0.has(.buyer) }.count))
            #expect((1...2).contains(members.filter { $0.has(.csm) }.count))
        }
        #expect(s.people.contains { $0.has(.buyer) && $0.pods.count >= 2 })
        #expect(s.people.contains { $0.has(.analyst) && $0.has(.buyer) })
        #expect(s.people.contains { $0.has(.admin) })
        let buyers = s.people.filter { $0.has(.buyer) }
        #expect(buyers.contains { $0.quarterlyTargets[q] == nil })
        #expect(buyers.filter { $0.quarterlyTargets[q] != nil }.count >= buyers.count - 1)
        #expect(s.people.allSatisfy { $0.id.allSatisfy { $0.isLowercase || $0 == "-" } })
    }

    @Test func accountsSpanTheirLives() {
        let s = Self.store
        let today = Self.today
        let q = today.quarter
        for a in s.accounts {
            #expect(a.contractSignedOn >= today.adding(days: -549) && a.podHandoverOn <= today.adding(days: -7))
            #expect(a.contractSignedOn <= a.podHandoverOn)
            if let i = a.initiatedOn { #expect(a.podHandoverOn <= i && i <= today.adding(days: -7)) }
            #expect((4...6).contains(a.onboarding.checklist.count))
            #expect(a.msg > 0 && a.pse > a.msg && a.declaredATS > a.msg)
        }
        #expect(s.accounts.contains { $0.initiatedOn == nil })
        #expect(s.accounts.contains { $0.termEndsOn < q.firstDay })
        #expect(s.accounts.contains { q.contains($0.termEndsOn) })
        #expect(s.accounts.contains { q.next.contains($0.termEndsOn) })
        #expect(Set(s.accounts.map(\.health)) == Set(Health.allCases))
        #expect(s.accounts.contains { $0.sentiment != nil } && s.accounts.contains { $0.sentiment == nil })
        #expect(s.accounts.contains { $0.onboarding.completedOn.map(q.contains) == true })
        #expect(s.accounts.contains { $0.onboarding.completedOn == nil })
        #expect(Set(s.accounts.map(\.pod)).count == s.pods.count)
    }

    @Test func contractsCoverTheRenewalCalendar() {
        let s = Self.store
        let today = Self.today
        let q = today.quarter
        let qs = q.firstDay
        for a in s.accounts { #expect((3...8).contains(s.contracts.filter { $0.account == a.id }.count)) }
        #expect(s.contracts.filter { q.next.contains($0.endsOn) }.count >= 3)
        let monthlyAtStart = s.contracts.filter {
            $0.startsOn <= qs && qs <= $0.endsOn && ($0.sunsetOn.map { $0 > qs } ?? true)
                && ($0.billing == .monthly || ($0.convertedToAnnualOn.map { $0 >= qs } ?? false))
        }
        #expect(monthlyAtStart.contains { $0.billing == .monthly })
        #expect(monthlyAtStart.contains { $0.convertedToAnnualOn.map { $0 >= qs && $0 <= today } == true && $0.billing == .annual })
        let openRenewals = Set(s.requests.filter { $0.kind == .renewal && $0.status.isOpen }.compactMap(\.contract))
        let alerts = s.contracts.filter {
            let deadline = $0.endsOn.adding(days: -$0.noticeDays)
            return $0.autoRenew && $0.sunsetOn == nil && deadline >= today && deadline <= today.adding(days: 14) && !openRenewals.contains($0.id)
        }
        #expect(alerts.count >= 2)
        #expect(s.contracts.contains { $0.offline })
        #expect((1...2).contains(s.contracts.filter { $0.sunsetOn != nil }.count))
        #expect(s.contracts.allSatisfy { c in c.sunsetOn.map { $0 <= today && $0 > c.addedOn } ?? true })
        #expect(s.contracts.allSatisfy { [30, 60, 90].contains($0.noticeDays) && $0.addedOn <= today })
        #expect(s.contracts.contains { $0.autoRenew } && s.contracts.contains { !$0.autoRenew })
        #expect(s.contracts.contains { $0.annualValue != Money.rounded($0.annualValue, scale: 0) })
        #expect(s.contracts.contains { $0.annualValue == Money.rounded($0.annualValue, scale: 0) })
        #expect(s.contracts.allSatisfy { Money.isWholeCents($0.annualValue) && $0.annualValue > 0 })
    }

    @Test func requestsTellEveryStory() {
        let s = Self.store
        let today = Self.today
        let zone = Zone(identifier: s.settings.timeZone)!
        let r = s.requests
        #expect(r.contains { $0.history.contains { $0.to == .onHold && $0.reason != nil } })
        #expect(r.contains { $0.history.contains { $0.from == .onHold } })
        #expect(r.contains { $0.status == .onHold })
        // A rejection with the EM's note, later resubmitted.
        #expect(r.contains { req in
            guard let k = req.history.firstIndex(where: { $0.from == .pendingApproval && $0.to == .negotiating }) else { return false }
            return req.history[k].note != nil && req.history[(k + 1)...].contains { $0.to == .pendingApproval }
        })
        let approved = r.filter { $0.history.contains { $0.to == .approved } }
        #expect(approved.contains { Savings.annual($0).map { $0 > 0 } == true })
        #expect(approved.filter { Savings.annual($0).map { $0 < 0 } == true }.count >= 1)
        #expect(approved.allSatisfy { $0.baseline != nil && $0.final != nil })
        #expect(Set(approved.compactMap { $0.baseline?.basis }) == Set(BaselineBasis.allCases))
        #expect(r.contains { $0.costAvoidance != nil })
        #expect(Set(r.map(\.termMonths)) == [12, 24, 36])
        // Approvals over the last two quarters.
        let approvals = approved.map { zone.date(of: $0.history.first { $0.to == .approved }!.at) }
        #expect(approvals.contains { today.quarter.contains($0) })
        #expect(approvals.contains { today.quarter.previous.contains($0) })
        // Savings submitted with quotes from two sources, or a reason.
        for req in r where req.history.contains(where: { $0.to == .pendingApproval }) {
            #expect(req.final != nil)
            #expect(Set(req.quotes.map(\.source)).count >= 2 || req.noQuotesReason != nil, "\(req.id)")
        }
        #expect(r.contains { $0.noQuotesReason != nil })
        #expect(r.contains { $0.quotes.count == 3 })
        #expect(Set(r.flatMap { $0.quotes.map(\.source) }) == Set(QuoteSource.allCases))
        #expect(Set(r.flatMap { $0.escalations.map(\.reason) }).isSuperset(of: [.parallelNegotiation, .tatBreach, .customerUnresponsive]))
        // Open requests raised today and yesterday; unassigned new ones.
        #expect(r.contains { zone.date(of: $0.createdAt) == today && $0.status.isOpen })
        #expect(r.contains { zone.date(of: $0.createdAt) == today.adding(days: -1) && $0.status.isOpen })
        #expect(r.contains { $0.status == .new && $0.analyst == nil })
        #expect(r.filter { $0.analyst != nil }.count > r.count * 3 / 4)
        // Renewals name their contract, of the same account, tool and vendor.
        for req in r where req.kind == .renewal {
            let c = s.contract(req.contract ?? "")
            #expect(c?.account == req.account && c?.tool == req.tool && c?.vendor == req.vendor, "\(req.id)")
        }
        // Some tool without a configured benchmark has one derived from 3 approved requests.
        let derived = Dictionary(grouping: approved.filter { s.settings.configuredBenchmark(for: $0.tool) == nil }, by: { ToolName.normalized($0.tool) })
        #expect(derived.values.contains { $0.count >= 3 })
    }

    @Test func clocksRunLateAndOnTime() {
        let s = Self.store
        let cal = WorkingCalendar(settings: s.settings)
        let zone = cal.zone
        var qualified = (onTime: 0, late: 0), negotiated = (onTime: 0, late: 0)
        for r in s.requests {
            if let a = r.assignedAt, let first = r.history.first(where: { $0.from == .new }) {
                if first.at <= cal.workingDays(1, after: a) { qualified.onTime += 1 } else { qualified.late += 1 }
            }
            if let h = r.history.first(where: { $0.to == .negotiating }), r.history.allSatisfy({ $0.to != .onHold }) {
                let tat = r.kind == .renewal ? 60 : 15
                let due = zone.date(of: h.at).adding(days: tat)
                if let sub = r.history.first(where: { $0.to == .pendingApproval }) {
                    if zone.date(of: sub.at) <= due { negotiated.onTime += 1 } else { negotiated.late += 1 }
                } else if r.status == .negotiating && due < Self.today {
                    negotiated.late += 1
                }
            }
        }
        #expect(qualified.onTime > 0 && qualified.late > 0)
        #expect(negotiated.onTime > 0 && negotiated.late > 0)
        // Buyer updates: daily for some negotiations, stale for others.
        let open = s.requests.filter { $0.status == .negotiating }
        let lastWorkingDay = cal.workingDays(from: Self.today.adding(days: -7), through: Self.today.adding(days: -1)).last!
        #expect(open.contains { r in r.updates.contains { zone.date(of: $0.at) == lastWorkingDay } })
        #expect(open.contains { r in !r.updates.contains { zone.date(of: $0.at) >= lastWorkingDay } })
    }

    @Test func historiesAreCoherent() {
        Self.checkHistories(Self.store, today: Self.today)
    }

    @Test func everyReferenceResolves() {
        Self.checkReferences(Self.store)
    }

    @Test func reviewsAndPublications() {
        let s = Self.store
        let q = Self.today.quarter
        let cal = WorkingCalendar(settings: s.settings)
        let days = cal.workingDays(from: q.firstDay, through: Self.today)
        let analysts = s.people.filter { $0.has(.analyst) }.map(\.id)
        let shares = analysts.map { a in s.reviews.filter { $0.by == a && q.contains($0.on) }.count }
        #expect(shares.allSatisfy { $0 <= days.count })
        #expect(shares.filter { $0 * 10 >= days.count * 8 }.count >= analysts.count - 1)
        #expect(shares.contains { $0 < days.count * 3 / 4 })
        let reviewedToday = Set(s.reviews.filter { $0.on == Self.today }.map(\.by))
        #expect(!reviewedToday.isEmpty && reviewedToday.count < analysts.count)
        #expect(s.reviews.allSatisfy { cal.isWorkingDay($0.on) && $0.on <= Self.today && s.person($0.by)?.has(.analyst) == true })
        #expect(s.publications.contains { $0.quarter == q && s.person($0.by)?.has(.analyst) == true })
        // Two weeks before the next quarter's calendar is due: not published yet.
        #expect(!s.publications.contains { $0.quarter == q.next })
        let late = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-12-20")!))
        #expect(late.publications.contains { $0.quarter == q.next })
    }

    @Test func activityLogsEveryChange() {
        let s = Self.store
        var entries: [String: [Activity]] = [:]
        for a in s.activity { entries[a.target, default: []].append(a) }
        #expect(zip(s.activity, s.activity.dropFirst()).allSatisfy { $0.at <= $1.at })
        for r in s.requests {
            let log = entries[r.id] ?? []
            for h in r.history {
                #expect(log.contains { a in
                    a.at == h.at && a.by == h.by && a.before == .object(JSONObject([("status", .string(h.from.rawValue))]))
                        && { if case .object(let o) = a.after { return o["status"] == .string(h.to.rawValue) } else { return false } }()
                }, "\(r.id) \(h.from) → \(h.to)")
            }
            #expect(log.filter { $0.action == "escalate" }.count == r.escalations.count)
        }
        let actions = Set(s.activity.map(\.action))
        for name in ["qualify", "hand-over", "submit-savings", "approve", "reject", "put-on-hold", "resume", "cancel",
                     "disqualify", "close", "send-pre-approval", "escalate", "assign"] {
            #expect(actions.contains(name), "\(name)")
        }
    }

    // MARK: shared checks

    /// The role that may move a request from one status to another.
    static func role(_ from: RequestStatus, _ to: RequestStatus) -> Role {
        switch (from, to) {
        case (.pendingApproval, .negotiating), (_, .approved): return .em
        case (_, .pendingApproval), (_, .lost), (.negotiating, .onHold), (.onHold, .negotiating): return .buyer
        default: return .analyst
        }
    }

    /// Checks every request's history, people and times; collects problems (an `#expect` per item is slow in debug).
    static func checkHistories(_ s: Store, today: LocalDate, sourceLocation: SourceLocation = #_sourceLocation) {
        let end = endOfToday(s, today)
        let people = Dictionary(s.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pods = Dictionary(s.accounts.map { ($0.id, $0.pod) }, uniquingKeysWith: { a, _ in a })
        var problems: [String] = []
        func check(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { problems.append(what()) } }
        for r in s.requests {
            let pod = pods[r.account] ?? ""
            check(r.createdAt < end, "\(r.id): created after today")
            if let a = r.assignedAt { check(r.createdAt <= a && a < end, "\(r.id): assignedAt") }
            check((r.analyst == nil) == (r.assignedAt == nil), "\(r.id): analyst without assignedAt or the reverse")
            var previous = r.assignedAt ?? r.createdAt
            var from = RequestStatus.new
            for h in r.history {
                check(h.from == from && h.at > previous && h.at < end, "\(r.id): \(h.from) → \(h.to) at \(h.at)")
                let role = role(h.from, h.to)
                let person = people[h.by]
                check(person?.has(role) == true && person?.pods.contains(pod) == true, "\(r.id): \(h.by) may not \(h.from) → \(h.to)")
                switch role {
                case .analyst: check(h.by == r.analyst, "\(r.id): \(h.by) is not its analyst")
                case .buyer: check(h.by == r.buyer, "\(r.id): \(h.by) is not its buyer")
                default: check(h.by != r.buyer, "\(r.id): the buyer approves")
                }
                if h.to == .onHold || h.to == .disqualified { check(h.reason != nil, "\(r.id): no reason for \(h.to)") }
                previous = h.at
                from = h.to
            }
            check(from == r.status, "\(r.id): history ends in \(from), status \(r.status)")
            check(r.history.isEmpty == (r.status == .new), "\(r.id): history and status new")
            check(r.history.contains { $0.to == .negotiating } == (r.buyer != nil), "\(r.id): buyer before hand-over")
            if let b = r.buyer {
                check(people[b]?.has(.buyer) == true && people[b]?.pods.contains(pod) == true && b != r.analyst, "\(r.id): buyer \(b)")
            }
            for u in r.updates { check(u.at < end && u.by == r.buyer, "\(r.id): update") }
            for q in r.quotes { check(q.receivedAt < end && q.amount > 0, "\(r.id): quote") }
            for e in r.escalations {
                check(e.at < end && people[e.by]?.pods.contains(pod) == true, "\(r.id): escalation by \(e.by)")
                if e.reason == .tatBreach { check(e.by == r.analyst, "\(r.id): breach flagged by \(e.by)") }
            }
            check(zip(r.escalations, r.escalations.dropFirst()).allSatisfy { $0.at <= $1.at }, "\(r.id): escalation order")
            check(zip(r.updates, r.updates.dropFirst()).allSatisfy { $0.at <= $1.at }, "\(r.id): update order")
            let amounts = [r.baseline?.amount, r.final, r.costAvoidance].compactMap { $0 } + r.quotes.map(\.amount)
            check(amounts.allSatisfy { $0 >= 0 && Money.isWholeCents($0) }, "\(r.id): amounts")
        }
        for p in s.publications { check(p.at < end, "publication after today") }
        for a in s.activity { check(a.at < end, "activity after today") }
        #expect(problems.isEmpty, "\(problems.count) problems: \(problems.prefix(8))", sourceLocation: sourceLocation)
    }

    static func checkReferences(_ s: Store, sourceLocation: SourceLocation = #_sourceLocation) {
        let people = Dictionary(s.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pods = Set(s.pods.map(\.id)), accounts = Set(s.accounts.map(\.id))
        let contracts = Set(s.contracts.map(\.id)), requests = Set(s.requests.map(\.id))
        var problems: [String] = []
        func check(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { problems.append(what()) } }
        check(people.count == s.people.count && pods.count == s.pods.count && accounts.count == s.accounts.count, "duplicate ids")
        check(contracts.count == s.contracts.count && requests.count == s.requests.count, "duplicate ids")
        for p in s.people { check(p.pods.allSatisfy(pods.contains), "\(p.id): pods") }
        for a in s.accounts {
            check(pods.contains(a.pod) && people[a.csm]?.has(.csm) == true && people[a.csm]?.pods.contains(a.pod) == true, "\(a.id): pod or csm")
        }
        for c in s.contracts { check(accounts.contains(c.account), "\(c.id): account") }
        for r in s.requests {
            check(accounts.contains(r.account) && r.contract.map(contracts.contains) != false, "\(r.id): account or contract")
            check(r.analyst.map { people[$0] != nil } != false && r.buyer.map { people[$0] != nil } != false, "\(r.id): analyst or buyer")
            check((r.history.map(\.by) + r.updates.map(\.by) + r.escalations.map(\.by)).allSatisfy { people[$0] != nil }, "\(r.id): by")
            if r.kind == .renewal { check(r.contract != nil, "\(r.id): renewal without contract") }
        }
        check(s.reviews.allSatisfy { people[$0.by] != nil }, "review by")
        check(s.publications.allSatisfy { people[$0.by] != nil }, "publication by")
        check(s.activity.allSatisfy { people[$0.by] != nil && requests.contains($0.target) }, "activity by or target")
        #expect(problems.isEmpty, "\(problems.count) problems: \(problems.prefix(8))", sourceLocation: sourceLocation)
    }
}
