import Foundation
import PodboardCore
import PodboardPostgres
import PodboardTUI

/// `podboard-bench --postgres [--quick] [REQUESTS...]`: issue 12's figures, the PostgreSQL store beside the file
/// store on the same data (the demo generator, seed 1): open → first frame (10k and 100k requests; --quick: 10k),
/// one action's acknowledgement latency (p50/p99 of 200), actions per second with 1, 4 and 16 clients at once (each
/// its own session and connection), and the delay from one client's commit to another UI's redraw (the UI's
/// run-loop cadence: it looks every AppRunner.watchMilliseconds). The server: $PGHOST (a socket folder or host),
/// else a throwaway cluster started with scripts/pg-test-cluster (run from the repository).
func postgresBench(sizes: [Int], today: LocalDate, dir: String) throws {
    // Each line as soon as it is known (a slow run shows what it has).
    func print(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    var env = ProcessInfo.processInfo.environment
    if env["PGHOST"] == nil {
        // A durable throwaway cluster (fsync and synchronous commit on: the file store fsyncs every commit too),
        // stopped on every way out: a return, a thrown error, Ctrl-C, SIGTERM, SIGHUP, SIGPIPE, exit()
        // (not a crash: a trap ends the process at once; `scripts/pg-test-cluster stop DIR` then).
        let cluster = try PGCluster.start(script: PGCluster.script(inRepository: FileManager.default.currentDirectoryPath), durable: true)
        for (k, v) in cluster.environment { env[k] = v }
        ownCluster.set(cluster)
        stopOwnClusterOnExit()
    }
    defer { ownCluster.take().map { try? $0.stop() } }
    func database(_ name: String, _ store: Store) throws -> String {
        let admin = try PGConnection(try PGTarget.parse("postgresql:///postgres", environment: env))
        try admin.run("DROP DATABASE IF EXISTS \(name)", "CREATE DATABASE \(name)")
        admin.close()
        let url = "postgresql:///\(name)"
        let db = try PGConnection(try PGTarget.parse(url, environment: env))
        try PGStore.initSchema(db)
        try PGStore.importStore(store, into: db)
        db.close()
        return url
    }
    func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
    func pct(_ v: [Double], _ p: Double) -> Double { let s = v.sorted(); return s[min(s.count - 1, Int(Double(s.count) * p))] }
    func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    func ms(since t: UInt64) -> Double { Double(now() - t) / 1e6 }

    print("podboard-bench --postgres: the file store (journal, fsync) beside PostgreSQL (one transaction per action), same data")
    print("  server: " + (try serverSettings(env)))
    print("  machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage()) at the start (shared: figures move with it)")
    defer { print("  load average \(loadAverage()) at the end") }
    print("open → first frame (board at 120×40), median of 3, ms")
    print("  requests        file  postgresql   (import into the database, s)")
    for n in sizes {
        let store = DemoGenerator.generate(DemoOptions(today: today, seed: 1, accounts: max(3, n / 5), requests: n))
        let path = dir + "/pg-\(n).json"
        try? FileManager.default.removeItem(atPath: path)
        try StoreFile.create(store, at: path)
        let t0 = now()
        let url = try database("podboard_bench_\(n)", store)
        let importS = ms(since: t0) / 1000
        func frame(_ s: any StoreEngine) {
            let state = AppState(store: s.store, today: today, storeLabel: s.path ?? "", isDemo: false, user: nil, size: Size(width: 120, height: 40))
            _ = Screen.render(state)
        }
        var file: [Double] = [], pg: [Double] = []
        for _ in 0..<3 {
            var t = now()
            let f = try StoreSession.open(path).session
            frame(f); file.append(ms(since: t))
            t = now()
            let p = try PostgresSession.open(url, environment: env)
            frame(p); pg.append(ms(since: t))
            try p.finish()
        }
        print(String(format: "%10d  %10.0f  %10.0f   (%.1f)", n, median(file), median(pg), importS))
    }

    // The rest on 10k requests (or the smallest size asked).
    let n = sizes.min() ?? 10000
    let store = DemoGenerator.generate(DemoOptions(today: today, seed: 1, accounts: max(3, n / 5), requests: n))
    let targets = store.requests.filter { $0.status == .negotiating && $0.buyer != nil }
    let zone = Zone(identifier: store.settings.timeZone) ?? .utc
    let at = zone.instant(today, secondOfDay: 23 * 3600)
    @Sendable func update(_ i: Int) -> (ActionRequest, String) {
        let r = targets[i % targets.count]
        var p = ActionParams(); p.note = "bench \(i)"
        return (ActionRequest(.logUpdate, target: r.id, params: p), r.buyer!)
    }
    enum Kind: String { case file, postgresql }
    func fresh(_ kind: Kind, _ tag: String) throws -> String {
        switch kind {
        case .file:
            let path = dir + "/pg-\(n)-\(tag).json"
            try? FileManager.default.removeItem(atPath: path)
            try StoreFile.create(store, at: path)
            return path
        case .postgresql: return try database("podboard_bench_\(n)_\(tag)", store)
        }
    }
    func open(_ kind: Kind, _ where_: String) throws -> any StoreEngine {
        kind == .file ? try StoreSession.open(where_).session : try PostgresSession.open(where_, environment: env)
    }

    print("")
    print("on \(n) requests: one log-update's acknowledgement (ms, 200 in a row), actions/s with 1, 4, 16 clients (240 in all)")
    print("  store          p50      p99    1 client  4 clients  16 clients")
    for kind in [Kind.file, .postgresql] {
        let s = try open(kind, try fresh(kind, "ack"))
        var lat: [Double] = []
        for i in 0..<200 {
            let (a, by) = update(i)
            let t = now()
            _ = try s.perform(a, by: by, at: at, knownSeq: nil, via: nil)
            lat.append(ms(since: t))
        }
        try s.finish()
        var line = "  " + kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: " %8.2f %8.2f", pct(lat, 0.5), pct(lat, 0.99))
        let place = try fresh(kind, "clients")
        for clients in [1, 4, 16] {
            nonisolated(unsafe) let sessions = try (0..<clients).map { _ in try open(kind, place) }
            // One thread per client (concurrentPerform would run only as many at once as there are cores).
            final class Failed: @unchecked Sendable { var n = 0; let lock = NSLock() }
            let failed = Failed()
            let group = DispatchGroup()
            let t = now()
            for c in 0..<clients {
                group.enter()
                Thread.detachNewThread {
                    for i in 0..<(240 / clients) {
                        let (a, by) = update(c * 1000 + i)
                        if (try? sessions[c].perform(a, by: by, at: at, knownSeq: nil, via: nil)) == nil { failed.lock.lock(); failed.n += 1; failed.lock.unlock() }
                    }
                    group.leave()
                }
            }
            group.wait()
            line += String(format: " %11.0f", 240 / (ms(since: t) / 1000)) + (failed.n > 0 ? " (\(failed.n) failed)" : "")
            for s in sessions { try? s.finish() }
        }
        print(line)
    }

    print("")
    print("commit → another UI's redraw (ms; the UI looks every \(AppRunner.watchMilliseconds) ms; 20 commits at random moments)")
    print("  store       median      max")
    for kind in [Kind.file, .postgresql] {
        let place = try fresh(kind, "ui")
        let writer = try open(kind, place)
        nonisolated(unsafe) let watcher = SessionPerformer(session: try open(kind, place), user: "", clock: NowSource(today: today))
        final class Seen: @unchecked Sendable { var at: [Int: UInt64] = [:]; let lock = NSLock(); var stop = false }
        let seen = Seen()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var state = AppState(store: watcher.session.store, today: today, storeLabel: "", isDemo: false, user: nil, size: Size(width: 120, height: 40))
            while true {
                seen.lock.lock(); let stop = seen.stop; seen.lock.unlock()
                if stop { break }
                if let w = watcher.watch() {
                    AppUpdate.othersActed(&state, store: w.store, changes: w.changes)
                    _ = Screen.render(state)
                    let t = DispatchTime.now().uptimeNanoseconds
                    seen.lock.lock(); seen.at[watcher.session.seq] = t; seen.lock.unlock()
                }
                usleep(UInt32(AppRunner.watchMilliseconds) * 1000)
            }
            done.signal()
        }
        var delays: [Double] = []
        for i in 0..<20 {
            usleep(UInt32.random(in: 100_000...400_000))
            let (a, by) = update(i)
            _ = try writer.perform(a, by: by, at: at, knownSeq: nil, via: nil)
            let committed = now(), seq = writer.seq
            while true {
                seen.lock.lock(); let t = seen.at.first { $0.key >= seq }?.value; seen.lock.unlock()
                if let t { delays.append(max(0, Double(t) - Double(committed)) / 1e6); break }
                if ms(since: committed) > 5000 { delays.append(5000); break }
                usleep(1000)
            }
        }
        seen.lock.lock(); seen.stop = true; seen.lock.unlock()
        done.wait()
        try writer.finish(); try watcher.session.finish()
        print("  " + kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: " %8.0f %8.0f", median(delays), delays.max() ?? 0))
    }
}

/// The cluster this bench started (stopped once, by whoever comes first: the normal way out, exit, a signal).
final class OwnCluster: @unchecked Sendable {
    private var cluster: PGCluster?
    private let lock = NSLock()
    func set(_ c: PGCluster) { lock.lock(); cluster = c; lock.unlock() }
    func take() -> PGCluster? { lock.lock(); defer { lock.unlock() }; let c = cluster; cluster = nil; return c }
}
let ownCluster = OwnCluster()
nonisolated(unsafe) private var signalSources: [any DispatchSourceSignal] = []

private func stopOwnClusterOnExit() {
    atexit { ownCluster.take()?.stopWhileExiting() }
    // SIGPIPE too: `podboard-bench --postgres | head` ends the bench when head has read enough.
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
            ownCluster.take()?.stopWhileExiting()
            signal(sig, SIG_DFL)
            raise(sig)
        }
        source.resume()
        signalSources.append(source)
    }
}

/// What the server ran with, for the header line: version, fsync, synchronous_commit, wal_sync_method.
func serverSettings(_ env: [String: String]) throws -> String {
    let db = try PGConnection(try PGTarget.parse("postgresql:///postgres", environment: env))
    defer { db.close() }
    let version = try db.value("SHOW server_version") ?? "?"
    let names = ["fsync", "synchronous_commit", "wal_sync_method", "shared_buffers"]
    let values = try names.map { "\($0)=\(try db.value("SHOW \($0)") ?? "?")" }
    return "PostgreSQL \(version), " + values.joined(separator: " ") + " (\(env["PGHOST"] ?? "?"))"
}

/// /proc/loadavg's three averages (1, 5, 15 minutes).
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
