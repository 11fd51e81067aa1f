/// An instant written as RFC 3339 with an offset (`2026-11-02T10:15:00+05:30`). The text is kept, so a
/// store is written back as it was read.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// Nanoseconds within the second.
    public let nanoseconds: Int32
    /// The offset from UTC the text was written with, in seconds.
    public let offsetSeconds: Int32
    /// The RFC 3339 text.
    public let text: String

    /// Parses RFC 3339: `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`. The `T` may be lowercase or a space.
    public init?(_ text: String) {
        var bytes = text
        guard let (epoch, nanos, offset) = bytes.withUTF8({ Self.parse($0) }) else { return nil }
        self.epochSeconds = epoch
        self.nanoseconds = nanos
        self.offsetSeconds = offset
        self.text = text
    }

    /// Parses the UTF-8 of an RFC 3339 text in place (a store holds hundreds of thousands: nothing is allocated).
    static func parse(_ u: UnsafeBufferPointer<UInt8>) -> (epoch: Int64, nanos: Int32, offset: Int32)? {
        guard u.count >= 20, let date = LocalDate.parse(UnsafeBufferPointer(rebasing: u[0..<10])) else { return nil }
        guard u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t") || u[10] == 0x20 else { return nil }
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count else { return nil }
            var v = 0
            for k in a..<(a + n) { guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }; v = v * 10 + Int(u[k] - 0x30) }
            return v
        }
        guard let hh = num(11, 2), u[13] == UInt8(ascii: ":"), let mm = num(14, 2), u[16] == UInt8(ascii: ":"),
              let ss = num(17, 2), hh < 24, mm < 60, ss < 61 else { return nil }
        var k = 19
        var nanos = 0
        if k < u.count, u[k] == UInt8(ascii: ".") {
            k += 1
            var digits = 0
            while k < u.count, u[k] >= 0x30, u[k] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int(u[k] - 0x30) }
                digits += 1; k += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        guard k < u.count else { return nil }
        var offset = 0
        if u[k] == UInt8(ascii: "Z") || u[k] == UInt8(ascii: "z") {
            k += 1
        } else if u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-") {
            let sign = u[k] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = num(k + 1, 2), k + 3 < u.count, u[k + 3] == UInt8(ascii: ":"), let om = num(k + 4, 2),
                  oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
            k += 6
        } else {
            return nil
        }
        guard k == u.count else { return nil }
        let local = Int64(date.dayNumber) * 86400 + Int64(hh * 3600 + mm * 60 + min(ss, 59))
        return (local - Int64(offset), Int32(nanos), Int32(offset))
    }

    /// The instant `epochSeconds`, written with the given offset.
    public init(epochSeconds: Int64, offsetSeconds: Int = 0) {
        self.epochSeconds = epochSeconds
        self.nanoseconds = 0
        self.offsetSeconds = Int32(offsetSeconds)
        let local = epochSeconds + Int64(offsetSeconds)
        let day = LocalDate(dayNumber: Int((local >= 0 ? local : local - 86399) / 86400))
        let sod = Int(local - Int64(day.dayNumber) * 86400)
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var t = "\(day)T\(pad(sod / 3600)):\(pad(sod / 60 % 60)):\(pad(sod % 60))"
        if offsetSeconds == 0 { t += "Z" } else {
            let a = abs(offsetSeconds)
            t += (offsetSeconds < 0 ? "-" : "+") + "\(pad(a / 3600)):\(pad(a / 60 % 60))"
        }
        self.text = t
    }

    public var description: String { text }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.epochSeconds, a.nanoseconds) < (b.epochSeconds, b.nanoseconds)
    }
    /// Equal instants are equal, whatever offset they were written with.
    public static func == (a: Timestamp, b: Timestamp) -> Bool {
        a.epochSeconds == b.epochSeconds && a.nanoseconds == b.nanoseconds
    }
    public func hash(into h: inout Hasher) { h.combine(epochSeconds); h.combine(nanoseconds) }
}
