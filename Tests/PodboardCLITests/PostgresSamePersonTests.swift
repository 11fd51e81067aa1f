import Foundation
import Testing
@testable import PodboardCore
import PodboardPostgres

/// The same person on two screens at once (two sessions on one store): the second screen's action, stale, is
/// refused. The refusal is the file store's, word for word, on PostgreSQL too (both engines call
/// StoreSession.conflict): your own change from another screen is not named "changed by" (docs/decisions.md).
extension PostgresCLITests {
    /// Omar disqualifies REQ-1088 on screen a; screen b, still showing it before, sends another action of Omar's
    /// that the disqualification refuses. The refusal's text.
    static func samePersonRefusal(_ a: any StoreEngine, _ b: any StoreEngine) throws -> String? {
        let shown = b.store, shownSeq = b.seq
        let at = try #require(Timestamp("2026-11-23T10:42:00+05:30"))
        var d = ActionParams(); d.reason = "duplicate"
        try a.perform(ActionRequest(.disqualify, target: "REQ-1088", params: d), by: "omar", at: at, knownSeq: a.seq, via: nil)
        for kind in ActionKind.allCases where kind.target == .request && kind != .disqualify {
            let action = ActionRequest(kind, target: "REQ-1088", params: Self.sampleParams(kind, shown, "REQ-1088", "omar"))
            guard (try? Workflow.perform(action, by: "omar", at: at, in: shown)) != nil,
                  (try? Workflow.perform(action, by: "omar", at: at, in: a.store)) == nil else { continue }
            do {
                try b.perform(action, by: "omar", at: at, knownSeq: shownSeq, via: nil)
                Issue.record("\(kind.rawValue) by omar went through on a disqualified request")
                return nil
            } catch {
                return error.description
            }
        }
        Issue.record("omar could do nothing on REQ-1088 before it was disqualified that he cannot do after")
        return nil
    }

    @Test("The same person on two screens: the stale screen's refusal is the file store's, word for word")
    func samePersonTwoScreens() throws {
        let demo = try demo()
        // On the file: two sessions of one store file.
        let file = CLI.tempDir() + "/same-person.json"
        try FileManager.default.copyItem(atPath: demo, toPath: file)
        let fa = try StoreSession.open(file).session, fb = try StoreSession.open(file).session
        let onFile = try #require(try Self.samePersonRefusal(fa, fb))
        // On the database: two sessions of one database.
        let db = try PGTestServer.imported(demo)
        let env = try PGTestServer.env().compactMapValues { $0 }
        let pa = try PostgresSession.open(db.url, environment: env)
        let pb = try PostgresSession.open(db.url, environment: env)
        defer { try? pa.finish(); try? pb.finish() }
        let onPG = try #require(try Self.samePersonRefusal(pa, pb))
        #expect(onPG == onFile, "PostgreSQL: \(onPG)\nfile: \(onFile)")
        #expect(onPG.contains("REQ-1088"), "\(onPG)")
        #expect(!onPG.contains("by Omar Farouk"), "your own change is not someone else's: \(onPG)")
        #expect(pb.seq == pa.seq && pb.store.request("REQ-1088")?.status == .disqualified, "the stale screen caught up")
    }
}
