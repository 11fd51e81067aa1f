import Foundation
import PodboardCore
import PodboardTUI

/// `podboard-bench --trends [STORE.json]` (issue 14): the CPU time of one action in the terminal UI (a log-update
/// today on a negotiation, as its Buyer: the new store taking the old one's place and the next frame), with the
/// KPI pane hidden (the board on screen) and shown (its sparklines drawn in the frame, as `backgroundTrends` off).
/// CPU seconds of the whole process (every thread), median and each sample. Default store: the demo generator's
/// 10k (seed 1), else the given file (`~/.cache/podboard-bench/store-10000.json`).
func trendBench(path: String?, today: LocalDate, actions: Int = 5) throws {
    let store = try path.map { try StoreFile.load($0).store }
        ?? DemoGenerator.generate(DemoOptions(today: today, seed: 1, accounts: 2000, requests: 10000))
    func cpu() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1_000_000
    }
    let buyer = store.requests.first { $0.status == .negotiating && $0.buyer != nil }?.buyer
    let zone = Zone(identifier: store.settings.timeZone) ?? .utc
    print("podboard-bench --trends: \(store.requests.count) requests, CPU seconds per action (log-update today)")
    for (label, pane) in [("KPI pane hidden (board)", Character("1")), ("KPI pane shown", Character("4"))] {
        var state = AppState(store: store, today: today, storeLabel: "bench.json", isDemo: false, user: buyer,
                             size: Size(width: 120, height: 40))
        state.backgroundTrends = false
        _ = AppUpdate.update(&state, key: .resize)
        _ = AppUpdate.update(&state, key: .char(pane))
        let c0 = cpu()
        _ = Screen.render(state)
        let first = cpu() - c0
        var samples: [Double] = []
        let targets = state.data.store.requests.filter { $0.status == .negotiating && $0.buyer == buyer }
        for (i, r) in targets.prefix(actions).enumerated() {
            var p = ActionParams(); p.note = "bench \(i)"
            let at = zone.instant(today, secondOfDay: 12 * 3600 + i * 60)
            guard let outcome = try? Workflow.perform(ActionRequest(.logUpdate, target: r.id, params: p), by: r.buyer!,
                                                      at: at, in: state.data.store) else { continue }
            let start = cpu()
            AppUpdate.applied(&state, .success(outcome))
            _ = Screen.render(state)
            samples.append(cpu() - start)
        }
        let sorted = samples.sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        print("  \(label): first frame \(String(format: "%.2f", first)) s; per action median \(String(format: "%.2f", median)) s ("
              + samples.map { String(format: "%.2f", $0) }.joined(separator: " ") + ")")
    }
}
