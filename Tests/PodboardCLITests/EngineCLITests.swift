import Foundation
import Testing
import PodboardCore
#if canImport(Glibc)
import Glibc
#endif

// The store engine run as users do: several `podboard act --batch` at once on one store, kill -9 at every
// syscall of a commit and of a fold (strace fault injection), and the files beside a team's store.

/// The ids of the actions a batch acknowledged ("ok N ID SUMMARY").
func acknowledgedIds(_ stdout: String) -> [String] {
    stdout.split(separator: "\n").compactMap { line -> String? in
        let parts = line.split(separator: " ")
        return parts.count >= 3 && parts[0] == "ok" ? String(parts[2]) : nil
    }
}

/// A store as every podboard sees it (file + journal), opened for writing as the next podboard would.
func reopen(_ path: String) throws -> StoreSession { try StoreSession.open(path).session }

@Suite("Store engine from the command line", .serialized)
struct EngineCLITests {
    /// Negotiating requests of the demo store with their Buyers (the actions below are their log-updates).
    static func negotiations(_ store: Store) -> [(id: String, buyer: String)] {
        store.requests.filter { $0.status == .negotiating && $0.buyer != nil }.map { ($0.id, $0.buyer!) }
    }

    static func update(_ r: (id: String, buyer: String), _ note: String) -> String {
        #"{"action": "log-update", "target": "\#(r.id)", "params": {"note": "\#(note)"}, "as": "\#(r.buyer)"}"#
    }

    /// 4 processes × 250 actions at once (each on its own request and on a shared one); one is killed with
    /// SIGKILL at a random moment. Every acknowledged action is in the store exactly once, the store validates,
    /// the activity log is in sequence order with no gap or repeat.
    @Test func fourWritersAtOnceOneKilledLoseNothingAcknowledged() throws {
        let s = try ActStore()
        let started = Date()
        let reqs = Self.negotiations(try s.load())
        try #require(reqs.count >= 5, "the demo store has negotiations")
        let shared = reqs[4]
        var files: [[String]] = []
        for p in 0..<4 {
            files.append((1...250).map { n in Self.update(n % 5 == 0 ? shared : reqs[p], "p\(p) n\(n)") })
        }
        let batches = files
        let killAt = Int.random(in: 20...200)
        nonisolated(unsafe) var outputs = [String](repeating: "", count: 4)
        nonisolated(unsafe) var statuses = [Int32](repeating: -1, count: 4)
        nonisolated(unsafe) var killed: KilledBatch.Outcome?
        DispatchQueue.concurrentPerform(iterations: 4) { p in
            if p == 0 {
                // Paced: a batch given all at once commits in groups and could end before the kill.
                killed = try? KilledBatch.run(store: s.path, lines: batches[0], killAfter: killAt, pace: 2000)
                return
            }
            let file = (s.path as NSString).deletingLastPathComponent + "/batch-\(p).jsonl"
            try? (batches[p].joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            if let r = try? CLI.run(["act", "--batch", file, "--store", s.path, "--today", ActStore.today, "--at", ActStore.firstAt]) {
                outputs[p] = r.stdout; statuses[p] = r.status
                if r.status != 0 { outputs[p] += "\nstderr: " + r.stderr }
            }
        }
        let k = try #require(killed)
        #expect(k.killedBySignal, "the first writer was killed: \(k.stderr)")
        for p in 1..<4 { #expect(statuses[p] == 0, "writer \(p): \(outputs[p].suffix(400))") }
        let acked = acknowledgedIds(k.stdout) + outputs[1...].flatMap(acknowledgedIds)
        #expect(acked.count >= killAt + 750, "\(acked.count) acknowledged")

        let valid = try CLI.run(["validate", s.path])
        #expect(valid.status == 0, "\(valid.stderr)")
        let store = try reopen(s.path).store
        var count: [String: Int] = [:]
        for a in store.activity { if let id = a.actionId { count[id, default: 0] += 1 } }
        let missing = acked.filter { count[$0] == nil }, doubled = acked.filter { (count[$0] ?? 0) > 1 }
        #expect(missing.isEmpty, "\(missing.count) acknowledged actions missing")
        #expect(doubled.isEmpty, "\(doubled.count) acknowledged actions twice")
        let seqs = store.activity.compactMap(\.seq)
        #expect(seqs == Array(1...max(1, seqs.count)), "sequence order, no gap or repeat")
        // Each process's own updates are in the order it sent them.
        for p in 0..<4 {
            let mine = store.request(reqs[p].id)!.updates.map(\.text).filter { $0.hasPrefix("p\(p) ") }
            let expected = (1...250).filter { $0 % 5 != 0 }.map { "p\(p) n\($0)" }
            #expect(Array(expected.prefix(mine.count)) == mine, "writer \(p) in order")
        }
        #expect(Date().timeIntervalSince(started) < 90, "took \(Date().timeIntervalSince(started)) s")
    }

    /// With umask 077 and a 0660 store of a group, the journal, the lock and the backup are 0660 of that group.
    @Test func filesBesideTheStoreTakeItsModeUnderUmask077() throws {
        let s = try ActStore()
        chmod(s.path, 0o660)
        _ = chown(s.path, uid_t.max, 100)
        let reqs = Self.negotiations(try s.load())
        let file = (s.path as NSString).deletingLastPathComponent + "/batch.jsonl"
        // 400 actions, committed in groups of up to 100: a fold (FILE.bak) at the end of the group that reaches
        // 200 actions (at most the 299th), then a new journal for the rest.
        try ((1...400).map { Self.update(reqs[0], "n\($0)") }.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask 077; exec \"$0\" act --batch \"$1\" --store \"$2\" --at \(ActStore.firstAt) >/dev/null", CLI.binary, file, s.path]
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        for f in [s.journal, s.path + ".lock", s.path + ".bak", s.path] {
            var st = stat()
            #expect(stat(f, &st) == 0, "\(f) exists")
            #expect(st.st_mode & 0o777 == 0o660, "\(f): \(String(st.st_mode & 0o777, radix: 8))")
            #expect(st.st_gid == 100, "\(f): group \(st.st_gid)")
        }
    }
}

/// kill -9 at every syscall that changes the disk or the lock, in one commit and in one fold.
@Suite("Store engine under kill -9 at every syscall", .serialized)
struct KillAtEverySyscallTests {
    static let syscalls = ["write", "pwrite64", "fsync", "fdatasync", "ftruncate", "rename", "renameat", "renameat2",
                           "link", "linkat", "unlink", "unlinkat", "flock", "fchmod", "fchown"]

    static func strace() throws -> String {
        for p in ["/usr/bin/strace", "/bin/strace"] where FileManager.default.isExecutableFile(atPath: p) { return p }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "strace is needed for the fault-injection tests (.ci/run installs it)"])
    }

    /// Runs `podboard ARGS` under strace; `inject` kills it at the Nth call of one syscall.
    static func traced(_ args: [String], inject: (String, Int)?, trace: String) throws -> (status: Int32, stdout: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try strace())
        var a = ["-qq", "-o", trace, "-e", "trace=" + syscalls.joined(separator: ",")]
        if let (call, n) = inject { a += ["-e", "inject=\(call):signal=KILL:when=\(n)"] }
        p.arguments = a + [CLI.binary] + args
        var env = ProcessInfo.processInfo.environment
        env["PODBOARD_STORE"] = nil; env["PODBOARD_USER"] = nil
        p.environment = env
        let out = Pipe()
        p.standardOutput = out; p.standardError = FileHandle.nullDevice; p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Copies the store (and its journal) into a fresh folder.
    static func copy(_ from: ActStore) throws -> String {
        let dir = CLI.tempDir()
        for suffix in ["", ".journal"] where FileManager.default.fileExists(atPath: from.path + suffix) {
            try FileManager.default.copyItem(atPath: from.path + suffix, toPath: dir + "/store.json" + suffix)
        }
        return dir + "/store.json"
    }

    /// Walks N = 1… over every syscall of `podboard act log-update …` on a copy of `template`; after each kill the
    /// store opens and validates, every action acknowledged before is in it exactly once, the killed one at
    /// most once (exactly once when it was acknowledged), and the next action is committed.
    static func walk(_ template: ActStore, request: (id: String, buyer: String), before: [String], expectFold: Bool) throws -> Int {
        let args = { (path: String) in ["act", "log-update", request.id, "--note", "injected", "--as", request.buyer, "--store", path, "--at", "2026-11-23T18:00:00+05:30"] }
        // The syscalls of one undisturbed run.
        let probe = try copy(template)
        let trace = probe + ".trace"
        let clean = try traced(args(probe), inject: nil, trace: trace)
        #expect(clean.status == 0)
        #expect(FileManager.default.fileExists(atPath: probe + ".journal") != expectFold, "the act \(expectFold ? "folds" : "only commits")")
        let lines = (try? String(contentsOfFile: trace, encoding: .utf8))?.split(separator: "\n") ?? []
        var counts: [String: Int] = [:]
        for l in lines { if let name = l.split(separator: "(").first { counts[String(name), default: 0] += 1 } }
        #expect((counts["fsync"] ?? 0) >= 1 && (counts["flock"] ?? 0) >= 2, "\(counts)")
        if expectFold { #expect((counts["rename"] ?? 0) >= 2 && (counts["link"] ?? 0) >= 1, "\(counts)") }
        var runs = 0
        for (call, total) in counts.sorted(by: { $0.key < $1.key }) {
            for n in 1...total {
                runs += 1
                let path = try copy(template)
                let r = try traced(args(path), inject: (call, n), trace: path + ".trace")
                let acknowledged = r.status == 0 && r.stdout.contains("update logged")
                let where_ = "killed at \(call) #\(n)"
                let valid = try CLI.run(["validate", path])
                #expect(valid.status == 0, "\(where_): \(valid.stderr)")
                let session: StoreSession
                do { session = try reopen(path) } catch {
                    Issue.record("\(where_): the store does not open: \(error)"); continue
                }
                var count: [String: Int] = [:]
                for a in session.store.activity { if let id = a.actionId { count[id, default: 0] += 1 } }
                let lost = before.filter { count[$0] != 1 }
                #expect(lost.isEmpty, "\(where_): \(lost.count) acknowledged actions not there exactly once")
                let injected = session.store.request(request.id)!.updates.filter { $0.text == "injected" }.count
                #expect(acknowledged ? injected == 1 : injected <= 1, "\(where_): the killed action is there \(injected) times (acknowledged: \(acknowledged))")
                let seqs = session.store.activity.compactMap(\.seq)
                #expect(seqs == Array(1...max(1, seqs.count)), "\(where_): no gap or repeat")
                // Nobody is locked out: the next action commits.
                do {
                    var p = ActionParams(); p.note = "after"
                    try session.perform(ActionRequest(.logUpdate, target: request.id, params: p), by: request.buyer, at: Timestamp("2026-11-23T18:05:00+05:30")!)
                } catch { Issue.record("\(where_): the next action is refused: \(error)") }
            }
        }
        return runs
    }

    static func template(actions: Int) throws -> (ActStore, (id: String, buyer: String), [String]) {
        let s = try ActStore()
        let r = EngineCLITests.negotiations(try s.load())[0]
        let file = (s.path as NSString).deletingLastPathComponent + "/batch.jsonl"
        try ((1...actions).map { EngineCLITests.update(r, "n\($0)") }.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let b = try CLI.run(["act", "--batch", file, "--store", s.path, "--at", ActStore.firstAt])
        #expect(b.status == 0, "\(b.stderr)")
        return (s, r, acknowledgedIds(b.stdout))
    }

    /// Walks N = 1… over every syscall of `podboard act --batch` of `lines` log-updates (one group commit: one
    /// write, one fsync) on a copy of `template`; after each kill the store opens and validates, the actions
    /// acknowledged before are there exactly once, every line printed "ok" is there exactly once, the group is
    /// there whole or not at all, and the next action commits.
    static func walkBatch(_ template: ActStore, request: (id: String, buyer: String), before: [String], lines: Int) throws -> Int {
        let dir = CLI.tempDir()
        let file = dir + "/group.jsonl"
        try ((1...lines).map { EngineCLITests.update(request, "group \($0)") }.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let args = { (path: String) in ["act", "--batch", file, "--store", path, "--at", "2026-11-23T18:00:00+05:30"] }
        let probe = try copy(template)
        let clean = try traced(args(probe), inject: nil, trace: probe + ".trace")
        #expect(clean.status == 0)
        #expect(acknowledgedIds(clean.stdout).count == lines)
        let traceLines = (try? String(contentsOfFile: probe + ".trace", encoding: .utf8))?.split(separator: "\n") ?? []
        var counts: [String: Int] = [:]
        for l in traceLines { if let name = l.split(separator: "(").first { counts[String(name), default: 0] += 1 } }
        // One group: a single fsync of the journal for all the lines (and the lock taken once for them).
        #expect(counts["fsync"] == 1, "one fsync for \(lines) actions: \(counts)")
        var runs = 0
        for (call, total) in counts.sorted(by: { $0.key < $1.key }) {
            for n in 1...total {
                runs += 1
                let path = try copy(template)
                let r = try traced(args(path), inject: (call, n), trace: path + ".trace")
                let acked = acknowledgedIds(r.stdout)
                let where_ = "batch killed at \(call) #\(n)"
                let valid = try CLI.run(["validate", path])
                #expect(valid.status == 0, "\(where_): \(valid.stderr)")
                let session: StoreSession
                do { session = try reopen(path) } catch {
                    Issue.record("\(where_): the store does not open: \(error)"); continue
                }
                var count: [String: Int] = [:]
                for a in session.store.activity { if let id = a.actionId { count[id, default: 0] += 1 } }
                let lost = (before + acked).filter { count[$0] != 1 }
                #expect(lost.isEmpty, "\(where_): \(lost.count) acknowledged actions not there exactly once")
                let texts = session.store.request(request.id)!.updates.map(\.text).filter { $0.hasPrefix("group ") }
                #expect(texts.isEmpty || texts == (1...lines).map { "group \($0)" }, "\(where_): the group whole or not at all, once: \(texts)")
                if !acked.isEmpty { #expect(texts.count == lines, "\(where_): acknowledged, so committed") }
                let seqs = session.store.activity.compactMap(\.seq)
                #expect(seqs == Array(1...max(1, seqs.count)), "\(where_): no gap or repeat")
                do {
                    var p = ActionParams(); p.note = "after"
                    try session.perform(ActionRequest(.logUpdate, target: request.id, params: p), by: request.buyer, at: Timestamp("2026-11-23T18:05:00+05:30")!)
                } catch { Issue.record("\(where_): the next action is refused: \(error)") }
            }
        }
        return runs
    }

    @Test func killedAtEverySyscallOfAGroupCommit() throws {
        let (s, r, acked) = try Self.template(actions: 3)
        #expect(acked.count == 3)
        let runs = try Self.walkBatch(s, request: r, before: acked, lines: 8)
        #expect(runs >= 5)
    }

    @Test func killedAtEverySyscallOfACommit() throws {
        let (s, r, acked) = try Self.template(actions: 3)
        #expect(acked.count == 3)
        let runs = try Self.walk(s, request: r, before: acked, expectFold: false)
        #expect(runs >= 5)
    }

    @Test func killedAtEverySyscallOfAFold() throws {
        // 199 actions in the journal: the next act commits the 200th and folds.
        let (s, r, acked) = try Self.template(actions: 199)
        #expect(acked.count == 199)
        let runs = try Self.walk(s, request: r, before: acked, expectFold: true)
        #expect(runs >= 10)
    }
}
