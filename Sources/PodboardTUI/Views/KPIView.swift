import Foundation
import PodboardCore

/// Pane 4: the gauges of the POD in view: yours first, then its Engagement Manager set, its Buyers and Analysts. A
/// gauge is a bar with a target marker, the value, the target and its colour; Enter shows the items behind it.
public enum KPIView {
    /// A line of the pane: a group title or a gauge.
    public enum Line: Sendable {
        case section(String)
        case gauge(KPIResult)
    }

    /// The pane's lines, in order: the user's own gauges first (an EM's POD set, a Buyer's or an Analyst's own),
    /// then the rest: the POD's EM set, its Buyers, its Analysts.
    public static func lines(_ state: AppState) -> [Line] {
        state.data.models.model("kpi.lines", key: "\(state.pod?.id ?? "")|\(state.user?.id ?? "")") { derive(state) }
    }

    static func derive(_ state: AppState) -> [Line] {
        guard let pod = state.pod else { return [] }
        let report = state.data.kpis
        var groups: [(mine: Bool, lines: [Line])] = []
        let me = state.user
        groups.append((me?.has(.em) == true && me?.pods.contains(pod.id) == true,
                       [.section("POD \(pod.name): Engagement Manager")] + report.results(for: pod.id).map { .gauge($0) }))
        let people = state.data.store.people.filter { $0.pods.contains(pod.id) }
        for p in people where p.has(.buyer) {
            groups.append((p.id == me?.id, [.section("Buyer: \(p.name)")]
                           + report.results(for: p.id).filter { $0.id.hasPrefix("buyer.") }.map { .gauge($0) }))
        }
        for p in people where p.has(.analyst) {
            groups.append((p.id == me?.id, [.section("SaaS Analyst: \(p.name)")]
                           + report.results(for: p.id).filter { $0.id.hasPrefix("analyst.") }.map { .gauge($0) }))
        }
        groups += catalogGroups(state, pod: pod, people: people)
        return groups.filter(\.mine).flatMap(\.lines) + groups.filter { !$0.mine }.flatMap(\.lines)
    }

    /// The gauges only (what the selection moves over).
    public static func gauges(_ state: AppState) -> [KPIResult] {
        state.data.models.model("kpi.gauges", key: "\(state.pod?.id ?? "")|\(state.user?.id ?? "")") {
            lines(state).compactMap { if case .gauge(let g) = $0 { return g } else { return nil } }
        }
    }

    public static func visibleRows(_ body: Rect) -> Int { max(1, body.height - 1) }

    /// The line on which the n-th gauge is (the list scrolls by lines, the selection moves by gauges).
    public static func lineIndex(ofGauge n: Int, in all: [Line]) -> Int {
        var gauge = -1
        for (i, l) in all.enumerated() {
            if case .gauge = l { gauge += 1; if gauge == n { return i } }
        }
        return 0
    }

    /// The role of a status colour.
    public static func role(_ s: KPIStatus) -> ThemeRole {
        switch s {
        case .green: return .ok
        case .amber: return .warning
        case .red: return .breach
        case .none: return .muted
        }
    }

    /// A bar of `width` cells: filled to the value (0…1, more is full), with `│` at the target.
    public static func bar(value: Decimal?, target: Decimal?, width: Int) -> String {
        guard width > 0 else { return "" }
        func cells(_ d: Decimal) -> Int {
            let x = NSDecimalNumber(decimal: min(max(d, 0), 1) * Decimal(width)).doubleValue
            return Int(x.rounded(.down))
        }
        let filled = value.map(cells) ?? 0
        var chars = Array(repeating: "░", count: width)
        for i in 0..<filled { chars[i] = "█" }
        if let t = target, t > 0 { chars[min(width - 1, cells(t) == width ? width - 1 : cells(t))] = "│" }
        return chars.joined()
    }

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let all = lines(state)
        guard !all.isEmpty else {
            buf.write("This store has no POD.", x: rect.x + 1, y: rect.y, role: .muted)
            return
        }
        var head: StyledLine = [Span("KPIs \(state.data.kpis.quarter) to \(state.data.today)", .title)]
        head.append(Span("   " + Keymap.key(.open, in: .kpis) + ": why each item is met, missed or pending", .muted))
        buf.write(head, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2)
        let selectedLine = lineIndex(ofGauge: state.kpis.selection, in: all)
        let visible = visibleRows(rect)
        let offset = Scrolling.offset(selection: selectedLine, current: state.kpis.offset, visible: visible, count: all.count)
        let w = rect.width - 2
        let barWidth = w >= 100 ? 30 : 10
        let numbers = 7 + 1 + 11 + 1 + 6
        let sparkWidth = KPITrends.length + 1
        let titleWidth = max(8, w - barWidth - numbers - sparkWidth - 4)
        // The trends are computed once per revision, when the pane is first drawn (`AppData.trends`).
        let trends = state.data.trends(background: state.backgroundTrends)
        for i in 0..<min(visible, all.count - offset) {
            let y = rect.y + 1 + i
            switch all[offset + i] {
            case .section(let title):
                buf.write(title, x: rect.x + 1, y: y, maxWidth: w, role: .focus, extra: .bold)
            case .gauge(let g):
                let selected = offset + i == selectedLine
                if selected { buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
                let base: ThemeRole = selected ? .selection : .normal
                let sRole = selected ? .selection : role(g.status)
                var x = rect.x + 3
                x += buf.write(Format.fit(g.title, titleWidth - 2), x: x, y: y, role: base) + 1
                let (fill, mark) = barPosition(g)
                x += buf.write(bar(value: fill, target: mark, width: barWidth), x: x, y: y, role: sRole) + 1
                x += buf.write(Format.fit(valueText(g), 7, right: true), x: x, y: y, role: sRole, extra: .bold) + 1
                x += buf.write(Format.fit(targetText(g), 11), x: x, y: y, role: selected ? .selection : .muted) + 1
                x += buf.write(Format.fit(g.status.rawValue, 6), x: x, y: y, role: sRole, extra: .bold) + 1
                buf.write(trends.map { sparkline(g, $0) } ?? "·", x: x, y: y, maxWidth: KPITrends.length, role: selected ? .selection : (trends == nil ? .muted : .accent))
            }
        }
    }
}
