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

    private static let started: Result<PGCluster, PGError> = {
        if let dir = ProcessInfo.processInfo.environment["PODBOARD_TEST_PG"], !dir.isEmpty { return .success(PGCluster(dir: dir, script: scriptPath)) }
        do throws(PGError) {
            let cluster = try PGCluster.start(script: scriptPath)
            atexit { stopOwn() }
            return .success(cluster)
        } catch { return .failure(error) }
    }()

    static let scriptPath = PGCluster.script(inRepository: repo)

    /// Runs scripts/pg-test-cluster; its standard output (PGCluster.run: the child cannot hang the tests).
    static func script(_ args: [String]) throws(PGError) -> String { try PGCluster.run(script: scriptPath, args) }

    private static func stopOwn() {
        guard case .success(let s) = started, ProcessInfo.processInfo.environment["PODBOARD_TEST_PG"] == nil else { return }
        s.stopWhileExiting()
    }

    static func server() throws -> Server {
        switch started {
        case .success(let s): return Server(dir: s.dir)
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
