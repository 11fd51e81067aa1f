import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        let text: String
        do throws(PGError) { text = try script(["start"]) } catch { return .failure(error) }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PODBOARD_TEST_PG=") }) else {
            return .failure(PGError("scripts/pg-test-cluster start printed no cluster: \(text)"))
        }
        let dir = String(line.dropFirst("PODBOARD_TEST_PG=".count))
        atexit { stopOwn() }
        return .success(Server(dir: dir))
    }()

    /// Runs scripts/pg-test-cluster; its standard output. The child is reaped with waitpid: Foundation's
    /// waitUntilExit was seen waiting forever for this script's exit (a zombie, never noticed).
    static func script(_ args: [String]) throws(PGError) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: repo + "/scripts/pg-test-cluster")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw PGError("cannot run scripts/pg-test-cluster: \(error)") }
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        group.wait()
        var status: Int32 = 0
        var code: Int32 = -1
        while true {
            let r = waitpid(p.processIdentifier, &status, 0)
            if r == p.processIdentifier { code = (status >> 8) & 0xff; break }
            if r == -1 && errno == EINTR { continue }
            p.waitUntilExit(); code = p.terminationStatus; break  // reaped by Foundation first
        }
        guard code == 0 else {
            throw PGError("scripts/pg-test-cluster \(args.joined(separator: " ")) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return text
    }
    nonisolated(unsafe) private static var ownDir: String?

    private static func stopOwn() {
        guard case .success(let s) = started, ProcessInfo.processInfo.environment["PODBOARD_TEST_PG"] == nil else { return }
        // At exit: system(), not Process (its pipes and dispatch hang while the process exits).
        _ = system("'\(repo)/scripts/pg-test-cluster' stop '\(s.dir)' >/dev/null 2>&1")
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
