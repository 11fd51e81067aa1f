import Foundation

/// One problem of an import: where (the CSV line and column) and what was expected.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    /// 1-based column number and its header; nil when the problem is the row's as a whole.
    public var column: Int?
    public var header: String?
    public var message: String

    public init(line: Int, column: Int? = nil, header: String? = nil, message: String) {
        self.line = line; self.column = column; self.header = header; self.message = message
    }

    /// `12:5 (Status): expected …`, or `12: …`.
    public var description: String {
        let at = column.map { "\(line):\($0)" } ?? "\(line)"
        return at + (header.map { " (\($0))" } ?? "") + ": " + message
    }
}

/// One CSV row turned into a store record (a JSON object in the store's format) and where each field came from.
public struct ImportRow: Sendable {
    public var line: Int
    public var record: JSONValue
    /// Field path of the record (`id`, `baseline.amount`, `history[2].at`) → 0-based column it was read from.
    public var columns: [String: Int]
    public var problems: [ImportProblem]
}

/// Turns CSV rows into records with a mapping: values, people, dates and amounts read as the mapping says;
/// a request's history is generated from its dates (docs/import.md). Checked against the store afterwards by
/// `ImportCheck`, with the rules of the store itself.
public struct ImportRows {
    public let kind: ImportKind
    public let mapping: ImportMapping
    public let store: Store
    /// The import's time (`--at`): nothing in the file may be later.
    public let at: Timestamp
    public let file: String
    /// Who imports: the `by` of generated history entries that name no one else.
    public let by: String
    let zone: Zone
    let table: CSVTable
    /// Field → column index.
    let fieldColumn: [String: Int]

    public init(kind: ImportKind, table: CSVTable, mapping: ImportMapping, store: Store, at: Timestamp, file: String, by: String) throws(ImportMapping.Problem) {
        try mapping.check(for: kind)
        self.kind = kind; self.mapping = mapping; self.store = store; self.at = at; self.file = file; self.table = table; self.by = by
        zone = Zone(identifier: store.settings.timeZone) ?? .utc
        var fc: [String: Int] = [:]
        for (col, field) in mapping.columns where field != "ignore" {
            guard let i = table.header.firstIndex(where: { ImportMapping.key($0) == ImportMapping.key(col) }) else {
                throw ImportMapping.Problem(message: "the CSV has no column \"\(col)\" (the mapping names it for \(field)); its columns: \(table.header.joined(separator: ", "))")
            }
            fc[field] = i
        }
        fieldColumn = fc
    }

    public func rows() -> [ImportRow] { table.rows.map { convert($0.line, $0.cells) } }

    // MARK: - One row

    struct Cursor {
        var record = JSONObject()
        var columns: [String: Int] = [:]
        var problems: [ImportProblem] = []
    }

    func convert(_ line: Int, _ cells: [String]) -> ImportRow {
        var c = Cursor()
        if cells.count > table.header.count {
            c.problems.append(ImportProblem(line: line, message: "the row has \(cells.count) cells, the header \(table.header.count) columns"))
        }
        let r = Reader(rows: self, line: line, cells: cells)
        switch kind {
        case .requests: request(r, &c)
        case .contracts: contract(r, &c)
        case .accounts: account(r, &c)
        }
        // A field whose cell is empty is still named by its column (a problem about it points there).
        for (field, i) in fieldColumn {
            let path = field == "baseline" ? "baseline.amount" : (field == "basis" ? "baseline.basis" : field)
            if c.columns[path] == nil { c.columns[path] = i }
        }
        return ImportRow(line: line, record: .object(c.record), columns: c.columns, problems: c.problems)
    }

    /// Reads the cells of one row.
    struct Reader {
        let rows: ImportRows
        let line: Int
        let cells: [String]

        func column(_ field: String) -> Int? { rows.fieldColumn[field] }

        /// The cell of `field`, trimmed; the mapping's default when empty; nil when neither.
        func text(_ field: String) -> String? {
            if let i = column(field), i < cells.count {
                let v = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
                if !v.isEmpty { return v }
            }
            return rows.mapping.defaults[field]
        }

        func problem(_ field: String, _ message: String) -> ImportProblem {
            let i = column(field)
            return ImportProblem(line: line, column: i.map { $0 + 1 }, header: i.map { rows.table.header[$0] }, message: message)
        }

        /// What a field needs when it is missing: the column to fill, or that the mapping names none.
        func missing(_ field: String, _ why: String) -> ImportProblem {
            if column(field) != nil { return problem(field, "\(why): this cell is empty") }
            return ImportProblem(line: line, message: "\(why): the mapping names no column for \(field) (and no default)")
        }

        /// A value through the mapping's value map of `field` (case and surrounding spaces ignored).
        func mapped(_ field: String, _ v: String) -> String { rows.mapping.values[field]?[ImportMapping.key(v)] ?? v }
    }

    func set(_ c: inout Cursor, _ field: String, _ value: JSONValue, from source: String? = nil, _ r: Reader) {
        c.record[field] = value
        if let i = r.column(source ?? field) { c.columns[field] = i }
    }

    // MARK: - Values

    /// A person: the mapping's `values.people` (names, emails), else a person id, else a person's name.
    func person(_ v: String) -> String? {
        let key = ImportMapping.key(v)
        if let id = mapping.values["people"]?[key] { return id }
        if store.person(v) != nil { return v }
        return store.people.first { ImportMapping.key($0.name) == key }?.id
    }

    func accountId(_ v: String) -> String? {
        let key = ImportMapping.key(v)
        if let id = mapping.values["account"]?[key] { return id }
        if store.account(v) != nil { return v }
        return store.accounts.first { ImportMapping.key($0.name) == key }?.id
    }

    /// An amount as the JSON number text: a currency symbol or code before or after it and the thousands
    /// separator are dropped; anything else is not an amount. Exact: the digits as written, never a binary float.
    func amount(_ v: String) -> String? {
        var t = v.trimmingCharacters(in: .whitespaces)
        // A currency code (USD 1,200 / 1,200 EUR) and currency symbols ($, €, ₹, …).
        if let r = t.range(of: #"^[A-Za-z]{3}\s*"#, options: .regularExpression) { t.removeSubrange(r) }
        if let r = t.range(of: #"\s*[A-Za-z]{3}$"#, options: .regularExpression) { t.removeSubrange(r) }
        t = String(String.UnicodeScalarView(t.unicodeScalars.filter { $0.properties.generalCategory != .currencySymbol && $0 != "\u{00A0}" && $0 != " " }))
        if !mapping.thousandsSeparator.isEmpty { t = t.replacingOccurrences(of: mapping.thousandsSeparator, with: "") }
        if mapping.decimalSeparator != "." {
            guard !t.contains(".") else { return nil }
            t = t.replacingOccurrences(of: mapping.decimalSeparator, with: ".")
        }
        guard t.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression) != nil else { return nil }
        return t
    }

    /// A point in time: epoch milliseconds or seconds, RFC 3339, or a date pattern (a date without a clock time
    /// gets the mapping's `dates.time` in the store's zone).
    func instant(_ v: String, column: Int?) -> Timestamp? {
        let format = column.flatMap { mapping.columnDateFormats[table.header[$0]] } ?? mapping.dateFormat
        switch format {
        case "epoch-ms", "epoch-s":
            guard let n = Int64(v) else { return nil }
            let s = format == "epoch-ms" ? (n >= 0 ? n / 1000 : (n - 999) / 1000) : n
            return Timestamp(epochSeconds: s, offsetSeconds: zone.offset(atEpoch: s))
        case "rfc3339":
            return Timestamp(v)
        default:
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: store.settings.timeZone) ?? TimeZone(identifier: "UTC")
            f.dateFormat = format
            f.isLenient = false
            guard let d = f.date(from: v) else { return nil }
            let secs = Int64(d.timeIntervalSince1970.rounded(.down))
            let t = Timestamp(epochSeconds: secs, offsetSeconds: zone.offset(atEpoch: secs))
            if format.contains("H") || format.contains("h") { return t }
            return zone.instant(zone.date(of: t), secondOfDay: mapping.secondOfDay)
        }
    }

    func formatName(_ column: Int?) -> String {
        column.flatMap { mapping.columnDateFormats[table.header[$0]] } ?? mapping.dateFormat
    }

    func readInstant(_ r: Reader, _ field: String, _ c: inout Cursor) -> Timestamp? {
        guard let v = r.text(field) else { return nil }
        guard let t = instant(v, column: r.column(field)) else {
            c.problems.append(r.problem(field, "expected a date as \(formatName(r.column(field))), found \"\(v)\""))
            return nil
        }
        return t
    }

    func readDate(_ r: Reader, _ field: String, _ c: inout Cursor, required: Bool, as name: String? = nil) {
        if let t = readInstant(r, field, &c) {
            set(&c, name ?? field, .string(zone.date(of: t).description), from: field, r)
        } else if required && r.text(field) == nil {
            c.problems.append(r.missing(field, "\(field) is required"))
        }
    }

    func readAmount(_ r: Reader, _ field: String, _ c: inout Cursor, required: Bool, as name: String? = nil) {
        guard let v = r.text(field) else {
            if required { c.problems.append(r.missing(field, "\(field) is required")) }
            return
        }
        guard let a = amount(v) else {
            c.problems.append(r.problem(field, "expected an amount like 52,000.00, found \"\(v)\""))
            return
        }
        set(&c, name ?? field, .number(a), from: field, r)
    }

    func readText(_ r: Reader, _ field: String, _ c: inout Cursor, required: Bool, mapped: Bool = false) {
        guard let v = r.text(field) else {
            if required { c.problems.append(r.missing(field, "\(field) is required")) }
            return
        }
        set(&c, field, .string(mapped ? r.mapped(field, v) : v), r)
    }

    func readId(_ r: Reader, _ c: inout Cursor) {
        if let v = r.text("id") { set(&c, "id", .string(mapping.idPrefix + v), r) }
    }

    func readPerson(_ r: Reader, _ field: String, _ c: inout Cursor, required: Bool) {
        guard let v = r.text(field) else {
            if required { c.problems.append(r.missing(field, "\(field) is required")) }
            return
        }
        guard let id = person(v) else {
            c.problems.append(r.problem(field, "no person \"\(v)\" in the store (give a person id or name, or add it to the mapping's values.people)"))
            return
        }
        set(&c, field, .string(id), r)
    }

    func readInt(_ r: Reader, _ field: String, _ c: inout Cursor, required: Bool) {
        guard let v = r.text(field) else {
            if required { c.problems.append(r.missing(field, "\(field) is required")) }
            return
        }
        guard let n = Int(v) else { c.problems.append(r.problem(field, "expected a whole number, found \"\(v)\"")); return }
        set(&c, field, .number(String(n)), r)
    }

    func readBool(_ r: Reader, _ field: String, _ c: inout Cursor, default d: Bool) {
        guard let v = r.text(field) else { c.record[field] = .bool(d); return }
        switch ImportMapping.key(r.mapped(field, v)) {
        case "yes", "y", "true", "1", "x": set(&c, field, .bool(true), r)
        case "no", "n", "false", "0", "": set(&c, field, .bool(false), r)
        default: c.problems.append(r.problem(field, "expected yes or no, found \"\(v)\""))
        }
    }

    // MARK: - Contracts and accounts

    func contract(_ r: Reader, _ c: inout Cursor) {
        readId(r, &c)
        if let v = r.text("account") {
            if let id = accountId(v) { set(&c, "account", .string(id), r) } else {
                c.problems.append(r.problem("account", "no account \"\(v)\" in the store (give an account id or name, or add it to the mapping's values.account)"))
            }
        } else { c.problems.append(r.missing("account", "account is required")) }
        readText(r, "tool", &c, required: true)
        readText(r, "vendor", &c, required: true)
        readText(r, "billing", &c, required: false, mapped: true)
        if c.record["billing"] == nil { c.record["billing"] = .string("annual") }
        readAmount(r, "annualValue", &c, required: true)
        readDate(r, "startsOn", &c, required: true)
        readDate(r, "endsOn", &c, required: true)
        readBool(r, "autoRenew", &c, default: false)
        if r.text("noticeDays") != nil { readInt(r, "noticeDays", &c, required: true) } else { c.record["noticeDays"] = .number("30") }
        readDate(r, "addedOn", &c, required: false)
        if c.record["addedOn"] == nil { c.record["addedOn"] = .string(zone.date(of: at).description) }
        readBool(r, "offline", &c, default: false)
        readDate(r, "sunsetOn", &c, required: false)
        readDate(r, "convertedToAnnualOn", &c, required: false)
    }

    func account(_ r: Reader, _ c: inout Cursor) {
        readId(r, &c)
        readText(r, "name", &c, required: true)
        if c.record["id"] == nil, case .string(let name)? = c.record["name"] {
            c.record["id"] = .string(mapping.idPrefix + Self.slug(name))
            if let i = r.column("name") { c.columns["id"] = i }
        }
        readText(r, "pod", &c, required: true, mapped: true)
        readPerson(r, "csm", &c, required: true)
        readDate(r, "contractSignedOn", &c, required: true)
        readDate(r, "podHandoverOn", &c, required: true)
        readDate(r, "initiatedOn", &c, required: false)
        readDate(r, "termEndsOn", &c, required: true)
        readAmount(r, "msg", &c, required: true)
        readAmount(r, "pse", &c, required: true)
        readAmount(r, "declaredATS", &c, required: true)
        readText(r, "health", &c, required: false, mapped: true)
        if c.record["health"] == nil { c.record["health"] = .string(Health.neutral.rawValue) }
        readText(r, "sentiment", &c, required: false)
        var onboarding = JSONObject()
        if let t = readInstant(r, "onboardingCompletedOn", &c) {
            onboarding["completedOn"] = .string(zone.date(of: t).description)
            if let i = r.column("onboardingCompletedOn") { c.columns["onboarding.completedOn"] = i }
        }
        onboarding["checklist"] = .array([])
        c.record["onboarding"] = .object(onboarding)
    }

    /// "Acme Corp." → "acme-corp".
    static func slug(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            if ch.isLetter || ch.isNumber { out.append(ch) } else if !out.isEmpty && out.last != "-" { out.append("-") }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "account" : out
    }
}
