import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// End-to-end: the three workflow stories (analyst → Buyer → Engagement Manager) on one request of the demo store,
/// driven by keys only in the built `podboard` in tmux, read from the screen, then checked in the store file on
/// disk (parsed, and through `podboard report` / `podboard log`). Each test has a store of its own in a temp dir.
@Suite("workflow stories in a terminal (tmux)", .serialized)
struct WorkflowStoriesE2ETests {
    static let request = "REQ-1088"

    // MARK: - The three stories, one after the other, on one store

    @Test("analyst qualifies and hands over, Buyer negotiates and submits, EM approves; every step lands on disk")
    func analystBuyerEngagementManager() throws {
        let store = try StoryStore()
        defer { store.remove() }
        let id = Self.request

        // Preconditions from the demo (if these move, the stories below are not testing what they say).
        let start = try store.request(id)
        try #require(start["status"] as? String == "new" && start["analyst"] as? String == "omar" && start["baseline"] == nil,
                     "\(id) in the demo store is not a new request of omar without a baseline: \(start)")
        try #require(!(try store.hasReview(by: "omar")), "the demo store already has omar's review of today")

        // 1. Analyst (omar): review the aging, baseline, qualify, hand over to Ben.
        var activityCount = try store.activity().count
        do {
            let app = try store.open(as: "omar")
            defer { app.close() }
            try app.t.waitFor(text: "Omar Farouk", "q quit", "Triage", "aging not reviewed today (v marks it)")
            try app.press("v")
            var s = try app.t.waitFor(text: "aging reviewed today ✓")
            #expect(!s.contains("aging not reviewed today"), "both triage states shown:\n\(s)")
            #expect(app.message(s).contains("aging marked reviewed for 2026-11-23"), "message after v:\n\(s)")

            try app.select(id, under: "Yours to qualify (")
            try app.press("B")
            try app.t.waitFor(text: "Set the baseline: \(id)", "Annual baseline", "Basis")
            try app.type("12000")
            try app.press("Tab")
            try app.press("f")
            s = try app.t.waitFor(text: "‹ first-quote ›", "12000")
            try app.press("Enter")
            s = try app.waitForMessage("\(id): baseline set")
            #expect(!s.contains("Set the baseline"), "the form stayed open:\n\(s)")

            try app.press("Q")
            s = try app.waitForMessage("\(id) qualified")
            #expect(app.ids(under: "Qualified: hand over to a Buyer (", in: s).contains(id),
                    "\(id) is not under Qualified: hand over to a Buyer:\n\(s)")
            #expect(!app.ids(under: "Yours to qualify (", in: s).contains(id), "\(id) still under Yours to qualify:\n\(s)")

            try app.select(id, under: "Qualified: hand over to a Buyer (")
            try app.press("H")
            s = try app.t.waitFor(text: "Hand over to a Buyer: \(id)", "Buyer", "Note")
            try app.pick("Ben Okafor", in: s)
            #expect(try app.t.capture().contains(" negotiating ›"), "the Buyer picker shows workloads")
            try app.press("Enter")   // to the optional note
            try app.press("Enter")   // submit
            s = try app.waitForMessage("\(id) handed over to Ben Okafor")
            #expect(!s.contains("Hand over to a Buyer:"), "the form stayed open:\n\(s)")
            #expect(!app.ids(under: "Qualified: hand over to a Buyer (", in: s).contains(id), "\(id) still to hand over:\n\(s)")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        var r = try store.request(id)
        #expect(r["status"] as? String == "negotiating", "status on disk: \(r["status"] ?? "nil")")
        #expect(r["buyer"] as? String == "ben", "buyer on disk: \(r["buyer"] ?? "nil")")
        let baseline = r["baseline"] as? [String: Any]
        #expect(number(baseline?["amount"]) == 12000 && baseline?["basis"] as? String == "first-quote", "baseline on disk: \(baseline ?? [:])")
        let lastReviews = try store.reviews().suffix(3)
        #expect(try store.hasReview(by: "omar"), "no aging review by omar on \(Podboard.today) on disk: \(lastReviews)")
        var added = try store.activity().dropFirst(activityCount).map(StoryStore.summary)
        #expect(added == [["omar", "mark-reviewed", Podboard.today], ["omar", "set-baseline", id], ["omar", "qualify", id],
                          ["omar", "hand-over", id]], "activity added by the analyst: \(added)")
        let log = try store.cli(["log", id, "--format", "json"])
        let logged = (log["rows"] as? [[String: Any]] ?? []).map(StoryStore.summary)
        for action in ["set-baseline", "qualify", "hand-over"] {
            #expect(logged.contains(["omar", action, id]), "podboard log \(id) has no \(action) by omar: \(logged)")
        }

        // 2. Buyer (ben): two quotes from two sources, an update, the final price, submit; may not approve it.
        activityCount = try store.activity().count
        do {
            let app = try store.open(as: "ben")
            defer { app.close() }
            var s = try app.t.waitFor(text: "Ben Okafor", "q quit", "My negotiations (")
            #expect(app.ids(under: "My negotiations (", in: s).contains(id), "\(id) is not under My negotiations:\n\(s)")
            try app.select(id, under: "My negotiations (")

            try app.press("+")
            s = try app.t.waitFor(text: "Add a quote: \(id)", "From", "Source", "Annual amount")
            try app.type("Okta")
            try app.press("Tab")
            s = try app.t.waitFor(text: "‹ vendor ›")
            try app.press("Tab")
            try app.type("11000")
            try app.t.waitFor(text: "11000")
            try app.press("Enter")
            s = try app.waitForMessage("\(id): quote from Okta added")
            #expect(!s.contains("Add a quote:"), "the form stayed open:\n\(s)")

            try app.press("+")
            try app.t.waitFor(text: "Add a quote: \(id)")
            try app.type("SHI")
            try app.press("Tab")
            try app.press("r")
            try app.t.waitFor(text: "‹ reseller ›")
            try app.press("Tab")
            try app.type("10200.50")
            try app.t.waitFor(text: "10200.50")
            try app.press("Enter")
            s = try app.waitForMessage("\(id): quote from SHI added")
            let row = s.lines.first { $0.contains(id) } ?? ""
            #expect(row.contains("quotes 2/2") && !row.contains("missing"), "the row does not count two sources: \(row)\n\(s)")

            try app.press("n")
            try app.t.waitFor(text: "Log an update: \(id)", "Update")
            try app.type("Reseller beat the vendor")
            try app.press("Enter")
            try app.waitForMessage("\(id): update logged")

            try app.press("F")
            try app.t.waitFor(text: "Set the final price: \(id)", "Final annual price")
            try app.type("10200.50")
            try app.t.waitFor(text: "10200.50")
            try app.press("Enter")
            s = try app.t.waitFor("the final price to be set") { s in
                let m = app.message(s)
                return m.hasPrefix(" \(id)") && m.contains("final price") && !s.contains("Set the final price:")
            }

            try app.press("S")
            try app.t.waitFor(text: "Really submit savings \(id)?", "benchmark")
            try app.press("y")
            s = try app.waitForMessage("\(id): savings submitted for approval")
            #expect(app.ids(under: "Waiting for approval (", in: s).contains(id), "\(id) is not waiting for approval:\n\(s)")
            #expect(!app.ids(under: "My negotiations (", in: s).contains(id), "\(id) still under My negotiations:\n\(s)")

            // The Buyer may not approve his own submission: refused with the reason, no confirmation.
            try app.select(id, under: "Waiting for approval (")
            try app.press("Y")
            s = try app.waitForMessage("Engagement Manager")
            #expect(app.message(s).contains(id), "the refusal does not name \(id): \(app.message(s))")
            #expect(!s.contains("Really approve") && !s.contains("Approve savings:"), "a confirmation opened for the Buyer:\n\(s)")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        r = try store.request(id)
        #expect(r["status"] as? String == "pending-approval", "status on disk: \(r["status"] ?? "nil")")
        let quotes = r["quotes"] as? [[String: Any]] ?? []
        #expect(quotes.count == 2, "quotes on disk: \(quotes)")
        #expect(Set(quotes.compactMap { $0["source"] as? String }) == ["vendor", "reseller"], "quote sources on disk: \(quotes)")
        #expect(quotes.contains { $0["from"] as? String == "Okta" && $0["source"] as? String == "vendor" && number($0["amount"]) == 11000 },
                "no vendor quote from Okta of 11000: \(quotes)")
        #expect(quotes.contains { $0["from"] as? String == "SHI" && $0["source"] as? String == "reseller" && number($0["amount"]) == 10200.5 },
                "no reseller quote from SHI of 10200.5: \(quotes)")
        #expect(number(r["final"]) == 10200.5, "final on disk: \(r["final"] ?? "nil")")
        let updates = r["updates"] as? [[String: Any]] ?? []
        #expect(updates.contains { $0["by"] as? String == "ben" && $0["text"] as? String == "Reseller beat the vendor" }, "updates: \(updates)")
        added = try store.activity().dropFirst(activityCount).map(StoryStore.summary)
        #expect(added == [["ben", "add-quote", id], ["ben", "add-quote", id], ["ben", "log-update", id], ["ben", "set-final", id],
                          ["ben", "submit-savings", id]], "activity added by the Buyer (nothing for the refused Y): \(added)")

        // 3. Engagement Manager (arjun): the checklist, approve, and the Buyer's quota rises by the savings.
        let before = try store.quota(of: "ben")
        activityCount = try store.activity().count
        var kpiScreen = Screen(lines: [])
        do {
            let app = try store.open(as: "arjun")
            defer { app.close() }
            var s = try app.t.waitFor(text: "Arjun Mehta", "q quit", "Approvals inbox (")
            #expect(app.ids(under: "Approvals inbox (", in: s).contains(id), "\(id) is not in the approvals inbox:\n\(s)")
            try app.select(id, under: "Approvals inbox (")
            s = try app.t.waitFor(text: "Checklist for \(id)")
            let quotesLine = s.lines.first { $0.contains("Quotes ") && $0.contains("sources") } ?? ""
            #expect(quotesLine.contains("✓ Quotes") && quotesLine.contains("2 from 2 sources (reseller, vendor)"),
                    "checklist quotes line: \(quotesLine)\n\(s)")
            let savingsLine = s.lines.first { $0.contains("Savings ") && $0.contains("a year") } ?? ""
            #expect(savingsLine.contains("✓ Savings") && savingsLine.contains("USD 1,799.50 a year (15.0%)"),
                    "checklist savings line: \(savingsLine)\n\(s)")
            let quotaLine = s.lines.first { $0.contains("Buyer's quota") } ?? ""
            let expectedQuota = "Ben Okafor: \(usd(before.amount)) → \(usd(before.amount + 1799.5))"
            #expect(quotaLine.contains("• Buyer's quota") && quotaLine.contains(expectedQuota),
                    "checklist quota line: \(quotaLine)\nexpected it to contain: \(expectedQuota)\n\(s)")

            try app.press("Y")
            s = try app.t.waitFor(text: "Really approve savings \(id)?", "y yes", "n no")
            try app.press("y")
            s = try app.waitForMessage("\(id) approved")
            #expect(!s.contains("Really approve"), "the confirmation stayed open:\n\(s)")
            #expect(!app.ids(under: "Approvals inbox (", in: s).contains(id), "\(id) still in the approvals inbox:\n\(s)")

            try app.press("4")
            kpiScreen = try app.t.waitFor(text: "KPIs 2026-Q4", "Buyer: Ben Okafor", "Savings quota 2026-Q4")
            #expect(!kpiScreen.contains("Approvals inbox"), "the home pane is still shown:\n\(kpiScreen)")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        r = try store.request(id)
        #expect(r["status"] as? String == "approved", "status on disk: \(r["status"] ?? "nil")")
        added = try store.activity().dropFirst(activityCount).map(StoryStore.summary)
        #expect(added == [["arjun", "approve", id]], "activity added by the EM: \(added)")
        let after = try store.quota(of: "ben")
        #expect(after.amount - before.amount == 1799.5, "buyer.quota of ben: \(before.amount) → \(after.amount), expected +1799.5")
        // The KPI pane showed Ben's quota gauge with the share after the approval.
        if let i = kpiScreen.lines.firstIndex(where: { $0.contains("Buyer: Ben Okafor") }) {
            let gauge = kpiScreen.line(i + 1)
            let percent = String(format: "%.1f%%", after.amount / after.target * 100)
            #expect(gauge.contains("Savings quota 2026-Q4") && gauge.contains(percent),
                    "Ben's quota gauge: \(gauge) (expected \(percent))\n\(kpiScreen)")
        }
    }

    // MARK: - A Buyer may not approve

    @Test("a Buyer's Y on his own submission is refused with the reason; no confirmation, nothing written")
    func buyerMayNotApprove() throws {
        let store = try StoryStore()
        defer { store.remove() }
        // REQ-1071 waits for approval in the demo store, submitted by ben.
        let id = "REQ-1071"
        let start = try store.request(id)
        try #require(start["status"] as? String == "pending-approval" && start["buyer"] as? String == "ben",
                     "\(id) in the demo store is not ben's submission waiting for approval: \(start)")
        let before = try store.bytes()
        do {
            let app = try store.open(as: "ben")
            defer { app.close() }
            let home = try app.t.waitFor(text: "Ben Okafor", "q quit", "Waiting for approval (")
            #expect(app.ids(under: "Waiting for approval (", in: home).contains(id), "\(id) is not waiting for approval:\n\(home)")
            try app.select(id, under: "Waiting for approval (")
            try app.press("Y")
            let s = try app.waitForMessage("Engagement Manager")
            #expect(app.message(s).contains("may not approve") && app.message(s).contains(id), "refusal: \(app.message(s))")
            #expect(!s.contains("Really approve") && !s.contains("Approve savings:"), "a confirmation opened for the Buyer:\n\(s)")
            // And y afterwards confirms nothing.
            try app.press("y")
            let refusal = app.message(s)
            let after = try app.t.waitFor("y to be taken") { app.message($0) != refusal }
            #expect(!after.contains("\(id) approved"), "y after the refusal approved \(id):\n\(after)")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        #expect(try store.bytes() == before, "the store file changed although the approval was refused")
        #expect(try store.request(id)["status"] as? String == "pending-approval")
    }

    // MARK: - 4. Esc leaves a form without a change

    @Test("Esc in a form: cancelled, nothing changed, the store file byte for byte as it was")
    func escapeCancelsAForm() throws {
        let store = try StoryStore()
        defer { store.remove() }
        let id = Self.request
        let before = try store.bytes()
        do {
            let app = try store.open(as: "omar")
            defer { app.close() }
            try app.t.waitFor(text: "Omar Farouk", "q quit", "Triage")
            try app.select(id, under: "Yours to qualify (")
            try app.press("B")
            try app.t.waitFor(text: "Set the baseline: \(id)", "Annual baseline")
            try app.type("999")
            try app.t.waitFor(text: "999")
            try app.press("Escape")
            let s = try app.waitForMessage("cancelled: nothing changed")
            #expect(!s.contains("Set the baseline") && !s.contains("999"), "the form is still shown:\n\(s)")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        #expect(try store.bytes() == before, "the store file changed although the form was cancelled")
    }

    // MARK: - 5. Killed: nothing acknowledged is lost

    @Test("kill -9 after v: the review is in podboard log, on the home when opened again, and in the file after q")
    func killedKeepsWhatWasAcknowledged() throws {
        let store = try StoryStore()
        defer { store.remove() }
        try #require(!(try store.hasReview(by: "omar")), "the demo store already has omar's review of today")
        do {
            let app = try store.open(as: "omar")
            defer { app.close() }
            try app.t.waitFor(text: "Omar Farouk", "q quit", "aging not reviewed today (v marks it)")
            try app.press("v")
            try app.t.waitFor(text: "aging reviewed today ✓")
            let pid = try #require(pid_t(try app.t.format("#{pane_pid}")), "no pane pid")
            if let cmdline = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) {
                try #require(cmdline.contains(store.path), "pane pid \(pid) is not this podboard: \(cmdline)")
            }
            #expect(kill(pid, SIGKILL) == 0, "kill -9 \(pid): \(String(cString: strerror(errno)))")
            #expect(storyWaitForExit(pid), "podboard (pid \(pid)) still runs after kill -9")
        }
        let log = try store.cli(["log", "--format", "json"])
        let logged = (log["rows"] as? [[String: Any]] ?? []).map(StoryStore.summary)
        #expect(logged.contains(["omar", "mark-reviewed", Podboard.today]),
                "podboard log after kill -9 has no mark-reviewed by omar: \(logged.suffix(5))")
        do {
            let app = try store.open(as: "omar")
            defer { app.close() }
            let s = try app.t.waitFor(text: "Omar Farouk", "q quit", "Triage")
            #expect(s.contains("aging reviewed today ✓") && !s.contains("aging not reviewed today"),
                    "the review made before kill -9 is not on the home:\n\(s)")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        #expect(try store.hasReview(by: "omar"), "the store file has no review by omar after q")
        let activity = try store.activity().map(StoryStore.summary)
        #expect(activity.filter { $0 == ["omar", "mark-reviewed", Podboard.today] }.count == 1,
                "mark-reviewed by omar in the file's activity: \(activity.suffix(5))")
    }
}

// MARK: - The store of one test

/// A number from parsed JSON, as a Double.
func number(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue }

/// "USD 11,296", "USD 13,095.50": money as podboard shows it (cents only when there are any).
func usd(_ amount: Double) -> String {
    let cents = Int((amount * 100).rounded())
    let whole = String(cents / 100)
    var grouped = ""
    for (i, ch) in whole.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
    }
    let frac = cents % 100
    return "USD " + String(grouped.reversed()) + (frac == 0 ? "" : String(format: ".%02d", frac))
}

/// Waits until a process has ended (gone, or a zombie not yet reaped).
func storyWaitForExit(_ pid: pid_t, timeout: Double = 5) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if kill(pid, 0) != 0 { return true }
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let paren = stat.lastIndex(of: ")") {
            let state = stat[paren...].dropFirst(2).first
            if state == "Z" || state == "X" { return true }
        }
        if Date() >= deadline { return false }
        usleep(20_000)
    }
}

/// The demo store, written by the binary into a new temp dir, and ways to read it back.
struct StoryStore {
    let dir: String
    var path: String { dir + "/store.json" }
    var journal: String { path + ".journal" }
    var journalExists: Bool { FileManager.default.fileExists(atPath: journal) }

    init(sourceLocation: SourceLocation = #_sourceLocation) throws {
        dir = Podboard.tempDir()
        let made = try Podboard.runWithoutTerminal(["demo", "--out", dir + "/store.json", "--today", Podboard.today], cwd: dir)
        try #require(made.status == 0, "podboard demo: \(made.stderr)", sourceLocation: sourceLocation)
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: bytes()) as? [String: Any], "the store file is not a JSON object")
    }

    func request(_ id: String) throws -> [String: Any] {
        let requests = try json()["requests"] as? [[String: Any]] ?? []
        return try #require(requests.first { $0["id"] as? String == id }, "\(id) is not in the store file")
    }

    func activity() throws -> [[String: Any]] { try json()["activity"] as? [[String: Any]] ?? [] }
    func reviews() throws -> [[String: Any]] { try json()["reviews"] as? [[String: Any]] ?? [] }

    /// The person's aging review of today is in the store file.
    func hasReview(by person: String) throws -> Bool {
        try reviews().contains { $0["by"] as? String == person && $0["on"] as? String == Podboard.today && $0["kind"] as? String == "aging" }
    }

    /// An activity entry (or a `podboard log` row) as [by, action, target].
    static func summary(_ e: [String: Any]) -> [String] {
        [e["by"] as? String ?? "?", e["action"] as? String ?? "?", e["target"] as? String ?? "?"]
    }

    /// Runs `podboard ARGS --store STORE --today TODAY` without a terminal and parses its JSON output.
    func cli(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let r = try Podboard.runWithoutTerminal(args + ["--store", path, "--today", Podboard.today], cwd: dir)
        try #require(r.status == 0, "podboard \(args.joined(separator: " ")): status \(r.status), \(r.stderr)", sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any],
                            "podboard \(args.joined(separator: " ")) printed no JSON object", sourceLocation: sourceLocation)
    }

    /// The `buyer.quota` KPI of a Buyer from `podboard report kpi --person`: the amount and the target amount.
    func quota(of person: String) throws -> (amount: Double, target: Double) {
        let report = try cli(["report", "kpi", "--person", person, "--format", "json"])
        let kpis = report["kpis"] as? [[String: Any]] ?? []
        let q = try #require(kpis.first { $0["id"] as? String == "buyer.quota" && $0["scope"] as? String == person },
                             "no buyer.quota for \(person): \(kpis)")
        return (try #require(number(q["amount"]), "buyer.quota has no amount: \(q)"),
                try #require(number(q["targetAmount"]), "buyer.quota has no targetAmount: \(q)"))
    }

    /// podboard on this store as `person`, 120x40, in a tmux of its own.
    func open(as person: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> StorySession {
        StorySession(try Tmux(podboard: ["--store", path, "--as", person], cols: 120, rows: 40, cwd: dir, sourceLocation: sourceLocation))
    }
}

// MARK: - podboard in tmux, as one person

final class StorySession {
    let t: Tmux

    init(_ t: Tmux) { self.t = t }

    func close() { t.close() }
    func press(_ keys: String...) throws { for k in keys { try t.press(k) } }
    func type(_ text: String) throws { try t.type(text) }

    /// The message line: the second-to-last row.
    func message(_ s: Screen) -> String { s.line(s.lines.count - 2) }

    @discardableResult
    func waitForMessage(_ text: String, timeout: Double = 5) throws -> Screen {
        try t.waitFor("the message line to say \"\(text)\"", timeout: timeout) { [self] s in message(s).contains(text) }
    }

    /// The request rows of the home pane: (screen line, request id).
    func requestRows(_ s: Screen) -> [(line: Int, id: String)] {
        s.lines.enumerated().compactMap { i, l in
            guard l.range(of: #"^ {2,4}REQ-\d+ "#, options: .regularExpression) != nil else { return nil }
            return (i, String(l.split(separator: " ").first ?? ""))
        }
    }

    /// The request rows right under the section whose line contains `section`.
    func rowsUnder(_ section: String, in s: Screen) -> [(line: Int, id: String)] {
        guard let top = s.lines.firstIndex(where: { $0.contains(section) }) else { return [] }
        var out: [(line: Int, id: String)] = []
        let rows = requestRows(s)
        var line = top + 1
        while let r = rows.first(where: { $0.line == line }) {
            out.append(r)
            line += 1
        }
        return out
    }

    func ids(under section: String, in s: Screen) -> [String] { rowsUnder(section, in: s).map(\.id) }

    /// Moves the cursor to `id` (the row under `section`, else its first row) with g and j, and waits until that
    /// row is the highlighted one.
    func select(_ id: String, under section: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let s = try t.waitFor(text: "q quit")
        let rows = requestRows(s)
        let candidates = section.map { rowsUnder($0, in: s) } ?? rows
        let target = try #require(candidates.first { $0.id == id }, "\(id) is not on the home pane\(section.map { " under \($0)" } ?? ""):\n\(s)",
                                  sourceLocation: sourceLocation)
        let index = try #require(rows.firstIndex { $0.line == target.line })
        try press("g")
        for _ in 0..<index { try press("j") }
        // Exactly that row highlighted (not a screen where every row looks highlighted).
        let rowLines = Set(rows.map(\.line))
        try t.waitFor("\(id) on line \(target.line) to be the one selected row") { [self] _ in
            try highlightedLines().filter { rowLines.contains($0) } == [target.line]
        }
    }

    /// The screen lines that start on a coloured or reversed background (the selected row), from `capture-pane -e`.
    func highlightedLines() throws -> [Int] {
        let raw = try t.run(["capture-pane", "-p", "-e", "-t", t.target])
        var bg = false, reverse = false
        var out: [Int] = []
        func sgr(_ params: String) {
            var p = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            if p.isEmpty { p = [0] }
            var i = 0
            while i < p.count {
                switch p[i] {
                case 0: bg = false; reverse = false
                case 7: reverse = true
                case 27: reverse = false
                case 40...47, 100...107: bg = true
                case 49: bg = false
                case 38, 48:
                    if p[i] == 48 { bg = true }
                    if i + 1 < p.count { i += p[i + 1] == 5 ? 2 : (p[i + 1] == 2 ? 4 : 0) }
                default: break
                }
                i += 1
            }
        }
        for (n, line) in raw.components(separatedBy: "\n").enumerated() {
            let u = Array(line.unicodeScalars)
            var k = 0
            var first: Bool? = nil
            while k < u.count {
                if u[k] == "\u{1B}" {
                    if k + 1 < u.count && u[k + 1] == "[" {
                        var j = k + 2
                        var params = ""
                        while j < u.count && !(0x40...0x7E).contains(u[j].value) { params.unicodeScalars.append(u[j]); j += 1 }
                        if j < u.count && u[j] == "m" { sgr(params) }
                        k = j + 1
                    } else if k + 1 < u.count && u[k + 1] == "]" {
                        var j = k + 2
                        while j < u.count && u[j] != "\u{07}" && u[j] != "\u{1B}" { j += 1 }
                        k = j < u.count && u[j] == "\u{1B}" ? j + 2 : j + 1
                    } else {
                        k += 2
                    }
                    continue
                }
                if first == nil { first = bg || reverse }
                k += 1
            }
            if first == true { out.append(n) }
        }
        return out
    }

    /// On a picker showing `‹ choice ›`: presses → (then ←) until `choice` is shown.
    func pick(_ choice: String, in screen: Screen, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // A person picker shows the workload after the name: "‹ Ben Okafor — 7 negotiating ›".
        let wanted = "‹ \(choice) ›"
        func shows(_ s: Screen) -> Bool { s.contains(wanted) || s.contains("‹ \(choice) — ") }
        if shows(screen) { return }
        for key in ["Right", "Left"] {
            for _ in 0..<8 {
                let before = try t.capture()
                try press(key)
                // At either end the picker does not move: then try the other way.
                guard let s = try? t.waitFor("the picker to move", timeout: 1, { $0.lines != before.lines }) else { break }
                if shows(s) { return }
            }
        }
        Issue.record("the picker never showed \(wanted):\n\(try t.capture())", sourceLocation: sourceLocation)
    }

    /// q, then waits for podboard to end (so that everything it writes on the way out is on disk).
    func quit(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pid = t.programPid
        try press("q")
        if let pid {
            #expect(storyWaitForExit(pid), "podboard (pid \(pid)) still runs 5 s after q", sourceLocation: sourceLocation)
        }
        t.close()
    }
}
