import Foundation
import PostgresNIO

/// Why the database could not be reached or a statement failed: the server's message, never a password.
public struct PGError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The SQLSTATE code, when the server sent one (e.g. 42501 insufficient privilege).
    public let code: String?
    /// The connection itself failed (not a statement): the session reconnects.
    public let connectionLost: Bool
    public init(_ message: String, code: String? = nil, connectionLost: Bool = false) {
        self.message = message; self.code = code; self.connectionLost = connectionLost
    }
    public var description: String { message }

    static func from(_ error: any Error) -> PGError {
        if let e = error as? PGError { return e }
        if let p = error as? PSQLError {
            if let server = p.serverInfo {
                let text = server[.message] ?? "error"
                let detail = server[.detail].map { " (\($0))" } ?? ""
                return PGError(text + detail, code: server[.sqlState])
            }
            return PGError("the connection to the database failed (\(p.code.description))", connectionLost: true)
        }
        return PGError("the connection to the database failed (\(error))", connectionLost: true)
    }
}

/// Waits for a NIO future on the calling thread: podboard's engines are synchronous. The future completes on the
/// NIO event loop's own thread, so nothing here needs Swift's cooperative pool: a caller that blocks a pool
/// thread (a Task, a test) cannot starve the completion it waits for. (The earlier way, an async body in a
/// detached Task awaited with a semaphore, needed a second pool thread for every blocked caller: with the pool
/// as wide as the cores, two sessions waiting at once in Tasks on a 2-core machine waited forever.)
func blocking<T: Sendable>(_ future: EventLoopFuture<T>) throws(PGError) -> T {
    do { return try future.wait() } catch { throw PGError.from(error) }
}

/// One connection, used synchronously. Every value goes in and out as text (SQL casts it): amounts stay exact.
public final class PGConnection: @unchecked Sendable {
    let connection: PostgresConnection
    let logger: Logger
    public let target: PGTarget

    public init(_ target: PGTarget) throws(PGError) {
        self.target = target
        var logger = Logger(label: "podboard.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let config: PostgresConnection.Configuration
        if let socket = target.socketPath {
            config = .init(unixSocketPath: socket, username: target.user, password: target.password, database: target.database)
        } else {
            config = .init(host: target.host, port: target.port, username: target.user, password: target.password, database: target.database, tls: .disable)
        }
        connection = try blocking(PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: config, id: 1, logger: logger))
    }

    /// Statements sent ahead (`prefetch`), by their text: their answers, coming in while the caller works.
    private var ahead: [String: EventLoopFuture<PostgresQueryResult>] = [:]

    /// Sends statements without binds now, in this order, without waiting: `column` and `value` of the same text
    /// later take the answer (the server works on the next while the caller reads the last). Used to read a
    /// store's tables (one query each) in one go.
    public func prefetch(_ sqls: [String]) {
        for sql in sqls where ahead[sql] == nil { ahead[sql] = connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
    }

    /// Forgets the answers of statements sent ahead and not asked for (a reader that stopped half-way): a later
    /// statement of the same text is sent again, never answered from before.
    public func dropPrefetched() { ahead = [:] }

    /// The first column of every row, as text (nil for NULL).
    @discardableResult
    public func column(_ sql: String, _ binds: [String?] = []) throws(PGError) -> [String?] {
        let result: PostgresQueryResult
        if binds.isEmpty, let sent = ahead.removeValue(forKey: sql) {
            result = try blocking(sent)
        } else {
            var b = PostgresBindings()
            for v in binds { if let v { b.append(v) } else { b.appendNull() } }
            // Statements sent ahead are answered first (one connection answers in order).
            result = try blocking(connection.query(PostgresQuery(unsafeSQL: sql, binds: b), logger: logger))
        }
        var out: [String?] = []
        out.reserveCapacity(result.rows.count)
        for row in result.rows {
            var it = row.makeIterator()
            guard let cell = it.next() else { out.append(nil); continue }
            do { out.append(try cell.decode(String?.self)) } catch { throw PGError.from(error) }
        }
        return out
    }

    /// The first column of the first row.
    public func value(_ sql: String, _ binds: [String?] = []) throws(PGError) -> String? {
        try column(sql, binds).first ?? nil
    }

    /// Runs statements one after the other.
    public func run(_ statements: String...) throws(PGError) {
        for s in statements { try column(s) }
    }

    deinit { close() }

    public func close() {
        guard !connection.isClosed else { return }
        // On the event loop itself (a last reference dropped in a NIO callback) waiting would never end: close
        // without waiting there.
        if connection.eventLoop.inEventLoop { let closing: EventLoopFuture<Void> = connection.close(); _ = closing; return }
        _ = try? blocking(connection.close())
    }

    public var isClosed: Bool { connection.isClosed }
}
