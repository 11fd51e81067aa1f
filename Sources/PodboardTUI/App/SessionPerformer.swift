import Foundation
import PodboardCore

/// Carries out the TUI's actions on a store session as the user: stamped now (or on `--today` at the current
/// clock time), journaled before the result comes back.
public final class SessionPerformer {
    public let session: StoreSession
    let user: String
    let clock: NowSource
    /// The admin acting for the user (a team store), recorded with every action.
    public var via: String?

    /// The sequence number of the store the screen shows: an action refused because someone changed its target
    /// after it says who and what.
    public private(set) var shownSeq: Int

    public init(session: StoreSession, user: String, clock: NowSource) {
        self.session = session; self.user = user; self.clock = clock
        shownSeq = session.seq
    }

    /// What others committed since the screen was drawn (a stat when nothing changed): the store to show and
    /// their activity entries; nil when nothing changed.
    public func watch() -> (store: Store, changes: [Activity])? {
        guard session.path != nil else { return nil }
        let before = shownSeq
        if session.hasChanged() { _ = try? session.catchUp() }
        guard session.seq != before else { return nil }
        shownSeq = session.seq
        return (session.store, session.store.activity.filter { ($0.seq ?? 0) > before && $0.by != user })
    }

    public func perform(_ action: ActionRequest) -> Result<ActionOutcome, Problem> { perform(action, as: user) }

    /// Carries out an action as `user` (the person chosen in the "who are you?" picker).
    public func perform(_ action: ActionRequest, as user: String) -> Result<ActionOutcome, Problem> {
        let zone = Zone(identifier: session.store.settings.timeZone) ?? .utc
        do {
            let outcome = try session.perform(action, by: user, at: clock.now(zone: zone), knownSeq: shownSeq, via: via)
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
