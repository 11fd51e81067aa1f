import ArgumentParser
import Foundation
import PodboardCore
import PodboardPostgres

/// `podboard import requests|contracts|accounts FILE.csv --map MAP --store S [--dry-run] [--skip-bad]`: rows of a
/// spreadsheet or a ClickUp export, checked with the store's rules, committed as ONE `import` action.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import requests, contracts or accounts from a CSV file (a spreadsheet, a ClickUp export).",
        discussion: """
            The mapping (JSON, docs/import.md) says which column holds which field and how values, people, dates \
            and amounts are written; mappings/ has one for ClickUp's task export and one for the spreadsheet \
            template. Every row is checked with the store's rules; bad rows are listed as FILE:LINE:COLUMN and \
            nothing is written unless every row is good, or --skip-bad is given. Ids in the file are kept; rows \
            without one get the next free id. The import is one action: `podboard log` shows it and `podboard act \
            undo N` takes it back whole.
            Exit status: 0 done, 1 refused (who may import, nothing left to import), 2 bad input (bad rows, an \
            unreadable file or mapping).
            """
    )

    @Argument(help: "What to import: requests, contracts or accounts.") var kind: String
    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file.csv")) var file: String
    @Option(name: .long, help: ArgumentHelp("The mapping file (JSON).", valueName: "map.json")) var map: String
    @OptionGroup var source: StoreOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("Who imports: a person id (default: $PODBOARD_USER). On a store with logins your login says who you are.", valueName: "person"))
    var user: String?
    @Flag(name: .customLong("dry-run"), help: "Check every row and say what would be imported; write nothing.") var dryRun = false
    @Flag(name: .customLong("skip-bad"), help: "Import the good rows and skip the bad ones (still listed).") var skipBad = false

    func run() throws {
        guard let what = ImportKind(rawValue: kind) else {
            throw Failure.badInput("import: unknown kind '\(kind)' (expected requests, contracts or accounts)")
        }
        let env = ProcessInfo.processInfo.environment
        let session = try openSession(env)
        let store = session.store
        let zone = Zone(identifier: store.settings.timeZone) ?? .utc
        let who = user ?? env["PODBOARD_USER"].flatMap { $0.isEmpty ? nil : $0 }
        // Who imports: the database login on PostgreSQL, the OS login on a file (team stores only).
        let login = Identity.isTeamStore(store) ? (session.login ?? Identity.processLogin()) : nil
        let actor = try ActCommand.actor(store, login: login, asked: who, askedWith: user != nil ? "--as" : "$PODBOARD_USER")
        let when = try source.nowSource().now(zone: zone)
        let mapping: ImportMapping
        do { mapping = try ImportMapping.read(path: map) } catch { throw Failure.badInput(error.message) }
        let table: CSVTable
        do { table = try CSVTable.read(path: file) } catch { throw Failure.badInput(error.description) }
        let name = (file as NSString).lastPathComponent
        let rows: [ImportRow]
        do {
            rows = try ImportRows(kind: what, table: table, mapping: mapping, store: store, at: when, file: name, by: actor.by).rows()
        } catch { throw Failure.badInput(error.message) }

        let problems = Self.problems(what, rows, table: table, store: store, at: when)
        let badLines = Set(problems.map(\.line))
        for p in problems { Console.err("\(file):\(p.description)") }
        let good = rows.filter { !badLines.contains($0.line) }
        if !badLines.isEmpty && !skipBad {
            throw Failure.badInput("\(Plural.count(badLines.count, "bad row")) of \(rows.count) in \(file); nothing imported (fix them, or give --skip-bad to import the \(Plural.count(good.count, "good row")))")
        }
        guard !good.isEmpty else { throw Failure(status: 1, message: "refused: nothing to import from \(file): \(rows.isEmpty ? "it has no rows" : "every row is bad")") }
        var payload = JSONObject()
        payload["kind"] = .string(what.rawValue)
        payload["file"] = .string(name)
        payload["rows"] = .number(String(rows.count))
        payload["skipped"] = .number(String(rows.count - good.count))
        payload["records"] = .array(good.map(\.record))
        payload["lines"] = .array(good.map { .number(String($0.line)) })
        var action = ActionRequest(.importRecords, target: name)
        action.params.records = .object(payload)
        let skipped = badLines.isEmpty ? "" : " (\(Plural.count(badLines.count, "bad row")) skipped)"
        if dryRun {
            do {
                let o = try Workflow.perform(action, by: actor.by, at: when, in: store, stamp: ActionStamp(via: actor.via))
                Console.line("dry run, nothing written: would have " + o.summary + skipped)
            } catch {
                throw ActCommand.failure(.refused(error))
            }
            return
        }
        let outcome: ActionOutcome
        do { outcome = try session.perform(action, by: actor.by, at: when, knownSeq: nil, via: actor.via) } catch { throw ActCommand.failure(error) }
        ActCommand.note(session.takeNotes())
        Console.line(outcome.summary + skipped + (outcome.store.activity.isEmpty ? "" : "; undo: podboard act undo \(outcome.store.activity.count - 1)"))
    }

    /// The store's engine: a file with its journal, or a PostgreSQL database (`--store postgresql://…`).
    func openSession(_ env: [String: String]) throws -> any StoreEngine {
        switch StoreSelection.choose(explicit: source.store, environment: env) {
        case .demo:
            throw Failure.badInput("import needs a store file: the built-in demo store is never saved (write one with `podboard demo --out FILE`, then --store FILE)")
        case .file(let path, _) where PGTarget.isURL(path):
            return try StoreOptions.openDatabase(path, environment: env)
        case .file(let path, _):
            do {
                let (session, notes) = try StoreSession.open(path)
                ActCommand.note(notes)
                return session
            } catch {
                if case .load(.unreadable) = error { throw Failure(status: 2, message: error.description) }
                throw Failure(status: 1, message: error.description)
            }
        }
    }

    /// Every problem of the rows: reading them (values, dates, amounts, people) and the store's rules on the records,
    /// each named by its CSV line and column.
    static func problems(_ kind: ImportKind, _ rows: [ImportRow], table: CSVTable, store: Store, at: Timestamp) -> [ImportProblem] {
        var out = rows.flatMap(\.problems)
        let readable = rows.filter(\.problems.isEmpty)
        var records = readable.map(\.record)
        _ = ImportCheck.assignIds(kind, &records, store: store)
        for p in ImportCheck.problems(kind, records, store: store, at: at) where readable.indices.contains(p.record) {
            let row = readable[p.record]
            var path = p.field
            var column: Int? = row.columns[path]
            while column == nil, let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) {
                path = String(path[..<cut])
                column = row.columns[path]
            }
            out.append(ImportProblem(line: row.line, column: column.map { $0 + 1 }, header: column.map { table.header[$0] },
                                     message: (p.field.isEmpty || column != nil ? "" : p.field + ": ") + p.message))
        }
        return out.sorted { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
    }
}
