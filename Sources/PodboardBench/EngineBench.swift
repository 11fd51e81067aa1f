import Foundation
import PodboardCore

/// The store engine: actions per second with 1, 2 and 4 writers at once (each its own session, as separate
/// processes would be: one flock each), and the delay from a commit until another session has it
/// (`hasChanged()` + `catchUp()` right after the commit), and the delay until a session polling on its own
/// (every millisecond) has it; the UI polls once a second, so it shows an action within 1 s plus that.
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
        // Each writer opens its session first (loading the store is not an action), then all start at once.
        nonisolated(unsafe) let sessions = try (0..<writers).map { _ in try StoreSession.open(path).session }
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            let s = sessions[w]
            for i in 0..<(perRun / writers) {
                let (a, by) = update(w * 1000 + i)
                _ = try? s.perform(a, by: by, at: at)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        line += String(format: " %14.0f", Double(perRun) / seconds)
    }
    // The delay: A commits, B notices and catches up (B alone, right after the commit: the work of catching up).
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
    // The delay seen by another session that watches on its own (a thread polling every millisecond, as the
    // UI's run loop does every second): from the end of A's commit until B has the action.
    nonisolated(unsafe) let watcher = try StoreSession.open(path).session
    let seen = SeenTimes()
    let stop = DispatchSemaphore(value: 0)
    let target = a.seq + 20
    Thread.detachNewThread {
        while watcher.seq < target {
            if watcher.hasChanged(), (try? watcher.catchUp()) != nil { seen.note(seq: watcher.seq) }
            usleep(1000)
        }
        stop.signal()
    }
    var committed: [Int: UInt64] = [:]
    for i in 20..<40 {
        let (act, by) = update(i)
        try a.perform(act, by: by, at: at)
        committed[a.seq] = DispatchTime.now().uptimeNanoseconds
        usleep(30_000)
    }
    stop.wait()
    // A journal line can be read once written, before its fsync returns: seen "before" the commit ended counts 0.
    var live = committed.compactMap { seq, t in seen.first(atLeast: seq).map { max(0, Double(Int64($0) - Int64(t)) / 1e6) } }.sorted()
    if live.isEmpty { live = [.nan] }
    line += String(format: " %13.2f %9.2f", live[live.count / 2], live.last!)
    print(line)
}

/// When a watching session first had each sequence number (monotonic nanoseconds).
final class SeenTimes: @unchecked Sendable {
    private var times: [(seq: Int, at: UInt64)] = []
    private let lock = NSLock()
    func note(seq: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock(); times.append((seq, now)); lock.unlock()
    }
    func first(atLeast seq: Int) -> UInt64? {
        lock.lock(); defer { lock.unlock() }
        return times.first { $0.seq >= seq }?.at
    }
}
