import Foundation

extension Money {
    /// The most significant digits podboard's `Decimal` always holds exactly.
    public static let exactDigits = 38

    /// Whether `d` (read from the JSON number `text`) is exactly the number written: false when the text has
    /// more significant digits than `Decimal` holds, or an exponent out of its range (it would be rounded, and
    /// the next save would write another value than the file's).
    public static func isExact(_ text: String, _ d: Decimal) -> Bool {
        if d.isNaN { return false }
        // The fast path of `decimal`: a plain number of at most 18 digits is always exact.
        if text.utf8.count <= 19, !text.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) { return true }
        guard let written = normalized(text), let held = normalized("\(d)") else { return false }
        return written.digits.count <= exactDigits && written == held
    }

    /// A number's sign, significant digits (no leading or trailing zeros) and exponent of the last digit.
    static func normalized(_ text: String) -> (negative: Bool, digits: [UInt8], exponent: Int)? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var fraction = 0, point = false, exponent = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits.append(b); if point { fraction += 1 }
            } else if b == UInt8(ascii: ".") && !point {
                point = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                let rest = String(decoding: bytes[(i + 1)...], as: UTF8.self)
                guard let e = Int(rest.hasPrefix("+") ? String(rest.dropFirst()) : rest) else { return nil }
                exponent = e
                break
            } else {
                return nil
            }
            i += 1
        }
        guard !digits.isEmpty else { return nil }
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        var exp = exponent - fraction
        while digits.last == UInt8(ascii: "0") { digits.removeLast(); exp += 1 }
        if digits.isEmpty { return (false, [], 0) }
        return (negative, digits, exp)
    }
}
