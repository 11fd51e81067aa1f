import Foundation
import PodboardCore

/// The run loop: draws the state, waits for a key, drains the keys already waiting, updates, and draws once
/// per batch, until a command quits.
public enum AppRunner {
    /// How long the loop waits for a key before it ticks; also how often it looks for other people's actions.
    public static let tickMilliseconds = 1000
    /// How long it waits for a key on a shared store: others' actions (a notification from a database server
    /// arrives at once) are on screen within this after they are known.
    public static let watchMilliseconds = 250

    /// Milliseconds of a monotonic clock (tests pass their own).
    public static func uptimeMilliseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds / 1_000_000 }

    /// Runs until quit, or until the terminal reports no key for `idleLimit` reads in a row (tests; nil waits
    /// forever). Returns the final state.
    @discardableResult
    public static func run(_ initial: AppState, on terminal: TerminalBackend, idleLimit: Int? = nil,
                           perform: ((ActionRequest) -> Result<ActionOutcome, Problem>)? = nil,
                           performAs: ((ActionRequest, String) -> Result<ActionOutcome, Problem>)? = nil,
                           watch: (() -> (store: Store, changes: [Activity])?)? = nil,
                           connection: (() -> String?)? = nil,
                           uptime: () -> UInt64 = uptimeMilliseconds) -> AppState {
        var state = initial
        state.size = terminal.size
        AppUpdate.clamp(&state)
        terminal.present(Screen.render(state))
        var idle = 0
        // Other people's actions (live): a stat of the store and its journal each second, also while keys keep
        // coming (a held key or fast typing never hides them).
        var lastWatch = uptime()
        func look() -> Bool {
            lastWatch = uptime()
            let w = watch?()
            // A store on a server: lost (read-only, "reconnecting…") or back, before what others did meanwhile.
            let status = connection?() ?? nil
            let moved = status != state.connection
            if moved { AppUpdate.connectionChanged(&state, to: status) }
            guard let w else { return moved }
            AppUpdate.othersActed(&state, store: w.store, changes: w.changes)
            if moved, let m = state.message { state.message = StatusMessage("connected again, caught up: " + m.text) }
            return true
        }
        while !state.shouldQuit {
            // No key for a second: a tick (the day may have changed), then wait again.
            guard let first = terminal.readKey(timeoutMilliseconds: idleLimit == nil ? (watch == nil ? tickMilliseconds : watchMilliseconds) : 0) else {
                var changed = AppUpdate.tick(&state)
                if look() { changed = true }
                if changed { terminal.present(Screen.render(state)) }
                idle += 1
                if let limit = idleLimit, idle >= limit { break }
                continue
            }
            idle = 0
            var key: KeyEvent? = first
            // A key right after midnight acts on the new day, never on yesterday's screen.
            var redraw = AppUpdate.tick(&state)
            // Everything already typed is applied before the next frame, so a held key never lags behind.
            while let k = key, !state.shouldQuit {
                if k == .resize { state.size = terminal.size }
                let effects = AppUpdate.update(&state, key: k)
                if effects.contains(.redraw) || k == .resize { redraw = true }
                for case .perform(let action) in effects {
                    // `performAs` acts as the user in view, who may have been chosen in the "who are you?" picker.
                    let asUser = state.user.flatMap { u in performAs.map { f in f(action, u.id) } }
                    AppUpdate.applied(&state, perform?(action) ?? asUser ?? .failure(Problem("read-only: nothing can be changed here")))
                }
                if uptime() &- lastWatch >= UInt64(watchMilliseconds), look() { redraw = true }
                key = terminal.readKey(timeoutMilliseconds: 0)
            }
            if state.shouldQuit { break }
            if redraw { terminal.invalidate() }
            terminal.present(Screen.render(state))
        }
        return state
    }
}
