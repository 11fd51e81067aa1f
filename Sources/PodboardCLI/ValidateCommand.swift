import ArgumentParser
import Foundation
import PodboardCore
import PodboardPostgres

/// `podboard validate FILE`: lists every problem of a store file. Exit 0 valid, 1 invalid, 2 unreadable.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a store file and list every problem with its JSON path and line:column.",
        discussion: "Exit status: 0 valid, 1 invalid, 2 unreadable."
    )

    @Argument(help: ArgumentHelp("The store file to check.", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Print nothing when the store is valid.")
    var quiet = false

    func run() throws {
        if PGTarget.isURL(file) { return try DbCommand.validate(file, quiet: quiet) }
        let bytes: [UInt8]
        do { bytes = try StoreFile.readBytes(file) } catch {
            throw Failure(status: 2, message: error.description)
        }
        let (store, problems) = StoreFile.decode(bytes)
        if let store, problems.isEmpty {
            if !quiet {
                Console.line("\(file): valid store (format \(store.format)): \(Plural.count(store.pods.count, "POD")), \(Plural.count(store.people.count, "person", "people")), "
                      + "\(Plural.count(store.accounts.count, "account")), \(Plural.count(store.contracts.count, "contract")), \(Plural.count(store.requests.count, "request"))")
            }
            return
        }
        throw Failure(status: 1, message: StoreLoadError.invalid(path: file, problems: problems).description)
    }
}

/// `podboard demo --out FILE`: writes a generated demo store.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic, deterministic demo store (the same generator gives the built-in demo)."
    )

    @Option(name: .long, help: ArgumentHelp("Where to write the store.", valueName: "file"))
    var out: String

    @Option(name: .long, help: "The random seed: the same seed and options give the same file.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "How many accounts.")
    var accounts: Int = DemoOptions(today: LocalDate(dayNumber: 0)).accounts

    @Option(name: .long, help: "How many requests.")
    var requests: Int = DemoOptions(today: LocalDate(dayNumber: 0)).requests

    @Option(name: .long, help: ArgumentHelp("The day the demo is built around (default: the real today).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Flag(name: .long, help: "Replace the file when it exists.")
    var force = false

    func run() throws {
        let day: LocalDate
        if let today {
            guard let d = LocalDate(today) else {
                throw Failure.badInput("--today: expected a date written YYYY-MM-DD (a real day, like 2026-11-23), found '\(today)'")
            }
            day = d
        } else {
            day = Zone(identifier: "Asia/Kolkata")!.today()
        }
        guard accounts >= 1, accounts <= 100_000 else { throw Failure.badInput("--accounts: expected a number from 1 to 100000, found \(accounts)") }
        guard requests >= 1, requests <= 1_000_000 else { throw Failure.badInput("--requests: expected a number from 1 to 1000000, found \(requests)") }
        let store = DemoGenerator.generate(DemoOptions(today: day, seed: seed, accounts: accounts, requests: requests))
        do { try StoreFile.create(store, at: out, replace: force) } catch {
            throw Failure(status: 2, message: error.description)
        }
        Console.line("wrote \(out): demo store for \(day) (seed \(seed)): \(Plural.count(store.pods.count, "POD")), \(Plural.count(store.people.count, "person", "people")), "
              + "\(Plural.count(store.accounts.count, "account")), \(Plural.count(store.contracts.count, "contract")), \(Plural.count(store.requests.count, "request"))")
    }
}
