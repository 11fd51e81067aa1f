import ArgumentParser
import Foundation
import PodboardCore

/// `--format` of the documents that leave podboard: plain text, Markdown, one HTML file.
enum DocumentFormat: String, CaseIterable, ExpressibleByArgument {
    case text, md, html
}

/// The documents of several PODs as one: each POD's sections under its name.
func combined(_ docs: [ReportDocument], title: String) -> ReportDocument {
    if docs.count == 1 { return docs[0] }
    var out = ReportDocument(title: title, subtitle: docs.first?.subtitle ?? [])
    for d in docs {
        out.sections.append(.init(d.title, []))
        out.sections += d.sections
    }
    return out
}

/// The one rendering of the reports' documents, whatever the command: the documents as one (`combined`) in the
/// format `--format` names: `text`, `md` or `html` (`table` is the text).
func renderDocuments(_ docs: [ReportDocument], title: String, format: String) -> String {
    combined(docs, title: title).render(ReportDocument.Format(rawValue: format == "table" ? "text" : format) ?? .text)
}

/// `podboard report customer-update --account ID [--since DATE] [--format text|md|html]`.
struct CustomerUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer-update",
        abstract: "The customer update of one account: requests opened, moving and waiting on the customer, savings against MSG and PSE, renewals of the next 90 days.")
    @OptionGroup var source: StoreOptions

    @Option(name: .long, help: ArgumentHelp("The account (its id).", valueName: "id"))
    var account: String

    @Option(name: .long, help: ArgumentHelp("The first day of the period (default: 13 days before today: the last 14 days).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: "text, md or html (one self-contained file).")
    var format: DocumentFormat = .text

    func run() throws {
        let selected = try source.load()
        let store = selected.store
        let snap = Snapshot(store: store, today: try source.today(for: store))
        guard let a = store.account(account) else {
            throw Failure.badInput("--account: no account with id '\(account)' in the store")
        }
        var from: LocalDate?
        if let since {
            guard let d = LocalDate(since) else { throw Failure.badInput("--since: expected a date written YYYY-MM-DD, found '\(since)'") }
            guard d <= snap.today else { throw Failure.badInput("--since: \(d) is after today (\(snap.today))") }
            from = d
        }
        Console.out(renderDocuments([CustomerUpdate(account: a, since: from, snap).document()], title: "", format: format.rawValue))
    }
}

/// `podboard report catch-up --pod ID [--format text|md|html]`.
struct CatchUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catch-up",
        abstract: "The POD's weekly catch-up: per account new, breached, stale and escalated requests, health and sentiment changes, ATS coverage, the people matrix.")
    @OptionGroup var source: StoreOptions

    @Option(name: .long, help: ArgumentHelp("The POD (its id); default: every POD.", valueName: "id"))
    var pod: String?

    enum Format: String, CaseIterable, ExpressibleByArgument { case text, md, html, json, csv }

    @Option(name: .long, help: "text, md, html, json or csv (one row per account).")
    var format: Format = .text

    func run() throws {
        let selected = try source.load()
        let store = selected.store
        let snap = Snapshot(store: store, today: try source.today(for: store))
        let parts = try resolvePods(pod, store).map { CatchUp(pod: $0, snap) }
        switch format {
        case .text, .md, .html:
            Console.out(renderDocuments(parts.map { $0.document() }, title: "POD weekly catch-up", format: format.rawValue))
        case .csv: Console.out(TableRenderer.csv(Self.table(parts)))
        case .json:
            Console.out(TableRenderer.json(Self.table(parts), report: "catch-up", today: snap.today,
                                           extra: [("weekFrom", .string(snap.today.adding(days: -6).description))]))
        }
    }

    /// One row per account, typed for JSON and CSV.
    static func table(_ parts: [CatchUp]) -> ReportTable {
        var t = ReportTable(title: "POD weekly catch-up", columns: [
            Column(key: "pod", title: "POD"), Column(key: "account", title: "Account"),
            Column(key: "new", title: "New"), Column(key: "breached", title: "Breached"), Column(key: "stale", title: "Stale"),
            Column(key: "escalated", title: "Escalated"), Column(key: "health", title: "Health"),
            Column(key: "healthWeekAgo", title: "Health a week ago"), Column(key: "sentiment", title: "Sentiment"),
            Column(key: "sentimentWeekAgo", title: "Sentiment a week ago"), Column(key: "coverage", title: "ATS coverage"),
            Column(key: "coverageWeekAgo", title: "ATS coverage a week ago"), Column(key: "contacts", title: "Contacts"),
        ])
        func ids(_ rs: [Request]) -> Cell {
            Cell(text: rs.map(\.id).joined(separator: ";"), value: .array(rs.map { .string($0.id) }))
        }
        for c in parts {
            for p in c.accounts {
                let contacts: [JSONValue] = p.account.contacts.map { k in
                    var o = JSONObject()
                    o["name"] = .string(k.name); o["role"] = k.role.map(JSONValue.string) ?? .null
                    o["email"] = k.email.map(JSONValue.string) ?? .null
                    o["escalationLevel"] = k.escalationLevel.map { .number(String($0)) } ?? .null
                    return .object(o)
                }
                t.rows.append([Cell(c.pod.id), Cell(p.account.id), ids(p.new), ids(p.breached), ids(p.stale), ids(p.escalated),
                               Cell(p.account.health.rawValue), Cell(p.healthBefore.rawValue), .optional(p.account.sentiment),
                               .optional(p.sentimentBefore), .percent(p.coverage), .percent(p.coverageWeekAgo),
                               Cell(text: p.account.contacts.map(\.name).joined(separator: ";"), value: .array(contacts))])
            }
        }
        return t
    }
}

func resolvePods(_ pod: String?, _ store: Store) throws -> [Pod] {
    guard let pod else { return store.pods }
    guard let p = store.pod(pod) else {
        throw Failure.badInput("--pod: no POD with id '\(pod)' in the store (known: \(store.pods.map(\.id).joined(separator: ", ")))")
    }
    return [p]
}

/// `podboard report monthly --pod ID [--month YYYY-MM] [--format table|md|html|json|csv]`.
struct MonthlyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monthly",
        abstract: "The monthly leadership report: per POD and account ATS (coverage, trend, deficits), savings in the month and to date, MSG and PSE attainment, GDR outlook.")
    @OptionGroup var source: StoreOptions

    @Option(name: .long, help: ArgumentHelp("The POD (its id); default: every POD.", valueName: "id"))
    var pod: String?

    @Option(name: .long, help: ArgumentHelp("The month (default: today's, to date).", valueName: "YYYY-MM"))
    var month: String?

    enum Format: String, CaseIterable, ExpressibleByArgument { case table, text, md, html, json, csv }

    @Option(name: .long, help: "table (text), md, html, json or csv.")
    var format: Format = .table

    func run() throws {
        let selected = try source.load()
        let store = selected.store
        let snap = Snapshot(store: store, today: try source.today(for: store))
        var first: LocalDate?
        if let month {
            guard let m = MonthlyReport.month(month) else { throw Failure.badInput("--month: expected a month written YYYY-MM (like 2026-11), found '\(month)'") }
            guard m <= snap.today else { throw Failure.badInput("--month: \(month) has not begun (today is \(snap.today))") }
            first = m
        }
        let reports = try resolvePods(pod, store).map { MonthlyReport(pod: $0, month: first, snap) }
        switch format {
        case .table, .text, .md, .html:
            Console.out(renderDocuments(reports.map { $0.document() }, title: "Monthly report", format: format.rawValue))
        case .csv: Console.out(TableRenderer.csv(Self.table(reports)))
        case .json:
            let m = reports.first.map { $0.monthName } ?? ""
            let pods: [JSONValue] = reports.map { r in
                var o = JSONObject()
                o["pod"] = .string(r.pod.id)
                o["declaredATS"] = .number(Money.plain(r.declared)); o["uploadedATS"] = .number(Money.plain(r.uploaded))
                o["coverage"] = r.coverage.map { .number(Money.plain(Money.rounded($0, scale: 4))) } ?? .null
                o["deficit"] = .number(Money.plain(r.deficit))
                o["savingsInMonth"] = .number(Money.plain(r.savingsInMonth)); o["savingsToDate"] = .number(Money.plain(r.savingsToDate))
                o["msgAttained"] = .number(String(r.msgAttained.met)); o["msgCounted"] = .number(String(r.msgAttained.counted))
                o["pseAttained"] = .number(String(r.pseAttained.met)); o["pseCounted"] = .number(String(r.pseAttained.counted))
                o["gdrOutlookGood"] = .number(String(r.gdrOutlook.good)); o["gdrOutlookCounted"] = .number(String(r.gdrOutlook.counted))
                return .object(o)
            }
            Console.out(TableRenderer.json(Self.table(reports), report: "monthly", today: snap.today,
                                           extra: [("month", .string(m)), ("currency", .string(store.settings.currency)), ("pods", .array(pods))]))
        }
    }

    /// One row per account, typed for JSON and CSV.
    static func table(_ reports: [MonthlyReport]) -> ReportTable {
        var t = ReportTable(title: "Monthly report", columns: [
            Column(key: "pod", title: "POD"), Column(key: "account", title: "Account"),
            Column(key: "declaredATS", title: "Declared ATS", alignRight: true), Column(key: "uploadedATS", title: "Uploaded ATS", alignRight: true),
            Column(key: "coverage", title: "Coverage", alignRight: true), Column(key: "coverageAtMonthStart", title: "Coverage at start", alignRight: true),
            Column(key: "sunsetDeficit", title: "Sunset deficit", alignRight: true), Column(key: "offlineDeficit", title: "Offline deficit", alignRight: true),
            Column(key: "savingsInMonth", title: "Savings in month", alignRight: true), Column(key: "savingsToDate", title: "Savings to date", alignRight: true),
            Column(key: "msg", title: "MSG", alignRight: true), Column(key: "msgAttainment", title: "MSG attained", alignRight: true),
            Column(key: "pseAttainment", title: "PSE attained", alignRight: true), Column(key: "termEndsOn", title: "Term ends"),
            Column(key: "gdrOutlook", title: "GDR outlook"),
        ])
        for r in reports {
            for row in r.rows {
                t.rows.append([Cell(r.pod.id), Cell(row.account.id), .money(row.declared), .money(row.uploaded), .percent(row.coverage),
                               .percent(row.coverageAtStart), .money(row.deficitSunset), .money(row.deficitOffline), .money(row.savingsInMonth),
                               .money(row.savingsToDate), .money(row.account.msg), .percent(row.msgAttainment), .percent(row.pseAttainment),
                               .date(row.account.termEndsOn), Cell(row.outlook.rawValue)])
            }
        }
        return t
    }
}
