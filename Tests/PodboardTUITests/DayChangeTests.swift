import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// A UI left open overnight moves to the new day by itself (issue: "a UI left open overnight keeps yesterday").
/// The wall clock is a test double: no test reads the real one.
@Suite("The day changes while the UI is open")
struct DayChangeTests {
    /// A clock the test moves by hand.
    final class TestClock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Date
        init(_ t: String) { value = Date(timeIntervalSince1970: TimeInterval(Timestamp(t)!.epochSeconds)) }
        var now: Date { lock.lock(); defer { lock.unlock() }; return value }
        func set(_ t: String) { lock.lock(); value = Date(timeIntervalSince1970: TimeInterval(Timestamp(t)!.epochSeconds)); lock.unlock() }
    }

    static func state(_ clock: TestClock, pinned: Bool = false) -> AppState {
        let source = pinned ? NowSource(today: TUI.today, wallClock: { clock.now }) : NowSource(wallClock: { clock.now })
        var s = AppState(store: TUI.demo, today: TUI.today, storeLabel: "store.json", isDemo: false, user: "omar",
                         size: Size(width: 120, height: 40), clock: source)
        AppUpdate.clamp(&s)
        return s
    }

    @Test func afterMidnightTheUIMovesToTheNewDayAndVTargetsIt() throws {
        let clock = TestClock("2026-11-23T23:59:30+05:30")
        var state = Self.state(clock)
        #expect(AppUpdate.tick(&state) == false, "same day: nothing to do")
        #expect(state.data.today == TUI.today)

        clock.set("2026-11-24T00:00:30+05:30")
        #expect(AppUpdate.tick(&state) == true)
        #expect(state.data.today == LocalDate("2026-11-24")!)
        #expect(state.message?.text.contains("new day") == true)
        #expect(TUI.screen(state).contains("2026-11-24"), "the header shows the new day")

        // `v` now marks the new day reviewed, and the action (dated by the clock) is accepted.
        state.pane = .home
        let effects = TUI.type(&state, [.char("v")])
        let action = try #require(effects.compactMap { e -> ActionRequest? in if case .perform(let a) = e { return a }; return nil }.first)
        #expect(action.target == "2026-11-24")
        let session = StoreSession(inMemory: TUI.demo)
        let performer = SessionPerformer(session: session, user: "omar", clock: state.clock)
        guard case .success(let outcome) = performer.perform(action) else { Issue.record("mark-reviewed refused after midnight"); return }
        #expect(outcome.store.reviews.last?.on == LocalDate("2026-11-24")!)
    }

    @Test func aDayFixedByTodayOrAtNeverMoves() {
        let clock = TestClock("2026-11-23T23:59:30+05:30")
        var state = Self.state(clock, pinned: true)
        clock.set("2026-11-25T08:00:00+05:30")
        #expect(AppUpdate.tick(&state) == false)
        #expect(state.data.today == TUI.today)
    }

    @Test func theRunLoopTicksWithoutAnyKey() {
        let clock = TestClock("2026-11-23T23:59:59+05:30")
        let state = Self.state(clock)
        clock.set("2026-11-24T00:00:01+05:30")
        let terminal = MemoryTerminal(size: Size(width: 120, height: 40))
        let final = AppRunner.run(state, on: terminal, idleLimit: 2)
        #expect(final.data.today == LocalDate("2026-11-24")!)
        #expect(terminal.screen.contains("2026-11-24"), "the new day is drawn with no key pressed")
    }
}
