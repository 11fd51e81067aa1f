import Foundation
import Testing
@testable import PodboardCore
#if canImport(Glibc)
import Glibc
#endif

// Issue 11, input: what podboard agrees to read, and files kept as they were (owner, links, temporaries).
@Suite("Hostile input: special files, limits, digits, duplicate keys, links, owners, temporaries")
struct HostileInputTests {
    static func unreadableReason(_ path: String, maxBytes: Int64 = StoreLimits.defaultMaxBytes) -> String? {
        do { _ = try StoreFile.readBytes(path, maxBytes: maxBytes); return nil } catch {
            if case .unreadable(_, let reason) = error { return reason }
            return "other: \(error)"
        }
    }

    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let dir = StoreFixtures.tempDir()
        let fifo = dir + "/store.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let start = Date()
        let reason = try #require(Self.unreadableReason(fifo))
        #expect(reason.contains("FIFO") && reason.contains("not a regular file"), "\(reason)")
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func devicesAndFoldersAreRefused() throws {
        for (path, word) in [("/dev/zero", "character device"), ("/dev/urandom", "character device"), ("/dev/null", "character device"), (StoreFixtures.tempDir(), "folder")] {
            let reason = try #require(Self.unreadableReason(path), "\(path) was read")
            #expect(reason.contains(word), "\(path): \(reason)")
        }
    }

    @Test func aSymlinkToARegularFileIsRead() throws {
        let dir = StoreFixtures.tempDir()
        try Data(StoreFixtures.example.utf8).write(to: URL(fileURLWithPath: dir + "/real.json"))
        #expect(symlink(dir + "/real.json", dir + "/link.json") == 0)
        #expect(try StoreFile.readBytes(dir + "/link.json").count == StoreFixtures.example.utf8.count)
        #expect(symlink("/dev/zero", dir + "/zero.json") == 0)
        #expect(Self.unreadableReason(dir + "/zero.json")?.contains("character device") == true)
    }

    @Test func aStoreLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
        let dir = StoreFixtures.tempDir()
        let path = dir + "/big.json"
        try Data(StoreFixtures.example.utf8).write(to: URL(fileURLWithPath: path))
        let reason = try #require(Self.unreadableReason(path, maxBytes: 1000))
        #expect(reason.contains("larger than the limit of 1000 bytes") && reason.contains("PODBOARD_MAX_STORE_BYTES"), "\(reason)")
        #expect(Self.unreadableReason(path, maxBytes: 1 << 20) == nil)
        #expect(StoreLimits.parse("500M") == 500 << 20 && StoreLimits.parse("2G") == 2 << 30 && StoreLimits.parse("1234") == 1234)
        #expect(StoreLimits.parse("lots") == nil && StoreLimits.parse("-5") == nil)
        #expect(StoreLimits.defaultMaxBytes == 2 << 30)
    }

    @Test func amountsWithMoreDigitsThanDecimalHoldsAreProblemsWithAPosition() throws {
        let long = "1234567890123456789012345678901234567890.5"
        let text = StoreFixtures.example.replacingOccurrences(of: "\"amount\": 52000", with: "\"amount\": \(long)")
            .replacingOccurrences(of: "\"2026-Q4\": 400000", with: "\"2026-Q4\": 1e200")
        let (store, problems) = StoreFile.decode(Array(text.utf8))
        #expect(store == nil)
        let digits = try #require(problems.first { $0.path.hasSuffix("baseline.amount") }, "\(problems)")
        #expect(digits.position != nil && digits.message.contains("38 significant digits"), "\(digits)")
        let exponent = try #require(problems.first { $0.path == "pods[0].quarterlyTargets.2026-Q4" }, "\(problems)")
        #expect(exponent.message.contains("holds exactly"), "\(exponent)")
        #expect(Money.isExact("12345678901234567890123456789012345.67", Money.decimal("12345678901234567890123456789012345.67")!))
        #expect(Money.isExact("1.50", Money.decimal("1.50")!) && Money.isExact("2e3", Money.decimal("2e3")!))
    }

    @Test func untouchedAmountsNeverChangeOnSave() throws {
        // 37 digits: held exactly, and written back as they were after an action on something else.
        let big = "12345678901234567890123456789012345.67"
        let f = try JournalFixture()
        var text = try #require(f.text(f.path).isEmpty ? nil : f.text(f.path))
        let m = try #require(text.range(of: #""amount": [0-9.]+"#, options: .regularExpression))
        text.replaceSubrange(m, with: "\"amount\": \(big)")
        try f.write(Data(text.utf8), to: f.path)
        let (s, _) = try StoreSession.open(f.path)
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        try s.fold()
        #expect(f.text(f.path).contains("\"amount\": \(big)") || f.text(f.path).contains("\"amount\":\(big)"))
    }

    @Test func duplicateKeysAnywhereAreProblemsNamingBothPlaces() throws {
        let text = StoreFixtures.example
            .replacingOccurrences(of: "\"quarterlyTargets\": { \"2026-Q4\": 400000 }", with: "\"quarterlyTargets\": { \"2026-Q4\": 400000, \"2026-Q4\": 1 }")
            .replacingOccurrences(of: "\"after\": { \"status\": \"negotiating\", \"buyer\": \"ben\" }", with: "\"after\": { \"status\": \"negotiating\", \"buyer\": \"ben\", \"buyer\": \"lee\" }")
        let (store, problems) = StoreFile.decode(Array(text.utf8))
        #expect(store == nil)
        let dups = problems.filter { $0.message.contains("appears twice") }
        #expect(dups.count == 2, "\(problems)")
        let target = try #require(dups.first { $0.path == "pods[0].quarterlyTargets.2026-Q4" }, "\(dups)")
        let p = try #require(target.position)
        let first = SourcePosition(line: p.line, column: p.column - 19)  // `"2026-Q4": 400000, ` before it
        #expect(target.message.contains("at \(first) and at \(p)"), "\(target)")
        #expect(dups.contains { $0.path == "activity[0].after.buyer" })
    }

    @Test func aHugeValueIsNotEchoedWhole() throws {
        let huge = String(repeating: "X", count: 1_000_000)
        let text = StoreFixtures.example.replacingOccurrences(of: "\"currency\": \"USD\"", with: "\"currency\": \"\(huge)\"")
        let (_, problems) = StoreFile.decode(Array(text.utf8))
        let p = try #require(problems.first { $0.path == "settings.currency" }, "\(problems.map(\.path))")
        #expect(p.description.count < 500, "\(p.description.count) characters")
        #expect(p.message.contains("1") && p.message.contains("characters in all"))
    }

    @Test func aSymlinkedStoreIsLockedJournaledAndSavedThroughTheRealFile() throws {
        let f = try JournalFixture()
        let linkDir = StoreFixtures.tempDir()
        let link = linkDir + "/via-link.json"
        #expect(symlink(f.path, link) == 0)
        let (s, _) = try StoreSession.open(link)
        #expect(s.path == StoreFile.realPath(f.path))
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        #expect(f.exists(f.journal) && !f.exists(Journal.path(for: link)), "the journal is the real file's")
        try s.fold()
        var st = stat()
        #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, "the link stays a link")
        #expect(try f.load().activity.contains { $0.action == "set-baseline" }, "the real file got the action")
        #expect(f.exists(f.bak) && !f.exists(link + ".bak") && !f.exists(link + ".lock"))
        // A second session through the real path sees it: one store, one lock.
        let (b, _) = try StoreSession.open(f.path)
        #expect(b.store.activity.contains { $0.action == "set-baseline" })
    }

    @Test func savingKeepsTheOwnerAndGroup() throws {
        guard geteuid() == 0 else { return }  // only root can give a file to someone else (CI runs as root)
        let f = try JournalFixture()
        #expect(chown(f.path, 4321, 4322) == 0 && chmod(f.path, 0o600) == 0)
        let (s, _) = try StoreSession.open(f.path)
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        var st = stat()
        #expect(stat(f.journal, &st) == 0 && st.st_uid == 4321 && st.st_gid == 4322, "the journal")
        try s.fold()
        #expect(stat(f.path, &st) == 0)
        #expect(st.st_uid == 4321 && st.st_gid == 4322 && st.st_mode & 0o777 == 0o600, "uid \(st.st_uid) gid \(st.st_gid) mode \(String(st.st_mode & 0o777, radix: 8))")
    }

    @Test func temporariesOfDeadProcessesAreRemovedOnOpen() throws {
        let f = try JournalFixture()
        let name = (f.path as NSString).lastPathComponent
        // A process that has ended: its pid is free.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run(); p.waitUntilExit()
        let dead = p.processIdentifier
        let stale = [f.dir + "/.\(name).tmp-\(dead)", f.dir + "/.\(name).bak.tmp-\(dead)", f.dir + "/.\(name).journal.tmp-\(dead)"]
        let alive = f.dir + "/.\(name).tmp-1"  // init: alive
        let other = f.dir + "/.other.json.tmp-\(dead)"
        for t in stale + [alive, other] { try f.write(Data("x".utf8), to: t) }
        _ = try StoreSession.open(f.path)
        for t in stale { #expect(!f.exists(t), "\(t) removed") }
        #expect(f.exists(alive) && f.exists(other), "a live process's and another file's temporaries are kept")
        _ = try StoreSession.open(f.path, writing: false)
    }
}
