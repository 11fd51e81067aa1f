import Foundation
import Testing
@testable import PodboardCore

/// docs/store.schema.json is checked by a real JSON Schema validator (python3's `jsonschema`, Draft 2020-12,
/// installed by .ci/run): the demo store and the test fixtures must be valid for it (issue 11: "18859.58 is not
/// a multiple of 0.01").
@Suite("The schema in a real validator")
struct SchemaValidatorTests {
    static var schema: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/store.schema.json").path
    }

    static let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema)
        bad = 0
        for f in sys.argv[2:]:
            for e in v.iter_errors(json.load(open(f))):
                bad += 1
                print(f"{f}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
        print(f"checked {len(sys.argv) - 2} files, {bad} errors")
        sys.exit(1 if bad else 0)
        """

    static func validate(_ files: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, schema] + files
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func theDemoStoresAndTheFixturesAreValid() throws {
        let dir = StoreFixtures.tempDir()
        var files: [String] = []
        func put(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
            files.append(dir + "/" + name)
        }
        for seed in [1, 2, 7] as [UInt64] {
            let demo = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!, seed: seed))
            try put("demo-\(seed).json", StoreFile.encode(demo))
        }
        try put("example.json", Array(StoreFixtures.example.utf8))
        try put("workflow.json", StoreFile.encode(WF.store()))
        try put("escalated.json", StoreFile.encode(WF.escalated()))
        let r = try Self.validate(files)
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("checked \(files.count) files, 0 errors"), "\(r.output)")
    }

    @Test func theValidatorDoesRejectAnInvalidStore() throws {
        // The check above could pass by validating nothing: a store with a negative amount and a bad status fails.
        let dir = StoreFixtures.tempDir()
        let bad = StoreFixtures.example.replacingOccurrences(of: "\"amount\": 52000", with: "\"amount\": -5")
        try Data(bad.utf8).write(to: URL(fileURLWithPath: dir + "/bad.json"))
        let r = try Self.validate([dir + "/bad.json"])
        #expect(r.status == 1 && r.output.contains("amount"), "\(r.output)")
    }
}
