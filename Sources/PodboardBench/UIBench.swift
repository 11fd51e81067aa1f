import Foundation
import PodboardCore
import PodboardTUI

/// The terminal UI at scale, headless: key → frame (the update, then the render of the whole screen at 120×40)
/// for `j`, Tab through the panes and opening a request (Enter, then Esc), and the frame after an action (the new
/// store replacing the one in view, then the render). p50 and p99 in milliseconds. Prints its own title and
/// header, then one line per size; `uiBench(sizes:today:)` is what main.swift calls.
func uiBench(sizes: [Int], today: LocalDate) {
    print("")
    print("UI: key → frame at 120×40 (update + render), milliseconds, p50 / p99; first frame: AppState + clamp + render")
    print("  requests  first frame      j (board)      j (aging)     Tab (panes)    open request   after an action")
    for n in sizes { uiBenchLine(requests: n, today: today) }
}

/// Percentiles of samples in milliseconds: "  p50 /  p99".
private func percentiles(_ samples: [Double]) -> String {
    guard !samples.isEmpty else { return String(format: "%15s", "–") }
    let s = samples.sorted()
    func p(_ q: Double) -> Double { s[min(s.count - 1, Int((Double(s.count - 1) * q).rounded(.up)))] }
    return String(format: "%7.2f /%6.2f", p(0.5), p(0.99))
}

/// Milliseconds taken by `body`.
private func timed(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

private func uiBenchLine(requests n: Int, today: LocalDate) {
    let store = DemoGenerator.generate(DemoOptions(today: today, seed: 1, accounts: max(3, n / 5), requests: n))
    // As a Buyer with negotiations: the footer checks the actions on the selected request, home lists them.
    let buyer = store.requests.first { $0.status == .negotiating && $0.buyer != nil }?.buyer
        ?? store.people.first { $0.has(.buyer) }?.id
    var state = AppState(store: store, today: today, storeLabel: "bench.json", isDemo: false, user: buyer,
                         size: Size(width: 120, height: 40))
    // One key, then the frame.
    func press(_ key: KeyEvent) -> Double {
        timed {
            _ = AppUpdate.update(&state, key: key)
            _ = Screen.render(state)
        }
    }
    let first = timed {
        var s = state
        _ = AppUpdate.update(&s, key: .resize)  // clamps every cursor
        _ = Screen.render(s)
    }
    _ = AppUpdate.update(&state, key: .resize)
    _ = Screen.render(state)

    // j on the board: down the Negotiating column (and back up with k at its end).
    _ = AppUpdate.update(&state, key: .char("1"))
    _ = AppUpdate.update(&state, key: .char("l"))
    _ = AppUpdate.update(&state, key: .char("l"))
    var boardJ: [Double] = []
    for i in 0..<200 { boardJ.append(press(.char(i / 50 % 2 == 0 ? "j" : "k"))) }

    // j in the aging pane (all PODs: the longest list).
    _ = AppUpdate.update(&state, key: .char("2"))
    while state.aging.scope != .all { _ = AppUpdate.update(&state, key: .char("m")) }
    var agingJ: [Double] = []
    for i in 0..<200 { agingJ.append(press(.char(i / 50 % 2 == 0 ? "j" : "k"))) }

    // Tab through every pane, several rounds (the first visit of a pane derives its model).
    _ = AppUpdate.update(&state, key: .char("0"))
    var tabs: [Double] = []
    for _ in 0..<(Pane.allCases.count * 8) { tabs.append(press(.tab)) }

    // Opening a request from the board, and back.
    _ = AppUpdate.update(&state, key: .char("1"))
    var opens: [Double] = []
    for i in 0..<40 {
        opens.append(press(.enter))
        _ = AppUpdate.update(&state, key: .escape)
        _ = AppUpdate.update(&state, key: .char(i % 10 < 5 ? "j" : "k"))
    }

    // After an action: a log-update on the selected negotiation (as its Buyer), carried out beforehand (that is
    // the store engine's part); timed: the new store taking the place of the old one, and the next frame.
    var after: [Double] = []
    let zone = Zone(identifier: store.settings.timeZone) ?? .utc
    let at = zone.instant(today, secondOfDay: 23 * 3600)
    let targets = state.data.store.requests.filter { $0.status == .negotiating && $0.buyer == buyer }
    for (i, r) in targets.prefix(20).enumerated() {
        var p = ActionParams(); p.note = "bench \(i)"
        guard let outcome = try? Workflow.perform(ActionRequest(.logUpdate, target: r.id, params: p), by: r.buyer!,
                                                  at: at, in: state.data.store) else { continue }
        after.append(timed {
            AppUpdate.applied(&state, .success(outcome))
            _ = Screen.render(state)
        })
    }
    print(String(format: "%10d %11.1f", n, first) + "  " + percentiles(boardJ) + " " + percentiles(agingJ) + " "
          + percentiles(tabs) + " " + percentiles(opens) + " " + percentiles(after))
}

/// The first frame of each pane on a fresh revision, in milliseconds (where a cold pane's time goes).
func uiBenchPanes(requests n: Int, today: LocalDate) {
    let store = DemoGenerator.generate(DemoOptions(today: today, seed: 1, accounts: max(3, n / 5), requests: n))
    let buyer = store.requests.first { $0.status == .negotiating && $0.buyer != nil }?.buyer
    var state = AppState(store: store, today: today, storeLabel: "bench.json", isDemo: false, user: buyer,
                         size: Size(width: 120, height: 40))
    var line = String(format: "%10d", n)
    for pane in Pane.allCases {
        line += String(format: "  %@ %.1f", pane.title, timed {
            _ = AppUpdate.update(&state, key: .char(Character(String(pane.rawValue))))
            _ = Screen.render(state)
        })
    }
    print(line)
}

/// For a profiler (`--profile KIND N`): `j` pressed 3000 times on the board (KIND `j`), or the first frame
/// (AppState, clamp, render of home as a Buyer) 10 times (KIND `first`), on a generated store of N requests;
/// prints where the first frame's time goes (snapshot, aging rows, the rest).
func uiProfile(_ kind: String, requests n: Int, today: LocalDate) {
    let store = DemoGenerator.generate(DemoOptions(today: today, seed: 1, accounts: max(3, n / 5), requests: n))
    let buyer = store.requests.first { $0.status == .negotiating && $0.buyer != nil }?.buyer
    var state = AppState(store: store, today: today, storeLabel: "bench.json", isDemo: false, user: buyer,
                         size: Size(width: 120, height: 40))
    if kind == "first" {
        for _ in 0..<5 {
            var snap: Snapshot?
            let s = timed { snap = Snapshot(store: store, today: today) }
            let a = timed { _ = Aging.rows(snap!) }
            let f = timed {
                var st = AppState(store: store, today: today, storeLabel: "bench.json", isDemo: false, user: buyer,
                                  size: Size(width: 120, height: 40))
                _ = AppUpdate.update(&st, key: .resize)
                _ = Screen.render(st)
            }
            print(String(format: "%10d  snapshot %7.1f  aging %7.1f  first frame (all) %7.1f ms", n, s, a, f))
        }
        // The first frame of home for each role (an analyst's triage and an EM's inbox list more than a Buyer's).
        let analyst = store.people.first { $0.has(.analyst) && !$0.has(.buyer) }?.id
        let em = store.people.first { $0.has(.em) }?.id
        for _ in 0..<3 {
            var line = String(format: "%10d  first frame of home:", n)
            for (title, who) in [("Buyer", buyer), ("analyst", analyst), ("EM", em)] {
                let ms = timed {
                    var st = AppState(store: store, today: today, storeLabel: "bench.json", isDemo: false, user: who,
                                      size: Size(width: 120, height: 40))
                    _ = AppUpdate.update(&st, key: .resize)
                    _ = Screen.render(st)
                }
                line += String(format: "  %@ %7.1f", title, ms)
            }
            print(line + " ms")
        }
        return
    }
    _ = AppUpdate.update(&state, key: .resize)
    for k in ["1", "l", "l"] { _ = AppUpdate.update(&state, key: .char(Character(k))) }
    _ = Screen.render(state)
    var samples: [Double] = []
    for i in 0..<3000 {
        samples.append(timed {
            _ = AppUpdate.update(&state, key: .char(i / 50 % 2 == 0 ? "j" : "k"))
            _ = Screen.render(state)
        })
    }
    print(String(format: "%10d  j: ", n) + percentiles(samples))
}
