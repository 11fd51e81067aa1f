import Foundation
import PodboardCore

/// How values are written on screen.
enum Format {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "2026-11-24".
    static func date(_ d: LocalDate?) -> String { d.map { $0.description } ?? "–" }

    /// "Nov 24".
    static func short(_ d: LocalDate) -> String { "\(months[d.month - 1]) \(d.day)" }

    /// "November 2026" style month title: "Nov 2026".
    static func month(_ d: LocalDate) -> String { "\(months[d.month - 1]) \(d.year)" }

    /// A timestamp in the store's time zone: "2026-11-20 14:05".
    static func time(_ t: Timestamp?, _ zone: Zone) -> String {
        t.map(zone.clockText) ?? "–"
    }

    static func money(_ d: Decimal?, _ currency: String) -> String {
        guard let d else { return "–" }
        return Money.format(d, currency: currency)
    }

    static func percent(_ d: Decimal?) -> String { d.map { Money.percent($0) } ?? "–" }

    /// "12d".
    static func days(_ n: Int) -> String { "\(n)d" }

    /// A flag's short form, for where its full name does not fit: "breach", "due", "stale", "esc", "hold".
    static func short(_ f: AgingFlag) -> String {
        switch f {
        case .breached: return "breach"
        case .dueSoon: return "due"
        case .stale: return "stale"
        case .escalated: return "esc"
        case .onHold: return "hold"
        }
    }

    /// Flags in at most `width` cells: their names ("breached stale"), else their short forms ("breach stale esc").
    static func flags(_ flags: [AgingFlag], width: Int = .max, separator: String = " ") -> String {
        let full = flags.map(\.rawValue).joined(separator: separator)
        return DisplayWidth.of(full) <= width ? full : flags.map(short).joined(separator: separator)
    }

    /// A person's name in at most `width` cells: whole, else first name and initials ("Sven L."), else cut.
    static func person(_ name: String, width: Int) -> String {
        guard DisplayWidth.of(name) > width else { return name }
        let words = name.split(separator: " ")
        guard words.count > 1 else { return name }
        return words[0] + " " + words.dropFirst().compactMap { $0.first.map { String($0) + "." } }.joined()
    }

    /// "1 day", "3 days": a count and its noun, singular for one.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String { Plural.count(n, singular, plural) }

    /// Text broken at spaces into lines of at most `width` cells (a word longer than that stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in DisplayWidth.sanitized(text).split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) <= width || line.isEmpty { line = candidate } else { lines.append(line); line = String(word) }
        }
        lines.append(line)
        return lines
    }

    /// Text padded or cut to exactly `width` cells, right-aligned when asked.
    static func fit(_ s: String, _ width: Int, right: Bool = false) -> String {
        DisplayWidth.padded(DisplayWidth.sanitized(s), toWidth: width, alignRight: right)
    }
}
