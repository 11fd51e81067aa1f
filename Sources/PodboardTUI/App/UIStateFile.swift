import Foundation
import PodboardCore

/// What the UI remembers between sessions, per store (issue 15): the last pane, and each pane's `/` filter and
/// sort. Kept in `$XDG_STATE_HOME/podboard/ui-state.json` (default `~/.local/state/podboard/`), never in the store.
public struct RememberedView: Sendable, Equatable, Codable {
    public var pane: String
    public var panes: [String: PaneBrowse]
    /// The aging pane's other filters (mine / my POD / all, breached only, status) and the escalations filter.
    public var agingScope: String?
    public var breachedOnly: Bool?
    public var agingStatus: String?
    public var escalations: String?
    public init(pane: String, panes: [String: PaneBrowse]) { self.pane = pane; self.panes = panes }
}

public enum UIStateFile {
    struct Root: Codable {
        var format = 1
        var stores: [String: RememberedView] = [:]
    }

    /// The file, from the environment; nil without `$XDG_STATE_HOME` (absolute) or `$HOME`.
    public static func path(environment: [String: String]) -> String? {
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/podboard/ui-state.json" }
        if let h = environment["HOME"], !h.isEmpty { return h + "/.local/state/podboard/ui-state.json" }
        return nil
    }

    /// The view remembered for a store (its real path, or "DEMO"). A file that cannot be read as this format is
    /// ignored: the note says so (nil view), and the next save replaces it.
    public static func load(file: String, store: String) -> (view: RememberedView?, note: String?) {
        guard let data = FileManager.default.contents(atPath: file) else { return (nil, nil) }
        guard let root = try? JSONDecoder().decode(Root.self, from: data) else {
            return (nil, "ignored the broken UI state file \(DisplayWidth.sanitized(file)): starting with the default view")
        }
        return (root.stores[store], nil)
    }

    /// The views remembered for a store, by person (keys `STORE#PERSON`), for the person chosen in the "who are
    /// you?" picker; and the note about a broken file.
    public static func loadAll(file: String, store: String) -> (views: [String: RememberedView], note: String?) {
        guard let data = FileManager.default.contents(atPath: file) else { return ([:], nil) }
        guard let root = try? JSONDecoder().decode(Root.self, from: data) else {
            return ([:], "ignored the broken UI state file \(DisplayWidth.sanitized(file)): starting with the default view")
        }
        var out: [String: RememberedView] = [:]
        for (key, view) in root.stores where key.hasPrefix(store + "#") { out[String(key.dropFirst(store.count + 1))] = view }
        return (out, nil)
    }

    /// Saves the view of a store, atomically (a temporary file renamed over the old one); other stores are kept.
    public static func save(_ view: RememberedView, file: String, store: String) throws {
        var root = Root()
        if let data = FileManager.default.contents(atPath: file), let old = try? JSONDecoder().decode(Root.self, from: data) { root = old }
        root.stores[store] = view
        let dir = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let tmp = dir + "/.ui-state.json.tmp-\(getpid())"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(root).write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, file) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(file): \(why)"])
        }
    }

    /// The view of a state, to remember.
    public static func view(of state: AppState) -> RememberedView {
        var panes: [String: PaneBrowse] = [:]
        for pane in Pane.allCases {
            let b = Browse.state(state, pane)
            if !b.isDefault { panes[name(pane)] = b }
        }
        var v = RememberedView(pane: name(state.pane), panes: panes)
        v.agingScope = state.aging.scope.rawValue
        v.breachedOnly = state.aging.breachedOnly
        v.agingStatus = state.aging.status?.rawValue
        v.escalations = state.escalations.filter.rawValue
        return v
    }

    /// Puts a remembered view back: the pane (unless the state starts elsewhere on purpose), filters and sorts.
    public static func restore(_ view: RememberedView, into state: inout AppState) {
        for (key, b) in view.panes {
            guard let pane = pane(key) else { continue }
            var b = b
            if let c = b.sortColumn, !Browse.columnTitles(pane).indices.contains(c) { b.sortColumn = nil }
            if pane == .aging { state.aging.text = b.filter; b.filter = "" }
            state.browse[pane] = b
        }
        if let s = view.agingScope.flatMap(AgingScope.init(rawValue:)), s != .mine || state.user != nil { state.aging.scope = s }
        if let b = view.breachedOnly { state.aging.breachedOnly = b }
        state.aging.status = view.agingStatus.flatMap(RequestStatus.init(rawValue:))
        if let f = view.escalations.flatMap(EscalationFilter.init(rawValue:)) { state.escalations.filter = f }
        if state.whoAmI == nil, let p = pane(view.pane) { state.pane = p }
        AppUpdate.clamp(&state)
    }

    static func name(_ pane: Pane) -> String { pane.title.lowercased() }
    static func pane(_ name: String) -> Pane? { Pane.allCases.first { Self.name($0) == name } }
}
