import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// End-to-end (issue 9, "the team on one store"): two podboard UIs in two tmux servers on one store file, as two
/// people (a store without logins: `--as`). The EM approves a submission; the other person's screen shows it
/// within a second (the message line says what it means for the Buyer's quota) while their own form stays open;
/// sending that form, typed on the stale screen, is refused naming who changed the request. Both quit; the store
/// on disk has each person's actions exactly once.
@Suite("two people on one store in two terminals (tmux)", .serialized)
struct TeamE2ETests {
    @Test("an approval in one UI reaches the other within 1 s; a reject typed on the stale screen says who approved; both actions on disk once")
    func twoPeopleOnOneStore() throws {
        let store = try StoryStore()
        defer { store.remove() }
        let json = try store.json()
        let people = json["people"] as? [[String: Any]] ?? []
        let accounts = json["accounts"] as? [[String: Any]] ?? []
        func pod(ofAccount id: String?) -> String? { accounts.first { $0["id"] as? String == id }?["pod"] as? String }
        func name(_ id: String) -> String { people.first { $0["id"] as? String == id }?["name"] as? String ?? id }
        // A submission waiting for approval, the EM of its POD (not its Buyer), and an admin who looks at it too.
        let candidates = (json["requests"] as? [[String: Any]] ?? []).compactMap { r -> (id: String, pod: String, buyer: String, em: String, savings: Double)? in
            guard r["status"] as? String == "pending-approval", let id = r["id"] as? String, let buyer = r["buyer"] as? String,
                  let pod = pod(ofAccount: r["account"] as? String),
                  let base = number((r["baseline"] as? [String: Any])?["amount"]), let final = number(r["final"]) else { return nil }
            let em = people.first { p in
                ((p["roles"] as? [String]) ?? []).contains("em") && ((p["pods"] as? [String]) ?? []).contains(pod) && p["id"] as? String != buyer
            }
            return (em?["id"] as? String).map { (id, pod, buyer, $0, base - final) }
        }
        let r = try #require(candidates.first, "the demo has a pending approval with an EM of its POD")
        let admin = try #require(people.first { ((($0["roles"] as? [String]) ?? []).contains("admin")) }?["id"] as? String, "the demo has an admin")
        let emName = name(r.em), adminName = name(admin)
        let activityBefore = try store.activity().count

        let em = StorySession(try Tmux(podboard: ["--store", store.path, "--as", r.em], cols: 120, rows: 40, cwd: store.dir))
        let other = StorySession(try Tmux(podboard: ["--store", store.path, "--as", admin, "--pod", r.pod], cols: 120, rows: 40, cwd: store.dir))
        defer { em.close(); other.close() }

        // The admin opens the request from the aging pane and starts rejecting it: note typed, confirmation shown.
        try other.t.waitFor(text: adminName, "q quit")
        try other.press("2")
        try other.t.waitFor(text: "Aging")
        try other.press("/")
        try other.type(r.id)
        try other.press("Enter")
        try other.t.waitFor(text: r.id)
        try other.press("Enter")
        try other.t.waitFor(text: r.id, "pending-approval")
        try other.press("N")
        try other.type("restate the savings for 24 months")
        try other.press("Enter")
        try other.t.waitFor(text: "Really reject savings \(r.id)?")

        // Meanwhile the EM approves it from the inbox.
        try em.t.waitFor(text: "Approvals inbox (")
        try em.select(r.id, under: "Approvals inbox (")
        try em.press("Y")
        try em.t.waitFor(text: "Really approve savings \(r.id)?")
        try em.press("y")
        try em.waitForMessage("\(r.id) approved")
        let approvedAt = Date()

        // Within a second the admin's screen names it, what it means for the Buyer, and keeps the open form.
        let headline = "\(emName) approved savings \(r.id): +\(usd(r.savings)) to \(name(r.buyer))'s quota"
        let seen = try other.t.waitFor("the approval on the other screen", timeout: 3) { s in other.message(s).contains(headline) }
        let delay = Date().timeIntervalSince(approvedAt)
        // The UI looks once a second; reading the screen (two equal captures 50 ms apart) adds a little.
        #expect(delay < 1.5, "the approval took \(delay) s to reach the other screen")
        #expect(seen.contains("Really reject savings \(r.id)?"), "the open form was closed by the update:\n\(seen)")

        // The reject, sent from that stale form, is refused with who changed the request and when.
        try other.press("y")
        let refused = try other.waitForMessage("\(r.id) was approved by \(emName) at 17:30")
        #expect(other.message(refused).contains("reject"), "the refusal says why: \(other.message(refused))")
        // The request on the admin's screen is approved now; the admin closes it, and the EM sees that live.
        try other.t.waitFor(text: "approved")
        try other.press("K")
        try other.waitForMessage("\(r.id)")
        try em.waitForMessage("\(adminName) closed \(r.id)", timeout: 3)

        try other.quit()
        try em.quit()
        #expect(!store.journalExists, "a journal is left after both quit")
        let added = try store.activity().dropFirst(activityBefore)
        #expect(added.map(StoryStore.summary) == [[r.em, "approve", r.id], [admin, "close", r.id]],
                "the store on disk: \(added.map(StoryStore.summary))")
        let ids = added.compactMap { $0["id"] as? String }
        #expect(ids.count == 2 && Set(ids).count == 2, "each action once, with its id: \(ids)")
        let seqs = added.compactMap { number($0["seq"]).map(Int.init) }
        #expect(seqs.count == 2 && seqs[1] == seqs[0] + 1, "in the order they were committed: \(seqs)")
        #expect(try store.request(r.id)["status"] as? String == "closed")
    }

    /// Issue 9's concurrency test with a UI among the writers: three `podboard act --batch` of 250 log-updates
    /// each and one UI in tmux typing 250 log-updates (n, the note, Enter) on one store at once; one batch writer,
    /// chosen at random, is killed with SIGKILL at a random moment. Every acknowledged action (the batches' "ok N
    /// ID" lines, the UI's updates) is in the store exactly once, the store validates, the activity log is in
    /// sequence order with no gap or repeat, and each writer's actions are in the order it made them.
    @Test("3 act --batch writers and a UI typing keys, 250 actions each, one writer killed -9: nothing acknowledged lost or doubled")
    func threeBatchesAndAUITypingOneKilled() throws {
        let started = Date()
        let store = try StoryStore()
        defer { store.remove() }
        let json = try store.json()
        // Negotiations with their Buyers: one per writer (the UI's is 3) and one shared by the batches.
        let negotiations = (json["requests"] as? [[String: Any]] ?? []).compactMap { r -> (id: String, buyer: String)? in
            guard r["status"] as? String == "negotiating", let id = r["id"] as? String, let b = r["buyer"] as? String else { return nil }
            return (id, b)
        }
        try #require(negotiations.count >= 5, "the demo has 5 negotiations")
        let ui = negotiations[3], shared = negotiations[4]
        let activityBefore = try store.activity().count
        func uiUpdates() throws -> Int {
            let log = try store.cli(["log", ui.id, "--format", "json"])
            return (log["rows"] as? [[String: Any]] ?? []).filter { $0["by"] as? String == ui.buyer && $0["action"] as? String == "log-update" }.count
        }
        let uiBase = try uiUpdates()

        // The UI, as the Buyer of its request, with the cursor on it at home.
        let app = StorySession(try Tmux(podboard: ["--store", store.path, "--as", ui.buyer], cols: 120, rows: 40, cwd: store.dir))
        defer { app.close() }
        try app.select(ui.id)

        // The three batch writers, each its own process, output to files (what was acknowledged survives a kill).
        var writers: [Process] = []
        for p in 0..<3 {
            let lines = (1...250).map { n -> String in
                let r = n % 5 == 0 ? shared : negotiations[p]
                return #"{"action": "log-update", "target": "\#(r.id)", "params": {"note": "p\#(p) n\#(n)"}, "as": "\#(r.buyer)"}"#
            }
            let batch = store.dir + "/batch-\(p).jsonl"
            try (lines.joined(separator: "\n") + "\n").write(toFile: batch, atomically: true, encoding: .utf8)
            let w = Process()
            // Fed line by line (a batch given all at once commits in groups and could end before the kill).
            w.executableURL = URL(fileURLWithPath: "/bin/bash")
            w.arguments = ["-c", "exec \"$0\" act --batch - --store \"$2\" --today \(Podboard.today) --at \(Podboard.today)T17:30:00+05:30 >\"$3\" 2>\"$4\" < <(while IFS= read -r l; do printf '%s\\n' \"$l\"; sleep 0.004; done < \"$1\")",
                           Podboard.binary, batch, store.path, batch + ".out", batch + ".err"]
            w.environment = Podboard.environment()
            writers.append(w)
        }
        for w in writers { try w.run() }
        // The UI types its 250 updates meanwhile, ten actions per tmux command; one batch writer is killed once
        // it has acknowledged a random number of actions.
        let victim = Int.random(in: 0..<3), killAfter = Int.random(in: 10...200)
        let victimOut = store.dir + "/batch-\(victim).jsonl.out"
        var typed = 0, killed = false
        let deadline = Date().addingTimeInterval(30)
        while (typed < 250 || (!killed && writers[victim].isRunning)) && Date() < deadline {
            if typed < 250 {
                let keys = (typed + 1...typed + 10).flatMap { ["n", "ui\($0)", "Enter"] }
                try app.t.run(["send-keys", "-t", app.t.target] + keys)
                typed += 10
            } else {
                usleep(2_000)
            }
            let out = (try? String(contentsOfFile: victimOut, encoding: .utf8)) ?? ""
            if !killed && out.split(separator: "\n").count >= killAfter {
                kill(writers[victim].processIdentifier, SIGKILL)
                killed = true
            }
        }
        for w in writers { w.waitUntilExit() }
        #expect(writers[victim].terminationReason == .uncaughtSignal, "writer \(victim) was killed (after \(killAfter) acknowledged)")
        for p in 0..<3 where p != victim {
            let err = (try? String(contentsOfFile: store.dir + "/batch-\(p).jsonl.err", encoding: .utf8)) ?? ""
            #expect(writers[p].terminationStatus == 0 && writers[p].terminationReason == .exit, "writer \(p): \(err)")
        }

        // The UI has committed its 250 updates (its screen says each is done; the log on disk counts them).
        let uiDeadline = Date().addingTimeInterval(40)
        var count = try uiUpdates()
        while count < uiBase + 250 && Date() < uiDeadline {
            usleep(200_000)
            count = try uiUpdates()
        }
        #expect(count == uiBase + 250, "the UI committed \(count - uiBase) of 250")
        try app.quit()

        let valid = try Podboard.runWithoutTerminal(["validate", store.path], cwd: store.dir)
        #expect(valid.status == 0, "the store validates: \(valid.stderr)")
        let activity = try store.activity()
        var seen: [String: Int] = [:]
        for a in activity { if let id = a["id"] as? String { seen[id, default: 0] += 1 } }
        var acked: [String] = []
        for p in 0..<3 {
            let out = (try? String(contentsOfFile: store.dir + "/batch-\(p).jsonl.out", encoding: .utf8)) ?? ""
            acked += out.split(separator: "\n").compactMap { l in
                let w = l.split(separator: " ")
                return w.count >= 3 && w[0] == "ok" ? String(w[2]) : nil
            }
        }
        #expect(acked.count >= 500 + killAfter, "\(acked.count) acknowledged by the batches")
        #expect(acked.filter { seen[$0] == nil }.isEmpty, "acknowledged actions missing from the store")
        #expect(acked.filter { (seen[$0] ?? 0) > 1 }.isEmpty, "acknowledged actions twice in the store")
        #expect(seen.values.allSatisfy { $0 == 1 }, "an action id twice in the store")
        let seqs = activity.compactMap { number($0["seq"]).map(Int.init) }
        #expect(seqs == Array(1...max(1, seqs.count)), "the activity log in sequence order, no gap or repeat")
        #expect(activity.count - activityBefore == seqs.count, "every new entry has its sequence number")

        // The UI's 250 updates, each once, in the order typed; each batch's own updates in the order sent.
        let updates = (try store.request(ui.id)["updates"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(updates.filter { $0.hasPrefix("ui") } == (1...250).map { "ui\($0)" }, "the UI's updates: \(updates.filter { $0.hasPrefix("ui") }.count) of 250, in order")
        for p in 0..<3 {
            let mine = (try store.request(negotiations[p].id)["updates"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.filter { $0.hasPrefix("p\(p) ") }
            let expected = (1...250).filter { $0 % 5 != 0 }.map { "p\(p) n\($0)" }
            #expect(Array(expected.prefix(mine.count)) == mine, "writer \(p) in order")
            if p != victim { #expect(mine.count == expected.count, "writer \(p): all of its updates") }
        }
        #expect(Date().timeIntervalSince(started) < 60, "took \(Date().timeIntervalSince(started)) s")
    }
}
