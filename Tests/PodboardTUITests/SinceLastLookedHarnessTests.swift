import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Issue 9's "since you last looked" on the home view, typed as keys: what others did to Fatima's requests (EM of
/// POD north in the demo store) since her previous session, newest first, Enter opening the request; and the
/// team-store banner and header.
@Suite("Since you last looked (headless)")
struct SinceLastLookedHarnessTests {
    /// The demo store after Fatima's last session (its mark), with a morning of others' work.
    static func morning() throws -> (store: Store, mark: SeenMark) {
        var s = TUI.demo
        let mark = SeenMark(store: s, at: Timestamp("2026-11-23T09:00:00+05:30")!)
        func run(_ k: ActionKind, _ t: String, by: String, _ p: ActionParams = ActionParams(), via: String? = nil, at: String) throws {
            s = try Workflow.perform(ActionRequest(k, target: t, params: p), by: by, at: Timestamp(at)!, in: s, stamp: ActionStamp(via: via)).store
        }
        var note = ActionParams(); note.note = "Counter at 44k, waiting on the vendor"
        try run(.logUpdate, "REQ-1042", by: "ana", note, at: "2026-11-23T10:05:00+05:30")
        var quote = ActionParams(); quote.from = "SoftwareOne"; quote.source = .reseller; quote.amount = 41000
        try run(.addQuote, "REQ-1062", by: "isabel", quote, at: "2026-11-23T10:20:00+05:30")
        try run(.approve, "REQ-1068", by: "fatima", at: "2026-11-23T10:40:00+05:30")  // her own: not listed
        var later = ActionParams(); later.note = "Picked up the renewal call"
        try run(.logUpdate, "REQ-1086", by: "ana", later, via: "ingrid", at: "2026-11-23T11:00:00+05:30")
        return (s, mark)
    }

    static func home(size: Size = Size(width: 80, height: 24)) throws -> AppState {
        let (store, mark) = try morning()
        var s = TUI.state(user: "fatima", store: store, size: size, pane: .home, isDemo: false)
        s.lastSeen = ["fatima": mark]
        AppUpdate.clamp(&s)
        return s
    }

    @Test func homeListsOthersChangesNewestFirstAndEnterOpensTheRequest() throws {
        var s = try Self.home()
        let screen = TUI.screen(s)
        #expect(screen.contains("Since you last looked (3)"), "\(screen)")
        #expect(screen.contains("since Nov 23 09:00"))
        #expect(screen.contains("Ana Souza (via Ingrid Johansson)"), "\(screen)")
        #expect(!screen.contains("approve:"), "her own approval is not news")
        // The section comes first, newest first; the cursor starts on its first line.
        #expect(HomeView.rows(s).prefix(3).map(\.id) == ["REQ-1086", "REQ-1062", "REQ-1042"])
        #expect(HomeView.selected(s)?.id == "REQ-1086")
        TUI.type(&s, [.char("j"), .enter])
        guard case .request(let id)? = s.details.last?.target else { Issue.record("no request opened"); return }
        #expect(id == "REQ-1062")
        #expect(TUI.screen(s).contains("REQ-1062"))
        TUI.type(&s, [.escape, .char("j"), .enter])
        guard case .request(let third)? = s.details.last?.target else { Issue.record("no request opened"); return }
        #expect(third == "REQ-1042")
    }

    @Test func aFirstSessionSaysSoAndNoRecordShowsNothing() throws {
        var s = try Self.home()
        s.lastSeen = [:]
        #expect(TUI.screen(s).contains("first session here"))
        #expect(HomeView.rows(s).first?.id != "REQ-1086")
        s.lastSeen = nil  // the demo store keeps no sessions
        #expect(!TUI.screen(s).contains("Since you last looked"))
    }

    @Test func manyChangesAreCountedAndTheRestIsInTheLog() throws {
        var (store, mark) = try Self.morning()
        for i in 0..<8 {
            var p = ActionParams(); p.note = "update \(i)"
            store = try Workflow.perform(ActionRequest(.logUpdate, target: "REQ-1042", params: p), by: "ana",
                                         at: Timestamp("2026-11-23T12:0\(i):00+05:30")!, in: store).store
        }
        var s = TUI.state(user: "fatima", store: store, size: Size(width: 120, height: 40), pane: .home, isDemo: false)
        s.lastSeen = ["fatima": mark]
        let screen = TUI.screen(s)
        #expect(screen.contains("Since you last looked (11)"))
        #expect(screen.contains("… 5 more: podboard log --since last"), "\(screen)")
    }

    @Test func teamStoreBannerAndActingForSomeone() throws {
        var s = TUI.state(user: nil, size: Size(width: 80, height: 24))
        s.readOnlyReason = "login eve is no one here: ask an admin to add it to your logins"
        #expect(TUI.screen(s).contains("READ-ONLY  login eve is no one here: ask an admin to add it to your logins"))
        var admin = TUI.state(user: "fatima", size: Size(width: 80, height: 24), pane: .home)
        admin.via = "ingrid"
        let header = TUI.screen(admin).split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasSuffix("(via ingrid) "), "\(header)")
    }

    @Test(arguments: SnapshotTests.sizes)
    func snapshot(size: Size) throws {
        let s = try Self.home(size: size)
        TUI.assertSnapshot(TUI.screen(s), named: "home-since-\(size.width)x\(size.height)")
    }
}
