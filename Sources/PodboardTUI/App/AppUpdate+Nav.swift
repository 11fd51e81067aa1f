import PodboardCore

/// One view as the history keeps it: the pane and the detail views open on it.
public struct NavView: Sendable, Equatable {
    public var pane: Pane
    public var details: [DetailState]
    init(_ state: AppState) { pane = state.pane; details = state.details }
    /// The same place (cursors aside).
    func same(_ other: NavView) -> Bool { pane == other.pane && details.map(\.target) == other.details.map(\.target) }
}

/// Views opened before and after the one in view (Ctrl-O back, Ctrl-N forward), at most `limit` each way.
public struct NavHistory: Sendable, Equatable {
    public var back: [NavView] = []
    public var forward: [NavView] = []
    public static let limit = 100
    public init() {}
}

extension AppUpdate {
    /// After a command: when it changed the view (another pane, a detail view opened or closed), the view left is
    /// kept for Ctrl-O and the forward list is dropped, as in a browser.
    static func record(_ before: NavView, _ command: Command, _ state: inout AppState) {
        guard command != .historyBack, command != .historyForward else { return }
        let now = NavView(state)
        guard !before.same(now) else { return }
        state.history.back.append(before)
        if state.history.back.count > NavHistory.limit { state.history.back.removeFirst() }
        state.history.forward.removeAll()
    }

    static func runNav(_ command: Command, _ state: inout AppState) -> [Effect] {
        switch command {
        case .clearSearch:
            let b = Browse.state(state, state.pane)
            guard !b.filter.isEmpty else {
                state.message = StatusMessage("no / filter to clear")
                return []
            }
            Browse.setFilter(&state, state.pane, "")
            state.message = StatusMessage("filter cleared")
        case .nextMatch, .previousMatch:
            stepMatch(&state, forward: command == .nextMatch)
        case .sortNext, .sortPrevious:
            Browse.stepSort(&state, forward: command == .sortNext)
        case .flipSort:
            Browse.flipSort(&state)
        case .palette:
            Palette.open(&state)
        case .historyBack, .historyForward:
            let forward = command == .historyForward
            guard let to = forward ? state.history.forward.popLast() : state.history.back.popLast() else {
                state.message = StatusMessage(forward ? "nothing to go forward to" : "no view to go back to", isError: true)
                return []
            }
            let here = NavView(state)
            if forward { state.history.back.append(here) } else { state.history.forward.append(here) }
            state.pane = to.pane
            state.details = to.details
            state.help = nil
        case .mouse(let kind):
            return mouse(kind, &state)
        default:
            break
        }
        return []
    }

    /// `/`: type the pane's filter, or the KPI drill-down's search.
    static func startSearch(_ state: inout AppState) {
        if let top = state.details.last {
            state.input = TextInput(prompt: "/ search: ", text: top.search, original: top.search, pane: nil)
            return
        }
        let b = Browse.state(state, state.pane)
        state.input = TextInput(prompt: "/ filter: ", text: b.filter, original: b.filter, pane: state.pane)
    }

    /// The text typed with `/`, applied as it is typed.
    static func setSearch(_ state: inout AppState, _ input: TextInput, _ text: String) {
        if let pane = input.pane {
            Browse.setFilter(&state, pane, text)
        } else if !state.details.isEmpty {
            state.details[state.details.count - 1].search = text
            if !text.isEmpty, !lineMatches(DetailView.lines(state, state.details.last!.target)[safe: state.details.last!.cursor], text) {
                stepMatch(&state, forward: true, quiet: true)
            }
        }
    }

    /// Whether a detail line holds the searched text (any case).
    static func lineMatches(_ line: DetailLine?, _ search: String) -> Bool {
        guard let line, !search.isEmpty else { return false }
        return line.spans.map(\.text).joined().lowercased().contains(search.lowercased())
    }

    /// `n` / `N`: the cursor to the next / previous line that matches the search, around the end.
    static func stepMatch(_ state: inout AppState, forward: Bool, quiet: Bool = false) {
        guard var top = state.details.last, !top.search.isEmpty else {
            state.message = StatusMessage("nothing searched: " + Keymap.key(.filterText, in: .drill) + " searches", isError: true)
            return
        }
        let lines = DetailView.lines(state, top.target)
        let n = lines.count
        guard n > 0 else { return }
        let hits = (1...n).map { (top.cursor + (forward ? $0 : n - $0)) % n }.filter { lineMatches(lines[$0], top.search) }
        guard let hit = hits.first else {
            state.message = StatusMessage("no line matches \"\(DisplayWidth.sanitized(top.search))\"", isError: true)
            return
        }
        top.cursor = hit
        state.details[state.details.count - 1] = top
        let all = lines.indices.filter { lineMatches(lines[$0], top.search) }
        if !quiet { state.message = StatusMessage("match \((all.firstIndex(of: hit) ?? 0) + 1) of \(all.count)") }
    }
}
