import PodboardCore

/// The panes, in tab order (keys `0`–`5`).
public enum Pane: Int, Sendable, CaseIterable {
    case home, board, aging, renewals, kpis, accounts, escalations

    public var title: String {
        switch self {
        case .home: return "Home"
        case .board: return "Board"
        case .aging: return "Aging"
        case .renewals: return "Renewals"
        case .kpis: return "KPIs"
        case .escalations: return "Escalations"
        case .accounts: return "Accounts"
        }
    }
}

/// What a detail view shows.
public enum DetailTarget: Sendable, Equatable {
    case request(String)
    case account(String)
    /// The items behind one KPI gauge.
    case kpi(id: String, scope: String)
}

/// One open detail view: what it shows and where its cursor is.
public struct DetailState: Sendable, Equatable {
    public var target: DetailTarget
    public var cursor = 0
    public var offset = 0
    /// Text searched with `/` in a KPI drill-down: matching lines are marked, `n`/`N` step through them.
    public var search = ""
    public init(_ target: DetailTarget) { self.target = target }
}

/// A selection in a scrolling list.
public struct ListCursor: Sendable, Equatable {
    public var selection = 0
    public var offset = 0
    public init() {}
}

/// Which open requests the aging pane lists.
public enum AgingScope: String, Sendable, CaseIterable {
    case mine, pod, all

    public var title: String {
        switch self {
        case .mine: return "mine"
        case .pod: return "my POD"
        case .all: return "all PODs"
        }
    }
}

/// The aging pane's filters and cursor.
public struct AgingState: Sendable, Equatable {
    public var scope: AgingScope = .pod
    public var breachedOnly = false
    /// Only this status, or every open status.
    public var status: RequestStatus?
    /// Text typed with `/`: matches id, account, tool, vendor, analyst, buyer (case-insensitive).
    public var text = ""
    public var cursor = ListCursor()
}

/// The board's cursor: a column (stage) and a card in it.
public struct BoardState: Sendable, Equatable {
    public var column = 0
    public var rows = [Int](repeating: 0, count: 5)
    public var offsets = [Int](repeating: 0, count: 5)
}

/// A line being typed (the `/` filter).
public struct TextInput: Sendable, Equatable {
    public var prompt: String
    public var text: String
    /// The text before editing began, put back by Esc.
    public var original: String
    /// What the text filters: a pane, or (nil) the search of the KPI drill-down on top.
    public var pane: Pane? = .aging
}

/// A line of feedback under the pane.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
}

/// Everything the screen shows. `update` changes it in answer to keys; `Screen.render` draws it.
public struct AppState: Sendable {
    /// The store, and the figures derived from it for `today`.
    public private(set) var data: AppData
    /// How the store is named in the header: a path, or "DEMO".
    public var storeLabel: String
    public var isDemo: Bool
    /// Who is using podboard; nil means read-only.
    public var user: Person?
    /// Why there is no user (shown in the read-only banner).
    public var readOnlyReason: String?
    /// The POD in view (board, "my POD" aging, renewals, KPIs), an index into the store's PODs.
    public var podIndex = 0
    public var pane: Pane = .board
    public var size: Size
    public var board = BoardState()
    public var aging = AgingState()
    /// The renewals quarter in view.
    public var renewalsQuarter: Quarter
    public var renewals = ListCursor()
    /// The home view's cursor (over its request rows).
    public var home = ListCursor()
    public var kpis = ListCursor()
    /// Compute the KPI trends on another thread, drawing the KPI pane without sparklines until they are ready
    /// (the terminal UI; headless tests and snapshots compute them at once).
    public var backgroundTrends = false
    /// The escalations pane: its filter and cursor.
    public var escalations = EscalationsState()
    /// The accounts pane's cursor (over the accounts of the POD in view).
    public var accounts = ListCursor()
    /// Each pane's `/` filter and sort (Browse.swift); aging's text filter is `aging.text`.
    public var browse: [Pane: PaneBrowse] = [:]
    /// The command palette, when open (PaletteView.swift).
    public var palette: PaletteState?
    /// Views opened before (Ctrl-O goes back) and after (forward) the one in view.
    public var history = NavHistory()
    /// Whether mouse events are taken (the backend reports them); `--no-mouse` and the config turn it off.
    public var mouse = true
    /// The views remembered from earlier sessions on this store, by person (UIStateFile): the one of the person
    /// chosen in the "who are you?" picker is put back when they are chosen.
    public var remembered: [String: RememberedView] = [:]
    /// Where the last mouse event happened (read by the mouse commands).
    var pointer: MouseEvent?
    /// Open detail views, the last on top.
    public var details: [DetailState] = []
    /// The help overlay, when shown: its scroll offset.
    public var help: Int?
    public var input: TextInput?
    /// The action form on top of everything, when one is open.
    public var form: FormState?
    /// The preview of an exported report, when shown (Exports.swift).
    public var preview: PreviewState?
    /// Where exported reports are written; nil: `$PODBOARD_EXPORT_DIR`, else the current directory.
    public var exportDirectory: String?
    /// The activity entries of the user's own actions in this session, oldest first (what `u` undoes).
    public var sessionActions: [Int] = []
    public var message: StatusMessage?
    public var shouldQuit = false
    /// Where today and now come from: fixed by `--today`/`--at`, or the real clock (then the run loop's tick moves
    /// the UI to the new day after midnight in the store's zone).
    public var clock: NowSource
    /// The "who are you?" picker shown at start without `--as` (WhoAmIView): its cursor; nil when closed.
    public var whoAmI: ListCursor?
    /// The admin acting for `user` on a team store (`Identity`), shown in the header; nil when you are yourself.
    public var via: String?
    /// Where each person stopped looking at this store at the end of their previous session (`LastSeen`), for the
    /// home view's "since you last looked"; nil when not kept (the demo store, tests).
    public var lastSeen: [String: SeenMark]?
    /// The POD asked for with `--pod`, kept for when a person is chosen in the picker.
    var podAskedFor: String?
    /// While the store's server cannot be reached (PostgreSQL): "reconnecting to …". The screen says so and is
    /// read-only until it is back (AppUpdate+Connection.swift).
    public var connection: String?

    /// - Parameters:
    ///   - user: a person id (`--as`, `$PODBOARD_USER`); unknown or nil gives read-only mode.
    ///   - pod: the POD to show first; nil: the user's first POD, else the store's first.
    public init(store: Store, today: LocalDate, storeLabel: String, isDemo: Bool, user: String?, pod: String? = nil,
                size: Size = Size(width: 80, height: 24), clock: NowSource? = nil, askWhoAmI: Bool = false) {
        data = AppData(store: store, today: today)
        self.clock = clock ?? NowSource(today: today)
        self.storeLabel = storeLabel
        self.isDemo = isDemo
        self.size = size
        renewalsQuarter = today.quarter.next
        if let user, let p = store.people.first(where: { $0.id == user }) {
            self.user = p
        } else if let user {
            readOnlyReason = "no person \"\(DisplayWidth.sanitized(user))\" in this store (--as, $PODBOARD_USER)"
        } else {
            readOnlyReason = "say who you are with --as PERSON or $PODBOARD_USER to act"
        }
        let podId = pod ?? self.user?.pods.first
        if let podId, let i = store.pods.firstIndex(where: { $0.id == podId }) { podIndex = i }
        // "Mine" means the requests you are the analyst, Buyer or CSM of; an EM (or a reader) starts on the POD.
        let worksRequests = self.user.map { $0.has(.analyst) || $0.has(.buyer) || $0.has(.csm) } ?? false
        aging.scope = worksRequests ? .mine : .pod
        pane = self.user == nil ? .board : .home
        podAskedFor = pod
        if user == nil && askWhoAmI { whoAmI = ListCursor() }
    }

    /// The person chosen in the "who are you?" picker (nil: read-only), set as `--as` would set them.
    public mutating func choose(user person: Person?) {
        whoAmI = nil
        guard let person else {
            message = StatusMessage("read-only: just looking")
            return
        }
        user = person
        readOnlyReason = nil
        let podId = podAskedFor ?? person.pods.first
        if let podId, let i = data.store.pods.firstIndex(where: { $0.id == podId }) { podIndex = i }
        let worksRequests = person.has(.analyst) || person.has(.buyer) || person.has(.csm)
        aging.scope = worksRequests ? .mine : .pod
        pane = .home
        if let view = remembered[person.id] { UIStateFile.restore(view, into: &self) }
        message = StatusMessage("you are \(person.name)")
    }

    /// The POD in view, if the store has any.
    public var pod: Pod? { data.store.pods.indices.contains(podIndex) ? data.store.pods[podIndex] : nil }

    /// Replaces the store (after an action) and recomputes what is derived from it.
    /// - Parameter touched: what the action changed, when it says (then only that is derived again).
    public mutating func replaceStore(_ store: Store, touched: ActionTouched? = nil) {
        var old = AppData(store: store, today: data.today, after: data, touched: touched)
        swap(&old, &data)
        // The old revision's background trends stop; its memory is freed off the frame.
        old.retire()
        AppData.release(consume old)
    }

    /// Moves the whole UI to another day (after midnight, when the day is not fixed): clocks, badges, gauges and
    /// the day that `mark-reviewed` targets are recomputed for it.
    public mutating func moveToDay(_ day: LocalDate) {
        let oldNextQuarter = data.today.quarter.next
        let previous = data
        data = AppData(store: data.store, today: day, revision: data.revision + 1)
        previous.retire()
        // The renewals pane follows "next quarter" unless the user moved it elsewhere.
        if renewalsQuarter == oldNextQuarter { renewalsQuarter = day.quarter.next }
    }

    /// The store's time zone.
    public var zone: Zone { Zone(identifier: data.store.settings.timeZone) ?? .utc }

    /// The time used to check whether an action would be allowed (noon today in the store's time zone).
    public var probeTime: Timestamp {
        (Zone(identifier: data.store.settings.timeZone) ?? .utc).instant(data.today, secondOfDay: 12 * 3600)
    }
}

/// Why something the user asked for did not happen, in words for the message line.
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}
