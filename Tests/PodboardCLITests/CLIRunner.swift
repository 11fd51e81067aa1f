import Foundation
import Testing

/// Runs the built `podboard` binary, as a user would.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary next to the test bundle (swift test builds it, since this test target depends on it).
    static let binary: String = {
        if let env = ProcessInfo.processInfo.environment["PODBOARD_BIN"], !env.isEmpty { return env }
        return realBinary
    }()

    /// The built binary itself (never the `PODBOARD_BIN` stand-in, e.g. scripts/podboard-at).
    static let realBinary: String = {
        var candidates: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = argv0.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("podboard"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/podboard"))
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) && !c.hasDirectoryPath {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c.path, isDirectory: &isDir), !isDir.boolValue { return c.path }
        }
        return candidates.last!.path
    }()

    /// Runs podboard with arguments; standard input is empty; the environment is the test's, with changes.
    static func run(_ args: [String], env: [String: String?] = [:], cwd: String? = nil, executable: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable ?? binary)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["PODBOARD_STORE"] = nil
        environment["NO_COLOR"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func tempDir() -> String {
        let dir = NSTemporaryDirectory() + "podboard-cli-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A demo store written by the binary itself.
    static func demoStore(today: String = "2026-11-22", extra: [String] = []) throws -> String {
        let path = tempDir() + "/demo.json"
        let r = try run(["demo", "--out", path, "--today", today] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }
}
