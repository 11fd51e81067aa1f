import Foundation

/// A strip of block characters, one per value: `▁▂▃▄▅▆▇█` scaled so that `█` is `top` (the largest value when
/// not given, or when a value is larger); 0 or less is a blank, any value above 0 at least `▁`. Pure.
public enum Sparkline {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The strip; with `width`, only the last `width` values (the most recent) are drawn.
    public static func render(_ values: [Decimal], top: Decimal? = nil, width: Int? = nil) -> String {
        var shown = values
        if let width { shown = Array(values.suffix(max(0, width))) }
        let highest = shown.max() ?? 0
        let scale = max(top ?? highest, highest)
        guard scale > 0 else { return String(repeating: " ", count: shown.count) }
        return String(shown.map { v -> Character in
            guard v > 0 else { return " " }
            // ceil(v / scale × 8), from 1 to 8.
            let eighths = NSDecimalNumber(decimal: v * 8 / scale).doubleValue
            let level = min(8, max(1, Int(eighths.rounded(.up))))
            return levels[level - 1]
        })
    }
}
