import CSV
import Foundation

/// A CSV file read with yaslab/CSV.swift (RFC 4180: quoted commas, quotes and line breaks), with the physical line
/// each row starts on, so that a problem is named `line:column` as a spreadsheet shows it.
public struct CSVTable: Sendable {
    public var header: [String]
    /// Each data row: its cells and the 1-based line of the file it starts on. Blank lines are left out.
    public var rows: [(line: Int, cells: [String])]

    public enum ReadError: Error, Sendable, CustomStringConvertible {
        case unreadable(String)
        public var description: String { switch self { case .unreadable(let m): return m } }
    }

    /// Reads CSV text (a UTF-8 byte order mark is dropped). The first row is the header.
    public static func parse(_ text: String) throws(ReadError) -> CSVTable {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: false) } catch {
            throw .unreadable("cannot read the CSV: \(error)")
        }
        var line = 1
        var header: [String]?
        var rows: [(line: Int, cells: [String])] = []
        while let row = reader.next() {
            let start = line
            // A row takes one line, plus one more for each line break inside its quoted cells.
            line += 1 + row.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            if row.count == 1 && row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if header == nil {
                header = row.map { $0.trimmingCharacters(in: .whitespaces) }
            } else {
                rows.append((start, row))
            }
        }
        if let e = reader.error { throw .unreadable("cannot read the CSV: \(e)") }
        guard let header else { throw .unreadable("the CSV is empty: expected a header row naming the columns") }
        return CSVTable(header: header, rows: rows)
    }

    /// Line breaks inside a cell: CR LF, LF or CR each count once.
    static func lineBreaks(in s: String) -> Int {
        var n = 0
        var lastCR = false
        for u in s.unicodeScalars {
            if u == "\r" { n += 1; lastCR = true } else { if u == "\n" && !lastCR { n += 1 }; lastCR = false }
        }
        return n
    }

    public static func read(path: String) throws(ReadError) -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable("\(path) is not UTF-8 text") }
        return try parse(text)
    }
}

extension CSVTable {
    /// CSV text (RFC 4180, CRLF after every row) written with yaslab/CSV.swift's `CSVWriter`: a field is quoted when
    /// it holds a comma, a quote or a line break, and its quotes doubled. The reports' `--format csv` use it.
    public static func render(_ rows: [[String]]) -> String {
        guard let writer = try? CSVWriter(stream: .toMemory(), newline: .crlf) else { return "" }
        for row in rows { try? writer.write(row: row) }
        writer.stream.close()
        guard let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "" }
        let text = String(decoding: data, as: UTF8.self)
        return rows.isEmpty ? text : text + "\r\n"
    }
}
