import Dispatch
import PodboardCore

/// The store seen on one day, and what the panes derive from it. Nothing is derived up front: the snapshot, the
/// aging and escalation rows, the KPIs and each pane's model are computed the first time a frame asks for them
/// and kept until the store or the day changes (a new `AppData`, with the next revision) — or, for a pane's model,
/// until its own inputs (POD, filters, quarter, width) change (`PaneModels`).
public struct AppData: Sendable {
    public let store: Store
    public let today: LocalDate
    /// Counts store and day changes in this session: every derived model belongs to one revision.
    public let revision: Int
    /// The models derived from this revision, shared by the copies of the state.
    let models: PaneModels

    public init(store: Store, today: LocalDate, revision: Int = 0) {
        self.store = store
        self.today = today
        self.revision = revision
        models = PaneModels(store: store, today: today)
    }

    /// The next revision: the store after an action (or others' actions), seen on `today`. What the change did
    /// not touch is carried over from `previous` rather than derived again (see `PaneModels.carrying`).
    init(store: Store, today: LocalDate, after previous: AppData, touched: ActionTouched? = nil) {
        self.store = store
        self.today = today
        revision = previous.revision + 1
        models = previous.today == today ? PaneModels(store: store, today: today, after: previous.models, touched: touched) : PaneModels(store: store, today: today)
    }

    /// Lets go of a replaced revision on another thread: freeing the old store (at 100k requests, hundreds of
    /// thousands of records when an action copied its arrays) would otherwise hold up the next frame. Whoever
    /// drops the last reference frees it; when this revision held it, that is the background queue.
    static func release(_ old: consuming AppData) {
        let parcel = Parcel(old)
        DispatchQueue.global(qos: .utility).async { parcel.value = nil }
    }

    private final class Parcel: @unchecked Sendable {
        var value: AppData?
        init(_ value: consuming AppData) { self.value = value }
    }

    public var snapshot: Snapshot { models.snapshot }
    /// Every KPI of the store; computed when a KPI pane, drill-down or gauge is first shown.
    public var kpis: KPIReport { models.kpis }
    /// Every open request, most severe first (the aging pane filters this).
    public var aging: [AgingRow] { models.aging }
    /// Every escalation raised by now, oldest first (the escalations pane filters this).
    public var escalations: [EscalationRow] { models.escalations }

    /// A person's display name, or the id when unknown, or "–".
    public func name(_ id: String?) -> String {
        guard let id else { return "–" }
        return models.peopleById[id]?.name ?? id
    }

    /// An account's name, or its id.
    public func accountName(_ id: String) -> String { models.accountsById[id]?.name ?? id }

    /// Positions of the store's records by id, for `Workflow.whyNot` (kept per revision).
    public var index: StoreIndex { models.storeIndex }

    /// A request by id (an index kept per revision, not a scan of the store).
    public func request(_ id: String) -> Request? { models.requestIndex[id].map { store.requests[$0] } }
}
