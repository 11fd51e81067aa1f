import ArgumentParser
import PodboardCore

/// `podboard dashboard`: the dashboard as text (KPIs per role, breached requests, next renewals).
///
/// The root command has no options of its own: an option on the root would be matched before a subcommand's
/// option of the same name (`--today`), so everything lives in subcommands.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Print the dashboard as text: KPIs per role, breached requests and the next renewals."
    )

    @OptionGroup var source: StoreOptions
    @OptionGroup var filters: FilterOptions

    func run() throws {
        let loaded = try source.load()
        let snap = Snapshot(store: loaded.store, today: try source.today(for: loaded.store))
        let filter = try filters.resolve(in: loaded.store)
        let out = Dashboard.render(snap, filter: filter, label: loaded.label, style: TextStyle.forStandardOutput())
        Console.out(out, styled: true)
    }
}
