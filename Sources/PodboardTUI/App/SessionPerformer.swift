import Foundation
import PodboardCore

/// Carries out the TUI's actions on a store session as the user: stamped now (or on `--today` at the current
/// clock time), journaled before the result comes back.
public final class SessionPerformer {
    public let session: any StoreEngine
    let user: String
    let clock: NowSource
    /// The admin acting for the user (a team store), recorded with every action.
    public var via: String?

    /// The sequence number of the store the screen shows: an action refused because someone changed its target
    /// after it says who and what.
    public private(set) var shownSeq: Int
    /// The sequence number up to which other sessions' actions were handed to `watch`'s caller (an action of
    /// ours catches up with theirs first: those are still named by the next `watch`).
    private var reportedSeq: Int
    /// The ids of the actions this session committed: never named as news, whoever they were done as (the user
    /// of `--as`, or the person chosen later in the "who are you?" picker).
    private var ownIds: Set<String> = []

    public init(session: any StoreEngine, user: String, clock: NowSource) {
        self.session = session; self.user = user; self.clock = clock
        shownSeq = session.seq
        reportedSeq = session.seq
    }

    /// What other sessions committed since the screen was drawn (a stat when nothing changed): the store to show
    /// and their activity entries, oldest first; nil when nothing new.
    public func watch() -> (store: Store, changes: [Activity])? {
        guard session.path != nil else { return nil }
        if session.hasChanged() { _ = try? session.catchUp() }
        guard session.seq != reportedSeq else { return nil }
        let after = reportedSeq
        let changes = session.store.activity.filter { a in
            (a.seq ?? 0) > after && !(a.actionId.map(ownIds.contains) ?? false)
        }
        reportedSeq = session.seq
        // Only our own actions since: the screen already shows that store.
        if changes.isEmpty && session.seq == shownSeq { return nil }
        shownSeq = session.seq
        return (session.store, changes)
    }

    public func perform(_ action: ActionRequest) -> Result<ActionOutcome, Problem> { perform(action, as: user) }

    /// While the store's server cannot be reached: "reconnecting to …" (nil on a file, or when connected).
    public var unavailable: String? { session.unavailable }

    /// Carries out an action as `user` (the person chosen in the "who are you?" picker).
    public func perform(_ action: ActionRequest, as user: String) -> Result<ActionOutcome, Problem> {
        // Read-only while the server is out of reach: refused before anything is tried, nothing lost.
        if let offline = session.unavailable {
            return .failure(Problem("read-only while \(offline): not done, nothing was changed; try again when it is back"))
        }
        let zone = Zone(identifier: session.store.settings.timeZone) ?? .utc
        do {
            // A form opened before others' changes arrived is checked against the screen it was opened on.
            let known = min(action.knownSeq ?? shownSeq, shownSeq)
            let outcome = try session.perform(action, by: user, at: clock.now(zone: zone), knownSeq: known, via: via)
            if let id = outcome.activity.actionId { ownIds.insert(id) }
            shownSeq = session.seq
            return .success(outcome)
        } catch {
            switch error {
            case .refused(let r): return .failure(Problem(r.description))
            default: return .failure(Problem("not done: \(error)"))
            }
        }
    }
}
