import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 11: only a regular file (or a link to one) is read as a store; anything else, or a store above the size
/// limit, is a clear error with exit 2, at once.
@Suite("Special files as a store")
struct SpecialFileCLITests {
    @Test func fifoDevicesAndFoldersExitTwoWithoutHanging() throws {
        let dir = CLI.tempDir()
        let fifo = dir + "/store.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let runs: [([String], String)] = [
            (["validate", fifo], "FIFO"),
            (["report", "aging", "--store", fifo, "--today", "2026-11-23"], "FIFO"),
            (["report", "kpi", "--store", "/dev/zero", "--today", "2026-11-23"], "character device"),
            (["validate", "/dev/urandom"], "character device"),
            (["act", "take", "REQ-1", "--as", "ana", "--store", "/dev/zero", "--at", "2026-11-23T10:00:00+05:30"], "character device"),
            (["validate", dir], "folder"),
        ]
        for (args, word) in runs {
            let start = Date()
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(word) && r.stderr.contains("not a regular file"), "\(args): \(r.stderr)")
            #expect(Date().timeIntervalSince(start) < 5, "\(args)")
        }
    }

    @Test func aStoreAboveTheLimitIsRefused() throws {
        let store = try CLI.demoStore()
        let r = try CLI.run(["validate", store], env: ["PODBOARD_MAX_STORE_BYTES": "10K"])
        #expect(r.status == 2 && r.stderr.contains("larger than the limit of 10 KB"), "\(r.stderr)")
        let ok = try CLI.run(["validate", store], env: ["PODBOARD_MAX_STORE_BYTES": "2G"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}
