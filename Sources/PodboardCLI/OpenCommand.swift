import ArgumentParser
import Foundation
import PodboardCore
import PodboardTUI
import PodboardTerminal

/// `podboard` / `podboard open`: the terminal UI.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the terminal UI (what `podboard` with no subcommand does)."
    )

    @OptionGroup var source: StoreOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Who you are: a person id (default: $PODBOARD_USER). Unknown or absent: read-only.", valueName: "person"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("A built-in theme (default, light, high-contrast, mono) or a theme file. NO_COLOR means mono.", valueName: "name|file"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("The POD to show first (its id).", valueName: "id"))
    var pod: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let selected = try source.load()
        let today = try source.today(for: selected.store)
        if let pod, selected.store.pod(pod) == nil {
            throw Failure.badInput("--pod: no POD with id '\(pod)' in the store (known: \(selected.store.pods.map(\.id).joined(separator: ", ")))")
        }
        let chosenTheme: Theme
        do {
            chosenTheme = try ThemeCatalog.resolve(theme, environment: env) { path in
                try String(contentsOfFile: path, encoding: .utf8)
            }
        } catch {
            throw Failure.badInput("--theme: \(error)")
        }
        let who = user ?? env["PODBOARD_USER"].flatMap { $0.isEmpty ? nil : $0 }
        let state = AppState(store: selected.store, today: today, storeLabel: selected.label,
                             isDemo: selected.loaded == nil, user: who, pod: pod)
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal.open(theme: chosenTheme, environment: env)
        } catch {
            throw Failure.badInput(error.message)
        }
        AppRunner.run(state, on: terminal)
        terminal.close()
    }
}
