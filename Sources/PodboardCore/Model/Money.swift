import Foundation

/// Money is `Decimal`, never binary floating point. Helpers for rounding and formatting amounts.
public enum Money {
    /// True when the amount has no more than two decimal places.
    public static func isWholeCents(_ d: Decimal) -> Bool { rounded(d, scale: 2) == d }

    /// The amount rounded half away from zero (commercial rounding) to `scale` decimal places.
    public static func rounded(_ d: Decimal, scale: Int = 2) -> Decimal {
        var value = d
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// The amount with thousands separators and two decimals when it has cents: `52,000`, `1,234.50`, `-3,000`.
    public static func format(_ d: Decimal, currency: String? = nil) -> String {
        let r = rounded(d, scale: 2)
        let negative = r < 0
        let text = "\(negative ? -r : r)"
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = String(parts[0])
        var frac = parts.count > 1 ? String(parts[1]) : ""
        if !frac.isEmpty && frac.count < 2 { frac += "0" }
        var grouped = ""
        for (i, ch) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        var out = String(grouped.reversed())
        if !frac.isEmpty { out += "." + frac }
        if let currency { out = currency + " " + out }
        return negative ? "-" + out : out
    }

    /// The plain decimal text of an amount, as the store and machine-readable reports write it (`44000`, `0.18`).
    public static func plain(_ d: Decimal) -> String { "\(d)" }

    /// A share as a percentage with `digits` decimals: 0.4567 → "45.7%".
    public static func percent(_ share: Decimal, digits: Int = 1) -> String {
        let r = rounded(share * 100, scale: digits)
        var text = "\(r)"
        if digits > 0 {
            if !text.contains(".") { text += "." + String(repeating: "0", count: digits) } else {
                let frac = text.split(separator: ".")[1].count
                if frac < digits { text += String(repeating: "0", count: digits - frac) }
            }
        }
        return text + "%"
    }

    /// `a / b` as a Decimal, or nil when b is 0.
    public static func ratio(_ a: Decimal, _ b: Decimal) -> Decimal? { b == 0 ? nil : a / b }

    /// A JSON number's text as a `Decimal`, exactly. Plain numbers ("-12", "1250.50") with up to 18 digits are
    /// read digit by digit (much faster than Foundation's parser); others go through `Decimal(string:)`.
    public static func decimal(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0, fraction = 0
        var negative = false, point = false, plain = true
        for (n, b) in text.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "-") where n == 0: negative = true
            case UInt8(ascii: "."):
                if point { return nil }
                point = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if point { fraction += 1 }
                significand = significand &* 10 &+ UInt64(b - UInt8(ascii: "0"))
            default: plain = false
            }
            if !plain || digits > 18 { return Decimal(string: text, locale: posix) }
        }
        guard digits > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(significand))
    }

    static let posix = Locale(identifier: "en_US_POSIX")
}
