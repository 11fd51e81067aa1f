import Foundation

/// A terminal colour: the terminal's default, one of the 16 basic colours, or a 256-colour index with a
/// basic fallback for 8-colour terminals.
public enum TerminalColor: Sendable, Equatable, Hashable {
    case `default`
    /// 0–7: black, red, green, yellow, blue, magenta, cyan, white; 8–15 their bright forms.
    case basic(Int)
    /// A 256-colour index, and the basic colour (0–7) to use on an 8-colour terminal.
    case indexed(Int, fallback: Int)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// The colour to use with a colour capability: 0–255, or -1 for the terminal's default.
    public func index(for support: ColorSupport) -> Int {
        switch (self, support) {
        case (.default, _), (_, .monochrome): return -1
        case (.basic(let n), .basic8): return n % 8
        case (.basic(let n), .indexed256): return n
        case (.indexed(_, let f), .basic8): return f
        case (.indexed(let n, _), .indexed256): return n
        }
    }
}

/// How one role looks: foreground, background and attributes.
public struct RoleStyle: Sendable, Equatable, Hashable {
    public var foreground: TerminalColor = .default
    public var background: TerminalColor = .default
    public var attributes: TextAttributes = []
    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, attributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
}

/// A theme: a style for every semantic role. Loaded from the files in `Themes/` (built into the binary) or
/// from a user's file with `--theme FILE`.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [ThemeRole: RoleStyle]

    public init(name: String, styles: [ThemeRole: RoleStyle]) { self.name = name; self.styles = styles }

    public func style(_ role: ThemeRole) -> RoleStyle { styles[role] ?? styles[.normal] ?? RoleStyle() }

    /// True when the theme sets no colour at all (the `mono` theme).
    public var isMonochrome: Bool {
        styles.values.allSatisfy { $0.foreground == .default && $0.background == .default }
    }
}

/// A problem in a theme file: the line and what was expected.
public struct ThemeError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var message: String
    public var description: String { line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)" }
}

/// Reads theme files. Format, one role per line (`#` starts a comment):
///
///     name = default
///     breach = 196|red bold          # 256-colour 196, red on 8-colour terminals, bold
///     focus = black on 75|cyan       # foreground, then "on" and a background
///     selection = reverse
///
/// Colours: `default`, `black`, `red`, `green`, `yellow`, `blue`, `magenta`, `cyan`, `white`, `bright-NAME`,
/// or `N|NAME` (a 256-colour index with a basic fallback). Attributes: `bold`, `dim`, `underline`, `reverse`.
/// Every role must be given; roles are the names of `ThemeRole`.
public enum ThemeParser {
    public static func parse(_ text: String, source: String) throws(ThemeError) -> Theme {
        var name: String?
        var styles: [ThemeRole: RoleStyle] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = i + 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw ThemeError(source: source, line: lineNo, message: "expected 'role = style', found '\(line)'")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if key == "name" { name = value; continue }
            guard let role = ThemeRole(rawValue: key) else {
                throw ThemeError(source: source, line: lineNo, message: "unknown role '\(key)' (expected one of: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if styles[role] != nil { throw ThemeError(source: source, line: lineNo, message: "the role '\(key)' is given twice") }
            styles[role] = try style(value, source: source, line: lineNo)
        }
        let missing = ThemeRole.allCases.filter { styles[$0] == nil }
        if !missing.isEmpty {
            throw ThemeError(source: source, line: max(1, text.split(separator: "\n").count),
                             message: "the theme does not give these roles: \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        return Theme(name: name ?? source, styles: styles)
    }

    static func style(_ value: String, source: String, line: Int) throws(ThemeError) -> RoleStyle {
        var s = RoleStyle()
        var expectBackground = false
        var sawForeground = false
        for token in value.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            switch token {
            case "bold": s.attributes.insert(.bold)
            case "dim": s.attributes.insert(.dim)
            case "underline": s.attributes.insert(.underline)
            case "reverse": s.attributes.insert(.reverse)
            case "normal": break
            case "on": expectBackground = true
            default:
                guard let c = color(token) else {
                    throw ThemeError(source: source, line: line, message: "unknown colour or attribute '\(token)' (expected a colour name, bright-NAME, N|NAME with N from 0 to 255, default, bold, dim, underline, reverse or on)")
                }
                if expectBackground { s.background = c; expectBackground = false } else {
                    if sawForeground { throw ThemeError(source: source, line: line, message: "two foreground colours; write 'on' before the background") }
                    s.foreground = c; sawForeground = true
                }
            }
        }
        if expectBackground { throw ThemeError(source: source, line: line, message: "'on' must be followed by a background colour") }
        return s
    }

    static func color(_ token: String) -> TerminalColor? {
        if token == "default" { return .default }
        if let i = TerminalColor.names.firstIndex(of: token) { return .basic(i) }
        if token.hasPrefix("bright-"), let i = TerminalColor.names.firstIndex(of: String(token.dropFirst(7))) { return .basic(i + 8) }
        let parts = token.split(separator: "|")
        if parts.count == 2, let n = Int(parts[0]), (0...255).contains(n), let f = TerminalColor.names.firstIndex(of: String(parts[1])) {
            return .indexed(n, fallback: f)
        }
        return nil
    }
}
