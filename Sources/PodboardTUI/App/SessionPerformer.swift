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

    public init(session: StoreSession, user: String, clock: NowSource) {
        self.session = session; self.user = user; self.clock = clock
    }

    public func perform(_ action: ActionRequest) -> Result<ActionOutcome, Problem> { perform(action, as: user) }

    /// Carries out an action as `user` (the person chosen in the "who are you?" picker).
    public func perform(_ action: ActionRequest, as user: String) -> Result<ActionOutcome, Problem> {
        let zone = Zone(identifier: session.store.settings.timeZone) ?? .utc
        do {
            return .success(try session.perform(action, by: user, at: clock.now(zone: zone), via: via))
        } catch {
            switch error {
            case .refused(let r): return .failure(Problem(r.description))
            default: return .failure(Problem("not done: \(error)"))
            }
        }
    }
}
