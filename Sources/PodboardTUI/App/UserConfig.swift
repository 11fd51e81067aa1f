import Foundation
import PodboardCore

/// The user's settings (issue 15): `$XDG_CONFIG_HOME/podboard/config` (default `~/.config/podboard/config`),
/// lines of `key = value`; `#` starts a comment; values may be in double quotes.
///
///     theme = light                # a built-in theme or a theme file
///     mouse = off                  # on / off (default on)
///     pod = north                  # the POD shown first
///     person = maya                # who you are when --as and $PODBOARD_USER are not given
///     key.palette = Ctrl-K, :      # key overrides: a command's name = its keys (replacing its defaults)
public struct UserConfig: Sendable, Equatable {
    public var theme: String?
    public var mouse: Bool?
    public var pod: String?
    public var person: String?
    /// Command name → keys, in file order, each with its line number.
    public var keys: [(line: Int, command: String, keys: [KeyEvent])] = []
    public init() {}

    public static func == (a: UserConfig, b: UserConfig) -> Bool {
        a.theme == b.theme && a.mouse == b.mouse && a.pod == b.pod && a.person == b.person
            && a.keys.map(\.command) == b.keys.map(\.command) && a.keys.map(\.keys) == b.keys.map(\.keys)
    }

    /// A problem in the file, naming its line.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "line \(line): \(text)" }
    }

    /// The file, from the environment; nil without `$XDG_CONFIG_HOME` (absolute) or `$HOME`.
    public static func path(environment: [String: String]) -> String? {
        if let x = environment["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/podboard/config" }
        if let h = environment["HOME"], !h.isEmpty { return h + "/.config/podboard/config" }
        return nil
    }

    /// Reads the config's text; every key and value is checked, the key overrides against the keymap.
    public static func parse(_ text: String) throws(Problem) -> UserConfig {
        var c = UserConfig()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = i + 1
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            line = stripComment(line).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw Problem(line: n, text: "expected key = value, found \"\(DisplayWidth.sanitized(line))\"")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard !value.isEmpty else { throw Problem(line: n, text: "\(key): no value") }
            switch key {
            case "theme": c.theme = value
            case "pod": c.pod = value
            case "person": c.person = value
            case "mouse":
                switch value.lowercased() {
                case "on", "true", "yes": c.mouse = true
                case "off", "false", "no": c.mouse = false
                default: throw Problem(line: n, text: "mouse: \"\(DisplayWidth.sanitized(value))\" is not on or off")
                }
            default:
                guard key.hasPrefix("key.") else {
                    throw Problem(line: n, text: "unknown setting \"\(DisplayWidth.sanitized(key))\" (known: theme, mouse, pod, person, key.COMMAND)")
                }
                let name = String(key.dropFirst(4))
                guard Keymap.commandNames[name] != nil else {
                    throw Problem(line: n, text: "no command \"\(DisplayWidth.sanitized(name))\" (known: \(Keymap.commandNames.keys.sorted().joined(separator: ", ")))")
                }
                var keys: [KeyEvent] = []
                for part in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    guard let k = KeyEvent(name: part) else {
                        throw Problem(line: n, text: "\(key): \"\(DisplayWidth.sanitized(part))\" is not a key (e.g. x, Ctrl-K, F2, Enter, Esc, Tab, Space)")
                    }
                    keys.append(k)
                }
                c.keys.append((n, name, keys))
            }
        }
        // The overrides must leave every key meaning one thing wherever it is active.
        var table = Keymap.base
        for o in c.keys {
            table = Keymap.overriding(table, command: Keymap.commandNames[o.command]!, keys: o.keys)
            if let clash = Keymap.conflicts(in: table).first {
                throw Problem(line: o.line, text: "key.\(o.command): \(clash.key) already means \"\(clash.first.label)\" (\(clash.first.scope.title)); "
                              + "a key means one thing wherever you are")
            }
        }
        return c
    }

    /// The keymap with the config's key overrides.
    public func keymap() -> [Binding] {
        keys.reduce(Keymap.base) { Keymap.overriding($0, command: Keymap.commandNames[$1.command]!, keys: $1.keys) }
    }

    /// A line without its `#` comment (a `#` inside double quotes stays).
    static func stripComment(_ line: String) -> String {
        var quoted = false
        for (i, ch) in line.enumerated() {
            if ch == "\"" { quoted.toggle() }
            if ch == "#" && !quoted {
                // "#" as a value ("key.x = #") is a key, not a comment, when it follows "=" and spaces only.
                let before = line.prefix(i).trimmingCharacters(in: .whitespaces)
                if before.hasSuffix("=") || before.hasSuffix(",") { continue }
                return String(line.prefix(i))
            }
        }
        return line
    }
}

extension KeyEvent {
    /// A key by the name the footer shows it with ("x", "Ctrl-K", "F2", "Enter", "Esc", "Tab", "Space", "PgUp").
    public init?(name: String) {
        let named: [String: KeyEvent] = ["enter": .enter, "esc": .escape, "escape": .escape, "tab": .tab, "shift-tab": .backTab,
                                         "backspace": .backspace, "del": .delete, "delete": .delete, "space": .char(" "),
                                         "up": .up, "down": .down, "left": .left, "right": .right, "pgup": .pageUp,
                                         "pgdn": .pageDown, "home": .home, "end": .end]
        let lower = name.lowercased()
        if let k = named[lower] { self = k; return }
        if lower.hasPrefix("ctrl-"), name.count == 6, let c = lower.last, c.isASCII, c.isLetter { self = .ctrl(c); return }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { self = .function(n); return }
        if name.count == 1, let c = name.first, !c.isWhitespace, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
            self = .char(c); return
        }
        return nil
    }
}

extension Keymap {
    /// The keymap in effect: the built-in one, or with the config's overrides (`withKeymap`).
    @TaskLocal static var active: [Binding]?

    /// Runs `body` with a keymap (the config's overrides): every key lookup, footer and `?` inside uses it.
    public static func withKeymap<T>(_ table: [Binding], _ body: () throws -> T) rethrows -> T {
        try $active.withValue(table, operation: body)
    }

    /// The table with every binding of `command` bound to `keys` instead of its own.
    static func overriding(_ table: [Binding], command: Command, keys: [KeyEvent]) -> [Binding] {
        table.map { $0.command == command ? Binding(scope: $0.scope, keys: keys, command: command, label: $0.label, footer: $0.footer) : $0 }
    }

    /// The names of the commands a config can rebind: `key.NAME = KEYS`.
    public static let commandNames: [String: Command] = {
        var out: [String: Command] = [
            "quit": .quit, "help": .help, "redraw": .redraw, "next-pane": .nextPane, "previous-pane": .previousPane,
            "up": .up, "down": .down, "left": .left, "right": .right, "page-up": .pageUp, "page-down": .pageDown,
            "first": .top, "last": .bottom, "open": .open, "back": .back, "previous-pod": .previousPod, "next-pod": .nextPod,
            "previous-quarter": .previousQuarter, "next-quarter": .nextQuarter, "filter": .filterText,
            "cycle-scope": .cycleScope, "toggle-breached": .toggleBreached, "cycle-status": .cycleStatus,
            "clear-filters": .clearFilters, "open-account": .openAccount, "cycle-escalation-filter": .cycleEscalationFilter,
            "intake": .intake, "clear-search": .clearSearch, "next-match": .nextMatch, "previous-match": .previousMatch,
            "sort-previous": .sortPrevious, "sort-next": .sortNext, "flip-sort": .flipSort, "palette": .palette,
            "history-back": .historyBack, "history-forward": .historyForward,
        ]
        for p in Pane.allCases { out["pane-" + p.title.lowercased()] = .showPane(p) }
        for k in ActionKind.allCases { out[k.rawValue] = .act(k) }
        return out
    }()
}
