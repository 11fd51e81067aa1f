import Foundation

/// Where a PostgreSQL store lives: `postgresql://[user@][host][:port]/[db][?host=/socket/dir]`, completed from
/// PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD as psql does (a host starting with `/` is the folder of the
/// server's unix socket). A password is taken from PGPASSWORD only: never from the command line, never shown.
public struct PGTarget: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var password: String?

    /// Whether a store name is a database URL.
    public static func isURL(_ s: String) -> Bool { s.hasPrefix("postgresql:") || s.hasPrefix("postgres:") }

    public static func parse(_ url: String, environment env: [String: String]) throws(PGError) -> PGTarget {
        guard isURL(url) else { throw PGError("not a database URL: expected postgresql://user@host/db") }
        var rest = String(url[url.index(after: url.firstIndex(of: ":")!)...])
        guard rest.hasPrefix("//") || rest.isEmpty else { throw PGError("\(url): expected postgresql://user@host/db") }
        if rest.hasPrefix("//") { rest.removeFirst(2) }
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                if kv.count == 2 { query[kv[0]] = kv[1] }
            }
            rest = String(rest[..<q])
        }
        var authority = rest, path = ""
        if let slash = rest.firstIndex(of: "/") { authority = String(rest[..<slash]); path = String(rest[rest.index(after: slash)...]) }
        var user: String?, host: String?, port: Int?
        if let at = authority.lastIndex(of: "@") {
            let u = String(authority[..<at])
            if u.contains(":") || query["password"] != nil {
                throw PGError("a password does not belong on the command line (other users see it): put it in PGPASSWORD or ~/.pgpass")
            }
            user = u.removingPercentEncoding
            authority = String(authority[authority.index(after: at)...])
        }
        if query["password"] != nil { throw PGError("a password does not belong on the command line (other users see it): put it in PGPASSWORD or ~/.pgpass") }
        if let colon = authority.lastIndex(of: ":") {
            guard let p = Int(authority[authority.index(after: colon)...]) else { throw PGError("\(Self.redacted(url)): the port is not a number") }
            port = p
            authority = String(authority[..<colon])
        }
        if !authority.isEmpty { host = authority.removingPercentEncoding }
        host = query["host"] ?? host ?? env["PGHOST"].flatMap { $0.isEmpty ? nil : $0 }
        port = port ?? query["port"].flatMap(Int.init) ?? env["PGPORT"].flatMap(Int.init)
        user = user ?? query["user"] ?? env["PGUSER"].flatMap { $0.isEmpty ? nil : $0 }
        var db = path.removingPercentEncoding ?? path
        if db.isEmpty { db = query["dbname"] ?? env["PGDATABASE"] ?? "" }
        let login = user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        if db.isEmpty { db = login }
        return PGTarget(host: host ?? "/var/run/postgresql", port: port ?? 5432, user: login, database: db,
                        password: env["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The unix socket to connect to, when the host is a folder.
    public var socketPath: String? { host.hasPrefix("/") ? "\(host)/.s.PGSQL.\(port)" : nil }

    /// The store's name for people and for "since you last looked": the URL, never a password.
    public var label: String {
        let h = host.hasPrefix("/") ? "" : host + (port == 5432 ? "" : ":\(port)")
        return "postgresql://\(user)@\(h)/\(database)"
    }

    /// A URL as given, with any password replaced.
    public static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "//") , scheme.upperBound < at else { return url }
        let cred = url[scheme.upperBound..<at]
        guard let colon = cred.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
