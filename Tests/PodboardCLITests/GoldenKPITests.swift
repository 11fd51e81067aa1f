import Foundation
import Testing

/// Loading faster changes no figure: `report kpi --format json` is byte-identical to what the podboard before the
/// loading work printed (Golden/README.md says how each file was made).
@Suite struct GoldenKPITests {
    static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    func golden(_ name: String) throws -> String {
        try String(contentsOfFile: Self.goldenDir + "/" + name, encoding: .utf8)
    }

    func kpi(_ extra: [String]) throws -> String {
        let r = try CLI.run(["report", "kpi", "--today", "2026-11-23", "--format", "json"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func builtInDemoStoreKPIsAreUnchanged() throws {
        #expect(try kpi([]) == (try golden("kpi-demo-2026-11-23.json")))
    }

    @Test func aThousandRequestStoreFileKPIsAreUnchanged() throws {
        let dir = CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.json"
        let w = try CLI.run(["demo", "--out", path, "--requests", "1000", "--accounts", "200", "--today", "2026-11-23"])
        #expect(w.status == 0, "\(w.stderr)")
        #expect(try kpi(["--store", path]) == (try golden("kpi-demo1k-2026-11-23.json")))
        // Four actions journaled (not folded): read back with the journal, the figures are the golden ones.
        let acts: [[String]] = [
            ["log-update", "REQ-1538", "--note", "golden", "--as", "ben", "--at", "2026-11-23T10:00:00+05:30"],
            ["set-final", "REQ-1538", "--amount", "1000", "--as", "ben", "--at", "2026-11-23T10:05:00+05:30"],
            ["submit-savings", "REQ-1538", "--as", "ben", "--at", "2026-11-23T10:10:00+05:30"],
            ["approve", "REQ-1538", "--as", "arjun", "--at", "2026-11-23T11:00:00+05:30"],
        ]
        for a in acts {
            let r = try CLI.run(["act"] + a + ["--store", path])
            #expect(r.status == 0, "\(a): \(r.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: path + ".journal"))
        let withJournal = try kpi(["--store", path])
        #expect(withJournal == (try golden("kpi-demo1k-journal-2026-11-23.json")))
        #expect(withJournal != (try golden("kpi-demo1k-2026-11-23.json")))
    }
}
