/// Finds a theme by name among the built-in ones (the `Themes/` files, compiled in, so they work wherever the
/// binary is copied), or reads a theme file.
public enum ThemeCatalog {
    /// The built-in theme names.
    public static var names: [String] { BuiltinThemes.files.map(\.name) }

    /// A built-in theme; nil for an unknown name.
    public static func builtin(_ name: String) -> Theme? {
        guard let file = BuiltinThemes.files.first(where: { $0.name == name }) else { return nil }
        return try? ThemeParser.parse(file.text, source: "Themes/\(name).theme")
    }

    /// Which theme to use: `--theme` (a built-in name, or a file path when it names no built-in theme), else
    /// `mono` when `NO_COLOR` is set (non-empty), else `default`.
    /// - Parameter readFile: reads a theme file's text; throws with a message when it can't.
    public static func resolve(_ option: String?, environment: [String: String],
                               readFile: (String) throws -> String) throws -> Theme {
        guard let option, !option.isEmpty else {
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return builtin(noColor ? "mono" : "default")!
        }
        if let t = builtin(option) { return t }
        let text: String
        do { text = try readFile(option) } catch {
            throw ThemeError(source: option, line: 0,
                             message: "no built-in theme of that name (\(names.joined(separator: ", "))) and no readable theme file: \(error)")
        }
        return try ThemeParser.parse(text, source: option)
    }
}
