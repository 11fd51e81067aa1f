import Foundation
import Testing
import PodboardCore

/// Issue 8 on the command line: `podboard people`, `podboard act reassign`, and `report renewals` flags.
@Suite("people, act reassign, renewal flags (CLI)")
struct PeopleReassignCLITests {
    @Test func peopleListsIdsNamesRolesAndPods() throws {
        let path = try CLI.demoStore(today: "2026-11-23")
        let table = try CLI.run(["people", "--store", path, "--today", "2026-11-23"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("fatima") && table.stdout.contains("Fatima El Idrissi") && table.stdout.contains("North (north)"))
        let json = try CLI.run(["people", "--store", path, "--format", "json"])
        guard case .object(let o) = try JSONParser.parse(json.stdout).value, case .array(let rows)? = o["rows"] else {
            Issue.record("people --format json: \(json.stdout.prefix(300))"); return
        }
        let store = try StoreFile.load(path).store
        #expect(rows.count == store.people.count)
        guard case .object(let isabel)? = rows.first(where: { if case .object(let r) = $0 { return r["id"] == .string("isabel") }; return false }) else {
            Issue.record("no isabel"); return
        }
        #expect(isabel["roles"] == .array([.string("buyer")]))
        #expect(isabel["pods"] == .array([.string("north"), .string("south")]))
        let csv = try CLI.run(["people", "--store", path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,name,roles,pods"))
        let md = try CLI.run(["people", "--store", path, "--format", "md"])
        #expect(md.stdout.contains("| Id | Name | Roles | PODs |"))
        #expect(try CLI.run(["people", "--store", path, "--format", "xml"]).status == 2)
    }

    @Test func actReassignMovesTheNegotiationAndIsUndoable() throws {
        let s = try ActStore()
        #expect(try s.request("REQ-1042").buyer == "ana")
        // Refused: the Buyer herself, and a person who is not a Buyer of the POD; bad input: no --person.
        #expect(try s.act(["reassign", "REQ-1042", "--person", "ravi"], as: "ana").status == 1)
        let notBuyer = try s.act(["reassign", "REQ-1042", "--person", "ben"], as: "fatima")
        #expect(notBuyer.status == 1)
        #expect(notBuyer.stderr.contains("not a Buyer of POD north"), "\(notBuyer.stderr)")
        #expect(try s.act(["reassign", "REQ-1042"], as: "fatima").status == 2)
        let pending = try s.act(["reassign", "REQ-1068", "--person", "ravi"], as: "fatima")
        #expect(pending.status == 1 && pending.stderr.contains("pending-approval"), "\(pending.stderr)")
        let after = try s.must(["reassign", "REQ-1042", "--person", "ravi", "--note", "Ana is on leave"], as: "fatima", target: "REQ-1042")
        #expect(after.request("REQ-1042")?.buyer == "ravi")
        #expect(after.activity.last?.before == .object(JSONObject([("buyer", .string("ana"))])))
        let undo = try s.must(["undo", String(after.activity.count - 1)], as: "fatima", target: "REQ-1042")
        #expect(undo.request("REQ-1042")?.buyer == "ana")
    }

    @Test func reportRenewalsShowsNoticePassed() throws {
        let path = try CLI.demoStore(today: "2026-11-23")
        let table = try CLI.run(["report", "renewals", "--store", path, "--today", "2026-11-23", "--quarter", "2026-Q4"])
        #expect(table.status == 0, "\(table.stderr)")
        let datadog = table.stdout.split(separator: "\n").first { $0.contains("C-0013") } ?? ""
        #expect(datadog.contains("Datadog") && datadog.contains("178,848"), "\(datadog)")
        #expect(datadog.contains("notice passed: cancel-by 54d ago, no request"), "\(datadog)")
        // A contract that does not auto-renew is not flagged for its notice.
        let noAuto = table.stdout.split(separator: "\n").first { $0.contains("C-0091") } ?? ""
        #expect(!noAuto.contains("notice"), "\(noAuto)")
        let json = try CLI.run(["report", "renewals", "--store", path, "--today", "2026-11-23", "--quarter", "2026-Q4", "--format", "json"])
        guard case .object(let o) = try JSONParser.parse(json.stdout).value, case .array(let rows)? = o["rows"] else {
            Issue.record("renewals json: \(json.stdout.prefix(300))"); return
        }
        let row = rows.first { if case .object(let r) = $0 { return r["contract"] == .string("C-0013") }; return false }
        guard case .object(let r)? = row else { Issue.record("no C-0013"); return }
        #expect(r["flags"] == .array([.string("notice-passed")]))
        let csv = try CLI.run(["report", "renewals", "--store", path, "--today", "2026-11-23", "--quarter", "2026-Q4", "--format", "csv"])
        #expect(csv.stdout.contains("notice-passed"))
    }
}
