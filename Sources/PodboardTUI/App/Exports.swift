import Foundation
import PodboardCore

/// What a key exports from the UI (issue 13): the same documents as `podboard report …`, computed by
/// PodboardCore, shown in a scrollable preview and written to a file.
public enum ExportKind: String, Sendable, Hashable, CaseIterable {
    /// The customer update of the account in view (`report customer-update`), as Markdown.
    case customerUpdate = "customer-update"
    /// The weekly catch-up of the POD in view (`report catch-up`), as Markdown.
    case catchUp = "catch-up"
    /// The monthly report of the POD in view, this month to date (`report monthly`), as Markdown.
    case monthly
    /// The renewal calendar of the quarter in view, of the POD in view, as iCalendar (`report renewals --format ics`).
    case calendar
}

/// The preview overlay: a title, the lines, its scroll offset, and the file it was written to.
public struct PreviewState: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    public var offset = 0
    /// Display cells scrolled sideways (wide tables).
    public var shift = 0
    public var path: String
}

/// Builds the exports and writes their files.
public enum Exports {
    /// Where files go: `$PODBOARD_EXPORT_DIR` when set, else the current directory (AppState.exportDirectory
    /// overrides both, for tests).
    static func directory(_ state: AppState, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = state.exportDirectory { return d }
        if let d = environment["PODBOARD_EXPORT_DIR"], !d.isEmpty { return d }
        return FileManager.default.currentDirectoryPath
    }

    /// The account in view: the account view on top, else the request view's account.
    static func account(_ state: AppState) -> Account? {
        switch state.details.last?.target {
        case .account(let id)?: return state.data.snapshot.accountsById[id]
        case .request(let id)?: return state.data.store.request(id).flatMap { state.data.snapshot.accountsById[$0.account] }
        default: return nil
        }
    }

    /// Why an export cannot be made now, or nil.
    static func unavailable(_ kind: ExportKind, _ state: AppState) -> String? {
        switch kind {
        case .customerUpdate: return account(state) == nil ? "open an account to write its customer update" : nil
        case .catchUp, .monthly, .calendar: return state.pod == nil ? "this store has no POD" : nil
        }
    }

    /// A file name safe on every file system: letters, digits, `-`, `_` and `.` kept, anything else `_`.
    static func safe(_ s: String) -> String {
        String(s.unicodeScalars.map { u -> Character in
            (u.value < 128 && (CharacterSet.alphanumerics.contains(u) || u == "-" || u == "_" || u == ".")) ? Character(u) : "_"
        })
    }

    /// The preview text (plain text for documents, the file itself for iCalendar), the file's content and its name.
    static func build(_ kind: ExportKind, _ state: AppState) -> (title: String, preview: String, content: String, name: String)? {
        let snap = state.data.snapshot
        let today = state.data.today
        switch kind {
        case .customerUpdate:
            guard let a = account(state) else { return nil }
            let doc = CustomerUpdate(account: a, snap).document()
            return ("Customer update: " + a.name, doc.render(.text), doc.render(.md), "customer-update-\(safe(a.id))-\(today).md")
        case .catchUp:
            guard let pod = state.pod else { return nil }
            let doc = CatchUp(pod: pod, snap).document()
            return ("Weekly catch-up: POD " + pod.name, doc.render(.text), doc.render(.md), "catch-up-\(safe(pod.id))-\(today).md")
        case .monthly:
            guard let pod = state.pod else { return nil }
            let m = MonthlyReport(pod: pod, snap)
            let doc = m.document()
            return ("Monthly report " + m.monthName + ": POD " + pod.name, doc.render(.text), doc.render(.md), "monthly-\(safe(pod.id))-\(m.monthName).md")
        case .calendar:
            guard let pod = state.pod else { return nil }
            let q = state.renewalsQuarter
            let entries = Renewals.quarter(q, snap) { snap.accountsById[$0.account]?.pod == pod.id }.entries
            let ics = ICalendar.calendar(entries, name: "Renewal calendar \(q) · POD \(pod.name)", settings: snap.settings, today: today)
            return ("Renewal calendar \(q) (iCalendar): POD " + pod.name, calendarPreview(entries, q, snap), ics, "renewals-\(safe(pod.id))-\(q).ics")
        }
    }

    /// The events of the calendar as people read them: one line per event, by date.
    static func calendarPreview(_ entries: [RenewalEntry], _ q: Quarter, _ snap: Snapshot) -> String {
        var events: [(LocalDate, ICalendar.DateKind, RenewalEntry)] = []
        for e in entries { for k in ICalendar.DateKind.allCases { events.append((ICalendar.date(of: e, k), k, e)) } }
        events.sort { ($0.0, $0.2.contract.id, $0.1.rawValue) < ($1.0, $1.2.contract.id, $1.1.rawValue) }
        let out = "\(events.count) events for the \(entries.count) contracts ending in \(q), each with a stable UID "
            + "(importing again updates them); an alarm \(snap.settings.renewal.noticeAlertDays) days before each cancel-by.\n\n"
        let rows = events.map { d, k, e in
            [d.description, k.title, e.contract.tool, e.account?.name ?? e.contract.account, Money.format(e.contract.annualValue, currency: snap.settings.currency)]
        }
        let doc = ReportDocument(title: "Renewal calendar \(q)", sections: [.init("Events", [.table(.init(
            columns: ["Date", "Event", "Tool", "Account", "Annual value"], rightAligned: [4], rows: rows, empty: "no contract ends in \(q)"))])])
        return out + doc.render(.text).components(separatedBy: "\n").dropFirst(3).joined(separator: "\n")
    }

    /// Builds the export, writes its file and opens the preview; the message line names the file.
    static func run(_ kind: ExportKind, _ state: inout AppState) {
        guard let made = build(kind, state) else { state.message = StatusMessage(unavailable(kind, state) ?? "nothing to export", isError: true); return }
        let dir = directory(state)
        let path = (dir as NSString).appendingPathComponent(made.name)
        do {
            try Data(made.content.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            state.message = StatusMessage("could not write \(DisplayWidth.sanitized(path)): \(error.localizedDescription)", isError: true)
            return
        }
        var lines = made.preview.components(separatedBy: "\n")
        while lines.last == "" { lines.removeLast() }
        state.preview = PreviewState(title: made.title, lines: lines.map(DisplayWidth.sanitized), path: path)
        state.message = StatusMessage("wrote " + DisplayWidth.sanitized(path) + " (" + Keymap.key(.back, in: .preview) + " closes the preview)")
    }
}
