import Foundation
import PodboardCore

/// The detail view of a request: every field, quotes, updates, escalations, and the history as a timeline with
/// the TAT clocks.
enum RequestDetail {
    static func lines(_ state: AppState, _ id: String) -> [DetailLine] {
        let data = state.data
        let snap = data.snapshot
        guard let r = data.request(id) else {
            return [DetailLine([Span("No request \(id) in this store.", .breach)])]
        }
        let zone = snap.clock.zone
        let cur = data.store.settings.currency
        let tl = snap.timeline(r)
        let row = Aging.row(r, snap)
        typealias F = DetailView
        var out: [DetailLine] = []
        out.append(DetailLine([Span("\(r.id)  ", .accent, .bold), Span("\(r.tool) · \(r.vendor)", .title, .bold)]))
        out.append(F.blank)
        out.append(F.field("Status", tl.status.rawValue + " since " + Format.time(tl.statusSince, zone),
                           row?.severity == .breached ? .breach : .normal))
        out.append(DetailLine([Span(Format.fit("Account", 18), .muted), Span(data.accountName(r.account), .normal)],
                              link: .account(r.account)))
        out.append(F.field("Kind", r.kind.rawValue + (r.contract.map { " (contract \($0))" } ?? "")))
        out.append(F.field("Created", Format.time(r.createdAt, zone)))
        out.append(F.field("Analyst", data.name(r.analyst) + (r.assignedAt.map { ", assigned " + Format.time($0, zone) } ?? "")))
        out.append(F.field("Buyer", data.name(r.buyer)))
        out.append(F.field("Term", Format.count(r.termMonths, "month")))
        out.append(F.field("Baseline", r.baseline.map { Format.money($0.amount, cur) + " (" + $0.basis.rawValue + ")" } ?? "–"))
        out.append(F.field("Final", Format.money(r.final, cur)))
        if let s = Savings.annual(r) {
            out.append(F.field("Savings", Format.money(s, cur) + " a year, " + Format.money(Savings.totalContract(r), cur)
                               + " over the term (" + Format.percent(Savings.percent(r)) + ")", s >= 0 ? .ok : .breach))
        }
        if r.baseline != nil || r.final != nil {
            let check = BenchmarkCheck.of(r, snap)
            out.append(F.field("Benchmark", SubmitFacts.benchmark(r, state),
                               check?.reaches == false ? .warning : (check?.reaches == true ? .ok : .normal)))
        }
        if let ca = r.costAvoidance { out.append(F.field("Cost avoidance", Format.money(ca, cur) + " (not savings)")) }
        if let reason = r.noQuotesReason { out.append(F.field("No quotes because", reason)) }

        out.append(F.blank)
        out.append(F.heading("TAT clocks"))
        if let row {
            out.append(F.field("Age", Format.count(row.ageDays, "day") + ", \(row.daysInStatus) in \(row.status.rawValue)"))
            if let q = row.qualificationDue {
                out.append(F.field("Qualify by", Format.time(q, zone) + (row.qualificationBreached ? "  BREACHED" : ""),
                                   row.qualificationBreached ? .breach : .normal))
            } else if let f = tl.firstAction {
                out.append(F.field("Qualified", "first action " + Format.time(f.at, zone)))
            }
            if let n = row.negotiationDue {
                out.append(F.field("Submit savings by", n.description + " (holds excluded)" + (row.negotiationBreached ? "  BREACHED" : ""),
                                   row.negotiationBreached ? .breach : (row.nextDeadlineIsSoon ? .warning : .normal)))
            }
            if let t = row.lastTouch {
                out.append(F.field("Last buyer update", t.description + (row.stale ? "  STALE" : ""), row.stale ? .warning : .normal))
            }
            if !row.flags.isEmpty { out.append(F.field("Flags", row.flags.map(\.rawValue).joined(separator: ", "), .warning)) }
        } else {
            out.append(DetailLine([Span("Finished (\(tl.status.rawValue)): no clock runs.", .muted)]))
        }
        for h in tl.holds {
            out.append(F.field("On hold", Format.time(h.entry, zone) + " → " + (h.exit.map { Format.time($0, zone) } ?? "now")))
        }

        out.append(F.blank)
        out.append(F.heading("Quotes (\(r.quotes.count))"))
        // Amounts right-aligned in display cells, so that they can be compared at a glance.
        let amounts = r.quotes.map { Format.money($0.amount, cur) }
        let amountWidth = amounts.map { DisplayWidth.of($0) }.max() ?? 0
        let sourceWidth = QuoteSource.allCases.map { DisplayWidth.of($0.rawValue) }.max() ?? 0
        for (q, amount) in zip(r.quotes, amounts) {
            out.append(DetailLine([Span("  " + Format.time(q.receivedAt, zone) + "  ", .muted),
                                   Span(Format.fit(q.from, 20) + " " + Format.fit(q.source.rawValue, sourceWidth) + "  "
                                        + Format.fit(amount, amountWidth, right: true))]))
        }
        out.append(F.blank)
        out.append(F.heading("Updates (\(r.updates.count))"))
        for u in r.updates.sorted(by: { $0.at > $1.at }) {
            out.append(DetailLine([Span("  " + Format.time(u.at, zone) + "  ", .muted), Span(data.name(u.by) + ": ", .accent), Span(u.text)]))
        }
        out.append(F.blank)
        out.append(F.heading("Escalations (\(r.escalations.count))"))
        for (k, e) in r.escalations.enumerated() {
            out.append(DetailLine([Span("  #\(k + 1) " + Format.time(e.at, zone) + "  ", .muted), Span(e.reason.rawValue, .warning),
                                   Span(" by " + data.name(e.by) + ": " + e.note)]))
            out += EscalationsView.stateLines(e, data)
        }
        out.append(F.blank)
        out.append(F.heading("History"))
        out.append(DetailLine([Span("  " + Format.time(r.createdAt, zone) + "  ", .muted), Span("created", .normal)]))
        for h in r.history {
            let future = !snap.clock.hasHappened(h.at)
            var spans: StyledLine = [Span("  " + Format.time(h.at, zone) + "  ", .muted),
                                     Span(h.from.rawValue + " → " + h.to.rawValue, future ? .muted : .normal, .bold),
                                     Span("  by " + data.name(h.by), .muted)]
            if let n = h.note { spans.append(Span("  " + n)) }
            if let why = h.reason { spans.append(Span("  (" + why + ")", .muted)) }
            if future { spans.append(Span("  after today", .muted)) }
            out.append(DetailLine(spans))
        }
        out += ActivitySection.lines(state, targets: [r.id], logName: r.id)
        return out
    }
}
