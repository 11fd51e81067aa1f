import Foundation
import PodboardCore

/// How a cell should stand out; the table renderer maps it to a colour on a terminal.
enum Tone: Sendable {
    case plain, breach, warning, ok, muted, strong
}

/// One cell: the text people read, and the typed value machine formats write.
struct Cell: Sendable {
    var text: String
    var value: JSONValue
    var tone: Tone = .plain

    init(_ text: String, tone: Tone = .plain) { self.text = text; self.value = .string(text); self.tone = tone }
    init(text: String, value: JSONValue, tone: Tone = .plain) { self.text = text; self.value = value; self.tone = tone }

    static let empty = Cell(text: "", value: .null)

    static func date(_ d: LocalDate?) -> Cell { d.map { Cell(text: $0.description, value: .string($0.description)) } ?? .empty }
    static func int(_ v: Int, tone: Tone = .plain) -> Cell { Cell(text: String(v), value: .number(String(v)), tone: tone) }
    static func money(_ d: Decimal?, tone: Tone = .plain) -> Cell {
        guard let d else { return .empty }
        return Cell(text: Money.format(d), value: .number(Money.plain(Money.rounded(d))), tone: tone)
    }
    static func percent(_ d: Decimal?, tone: Tone = .plain) -> Cell {
        guard let d else { return .empty }
        return Cell(text: Money.percent(d), value: .number(Money.plain(Money.rounded(d, scale: 4))), tone: tone)
    }
    static func bool(_ b: Bool) -> Cell { Cell(text: b ? "yes" : "no", value: .bool(b)) }
    static func optional(_ s: String?) -> Cell { s.map { Cell($0) } ?? .empty }
}

/// A column: its key in JSON/CSV, its heading, and whether numbers align right.
struct Column: Sendable {
    var key: String
    var title: String
    var alignRight = false
}

/// A report as rows and columns, rendered as a table, CSV, JSON or Markdown.
struct ReportTable: Sendable {
    var title: String
    var columns: [Column]
    var rows: [[Cell]] = []
    /// Lines printed under a table (totals, notes); not part of CSV.
    var notes: [String] = []
}
