import Foundation
import Testing
import PodboardCore
import PodboardPostgres

/// The PostgreSQL server of the tests: the cluster of `.ci/run` ($PODBOARD_TEST_PG), else one started for this
/// test process with scripts/pg-test-cluster (and stopped when it exits). A test that cannot have one FAILS.
enum PGTestServer {
    struct Server: Sendable { let dir: String; var socketDir: String { dir + "/socket" } }

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    private static let started: Result<Server, PGError> = {
        if let dir = ProcessInfo.processInfo.environment["PODBOARD_TEST_PG"], !dir.isEmpty { return .success(Server(dir: dir)) }
        // Not Foundation's Process: the script leaves a daemon behind, and Process.waitUntilExit was seen to hang
        // forever on the script's exit (its zombie never reaped) while other tests ran processes in parallel.
        let r = spawnAndWait(repo + "/scripts/pg-test-cluster", ["start"])
        let text = r.out, errText = r.err
        guard r.status == 0, let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PODBOARD_TEST_PG=") }) else {
            return .failure(PGError("scripts/pg-test-cluster start failed: \(errText)"))
        }
        let dir = String(line.dropFirst("PODBOARD_TEST_PG=".count))
        atexit { stopOwn() }
        return .success(Server(dir: dir))
    }()
    nonisolated(unsafe) private static var ownDir: String?

    private static func stopOwn() {
        guard case .success(let s) = started, ProcessInfo.processInfo.environment["PODBOARD_TEST_PG"] == nil else { return }
        _ = spawnAndWait(repo + "/scripts/pg-test-cluster", ["stop", s.dir])
    }

    /// Runs `path args` with its output in temporary files and waits for it with waitpid: status, stdout, stderr.
    static func spawnAndWait(_ path: String, _ args: [String]) -> (status: Int32, out: String, err: String) {
        let tmp = NSTemporaryDirectory() + "pg-test-cluster-\(getpid())-\(UUID().uuidString)"
        let outPath = tmp + ".out", errPath = tmp + ".err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { return (-1, "", "posix_spawn \(path): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), out, err)
    }

    static func server() throws -> Server {
        switch started {
        case .success(let s): return s
        case .failure(let e): throw e
        }
    }

    /// The environment that points podboard at the server (no password: trust on the local socket).
    static func env() throws -> [String: String?] {
        let s = try server()
        return ["PGHOST": s.socketDir, "PGUSER": "podboard_admin", "PGPORT": nil, "PGDATABASE": nil, "PGPASSWORD": nil, "PODBOARD_STORE": nil]
    }

    /// psql as the cluster's superuser (or `user`) on `database`; its output.
    @discardableResult
    static func psql(_ sql: String, database: String = "postgres", user: String = "podboard_admin", allowFailure: Bool = false) throws -> (status: Int32, out: String) {
        let s = try server()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", s.socketDir, "-U", user, "-d", database, "-c", sql]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus != 0 && !allowFailure { throw PGError("psql \(sql): \(e)") }
        return (p.terminationStatus, (o + (p.terminationStatus != 0 ? e : "")).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A new empty database; its URL (host from PGHOST).
    static func newDatabase() throws -> (name: String, url: String) {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        try psql("CREATE DATABASE \(name)")
        return (String(name), "postgresql:///\(name)")
    }

    /// A new database with the schema and `file` imported.
    static func imported(_ file: String) throws -> (name: String, url: String) {
        let db = try newDatabase()
        let env = try env()
        let i = try CLI.run(["db", "init", db.url], env: env)
        #expect(i.status == 0, "db init: \(i.stderr)")
        let r = try CLI.run(["db", "import", file, db.url], env: env)
        #expect(r.status == 0, "db import: \(r.stderr)")
        return db
    }
}
