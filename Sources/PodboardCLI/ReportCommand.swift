import ArgumentParser
import Foundation
import PodboardCore

/// `podboard report kpi|aging|renewals|savings`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a report as a table, JSON, CSV or Markdown.",
        subcommands: [KPIReportCommand.self, AgingReportCommand.self, RenewalsReportCommand.self, SavingsReportCommand.self,
                      CustomerUpdateCommand.self, CatchUpCommand.self, MonthlyReportCommand.self]
    )
}

/// The options every report takes.
struct ReportOptions: ParsableArguments {
    @OptionGroup var source: StoreOptions
    @OptionGroup var filters: FilterOptions

    @Option(name: .long, help: "table, json, csv or md (renewals: also ics).")
    var format: ReportFormat = .table

    /// Loads the store, fixes today, checks the filter.
    func prepare(allowICS: Bool = false) throws -> (snap: Snapshot, filter: ReportFilter, label: String) {
        if format == .ics && !allowICS { throw Failure.badInput("--format ics: only `podboard report renewals` writes iCalendar") }
        let selected = try source.load()
        let filter = try filters.resolve(in: selected.store)
        return (Snapshot(store: selected.store, today: try source.today(for: selected.store)), filter, selected.label)
    }

    /// Prints a table in the chosen format.
    func emit(_ table: ReportTable, report: String, snap: Snapshot, extra: [(String, JSONValue)] = []) {
        switch format {
        case .table: Console.out(TableRenderer.text(table, style: TextStyle.forStandardOutput()), styled: true)
        case .csv: Console.out(TableRenderer.csv(table))
        case .md: Console.out(TableRenderer.markdown(table))
        case .ics: Console.out(TableRenderer.csv(table))  // refused by prepare(); never reached
        case .json:
            Console.out(TableRenderer.json(table, report: report, today: snap.today,
                                     extra: [("quarter", .string(snap.clock.quarter.description))] + extra))
        }
    }
}

struct KPIReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kpi", abstract: "Every KPI of every POD and person (KPIS.md).")
    @OptionGroup var options: ReportOptions
    @Flag(name: .long, help: "Only the KPI catalog's gauges (the other roles; docs/kpi-catalog.md), without the 17 of KPIS.md.")
    var catalog = false
    @Flag(name: .long, help: "Every gauge's value at the end of each of the last 8 quarters (or months), the current one as of today.")
    var trend = false

    func run() throws {
        let (snap, filter, _) = try options.prepare()
        let report = KPIEngine.compute(snap)
        // The 17 first, exactly as before issue 14, then the catalog's gauges (`--catalog`: those alone).
        let seventeen = catalog ? [] : KPIReports.filter(report.results, filter, snap)
        let gauges = KPIReports.filterCatalog(CatalogEngine.compute(snap), filter, snap.store)
        let trends = trend ? KPITrends.compute(store: snap.store, today: snap.today) : nil
        if options.format == .json {
            Console.out(KPIReports.json(report, results: seventeen + gauges, trends: trends))
        } else if let trends {
            options.emit(KPIReports.trendTable(seventeen + gauges, trends, snap), report: "kpi", snap: snap)
        } else {
            KPIReports.emit(seventeen: seventeen, catalog: gauges, onlyCatalog: catalog, options, snap)
        }
    }
}

struct AgingReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aging", abstract: "Open requests by severity, then age, with their TAT clocks.")
    @OptionGroup var options: ReportOptions

    @Flag(name: .long, help: "Only requests in breach of a TAT.")
    var breached = false

    @Option(name: .long, help: ArgumentHelp("Only requests in this status.", valueName: "status"))
    var status: String?

    func run() throws {
        let (snap, filter, _) = try options.prepare()
        var wanted: RequestStatus?
        if let status {
            guard let s = RequestStatus(rawValue: status) else {
                throw Failure.badInput("--status: unknown status '\(status)' (expected one of: \(RequestStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            wanted = s
        }
        let rows = Aging.rows(snap) { filter.includes($0, snap) }
            .filter { (!breached || $0.severity == .breached) && (wanted == nil || $0.status == wanted) }
        options.emit(AgingReport.table(rows, snap), report: "aging", snap: snap)
    }
}

struct RenewalsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "renewals", abstract: "The renewal calendar of a quarter (next quarter unless --quarter), or the cancel-by alerts.")
    @OptionGroup var options: ReportOptions

    @Option(name: .long, help: ArgumentHelp("The quarter, like 2027-Q1 (default: the quarter after today's).", valueName: "YYYY-Qn"))
    var quarter: String?

    @Flag(name: .long, help: "Only auto-renewing contracts whose cancel-by date is near and that have no open renewal request, whatever their quarter.")
    var alerts = false

    func run() throws {
        let (snap, filter, _) = try options.prepare(allowICS: true)
        var q = snap.clock.quarter.next
        if let quarter {
            guard let parsed = Quarter(quarter) else { throw Failure.badInput("--quarter: expected a quarter written YYYY-Qn (like 2027-Q1), found '\(quarter)'") }
            q = parsed
        }
        if options.format == .ics {
            let list = alerts ? Renewals.alerts(snap).filter { filter.includes($0.contract, snap) }
                : Renewals.quarter(q, snap) { filter.includes($0, snap) }.entries
            Console.out(ICalendar.calendar(list, name: alerts ? "Cancel-by alerts" : "Renewal calendar \(q)", settings: snap.settings, today: snap.today))
            return
        }
        if alerts {
            let list = Renewals.alerts(snap).filter { filter.includes($0.contract, snap) }
            options.emit(RenewalsReport.table(list, snap, title: "Cancel-by alerts as of \(snap.today)"), report: "renewals", snap: snap,
                         extra: [("alerts", .bool(true))])
            return
        }
        let cal = Renewals.quarter(q, snap) { filter.includes($0, snap) }
        var table = RenewalsReport.table(cal.entries, snap, title: "Renewal calendar \(q)")
        table.notes = RenewalsReport.notes(cal, snap)
        var extra: [(String, JSONValue)] = [("calendarQuarter", .string(q.description)), ("calendarDueOn", .string(cal.dueOn.description))]
        extra.append(("publishedAt", cal.publication.map { .string($0.at.text) } ?? .null))
        options.emit(table, report: "renewals", snap: snap, extra: extra)
    }
}

struct SavingsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "savings", abstract: "Approved savings per account (MSG, PSE, FTV) or per request.")
    @OptionGroup var options: ReportOptions

    enum By: String, ExpressibleByArgument, CaseIterable { case account, request }

    @Option(name: .long, help: "account (progress against MSG and PSE) or request (each approved request).")
    var by: By = .account

    func run() throws {
        let (snap, filter, _) = try options.prepare()
        switch by {
        case .account:
            let accounts = snap.store.accounts.filter(filter.includes)
            options.emit(SavingsReport.accounts(accounts.map { AccountProgress($0, snap) }, snap), report: "savings", snap: snap)
        case .request:
            let list = snap.requests.filter { snap.approvedSavings($0) != nil && filter.includes($0, snap) }
            options.emit(SavingsReport.requests(list, snap), report: "savings", snap: snap)
        }
    }
}
