import Foundation
import PodboardCore

/// One account of the accounts pane, with its figures from the engines (AccountProgress, ATSCoverage).
public struct AccountRow: Sendable {
    public let account: Account
    public let progress: AccountProgress
    /// Uploaded ATS today, and its share of the declared ATS.
    public let uploaded: Decimal
    public let coverage: Decimal?
    /// Days from today to `termEndsOn` (negative once it has ended).
    public let termDaysLeft: Int
    /// The term ends within `renewal.requestLeadDays` (or has ended).
    public let termClose: Bool
    /// Cumulative approved savings at the end of each of the last 12 weeks (for the savings-vs-MSG sparkline).
    public var savingsWeeks: [Decimal] = []
}

/// Pane 5: the accounts of the POD in view: health, sentiment, onboarding, MSG (with its pace inside the
/// window), PSE, declared vs uploaded ATS and coverage, and the account's own term. Enter opens the account.
public enum AccountsView {
    public static func rows(_ state: AppState) -> [AccountRow] {
        guard let pod = state.pod else { return [] }
        let b = Browse.state(state, .accounts)
        return state.data.models.model("accounts.rows", key: pod.id + "|\(b)") {
            Browse.apply(derive(state, pod), b, texts: { cells($0) + [$0.account.id] }, sortKeys: { r in
                var k = cells(r)
                k[3] = r.account.onboarding.completedOn.map { "done " + $0.description } ?? onboarding(r.account.onboarding)
                k[6] = "\(r.uploaded)"
                k[7] = r.coverage.map { "\($0)" } ?? "–"
                k[8] = r.account.termEndsOn.description
                return k
            })
        }
    }

    static func derive(_ state: AppState, _ pod: Pod) -> [AccountRow] {
        let snap = state.data.snapshot
        let today = state.data.today
        let contracts = Dictionary(grouping: snap.store.contracts, by: \.account)
        let lead = snap.settings.renewal.requestLeadDays
        return snap.store.accounts.filter { $0.pod == pod.id }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            .map { a in
                let up = ATSCoverage.uploaded(contracts[a.id] ?? [], on: today)
                let left = today.days(to: a.termEndsOn)
                var row = AccountRow(account: a, progress: AccountProgress(a, snap), uploaded: up,
                                     coverage: ATSCoverage.share(up, of: a.declaredATS), termDaysLeft: left, termClose: left <= lead)
                if let s = snap.accountSavings[a.id] { row.savingsWeeks = SavingsSeries.weekly(s, today: today, weeks: 12, clock: snap.clock) }
                return row
            }
    }

    /// Rows of the table: the body less the title line, the column titles and the selected account's line.
    public static func visibleRows(_ body: Rect) -> Int { max(1, body.height - 3) }

    static let columns: [TableLayout.Column] = [
        .init("Account", width: 12, priority: 10, flexible: true),
        .init("Health", width: 9, priority: 9),
        .init("Sentiment", width: 10, priority: 1, flexible: true),
        .init("Onboarding", width: 12, priority: 7),
        .init("MSG", width: 17, priority: 9),
        .init("PSE", width: 5, priority: 4, alignRight: true),
        .init("ATS up/decl", width: 13, priority: 3, alignRight: true),
        .init("Cov", width: 6, priority: 8, alignRight: true),
        .init("Term ends", width: 16, priority: 6),
        .init("Savings 12w", width: 12, priority: 2),
    ]

    /// "2.5M", "48k", "1.3k", "950": amounts in a narrow column (the account view shows them exactly).
    static func compact(_ d: Decimal) -> String {
        func plain(_ x: Decimal, _ scale: Int) -> String { Money.plain(Money.rounded(x, scale: scale)) }
        let a = d < 0 ? -d : d
        let sign = d < 0 ? "-" : ""
        if a >= 1_000_000 { return sign + plain(a / 1_000_000, a >= 100_000_000 ? 0 : 1) + "M" }
        if a >= 10_000 { return sign + plain(a / 1000, 0) + "k" }
        if a >= 1000 { return sign + plain(a / 1000, 1) + "k" }
        return sign + plain(a, 0)
    }

    /// "✓ 2026-03-20", "3 of 5", "no checklist".
    static func onboarding(_ o: Onboarding) -> String {
        if let d = o.completedOn { return "✓ " + d.description }
        if o.checklist.isEmpty { return "no checklist" }
        return "\(o.checklist.filter(\.done).count) of \(o.checklist.count)"
    }

    /// "62% on pace 38d", "31% behind 38d", "✓ 2026-05-02", "40% missed".
    static func msg(_ p: AccountProgress) -> String {
        let pct = p.msgShare.map { Money.percent($0, digits: 0) } ?? "–"
        if let d = p.msgReachedOn { return "✓ " + d.description }
        if let left = p.msgDaysLeft, let onPace = p.msgOnPace { return pct + (onPace ? " on pace " : " behind ") + "\(left)d" }
        return pct + " missed"
    }

    /// The last 12 weeks of approved savings to date, █ = the MSG (blank: none yet).
    static func savingsStrip(_ r: AccountRow) -> String {
        r.savingsWeeks.isEmpty ? "" : Sparkline.render(r.savingsWeeks, top: r.account.msg > 0 ? r.account.msg : nil)
    }

    static func term(_ r: AccountRow) -> String {
        r.account.termEndsOn.description + (r.termDaysLeft < 0 ? " ended" : " \(r.termDaysLeft)d")
    }

    static func cells(_ r: AccountRow) -> [String] {
        [r.account.name, r.account.health.rawValue, r.account.sentiment ?? "–", onboarding(r.account.onboarding),
         msg(r.progress), r.progress.pseProgress.map { Money.percent($0, digits: 0) } ?? "–",
         compact(r.uploaded) + " / " + compact(r.account.declaredATS),
         Format.percent(r.coverage), term(r), savingsStrip(r)]
    }

    static func healthRole(_ h: Health) -> ThemeRole {
        switch h {
        case .favorable: return .ok
        case .neutral: return .normal
        case .atRisk: return .warning
        case .critical: return .breach
        }
    }

    /// The colour of a cell when its row is not selected.
    static func role(_ r: AccountRow, column: Int, state: AppState) -> ThemeRole {
        let need = state.data.store.settings.targets.atsCoverageShare
        switch column {
        case 0: return .accent
        case 1: return healthRole(r.account.health)
        case 2: return .muted
        case 3: return r.account.onboarding.completedOn != nil ? .ok : .normal
        case 4:
            if r.progress.msgReachedOn != nil { return .ok }
            if r.progress.msgDaysLeft == nil { return .breach }
            return r.progress.msgOnPace == true ? .normal : .warning
        case 5: return r.progress.pseReachedOn != nil ? .ok : .normal
        case 7: return (r.coverage ?? 0) >= need ? .ok : .warning
        case 8: return r.termDaysLeft < 0 ? .muted : (r.termClose ? .warning : .normal)
        case 9: return r.progress.msgReachedOn != nil ? .ok : .accent
        default: return .normal
        }
    }

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        guard let pod = state.pod else {
            buf.write("This store has no POD.", x: rect.x + 1, y: rect.y, role: .muted)
            return
        }
        let list = rows(state)
        let need = state.data.store.settings.targets.atsCoverageShare
        let lead = state.data.store.settings.renewal.requestLeadDays
        let head: StyledLine = [Span("POD \(pod.name)", .title, .bold)] + Browse.filterSpan(Browse.state(state, .accounts)) + [Span(" · " + Format.count(list.count, "account"), .muted),
                                Span(" · MSG pace vs the \(state.data.store.settings.targets.msgDays)-day window · coverage target "
                                     + Money.percent(need, digits: 0) + " · term flagged within \(lead)d", .muted)]
        buf.write(head, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2)
        let layout = TableLayout(columns: columns, width: rect.width - 2)
        layout.drawTitles(columns, into: &buf, rect: rect, sort: Browse.state(state, .accounts))
        guard !list.isEmpty else {
            buf.write("POD \(pod.name) has no account.", x: rect.x + 1, y: rect.y + 2, role: .muted)
            return
        }
        let visible = visibleRows(rect)
        let cur = state.accounts
        let offset = layout.drawRows(count: list.count, cursor: cur, visible: visible, columns, into: &buf, rect: rect,
                        prepare: { i in (row: list[i], texts: cells(list[i])) }) { r, column, _ in
            (r.texts[column], role(r.row, column: column, state: state))
        }
        if offset + visible < list.count || offset > 0 {
            let pos = "\(cur.selection + 1)/\(list.count)"
            buf.write(pos, x: rect.x + rect.width - DisplayWidth.of(pos) - 1, y: rect.y + 1, role: .muted)
        }
        // The selected account in one line: what the narrow table leaves out.
        if list.indices.contains(cur.selection) {
            let r = list[cur.selection]
            let cur$ = state.data.store.settings.currency
            var line: StyledLine = [Span("› " + r.account.name + " · ", .focus, .bold),
                                    Span("ATS " + Money.format(r.uploaded) + " of " + Money.format(r.account.declaredATS)
                                         + " " + cur$ + " (" + Format.percent(r.coverage) + ")", (r.coverage ?? 0) >= need ? .ok : .warning),
                                    Span(" · PSE " + Format.percent(r.progress.pseProgress) + " · MSG " + Money.format(r.progress.approved)
                                         + " of " + Money.format(r.account.msg), .normal)]
            if let s = r.account.sentiment { line.append(Span(" · " + s, .muted)) }
            buf.write(line, x: rect.x + 1, y: rect.y + rect.height - 1, maxWidth: rect.width - 2)
        }
    }
}
