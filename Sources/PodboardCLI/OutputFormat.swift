import ArgumentParser
import Foundation
import PodboardCore

/// `--format`: how a report is printed.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json, csv, md
}

/// `--format` of `podboard report kpi|aging|renewals|savings`: OutputFormat's, and iCalendar (renewals only).
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json, csv, md
    /// iCalendar (RFC 5545): `report renewals` only.
    case ics
}

/// Colour and emphasis for text output: ANSI escapes on a terminal, nothing otherwise or with NO_COLOR.
struct TextStyle {
    var color: Bool

    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TextStyle {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let term = environment["TERM"] ?? ""
        return TextStyle(color: !noColor && Console.isTerminal(STDOUT_FILENO) && term != "dumb" && !term.isEmpty)
    }

    func apply(_ tone: Tone, _ text: String) -> String {
        guard color, !text.isEmpty else { return text }
        let code: String
        switch tone {
        case .plain: return text
        case .breach: code = "31"
        case .warning: code = "33"
        case .ok: code = "32"
        case .muted: code = "2"
        case .strong: code = "1"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

/// Renders report tables in each output format.
enum TableRenderer {
    /// An aligned table in display cells (CJK and emoji take two), data text sanitized of control characters.
    static func text(_ t: ReportTable, style: TextStyle) -> String {
        let header = t.columns.map { DisplayWidth.sanitized($0.title) }
        let body = t.rows.map { $0.map { DisplayWidth.sanitized($0.text) } }
        var widths = header.map(DisplayWidth.of)
        for row in body { for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        var out = style.apply(.strong, DisplayWidth.sanitized(t.title)) + "\n"
        func line(_ cells: [String], tones: [Tone]?) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let padded = DisplayWidth.padded(c, toWidth: widths[i], alignRight: t.columns[i].alignRight)
                parts.append(style.apply(tones?[i] ?? .plain, padded))
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        out += style.apply(.muted, String(line(header, tones: nil).dropLast())) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for (r, row) in body.enumerated() { out += line(row, tones: t.rows[r].map(\.tone)) }
        if t.rows.isEmpty { out += style.apply(.muted, "(nothing to show)") + "\n" }
        for n in t.notes { out += DisplayWidth.sanitized(n) + "\n" }
        return out
    }

    /// RFC 4180 CSV with a header row (yaslab/CSV.swift's writer, `CSVTable.render`); fields quoted when they hold
    /// a comma, quote or line break.
    static func csv(_ t: ReportTable) -> String {
        func raw(_ c: Cell) -> String {
            switch c.value {
            case .null: return ""
            case .number(let n): return n
            case .bool(let b): return b ? "true" : "false"
            case .string(let s): return s
            // A list of plain values (roles, PODs) reads as a spreadsheet cell would: "em;buyer".
            case .array(let items) where items.allSatisfy({ if case .string = $0 { return true }; if case .number = $0 { return true }; return false }):
                return items.map { v -> String in
                    switch v { case .string(let s): return s; case .number(let n): return n; default: return "" }
                }.joined(separator: ";")
            default: return JSONWriter.compact(c.value)
            }
        }
        return CSVTable.render([t.columns.map(\.key)] + t.rows.map { $0.map(raw) })
    }

    /// A JSON document: `{"report": …, "today": …, "rows": [ {column key: typed value} ]}`.
    static func json(_ t: ReportTable, report: String, today: LocalDate, extra: [(String, JSONValue)] = []) -> String {
        var o = JSONObject()
        o["report"] = .string(report)
        o["today"] = .string(today.description)
        for (k, v) in extra { o[k] = v }
        o["rows"] = .array(t.rows.map { row in
            var r = JSONObject()
            for (i, c) in row.enumerated() where i < t.columns.count { r[t.columns[i].key] = c.value }
            return .object(r)
        })
        return JSONWriter.write(.object(o))
    }

    /// A GitHub-flavoured Markdown table under a heading.
    static func markdown(_ t: ReportTable) -> String {
        func esc(_ s: String) -> String {
            DisplayWidth.sanitized(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
        }
        var out = "## \(esc(t.title))\n\n"
        out += "| " + t.columns.map { esc($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + t.columns.map { $0.alignRight ? " ---: |" : " --- |" }.joined() + "\n"
        for row in t.rows { out += "| " + row.map { esc($0.text) }.joined(separator: " | ") + " |\n" }
        if !t.notes.isEmpty { out += "\n" + t.notes.map { esc($0) }.joined(separator: "\n\n") + "\n" }
        return out
    }
}
