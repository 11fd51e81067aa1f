import Foundation
import Testing
@testable import PodboardCore

/// The loader's fuzz target (issue 11): mutations of the demo store and the fixtures go through
/// `StoreFile.decode`; it never crashes or hangs, and every problem it reports has a line:column.
///
/// `swift test` runs a bounded corpus (a few seconds); a longer run:
/// `PODBOARD_FUZZ_ITERATIONS=100000 swift test --filter Fuzz` (`PODBOARD_FUZZ_SEED=N` for another corpus).
@Suite("Loader fuzz")
struct LoaderFuzzTests {
    static var iterations: Int { Int(ProcessInfo.processInfo.environment["PODBOARD_FUZZ_ITERATIONS"] ?? "") ?? 400 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["PODBOARD_FUZZ_SEED"] ?? "") ?? 11 }

    /// The seeds of the corpus: a small demo store and the store fixtures.
    static let corpus: [[UInt8]] = [
        StoreFile.encode(DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!, accounts: 6, requests: 40))),
        Array(StoreFixtures.example.utf8),
        StoreFile.encode(WF.store()),
    ]

    /// Hostile pieces a mutation inserts.
    static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\u0000", "null", "true", "-", "1e999", "-0",
        "0.000000000000000000000000000000000000000001", String(repeating: "9", count: 60), "\u{1B}]0;x\u{07}",
        "\u{202E}", "\u{200D}", "👨‍👩‍👧", "\"a\":1,\"a\":2", String(repeating: "[", count: 600), "\u{FEFF}", "\n", "\r",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00], [0x80]]

    static func mutate(_ input: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var b = input
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            guard !b.isEmpty else { b = tokens[Int(rng.next() % UInt64(tokens.count))]; continue }
            let at = Int(rng.next() % UInt64(b.count))
            switch rng.next() % 6 {
            case 0: b[at] = UInt8(truncatingIfNeeded: rng.next())  // flip a byte
            case 1: b.remove(at: at)
            case 2: b.insert(contentsOf: tokens[Int(rng.next() % UInt64(tokens.count))], at: at)
            case 3: b.removeSubrange(at..<min(b.count, at + Int(rng.next() % 200)))  // cut a piece
            case 4:  // copy a piece elsewhere (duplicate members, nested values)
                let from = Int(rng.next() % UInt64(b.count)), n = Int(rng.next() % 120)
                b.insert(contentsOf: Array(b[from..<min(b.count, from + n)]), at: at)
            default: b = Array(b[..<at])  // truncated file
            }
        }
        return b
    }

    @Test func mutatedStoresNeverCrashHangOrLoseAPosition() {
        var rng = SeededRandom(seed: Self.seed)
        let n = Self.iterations
        var slowest = 0.0, invalid = 0
        for i in 0..<n {
            let input = Self.mutate(Self.corpus[i % Self.corpus.count], &rng)
            let start = Date()
            let (store, problems) = StoreFile.decode(input)
            slowest = max(slowest, Date().timeIntervalSince(start))
            if store == nil { invalid += 1 }
            #expect(store != nil || !problems.isEmpty, "iteration \(i): neither a store nor a problem")
            for p in problems {
                guard let at = p.position, at.line >= 1, at.column >= 1 else {
                    Issue.record("iteration \(i) (seed \(Self.seed)): a problem without a line:column: \(p)")
                    continue
                }
                #expect(p.description.count < 1000, "iteration \(i): a problem of \(p.description.count) characters")
            }
        }
        #expect(slowest < 2, "one mutation took \(slowest) s to load")
        #expect(invalid > n / 2, "the mutations mostly break the store (\(invalid) of \(n))")
    }
}
