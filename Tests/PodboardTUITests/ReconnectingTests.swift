import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Issue 12: while the store's server cannot be reached the screen says so (a red banner, the message line) and is
/// read-only; when it is back the banner goes and the screen says so.
@Suite("Reconnecting to the store's server")
struct ReconnectingTests {
    static let status = "reconnecting to postgresql://podboard_admin@/podboard…"

    static func lost(_ size: Size) -> AppState {
        var s = TUI.state(size: size, isDemo: false)
        s.storeLabel = "postgresql://podboard_admin@/podboard"
        AppUpdate.connectionChanged(&s, to: status)
        return s
    }

    @Test(arguments: SnapshotTests.sizes)
    func theScreenSaysSoAndIsReadOnly(size: Size) {
        var s = Self.lost(size)
        #expect(s.message?.isError == true)
        #expect(s.message?.text == "lost the connection to the store: read-only until it is back")
        TUI.assertSnapshot(TUI.screen(s), named: "reconnecting-\(size.width)x\(size.height)")
        // Every action key of the pane says why it cannot run now, naming the state.
        let acts = Screen.scope(s).layered.flatMap { Keymap.bindings(in: $0) }.filter { if case .act = $0.command { return true } else { return false } }
        #expect(!acts.isEmpty)
        for b in acts {
            _ = AppUpdate.update(&s, key: b.keys[0])
            #expect(s.message?.text == "read-only while \(Self.status): nothing was changed; try again when it is back", "\(b.keys[0])")
            #expect(s.form == nil)
        }
        // The footer offers no action meanwhile.
        let footer = TUI.screen(s).split(separator: "\n").last.map(String.init) ?? ""
        for b in acts where b.footer != nil { #expect(!footer.contains(b.footer!), "\(footer)") }
    }

    @Test func backAgain() {
        var s = Self.lost(Size(width: 80, height: 24))
        AppUpdate.connectionChanged(&s, to: nil)
        #expect(s.connection == nil && s.bannerText == nil)
        #expect(s.message?.text == "connected again: the screen is up to date")
        #expect(!TUI.screen(s).contains("READ-ONLY"))
        #expect(Screen.bodyRect(s).y == 2)
    }
}
