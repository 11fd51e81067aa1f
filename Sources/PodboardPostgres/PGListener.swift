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
    private var task: Task<Void, Never>?

    /// Connects and waits (up to 5 s) until the server listens for us: no commit after this returns is missed.
    init(_ target: PGTarget) throws(PGError) {
        conn = try PGConnection(target)
        let ready = DispatchSemaphore(value: 0)
        let c = conn.connection
        task = Task.detached { [self] in
            do {
                try await c.listen(on: Self.channel) { notifications in
                    ready.signal()
                    for try await _ in notifications { self.raise() }
                }
            } catch {}
            self.stopped()
            ready.signal()
        }
        if ready.wait(timeout: .now() + 5) == .timedOut || !alive {
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
        task?.cancel()
        conn.close()
    }
}
