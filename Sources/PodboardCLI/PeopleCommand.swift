import ArgumentParser
import Foundation
import PodboardCore

/// `podboard people`: who is in the store (ids for `--as`, names, roles, PODs), in any report format.
struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "List the store's people: ids (for --as), names, roles and PODs."
    )

    @OptionGroup var source: StoreOptions

    @Option(name: .long, help: "table, json, csv or md.")
    var format: OutputFormat = .table

    func run() throws {
        let selected = try source.load()
        let store = selected.store
        let today = try source.today(for: store)
        let table = PeopleReport.table(store)
        switch format {
        case .table: Console.out(TableRenderer.text(table, style: TextStyle.forStandardOutput()), styled: true)
        case .csv: Console.out(TableRenderer.csv(table))
        case .md: Console.out(TableRenderer.markdown(table))
        case .json: Console.out(TableRenderer.json(table, report: "people", today: today))
        }
    }
}

/// The people table: one row per person, in the store's order.
enum PeopleReport {
    static func table(_ store: Store) -> ReportTable {
        let podNames = Dictionary(store.pods.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var t = ReportTable(title: "People (\(store.people.count))", columns: [
            Column(key: "id", title: "Id"), Column(key: "name", title: "Name"),
            Column(key: "roles", title: "Roles"), Column(key: "pods", title: "PODs"),
        ])
        for p in store.people {
            t.rows.append([
                Cell(p.id), Cell(p.name),
                Cell(text: p.roles.map(\.rawValue).joined(separator: ", "), value: .array(p.roles.map { .string($0.rawValue) })),
                Cell(text: p.pods.map { id in podNames[id].map { "\($0) (\(id))" } ?? id }.joined(separator: ", "),
                     value: .array(p.pods.map { .string($0) })),
            ])
        }
        return t
    }
}
