import Foundation
import PostgresNIO

/// A second connection that LISTENs on the `podboard` channel (every commit does `pg_notify('podboard', seq)`):
/// an open UI learns of another person's action as it commits, without asking the server every second. It only
/// raises a flag; the session catches up from the `actions` table. When its connection ends (a server restart, a
/// network cut) `alive` turns false and the session makes a new one (PostgresSession.hasChanged).
final class PGListener: @unchecked Sendable {
    static let channel = "podboard"

    private let lock = NSLock()
    private var pending = false
    private var running = true
    private let conn: PGConnection
    private var context: PostgresListenContext?

    /// Connects and waits (up to the LISTEN's answer) until the server listens for us: no commit after this returns
    /// is missed. Notifications and the connection's end arrive on the NIO event loop (no Task, no cooperative pool).
    init(_ target: PGTarget) throws(PGError) {
        conn = try PGConnection(target)
        let c = conn.connection
        context = c.addListener(channel: Self.channel) { [weak self] _, _ in self?.raise() }
        c.closeFuture.whenComplete { [weak self] _ in self?.stopped() }
        do throws(PGError) {
            try conn.run("LISTEN \(Self.channel)")
        } catch {
            close()
            throw PGError("could not listen for other people's actions on \(target.label)", connectionLost: true)
        }
        if !alive {
            close()
            throw PGError("could not listen for other people's actions on \(target.label)", connectionLost: true)
        }
    }

    private func raise() { lock.lock(); pending = true; lock.unlock() }
    private func stopped() { lock.lock(); running = false; pending = true; lock.unlock() }

    /// Whether a commit was announced since the last call (clears the flag).
    func takePending() -> Bool {
        lock.lock(); defer { lock.unlock() }
        let p = pending
        pending = false
        return p
    }

    /// Whether it still listens (its connection is up).
    var alive: Bool {
        lock.lock(); defer { lock.unlock() }
        return running && !conn.isClosed
    }

    func close() {
        context?.stop()
        conn.close()
    }
}
