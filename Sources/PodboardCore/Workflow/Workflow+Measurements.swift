import Foundation

/// record-measurement: a value of a measured KPI of the catalog (issue 14). The target is the KPI's id; the
/// values are the scope (`person:ID`, `account:ID`, `pod:ID`), the period and the value, with an optional note.
extension Context {
    /// The activity target of a measurement: `KPI SCOPE PERIOD` (`csm.nps person:lee 2026-Q4`).
    static func measurementTarget(_ m: Measurement) -> String { "\(m.kpi) \(m.scope) \(m.period)" }

    static func measurementJSON(_ m: Measurement) -> JSONValue { StoreEncoder.measurement(m) }

    /// Who may record measurements of `def`: its `recordedBy` roles (its own role when none is listed); an admin
    /// always.
    static func recorders(_ def: KPIDefinition) -> [Role] { def.recordedBy.isEmpty ? [def.role] : def.recordedBy }

    mutating func recordMeasurement() throws(ActionRefusal) {
        let kpiId = action.target.trimmingCharacters(in: .whitespaces)
        guard !kpiId.isEmpty else { throw .badInput("record-measurement needs --kpi ID (a KPI of the catalog)") }
        guard let def = store.catalog.first(where: { $0.id == kpiId }) else {
            throw .badInput("no KPI \"\(kpiId)\" in the catalog (measured ones: \(store.catalog.filter(\.isMeasured).map(\.id).joined(separator: ", ")))")
        }
        guard def.isMeasured else {
            throw refuse("\(def.name) (\(def.id)) is computed from the store (\(def.source)); only measured KPIs are recorded")
        }
        let scopeText = try requireText(p.scope, "--scope person:ID, account:ID or pod:ID")
        guard let scope = MeasurementScope(scopeText) else {
            throw .badInput("--scope: expected person:ID, account:ID or pod:ID, found \"\(scopeText)\"")
        }
        let periodText = try requireText(p.period, "--period (\(def.period == .quarter ? "a quarter like 2026-Q4" : "a month like 2026-11"))")
        guard let period = KPIPeriod(periodText) else {
            throw .badInput("--period: expected a month YYYY-MM or a quarter YYYY-Qn, found \"\(periodText)\"")
        }
        guard period.kind == def.period else {
            throw .badInput("\(def.id) is measured per \(def.period.rawValue), so --period is \(def.period == .quarter ? "a quarter like \(today.quarter)" : "a month like \(KPIPeriod(.month, containing: today))"), not \(period)")
        }
        guard period.firstDay <= today else { throw refuse("\(period) has not started yet (today is \(today))") }
        guard let value = p.value else { throw .badInput("record-measurement needs --value (a number)") }
        try checkValue(value, def)
        // Whose value it is.
        let pods: [String]
        switch scope.kind {
        case .person:
            guard let who = store.person(scope.id) else { throw .badInput("no person \"\(scope.id)\" in this store") }
            guard who.has(def.role) else {
                throw refuse("\(def.id) is a \(def.role.title)'s KPI, and \(who.name) is not one")
            }
            pods = who.pods
        case .account:
            guard let a = store.account(scope.id) else { throw .badInput("no account \"\(scope.id)\" in this store") }
            pods = [a.pod]
        case .pod:
            guard store.pod(scope.id) != nil else { throw .badInput("no POD \"\(scope.id)\" in this store") }
            pods = [scope.id]
        }
        if !isAdmin {
            let roles = Self.recorders(def)
            guard roles.contains(where: person.has) else {
                let names = roles.map(\.title).joined(separator: " or ")
                throw refuse("\(person.name) may not record \(def.name) (\(def.id)): only a \(names) may")
            }
            guard pods.contains(where: person.pods.contains) else {
                throw refuse("\(person.name) may not record \(def.id) for \(scope): it is outside their PODs (\(person.pods.joined(separator: ", ")))")
            }
            // A person's own value is theirs to enter; someone else's only for their EM.
            if scope.kind == .person, scope.id != person.id, !person.has(.em) {
                throw refuse("\(person.name) may record \(def.id) for themselves, their accounts or their POD, not for \(store.person(scope.id)?.name ?? scope.id)")
            }
        }
        let note = p.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let m = Measurement(kpi: def.id, scope: scope, period: period, value: value, note: (note?.isEmpty ?? true) ? nil : note,
                            by: person.id, at: at)
        store.measurements.append(m)
        log(target: Self.measurementTarget(m), before: .null, after: Self.measurementJSON(m))
        let whose: String
        switch scope.kind {
        case .person: whose = store.person(scope.id)?.name ?? scope.id
        case .account: whose = store.account(scope.id)?.name ?? scope.id
        case .pod: whose = "POD " + (store.pod(scope.id)?.name ?? scope.id)
        }
        summary = "\(def.name) of \(whose) for \(period) recorded: \(CatalogFormat.value(value, unit: def.unit))"
    }

    func checkValue(_ v: Decimal, _ def: KPIDefinition) throws(ActionRefusal) {
        switch def.unit {
        case .share:
            guard v >= 0 && v <= 1 else { throw .badInput("--value: \(def.id) is a share, from 0 to 1 (0.92 for 92%), found \(v)") }
        case .count:
            guard v >= 0, Money.rounded(v, scale: 0) == v else { throw .badInput("--value: \(def.id) is a count, a whole number of 0 or more, found \(v)") }
        case .amount:
            guard v >= 0, Money.isWholeCents(v) else { throw .badInput("--value: \(def.id) is an amount of 0 or more, exact to the cent, found \(v)") }
        case .days:
            guard v >= 0 else { throw .badInput("--value: \(def.id) is a number of days, 0 or more, found \(v)") }
        case .score:
            guard v >= -100 && v <= 100 else { throw .badInput("--value: \(def.id) is a score from -100 to 100, found \(v)") }
        }
    }
}
