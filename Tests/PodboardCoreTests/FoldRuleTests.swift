import Foundation
import Testing
@testable import PodboardCore

/// Issue 10: a big store folds by the size of its journal relative to the file (the whole file is written once
/// per 1/32 of its size of journal), not every 200 actions; a small store as before.
@Suite("Store engine: when a big store folds")
struct FoldRuleTests {
    /// The demo store made "big" (every store is, with `bigStore` 0): 200 actions no longer fold it; the journal
    /// reaching the share of the file does, once.
    @Test func aBigStoreFoldsByJournalSizeNotByCount() throws {
        let f = try JournalFixture()
        let fileBytes = try #require(f.bytes(f.path)).count
        let (s, _) = try StoreSession.open(f.path)
        s.bigStore = 0
        s.foldEvery = 1
        s.foldBytes = 0
        // The journal may grow to 1/share of the file: about three lines here.
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        let line = f.journalLines().last?.utf8.count ?? 0
        s.foldShare = max(1, fileBytes / (line * 3))
        try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:01"))
        #expect(f.exists(f.journal), "foldEvery 1 would have folded a small store")
        #expect(!f.exists(f.bak))
        try s.perform(JournalFixture.handOver, by: "omar", at: JournalFixture.at("10:02"))
        for i in 0..<4 where f.exists(f.journal) {
            try s.perform(JournalFixture.update("call \(i)"), by: "ben", at: JournalFixture.at("10:0\(3 + i)"))
        }
        #expect(!f.exists(f.journal), "folded once the journal reached 1/\(s.foldShare) of the file")
        #expect(f.exists(f.bak))
        #expect(try f.load() == s.store)
    }

    /// A small store keeps the count rule.
    @Test func aSmallStoreStillFoldsEveryFoldEveryActions() throws {
        let f = try JournalFixture()
        let (s, _) = try StoreSession.open(f.path)
        #expect(try #require(f.bytes(f.path)).count < s.bigStore)
        s.foldEvery = 2
        try s.perform(JournalFixture.baseline(), by: "omar", at: JournalFixture.at("10:00"))
        #expect(f.exists(f.journal))
        try s.perform(JournalFixture.qualify, by: "omar", at: JournalFixture.at("10:01"))
        #expect(!f.exists(f.journal))
    }
}
