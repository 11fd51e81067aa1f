import PodboardCore

/// One line of the command palette: a command of the keymap, or a request, account, contract or person.
public struct PaletteItem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case command(Command)
        case open(DetailTarget)
        /// A person: the aging pane of every POD, filtered by their name.
        case person(String)
    }
    public var kind: Kind
    /// What the fuzzy match looks in, lowercased once: the key and label, or the id and name.
    public var text: String
    /// The key of a command, or the id of a record (shown first, bold).
    public var lead: String
    /// The rest of the line.
    public var label: String
    /// Why a command cannot run now (shown greyed); nil when it can.
    public var unavailable: String?
    /// Ids are matched whole first: `:REQ-1042` Enter opens it.
    var id: String?
    /// `text` as UTF-8, for matching without building strings per key.
    var bytes: [UInt8] = []

    init(kind: Kind, text: String, lead: String, label: String, unavailable: String? = nil, id: String? = nil) {
        self.kind = kind; self.text = text; self.lead = lead; self.label = label; self.unavailable = unavailable; self.id = id
        bytes = Array(text.utf8)
    }
}

/// The open palette: what is typed, the matches and the cursor.
public struct PaletteState: Sendable, Equatable {
    public var query = ""
    public var cursor = ListCursor()
    /// The commands of the view under the palette, with why each cannot run now (listed when it opens).
    var commands: [PaletteItem] = []
    public var results: [PaletteItem] = []
    /// The query the matches below are for, and every match (uncut, as indices into commands + records): a
    /// longer query narrows them instead of matching everything again.
    var matchedQuery: String?
    var matches: [Int] = []
    public init() {}
}

public enum Palette {
    /// The most lines the palette lists for a query.
    static let maxResults = 300

    /// The commands of the view under the palette (its scope and layers), each with why it cannot run now.
    static func commands(_ state: AppState) -> [PaletteItem] {
        let scope = Screen.scope(state)
        let selected = ActionForms.selectedRequest(state)
        var out: [PaletteItem] = []
        var seen = Set<Command>()
        for s in scope.layered {
            for b in Keymap.bindings(in: s) where !seen.contains(b.command) {
                switch b.command {
                case .edit, .mouse, .palette, .up, .down, .pageUp, .pageDown, .left, .right, .redraw: continue
                default: break
                }
                seen.insert(b.command)
                let why = AppUpdate.unavailable(b.command, state, selectedRequest: selected)
                out.append(PaletteItem(kind: .command(b.command), text: (b.keyNames + " " + b.label).lowercased(), lead: b.keyNames,
                                       label: b.label, unavailable: why))
            }
        }
        // Those that can run first, each group in keymap order.
        return out.filter { $0.unavailable == nil } + out.filter { $0.unavailable != nil }
    }

    /// Every request, account, contract and person of the store, derived once per store revision.
    static func records(_ state: AppState) -> [PaletteItem] {
        state.data.models.model("palette.records") {
            let store = state.data.store
            var out: [PaletteItem] = []
            out.reserveCapacity(store.requests.count + store.accounts.count + store.contracts.count + store.people.count)
            for r in store.requests {
                let label = "request · " + r.tool + " · " + state.data.accountName(r.account) + " · " + r.status.rawValue
                out.append(PaletteItem(kind: .open(.request(r.id)), text: (r.id + " " + label).lowercased(), lead: r.id, label: label, id: r.id))
            }
            for a in store.accounts {
                out.append(PaletteItem(kind: .open(.account(a.id)), text: (a.id + " " + a.name).lowercased(), lead: a.id,
                                       label: "account · " + a.name, id: a.id))
            }
            for c in store.contracts {
                let label = "contract · " + c.tool + " · " + c.vendor + " · " + state.data.accountName(c.account)
                out.append(PaletteItem(kind: .open(.account(c.account)), text: (c.id + " " + label).lowercased(), lead: c.id, label: label, id: c.id))
            }
            for p in store.people {
                let label = "person · " + p.name + " · " + p.roles.map(\.rawValue).joined(separator: ", ")
                out.append(PaletteItem(kind: .person(p.id), text: (p.id + " " + label).lowercased(), lead: p.id, label: label, id: p.id))
            }
            return out
        }
    }

    /// How well `query` (lowercased UTF-8) matches an item: an id equal to it first, then the text containing it
    /// (earlier is better), then its characters in order (fewer gaps is better); nil when it does not match.
    static func score(_ query: [UInt8], _ queryText: String, _ item: PaletteItem) -> Int? {
        if query.isEmpty { return 0 }
        if let id = item.id, id.utf8.count == query.count, id.lowercased() == queryText { return 100_000 }
        let text = item.bytes
        let n = text.count, m = query.count
        if m <= n {
            var start = 0
            while start + m <= n {
                if text[start] == query[0] {
                    var k = 1
                    while k < m && text[start + k] == query[k] { k += 1 }
                    if k == m { return 50_000 - start }
                }
                start += 1
            }
        }
        var gaps = 0, i = 0
        for q in query {
            while i < n && text[i] != q { i += 1; gaps += 1 }
            if i == n { return nil }
            i += 1
        }
        return 10_000 - gaps
    }

    /// The items matching the query, best first (ties in list order: commands, then records); keeps every match
    /// in the state so that the next, longer query looks only at them.
    static func search(_ state: AppState, _ palette: inout PaletteState) -> [PaletteItem] {
        var q = palette.query.lowercased().trimmingCharacters(in: .whitespaces)
        if q.hasPrefix(":") { q.removeFirst() }
        let records = records(state)
        let count = palette.commands.count + records.count
        func item(_ i: Int) -> PaletteItem { i < palette.commands.count ? palette.commands[i] : records[i - palette.commands.count] }
        if q.isEmpty {
            palette.matchedQuery = nil
            return (0..<min(count, maxResults)).map(item)
        }
        // Matching is monotone: what matches "abc" matches "ab".
        let candidates: [Int]
        if let old = palette.matchedQuery, !old.isEmpty, q.hasPrefix(old) { candidates = palette.matches } else { candidates = Array(0..<count) }
        let query = Array(q.utf8)
        var scored: [(Int, Int)] = []
        for i in candidates {
            if let s = score(query, q, item(i)) { scored.append((s, i)) }
        }
        palette.matchedQuery = q
        palette.matches = scored.map(\.1)
        scored.sort { ($0.0, -$0.1) > ($1.0, -$1.1) }
        return scored.prefix(maxResults).map { item($0.1) }
    }

    /// Opens the palette over the view in view.
    static func open(_ state: inout AppState) {
        var p = PaletteState()
        p.commands = commands(state)
        p.results = search(state, &p)
        state.palette = p
    }
}

extension AppUpdate {
    /// A key while the palette is open: its keymap bindings (scope `palette`), else a character typed.
    static func paletteKey(_ state: inout AppState, _ key: KeyEvent) -> [Effect] {
        guard var p = state.palette else { return [] }
        let page = PaletteView.visibleRows(state.size)
        var bound = key
        if case .mouse(let m) = key { bound = m.anywhere }
        switch Keymap.command(for: bound, in: .palette) {
        case .back?:
            state.palette = nil
            return []
        case .open?:
            state.palette = nil
            guard p.results.indices.contains(p.cursor.selection) else {
                state.message = StatusMessage("nothing matches \"\(DisplayWidth.sanitized(p.query))\"", isError: true)
                return []
            }
            return choose(p.results[p.cursor.selection], &state)
        case let c? where [.up, .down, .pageUp, .pageDown].contains(c):
            p.cursor.selection = min(max(0, step(c, p.cursor.selection, count: p.results.count, page: page)), max(0, p.results.count - 1))
        case .edit(.deleteBackward)?:
            if !p.query.isEmpty { p.query.removeLast() }
            p.results = Palette.search(state, &p); p.cursor = ListCursor()
        case .edit(.deleteToStart)?:
            p.query = ""
            p.results = Palette.search(state, &p); p.cursor = ListCursor()
        default:
            switch key {
            case .char(let c): p.query.append(c)
            case .paste(let s): p.query += DisplayWidth.sanitized(s).replacingOccurrences(of: "\n", with: " ")
            case .mouse, .resize: return []
            default:
                state.message = StatusMessage("\(key) does nothing in the palette (" + Keymap.key(.back, in: .palette) + " closes it)", isError: true)
                return []
            }
            p.results = Palette.search(state, &p); p.cursor = ListCursor()
        }
        p.cursor.offset = Scrolling.offset(selection: p.cursor.selection, current: p.cursor.offset, visible: page, count: p.results.count)
        state.palette = p
        return []
    }

    /// Enter on a palette line: the command runs as its key would (or says why it can't); a record opens.
    static func choose(_ item: PaletteItem, _ state: inout AppState) -> [Effect] {
        let before = NavView(state)
        var effects: [Effect] = []
        switch item.kind {
        case .command(let command):
            if let why = unavailable(command, state) {
                state.message = StatusMessage(why, isError: true)
                return []
            }
            state.message = nil
            effects = run(command, &state)
        case .open(let target):
            state.details = [DetailState(target)]
            state.message = StatusMessage("opened " + DisplayWidth.sanitized(item.lead))
        case .person(let id):
            state.details.removeAll()
            state.pane = .aging
            state.aging.scope = .all
            state.aging.breachedOnly = false
            state.aging.status = nil
            state.aging.text = state.data.name(id)
            state.aging.cursor = ListCursor()
            state.message = StatusMessage("the open requests of " + state.data.name(id))
        }
        clamp(&state)
        if case .command(let c) = item.kind { record(before, c, &state) } else { record(before, .open, &state) }
        return effects
    }
}
