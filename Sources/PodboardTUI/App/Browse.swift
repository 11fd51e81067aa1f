import Foundation
import PodboardCore

/// A pane's `/` filter and its sort (issue 15): kept per pane, remembered between sessions (UIStateFile).
public struct PaneBrowse: Sendable, Equatable, Codable {
    /// Text typed with `/`: a row is shown when any of its visible texts (flags included) contains it.
    public var filter = ""
    /// The column sorted on (an index into the pane's columns); nil: the pane's default order.
    public var sortColumn: Int?
    public var descending = false
    public init(filter: String = "", sortColumn: Int? = nil, descending: Bool = false) {
        self.filter = filter; self.sortColumn = sortColumn; self.descending = descending
    }
    public var isDefault: Bool { filter.isEmpty && sortColumn == nil }
}

/// Filtering and sorting of a pane's rows by their texts.
public enum Browse {
    /// The panes `/` filters, and those `<` `>` sort (tables).
    public static let filterable: Set<Pane> = [.board, .aging, .renewals, .accounts, .escalations]
    public static let sortable: Set<Pane> = [.aging, .renewals, .accounts, .escalations]

    /// Whether `needle` (already lowercased) is in any of the texts.
    static func matches(_ texts: [String], _ needle: String) -> Bool {
        needle.isEmpty || texts.contains { $0.lowercased().contains(needle) }
    }

    /// The rows that match the filter, sorted on the chosen column (stable: ties keep the default order).
    static func apply<R>(_ rows: [R], _ b: PaneBrowse, texts: (R) -> [String], sortKeys: ((R) -> [String])? = nil) -> [R] {
        let needle = b.filter.lowercased()
        var out = needle.isEmpty ? rows : rows.filter { matches(texts($0), needle) }
        guard let column = b.sortColumn else { return out }
        var keyed: [(Int, SortKey, R)] = []
        for (i, r) in out.enumerated() {
            let keys = sortKeys.map { $0(r) } ?? texts(r)
            keyed.append((i, SortKey(keys.indices.contains(column) ? keys[column] : ""), r))
        }
        let descending = b.descending
        keyed.sort { a, c in
            if a.1 != c.1 { return descending ? c.1 < a.1 : a.1 < c.1 }
            return a.0 < c.0
        }
        out = keyed.map { $0.2 }
        return out
    }

    /// A cell's text as it sorts: amounts, counts, days and percentages by their number; "–" (nothing) last;
    /// other texts alphabetically, ignoring case.
    struct SortKey: Comparable {
        let number: Decimal?
        let text: String
        init(_ s: String) {
            text = s.lowercased()
            number = Self.number(s)
        }
        static func number(_ s: String) -> Decimal? {
            var t = s.trimmingCharacters(in: .whitespaces)
            // A currency code before the amount ("USD 24,000"), a unit after it ("12d", "62%", "48k").
            if let sp = t.firstIndex(of: " "), t[..<sp].allSatisfy({ $0.isUppercase }) { t = String(t[t.index(after: sp)...]) }
            var scale: Decimal = 1
            if let last = t.last {
                switch last {
                case "d", "%": t.removeLast()
                case "k": t.removeLast(); scale = 1000
                case "M": t.removeLast(); scale = 1_000_000
                default: break
                }
            }
            t = t.replacingOccurrences(of: ",", with: "")
            guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
                  t.contains(where: \.isNumber), let d = Decimal(string: t) else { return nil }
            return d * scale
        }
        static func < (a: SortKey, b: SortKey) -> Bool {
            let aNone = a.text == "–" || a.text.isEmpty, bNone = b.text == "–" || b.text.isEmpty
            if aNone != bNone { return bNone }
            switch (a.number, b.number) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.text < b.text
            }
        }
    }

    /// The pane's filter and sort (aging's text filter is its own field, `AgingState.text`).
    static func state(_ state: AppState, _ pane: Pane) -> PaneBrowse {
        var b = state.browse[pane] ?? PaneBrowse()
        if pane == .aging { b.filter = state.aging.text }
        return b
    }

    static func setFilter(_ state: inout AppState, _ pane: Pane, _ text: String) {
        if pane == .aging { state.aging.text = text } else { state.browse[pane, default: PaneBrowse()].filter = text }
        resetCursor(&state, pane)
    }

    static func resetCursor(_ state: inout AppState, _ pane: Pane) {
        switch pane {
        case .aging: state.aging.cursor = ListCursor()
        case .renewals: state.renewals = ListCursor()
        case .accounts: state.accounts = ListCursor()
        case .escalations: state.escalations.cursor = ListCursor()
        case .board: state.board = BoardState()
        default: break
        }
    }

    /// The column titles of a table pane (sorting names them).
    static func columnTitles(_ pane: Pane) -> [String] {
        switch pane {
        case .aging: return AgingView.columns.map(\.title)
        case .renewals: return RenewalsView.columns.map(\.title)
        case .accounts: return AccountsView.columns.map(\.title)
        case .escalations: return EscalationsView.columns.map(\.title)
        default: return []
        }
    }

    /// `>` / `<`: the next / previous column to sort on, the default order between the last and the first.
    static func stepSort(_ state: inout AppState, forward: Bool) {
        let pane = state.pane
        let n = columnTitles(pane).count
        var b = state.browse[pane] ?? PaneBrowse()
        if let c = b.sortColumn {
            let next = c + (forward ? 1 : -1)
            b.sortColumn = (0..<n).contains(next) ? next : nil
        } else {
            b.sortColumn = forward ? 0 : n - 1
        }
        state.browse[pane] = b
        resetCursor(&state, pane)
        state.message = StatusMessage(sortMessage(pane, b))
    }

    /// `~`: the other order.
    static func flipSort(_ state: inout AppState) {
        var b = state.browse[state.pane] ?? PaneBrowse()
        b.descending.toggle()
        state.browse[state.pane] = b
        resetCursor(&state, state.pane)
        state.message = StatusMessage(sortMessage(state.pane, b))
    }

    static func sortMessage(_ pane: Pane, _ b: PaneBrowse) -> String {
        guard let c = b.sortColumn, columnTitles(pane).indices.contains(c) else {
            return "default order" + (pane == .aging ? ": most severe, then oldest" : "")
        }
        return "sorted by " + columnTitles(pane)[c] + (b.descending ? " ▼ (descending)" : " ▲ (ascending)")
    }

    /// A column title with the sort arrow when the table is sorted on it.
    static func title(_ title: String, column: Int, _ b: PaneBrowse?) -> String {
        guard let b, b.sortColumn == column else { return title }
        return title + (b.descending ? "▼" : "▲")
    }

    /// The filter as the pane's title shows it: ` · /"escal"`.
    static func filterSpan(_ b: PaneBrowse) -> StyledLine {
        b.filter.isEmpty ? [] : [Span(" · /", .muted), Span("\"" + DisplayWidth.sanitized(b.filter) + "\"", .focus)]
    }
}
