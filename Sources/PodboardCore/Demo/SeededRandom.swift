/// The demo store's pseudo-random numbers: SplitMix64, seeded, so that the same options give the same
/// store on every machine.
///
/// It never uses `SystemRandomNumberGenerator`, nor the standard library's `random(in:using:)`,
/// `randomElement(using:)` or `shuffled(using:)`: how those turn raw bits into a range is an implementation
/// detail that may change between Swift versions. Ranges, choices and shuffles are computed here instead.
struct SeededRandom {
    private var state: UInt64

    /// The generator of one independent stream of a seed (each part of the demo draws from its own stream,
    /// so that changing one part does not reshuffle the others).
    init(seed: UInt64, stream: UInt64 = 0) {
        state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ 0x5DEE_CE66_D1CE_4E5B
        _ = next()
    }

    /// The next 64 random bits (SplitMix64, Steele, Lea and Flood 2014).
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number from `lo` to `hi`, both included (`lo` when `hi < lo`).
    mutating func int(_ lo: Int, _ hi: Int) -> Int {
        guard hi > lo else { return lo }
        let span = UInt64(hi - lo) + 1
        return lo + Int(next().multipliedFullWidth(by: span).high)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { int(range.lowerBound, range.upperBound) }

    /// True with the given probability in percent.
    mutating func chance(_ percent: Int) -> Bool { int(0, 99) < percent }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0, items.count - 1)] }

    /// An index drawn with the given (non-negative) weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0
        for w in weights { total += w }
        guard total > 0 else { return 0 }
        var r = int(0, total - 1)
        var i = 0
        while i < weights.count {
            if r < weights[i] { return i }
            r -= weights[i]
            i += 1
        }
        return weights.count - 1
    }

    /// Fisher–Yates, in place.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = int(0, i)
            if i != j { items.swapAt(i, j) }
        }
    }
}
