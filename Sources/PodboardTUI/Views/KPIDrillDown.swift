import Foundation
import PodboardCore

/// The items behind one gauge, each with why it is met, missed or pending.
enum KPIDrillDown {
    /// The gauge's title, figure and counts, above its items.
    static func header(_ state: AppState, id: String, scope: String) -> [DetailLine] {
        let data = state.data
        guard let g = data.gauge(id, scope: scope) else { return [] }
        let cur = data.store.settings.currency
        typealias F = DetailView
        var out: [DetailLine] = []
        out.append(DetailLine([Span(g.title, .title, .bold), Span("  \(g.id) · " + DetailView.scopeName(state, scope), .muted)]))
        out.append(F.blank)
        var figure = "value " + Format.percent(g.value) + " · target " + (g.target.map { Money.percent($0, digits: 0) } ?? "none")
        if let c = g.catalog {
            figure = "value " + CatalogFormat.value(g.value, unit: c.unit) + " · " + (c.direction == .lower ? "max " : "target ")
                + CatalogFormat.value(g.target, unit: c.unit)
                // At 80 columns the period is in the trend line and the source in the items.
                + (state.size.width >= 100 ? " · \(c.period) · " + (c.source == KPIDefinition.measured ? "measured" : "computed: \(c.source)") : "")
        }
        if let met = g.met, let counted = g.counted { figure += " · \(met) met of \(counted) counted" }
        if let amount = g.amount {
            figure += " · " + Format.money(amount, cur) + " of " + (g.targetAmount.map { Format.money($0, cur) } ?? "no target")
        }
        let (fill, mark) = KPIView.barPosition(g)
        out.append(DetailLine([Span(KPIView.bar(value: fill, target: mark, width: 24) + " ", KPIView.role(g.status)),
                               Span(figure), Span("  " + g.status.rawValue, KPIView.role(g.status), .bold)]))
        out.append(KPIDrillDown.trendLine(state, g))
        let pending = g.items.filter { $0.outcome == .pending }.count
        out.append(DetailLine([Span(Format.count(g.items.count, "item") + "; \(pending) pending (left out of the figure until decided)", .muted)]))
        out.append(F.blank)
        return out
    }

    /// The line the cursor starts on: the first item (or the line saying there is none).
    static func firstItem(_ state: AppState, id: String, scope: String) -> Int {
        state.data.gauge(id, scope: scope) == nil ? 0 : header(state, id: id, scope: scope).count
    }

    static func lines(_ state: AppState, id: String, scope: String) -> [DetailLine] {
        let data = state.data
        guard let g = data.gauge(id, scope: scope) else {
            return [DetailLine([Span("No KPI \(id) for \(scope).", .breach)])]
        }
        var out = header(state, id: id, scope: scope)
        if g.items.isEmpty {
            if let c = g.catalog, c.source == KPIDefinition.measured {
                out.append(DetailLine([Span("No measurement for \(c.period) yet: " + Keymap.key(.act(.recordMeasurement), in: .kpis)
                                            + " on the gauge records one.", .muted)]))
            } else {
                out.append(DetailLine([Span("Nothing is counted for this gauge yet.", .muted)]))
            }
        }
        let order: [KPIOutcome] = [.missed, .pending, .met]
        let items = g.items.sorted(by: { order.firstIndex(of: $0.outcome)! < order.firstIndex(of: $1.outcome)! })
        func subject(_ item: KPIItem) -> (name: String, link: DetailTarget?) {
            switch item.kind {
            case "request": return (item.subject, .request(item.subject))
            case "account": return (data.accountName(item.subject), .account(item.subject))
            case "person": return (data.name(item.subject), nil)
            case "measurement": return (Self.measurementScopeName(state, item.subject), nil)
            default: return (item.subject, nil)
            }
        }
        let nameWidth = min(20, max(8, items.map { DisplayWidth.of(DisplayWidth.sanitized(subject($0).name)) }.max() ?? 8))
        // The why wraps under itself rather than being cut: room is left for the "Enter ›" of the selected line.
        let whyWidth = max(20, state.size.width - 2 - 8 - nameWidth - 1 - 9)
        for item in items {
            let role: ThemeRole = item.outcome == .met ? .ok : (item.outcome == .missed ? .breach : .warning)
            let (name, link) = subject(item)
            let parts = Format.wrap(item.why, width: whyWidth)
            out.append(DetailLine([Span(Format.fit(item.outcome.rawValue, 8), role, .bold), Span(Format.fit(name, nameWidth), .accent),
                                   Span(" " + parts[0])], link: link))
            for more in parts.dropFirst() {
                out.append(DetailLine([Span(String(repeating: " ", count: 8 + nameWidth)), Span(" " + more)], link: link))
            }
        }
        return out
    }
}

extension KPIDrillDown {
    /// "trend ▂▃▅▆ 2025-Q1 … 2026-Q4: 40% 45% … 62%": the gauge's last 8 periods.
    static func trendLine(_ state: AppState, _ g: KPIResult) -> DetailLine {
        // A drill-down is opened on purpose: it waits for the trends (the lines are kept per revision).
        let trends = state.data.trends
        let points = trends.trend(g.id, scope: g.scope)
        guard let first = points.first, let last = points.last else { return DetailLine([Span("no trend", .muted)]) }
        let values = points.map { p in g.catalog.map { KPIView.short(p.value, $0.unit) } ?? Format.percent(p.value) }
        return DetailLine([Span("trend ", .muted), Span(KPIView.sparkline(g, trends), .accent),
                           Span("  \(first.period) → \(last.period): " + values.joined(separator: " "), .muted)])
    }

    /// A measurement's scope as people read it: "Lee Chen", "Acme Corp", "POD North".
    static func measurementScopeName(_ state: AppState, _ text: String) -> String {
        guard let s = MeasurementScope(text) else { return text }
        switch s.kind {
        case .person: return state.data.name(s.id)
        case .account: return state.data.accountName(s.id)
        case .pod: return "POD " + (state.data.store.pod(s.id)?.name ?? s.id)
        }
    }
}
