import Foundation
import Testing
import PodboardCore
import PodboardPostgres

/// podboard's PostgreSQL calls are synchronous: a caller waits on its thread for the answer. When the caller is a
/// Task, it holds one of the cooperative pool's threads (as many as the cores: 2 on the CI machine). The answer
/// must not need another pool thread, or a few callers at once wait forever (the reason the live tests were
/// first put into one serialized suite). Not serialized itself: it runs beside the other tests.
@Suite("PostgreSQL calls off the cooperative pool")
struct PostgresPoolTests {
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    /// Waits for `count` signals on a thread of its own (not a pool thread); false when one did not come in time.
    /// When the pool is starved, the test could not even resume to say so: then, 120 s later, the thread ends the
    /// test process with the reason (a failed run, never a hung one).
    static func waitOffPool(_ done: DispatchSemaphore, count: Int, seconds: Double, test: String) async -> Bool {
        let resumed = Count()
        let ok = await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            Thread.detachNewThread {
                let deadline = DispatchTime.now() + seconds
                for _ in 0..<count where done.wait(timeout: deadline) == .timedOut {
                    c.resume(returning: false)
                    Thread.sleep(forTimeInterval: 120)
                    if resumed.value == 0 {
                        FileHandle.standardError.write(Data("PostgresPoolTests (\(test)): the Tasks waiting for the database never got their answers, and the test cannot resume: a blocked cooperative pool starves them (deadlock)\n".utf8))
                        exit(1)
                    }
                    return
                }
                c.resume(returning: true)
            }
        }
        resumed.add()
        return ok
    }

    @Test("More Tasks waiting for the database at once than the pool has threads: every one is answered")
    func blockedPoolThreadsDoNotStarveTheAnswers() async throws {
        let env = try PGTestServer.env().compactMapValues { $0 }
        let target = try PGTarget.parse("postgresql:///postgres", environment: env)
        let tasks = ProcessInfo.processInfo.activeProcessorCount * 2 + 2
        let answered = Count()
        let done = DispatchSemaphore(value: 0)
        for i in 0..<tasks {
            // High priority: ahead of the hundreds of test jobs the whole suite queues on the same pool (at the
            // default priority they could wait behind them for minutes, which is not what is tested here).
            Task.detached(priority: .high) {
                defer { done.signal() }
                // Connect, ask, close: each a synchronous wait on this pool thread, all tasks at the same time.
                guard let db = try? PGConnection(target) else { return }
                defer { db.close() }
                if (try? db.value("SELECT (pg_sleep(0.2)::text || $1::text)", [String(i)])) == String(i) { answered.add() }
            }
        }
        let inTime = await Self.waitOffPool(done, count: tasks, seconds: 180, test: "connections")
        #expect(inTime, "the tasks still wait for the database after 180 s: a blocked pool thread starves the answers")
        #expect(answered.value == tasks, "\(answered.value) of \(tasks) answered")
    }

    @Test("A session opened, acted on and watched from Tasks at once: the listener hears the other's commit")
    func sessionsInTasks() async throws {
        let demo = try CLI.demoStore(today: "2026-11-23")
        let db = try PGTestServer.imported(demo)
        let env = try PGTestServer.env().compactMapValues { $0 }
        let watcher = try PostgresSession.open(db.url, environment: env)
        defer { try? watcher.finish() }
        _ = watcher.hasChanged()  // listening from here on
        let tasks = ProcessInfo.processInfo.activeProcessorCount * 2 + 2
        let done = DispatchSemaphore(value: 0)
        let acted = Count()
        let at = Timestamp("2026-11-23T10:00:00+05:30")!
        let r = try #require(watcher.store.requests.first { $0.status == .negotiating && $0.buyer != nil })
        let (target, buyer) = (r.id, r.buyer!)
        for i in 0..<tasks {
            // High priority: ahead of the hundreds of test jobs the whole suite queues on the same pool (at the
            // default priority they could wait behind them for minutes, which is not what is tested here).
            Task.detached(priority: .high) {
                defer { done.signal() }
                guard let s = try? PostgresSession.open(db.url, environment: env) else { return }
                defer { try? s.finish() }
                var p = ActionParams(); p.note = "from task \(i)"
                if (try? s.perform(ActionRequest(.logUpdate, target: target, params: p), by: buyer, at: at, knownSeq: nil, via: nil)) != nil { acted.add() }
            }
        }
        let inTime = await Self.waitOffPool(done, count: tasks, seconds: 180, test: "sessions")
        #expect(inTime, "the sessions still wait after 60 s")
        #expect(acted.value == tasks, "\(acted.value) of \(tasks) acted")
        #expect(watcher.hasChanged(), "the watching session heard no commit")
    }
}
