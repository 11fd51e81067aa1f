import ArgumentParser
import Foundation
import PodboardCore
import PodboardPostgres

/// `podboard db init|import|export`: a store on a PostgreSQL server (issue 12, docs/postgres.md).
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "A shared store on a PostgreSQL server: create its schema, load a store file into it, write one out.",
        discussion: "URL: postgresql://user@host/db (completed from PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD; never a password in the URL).",
        subcommands: [DbInit.self, DbImport.self, DbExport.self]
    )

    static func connect(_ url: String) throws -> PGConnection {
        do { return try PGConnection(try PGTarget.parse(url, environment: ProcessInfo.processInfo.environment)) } catch {
            throw Failure(status: 2, message: error.message)
        }
    }

    static func fail(_ e: PGError) -> Failure { Failure(status: e.connectionLost ? 2 : 1, message: e.message) }

    /// `podboard validate URL`: the database's content checked like a file; a row is named instead of line:column.
    static func validate(_ url: String, quiet: Bool) throws {
        let db = try connect(url)
        defer { db.close() }
        let result: (store: Store?, problems: [StoreProblem])
        do { result = try PGStore.load(db) } catch { throw fail(error) }
        if let store = result.store, result.problems.isEmpty {
            if !quiet {
                Console.line("\(db.target.label): valid store (format \(store.format)): \(Plural.count(store.pods.count, "POD")), \(Plural.count(store.people.count, "person", "people")), "
                             + "\(Plural.count(store.accounts.count, "account")), \(Plural.count(store.contracts.count, "contract")), \(Plural.count(store.requests.count, "request"))")
            }
            return
        }
        throw Failure(status: 1, message: StoreLoadError.invalid(path: db.target.label, problems: result.problems).description)
    }
}

struct DbInit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create (or migrate) podboard's schema in a database; safe to run again.")
    @Argument(help: "The database (postgresql://user@host/db).") var url: String
    func run() throws {
        let db = try DbCommand.connect(url)
        defer { db.close() }
        do { Console.line("\(db.target.label): " + (try PGStore.initSchema(db))) } catch { throw DbCommand.fail(error) }
    }
}

struct DbImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Load a store file into a database with podboard's schema (empty of any store).")
    @Argument(help: "The store file.") var file: String
    @Argument(help: "The database (postgresql://user@host/db).") var url: String
    func run() throws {
        let loaded: LoadedStore
        do { loaded = try StoreFile.load(file) } catch {
            if case .unreadable = error { throw Failure(status: 2, message: error.description) }
            throw Failure(status: 1, message: error.description)
        }
        // Actions still in its journal are part of the store: applied before it is loaded.
        let store: Store
        do { store = try StoreSession.open(loaded.path, writing: false).session.store } catch { throw Failure(status: 1, message: error.description) }
        let db = try DbCommand.connect(url)
        defer { db.close() }
        do { try PGStore.importStore(store, into: db) } catch { throw DbCommand.fail(error) }
        Console.line("\(db.target.label): imported \(file): \(Plural.count(store.requests.count, "request")), \(Plural.count(store.activity.count, "activity entry", "activity entries"))")
    }
}

struct DbExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the store of a database as a store file (the same document that was imported, with every action since).")
    @Argument(help: "The database (postgresql://user@host/db).") var url: String
    @Option(name: .long, help: "The file to write (replaced if it exists).") var out: String
    func run() throws {
        let db = try DbCommand.connect(url)
        defer { db.close() }
        let result: (store: Store?, problems: [StoreProblem])
        do {
            try db.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            result = try PGStore.load(db)
            try db.run("COMMIT")
        } catch { throw DbCommand.fail(error) }
        guard let store = result.store else {
            throw Failure(status: 1, message: StoreLoadError.invalid(path: db.target.label, problems: result.problems).description)
        }
        do { try StoreFile.create(store, at: out, replace: true) } catch { throw Failure(status: 2, message: "podboard: \(out): \(error)") }
        Console.line("\(db.target.label): wrote \(out)")
    }
}
