import Foundation
import PodboardCore

/// The items behind one gauge, each with why it is met, missed or pending.
enum KPIDrillDown {
    static func lines(_ state: AppState, id: String, scope: String) -> [DetailLine] {
        let data = state.data
        guard let g = data.kpis.result(id, scope: scope) else {
            return [DetailLine([Span("No KPI \(id) for \(scope).", .breach)])]
        }
        let cur = data.store.settings.currency
        typealias F = DetailView
        var out: [DetailLine] = []
        out.append(DetailLine([Span(g.title, .title, .bold), Span("  \(g.id) · " + DetailView.scopeName(state, scope), .muted)]))
        out.append(F.blank)
        var figure = "value " + Format.percent(g.value) + " · target " + (g.target.map { Money.percent($0, digits: 0) } ?? "none")
        if let met = g.met, let counted = g.counted { figure += " · \(met) met of \(counted) counted" }
        if let amount = g.amount {
            figure += " · " + Format.money(amount, cur) + " of " + (g.targetAmount.map { Format.money($0, cur) } ?? "no target")
        }
        out.append(DetailLine([Span(KPIView.bar(value: g.value, target: g.target, width: 24) + " ", KPIView.role(g.status)),
                               Span(figure), Span("  " + g.status.rawValue, KPIView.role(g.status), .bold)]))
        let pending = g.items.filter { $0.outcome == .pending }.count
        out.append(DetailLine([Span(Format.count(g.items.count, "item") + "; \(pending) pending (left out of the figure until decided)", .muted)]))
        out.append(F.blank)
        if g.items.isEmpty { out.append(DetailLine([Span("Nothing is counted for this gauge yet.", .muted)])) }
        let order: [KPIOutcome] = [.missed, .pending, .met]
        for item in g.items.sorted(by: { order.firstIndex(of: $0.outcome)! < order.firstIndex(of: $1.outcome)! }) {
            let role: ThemeRole = item.outcome == .met ? .ok : (item.outcome == .missed ? .breach : .warning)
            var link: DetailTarget?
            var name = item.subject
            switch item.kind {
            case "request": link = .request(item.subject)
            case "account": link = .account(item.subject); name = data.accountName(item.subject)
            case "person": name = data.name(item.subject)
            default: break
            }
            out.append(DetailLine([Span(Format.fit(item.outcome.rawValue, 8), role, .bold), Span(Format.fit(name, 16), .accent),
                                   Span(" " + item.why)], link: link))
        }
        return out
    }
}
