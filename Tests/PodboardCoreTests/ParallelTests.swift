import Foundation
import Testing
@testable import PodboardCore

/// Issue 10: the snapshot's timelines and the aging rows are computed on every core for large stores; the
/// result is the same, in the same order, as computed in line.
@Suite struct ParallelTests {
    @Test func mapKeepsTheOrder() {
        for count in [0, 1, 2047, 2048, 5000, 10_001] {
            #expect(Parallel.map(count: count) { $0 * 3 + 1 } == (0..<count).map { $0 * 3 + 1 }, "\(count)")
        }
    }

    /// A store large enough to be split (3000 requests): the snapshot and the aging rows equal the ones computed
    /// one request after the other.
    @Test func aLargeStoreGivesWhatOneCoreGives() {
        let today = LocalDate("2026-11-23")!
        let store = DemoGenerator.generate(DemoOptions(today: today, seed: 3, accounts: 600, requests: 3000))
        let snap = Snapshot(store: store, today: today)
        let clock = Clock(today: today, settings: store.settings)
        let existing = store.requests.filter { RequestTimeline.exists($0, clock: clock) }
        #expect(snap.requests == existing)
        for r in existing { #expect(snap.timeline(r).status == RequestTimeline(r, clock: clock).status) }
        let rows = Aging.rows(snap)
        let inLine = existing.compactMap { Aging.row($0, snap) }.sorted {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            if $0.ageDays != $1.ageDays { return $0.ageDays > $1.ageDays }
            return $0.request.id < $1.request.id
        }
        #expect(rows.count > 500)
        #expect(rows.map(\.request.id) == inLine.map(\.request.id))
        #expect(rows.map(\.request) == inLine.map(\.request))
        let pod = store.pods[0].id
        let some = Aging.rows(snap) { snap.pod(of: $0) == pod }
        #expect(some.map(\.request.id) == inLine.filter { $0.account?.pod == pod }.map(\.request.id))
    }
}
