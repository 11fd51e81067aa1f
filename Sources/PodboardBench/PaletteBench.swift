import Foundation
import PodboardCore
import PodboardTUI

/// The command palette and `/` at scale (issue 15), headless at 120×40: opening the palette (the first time
/// derives its index of requests, accounts, contracts and people for the revision; the next times reuse it),
/// a character typed into it (fuzzy match over the index), and a character of a `/` filter in the aging pane of
/// every POD, each with the frame after it. Milliseconds, p50 / p99.
func paletteBench(sizes: [Int], today: LocalDate) {
    print("")
    print("UI: palette and / at 120×40 (update + render), milliseconds, p50 / p99")
    print("  requests  palette (first open)  palette (open again)  palette (a character)  / aging (a character)")
    for n in sizes { paletteBenchLine(requests: n, today: today) }
}

private func paletteBenchLine(requests n: Int, today: LocalDate) {
    let store = DemoGenerator.generate(DemoOptions(today: today, seed: 1, accounts: max(3, n / 5), requests: n))
    let buyer = store.people.first { $0.has(.buyer) }?.id
    var state = AppState(store: store, today: today, storeLabel: "bench.json", isDemo: false, user: buyer,
                         size: Size(width: 120, height: 40))
    _ = AppUpdate.update(&state, key: .resize)
    func press(_ key: KeyEvent) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = AppUpdate.update(&state, key: key)
        _ = Screen.render(state)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
    func percentiles(_ samples: [Double]) -> String {
        guard !samples.isEmpty else { return String(format: "%15s", "–") }
        let s = samples.sorted()
        func p(_ q: Double) -> Double { s[min(s.count - 1, Int((Double(s.count - 1) * q).rounded(.up)))] }
        return String(format: "%7.2f /%6.2f", p(0.5), p(0.99))
    }
    let first = press(.char(":"))
    _ = press(.escape)
    var opens: [Double] = [], typed: [Double] = []
    for i in 0..<20 {
        opens.append(press(.char(":")))
        for c in "REQ-\(1000 + i)" { typed.append(press(.char(c))) }
        _ = press(.escape)
    }
    _ = AppUpdate.update(&state, key: .char("2"))
    while state.aging.scope != .all { _ = AppUpdate.update(&state, key: .char("m")) }
    var filter: [Double] = []
    for i in 0..<10 {
        _ = AppUpdate.update(&state, key: .char("/"))
        for c in ["slack", "escal", "breach", "maple", "REQ-10"][i % 5] { filter.append(press(.char(c))) }
        _ = AppUpdate.update(&state, key: .escape)
    }
    print(String(format: "%10d", n) + String(format: "  %12.2f        ", first) + "  " + percentiles(opens) + "       "
          + percentiles(typed) + "        " + percentiles(filter))
}
