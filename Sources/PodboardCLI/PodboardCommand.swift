import ArgumentParser
import Foundation
import PodboardCore

/// `podboard`: the root command. With no subcommand it opens the terminal UI.
public struct PodboardCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "podboard",
        abstract: "A keyboard-driven dashboard for SaaS-procurement PODs.",
        discussion: """
            With no subcommand, podboard opens the terminal UI on the store (`podboard dashboard` prints it as \
            text). The store is --store FILE, else $PODBOARD_STORE, else ./podboard.json; when none \
            of these exists, the built-in demo store (generated in memory, written nowhere).
            """,
        version: PodboardVersion.current,
        subcommands: [OpenCommand.self, DashboardCommand.self, ReportCommand.self, ActCommand.self, LogCommand.self, ValidateCommand.self, DemoCommand.self, PeopleCommand.self, ImportCommand.self, DbCommand.self],
        defaultSubcommand: OpenCommand.self
    )

    public init() {}

    /// Runs podboard with these arguments and returns the exit status: 0 done, 1 refused or invalid, 2 bad input.
    public static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as Failure {
            Console.err("podboard: " + failure.message)
            return failure.status
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Console.line(fullMessage(for: error))
                return 0
            }
            if let e = error as? ExitCode { return e.rawValue }
            let message = fullMessage(for: error)
            if !message.isEmpty { Console.err(message) }
            // Usage errors (unknown options, missing arguments, bad values) exit 2, like every other bad input.
            return code.rawValue == 64 ? 2 : code.rawValue
        }
    }
}

/// The version podboard reports with `--version`.
public enum PodboardVersion {
    public static let current = "0.1.0"
}

/// Prints a message to standard error and stops with an exit status.
struct Failure: Error {
    let status: Int32
    let message: String

    /// Bad input: an unknown id, role or date, an unreadable file. Exit 2.
    static func badInput(_ message: String) -> Failure { Failure(status: 2, message: message) }
}

extension Failure: CustomStringConvertible {
    var description: String { message }
}
