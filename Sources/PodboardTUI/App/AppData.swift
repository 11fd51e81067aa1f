import PodboardCore

/// The store seen on one day, and what every pane derives from it, computed once per store change.
public struct AppData: Sendable {
    public let snapshot: Snapshot
    public let kpis: KPIReport
    /// Every open request, most severe first (the aging pane filters this).
    public let aging: [AgingRow]
    /// Every escalation raised by now, oldest first (the escalations pane filters this).
    public let escalations: [EscalationRow]
    public var store: Store { snapshot.store }
    public var today: LocalDate { snapshot.today }

    public init(store: Store, today: LocalDate) {
        snapshot = Snapshot(store: store, today: today)
        kpis = KPIEngine.compute(snapshot)
        aging = Aging.rows(snapshot)
        escalations = EscalationQueue.rows(snapshot)
    }

    /// A person's display name, or the id when unknown, or "–".
    public func name(_ id: String?) -> String {
        guard let id else { return "–" }
        return snapshot.peopleById[id]?.name ?? id
    }

    /// An account's name, or its id.
    public func accountName(_ id: String) -> String { snapshot.accountsById[id]?.name ?? id }
}
