import Foundation
import Testing
import PodboardCore
import PodboardTUI
import PodboardPostgres

/// Issue 12: an open UI on a PostgreSQL store shows another person's action within a second (LISTEN/NOTIFY), and
/// a server restart while it is open shows "reconnecting…", keeps it read-only, then it is back and caught up.
/// In the serialized PostgreSQL suite. (First because two sessions waiting at once could hold every thread of the
/// concurrency pool their answers needed; no longer: PGConnection waits on NIO futures, answered on the event
/// loop's own thread, PostgresPoolTests. Still serialized: these tests time a second and stop their own server.)
extension PostgresCLITests {
    static let liveClock = NowSource(at: Timestamp("2026-11-23T10:00:00+05:30")!)

    /// A headless UI on a session: the run loop (AppRunner) on a memory terminal, one idle tick per call, which is
    /// when it looks for others' actions and at the connection.
    final class UI: @unchecked Sendable {
        var state: AppState
        let performer: SessionPerformer
        let terminal = MemoryTerminal(size: Size(width: 120, height: 40))

        init(_ session: PostgresSession, user: String) {
            performer = SessionPerformer(session: session, user: user, clock: PostgresCLITests.liveClock)
            state = AppState(store: session.store, today: LocalDate(PostgresCLITests.today)!, storeLabel: session.path ?? "",
                             isDemo: false, user: user, size: Size(width: 120, height: 40), clock: PostgresCLITests.liveClock)
        }

        func tick() {
            let p = performer
            state = AppRunner.run(state, on: terminal, idleLimit: 1, performAs: { p.perform($0, as: $1) },
                                  watch: { p.watch() }, connection: { p.unavailable })
        }

        /// Ticks until `done` holds; the seconds it took, nil when `seconds` passed first.
        func wait(upTo seconds: Double, until done: (UI) -> Bool) -> Double? {
            let start = Date()
            while Date().timeIntervalSince(start) < seconds {
                tick()
                if done(self) { return Date().timeIntervalSince(start) }
                usleep(10_000)
            }
            return nil
        }
    }

    static func baseline(_ amount: Decimal) -> ActionRequest {
        var p = ActionParams(); p.amount = amount; p.basis = .firstQuote
        return ActionRequest(.setBaseline, target: "REQ-1088", params: p)
    }

    @Test("Another client's action reaches an open UI within a second (a notification, not the poll)")
    func anotherClientsActionArrives() throws {
        let db = try PGTestServer.imported(try CLI.demoStore(today: Self.today))
        let env = try PGTestServer.env().compactMapValues { $0 }
        let mine = try PostgresSession.open(db.url, environment: env)
        let other = try PostgresSession.open(db.url, environment: env)
        defer { try? mine.finish(); try? other.finish() }
        let ui = UI(mine, user: "arjun")
        ui.tick()  // listening now; the fallback poll comes only every PostgresSession.pollMilliseconds (5 s)
        #expect(PostgresSession.pollMilliseconds >= 5000)
        try other.perform(Self.baseline(12000), by: "omar", at: Timestamp("2026-11-23T10:01:00+05:30")!, knownSeq: nil, via: nil)
        let took = ui.wait(upTo: 4) { $0.state.data.store.request("REQ-1088")?.baseline?.amount == 12000 }
        #expect(took != nil && took! < 1.0, "arrived after \(took.map { String($0) } ?? "never")")
        #expect(ui.state.message?.text == "Omar Farouk set the baseline of REQ-1088", "\(ui.state.message?.text ?? "")")
        #expect(ui.state.connection == nil)
    }

    /// A cluster of this test's own (scripts/pg-test-cluster), so stopping it disturbs no other test.
    struct OwnCluster {
        let dir: String
        var socket: String { dir + "/socket" }

        static func script(_ args: [String]) throws -> String { try PGTestServer.script(args) }

        static func start() throws -> OwnCluster {
            let out = try script(["start"])
            guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix("PODBOARD_TEST_PG=") }) else { throw PGError("no cluster: \(out)") }
            return OwnCluster(dir: String(line.dropFirst("PODBOARD_TEST_PG=".count)))
        }
        func halt() throws { _ = try Self.script(["halt", dir]) }
        func resume() throws { _ = try Self.script(["start", dir]) }
        func stop() { _ = try? Self.script(["stop", dir]) }
        var env: [String: String?] { ["PGHOST": socket, "PGUSER": "podboard_admin", "PGPORT": nil, "PGDATABASE": nil, "PGPASSWORD": nil, "PODBOARD_STORE": nil] }
    }

    @Test("A server restart while a UI is open: reconnecting…, read-only, then back and caught up")
    func serverRestart() throws {
        let cluster = try OwnCluster.start()
        defer { cluster.stop() }
        let url = "postgresql:///podboard"
        let demo = try CLI.demoStore(today: Self.today)
        let admin = try PGConnection(try PGTarget.parse("postgresql:///postgres", environment: cluster.env.compactMapValues { $0 }))
        try admin.run("CREATE DATABASE podboard")
        admin.close()
        #expect(try CLI.run(["db", "init", url], env: cluster.env).status == 0)
        #expect(try CLI.run(["db", "import", demo, url], env: cluster.env).status == 0)
        let env = cluster.env.compactMapValues { $0 }
        let mine = try PostgresSession.open(url, environment: env)
        defer { try? mine.finish() }
        let ui = UI(mine, user: "omar")
        ui.tick()
        #expect(ui.state.connection == nil && ui.state.bannerText == nil)

        try cluster.halt()
        let lost = ui.wait(upTo: 5) { $0.state.connection != nil }
        #expect(lost != nil, "the lost connection shows")
        #expect(ui.state.connection?.hasPrefix("reconnecting to postgresql://") == true, "\(ui.state.connection ?? "")")
        #expect(ui.terminal.screen.contains("READ-ONLY  reconnecting to postgresql://"), "the banner says so:\n\(ui.terminal.screen)")
        #expect(ui.state.message?.isError == true && ui.state.message?.text.hasPrefix("lost the connection") == true)
        // Read-only meanwhile: the keys say why, and an action sent anyway is refused with nothing lost.
        #expect(AppUpdate.unavailable(.act(.logUpdate), ui.state)?.hasPrefix("read-only while reconnecting to ") == true)
        guard case .failure(let why) = ui.performer.perform(Self.baseline(9999)) else {
            Issue.record("an action went through while the server was down"); return
        }
        #expect(why.text.hasPrefix("read-only while reconnecting to ") && why.text.contains("nothing was changed"), "\(why.text)")

        // Back: another client acts first; the UI reconnects (backoff) and catches up.
        try cluster.resume()
        let other = try PostgresSession.open(url, environment: env)
        defer { try? other.finish() }
        try other.perform(Self.baseline(12000), by: "omar", at: Timestamp("2026-11-23T10:05:00+05:30")!, knownSeq: nil, via: nil)
        let back = ui.wait(upTo: 15) { $0.state.connection == nil && $0.state.data.store.request("REQ-1088")?.baseline?.amount == 12000 }
        #expect(back != nil, "reconnected and caught up")
        #expect(ui.state.bannerText == nil && !ui.terminal.screen.contains("READ-ONLY"))
        #expect(ui.state.message?.text.hasPrefix("connected again") == true, "\(ui.state.message?.text ?? "")")
        #expect(mine.store.request("REQ-1088")?.baseline?.amount == 12000, "the refused action left nothing")
        if case .failure(let why) = ui.performer.perform(Self.baseline(13000)) { Issue.record("cannot act after reconnecting: \(why)"); return }
        #expect(try other.catchUp().map(\.action) == ["set-baseline"])
        #expect(other.store.request("REQ-1088")?.baseline?.amount == 13000)
    }
}
