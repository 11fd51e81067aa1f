import Foundation
import Testing
import PodboardCore
#if canImport(Glibc)
import Glibc
#endif

// `podboard act` and `podboard log`, run as a binary on a demo store written by `podboard demo --out F
// --today 2026-11-23`. People: omar (analyst, south), ben (Buyer, south), arjun (EM, south).
// REQ-1088: a `new` request of cafe-ole (POD south), assigned to omar, without a baseline.

@Suite("podboard act and podboard log", .serialized)
struct ActCommandTests {
    /// Story 1 (the analyst), story 2 (the Buyer), story 3 (the EM), each step checked on disk.
    @Test func theThreeStoriesByPodboardAct() throws {
        let s = try ActStore()
        let start = try s.load()
        #expect(start.request("REQ-1088")?.status == .new)
        #expect(start.request("REQ-1088")?.baseline == nil)

        // 1. omar reviews today's aging, sets the baseline, qualifies and hands over to ben.
        var st = try s.must(["mark-reviewed", "today"], as: "omar", target: "2026-11-23")
        #expect(st.reviews.filter { $0.on == LocalDate("2026-11-23")! && $0.by == "omar" && $0.kind == "aging" }.count == 1)
        st = try s.must(["set-baseline", "REQ-1088", "--amount", "12000", "--basis", "first-quote", "--at", "2026-11-23T10:01:00+05:30"], as: "omar", target: "REQ-1088")
        var r = try #require(st.request("REQ-1088"))
        #expect(r.baseline?.amount == Decimal(12000))
        #expect(r.baseline?.basis == .firstQuote)
        #expect(r.status == .new)
        #expect(r.history.isEmpty, "no status change, no history entry")
        st = try s.must(["qualify", "REQ-1088", "--at", "2026-11-23T10:00:00+05:30"], as: "omar", target: "REQ-1088")
        r = try #require(st.request("REQ-1088"))
        #expect(r.status == .qualified)
        #expect(r.history.count == 1)
        #expect(r.history.last?.by == "omar" && r.history.last?.from == .new && r.history.last?.to == .qualified)
        st = try s.must(["hand-over", "REQ-1088", "--person", "ben", "--at", "2026-11-23T10:30:00+05:30"], as: "omar", target: "REQ-1088")
        r = try #require(st.request("REQ-1088"))
        #expect(r.status == .negotiating)
        #expect(r.buyer == "ben")
        #expect(r.history.last?.by == "omar" && r.history.last?.from == .qualified && r.history.last?.to == .negotiating)

        // 2. ben: two quotes from different sources, an update, the final price, savings submitted.
        st = try s.must(["add-quote", "REQ-1088", "--from", "Okta", "--source", "vendor", "--amount", "11500", "--at", "2026-11-23T10:04:00+05:30"], as: "ben", target: "REQ-1088")
        st = try s.must(["add-quote", "REQ-1088", "--from", "SoftwareOne", "--source", "reseller", "--amount", "10250.75", "--at", "2026-11-23T10:05:00+05:30"], as: "ben", target: "REQ-1088")
        r = try #require(st.request("REQ-1088"))
        #expect(r.quotes.map(\.from) == ["Okta", "SoftwareOne"])
        #expect(r.quotes.map(\.source) == [.vendor, .reseller])
        #expect(r.quotes.map(\.amount) == [Decimal(11500), Decimal(string: "10250.75")!])
        st = try s.must(["log-update", "REQ-1088", "--note", "Counter at 9.8k sent; reseller matching", "--at", "2026-11-23T23:50:00+05:30"],
                        as: "ben", target: "REQ-1088")
        r = try #require(st.request("REQ-1088"))
        #expect(r.updates.count == 1)
        #expect(r.updates.last?.text == "Counter at 9.8k sent; reseller matching")
        #expect(r.updates.last?.by == "ben")
        #expect(r.updates.last?.at.text == "2026-11-23T23:50:00+05:30", "--at stamps the action")
        #expect(st.activity.last?.at.text == "2026-11-23T23:50:00+05:30")
        st = try s.must(["set-final", "REQ-1088", "--amount", "9800.50"], as: "ben", target: "REQ-1088")
        #expect(st.request("REQ-1088")?.final == Decimal(string: "9800.50"))
        #expect(st.request("REQ-1088")?.status == .negotiating)
        st = try s.must(["submit-savings", "REQ-1088"], as: "ben", target: "REQ-1088")
        r = try #require(st.request("REQ-1088"))
        #expect(r.status == .pendingApproval)
        #expect(r.noQuotesReason == nil)
        #expect(r.history.last?.by == "ben" && r.history.last?.from == .negotiating && r.history.last?.to == .pendingApproval)

        // 3. ben may not approve his own savings; arjun, the EM of south, does, and ben's quota rises by the savings.
        let quotaBefore = try #require(try s.quotaAmount("ben"))
        let bytes = s.bytes(), journalBytes = FileManager.default.contents(atPath: s.journal)
        let refused = try s.act(["approve", "REQ-1088"], as: "ben")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(s.bytes() == bytes, "a refusal changes nothing")
        #expect(FileManager.default.contents(atPath: s.journal) == journalBytes, "a refusal journals nothing")
        st = try s.must(["approve", "REQ-1088"], as: "arjun", target: "REQ-1088")
        r = try #require(st.request("REQ-1088"))
        #expect(r.status == .approved)
        #expect(r.history.last?.by == "arjun" && r.history.last?.from == .pendingApproval && r.history.last?.to == .approved)
        let quotaAfter = try #require(try s.quotaAmount("ben"))
        #expect(quotaAfter - quotaBefore == Decimal(12000) - Decimal(string: "9800.50")!, "\(quotaBefore) → \(quotaAfter)")

        // Everything is in the activity log, in order, by the right people; nothing else was logged.
        #expect(st.activity.count == start.activity.count + 10)
        #expect(Array(st.activity.prefix(start.activity.count)) == start.activity, "earlier entries are kept as they were")
        let added = st.activity.suffix(10).map { "\($0.by) \($0.action)" }
        #expect(added == ["omar mark-reviewed", "omar set-baseline", "omar qualify", "omar hand-over", "ben add-quote", "ben add-quote",
                          "ben log-update", "ben set-final", "ben submit-savings", "arjun approve"])
        #expect(r.history.map(\.to) == [.qualified, .negotiating, .pendingApproval, .approved])
        #expect(r.history.map(\.by) == ["omar", "omar", "ben", "arjun"])

        // podboard log REQ-1088: the demo's own entries (arjun assigned omar), then these nine.
        let earlier = start.activity.filter { $0.target == "REQ-1088" }.count
        #expect(earlier == 1)
        let rows = try s.logRows("REQ-1088")
        #expect(rows.count == earlier + 9)
        #expect(rows.suffix(9).map { ActJSON.string($0["action"]) ?? "?" } ==
                ["set-baseline", "qualify", "hand-over", "add-quote", "add-quote", "log-update", "set-final", "submit-savings", "approve"])
        #expect(rows.suffix(9).map { ActJSON.string($0["by"]) ?? "?" } == ["omar", "omar", "omar", "ben", "ben", "ben", "ben", "ben", "arjun"])
        #expect(rows.suffix(9).compactMap { ActJSON.int($0["index"]) } == Array(start.activity.count + 1 ..< start.activity.count + 10),
                "the index of each entry in the whole log (mark-reviewed, on the day, comes first)")
        #expect(rows.allSatisfy { ActJSON.string($0["target"]) == "REQ-1088" })
        let validate = try CLI.run(["validate", s.path])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test func exitCodes() throws {
        let s = try ActStore()
        let original = try #require(s.bytes())
        let cases: [(args: [String], who: String?, status: Int32, says: String)] = [
            (["frobnicate", "REQ-1088"], "omar", 2, "unknown action 'frobnicate'"),
            (["qualify", "REQ-9999"], "omar", 2, "REQ-9999"),
            (["qualify", "REQ-1088"], nil, 2, "--as"),
            (["set-baseline", "REQ-1088", "--amount", "12.345", "--basis", "first-quote"], "omar", 2, "12.345"),
            (["set-baseline", "REQ-1088", "--amount", "12000", "--basis", "guess"], "omar", 2, "--basis"),
            (["qualify", "REQ-1088"], "omar", 1, "refused"),            // no baseline yet
            (["hand-over", "REQ-1088", "--person", "ben"], "omar", 1, "refused"), // not qualified
            (["approve", "REQ-1088"], "omar", 1, "refused"),            // not an EM
        ]
        for c in cases {
            let r = try s.act(c.args, as: c.who)
            #expect(r.status == c.status, "act \(c.args) as \(c.who ?? "nobody"): \(r.stderr)")
            #expect(r.stderr.contains(c.says), "act \(c.args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "act \(c.args): \(r.stdout)")
            #expect(s.bytes() == original, "act \(c.args) changed the store")
            #expect(!FileManager.default.fileExists(atPath: s.journal), "act \(c.args) left a journal")
        }

        // $PODBOARD_USER stands in for --as.
        let viaEnv = try CLI.run(["act", "set-baseline", "REQ-1088", "--amount", "100", "--basis", "list-price", "--store", s.path,
                                  "--today", ActStore.today, "--at", ActStore.firstAt], env: ["PODBOARD_USER": "omar"])
        #expect(viaEnv.status == 0, "\(viaEnv.stderr)")
        #expect(try s.load().activity.last?.by == "omar")

        // The built-in demo store is never saved: act refuses it and says how to get a store file.
        let dir = CLI.tempDir()
        let demo = try CLI.run(["act", "qualify", "REQ-1088", "--as", "omar", "--today", ActStore.today, "--at", ActStore.firstAt],
                               env: ["PODBOARD_USER": nil], cwd: dir)
        #expect(demo.status == 2)
        #expect(demo.stderr.contains("podboard demo --out"), "\(demo.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir)) == [], "nothing written")
    }

    @Test func undoRestoresTheStatusAndIsLogged() throws {
        let s = try ActStore()
        try s.must(["set-baseline", "REQ-1088", "--amount", "12000", "--basis", "first-quote"], as: "omar", target: "REQ-1088")
        try s.must(["qualify", "REQ-1088"], as: "omar", target: "REQ-1088")
        #expect(try s.request("REQ-1088").status == .qualified)

        let rows = try s.logRows()
        let qualifyRow = try #require(rows.last { ActJSON.string($0["action"]) == "qualify" && ActJSON.string($0["target"]) == "REQ-1088" })
        let index = try #require(ActJSON.int(qualifyRow["index"]))
        let store = try s.load()
        #expect(store.activity.indices.contains(index) && store.activity[index].action == "qualify", "the log's index is the activity index")

        // Only omar may undo his own action.
        let bytes = s.bytes()
        let byBen = try s.act(["undo", String(index)], as: "ben")
        #expect(byBen.status == 1, "\(byBen.stderr)")
        #expect(byBen.stderr.contains("refused"))
        #expect(s.bytes() == bytes)

        let st = try s.must(["undo", String(index)], as: "omar", target: "REQ-1088")
        let r = try #require(st.request("REQ-1088"))
        #expect(r.status == .new, "the status before the qualify")
        #expect(r.baseline?.amount == Decimal(12000), "the baseline, set before, stays")
        #expect(r.history.map(\.to) == [.qualified, .new], "the history keeps both entries")
        #expect(r.history.last?.by == "omar" && r.history.last?.from == .qualified)
        #expect(st.activity.last?.extras["undoes"] == .number(String(index)))

        let again = try s.act(["undo", String(index)], as: "omar")
        #expect(again.status == 1, "an action is undone once: \(again.stderr)")

        let table = try CLI.run(["log", "REQ-1088", "--store", s.path, "--today", ActStore.today])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("undo"), "\(table.stdout)")
        let logged = try s.logRows("REQ-1088").map { ActJSON.string($0["action"]) ?? "?" }
        #expect(logged.suffix(3) == ["set-baseline", "qualify", "undo"])
        #expect(logged.count == store.activity.filter { $0.target == "REQ-1088" }.count + 1)

        // Undone, the request can be qualified again.
        try s.must(["qualify", "REQ-1088"], as: "omar", target: "REQ-1088")
        #expect(try s.request("REQ-1088").status == .qualified)
    }

    /// SIGKILL while a batch streams in: every action acknowledged with "ok" is in the store afterwards.
    @Test func aBatchKilledMidStreamLosesNothingItAcknowledged() throws {
        let s = try ActStore()
        try s.must(["set-baseline", "REQ-1088", "--amount", "12000", "--basis", "first-quote"], as: "omar", target: "REQ-1088")
        try s.must(["qualify", "REQ-1088"], as: "omar", target: "REQ-1088")
        try s.must(["hand-over", "REQ-1088", "--person", "ben"], as: "omar", target: "REQ-1088")

        let started = Date()
        var updatesSoFar = 0
        // K against the fold points (every 25 actions): all in the journal, one fold, two folds; paced or all at once.
        for (run, (k, pace)) in [(20, UInt32(0)), (35, UInt32(1500)), (60, UInt32(0))].enumerated() {
            // All at once, a batch commits in groups of up to 100 lines: enough lines that the kill lands mid-stream.
            let lines = (1...(pace == 0 ? 1000 : 200)).map {
                #"{"action": "log-update", "target": "REQ-1088", "params": {"note": "run \#(run) line \#($0)"}, "as": "ben"}"#
            }
            let o = try KilledBatch.run(store: s.path, lines: lines, killAfter: k, pace: pace)
            #expect(o.killedBySignal && o.signal == SIGKILL, "run \(run): not killed by SIGKILL; stderr: \(o.stderr)")
            #expect(o.acknowledged.count >= k, "run \(run): \(o.stdout.suffix(300)) \(o.stderr)")
            #expect(o.acknowledged.count < lines.count, "run \(run): killed mid-stream, not after the last line")
            #expect(o.acknowledged == Array(1...max(1, o.acknowledged.count)), "run \(run): acknowledged in order")

            // The store file as the kill left it is a valid store (saves are atomic).
            let left = try CLI.run(["validate", s.path])
            #expect(left.status == 0, "run \(run): \(left.stderr)")

            // podboard log sees the journal's actions too.
            let rows = try s.logRows("REQ-1088").filter { ActJSON.string($0["action"]) == "log-update" && ActJSON.string($0["by"]) == "ben" }
            #expect(rows.count >= updatesSoFar + o.acknowledged.count, "run \(run): \(rows.count) updates logged, \(updatesSoFar) before + \(o.acknowledged.count) acknowledged")

            let (session, _) = try StoreSession.open(s.path)
            let all = try #require(session.store.request("REQ-1088")).updates
            let mine = all.filter { $0.text.hasPrefix("run \(run) ") }.map(\.text)
            #expect(mine.count >= o.acknowledged.count, "run \(run): \(mine.count) kept, \(o.acknowledged.count) acknowledged")
            #expect(mine == (0..<mine.count).map { "run \(run) line \($0 + 1)" }, "run \(run): in order, none twice, no gap")
            #expect(all.allSatisfy { $0.by == "ben" })
            #expect(all.count == rows.count, "the log and the store agree")
            updatesSoFar = all.count
        }
        let valid = try CLI.run(["validate", s.path])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(Date().timeIntervalSince(started) < 30, "three killed batches took \(Date().timeIntervalSince(started)) s")
    }

    /// `podboard log` only reads: run while a batch is at work, it must not take the batch's journal from under it.
    @Test func logWhileABatchIsRunningLosesNothing() throws {
        let s = try ActStore()
        try s.must(["set-baseline", "REQ-1088", "--amount", "12000", "--basis", "first-quote"], as: "omar", target: "REQ-1088")
        try s.must(["qualify", "REQ-1088"], as: "omar", target: "REQ-1088")
        try s.must(["hand-over", "REQ-1088", "--person", "ben"], as: "omar", target: "REQ-1088")
        func line(_ i: Int) -> String {
            #"{"action": "log-update", "target": "REQ-1088", "params": {"note": "call \#(i)"}}"#
        }
        let batch = try BatchProcess(store: s.path, as: "ben")
        batch.send((1...5).map(line))
        #expect(batch.waitForOks(5) == 5)

        // Someone looks at the log meanwhile: it shows the five acknowledged updates.
        let during = try s.logRows("REQ-1088").filter { ActJSON.string($0["action"]) == "log-update" }
        #expect(during.count == 5)

        batch.send((6...8).map(line))
        #expect(batch.waitForOks(8) == 8)
        let end = batch.finish()
        #expect(end.status == 0, "the batch saves its eight actions: \(end.stderr)")

        let after = try CLI.run(["log", "REQ-1088", "--store", s.path, "--today", ActStore.today, "--format", "json"])
        #expect(after.status == 0, "\(after.stderr)")
        do {
            let (session, _) = try StoreSession.open(s.path)
            let texts = try #require(session.store.request("REQ-1088")).updates.map(\.text)
            #expect(texts == (1...8).map { "call \($0)" })
        } catch {
            Issue.record("the store no longer opens: \(error)")
        }
    }

    @Test func aBatchFileIsAcknowledgedLineByLineAndStopsAtTheFirstRefusal() throws {
        let s = try ActStore()
        let file = (s.path as NSString).deletingLastPathComponent + "/actions.jsonl"
        let lines = [
            #"{"action": "set-baseline", "target": "REQ-1088", "params": {"amount": 12000, "basis": "first-quote"}, "as": "omar"}"#,
            "",
            #"{"action": "qualify", "target": "REQ-1088", "as": "omar", "at": "2026-11-23T11:00:00+05:30"}"#,
            #"{"action": "log-update", "target": "REQ-1088", "params": {"note": "too early"}}"#, // ben, but not negotiating yet
            #"{"action": "hand-over", "target": "REQ-1088", "params": {"person": "ben"}, "as": "omar"}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["act", "--batch", file, "--as", "ben", "--store", s.path, "--today", ActStore.today, "--at", ActStore.firstAt], env: ["PODBOARD_USER": nil])
        #expect(r.status == 1, "\(r.stderr)")
        let oks = r.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }.map { String($0.split(separator: " ")[1]) }
        #expect(oks == ["1", "3"], "\(r.stdout)")
        #expect(r.stderr.contains(":4:") && r.stderr.contains("refused"), "\(r.stderr)")
        let st = try s.load()
        let req = try #require(st.request("REQ-1088"))
        #expect(req.status == .qualified, "the acknowledged actions are saved, the refused and later ones are not")
        #expect(req.history.last?.at.text == "2026-11-23T11:00:00+05:30")
        #expect(st.activity.suffix(2).map(\.by) == ["omar", "omar"])
    }
}
