import Foundation
import Testing
@testable import PodboardCore
#if canImport(Glibc)
import Glibc
#endif

// The store engine (docs/decisions.md, "The store engine"): many sessions on one store file, each commit under
// FILE.lock for one action, catching up by sequence number, folding only when due; and the faults of issue 9.
// Fixture: JournalFixture (the demo store of 2026-11-23 in a fresh folder; REQ-1088 is new, of POD south).

@Suite("Store engine")
struct StoreEngineTests {
    static func negotiating(_ f: JournalFixture) throws {
        let (s, _) = try StoreSession.open(f.path)
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("09:58"))
        try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("09:59"))
        try s.perform(JournalFixture.handOver, by: "omar", at: JournalFixture.at("09:59"))
    }

    static func quote(_ amount: String) -> ActionRequest {
        var p = ActionParams(); p.from = "Acme"; p.source = .vendor; p.amount = Decimal(string: amount)
        return ActionRequest(.addQuote, target: JournalFixture.request, params: p)
    }

    static func hold() -> ActionRequest {
        var p = ActionParams(); p.reason = "waiting on the vendor"
        return ActionRequest(.putOnHold, target: JournalFixture.request, params: p)
    }

    @Test func twoSessionsSeeEachOthersActionsInSequenceOrder() throws {
        let f = try JournalFixture()
        let (a, _) = try StoreSession.open(f.path)
        let (b, _) = try StoreSession.open(f.path)
        #expect(!b.hasChanged())
        try a.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        #expect(b.hasChanged(), "a stat notices the new journal line")
        let seen = try b.catchUp()
        #expect(seen.map(\.action) == ["set-baseline"] && seen.first?.seq == 1)
        #expect(!b.hasChanged())
        #expect(try b.catchUp().isEmpty, "nothing twice")
        // b commits on top of a's action (its guards see the baseline), and a sees it.
        try b.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:01"))
        #expect(try a.catchUp().map(\.seq) == [2])
        #expect(a.store == b.store)
        // A fold by one is followed by the other without replaying anything twice.
        try a.fold()
        #expect(b.hasChanged())
        #expect(try b.catchUp().isEmpty)
        #expect(b.store == a.store && b.seq == 2)
        try b.perform(JournalFixture.handOver, by: "omar", at: JournalFixture.at("10:02"))
        #expect(try a.catchUp().map(\.seq) == [3])
        #expect(a.store.activity.compactMap(\.seq) == [1, 2, 3])
        #expect(a.store == b.store)
    }

    /// A stale screen: the action is checked after the other person's, and the refusal says who changed what.
    @Test func anActionOnAStaleScreenIsRefusedNamingWhoChangedTheTarget() throws {
        let f = try JournalFixture()
        try Self.negotiating(f)
        let (ben, _) = try StoreSession.open(f.path)
        let (ingrid, _) = try StoreSession.open(f.path)
        let shown = ben.seq
        try ingrid.perform(Self.hold(), by: "ingrid", at: JournalFixture.at("10:42"))
        do {
            try ben.perform(Self.quote("9000"), by: "ben", at: JournalFixture.at("10:43"), knownSeq: shown)
            Issue.record("a quote was added to a request on hold")
        } catch {
            #expect(error.description.hasPrefix("REQ-1088 was put on hold by Ingrid Johansson at 10:42; "), "\(error)")
        }
        #expect(ben.store.request("REQ-1088")?.status == .onHold, "the refusal came from the fresh state")
        #expect(ben.store.request("REQ-1088")?.quotes.isEmpty == true)
    }

    /// Undo of your own action is refused when someone else changed the same request since (fresh state).
    @Test func undoIsRefusedWhenSomeoneElseChangedTheTargetSince() throws {
        let f = try JournalFixture()
        try Self.negotiating(f)
        let (ben, _) = try StoreSession.open(f.path)
        let (ingrid, _) = try StoreSession.open(f.path)
        let q = try ben.perform(Self.quote("9000"), by: "ben", at: JournalFixture.at("10:40"))
        let index = ben.store.activity.count - 1
        #expect(q.activity.actionId != nil)
        try ingrid.perform(Self.hold(), by: "ingrid", at: JournalFixture.at("10:42"))
        #expect(throws: SessionError.self) {
            try ben.perform(ActionRequest(.undo, target: String(index)), by: "ben", at: JournalFixture.at("10:43"), knownSeq: 4)
        }
        #expect(ben.store.request("REQ-1088")?.quotes.count == 1)
    }

    /// Fault 1: a change landing on the file while a fold is written is never overwritten (the file is compared
    /// again right before the rename), and the journal's actions are then replayed onto it.
    @Test func aChangeLandingDuringAFoldIsNotOverwritten() throws {
        let f = try JournalFixture()
        let (s, _) = try StoreSession.open(f.path)
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        let edited = try StoreFile.load(f.path)
        let other = try Workflow.perform(ActionRequest(.markReviewed, target: "today"), by: "diego", at: JournalFixture.at("10:01"), in: edited.store)
        StoreFile.beforeFinalCheck = { try? StoreFile.writeAtomically(StoreFile.encode(other.store), to: f.path, mode: 0o644) }
        defer { StoreFile.beforeFinalCheck = nil }
        #expect(throws: SessionError.self) { try s.fold() }
        StoreFile.beforeFinalCheck = nil
        #expect(try f.load().reviews.contains { $0.by == "diego" }, "the change on disk is kept")
        // The next session replays the journal onto the edited file: both are there.
        let (next, notes) = try StoreSession.open(f.path)
        #expect(notes.contains { $0.contains("1 replayed") }, "\(notes)")
        try next.fold()
        let onDisk = try f.load()
        #expect(onDisk.reviews.contains { $0.by == "diego" })
        #expect(onDisk.request("REQ-1088")?.baseline?.amount == 12000)
    }

    /// Fault 3: killed between writing the store and removing the journal; an action whose time was moved forward
    /// (to the request's last history entry) is still known as folded, by its id.
    @Test func aJournalAlreadyFoldedIsKnownByIdNotByTime() throws {
        let f = try JournalFixture()
        let (s, _) = try StoreSession.open(f.path)
        // A time before REQ-1088 was created: the action is recorded at that later time.
        let early = Timestamp("2026-01-05T08:00:00+05:30")!
        try s.perform(JournalFixture.baseline(), by: "omar", at: early)
        try s.perform(JournalFixture.qualify, by: "omar", at: early)
        #expect(s.store.activity.last?.at != early, "the time was moved forward")
        let journal = try #require(f.bytes(f.journal))
        try s.fold()
        try f.write(journal, to: f.journal)   // as if killed before the journal was removed
        let folded = f.bytes(f.path)

        let (r, _) = try StoreSession.open(f.path, writing: false)
        #expect(r.store.activity.filter { $0.action == "qualify" && $0.target == "REQ-1088" }.count == 1, "a report opens")
        let (w, notes) = try StoreSession.open(f.path)
        #expect(notes.contains { $0.contains("already in the store") }, "\(notes)")
        #expect(!f.exists(f.journal))
        #expect(f.bytes(f.path) == folded)
        #expect(w.store.activity.filter { $0.action == "qualify" && $0.target == "REQ-1088" }.count == 1)
        try w.perform(JournalFixture.handOver, by: "omar", at: JournalFixture.at("10:00"))
        #expect(w.store.activity.last?.seq == 3)
    }

    /// Fault 4: after a hand edit, actions whose guards no longer hold are set aside in a file named in the
    /// message, the others replayed; nothing acknowledged is dropped silently, no advice to delete anything.
    @Test func actionsThatNoLongerFitAHandEditAreSetAsideInAFileNamedInTheMessage() throws {
        let f = try JournalFixture()
        let (s, _) = try StoreSession.open(f.path)
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:05"))
        try s.perform(ActionRequest(.markReviewed, target: "today"), by: "omar", at: JournalFixture.at("10:06"))
        // By hand: REQ-1088 disqualified in the file.
        let loaded = try StoreFile.load(f.path)
        var p = ActionParams(); p.reason = "duplicate"
        let edit = try Workflow.perform(ActionRequest(.disqualify, target: "REQ-1088", params: p), by: "omar", at: JournalFixture.at("09:59"), in: loaded.store)
        try StoreFile.writeAtomically(StoreFile.encode(edit.store), to: f.path, mode: 0o644)

        let (w, notes) = try StoreSession.open(f.path)
        let note = try #require(notes.first { $0.contains("set aside") }, "\(notes)")
        #expect(!note.contains("remove"), "\(note)")
        let files = try FileManager.default.contentsOfDirectory(atPath: f.dir).filter { $0.contains(".journal.set-aside-") && $0.hasSuffix(".jsonl") }
        #expect(files.count == 1, "\(files)")
        let aside = try #require(files.first)
        #expect(note.contains(aside), "the message names the file: \(note)")
        let lines = f.text(f.dir + "/" + aside).split(separator: "\n")
        #expect(lines.count == 2 && lines.allSatisfy { $0.contains("\"refused\"") }, "\(lines)")
        #expect(w.store.request("REQ-1088")?.status == .disqualified)
        #expect(w.store.reviews.contains { $0.by == "omar" }, "the review still fits: replayed")
        // The actions set aside were not lost: each is either in the store (by id) or in the file.
        let ids = Set(w.store.activity.compactMap(\.actionId))
        for e in s.pending { #expect(ids.contains(e.id!) || lines.contains { $0.contains(e.id!) }) }
    }

    /// A team's group-writable store: the journal, lock and backup get its mode and group (with umask 077: the
    /// CLI test `EngineCLITests.filesBesideTheStoreTakeItsModeUnderUmask077`).
    @Test func filesBesideTheStoreTakeItsModeAndGroup() throws {
        let f = try JournalFixture()
        chmod(f.path, 0o660)
        _ = chown(f.path, uid_t.max, 100)
        var st = stat(); stat(f.path, &st)
        let group = st.st_gid
        let (s, _) = try StoreSession.open(f.path)
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s.fold()
        try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:01"))
        for p in [f.journal, f.path + ".lock", f.bak, f.path] {
            var t = stat()
            #expect(stat(p, &t) == 0, "\(p) exists")
            #expect(t.st_mode & 0o777 == 0o660, "\(p): \(String(t.st_mode & 0o777, radix: 8))")
            #expect(t.st_gid == group, "\(p): group \(t.st_gid)")
        }
    }
}

/// A small tmpfs for full-disk tests (CI runs as root). Not permitted: the test fails, it never skips.
struct SmallDisk {
    let dir: String

    init(size: String) throws {
        dir = StoreFixtures.tempDir()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", dir]
        let err = Pipe(); p.standardError = err
        try p.run(); p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let why = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure("the full-disk tests need to mount a small tmpfs (run them as root): mount said \(why)")
        }
    }

    struct Failure: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

    /// Fills the disk until fewer than `leave` bytes are free.
    func fill(leaving leave: Int64 = 0) {
        let fd = open(dir + "/filler", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        defer { close(fd) }
        let block = [UInt8](repeating: 0x78, count: 4096)
        while (StoreFile.freeBytes(dir) ?? 0) > leave + 4096 {
            if block.withUnsafeBytes({ write(fd, $0.baseAddress!, block.count) }) < 0 { break }
        }
        // The last pages one byte at a time, down to `leave`.
        while leave == 0, block.withUnsafeBytes({ write(fd, $0.baseAddress!, 1) }) == 1 {}
    }

    func free() { unlink(dir + "/filler") }

    func unmount() {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = ["-l", dir]
        try? p.run(); p.waitUntilExit()
    }
}

@Suite("Store engine on a full disk", .serialized)
struct FullDiskTests {
    func fixture(_ disk: SmallDisk) throws -> JournalFixture {
        let store = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!))
        let path = disk.dir + "/store.json"
        try StoreFile.create(store, at: path)
        return JournalFixture(dir: disk.dir, path: path)
    }

    /// Fault 2: an append that could write only half its line is cut back to the last good byte and not
    /// acknowledged; once space is free, later actions follow a clean line and every command reads the journal.
    @Test func aHalfWrittenLineIsCutBackAndLaterActionsStayReadable() throws {
        let disk = try SmallDisk(size: "2m")
        defer { disk.unmount() }
        let f = try fixture(disk)
        let (s, _) = try StoreSession.open(f.path)
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        let good = try #require(f.bytes(f.journal))
        disk.fill()
        // A line longer than a page: the part that fits in the journal's last page is written, then the disk is full.
        var p = ActionParams(); p.note = String(repeating: "n", count: 6000)
        let long = ActionRequest(.escalate, target: "REQ-1088", params: { var q = p; q.escalationReason = .other; return q }())
        #expect(throws: SessionError.self) { try s.perform(long, by: "omar", at: JournalFixture.at("10:01")) }
        #expect(f.bytes(f.journal) == good, "cut back to the last good byte")
        disk.free()
        try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:02"))
        let (r, _) = try StoreSession.open(f.path, writing: false)
        #expect(r.store.request("REQ-1088")?.status == .qualified)
        #expect(r.store.request("REQ-1088")?.escalations.isEmpty == true, "the action not done is not there")
        #expect(r.store.activity.compactMap(\.seq) == [1, 2])
    }

    /// Fault 5: a fold that does not fit on the disk leaves the store and the journal usable; the session keeps
    /// committing to the journal and says why the file was not written; anyone can still open the store.
    @Test func aFoldThatDoesNotFitLeavesEverythingUsable() throws {
        let disk = try SmallDisk(size: "2m")
        defer { disk.unmount() }
        let f = try fixture(disk)
        let fileBytes = f.bytes(f.path)
        let (s, _) = try StoreSession.open(f.path)
        s.foldEvery = 2
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        disk.fill(leaving: 64 * 1024)
        try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:01"))  // a fold is due: it cannot be written
        let notes = s.takeNotes()
        #expect(notes.contains { $0.contains("not folded") && $0.contains("disk is full") && $0.contains("journal") }, "\(notes)")
        #expect(f.bytes(f.path) == fileBytes)
        #expect(throws: SessionError.self) { try s.fold() }
        try s.perform(JournalFixture.handOver, by: "omar", at: JournalFixture.at("10:02"))
        let (other, _) = try StoreSession.open(f.path)
        #expect(other.store.request("REQ-1088")?.status == .negotiating)
        #expect(other.store.activity.compactMap(\.seq) == [1, 2, 3])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: disk.dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        disk.free()
        try other.fold()
        #expect(try f.load().request("REQ-1088")?.status == .negotiating)
    }
}

extension JournalFixture {
    init(dir: String, path: String) { self.dir = dir; self.path = path }
}
