import Foundation
import Testing

/// Issue 14: plain `report kpi` prints the KPI catalog's gauges after the 17, and the 17 keep their exact output.
/// The outputs of the podboard before issue 14 are kept in Golden/ as `*-before-issue14.*` (Golden/README.md);
/// the 17's part of today's output is compared with them as raw text: each JSON object of `kpis` byte for byte
/// (key order and number text included), and the 17's lines of the table, CSV and Markdown, in order.
@Suite struct KPIReportBeforeIssue14Tests {
    func golden(_ name: String) throws -> String {
        try String(contentsOfFile: GoldenKPITests.goldenDir + "/" + name, encoding: .utf8)
    }

    func kpi(_ format: String, _ extra: [String] = []) throws -> String {
        let r = try CLI.run(["report", "kpi", "--today", "2026-11-23", "--format", format] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    /// The elements of the `kpis` array as they are written (raw text), and the text before the array.
    static func rawEntries(_ json: String) -> (head: String, entries: [String]) {
        guard let start = json.range(of: "\"kpis\": [") else { return ("", []) }
        var out: [String] = []
        var depth = 0, inString = false, escaped = false
        var cur = ""
        for ch in json[start.upperBound...] {
            if inString {
                cur.append(ch)
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                continue
            }
            if depth == 0 {
                if ch == "{" { depth = 1; cur = "{" } else if ch == "]" { break }
                continue
            }
            cur.append(ch)
            if ch == "\"" { inString = true }
            else if ch == "{" || ch == "[" { depth += 1 }
            else if ch == "}" || ch == "]" {
                depth -= 1
                if depth == 0 { out.append(cur) }
            }
        }
        return (String(json[..<start.upperBound]), out)
    }

    /// The 17's entries of `now` are exactly those of `before`, first and in order, and catalog gauges follow.
    func expectSeventeenKept(before: String, now: String) {
        let (headBefore, old) = Self.rawEntries(before)
        let (headNow, new) = Self.rawEntries(now)
        #expect(old.count > 17 && headBefore == headNow)
        #expect(Array(new.prefix(old.count)) == old)
        let added = new.dropFirst(old.count)
        #expect(!added.isEmpty, "the catalog's gauges follow the 17")
        #expect(added.allSatisfy { $0.contains("\"unit\": ") && $0.contains("\"source\": ") })
        #expect(!old.contains { $0.contains("\"unit\"") })
    }

    @Test func theJSONOfTheBuiltInDemoKeepsThe17AndAddsTheCatalog() throws {
        expectSeventeenKept(before: try golden("kpi-demo-2026-11-23-before-issue14.json"), now: try kpi("json"))
    }

    @Test func theJSONOfAThousandRequestStoreKeepsThe17() throws {
        let dir = CLI.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.json"
        let w = try CLI.run(["demo", "--out", path, "--requests", "1000", "--accounts", "200", "--today", "2026-11-23"])
        #expect(w.status == 0, "\(w.stderr)")
        expectSeventeenKept(before: try golden("kpi-demo1k-2026-11-23-before-issue14.json"), now: try kpi("json", ["--store", path]))
    }

    @Test(arguments: [("table", "txt"), ("csv", "csv"), ("md", "md")])
    func theTextFormatsKeepThe17sLinesInOrder(_ format: String, _ ext: String) throws {
        // Lines end with "\n" (CSV: "\r\n", one Character): split at either.
        let before = try golden("kpi-demo-2026-11-23-before-issue14.\(ext)").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let now = try kpi(format).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        #expect(before.count > 17)
        // The golden ends with a newline: its last (empty) piece is not a line.
        let lines = Array(before.dropLast())
        #expect(Array(now.prefix(lines.count)) == lines)
        let rest = now.dropFirst(lines.count).joined(separator: "\n")
        #expect(rest.contains("csm.nps") && rest.contains("renewals."), "the catalog's gauges follow: \(rest.prefix(200))")
        #expect(!rest.contains("em.ftv"))
    }

    @Test func catalogAloneHasNoneOfThe17() throws {
        let only = try kpi("json", ["--catalog"])
        let (_, entries) = Self.rawEntries(only)
        #expect(!entries.isEmpty && entries.allSatisfy { $0.contains("\"source\": ") })
        let table = try kpi("table", ["--catalog"])
        #expect(table.contains("csm.nps") && !table.contains("em.ftv"))
    }
}
