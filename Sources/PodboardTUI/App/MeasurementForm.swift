import Foundation
import PodboardCore

/// The KPI pane's form for record-measurement (issue 14): on a measured gauge, its value for a period (the
/// current one by default), with an optional note. The scope is the gauge's: the person, or the POD.
enum MeasurementForm {
    /// The action on the gauge under the cursor; why not when it is not a measured catalog gauge.
    static func action(_ state: AppState) -> Result<ActionRequest, Problem> {
        guard state.pane == .kpis, state.details.isEmpty else {
            return .failure(Problem("go to the KPI pane (" + Keymap.key(.showPane(.kpis), in: .global) + ") and put the cursor on a measured gauge"))
        }
        let gauges = KPIView.gauges(state)
        guard gauges.indices.contains(state.kpis.selection) else { return .failure(Problem("no gauge to record")) }
        let g = gauges[state.kpis.selection]
        guard let c = g.catalog else {
            return .failure(Problem("\(g.title) is computed from the store by KPIS.md; only measured catalog KPIs are recorded"))
        }
        guard c.source == KPIDefinition.measured else {
            return .failure(Problem("\(g.title) is computed from the store (\(c.source)); only measured KPIs are recorded"))
        }
        var a = ActionRequest(.recordMeasurement, target: g.id)
        a.params.scope = (c.isPod ? "pod:" : "person:") + g.scope
        a.params.period = c.period.description
        return .success(a)
    }

    static func form(for action: ActionRequest, _ state: AppState) -> FormState? {
        let def = state.data.store.catalog.first { $0.id == action.target }
        let unit = def?.unit ?? .score
        let hint: String
        switch unit {
        case .share: hint = "share 0–1, 0.92 = 92%"
        case .score: hint = "score −100…100"
        case .count: hint = "a whole number"
        case .amount: hint = "an amount"
        case .days: hint = "days"
        }
        var period = FormField("period", "Period", .text)
        period.text = Array(action.params.period ?? ""); period.cursor = period.text.count
        let whose = action.params.scope.flatMap(MeasurementScope.init).map { KPIDrillDown.measurementScopeName(state, $0.description) } ?? ""
        var form = FormState(action: action, title: "Record \(def?.name ?? action.target): \(whose)",
                             fields: [FormField("value", "Value (\(hint))", .text), period, FormField("note", "Note", .text, required: false)],
                             needsConfirmation: false)
        if let g = KPIView.gauges(state).first(where: { $0.id == action.target && action.params.scope?.hasSuffix(":" + $0.scope) == true }) {
            form.notes = ["now " + CatalogFormat.value(g.value, unit: unit) + ", target " + CatalogFormat.value(g.target, unit: unit)]
        }
        return form
    }

    /// A number as typed: an optional minus, digits, an optional point and decimals.
    static func number(_ s: String) -> Decimal? {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard t.range(of: #"^-?\d{1,12}(\.\d{1,6})?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
    }
}
