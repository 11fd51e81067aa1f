import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster run by scripts/pg-test-cluster (the tests' server, the benchmark's server).
/// Not used by podboard itself. The script's child is run so that it cannot hang its caller: standard input from
/// /dev/null, standard error drained on another thread while standard output is read, and the child reaped with
/// waitpid (Foundation's waitUntilExit was seen waiting forever for this script's exit).
public struct PGCluster: Sendable {
    /// The cluster's folder (data, log, socket).
    public let dir: String
    /// The script that started it (and stops it).
    public let script: String
    public var socketDir: String { dir + "/socket" }
    /// PGHOST and PGUSER for this cluster (trust on the local socket, no password).
    public var environment: [String: String] { ["PGHOST": socketDir, "PGUSER": "podboard_admin"] }

    public init(dir: String, script: String) { self.dir = dir; self.script = script }

    /// `scripts/pg-test-cluster` of a repository.
    public static func script(inRepository repo: String) -> String { repo + "/scripts/pg-test-cluster" }

    /// Starts a new cluster (or `dir`'s again). `durable`: fsync and synchronous commit on, as a real server runs;
    /// else both off (fine for tests, unfair in a benchmark against a store that fsyncs).
    public static func start(script: String, durable: Bool = false, dir: String? = nil) throws(PGError) -> PGCluster {
        let text = try run(script: script, ["start"] + (durable ? ["--durable"] : []) + (dir.map { [$0] } ?? []))
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PODBOARD_TEST_PG=") }) else {
            throw PGError("\(script) start printed no cluster: \(text)")
        }
        return PGCluster(dir: String(line.dropFirst("PODBOARD_TEST_PG=".count)), script: script)
    }

    /// Stops the server, keeps the cluster (`resume` brings it back).
    public func halt() throws(PGError) { _ = try Self.run(script: script, ["halt", dir]) }
    /// Starts a halted cluster again (with the settings `start` chose: the script's default, not durable).
    public func resume() throws(PGError) { _ = try Self.run(script: script, ["start", dir]) }
    /// Stops the server and removes the cluster's folder.
    public func stop() throws(PGError) { _ = try Self.run(script: script, ["stop", dir]) }
    /// `stop` for an exiting process (atexit, a signal): system(), not Process (its pipes and dispatch hang while the
    /// process exits).
    public func stopWhileExiting() {
        _ = system("'\(script)' stop '\(dir)' >/dev/null 2>&1")
    }

    /// Runs the script; its standard output. Fails with its standard error when it exits with another status than 0.
    public static func run(script: String, _ args: [String]) throws(PGError) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: script)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw PGError("cannot run \(script): \(error)") }
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
            if r == p.processIdentifier { code = status & 0x7f != 0 ? 128 + (status & 0x7f) : (status >> 8) & 0xff; break }
            if r == -1 && errno == EINTR { continue }
            p.waitUntilExit(); code = p.terminationStatus; break  // reaped by Foundation first
        }
        guard code == 0 else {
            let name = URL(fileURLWithPath: script).lastPathComponent
            throw PGError("\(name) \(args.joined(separator: " ")) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return text
    }
}
