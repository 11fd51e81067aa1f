import Foundation
import Testing
import PodboardCore

/// `podboard act record-measurement` and `report kpi --catalog` / `--trend` (issue 14), run as a binary.
@Suite struct CatalogCLITests {
    @Test func recordMeasurementDoesRefusesAndUndoes() throws {
        let s = try ActStore()
        let store = try s.must(["record-measurement", "--kpi", "csm.nps", "--scope", "person:olu", "--period", "2026-Q4",
                                "--value", "42", "--note", "QBR survey"], as: "olu", target: "csm.nps person:olu 2026-Q4")
        let m = try #require(store.measurements.last)
        #expect(m.kpi == "csm.nps" && m.value == 42 && m.note == "QBR survey" && m.by == "olu")
        // Refused (exit 1): not theirs to record; computed.
        let notTheirs = try s.act(["record-measurement", "--kpi", "csm.nps", "--scope", "person:olu", "--period", "2026-Q4", "--value", "1"], as: "ana")
        #expect(notTheirs.status == 1 && notTheirs.stderr.contains("may not record"), "\(notTheirs.stderr)")
        let computed = try s.act(["record-measurement", "--kpi", "csm.retention", "--scope", "person:olu", "--period", "2026-Q4", "--value", "1"], as: "olu")
        #expect(computed.status == 1 && computed.stderr.contains("computed"), "\(computed.stderr)")
        // Bad input (exit 2): a malformed value, a month for a quarterly KPI, --kpi on another action.
        for args in [["record-measurement", "--kpi", "csm.nps", "--scope", "person:olu", "--period", "2026-Q4", "--value", "lots"],
                     ["record-measurement", "--kpi", "csm.nps", "--scope", "person:olu", "--period", "2026-11", "--value", "1"],
                     ["record-measurement", "--kpi", "csm.nps", "--scope", "olu", "--period", "2026-Q4", "--value", "1"],
                     ["qualify", "REQ-1088", "--kpi", "csm.nps"]] {
            let r = try s.act(args, as: "olu")
            #expect(r.status == 2, "\(args): \(r.stderr)")
        }
        // The report shows it, then undo takes it back.
        let k = try s.load().activity.count - 1
        let kpi = try CLI.run(["report", "kpi", "--catalog", "--person", "olu", "--format", "json", "--store", s.path, "--today", ActStore.today])
        #expect(kpi.status == 0 && kpi.stdout.contains("\"source\": \"measured\""), "\(kpi.stderr)")
        let json = try #require(try JSONParser.parse(kpi.stdout).value.objectValue?["kpis"])
        let nps = json.arrayValue?.first { $0.objectValue?["id"] == .string("csm.nps") && $0.objectValue?["scope"] == .string("olu") }
        #expect(nps?.objectValue?["value"] == .number("42"))
        #expect(nps?.objectValue?["unit"] == .string("score"))
        try s.must(["undo", String(k)], as: "olu", target: "csm.nps person:olu 2026-Q4")
        #expect(try s.load().measurements.filter { $0.by == "olu" && $0.period.description == "2026-Q4" }.isEmpty)
    }

    @Test func reportKPIWithoutOptionsIsThe17ThenTheCatalogAndWithTrendHasEightPoints() throws {
        let plain = try CLI.run(["report", "kpi", "--today", "2026-11-23", "--format", "json"])
        #expect(plain.status == 0 && plain.stdout.contains("\"unit\"") && plain.stdout.contains("\"csm.nps\""))
        let firstCatalog = try #require(plain.stdout.range(of: "\"unit\""))
        #expect(!plain.stdout[firstCatalog.upperBound...].contains("\"em.ftv\""), "the 17 come first")
        let only = try CLI.run(["report", "kpi", "--today", "2026-11-23", "--format", "json", "--catalog"])
        #expect(only.status == 0 && only.stdout.contains("\"csm.nps\"") && !only.stdout.contains("\"em.ftv\""))
        let trend = try CLI.run(["report", "kpi", "--today", "2026-11-23", "--format", "json", "--trend", "--person", "rosa"])
        #expect(trend.status == 0, "\(trend.stderr)")
        let kpis = try #require(try JSONParser.parse(trend.stdout).value.objectValue?["kpis"]?.arrayValue)
        #expect(!kpis.isEmpty)
        for k in kpis {
            let points = k.objectValue?["trend"]?.arrayValue ?? []
            #expect(points.count == 8)
            #expect(points.last?.objectValue?["asOf"] == .string("2026-11-23"))
            #expect(points.first?.objectValue?["period"] == .string("2025-Q1"))
        }
        #expect(kpis.contains { $0.objectValue?["id"] == .string("renewals.valueGrowth") && $0.objectValue?["scope"] == .string("rosa") })
        // The 17 in the same run keep their values: em.health of north is the golden one.
        let all = try CLI.run(["report", "kpi", "--today", "2026-11-23", "--format", "csv", "--trend", "--pod", "north", "--role", "em"])
        #expect(all.status == 0 && all.stdout.hasPrefix("scope,id,period,asOf,value"))
        #expect(all.stdout.contains("North,em.health,2026-Q4,2026-11-23,"))
        let md = try CLI.run(["report", "kpi", "--today", "2026-11-23", "--format", "md", "--role", "am"])
        #expect(md.status == 0 && md.stdout.contains("am.atsUnderManagement") && !md.stdout.contains("em.ftv"))
    }
}

private extension JSONValue {
    var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
}
