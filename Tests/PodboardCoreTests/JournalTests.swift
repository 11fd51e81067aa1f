import Foundation
import Testing
@testable import PodboardCore

// The journal beside a store file and the store session that writes, replays and folds it
// (docs/decisions.md, "The journal"; README, "Nothing acknowledged is lost").
//
// Every test works on the demo store for Monday 2026-11-23 written to a fresh temporary folder. Its REQ-1088 is a
// `new` request of cafe-ole (POD south) without a baseline; omar is an analyst of south, ben a Buyer of south.

/// A demo store file in a fresh folder, and helpers to look at the files beside it.
enum ActJSONValue {
    static func string(_ v: JSONValue?) -> String? { if case .string(let s)? = v { return s }; return nil }
}

struct JournalFixture {
    let dir: String
    let path: String
    var journal: String { Journal.path(for: path) }
    var bak: String { path + ".bak" }

    static let request = "REQ-1088"
    static func at(_ clock: String) -> Timestamp { Timestamp("2026-11-23T\(clock):00+05:30")! }

    init() throws {
        dir = StoreFixtures.tempDir()
        path = dir + "/store.json"
        let store = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!))
        try StoreFile.create(store, at: path)
    }

    func bytes(_ p: String) -> Data? { FileManager.default.contents(atPath: p) }
    func exists(_ p: String) -> Bool { FileManager.default.fileExists(atPath: p) }
    func text(_ p: String) -> String { bytes(p).map { String(decoding: $0, as: UTF8.self) } ?? "" }
    /// The journal's lines (without their newlines).
    func journalLines() -> [String] {
        text(journal).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
    func load() throws -> Store { try StoreFile.load(path).store }
    func appendRaw(_ s: String, to p: String) throws {
        let h = try #require(FileHandle(forWritingAtPath: p))
        h.seekToEndOfFile()
        h.write(Data(s.utf8))
        try h.close()
    }
    func write(_ b: Data, to p: String) throws { try b.write(to: URL(fileURLWithPath: p)) }

    // The first steps of story 1 (omar), then ben's negotiation.
    static func baseline(_ amount: String = "12000") -> ActionRequest {
        var p = ActionParams(); p.amount = Decimal(string: amount)!; p.basis = .firstQuote
        return ActionRequest(.setBaseline, target: request, params: p)
    }
    static let qualify = ActionRequest(.qualify, target: request)
    static var handOver: ActionRequest {
        var p = ActionParams(); p.person = "ben"
        return ActionRequest(.handOver, target: request, params: p)
    }
    static func update(_ note: String) -> ActionRequest {
        var p = ActionParams(); p.note = note
        return ActionRequest(.logUpdate, target: request, params: p)
    }
}

@Suite("Journal and store session")
struct JournalTests {
    @Test func actionsAreJournaledThenReplayedAndFoldedByTheNextOpen() throws {
        let f = try JournalFixture()
        let original = try #require(f.bytes(f.path))
        let before = try f.load()
        let (s1, notes1) = try StoreSession.open(f.path)
        #expect(notes1.isEmpty)
        #expect(!f.exists(f.journal), "a store without a journal opens without creating one")

        try s1.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s1.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:05"))

        // Journaled: a header naming the store file's fingerprint, then one line per action; the store file untouched.
        let lines = f.journalLines()
        #expect(lines.count == 3, "header + 2 actions, found \(lines)")
        #expect(f.text(f.journal).hasSuffix("\n"))
        let fp = FileFingerprint(Array(original))
        let header = try JSONParser.parse(try #require(lines.first)).value
        guard case .object(let h) = header, case .object(let base)? = h["base"] else {
            Issue.record("the header is not an object with a base: \(lines.first ?? "")"); return
        }
        #expect(h["podboard-journal"] == .number("1"))
        #expect(base["size"] == .number(String(fp.size)))
        #expect(base["fnv1a"] == .string(String(fp.hash, radix: 16)))
        let e1 = try JSONParser.parse(lines[1]).value, e2 = try JSONParser.parse(lines[2]).value
        guard case .object(let o1) = e1, case .object(let o2) = e2 else { Issue.record("entries are not objects"); return }
        #expect(o1["action"] == .string("set-baseline") && o1["target"] == .string("REQ-1088") && o1["by"] == .string("omar"))
        #expect(o1["seq"] == .number("1") && o2["seq"] == .number("2"))
        #expect(o2["action"] == .string("qualify") && o2["at"] == .string("2026-11-23T10:05:00+05:30"))
        #expect(f.bytes(f.path) == original, "the store file is not written before the fold")
        #expect(!f.exists(f.bak))
        #expect(s1.pending.count == 2)
        #expect(s1.store.request("REQ-1088")?.status == .qualified)
        #expect(s1.store.activity.count == before.activity.count + 2)

        // Every line carries its global sequence number and a unique id; the header names the store's sequence (0).
        #expect(h["seq"] == .number("0"))
        #expect(ActJSONValue.string(o1["id"]) != nil && ActJSONValue.string(o1["id"]) != ActJSONValue.string(o2["id"]))

        // A second session (the first one was never closed) reads the journal as part of the store, writes nothing.
        let (s2, notes2) = try StoreSession.open(f.path)
        #expect(s2.store == s1.store)
        #expect(notes2.isEmpty, "\(notes2)")
        #expect(s2.seq == 2 && s2.pending.count == 2)
        #expect(f.bytes(f.path) == original, "opening does not fold: the journal line is the commit")
        #expect(s2.store.activity.suffix(2).map(\.seq) == [1, 2])

        // A fold writes the store file with both actions and removes the journal.
        try s2.fold()
        #expect(s2.pending.isEmpty)
        #expect(!f.exists(f.journal), "the journal is removed once folded")
        #expect(f.bytes(f.bak) == original, "STORE.bak keeps the previous file")
        let folded = try f.load()
        #expect(folded == s1.store)
        let r = try #require(folded.request("REQ-1088"))
        #expect(r.status == .qualified)
        #expect(r.baseline?.amount == Decimal(12000) && r.baseline?.basis == .firstQuote)
        #expect(folded.activity.count == before.activity.count + 2)
        #expect(folded.activity.suffix(2).map(\.action) == ["set-baseline", "qualify"])
        #expect(folded.activity.suffix(2).allSatisfy { $0.by == "omar" })
        #expect(StoreSession.storeSeq(folded) == 2)

        // Opening again changes nothing: the actions are not replayed a second time; s1 follows the fold.
        let afterFold = f.bytes(f.path)
        let (s3, notes3) = try StoreSession.open(f.path)
        #expect(notes3.isEmpty)
        #expect(s3.store == folded)
        #expect(f.bytes(f.path) == afterFold)
        #expect(try s1.catchUp().isEmpty)
        #expect(s1.store == folded && s1.seq == 2)
    }

    /// A last line without its newline: podboard stopped while writing it, so it was never acknowledged.
    @Test(arguments: [false, true])
    func aTornLastLineIsIgnoredAndReported(completeJSON: Bool) throws {
        let f = try JournalFixture()
        let (s1, _) = try StoreSession.open(f.path)
        try s1.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s1.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:05"))
        // A third action, handing the request over; its line is cut short (or whole but without its newline).
        let third = JournalEntry(seq: 3, at: JournalFixture.at("10:10"), by: "omar", action: JournalFixture.handOver).json
        try f.appendRaw(completeJSON ? third : String(third.prefix(third.count / 2)), to: f.journal)
        #expect(!f.text(f.journal).hasSuffix("\n"))

        let contents = try #require(try Journal.read(f.journal))
        #expect(contents.entries.count == 2)
        #expect(contents.tornLine == 4)

        let (s2, notes) = try StoreSession.open(f.path)
        #expect(notes.contains { $0.contains("incomplete") && $0.contains(":4") }, "\(notes)")
        // The torn bytes are cut under the lock, so that nothing is ever appended after them.
        #expect(f.text(f.journal).hasSuffix("\n") && f.journalLines().count == 3)
        let r = try #require(s2.store.request("REQ-1088"))
        #expect(r.status == .qualified, "the two complete actions are replayed")
        #expect(r.baseline?.amount == Decimal(12000))
        #expect(r.buyer == nil, "the torn hand-over is not")
        #expect(!s2.store.activity.contains { $0.action == "hand-over" && $0.target == "REQ-1088" })
        try s2.fold()
        #expect(!f.exists(f.journal))
        #expect(try f.load() == s2.store)
    }

    @Test func aDamagedMiddleLineRefusesToOpenAndChangesNothing() throws {
        let f = try JournalFixture()
        let (s1, _) = try StoreSession.open(f.path)
        try s1.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s1.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:05"))
        try s1.perform(JournalFixture.handOver, by: "omar", at: JournalFixture.at("10:10"))
        var lines = f.journalLines()
        #expect(lines.count == 4)
        lines[2] = String(lines[2].dropLast(7)) + "#garbage"
        try f.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: f.journal)
        let storeBytes = f.bytes(f.path), journalBytes = f.bytes(f.journal)

        #expect(throws: SessionError.self) { _ = try StoreSession.open(f.path) }
        do {
            _ = try StoreSession.open(f.path)
        } catch {
            #expect(error.description.contains(":3"), "names the damaged line: \(error)")
            #expect(error.description.contains("nothing was changed"), "\(error)")
        }
        #expect(f.bytes(f.path) == storeBytes)
        #expect(f.bytes(f.journal) == journalBytes)
        #expect(!f.exists(f.bak))
    }

    /// A last line that has its newline was fsynced and acknowledged: if it cannot be read, the journal is
    /// damaged, exactly like a damaged middle line, and is not quietly dropped as "never acknowledged".
    @Test func aDamagedLastLineWithItsNewlineIsNotTakenForATornOne() throws {
        let f = try JournalFixture()
        let (s1, _) = try StoreSession.open(f.path)
        try s1.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s1.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:05"))
        var lines = f.journalLines()
        lines[2] = String(lines[2].dropLast(7)) + "#garbage"
        try f.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: f.journal)
        let storeBytes = f.bytes(f.path), journalBytes = f.bytes(f.journal)

        var opened: (session: StoreSession, notes: [String])?
        #expect(throws: SessionError.self, "the acknowledged qualify would be lost") { opened = try StoreSession.open(f.path) }
        if let opened { Issue.record("opened with notes \(opened.notes); REQ-1088 is \(opened.session.store.request("REQ-1088")?.status.rawValue ?? "?")") }
        #expect(f.bytes(f.path) == storeBytes)
        #expect(f.bytes(f.journal) == journalBytes)
    }

    /// Fault 4: a journal for another version of the store (the file was edited by hand) is never refused with
    /// the advice to delete it: its actions that are not in the file are replayed onto it.
    @Test func aJournalForAnotherVersionOfTheStoreIsReplayedOntoIt() throws {
        let f = try JournalFixture()
        let (s1, _) = try StoreSession.open(f.path)
        try s1.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s1.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:05"))
        // Someone else changes the store file by hand meanwhile (diego, an analyst of POD north, marks his aging reviewed).
        let loaded = try StoreFile.load(f.path)
        let other = try Workflow.perform(ActionRequest(.markReviewed, target: "today"), by: "diego", at: JournalFixture.at("10:07"), in: loaded.store)
        try StoreFile.save(other.store, over: loaded)

        let (s, notes) = try StoreSession.open(f.path)
        #expect(notes.contains { $0.contains("2 replayed") && !$0.contains("remove") }, "\(notes)")
        #expect(s.store.request("REQ-1088")?.status == .qualified)
        #expect(s.store.reviews.contains { $0.by == "diego" })
        let contents = try #require(try Journal.read(f.journal))
        #expect(contents.base == FileFingerprint(Array(try #require(f.bytes(f.path)))), "the journal now extends the edited file")
        #expect(contents.entries.map(\.id) == s1.pending.map(\.id), "the same actions, by id")
        try s.fold()
        let onDisk = try f.load()
        #expect(onDisk.request("REQ-1088")?.status == .qualified && onDisk.reviews.contains { $0.by == "diego" })
        #expect(onDisk.activity.filter { $0.target == "REQ-1088" && $0.action == "qualify" }.count == 1)
    }

    @Test func aJournalWhoseActionsAreAlreadyInTheStoreIsRemoved() throws {
        let f = try JournalFixture()
        let (s1, _) = try StoreSession.open(f.path)
        try s1.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s1.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:05"))
        let journalBytes = try #require(f.bytes(f.journal))
        // podboard stopped after saving the store and before removing the journal.
        try s1.fold()
        #expect(!f.exists(f.journal))
        let folded = try #require(f.bytes(f.path))
        try f.write(journalBytes, to: f.journal)

        let (s2, notes) = try StoreSession.open(f.path)
        #expect(notes.contains { $0.contains("already in the store") }, "\(notes)")
        #expect(!f.exists(f.journal))
        #expect(f.bytes(f.path) == folded, "not replayed a second time")
        #expect(s2.store == s1.store)
        #expect(s2.store.activity.filter { $0.target == "REQ-1088" && $0.action == "qualify" }.count == 1)
    }

    /// A journal is taken for "already folded" only when its own actions are in the store, not merely other actions
    /// of the same kind, by the same person, in the same second (a batch does many in one second).
    @Test func aJournalIsNotTakenForFoldedBecauseSimilarActionsAreInTheStore() throws {
        let f = try JournalFixture()
        let setup = try StoreSession.open(f.path).session
        try setup.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("09:58"))
        try setup.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("09:59"))
        try setup.perform(JournalFixture.handOver, by: "omar", at: JournalFixture.at("09:59"))
        try setup.fold()

        // A session (a batch) logs two updates in one second...
        let (s1, _) = try StoreSession.open(f.path)
        try s1.perform(JournalFixture.update("first"), by: "ben", at: JournalFixture.at("10:00"))
        try s1.perform(JournalFixture.update("second"), by: "ben", at: JournalFixture.at("10:00"))
        // ...another podboard opens the store meanwhile (replaying and folding s1's journal)...
        let (other, _) = try StoreSession.open(f.path)
        #expect(other.store.request("REQ-1088")?.updates.count == 2)
        try other.fold()
        // ...and s1 goes on, in the same second: it continues from the folded file, nothing lost or doubled.
        try s1.perform(JournalFixture.update("third"), by: "ben", at: JournalFixture.at("10:00"))
        let (s2, _) = try StoreSession.open(f.path)
        #expect(s2.store.request("REQ-1088")?.updates.map(\.text) == ["first", "second", "third"])
        #expect(s2.store == s1.store)
        let seqs = s2.store.activity.compactMap(\.seq)
        #expect(seqs == Array(1...seqs.count), "no gap, no repeat: \(seqs)")
    }

    @Test func theSessionFoldsEveryFoldEveryActions() throws {
        let f = try JournalFixture()
        let original = try #require(f.bytes(f.path))
        let baseCount = try f.load().activity.count
        let (s, _) = try StoreSession.open(f.path)
        s.foldEvery = 3
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:01"))
        #expect(f.journalLines().count == 3)
        #expect(f.bytes(f.path) == original)
        try s.perform(JournalFixture.handOver, by: "omar", at: JournalFixture.at("10:02"))
        // The third action folded: the store file holds all three, the journal is gone.
        #expect(!f.exists(f.journal))
        #expect(s.pending.isEmpty)
        #expect(f.bytes(f.bak) == original)
        var onDisk = try f.load()
        #expect(onDisk.activity.count == baseCount + 3)
        #expect(onDisk.request("REQ-1088")?.status == .negotiating)
        #expect(onDisk == s.store)

        let afterFirstFold = try #require(f.bytes(f.path))
        for i in 1...2 {
            try s.perform(JournalFixture.update("update \(i)"), by: "ben", at: JournalFixture.at("11:0\(i)"))
        }
        #expect(f.journalLines().count == 3, "a new journal, for the folded store")
        #expect(f.bytes(f.path) == afterFirstFold)
        let contents = try #require(try Journal.read(f.journal))
        #expect(contents.base == FileFingerprint(Array(afterFirstFold)))
        #expect(contents.entries.map(\.seq) == [4, 5], "global sequence numbers")
        try s.perform(JournalFixture.update("update 3"), by: "ben", at: JournalFixture.at("11:03"))
        #expect(!f.exists(f.journal))
        #expect(f.bytes(f.bak) == afterFirstFold)
        onDisk = try f.load()
        #expect(onDisk.activity.count == baseCount + 6)
        #expect(onDisk.request("REQ-1088")?.updates.map(\.text) == ["update 1", "update 2", "update 3"])
    }

    @Test func aRefusedActionIsNotJournaled() throws {
        let f = try JournalFixture()
        let (s, _) = try StoreSession.open(f.path)
        #expect(throws: SessionError.self) {
            try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:00")) // no baseline yet
        }
        #expect(!f.exists(f.journal))
        #expect(s.pending.isEmpty)
        #expect(s.store.request("REQ-1088")?.status == .new)
    }

    static func everyParam() -> ActionRequest {
        var p = ActionParams()
        p.person = "ben"; p.note = "日本 🚀 \"quoted\"\nsecond line\t\\"; p.reason = "duplicate of REQ-1001"
        p.amount = Decimal(string: "1250.5")!; p.basis = .listPrice; p.from = "SoftwareOne"; p.source = .reseller
        p.escalationReason = .parallelNegotiation; p.health = .atRisk; p.sentiment = "wary 😬"; p.kind = .renewal
        p.tool = "Slack"; p.vendor = "Salesforce"; p.contract = "C-0001"; p.termMonths = 36
        p.which = "2"
        return ActionRequest(.escalate, target: "REQ-1088", params: p)
    }

    @Test func anActionWithEveryParamRoundTripsThroughItsJSON() throws {
        let action = Self.everyParam()
        let back = try #require(try? ActionCoding.decode(ActionCoding.encode(action)).get())
        #expect(back == action)
        #expect(back.params.amount == Decimal(string: "1250.50"))
        #expect(back.params.note == "日本 🚀 \"quoted\"\nsecond line\t\\")

        let entry = JournalEntry(seq: 7, at: Timestamp("2026-11-23T10:00:00.250+05:30")!, by: "ben", action: action)
        let line = entry.json
        #expect(!line.contains("\n"), "one entry, one line: \(line)")
        let parsed = try JSONParser.parse(line).value
        guard case .object(let o) = parsed else { Issue.record("not an object: \(line)"); return }
        #expect(o["seq"] == .number("7") && o["by"] == .string("ben") && o["at"] == .string("2026-11-23T10:00:00.250+05:30"))
        #expect(try ActionCoding.decode(parsed).get() == action)
        guard case .object(let params)? = o["params"] else { Issue.record("no params: \(line)"); return }
        #expect(params.keys.count == 16, "every one of the 16 params is written: \(params.keys)")
        #expect(params["amount"] == .number("1250.50") || params["amount"] == .number("1250.5"), "an exact decimal, not a float")
    }

    @Test func aJournalEntryRoundTripsThroughTheJournalFile() throws {
        let dir = StoreFixtures.tempDir()
        let journal = dir + "/s.json.journal"
        let base = FileFingerprint(Array("{}".utf8))
        let entries = [
            JournalEntry(seq: 1, at: Timestamp("2026-11-23T10:00:00+05:30")!, by: "ben", action: Self.everyParam()),
            JournalEntry(seq: 2, at: Timestamp("2026-11-23T04:31:00Z")!, by: "ísabel", action: ActionRequest(.markReviewed, target: "2026-11-23")),
        ]
        try Journal.append([entries[0].json], to: journal, base: base)
        try Journal.append([entries[1].json], to: journal, base: base)
        let text = String(decoding: try #require(FileManager.default.contents(atPath: journal)), as: UTF8.self)
        #expect(text.split(separator: "\n").count == 3, "a single header: \(text)")
        let contents = try #require(try Journal.read(journal))
        #expect(contents.base == base)
        #expect(contents.tornLine == nil)
        #expect(contents.entries == entries)
    }
}
