import Foundation
import Testing
@testable import PodboardCore

/// The fast path of loading (no positions, no paths, element by element on every core) gives exactly the store of
/// the exact path; anything wrong sends the document to the exact path, whose messages are the usual ones.
@Suite("Loading fast")
struct FastLoadTests {
    /// The exact path alone (what podboard did before the fast path).
    func exact(_ bytes: [UInt8]) -> (Store, [StoreProblem]) {
        StoreDecoder.decode(try! JSONParser.parse(bytes))
    }

    @Test func aDemoStoreDecodesFastToTheSameStoreAsExactly() throws {
        // Large enough for its arrays to be split across cores.
        let store = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!, seed: 1, accounts: 200, requests: 1000))
        let bytes = StoreFile.encode(store)
        #expect(bytes.count > FastLoad.parallelBytes)
        let fast = try #require(FastLoad.decode(bytes))
        let (slow, problems) = exact(bytes)
        #expect(problems.isEmpty)
        #expect(fast == slow)
        #expect(fast.requests.map(\.id) == store.requests.map(\.id))
        // Written back, byte for byte the same file.
        #expect(StoreFile.encode(fast) == bytes)
    }

    @Test func nonASCIIAndEscapedStringsAreReadTheSame() throws {
        let text = StoreFixtures.example.replacingOccurrences(of: "\"name\": \"Ana", with: "\"name\": \"Ána \\u00e9 名前 \\\"q\\\" Ana")
        #expect(text != StoreFixtures.example)
        let bytes = Array(text.utf8)
        let fast = try #require(FastLoad.decode(bytes))
        #expect(fast == exact(bytes).0)
        #expect(fast.people.contains { $0.name.hasPrefix("Ána é 名前 \"q\"") })
    }

    @Test func aKeyTwiceInAnObjectIsLeftToTheExactPathWhichReportsIt() throws {
        let text = StoreFixtures.example.replacingOccurrences(of: "\"format\": 1,", with: "\"format\": 1, \"settings\": {\"currency\": \"USD\", \"currency\": \"EUR\"},")
        let bytes = Array(text.utf8)
        #expect(FastLoad.decode(bytes) == nil)
        let (store, problems) = StoreFile.decode(bytes)
        #expect(store == nil)
        #expect(problems.contains { $0.message == "the key \"currency\" appears more than once in this object" && $0.position?.line == 2 })
    }

    @Test func anInvalidStoreReportsTheSameProblemsWithPositions() throws {
        let store = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!, seed: 1, accounts: 20, requests: 100))
        var text = String(decoding: StoreFile.encode(store), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"status\": \"closed\"", with: "\"status\": \"shut\"")
        let bytes = Array(text.utf8)
        #expect(FastLoad.decode(bytes) == nil)
        let (none, problems) = StoreFile.decode(bytes)
        #expect(none == nil)
        #expect(problems.map(\.description) == exact(bytes).1.map(\.description))
        let first = try #require(problems.first)
        #expect(first.path.hasPrefix("requests[") && first.path.hasSuffix("].status"))
        #expect((first.position?.line ?? 0) > 1)
    }

    @Test func aDuplicateIdAcrossChunksIsFound() throws {
        let store = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!, seed: 1, accounts: 200, requests: 1000))
        var s = store
        s.requests[s.requests.count - 1].id = s.requests[0].id
        let bytes = StoreFile.encode(s)
        #expect(FastLoad.decode(bytes) == nil)
        let (_, problems) = StoreFile.decode(bytes)
        #expect(problems.contains { $0.message.contains("is used more than once in `requests`") })
    }
}
