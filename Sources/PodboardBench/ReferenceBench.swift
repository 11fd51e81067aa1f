import Foundation

// `podboard-bench --table [--quick] [REQUESTS...]`: issue 10's table, podboard side by side with the tools a user
// could pick instead, on the same files (scripts/bench-setup.sh's cached demo stores), as Markdown.
//
// Every figure is the median of alternating runs (podboard, reference, podboard, reference, …), whole processes:
// - open → first frame: in tmux 120×40, from starting the program until its first screen is in `capture-pane`
//   (podboard: its header and the rows; VisiData: the sheet loaded, no progress left);
// - keystroke `j` → screen changed: from `send-keys j` until the captured screen differs (vs `less` on the file);
// - one `act log-update` vs `python3` json.load + append + atomic rewrite (fsync, rename) of the same file;
// - `act --batch` of 200 log-updates (actions/s) vs a script appending 200 fsynced JSON lines to a journal;
// - peak memory (max RSS from `/usr/bin/time -v`) of opening: podboard's UI vs VisiData and `python3` json.load.
// Nothing here runs in `swift test`.

/// What `--table` needs from the machine: the references and podboard's release binary.
struct ReferenceTools {
    var podboard: String
    var vd: String?
    var less: String?
    var tmux: String
    var python: String
    var time: String?

    static func find() -> ReferenceTools? {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let candidates = [ProcessInfo.processInfo.environment["PODBOARD_BIN"], here + "/podboard", ".build/release/podboard"]
        guard let podboard = candidates.compactMap({ $0 }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            say("podboard-bench --table: no podboard binary next to the bench (run scripts/bench-setup.sh) or in $PODBOARD_BIN\n")
            return nil
        }
        guard let tmux = which("tmux"), let python = which("python3") else {
            say("podboard-bench --table: tmux and python3 are needed (run scripts/bench-setup.sh)\n")
            return nil
        }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        let vd = which("vd") ?? (FileManager.default.isExecutableFile(atPath: home + "/.local/bin/vd") ? home + "/.local/bin/vd" : nil)
        let time = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil
        return ReferenceTools(podboard: URL(fileURLWithPath: podboard).path, vd: vd, less: which("less"), tmux: tmux, python: python, time: time)
    }

    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Runs a program and waits (posix_spawn and waitpid: Foundation's Process never saw the tmux client exit once
/// the client had forked the server); its standard output (and error, when asked) as text. `detached` for a
/// program that leaves a daemon behind: its output is dropped.
@discardableResult
func runProcess(_ exe: String, _ args: [String], errors: Bool = false, detached: Bool = false) -> (status: Int32, out: String) {
    let outPath = NSTemporaryDirectory() + "podboard-bench-out-\(getpid())"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, detached ? "/dev/null" : outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if errors && !detached { posix_spawn_file_actions_adddup2(&actions, 1, 2) }
    else { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
    let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, exe, &actions, nil, argv, environ) == 0 else { return (127, "cannot run \(exe)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    if detached { return (code, "") }
    let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    return (code, text)
}

private func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000 }

private func median(_ xs: [Double]) -> Double {
    let s = xs.filter { $0.isFinite }.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// One tmux server of its own (its own socket), a session of 120×40.
private final class Tmux {
    let exe: String
    let socket = "podboard-bench-\(getpid())"
    init(exe: String) {
        self.exe = exe
        runProcess(exe, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", "sleep 100000"], detached: true)
        runProcess(exe, ["-L", socket, "set-option", "-g", "status", "off"])
        runProcess(exe, ["-L", socket, "set-option", "-g", "default-size", "120x40"])
        runProcess(exe, ["-L", socket, "set-option", "-g", "remain-on-exit", "off"])
    }
    deinit { runProcess(exe, ["-L", socket, "kill-server"]) }

    /// Starts `command` in a new window of 120×40; its pane id.
    func start(_ command: String, env: [String: String] = [:]) -> String {
        var args = ["-L", socket, "new-window", "-d", "-P", "-F", "#{pane_id}", "-t", "bench"]
        for (k, v) in env { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        let pane = runProcess(exe, args).out.trimmingCharacters(in: .whitespacesAndNewlines)
        runProcess(exe, ["-L", socket, "resize-window", "-t", pane, "-x", "120", "-y", "40"])
        return pane
    }
    /// The pane's text; with `escapes`, its colours and attributes too (a selection moved by `j` may change only those).
    func capture(_ pane: String, escapes: Bool = false) -> String {
        runProcess(exe, ["-L", socket, "capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", pane]).out
    }
    func send(_ pane: String, _ keys: String...) { runProcess(exe, ["-L", socket, "send-keys", "-t", pane] + keys) }
    func kill(_ pane: String) { runProcess(exe, ["-L", socket, "kill-pane", "-t", pane]) }

    /// Polls the pane until `done` holds for its text; the time it held (or nil after `timeout` seconds).
    func waitFor(_ pane: String, timeout: Double = 120, escapes: Bool = false, _ done: (String) -> Bool) -> Double? {
        let limit = now() + timeout
        while now() < limit {
            let text = capture(pane, escapes: escapes)
            if done(text) { return now() }
            usleep(2000)
        }
        return nil
    }
}

/// Issue 10's table for the given sizes, printed as Markdown.
func referenceTable(sizes: [Int], runs: Int) {
    guard let tools = ReferenceTools.find() else { exit(1) }
    let cache = ProcessInfo.processInfo.environment["PODBOARD_BENCH_CACHE"]
        ?? (ProcessInfo.processInfo.environment["HOME"] ?? "/tmp") + "/.cache/podboard-bench"
    let work = NSTemporaryDirectory() + "podboard-bench-table-\(getpid())"
    try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    say("podboard-bench --table: tmux …\n")
    let tmux = Tmux(exe: tools.tmux)
    let vdVersion = tools.vd.map { runProcess($0, ["--version"], errors: true).out.split(separator: "\n").first.map(String.init) ?? "VisiData" } ?? "VisiData (missing)"

    var columns: [TableColumn] = []
    for n in sizes {
        let store = cache + "/store-\(n).json"
        if !FileManager.default.fileExists(atPath: store) {
            say("podboard-bench --table: generating \(store) (scripts/bench-setup.sh does it once)\n")
            try? FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            runProcess(tools.podboard, ["demo", "--out", store, "--requests", "\(n)", "--accounts", "\(max(3, n / 5))", "--seed", "1", "--today", "2026-11-23", "--force"])
        }
        say("podboard-bench --table: \(n) requests …\n")
        columns.append(measure(n: n, store: store, tools: tools, tmux: tmux, work: work, runs: runs))
    }
    printTable(columns, vd: vdVersion)
}

struct TableColumn {
    var requests: Int
    var megabytes: Double
    var openPodboard = Double.nan, openVD = Double.nan
    var keyPodboard = Double.nan, keyLess = Double.nan
    var actPodboard = Double.nan, actPython = Double.nan
    var batchPodboard = Double.nan, batchScript = Double.nan
    var rssPodboard = Double.nan, rssVD = Double.nan, rssPython = Double.nan
}

private func measure(n: Int, store: String, tools: ReferenceTools, tmux: Tmux, work: String, runs: Int) -> TableColumn {
    let size = (try? FileManager.default.attributesOfItem(atPath: store)[.size] as? Int) ?? 0
    var col = TableColumn(requests: n, megabytes: Double(size) / 1_048_576)
    // Who acts and on what: a Buyer's negotiation (log-update is theirs to do).
    let (buyer, target) = negotiation(store: store, python: tools.python)
    let ui = "\(sh(tools.podboard)) --store \(sh(store)) --today 2026-11-23" + (buyer.map { " --as \(sh($0))" } ?? "")
    // The UI only reads the store while no action is taken; a copy keeps the cache clean anyway.
    let uiStore = work + "/ui-\(n).json"
    copy(store, uiStore)
    let uiCmd = "\(sh(tools.podboard)) --store \(sh(uiStore)) --today 2026-11-23" + (buyer.map { " --as \(sh($0))" } ?? "")
    _ = ui

    say("  open …\n")
    // Open → first frame.
    var pb: [Double] = [], vd: [Double] = []
    for _ in 0..<runs {
        pb.append(openTime(tmux, uiCmd, ready: podboardReady) ?? .nan)
        if let v = tools.vd { vd.append(openTime(tmux, "\(sh(v)) \(sh(uiStore))", ready: vdReady) ?? .nan) }
    }
    col.openPodboard = median(pb); col.openVD = median(vd)

    say("  keys …\n")
    // Keystroke j → screen changed, 15 presses each, in two sessions open side by side.
    col.keyPodboard = keyTime(tmux, uiCmd, ready: podboardReady, first: ["1"], presses: 15 * max(1, runs / 3))
    if let less = tools.less {
        col.keyLess = keyTime(tmux, "\(sh(less)) -S \(sh(uiStore))", ready: { $0.contains("{") }, presses: 15 * max(1, runs / 3))
    }

    say("  act …\n")
    // One act log-update (whole process) vs python json.load + append + atomic rewrite.
    if let buyer, let target {
        let actStore = work + "/act-\(n).json", pyStore = work + "/py-\(n).json"
        copy(store, actStore); copy(store, pyStore)
        var a: [Double] = [], p: [Double] = []
        for i in 0..<runs {
            a.append(timed {
                let r = runProcess(tools.podboard, ["act", "log-update", target, "--note", "bench \(i)", "--as", buyer,
                                                    "--store", actStore, "--at", "2026-11-23T10:00:\(String(format: "%02d", i % 60))+05:30"], errors: true)
                if r.status != 0 { say("act log-update: \(r.out)") }
            })
            p.append(timed { runProcess(tools.python, ["-c", pythonRewrite, pyStore, target]) })
        }
        col.actPodboard = median(a); col.actPython = median(p)

        // act --batch of 200 vs a journal-append script of 200 fsynced lines.
        var lines = ""
        for i in 0..<200 {
            lines += "{\"action\": \"log-update\", \"target\": \"\(target)\", \"params\": {\"note\": \"batch \(i)\"}, \"at\": \"2026-11-23T11:\(String(format: "%02d:%02d", i / 60, i % 60))+05:30\"}\n"
        }
        let batchFile = work + "/batch.jsonl"
        try? lines.write(toFile: batchFile, atomically: true, encoding: .utf8)
        var b: [Double] = [], s: [Double] = []
        for _ in 0..<max(1, runs / 2) {
            let batchStore = work + "/batch-\(n).json"
            for suffix in ["", ".journal", ".bak", ".lock"] { try? FileManager.default.removeItem(atPath: batchStore + suffix) }
            copy(store, batchStore)
            b.append(200 / timed {
                let r = runProcess(tools.podboard, ["act", "--batch", batchFile, "--as", buyer, "--store", batchStore], errors: true)
                if r.status != 0 { say("act --batch: \(r.out.suffix(400))\n") }
            })
            let journal = work + "/script.journal"
            try? FileManager.default.removeItem(atPath: journal)
            s.append(200 / timed { runProcess(tools.python, ["-c", pythonJournal, journal, batchFile]) })
        }
        col.batchPodboard = median(b); col.batchScript = median(s)
    }

    // Peak memory of opening: max RSS of the process, after its first screen.
    if let time = tools.time {
        var r1: [Double] = [], r2: [Double] = [], r3: [Double] = []
        for _ in 0..<max(1, runs / 3) {
            r1.append(peakRSS(tmux, time: time, uiCmd, ready: podboardReady, quit: ["q"], work: work) ?? .nan)
            if let v = tools.vd { r2.append(peakRSS(tmux, time: time, "\(sh(v)) \(sh(uiStore))", ready: vdReady, quit: ["g", "q"], work: work) ?? .nan) }
            let out = work + "/rss-py.txt"
            runProcess(time, ["-v", "-o", out, tools.python, "-c", "import json,sys; json.load(open(sys.argv[1]))", uiStore])
            r3.append(maxRSS(out) ?? .nan)
        }
        col.rssPodboard = median(r1); col.rssVD = median(r2); col.rssPython = median(r3)
    }
    return col
}

/// podboard's first frame: the header and the footer are drawn (the footer's key hints come last).
private func podboardReady(_ text: String) -> Bool {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    return lines.count >= 3 && text.contains("REQ-")
}

/// VisiData's first screen: the sheet is on screen and its loader is done (no progress percentage left).
private func vdReady(_ text: String) -> Bool {
    guard text.contains("store-") || text.contains("ui-") else { return false }
    let last = text.split(separator: "\n").last.map(String.init) ?? ""
    // Loaded: the status line counts rows (at least one; its first frame says "0 rows" before the loader starts)
    // and shows no progress percentage.
    let words = last.split(separator: " ")
    guard let k = words.firstIndex(where: { $0.hasPrefix("row") }), k > 0, let rows = Int(words[k - 1]), rows > 0 else { return false }
    return !last.contains("%") && text.split(separator: "\n").count >= 3
}

private func openTime(_ tmux: Tmux, _ command: String, ready: (String) -> Bool) -> Double? {
    let start = now()
    let pane = tmux.start(command)
    defer { tmux.kill(pane) }
    guard let at = tmux.waitFor(pane, ready) else { return nil }
    return at - start
}

private func keyTime(_ tmux: Tmux, _ command: String, ready: (String) -> Bool, first: [String] = [], presses: Int) -> Double {
    let pane = tmux.start(command)
    defer { tmux.kill(pane) }
    guard tmux.waitFor(pane, ready) != nil else { return .nan }
    for k in first { tmux.send(pane, k); usleep(300_000) }
    usleep(300_000)
    var samples: [Double] = []
    for _ in 0..<presses {
        let before = tmux.capture(pane, escapes: true)
        let start = now()
        tmux.send(pane, "j")
        guard let at = tmux.waitFor(pane, timeout: 10, escapes: true, { $0 != before }) else { say("  `j` changed nothing on the screen\n"); break }
        samples.append(at - start)
        usleep(50_000)
    }
    return median(samples)
}

private func peakRSS(_ tmux: Tmux, time: String, _ command: String, ready: (String) -> Bool, quit: [String], work: String) -> Double? {
    let out = work + "/rss.txt"
    try? FileManager.default.removeItem(atPath: out)
    let pane = tmux.start("\(sh(time)) -v -o \(sh(out)) \(command)")
    guard tmux.waitFor(pane, ready) != nil else { tmux.kill(pane); return nil }
    usleep(300_000)
    for k in quit { tmux.send(pane, k); usleep(100_000) }
    let limit = now() + 30
    while now() < limit, (maxRSS(out) == nil) { usleep(50_000) }
    tmux.kill(pane)
    return maxRSS(out)
}

/// "Maximum resident set size (kbytes): N" from `/usr/bin/time -v`, in MB.
private func maxRSS(_ file: String) -> Double? {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.contains("Maximum resident set size") }),
          let kb = Double(line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) else { return nil }
    return kb / 1024
}

private func timed(_ body: () -> Void) -> Double {
    let start = now()
    body()
    return now() - start
}

private func copy(_ from: String, _ to: String) {
    try? FileManager.default.removeItem(atPath: to)
    try? FileManager.default.copyItem(atPath: from, toPath: to)
}

/// Shell quoting for tmux's command line.
private func sh(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// A Buyer with a negotiation in the store, and that request.
private func negotiation(store: String, python: String) -> (String?, String?) {
    let script = """
        import json, sys
        d = json.load(open(sys.argv[1]))
        for r in d["requests"]:
            if r.get("status") == "negotiating" and r.get("buyer"):
                print(r["buyer"], r["id"]); break
        """
    let out = runProcess(python, ["-c", script, store]).out.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    return out.count == 2 ? (out[0], out[1]) : (nil, nil)
}

/// The reference for one action: load the whole file, append an activity entry, write it back atomically.
private let pythonRewrite = """
    import json, os, sys
    f, target = sys.argv[1], sys.argv[2]
    d = json.load(open(f))
    for r in d["requests"]:
        if r["id"] == target:
            r.setdefault("activity", []).append({"at": "2026-11-23T10:00:00+05:30", "by": "bench", "action": "log-update", "note": "bench"})
            break
    tmp = f + ".tmp"
    with open(tmp, "w") as out:
        json.dump(d, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, f)
    """

/// The reference for a batch: append each of the 200 lines to a journal, fsynced one by one.
private let pythonJournal = """
    import os, sys
    journal, batch = sys.argv[1], sys.argv[2]
    with open(journal, "a") as out:
        for line in open(batch):
            out.write(line)
            out.flush()
            os.fsync(out.fileno())
    """

private func printTable(_ cols: [TableColumn], vd: String) {
    func sizeLabel(_ c: TableColumn) -> String {
        let n = c.requests >= 1000 ? "\(c.requests / 1000)k" : "\(c.requests)"
        return "\(n) requests (\(String(format: "%.1f", c.megabytes)) MB)"
    }
    func sec(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        return v < 1 ? String(format: "%.0f ms", v * 1000) : String(format: "%.2f s", v)
    }
    func msFine(_ v: Double) -> String { v.isFinite ? String(format: "%.1f ms", v * 1000) : "–" }
    func rate(_ v: Double) -> String { v.isFinite ? String(format: "%.0f actions/s", v) : "–" }
    func mb(_ v: Double, _ c: TableColumn) -> String {
        v.isFinite ? String(format: "%.0f MB (%.1f× the file)", v, v / max(c.megabytes, 0.001)) : "–"
    }
    func refs(_ f: (TableColumn) -> String) -> String { cols.map(f).joined(separator: " / ") }
    let short = vd.replacingOccurrences(of: "saul.pw/", with: "")
    var rows: [[String]] = []
    rows.append(["open → first frame (tmux 120×40)"] + cols.map { sec($0.openPodboard) } + ["\(short): " + refs { sec($0.openVD) }])
    rows.append(["keystroke `j` → screen changed"] + cols.map { msFine($0.keyPodboard) } + ["`less`: " + refs { msFine($0.keyLess) }])
    rows.append(["`act log-update` (one action, whole process)"] + cols.map { sec($0.actPodboard) }
                 + ["Python json.load + append + atomic rewrite: " + refs { sec($0.actPython) }])
    rows.append(["`act --batch` of 200 actions"] + cols.map { rate($0.batchPodboard) } + ["journal-append script: " + refs { rate($0.batchScript) }])
    rows.append(["peak memory (open)"] + cols.map { mb($0.rssPodboard, $0) }
                 + ["\(short): " + refs { mb($0.rssVD, $0) } + "; Python json.load: " + refs { mb($0.rssPython, $0) }])
    // Issue 10's goals, one per row.
    let goals = ["≤ 0.3 s at 10k, ≤ 3 s at 100k, ≥ 3× ahead of VisiData", "p99 ≤ 16 ms at any size",
                 "no slower than Python's json.load alone", "≥ 500 actions/s at 10k", "≤ 3× the file at 100k"]
    print("| what | " + cols.map(sizeLabel).joined(separator: " | ") + " | reference (" + cols.map { "\($0.requests / 1000)k" }.joined(separator: " / ") + ") | goal |")
    print("| --- | " + cols.map { _ in "---" }.joined(separator: " | ") + " | --- | --- |")
    for (r, g) in zip(rows, goals) { print("| " + r.joined(separator: " | ") + " | \(g) |") }
}

/// A progress or problem line on standard error (the table alone goes to standard output).
private func say(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
