import Foundation
import PodboardCore

/// The store engine: actions per second with 1, 2 and 4 writers at once (each its own session, as separate
/// processes would be: one flock each), and the delay from a commit until another session has it
/// (`hasChanged()` + `catchUp()`; the UI polls once a second on top of it).
func engineBench(requests n: Int, dir: String, today: LocalDate) throws {
    let store = DemoGenerator.generate(DemoOptions(today: today, seed: 1, accounts: max(3, n / 5), requests: n))
    let targets = store.requests.filter { $0.status == .negotiating && $0.buyer != nil }
    guard !targets.isEmpty else { return }
    let zone = Zone(identifier: store.settings.timeZone) ?? .utc
    let at = zone.instant(today, secondOfDay: 23 * 3600)
    @Sendable func update(_ i: Int) -> (ActionRequest, String) {
        let r = targets[i % targets.count]
        var p = ActionParams(); p.note = "bench \(i)"
        return (ActionRequest(.logUpdate, target: r.id, params: p), r.buyer!)
    }
    let perRun = 240
    var line = String(format: "%10d", n)
    for writers in [1, 2, 4] {
        let path = dir + "/engine-\(n)-\(writers).json"
        try? FileManager.default.removeItem(atPath: path)
        try StoreFile.create(store, at: path)
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            guard let (s, _) = try? StoreSession.open(path) else { return }
            for i in 0..<(perRun / writers) {
                let (a, by) = update(w * 1000 + i)
                _ = try? s.perform(a, by: by, at: at)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        line += String(format: " %14.0f", Double(perRun) / seconds)
    }
    // The delay: A commits, B notices and catches up.
    let path = dir + "/engine-\(n)-delay.json"
    try? FileManager.default.removeItem(atPath: path)
    try StoreFile.create(store, at: path)
    let (a, _) = try StoreSession.open(path)
    let (b, _) = try StoreSession.open(path)
    var delays: [Double] = []
    for i in 0..<20 {
        let (act, by) = update(i)
        try a.perform(act, by: by, at: at)
        let t0 = DispatchTime.now().uptimeNanoseconds
        if b.hasChanged() { _ = try b.catchUp() }
        delays.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    delays.sort()
    line += String(format: " %16.2f", delays[delays.count / 2])
    print(line)
}
