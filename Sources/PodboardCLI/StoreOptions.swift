import ArgumentParser
import Foundation
import PodboardCore
import PodboardPostgres

/// `--store FILE` and `--today YYYY-MM-DD`: which store to read, and which day is "today".
public struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (else $PODBOARD_STORE, else ./podboard.json, else the built-in demo).", valueName: "file"))
    public var store: String?

    @Option(name: .long, help: ArgumentHelp("The day to compute everything for, in the store's time zone (default: the real today).", valueName: "YYYY-MM-DD"))
    public var today: String?

    @Option(name: .long, help: ArgumentHelp("The instant to act at and compute for (RFC 3339, like 2026-11-23T10:00:00+05:30; default: now, or --today at the current clock time). Fixes today too, unless --today is given.", valueName: "time"))
    public var at: String?

    public init() {}

    /// The store chosen as the README says, loaded and validated; the built-in demo when none exists.
    /// A file is read once, by the store session, which also applies the journal's actions not yet folded into
    /// it (a podboard is running, or was killed). `writing`: the session may repair the journal under the lock
    /// (the UI); reports only read (the journal is applied in memory, nothing written).
    func load(environment: [String: String] = ProcessInfo.processInfo.environment, writing: Bool = false) throws -> SelectedStore {
        let choice = StoreSelection.choose(explicit: store, environment: environment)
        switch choice {
        case .file(let path, _) where PGTarget.isURL(path):
            let session = try Self.openDatabase(path, environment: environment)
            return SelectedStore(store: session.store, label: session.path ?? path, path: session.path, session: session, notes: [])
        case .file(let path, _):
            let opened: (session: StoreSession, notes: [String])
            do { opened = try StoreSession.open(path, writing: writing) } catch {
                throw Self.failure(error, path: path)
            }
            return SelectedStore(store: opened.session.store, label: path, path: path, session: opened.session, notes: opened.notes)
        case .demo:
            let day = try nowSource().today(zone: Zone(identifier: "Asia/Kolkata")!)
            return SelectedStore(store: DemoGenerator.generate(DemoOptions(today: day)), label: "DEMO", path: nil, session: nil, notes: [])
        }
    }

    /// A store in a PostgreSQL database (`postgresql://…`, completed from PG* variables): exit 2 when the URL is
    /// wrong or the server cannot be reached, 1 when the store there is not valid.
    static func openDatabase(_ url: String, environment: [String: String]) throws -> PostgresSession {
        do { return try PostgresSession.open(url, environment: environment) } catch {
            throw Failure(status: error.connectionLost || !error.message.contains("not valid") ? 2 : 1, message: error.message)
        }
    }

    /// What a store that cannot be opened means for the exit status: unreadable 2, invalid (or a journal that
    /// cannot be applied) 1.
    static func failure(_ error: SessionError, path: String) -> Failure {
        switch error {
        case .load(let e):
            switch e {
            case .unreadable: return Failure(status: 2, message: e.description)
            case .invalid: return Failure(status: 1, message: e.description + "\n(run `podboard validate \(path)` for the same list)")
            }
        default: return Failure(status: 1, message: error.description)
        }
    }

    /// `--today` parsed, or nil when not given.
    func parsedToday() throws -> LocalDate? {
        guard let today else { return nil }
        guard let d = LocalDate(today) else {
            throw Failure.badInput("--today: expected a date written YYYY-MM-DD (a real day, like 2026-11-23), found '\(today)'")
        }
        return d
    }

    /// `--at` parsed, or nil when not given.
    func parsedAt() throws -> Timestamp? {
        guard let at else { return nil }
        guard let t = Timestamp(at) else { throw Failure.badInput("--at: expected a time like 2026-11-23T10:00:00+05:30, found '\(at)'") }
        return t
    }

    /// Where now and today come from: `--at`, `--today`, else the real clock.
    func nowSource() throws -> NowSource { NowSource(at: try parsedAt(), today: try parsedToday()) }

    /// T: `--today`, else the date of `--at`, else the current date, in the store's time zone.
    func today(for store: Store) throws -> LocalDate {
        try nowSource().today(zone: Zone(identifier: store.settings.timeZone) ?? .utc)
    }
}

/// The store a command works on.
struct SelectedStore {
    var store: Store
    /// The file's path, or "DEMO" for the built-in demo store.
    var label: String
    /// The store file; nil for the demo store.
    var path: String?
    /// The session that read the file (and its journal); nil for the demo store.
    var session: (any StoreEngine)?
    /// Notes of the session that opened it (a journal repaired, actions set aside).
    var notes: [String]
}

/// Where the store comes from: `--store`, `$PODBOARD_STORE`, `./podboard.json`, or the built-in demo.
public enum StoreSelection: Equatable {
    /// A file, and how it was chosen ("--store", "PODBOARD_STORE", "./podboard.json").
    case file(String, via: String)
    case demo

    /// An explicit `--store` or `$PODBOARD_STORE` is used even when it does not exist (loading then
    /// reports the missing file); only the implicit `./podboard.json` falls back to the demo store.
    public static func choose(explicit: String?, environment: [String: String], fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> StoreSelection {
        if let explicit, !explicit.isEmpty { return .file(explicit, via: "--store") }
        if let env = environment["PODBOARD_STORE"], !env.isEmpty { return .file(env, via: "PODBOARD_STORE") }
        if fileExists("podboard.json") { return .file("podboard.json", via: "./podboard.json") }
        return .demo
    }
}
