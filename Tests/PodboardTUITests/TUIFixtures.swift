import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// The demo store at a fixed today, and helpers to drive and draw the app without a terminal.
enum TUI {
    static let today = LocalDate("2026-11-23")!
    /// Actions in the harness are stamped at this instant: no test reads the wall clock.
    static let clock = NowSource(at: Timestamp("2026-11-23T17:30:00+05:30")!)
    static let demo: Store = DemoGenerator.generate(DemoOptions(today: today))

    /// The app as it starts, on the board unless another pane is asked for (with a user it starts at home).
    static func state(user: String? = "sven", pod: String? = nil, store: Store = demo,
                      size: Size = Size(width: 80, height: 24), pane: Pane = .board, isDemo: Bool = true) -> AppState {
        var s = AppState(store: store, today: today, storeLabel: isDemo ? "DEMO" : "store.json", isDemo: isDemo, user: user,
                         pod: pod, size: size)
        s.pane = pane
        AppUpdate.clamp(&s)
        return s
    }

    /// Applies keys one after another, as the run loop does.
    @discardableResult
    static func type(_ state: inout AppState, _ keys: [KeyEvent]) -> [Effect] {
        keys.flatMap { AppUpdate.update(&state, key: $0) }
    }

    /// Characters as key presses.
    static func chars(_ s: String) -> [KeyEvent] { s.map { KeyEvent.char($0) } }

    static func screen(_ state: AppState) -> String { Screen.render(state).text }

    /// Compares a frame with `Snapshots/NAME.txt`. A missing snapshot is written and the test fails, so it is
    /// looked at before it is trusted; `PODBOARD_RECORD_SNAPSHOTS=1` rewrites them all.
    static func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let file = dir.appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["PODBOARD_RECORD_SNAPSHOTS"] == "1"
        let existing = try? String(contentsOf: file, encoding: .utf8)
        if record || existing == nil {
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try? (text + "\n").write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record("snapshot \(name) recorded: check it, then run again", sourceLocation: sourceLocation) }
            return
        }
        if existing != text + "\n" {
            let old = existing!.split(separator: "\n", omittingEmptySubsequences: false)
            let new = (text + "\n").split(separator: "\n", omittingEmptySubsequences: false)
            var diff: [String] = []
            for i in 0..<max(old.count, new.count) {
                let want = i < old.count ? String(old[i]) : "(none)"
                let got = i < new.count ? String(new[i]) : "(none)"
                if want == got { continue }
                diff.append("line \(i + 1):\n  expected: " + want + "\n  actual:   " + got)
                if diff.count >= 6 { break }
            }
            Issue.record(Comment(rawValue: "snapshot \(name) differs (PODBOARD_RECORD_SNAPSHOTS=1 rewrites it):\n" + diff.joined(separator: "\n")),
                         sourceLocation: sourceLocation)
        }
    }
}
