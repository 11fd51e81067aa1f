import Foundation
import Testing
@testable import PodboardCore

@Suite("Store: reading, validating, writing")
struct StoreTests {
    @Test func readsTheExampleWithDecimals() throws {
        let s = try StoreFixtures.exampleStore()
        #expect(s.settings.timeZone == "Asia/Kolkata")
        #expect(s.people.count == 4)
        let r = try #require(s.request("REQ-1042"))
        #expect(r.final == Decimal(string: "44000.50"))
        #expect(Savings.annual(r) == Decimal(string: "7999.5"))
        #expect(r.history.count == 2)
        #expect(s.person("ben")?.quarterlyTargets[Quarter("2026-Q4")!] == 150000)
        #expect(s.settings.configuredBenchmark(for: "  slack ") == Decimal(string: "0.18"))
    }

    @Test func roundTripKeepsEverythingAndUnknownKeys() throws {
        let s = try StoreFixtures.exampleStore()
        let text = String(decoding: StoreFile.encode(s), as: UTF8.self)
        #expect(text.contains("\"x-source\": \"spreadsheet export\""))
        #expect(text.contains("\"slack\": \"@ana\""))
        #expect(text.contains("\"x-note\": \"kept\""))
        #expect(text.contains("\"x-tag\": 1"))
        let (back, problems) = StoreFile.decode(Array(text.utf8))
        #expect(problems.isEmpty, "\(problems)")
        #expect(back == s)
        // Writing what was read back gives the same bytes: the format is stable.
        #expect(String(decoding: StoreFile.encode(try #require(back)), as: UTF8.self) == text)
    }

    @Test func absentSettingsTakeDefaults() throws {
        let text = #"{"format": 1, "people": [], "pods": [], "accounts": [], "contracts": [], "requests": []}"#
        let (s, problems) = StoreFile.decode(Array(text.utf8))
        #expect(problems.isEmpty)
        #expect(s?.settings.timeZone == "UTC")
        #expect(s?.settings.tat.negotiationDaysRenewal == 60)
        #expect(s?.settings.targets.amberRatio == Decimal(string: "0.85"))
    }

    /// Six different mistakes, each named with its path and line:column.
    @Test func validationListsEveryProblem() throws {
        var text = StoreFixtures.example
        text = text.replacingOccurrences(of: "\"status\": \"negotiating\"", with: "\"status\": \"haggling\"")          // 1 unknown enum
        text = text.replacingOccurrences(of: "\"msg\": 120000", with: "\"msg\": -5")                                       // 2 negative amount
        text = text.replacingOccurrences(of: "\"termEndsOn\": \"2027-02-09\"", with: "\"termEndsOn\": \"2027-02-30\"")    // 3 bad date
        text = text.replacingOccurrences(of: "\"account\": \"acme\", \"tool\"", with: "\"account\": \"acme-typo\", \"tool\"") // 4 dangling ref
        text = text.replacingOccurrences(of: "{ \"id\": \"south\", \"name\": \"South\" }", with: "{ \"id\": \"north\", \"name\": \"South\" }") // 5 duplicate id
        text = text.replacingOccurrences(of: "\"noticeDays\": 30", with: "\"noticeDays\": \"30\"")                         // 6 wrong type
        let (store, problems) = StoreFile.decode(Array(text.utf8))
        #expect(store == nil)
        let paths = problems.map(\.path)
        #expect(paths.contains("requests[0].status"))
        #expect(paths.contains("accounts[0].msg"))
        #expect(paths.contains("accounts[0].termEndsOn"))
        #expect(paths.contains("contracts[0].account"))
        #expect(paths.contains("pods[1].id"))
        #expect(paths.contains("contracts[0].noticeDays"))
        #expect(problems.allSatisfy { $0.position != nil })
        let status = try #require(problems.first { $0.path == "requests[0].status" })
        #expect(status.message.contains("\"haggling\"") && status.message.contains("\"pending-approval\""))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(status.position).line
        #expect(lines[line - 1].contains("haggling"))
        // Sorted by position in the file.
        #expect(problems.map { $0.position! } == problems.map { $0.position! }.sorted())
    }

    @Test func historyMustEndInStatusAndBeOrdered() throws {
        var text = StoreFixtures.example.replacingOccurrences(of: "\"status\": \"negotiating\"", with: "\"status\": \"qualified\"")
        text = text.replacingOccurrences(of: "\"at\": \"2026-11-03T10:00:00+05:30\", \"by\": \"ana\", \"from\"",
                                         with: "\"at\": \"2026-11-01T10:00:00+05:30\", \"by\": \"ana\", \"from\"")
        let (_, problems) = StoreFile.decode(Array(text.utf8))
        #expect(problems.contains { $0.path == "requests[0].history[1].to" && $0.message.contains("\"qualified\"") })
        #expect(problems.contains { $0.path == "requests[0].history[1].at" && $0.message.contains("oldest first") })
    }

    @Test(arguments: [
        ("\"final\": 44000.50", "\"final\": 44000.505", "requests[0].final", "exact to the cent"),
        ("\"pseShare\": 0.6", "\"pseShare\": 1.6", "settings.targets.pseShare", "from 0 to 1"),
        ("\"timeZone\": \"Asia/Kolkata\"", "\"timeZone\": \"Asia/Kolkatta\"", "settings.timeZone", "IANA time zone"),
        ("\"format\": 1", "\"format\": 2", "format", "format 2"),
        ("\"receivedAt\": \"2026-11-05T12:00:00+05:30\"", "\"receivedAt\": \"2026-11-05 12:00\"", "requests[0].quotes[0].receivedAt", "RFC 3339"),
        ("\"roles\": [\"em\"]", "\"roles\": [\"boss\"]", "people[0].roles[0]", "\"analyst\""),
        ("\"id\": \"maya\", ", "", "people[0].id", "required key \"id\" is missing"),
        ("\"autoRenew\": true", "\"autoRenew\": \"yes\"", "contracts[0].autoRenew", "true or false"),
        ("\"quarterlyTargets\": { \"2026-Q4\": 150000 }", "\"quarterlyTargets\": { \"Q4\": 150000 }", "people[1].quarterlyTargets.Q4", "YYYY-Qn"),
        ("\"kind\": \"renewal\", \"contract\"", "\"kind\": \"renewal\", \"kind\": \"new\", \"contract\"", "requests[0].kind", "more than once"),
    ])
    func eachKindOfProblem(find: String, replace: String, path: String, message: String) {
        let text = StoreFixtures.example.replacingOccurrences(of: find, with: replace)
        #expect(text != StoreFixtures.example, "the fixture no longer contains \(find)")
        let (store, problems) = StoreFile.decode(Array(text.utf8))
        #expect(store == nil)
        #expect(problems.contains { $0.path == path && $0.message.contains(message) }, "\(problems)")
    }

    @Test func brokenJSONIsOneProblemWithPosition() {
        let (store, problems) = StoreFile.decode(Array("{\n  \"format\": 1,\n  \"people\": [,]\n}".utf8))
        #expect(store == nil)
        #expect(problems.count == 1)
        #expect(problems.first?.position == SourcePosition(line: 3, column: 14))
        #expect(problems.first?.message.hasPrefix("broken JSON") == true)
    }

    @Test func saveIsAtomicKeepsBackupAndMode() throws {
        let dir = StoreFixtures.tempDir()
        let path = dir + "/store.json"
        try StoreFixtures.example.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o640)
        var loaded = try StoreFile.load(path)
        loaded.store.requests[0].updates.append(Update(at: Timestamp("2026-11-09T10:00:00+05:30")!, by: "ben", text: "Vendor agreed"))
        let saved = try StoreFile.save(loaded.store, over: loaded)
        let again = try StoreFile.load(path)
        #expect(again.store.requests[0].updates.count == 2)
        #expect(again.fingerprint == saved.fingerprint)
        #expect(try String(contentsOfFile: path + ".bak", encoding: .utf8) == StoreFixtures.example)
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func neverOverwritesAFileChangedOnDisk() throws {
        let dir = StoreFixtures.tempDir()
        let path = dir + "/store.json"
        try StoreFixtures.example.write(toFile: path, atomically: false, encoding: .utf8)
        let loaded = try StoreFile.load(path)
        let someoneElse = StoreFixtures.example.replacingOccurrences(of: "Acme Corp", with: "Acme Corporation")
        try someoneElse.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: StoreSaveError.self) { try StoreFile.save(loaded.store, over: loaded) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == someoneElse)
        #expect(!FileManager.default.fileExists(atPath: path + ".bak"))
    }

    @Test func unreadableFiles() {
        #expect(throws: StoreLoadError.self) { try StoreFile.load("/nonexistent/podboard.json") }
        let dir = StoreFixtures.tempDir()
        do {
            _ = try StoreFile.load(dir)
            Issue.record("loaded a folder")
        } catch {
            #expect(error.description.contains("folder"))
        }
    }
}
