import Foundation
import Testing
@testable import PodboardCore

/// Issue 10 (the first frame's derivations): the snapshot keeps its timelines by position and derives the savings
/// per account, the benchmarks and the lookup by id only when asked; every figure equals the one computed from
/// each request directly, also on a day when some requests and history entries do not exist yet.
@Suite struct SnapshotDeriveTests {
    static let generatedOn = LocalDate("2026-11-23")!
    static let store = DemoGenerator.generate(DemoOptions(today: generatedOn, seed: 5, accounts: 500, requests: 2500))

    /// The timeline of every request as `RequestTimeline` computes it alone, by id and by position.
    @Test(arguments: [0, -45, -200])
    func timelinesEqualTheOnesComputedAlone(daysBack: Int) {
        let today = Self.generatedOn.adding(days: daysBack)
        let store = Self.store
        let snap = Snapshot(store: store, today: today)
        let clock = Clock(today: today, settings: store.settings)
        let existing = store.requests.filter { RequestTimeline.exists($0, clock: clock) }
        #expect(snap.requests == existing)
        if daysBack < 0 { #expect(existing.count < store.requests.count) }
        for (i, r) in existing.enumerated() {
            let alone = RequestTimeline(r, clock: clock)
            for t in [snap.timeline(r), snap.timeline(at: i)] {
                #expect(t.status == alone.status && t.statusSince == alone.statusSince && t.approval == alone.approval
                        && t.handOver == alone.handOver && t.submission == alone.submission
                        && t.firstAction == alone.firstAction && t.entries == alone.entries
                        && t.holds.map(\.entry) == alone.holds.map(\.entry) && t.holds.map(\.exit) == alone.holds.map(\.exit),
                        "\(r.id)")
            }
        }
        // A request that does not exist yet gets its timeline computed on the spot.
        if let future = store.requests.first(where: { !RequestTimeline.exists($0, clock: clock) }) {
            #expect(snap.timeline(future).entries == RequestTimeline(future, clock: clock).entries)
        }
    }

    /// A history entry after today is not part of the timeline (and the request's own array is not shared then).
    @Test func entriesAfterTodayAreLeftOut() {
        let store = Self.store
        let today = Self.generatedOn.adding(days: -45)
        let clock = Clock(today: today, settings: store.settings)
        guard let r = store.requests.first(where: { r in
            RequestTimeline.exists(r, clock: clock) && r.history.contains { !clock.hasHappened($0.at) }
        }) else { Issue.record("no request with a later entry"); return }
        let t = Snapshot(store: store, today: today).timeline(r)
        #expect(t.entries.count < r.history.count)
        #expect(t.entries.allSatisfy { clock.hasHappened($0.at) })
        #expect(t.entries == r.history.filter { clock.hasHappened($0.at) })
    }

    /// The approved savings per account and the derived benchmarks, derived on first use, equal the figures
    /// computed from each request's approval.
    @Test(arguments: [0, -200])
    func savingsAndBenchmarksEqualTheDirectFigures(daysBack: Int) {
        let today = Self.generatedOn.adding(days: daysBack)
        let store = Self.store
        let snap = Snapshot(store: store, today: today)
        let clock = Clock(today: today, settings: store.settings)
        var approved: [String: [(String, Timestamp, Decimal)]] = [:]
        var shares: [String: [Decimal]] = [:]
        for r in store.requests where RequestTimeline.exists(r, clock: clock) {
            guard let at = RequestTimeline(r, clock: clock).approval else { continue }
            if let s = Savings.annual(r) { approved[r.account, default: []].append((r.id, at, s)) }
            if let p = Savings.percent(r) { shares[ToolName.normalized(r.tool), default: []].append(p) }
        }
        #expect(!approved.isEmpty)
        #expect(snap.accountSavings.count == store.accounts.count)
        for a in store.accounts {
            let mine = snap.accountSavings[a.id]?.approvals ?? []
            let direct = (approved[a.id] ?? []).sorted { $0.1 < $1.1 }
            #expect(mine.map(\.request) == direct.map(\.0), "\(a.id)")
            #expect(mine.map(\.amount) == direct.map(\.2), "\(a.id)")
        }
        for (tool, list) in shares {
            let expected: Decimal? = list.count >= 3 ? list.reduce(0, +) / Decimal(list.count) : nil
            #expect(snap.derivedBenchmarks[tool] == expected, "\(tool)")
        }
    }

    /// "More than n working days between": the same answer as counting them all.
    @Test func workingDaysBetweenCountsOnlyToTheLimit() {
        let cal = Clock(today: Self.generatedOn, settings: Self.store.settings).calendar
        let to = Self.generatedOn
        for back in [0, 1, 2, 3, 4, 5, 9, 30, 400] {
            let from = to.adding(days: -back)
            for limit in [-1, 0, 1, 3, 5, 100] {
                #expect(cal.workingDaysBetween(from, to, exceed: limit) == (cal.workingDaysBetween(from, to) > limit),
                        "\(back) \(limit)")
            }
        }
        #expect(cal.workingDaysBetween(to, to.adding(days: -3), exceed: -1))
        #expect(!cal.workingDaysBetween(to, to.adding(days: -3), exceed: 0))
    }

    /// A change to one open negotiation, on a day when some requests do not exist yet: the snapshot derived from
    /// the previous one (`updated(to:)`, and in place with `update(to:touched:)`) gives the same timelines and
    /// aging rows as one built whole.
    @Test func anUpdatedSnapshotEqualsAWholeOneWhenNotEveryRequestExists() throws {
        let today = Self.generatedOn.adding(days: -45)
        let store = Self.store
        let clock = Clock(today: today, settings: store.settings)
        let before = Snapshot(store: store, today: today)
        #expect(before.requests.count < store.requests.count)
        let p = try #require(store.requests.indices.first { i in
            RequestTimeline.exists(store.requests[i], clock: clock) && before.timeline(store.requests[i]).status == .negotiating
                && store.requests[i].buyer != nil
        })
        var changed = store
        let at = clock.zone.instant(today, secondOfDay: 10 * 3600)
        changed.requests[p].updates.append(Update(at: at, by: changed.requests[p].buyer!, text: "called the vendor"))
        let whole = Snapshot(store: changed, today: today)
        let (derived, ids) = try #require(before.updated(to: changed))
        #expect(ids == [changed.requests[p].id])
        var inPlace = before
        var touchedIDs: [String] = []
        #expect(inPlace.update(to: changed, touched: ActionTouched(requests: [p]), changed: &touchedIDs))
        #expect(touchedIDs == ids)
        for snap in [derived, inPlace] {
            #expect(snap.requests == whole.requests)
            for (i, r) in whole.requests.enumerated() {
                #expect(snap.timeline(r).entries == whole.timeline(at: i).entries && snap.timeline(at: i).status == whole.timeline(at: i).status)
            }
            let rows = Aging.rows(snap), wholeRows = Aging.rows(whole)
            #expect(rows.map(\.request) == wholeRows.map(\.request))
            #expect(rows.map(\.lastTouch) == wholeRows.map(\.lastTouch))
        }
        #expect(Aging.rows(inPlace).contains { $0.request.id == ids[0] && $0.lastTouch == today })
    }
}
