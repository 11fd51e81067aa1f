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

    @Option(name: .customLong("as"), help: ArgumentHelp("Who you are: a person id (default: $PODBOARD_USER). Unknown or absent: read-only. On a store with logins your login says who you are, and --as is for admins acting for someone.", valueName: "person"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("A built-in theme (default, light, high-contrast, mono) or a theme file. NO_COLOR means mono.", valueName: "name|file"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("The POD to show first (its id).", valueName: "id"))
    var pod: String?

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (no clicks, double-clicks or wheel in podboard); also `mouse = off` in the config.")
    var noMouse = false

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        // The user's config, checked before anything else: a bad line is an error, the terminal untouched.
        let config = try Self.loadConfig(env)
        let pod = self.pod ?? config.pod
        let theme = self.theme ?? config.theme
        // The store file is read once, by its session: its journal (actions not yet folded) is applied, and every
        // action is journaled before it counts as done.
        let selected = try source.load(writing: true)
        let session: any StoreEngine = selected.session ?? StoreSession(inMemory: selected.store)
        var notes = selected.notes
        let clock = try source.nowSource()
        let today = clock.today(zone: Zone(identifier: selected.store.settings.timeZone) ?? .utc)
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
        // Who you are: on a team store your login (--as only for an admin, acting for someone); else --as.
        var who: String?, via: String?, banner: String?
        // On PostgreSQL the database login says who you are (docs/postgres.md).
        var resolved = session.login.map { login in
            Identity.resolve(store: selected.store, login: Identity.isTeamStore(selected.store) ? login : nil,
                             asked: user ?? env["PODBOARD_USER"].flatMap { $0.isEmpty ? nil : $0 }, askedWith: user != nil ? "--as" : "$PODBOARD_USER")
        } ?? Identity.resolve(store: selected.store, flag: user, environment: env)
        // The config's person stands for --as only where nothing else says who you are.
        if case .undeclared = resolved, let person = config.person {
            resolved = Identity.resolve(store: selected.store, flag: person, environment: env)
        }
        switch resolved {
        case .person(let id, let v): who = id; via = v
        case .undeclared: break
        case .readOnly(let m): banner = m
        case .refused(let m): throw Failure(status: 1, message: "refused: " + m)
        }
        var state = AppState(store: selected.store, today: today, storeLabel: selected.label,
                             isDemo: selected.session == nil, user: who, pod: pod, clock: clock,
                             askWhoAmI: who == nil && banner == nil)
        if let banner { state.readOnlyReason = banner }
        state.via = via
        let seenFile = LastSeen.path(environment: env)
        if let path = session.path, let seenFile { state.lastSeen = LastSeen.marks(file: seenFile, store: path) }
        // The last pane, filters and sorts of this store, from the previous session.
        // Like "since you last looked", the built-in demo store keeps none.
        let uiStateFile = session.path == nil ? nil : UIStateFile.path(environment: env)
        // Per store and person (people may share an account on a store without logins).
        let storeKey = session.path.map(LastSeen.storeKey) ?? "DEMO"
        func uiStateKey(_ user: Person?) -> String { storeKey + "#" + (user?.id ?? "") }
        if let uiStateFile {
            let (views, note) = UIStateFile.loadAll(file: uiStateFile, store: storeKey)
            state.remembered = views
            if let view = views[state.user?.id ?? ""] { UIStateFile.restore(view, into: &state) }
            if let note { notes.append(note) }
        }
        state.mouse = !noMouse && config.mouse != false
        if !notes.isEmpty { state.message = StatusMessage(notes.joined(separator: "; ")) }
        // Acts as the user in view: the one named with --as, or the one chosen in the "who are you?" picker.
        let performer = SessionPerformer(session: session, user: state.user?.id ?? "", clock: clock)
        performer.via = via
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal.open(theme: chosenTheme, environment: env)
        } catch {
            throw Failure.badInput(error.message)
        }
        state.backgroundTrends = true
        terminal.enableMouse(state.mouse)
        let final = Keymap.withKeymap(config.keymap()) {
            AppRunner.run(state, on: terminal, performAs: { performer.perform($0, as: $1) }, watch: { performer.watch() }, connection: { performer.unavailable })
        }
        terminal.close()
        if let uiStateFile {
            do { try UIStateFile.save(UIStateFile.view(of: final), file: uiStateFile, store: uiStateKey(final.user)) } catch {
                Console.err("podboard: could not remember the view in \(uiStateFile): \(error.localizedDescription)")
            }
        }
        // "Since you last looked" starts from here next time (an admin acting for someone moves no one's mark).
        if let u = final.user, via == nil, let path = session.path, let seenFile {
            let zone = Zone(identifier: session.store.settings.timeZone) ?? .utc
            do { try LastSeen.record(SeenMark(store: session.store, at: clock.now(zone: zone)), person: u.id, store: path, file: seenFile) } catch {
                Console.err("podboard: could not record this session in \(seenFile): \(error.localizedDescription)")
            }
        }
        // Every action is already committed in the journal; folding it into the store file is tidying up.
        do { try session.finish() } catch {
            let journal = session.path.map { Journal.path(for: $0) } ?? "the journal"
            Console.err("podboard: not folded into the store file: \(error)\nyour actions are safe in \(journal): every podboard reads them from there, and the next fold writes them into the store")
        }
    }

    /// The config file's settings; none when there is no file. A bad line is bad input (exit 2), naming it.
    static func loadConfig(_ env: [String: String]) throws -> UserConfig {
        guard let path = UserConfig.path(environment: env), FileManager.default.fileExists(atPath: path) else { return UserConfig() }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure.badInput("config \(path): cannot be read") }
        do {
            return try UserConfig.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw Failure.badInput("config \(path): \(error)")
        }
    }
}
