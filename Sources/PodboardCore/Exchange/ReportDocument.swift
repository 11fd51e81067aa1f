import Foundation

/// A report meant to leave podboard (a customer update, a POD catch-up, a monthly report): a title and sections of
/// paragraphs, bullets, tables and charts, rendered as plain text, Markdown or one self-contained HTML file. Pure:
/// the command line prints it, the UI previews it and writes it to a file, with the same text.
public struct ReportDocument: Sendable, Equatable {
    public var title: String
    /// Lines under the title (the period, the day it was made, the currency).
    public var subtitle: [String]
    public var sections: [Section]

    public init(title: String, subtitle: [String] = [], sections: [Section] = []) {
        self.title = title; self.subtitle = subtitle; self.sections = sections
    }

    public struct Section: Sendable, Equatable {
        public var heading: String
        public var blocks: [Block]
        public init(_ heading: String, _ blocks: [Block]) { self.heading = heading; self.blocks = blocks }
    }

    public enum Block: Sendable, Equatable {
        case paragraph(String)
        case bullets([String])
        case table(Table)
        case chart(Chart)
    }

    public struct Table: Sendable, Equatable {
        public var columns: [String]
        /// Columns whose figures align right.
        public var rightAligned: Set<Int>
        public var rows: [[String]]
        /// Said instead of an empty table.
        public var empty: String
        public init(columns: [String], rightAligned: Set<Int> = [], rows: [[String]], empty: String = "none") {
            self.columns = columns; self.rightAligned = rightAligned; self.rows = rows; self.empty = empty
        }
    }

    /// A line chart: one or more series over days, and an optional target line (the MSG).
    public struct Chart: Sendable, Equatable {
        public struct Series: Sendable, Equatable {
            public var label: String
            public var points: [(day: LocalDate, value: Decimal)]
            public init(label: String, points: [(day: LocalDate, value: Decimal)]) { self.label = label; self.points = points }
            public static func == (a: Series, b: Series) -> Bool {
                a.label == b.label && a.points.map(\.day) == b.points.map(\.day) && a.points.map(\.value) == b.points.map(\.value)
            }
        }
        public var title: String
        public var series: [Series]
        public var target: (label: String, value: Decimal)?
        /// How a value is written (an amount, a share).
        public var isShare: Bool
        public init(title: String, series: [Series], target: (label: String, value: Decimal)? = nil, isShare: Bool = false) {
            self.title = title; self.series = series; self.target = target; self.isShare = isShare
        }
        public static func == (a: Chart, b: Chart) -> Bool {
            a.title == b.title && a.series == b.series && a.target?.label == b.target?.label && a.target?.value == b.target?.value
                && a.isShare == b.isShare
        }
    }

    public enum Format: String, Sendable, CaseIterable {
        case text, md, html
        public var fileExtension: String { self == .text ? "txt" : rawValue }
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: return DocumentText.text(self)
        case .md: return DocumentText.markdown(self)
        case .html: return DocumentHTML.html(self)
        }
    }
}

/// Plain text and Markdown, ready to paste into an email. Data text is cleaned of control characters.
enum DocumentText {
    static func clean(_ s: String) -> String { DisplayWidth.sanitized(s) }

    static func chartLine(_ c: ReportDocument.Chart) -> [String] {
        func v(_ d: Decimal) -> String { c.isShare ? Money.percent(d) : Money.format(d) }
        var out: [String] = []
        for s in c.series {
            // At most 12 points spoken: the last of each month.
            var last: [(LocalDate, Decimal)] = []
            for p in s.points {
                if let l = last.last, l.0.startOfMonth == p.day.startOfMonth { last[last.count - 1] = (p.day, p.value) } else { last.append((p.day, p.value)) }
            }
            let shown = last.suffix(12).map { "\(monthName($0.0)) \(v($0.1))" }
            out.append(clean(s.label) + ": " + (shown.isEmpty ? "none" : shown.joined(separator: " · ")))
        }
        if let t = c.target { out.append(clean(t.label) + ": " + v(t.value)) }
        return out
    }

    static func monthName(_ d: LocalDate) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return names[d.month - 1] + " " + String(d.year)
    }

    static func text(_ doc: ReportDocument) -> String {
        var out = clean(doc.title) + "\n" + String(repeating: "=", count: max(3, DisplayWidth.of(clean(doc.title)))) + "\n"
        for s in doc.subtitle { out += clean(s) + "\n" }
        for section in doc.sections {
            out += "\n" + clean(section.heading) + "\n" + String(repeating: "-", count: max(3, DisplayWidth.of(clean(section.heading)))) + "\n"
            for (n, b) in section.blocks.enumerated() {
                switch b {
                case .paragraph(let p): out += clean(p) + "\n"
                case .bullets(let items): for i in items { out += "- " + clean(i) + "\n" }
                case .chart(let c):
                    out += (n > 0 ? "\n" : "") + clean(c.title) + "\n"
                    for l in chartLine(c) { out += "  " + l + "\n" }
                case .table(let t):
                    if t.rows.isEmpty { out += "(" + clean(t.empty) + ")\n"; continue }
                    let header = t.columns.map(clean)
                    let body = t.rows.map { $0.map(clean) }
                    var widths = header.map { DisplayWidth.of($0) }
                    for r in body { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
                    func line(_ cells: [String]) -> String {
                        var s = cells.enumerated().map { i, c in
                            DisplayWidth.padded(c, toWidth: widths[min(i, widths.count - 1)], alignRight: t.rightAligned.contains(i))
                        }.joined(separator: "  ")
                        while s.hasSuffix(" ") { s.removeLast() }
                        return s + "\n"
                    }
                    out += line(header)
                    out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
                    for r in body { out += line(r) }
                }
            }
        }
        return out
    }

    static func md(_ s: String) -> String {
        var out = ""
        for ch in clean(s) {
            if "\\|*_`[]<>#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    static func markdown(_ doc: ReportDocument) -> String {
        var out = "# " + md(doc.title) + "\n\n"
        if !doc.subtitle.isEmpty { out += doc.subtitle.map(md).joined(separator: "  \n") + "\n" }
        for section in doc.sections {
            out += "\n## " + md(section.heading) + "\n\n"
            for b in section.blocks {
                switch b {
                case .paragraph(let p): out += md(p) + "\n\n"
                case .bullets(let items): out += items.map { "- " + md($0) }.joined(separator: "\n") + "\n\n"
                case .chart(let c): out += "**" + md(c.title) + "**\n\n" + chartLine(c).map { "- " + md($0) }.joined(separator: "\n") + "\n\n"
                case .table(let t):
                    if t.rows.isEmpty { out += "_" + md(t.empty) + "_\n\n"; continue }
                    out += "| " + t.columns.map(md).joined(separator: " | ") + " |\n"
                    out += "|" + t.columns.indices.map { t.rightAligned.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
                    for r in t.rows { out += "| " + r.map(md).joined(separator: " | ") + " |\n" }
                    out += "\n"
                }
            }
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }
}

/// One self-contained HTML file: inline CSS, charts as inline SVG, no script, nothing fetched.
enum DocumentHTML {
    static func esc(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(u)
            default:
                if TerminalText.isUnsafe(u.value) { out += "&#x\(String(u.value, radix: 16, uppercase: true));" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    static let style = """
    body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d2330;max-width:900px;margin:24px auto;padding:0 16px;line-height:1.45}
    h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #d8dce4;padding-bottom:4px}
    p.sub{color:#5b6475;margin:2px 0}table{border-collapse:collapse;margin:8px 0 12px;font-size:14px}
    th,td{border-bottom:1px solid #e4e7ee;padding:4px 10px;text-align:left;vertical-align:top}th{background:#f3f5f9}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}p.empty{color:#5b6475;font-style:italic}
    figure{margin:8px 0 16px}figcaption{font-size:13px;color:#5b6475}svg text{font-size:11px;fill:#5b6475}
    """

    static func html(_ doc: ReportDocument) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(esc(doc.title))</title>\n<style>\n\(style)\n</style>\n</head>\n<body>\n"
        out += "<h1>\(esc(doc.title))</h1>\n"
        for s in doc.subtitle { out += "<p class=\"sub\">\(esc(s))</p>\n" }
        for section in doc.sections {
            out += "<section>\n<h2>\(esc(section.heading))</h2>\n"
            for b in section.blocks {
                switch b {
                case .paragraph(let p): out += "<p>\(esc(p))</p>\n"
                case .bullets(let items): out += "<ul>\n" + items.map { "<li>\(esc($0))</li>\n" }.joined() + "</ul>\n"
                case .chart(let c): out += svg(c)
                case .table(let t):
                    if t.rows.isEmpty { out += "<p class=\"empty\">\(esc(t.empty))</p>\n"; continue }
                    out += "<table>\n<thead><tr>"
                    for (i, c) in t.columns.enumerated() { out += t.rightAligned.contains(i) ? "<th class=\"num\">\(esc(c))</th>" : "<th>\(esc(c))</th>" }
                    out += "</tr></thead>\n<tbody>\n"
                    for r in t.rows {
                        out += "<tr>"
                        for (i, c) in r.enumerated() { out += t.rightAligned.contains(i) ? "<td class=\"num\">\(esc(c))</td>" : "<td>\(esc(c))</td>" }
                        out += "</tr>\n"
                    }
                    out += "</tbody>\n</table>\n"
                }
            }
            out += "</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    static func num(_ d: Double) -> String { String(format: "%.1f", d) }

    /// A line chart as inline SVG: each series a polyline, the target a dashed line, the first and last day and the
    /// top value as labels. Drawing coordinates only are floating point; amounts stay Decimal.
    static func svg(_ c: ReportDocument.Chart) -> String {
        let w = 640.0, h = 220.0, left = 70.0, right = 12.0, top = 14.0, bottom = 28.0
        let all = c.series.flatMap(\.points)
        let days = all.map(\.day)
        guard let first = days.min(), let last = days.max() else {
            return "<figure><figcaption>\(esc(c.title)): nothing to plot yet</figcaption></figure>\n"
        }
        var high = all.map(\.value).max() ?? 0
        if let t = c.target { high = max(high, t.value) }
        if high <= 0 { high = 1 }
        let span = Double(max(1, first.days(to: last)))
        func x(_ d: LocalDate) -> Double { left + (w - left - right) * Double(first.days(to: d)) / span }
        func y(_ v: Decimal) -> Double { top + (h - top - bottom) * (1 - NSDecimalNumber(decimal: v / high).doubleValue) }
        func label(_ v: Decimal) -> String { c.isShare ? Money.percent(v, digits: 0) : Money.format(Money.rounded(v, scale: 0)) }
        let colors = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1"]
        var out = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-label=\"\(esc(c.title))\">\n"
        out += "<line x1=\"\(num(left))\" y1=\"\(num(h - bottom))\" x2=\"\(num(w - right))\" y2=\"\(num(h - bottom))\" stroke=\"#9aa3b2\" stroke-width=\"1\"/>\n"
        out += "<line x1=\"\(num(left))\" y1=\"\(num(top))\" x2=\"\(num(left))\" y2=\"\(num(h - bottom))\" stroke=\"#9aa3b2\" stroke-width=\"1\"/>\n"
        out += "<text x=\"\(num(left - 6))\" y=\"\(num(top + 4))\" text-anchor=\"end\">\(esc(label(high)))</text>\n"
        out += "<text x=\"\(num(left - 6))\" y=\"\(num(h - bottom))\" text-anchor=\"end\">0</text>\n"
        out += "<text x=\"\(num(left))\" y=\"\(num(h - 8))\">\(first)</text>\n"
        out += "<text x=\"\(num(w - right))\" y=\"\(num(h - 8))\" text-anchor=\"end\">\(last)</text>\n"
        if let t = c.target {
            out += "<line x1=\"\(num(left))\" y1=\"\(num(y(t.value)))\" x2=\"\(num(w - right))\" y2=\"\(num(y(t.value)))\" stroke=\"#c53030\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
            out += "<text x=\"\(num(w - right))\" y=\"\(num(y(t.value) - 4))\" text-anchor=\"end\">\(esc(t.label)) \(esc(label(t.value)))</text>\n"
        }
        for (i, s) in c.series.enumerated() where !s.points.isEmpty {
            // A step line: a figure to date holds until the next change.
            var coords: [String] = []
            for (k, p) in s.points.enumerated() {
                if k > 0 { coords.append("\(num(x(p.day))),\(num(y(s.points[k - 1].value)))") }
                coords.append("\(num(x(p.day))),\(num(y(p.value)))")
            }
            let pts = coords.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"\(colors[i % colors.count])\" stroke-width=\"2\" points=\"\(pts)\"/>\n"
        }
        out += "</svg>\n<figcaption>\(esc(c.title)): "
        out += c.series.enumerated().map { i, s in "<span style=\"color:\(colors[i % colors.count])\">■</span> \(esc(s.label))" }.joined(separator: " · ")
        if let t = c.target { out += " · <span style=\"color:#c53030\">- -</span> \(esc(t.label))" }
        out += "</figcaption>\n</figure>\n"
        return out
    }
}
