/// Counts with their noun for people: "1 day", "2 days", "1 item", "0 items". Used wherever the UI or a report
/// prints a count in words.
public enum Plural {
    /// `n` and the noun, singular for exactly one; `many` when the plural is not the noun plus "s".
    public static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) " + noun(n, one, many)
    }

    /// The noun alone, in the number `n` asks for.
    public static func noun(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        n == 1 || n == -1 ? one : (many ?? one + "s")
    }
}
