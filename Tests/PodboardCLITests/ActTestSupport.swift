import Foundation
import Testing
import PodboardCore
#if canImport(Glibc)
import Glibc
#endif

/// Helpers for the `podboard act` / `podboard log` tests: a demo store for 2026-11-23, actions run as a user
/// would, and the store read back from disk with PodboardCore.
struct ActStore {
    let path: String
    static let today = "2026-11-23"
    /// Every action is stamped with `--at`: no test reads the wall clock. Each `act` is one minute after the
    /// previous one, from 15:00 in the store's zone.
    static let firstAt = "2026-11-23T15:00:00+05:30"
    private let steps = Steps()
    final class Steps: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    }
    /// The time of the next action: 15:01, 15:02, … on `today`.
    func nextAt() -> String {
        let n = steps.next()
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(Self.today)T\(pad(15 + n / 60)):\(pad(n % 60)):00+05:30"
    }

    init() throws {
        path = try CLI.demoStore(today: Self.today)
    }

    var journal: String { path + ".journal" }
    func bytes() -> Data? { FileManager.default.contents(atPath: path) }
    /// The store as every podboard sees it: the file and the journal's actions after it (read only).
    func load() throws -> Store { try StoreSession.open(path, writing: false).session.store }
    /// The store file alone (what was folded into it).
    func loadFile() throws -> Store { try StoreFile.load(path).store }
    func request(_ id: String) throws -> Request { try #require(try load().request(id), "no \(id) in \(path)") }

    /// `podboard act ARGS --as WHO --store F --today 2026-11-23`, with no $PODBOARD_USER to fall back on.
    func act(_ args: [String], as who: String?) throws -> CLI.Result {
        var full = ["act"] + args + ["--store", path, "--today", Self.today]
        if !args.contains("--at") { full += ["--at", nextAt()] }
        if let who { full += ["--as", who] }
        return try CLI.run(full, env: ["PODBOARD_USER": nil])
    }

    /// Runs an action that must succeed, and checks that it left one activity entry by `who` (committed in the
    /// journal; the store file is folded only when due).
    @discardableResult
    func must(_ args: [String], as who: String, target: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Store {
        let before = try load().activity.count
        let r = try act(args, as: who)
        #expect(r.status == 0, "act \(args) as \(who): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(!r.stdout.isEmpty, "act prints what it did", sourceLocation: sourceLocation)
        let after = try load()
        #expect(after.activity.count == before + 1, "one activity entry for \(args)", sourceLocation: sourceLocation)
        if let last = after.activity.last {
            #expect(last.by == who, sourceLocation: sourceLocation)
            #expect(last.action == args[0], sourceLocation: sourceLocation)
            #expect(last.target == target, sourceLocation: sourceLocation)
            #expect(last.at.text.hasPrefix(Self.today) || args.contains("--at"), "stamped on --today: \(last.at.text)", sourceLocation: sourceLocation)
        }
        return after
    }

    /// `podboard log [TARGET] --format json`: the rows.
    func logRows(_ target: String? = nil) throws -> [JSONObject] {
        let r = try CLI.run(["log"] + (target.map { [$0] } ?? []) + ["--store", path, "--today", Self.today, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        guard case .object(let o) = try JSONParser.parse(r.stdout).value, case .array(let rows)? = o["rows"] else {
            Issue.record("log --format json: \(r.stdout.prefix(300))"); return []
        }
        return rows.compactMap { if case .object(let x) = $0 { return x }; return nil }
    }

    /// The `buyer.quota` amount of a Buyer in `report kpi --format json`.
    func quotaAmount(_ person: String) throws -> Decimal? {
        let r = try CLI.run(["report", "kpi", "--person", person, "--format", "json", "--store", path, "--today", Self.today])
        #expect(r.status == 0, "\(r.stderr)")
        guard case .object(let o) = try JSONParser.parse(r.stdout).value, case .array(let kpis)? = o["kpis"] else { return nil }
        for case .object(let k) in kpis where k["id"] == .string("buyer.quota") && k["scope"] == .string(person) {
            if case .number(let n)? = k["amount"] { return Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")) }
            if k["amount"] == .null { return 0 }
        }
        return nil
    }
}

enum ActJSON {
    static func string(_ v: JSONValue?) -> String? { if case .string(let s)? = v { return s }; return nil }
    static func int(_ v: JSONValue?) -> Int? { if case .number(let n)? = v { return Int(n) }; return nil }
}

/// Sets a flag from one thread and reads it on another.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// `podboard act --batch -` fed through a pipe, killed with SIGKILL once it acknowledged `killAfter` actions.
enum KilledBatch {
    struct Outcome {
        /// The line numbers of every "ok N …" the process printed before it died.
        var acknowledged: [Int]
        var stdout: String
        var stderr: String
        var killedBySignal: Bool
        var signal: Int32
    }

    /// `lines` are written to standard input all at once when `pace` is 0, else one every `pace` microseconds.
    static func run(store: String, lines: [String], killAfter: Int, pace: UInt32) throws -> Outcome {
        signal(SIGPIPE, SIG_IGN)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["act", "--batch", "-", "--as", "ben", "--store", store, "--today", ActStore.today, "--at", ActStore.firstAt]
        var env = ProcessInfo.processInfo.environment
        env["PODBOARD_STORE"] = nil; env["PODBOARD_USER"] = nil
        p.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = errors
        try p.run()

        let stop = StopFlag(), finished = StopFlag()
        // A watchdog: a batch that never acknowledges enough is killed too (and the test fails), never waited on forever.
        let pid = p.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) { if !finished.isSet { kill(pid, SIGKILL) } }
        let writerDone = DispatchSemaphore(value: 0)
        let fd = input.fileHandleForWriting.fileDescriptor
        let payload = lines.map { Array(($0 + "\n").utf8) }
        Thread.detachNewThread {
            defer { writerDone.signal() }
            func put(_ bytes: [UInt8]) -> Bool {
                var off = 0
                while off < bytes.count {
                    let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, bytes.count - off) }
                    if n < 0 { if errno == EINTR { continue }; return false }
                    off += n
                }
                return true
            }
            if pace == 0 {
                _ = put(payload.flatMap { $0 })
            } else {
                for l in payload {
                    if stop.isSet || !put(l) { break }
                    usleep(pace)
                }
            }
        }
        nonisolated(unsafe) var errData = Data()
        let errDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { errData = errors.fileHandleForReading.readDataToEndOfFile(); errDone.signal() }

        var out = Data()
        var oks = 0
        var killed = false
        let reader = output.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            out.append(chunk)
            oks = String(decoding: out, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("ok ") }.count
            if oks >= killAfter && !killed {
                kill(p.processIdentifier, SIGKILL)
                killed = true
                stop.set()
            }
        }
        p.waitUntilExit()
        finished.set()
        stop.set()
        writerDone.wait()
        errDone.wait()
        // Keep standard input open until here, so that the batch never sees its end: it is killed mid-stream.
        try? input.fileHandleForWriting.close()
        let text = String(decoding: out, as: UTF8.self)
        let acked = text.split(separator: "\n").compactMap { line -> Int? in
            let parts = line.split(separator: " ")
            return parts.count >= 2 && parts[0] == "ok" ? Int(parts[1]) : nil
        }
        return Outcome(acknowledged: acked, stdout: text, stderr: String(decoding: errData, as: UTF8.self),
                       killedBySignal: p.terminationReason == .uncaughtSignal, signal: p.terminationStatus)
    }
}

/// `podboard act --batch -` driven step by step: send lines, wait for their "ok", close standard input.
final class BatchProcess {
    let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private(set) var stdout = Data()
    private var errData = Data()
    private let errDone = DispatchSemaphore(value: 0)

    init(store: String, as who: String) throws {
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["act", "--batch", "-", "--as", who, "--store", store, "--today", ActStore.today, "--at", ActStore.firstAt]
        var env = ProcessInfo.processInfo.environment
        env["PODBOARD_STORE"] = nil; env["PODBOARD_USER"] = nil
        process.environment = env
        process.standardInput = input; process.standardOutput = output; process.standardError = errors
        try process.run()
        let pid = process.processIdentifier, proc = process
        // A watchdog, so that a stuck batch fails the test instead of hanging it.
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { if proc.isRunning { kill(pid, SIGKILL) } }
        let errHandle = errors.fileHandleForReading
        nonisolated(unsafe) let me = self
        DispatchQueue.global().async { me.errData = errHandle.readDataToEndOfFile(); me.errDone.signal() }
    }

    /// Lines to standard input (small enough to fit the pipe's buffer).
    func send(_ lines: [String]) {
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        let fd = input.fileHandleForWriting.fileDescriptor
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 { if errno == EINTR { continue }; return }
            off += n
        }
    }

    var oks: Int { String(decoding: stdout, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("ok ") }.count }

    /// Reads standard output until `n` "ok" lines in all were printed (or the process ended); the count seen.
    @discardableResult
    func waitForOks(_ n: Int) -> Int {
        while oks < n {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stdout.append(chunk)
        }
        return oks
    }

    /// Closes standard input, waits for the end: the exit status and standard error.
    func finish() -> (status: Int32, stderr: String) {
        try? input.fileHandleForWriting.close()
        stdout.append(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        errDone.wait()
        return (process.terminationStatus, String(decoding: errData, as: UTF8.self))
    }
}
