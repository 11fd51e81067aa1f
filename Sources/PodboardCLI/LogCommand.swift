import ArgumentParser
import Foundation
import PodboardCore

/// `podboard log [TARGET]`: the activity log, oldest first.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the activity log (every change podboard made), oldest first.")

    @Argument(help: "Only entries about this request, account, day or quarter.") var target: String?
    @OptionGroup var source: StoreOptions
    @Option(name: .long, help: "table, json, csv or md.") var format: OutputFormat = .table
    @Option(name: .long, help: ArgumentHelp("Only what others did to your requests since this day, or since your last session in the terminal UI (last); newest first.", valueName: "date|last"))
    var since: String?
    @Option(name: .customLong("for"), help: ArgumentHelp("With --since: whose requests (default: you, as the UI and act know you).", valueName: "person"))
    var person: String?

    func run() throws {
        let selected = try source.load()
        let store = selected.store
        let snap = Snapshot(store: store, today: try source.today(for: store))
        if since != nil || person != nil {
            try runSince(selected, today: snap.today)
            return
        }
        if let target, !store.activity.contains(where: { $0.target == target }),
           store.request(target) == nil, store.account(target) == nil {
            throw Failure.badInput("no request or account \"\(target)\" in the store, and no activity about it")
        }
        var table = ReportTable(title: "Activity" + (target.map { " of " + $0 } ?? ""), columns: [
            Column(key: "index", title: "#", alignRight: true), Column(key: "at", title: "At"), Column(key: "by", title: "By"),
            Column(key: "action", title: "Action"), Column(key: "target", title: "Target"), Column(key: "change", title: "Change"),
        ])
        let text = ActivityText(store: store)
        for (i, a) in store.activity.enumerated() where target == nil || a.target == target {
            table.rows.append([Cell.int(i), Cell(a.at.text), Cell(text: text.who(a), value: .string(a.by)),
                               Cell(a.action), Cell(a.target), Cell(text.change(a))])
        }
        if table.rows.isEmpty { table.notes.append("no activity" + (target.map { " about " + $0 } ?? "")) }
        emit(table, today: snap.today)
    }

    func emit(_ table: ReportTable, today: LocalDate) {
        switch format {
        case .table: Console.out(TableRenderer.text(table, style: TextStyle.forStandardOutput()), styled: true)
        case .csv: Console.out(TableRenderer.csv(table))
        case .md: Console.out(TableRenderer.markdown(table))
        case .json: Console.out(TableRenderer.json(table, report: "log", today: today, extra: []))
        }
    }
}
