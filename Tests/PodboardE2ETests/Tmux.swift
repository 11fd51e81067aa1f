import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `podboard` binary. A copy of `CLI.binary` in PodboardCLITests (a test target cannot import another).
enum Podboard {
    /// The binary next to the test bundle (swift test builds it, since this test target depends on it).
    static let binary: String = {
        if let env = ProcessInfo.processInfo.environment["PODBOARD_BIN"], !env.isEmpty { return env }
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

    /// The day every test runs on, so that screens are reproducible.
    static let today = "2026-11-23"

    /// A new empty directory (no podboard.json), to run podboard in.
    static func tempDir() -> String {
        let dir = NSTemporaryDirectory() + "podboard-e2e-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Where the UIs started by the tests keep their state (`$XDG_STATE_HOME`).
    static let stateHome: String = NSTemporaryDirectory() + "podboard-e2e-state-" + UUID().uuidString

    /// The environment of every process the tests start: no store or user chosen from outside, no colour
    /// override, not inside someone else's tmux, and a UTF-8 locale for tmux itself.
    static func environment(_ changes: [String: String?] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for k in ["PODBOARD_STORE", "PODBOARD_USER", "NO_COLOR", "TMUX", "TMUX_PANE", "ESCDELAY"] { env[k] = nil }
        if (env["LC_ALL"] ?? env["LC_CTYPE"] ?? env["LANG"] ?? "").isEmpty { env["LANG"] = "C.UTF-8" }
        // The UI records its sessions ("since you last looked") in a folder of the tests, not the user's.
        env["XDG_STATE_HOME"] = stateHome
        for (k, v) in changes { env[k] = v }
        return env
    }

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs the binary directly (no terminal): standard input from /dev/null, standard output and error to pipes,
    /// in `cwd` (through /bin/sh, which changes to it and then execs podboard).
    static func runWithoutTerminal(_ args: [String], env: [String: String?] = [:], cwd: String) throws -> Result {
        let r = try Spawn.run("/bin/sh", ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", cwd, binary] + args,
                              environment: environment(env))
        return Result(status: r.status, stdout: r.stdout, stderr: String(decoding: r.stderr, as: UTF8.self))
    }
}

/// Quotes a word for /bin/sh.
func shellQuote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Why a wait on the screen or a tmux command failed; the description carries the last screen, for diagnosis.
struct TmuxError: Error, CustomStringConvertible {
    var description: String
}

/// One captured screen: its lines, top to bottom, as `tmux capture-pane -p` prints them (trailing blanks cut).
struct Screen: CustomStringConvertible {
    var lines: [String]

    var text: String { lines.joined(separator: "\n") }
    func contains(_ s: String) -> Bool { text.contains(s) }
    func line(_ i: Int) -> String { i >= 0 && i < lines.count ? lines[i] : "" }
    /// The last line: the footer while podboard runs.
    var lastLine: String { lines.last ?? "" }

    var description: String {
        lines.enumerated().map { String(format: "%2d", $0.offset) + "|" + $0.element }.joined(separator: "\n")
    }
}

/// A private tmux server (its own socket) with one session running one command in one pane.
///
/// Every test makes its own and `close`s it (also done by `deinit`), so servers never outlive a test and
/// never meet the user's tmux.
final class Tmux {
    /// tmux on PATH, or nil.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// tmux, or a test failure (not a skip) explaining that it is needed.
    static func required(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(executable != nil,
                     "tmux is required for the end-to-end tests but is not on PATH (install it: apt-get install -y tmux, brew install tmux)",
                     sourceLocation: sourceLocation)
        return executable!
    }

    let tmux: String
    let socket: String
    let target = "e2e"
    let cols: Int
    let rows: Int
    private var closed = false
    private let configPath: String
    /// The server's socket file (tmux leaves it behind) and a directory made for the pane; removed by `close`.
    private var socketPath: String?
    private var ownedDirectory: String?
    /// The pid of the program in the pane when it is podboard itself (see `programIsWaiting`).
    private(set) var programPid: pid_t?

    /// Starts the server and the session, `cols`×`rows`, with no status line, running `command` (a /bin/sh
    /// command line) in `cwd`.
    init(cols: Int = 80, rows: Int = 24, cwd: String, command: String,
         sourceLocation: SourceLocation = #_sourceLocation) throws {
        tmux = try Tmux.required(sourceLocation: sourceLocation)
        socket = "podboard-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.cols = cols
        self.rows = rows
        // A config of our own: the user's ~/.tmux.conf could change anything. No status line, so the pane is the
        // whole window.
        configPath = NSTemporaryDirectory() + socket + ".conf"
        let config = "set -g status off\nset -g history-limit 0\n"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        try run(["-f", configPath, "new-session", "-d", "-s", target, "-x", "\(cols)", "-y", "\(rows)", "-c", cwd, command])
        socketPath = try? format("#{socket_path}")
        // For diagnosis: PODBOARD_E2E_PANE_LOG=DIR records what each pane's program writes (from shortly after it
        // starts) in DIR/SOCKET.log.
        if let dir = ProcessInfo.processInfo.environment["PODBOARD_E2E_PANE_LOG"], !dir.isEmpty {
            try run(["pipe-pane", "-t", target, "-o", "cat > " + shellQuote(dir + "/" + socket + ".log")])
        }
    }

    /// Starts podboard itself as the pane's command, with TERM=xterm-256color and the given extra arguments.
    convenience init(podboard args: [String], cols: Int = 80, rows: Int = 24, cwd: String? = nil,
                     envPrefix: String = "env TERM=xterm-256color",
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let words = [Podboard.binary, "--today", Podboard.today, "--at", Podboard.today + "T17:30:00+05:30"] + args
        let dir = cwd ?? Podboard.tempDir()
        try self.init(cols: cols, rows: rows, cwd: dir,
                      command: "exec \(envPrefix) " + words.map(shellQuote).joined(separator: " "),
                      sourceLocation: sourceLocation)
        if cwd == nil { ownedDirectory = dir }
        // `exec` all the way down (sh, then env): the pane's process becomes podboard.
        programPid = pid_t(try format("#{pane_pid}"))
    }

    /// podboard started without --as: it asks "Who are you?"; Enter on the first line keeps it read-only.
    static func readOnly(cols: Int = 80, rows: Int = 24, sourceLocation: SourceLocation = #_sourceLocation) throws -> Tmux {
        let t = try Tmux(podboard: [], cols: cols, rows: rows, sourceLocation: sourceLocation)
        try t.waitFor(text: "Who are you?", "read-only: just look")
        try t.press("Enter")
        return t
    }

    deinit { close() }

    /// Kills the server (and so the program in it). Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: configPath)
        if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
        if let ownedDirectory { try? FileManager.default.removeItem(atPath: ownedDirectory) }
    }

    /// Runs `tmux -L socket ARGS` and returns its standard output.
    @discardableResult
    func run(_ args: [String]) throws -> String {
        let r = try Spawn.run(tmux, ["-u", "-L", socket] + args, environment: Podboard.environment())
        guard r.status == 0 else {
            throw TmuxError(description: "tmux \(args.joined(separator: " ")) failed (\(r.status)): "
                            + String(decoding: r.stderr, as: UTF8.self))
        }
        return String(decoding: r.stdout, as: UTF8.self)
    }

    /// Presses keys, one `send-keys` each, in tmux key names ("j", "Enter", "Escape", "C-c", "BTab", "F1").
    func press(_ keys: String...) throws {
        for k in keys { try run(["send-keys", "-t", target, k]) }
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    /// The screen now.
    func capture() throws -> Screen {
        let out = try run(["capture-pane", "-p", "-t", target])
        var lines = out.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return Screen(lines: lines)
    }

    /// A tmux format for the pane, e.g. "#{pane_title}".
    func format(_ f: String) throws -> String {
        try run(["display-message", "-p", "-t", target, f]).trimmingCharacters(in: .newlines)
    }

    func resize(cols: Int, rows: Int) throws {
        try run(["resize-window", "-t", target, "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// Polls the screen every 50 ms until `predicate` holds on two captures in a row that are the same, taken
    /// while podboard waits for a key (the frame has settled: a frame still being drawn is never read, even when
    /// a loaded machine stalls podboard halfway), and returns that screen; throws with the last screen when that
    /// does not happen within `timeout` seconds.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 5, _ predicate: (Screen) throws -> Bool) throws -> Screen {
        let deadline = Date().addingTimeInterval(timeout)
        var last = Screen(lines: [])
        var candidate: Screen? = nil
        while true {
            last = try capture()
            if try predicate(last), programIsWaiting() {
                // Settled: the same screen twice in a row, so a frame still being drawn is never read.
                if let candidate, candidate.lines == last.lines { return last }
                candidate = last
            } else {
                candidate = nil
            }
            if Date() >= deadline { break }
            usleep(50_000)
        }
        throw TmuxError(description: "timed out after \(timeout)s waiting for \(what); the screen (\(cols)x\(rows) asked) was:\n\(last)")
    }

    /// True unless podboard (when it is the pane's program) is known to be busy: on Linux, whether it is blocked
    /// in a system call that waits for input (`/proc/PID/syscall`). True when that cannot be told (another
    /// system, no permission, the program has ended).
    func programIsWaiting() -> Bool {
        guard let pid = programPid,
              let text = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8) else { return true }
        if text.hasPrefix("running") { return false }
        let fields = text.split(separator: " ")
        guard let number = fields.first.flatMap({ Int($0) }) else { return true }
        #if arch(x86_64)
        let waits: Set<Int> = [0, 7, 23, 232, 270, 271]  // read, poll, select, epoll_wait, pselect6, ppoll
        #elseif arch(arm64)
        let waits: Set<Int> = [63, 72, 73, 22]  // read, pselect6, ppoll, epoll_pwait
        #else
        let waits: Set<Int> = [number]
        #endif
        return waits.contains(number)
    }

    /// Waits until the screen contains every one of `texts`.
    @discardableResult
    func waitFor(text texts: String..., timeout: Double = 5) throws -> Screen {
        try waitFor(texts.map { "\"\($0)\"" }.joined(separator: " and "), timeout: timeout) { s in
            texts.allSatisfy { s.contains($0) }
        }
    }

    /// Waits until the screen no longer contains `text`.
    @discardableResult
    func waitUntilGone(_ text: String, timeout: Double = 5) throws -> Screen {
        try waitFor("\"\(text)\" to disappear", timeout: timeout) { !$0.contains(text) }
    }

    /// Polls a pane format until it has the wanted value.
    func waitForFormat(_ f: String, toBe value: String, timeout: Double = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = try format(f)
            if last == value { return }
            if Date() >= deadline { break }
            usleep(50_000)
        }
        throw TmuxError(description: "timed out after \(timeout)s waiting for \(f) to be \(value) (it is \(last)); screen:\n\(try capture())")
    }
}

/// The number of terminal columns a string takes, for the characters these tests use: East Asian wide and
/// emoji take two, combining marks none, everything else one.
func displayWidth(_ s: String) -> Int {
    var w = 0
    for u in s.unicodeScalars {
        let v = u.value
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: break
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            w += 2
        default: w += 1
        }
    }
    return w
}

/// The display column where `needle` starts in `line`, or nil.
func displayColumn(of needle: String, in line: String) -> Int? {
    guard let r = line.range(of: needle) else { return nil }
    return displayWidth(String(line[..<r.lowerBound]))
}
