import Foundation

/// Decoding the KPI catalog (`kpis`), the measurements (`measurements`) and an account's own term renewal
/// (`renewedTerm`, `churnedOn`): issue 14, docs/store-format.md.
extension StoreDecoder {
    /// A decimal that may be negative (a measurement: an NPS of −20) or a fraction (a share), exact.
    func decimalValue(_ n: JSONNode, _ path: String) -> Decimal? {
        if case .number(let t, let p) = n, !exact(t) { report(path, p, Self.inexact(t)); return nil }
        guard case .number(let t, _) = n, let d = Money.decimal(t) else {
            typeMismatch(n, path, expected: "a number")
            return nil
        }
        return d
    }

    func decodeKPI(_ n: JSONNode, _ path: String) -> KPIDefinition? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let id = o.string("id", required: true) ?? ""
        if id.isEmpty, let node = o.node("id") { report(o.path("id"), node.position, "expected a non-empty KPI id") }
        let role = o.enumValue("role", Role.self, required: true) ?? .admin
        let unit = o.enumValue("unit", KPIUnit.self, required: true) ?? .count
        let direction = o.enumValue("direction", KPIDirection.self, required: false) ?? .higher
        let period = o.enumValue("period", KPIPeriodKind.self, required: false) ?? .quarter
        var target = Decimal(0)
        if let t = o.node("target") { target = decimalValue(t, o.path("target")) ?? 0 } else {
            o.missing("target", expected: "a number")
        }
        let source = o.string("source", required: true) ?? KPIDefinition.measured
        if source != KPIDefinition.measured && CatalogMetric(rawValue: source) == nil, let node = o.node("source") {
            report(o.path("source"), node.position, "expected \"measured\" or a computed metric (\(CatalogMetric.allCases.map(\.rawValue).joined(separator: ", "))), found \"\(source)\"")
        }
        let recordedBy = o.array("recordedBy", required: false) { n, p in self.enumValue(n, p, Role.self) }
        let days = o.int("workingDays", required: false)
        if let d = days, d < 1 { report(o.path("workingDays"), o.node("workingDays")?.position, "expected 1 or more working days, found \(d)") }
        return KPIDefinition(id: id, name: o.string("name", required: true) ?? id, role: role, unit: unit, direction: direction,
                             period: period, target: target, amberRatio: o.share("amberRatio"), source: source,
                             recordedBy: recordedBy, workingDays: days,
                             extras: o.extras(known: ["id", "name", "role", "unit", "direction", "period", "target", "amberRatio",
                                                      "source", "recordedBy", "workingDays"]))
    }

    func decodeMeasurement(_ n: JSONNode, _ path: String) -> Measurement? {
        guard let o = ObjectReader(n, path: path, decoder: self) else { return nil }
        let kpi = o.string("kpi", required: true) ?? ""
        var scope = MeasurementScope(.pod, "")
        if let s = o.node("scope"), let r = ObjectReader(s, path: o.path("scope"), decoder: self) {
            let kind = r.enumValue("kind", MeasurementScope.Kind.self, required: true) ?? .pod
            let list = kind == .person ? "people" : (kind == .account ? "accounts" : "pods")
            scope = MeasurementScope(kind, r.ref("id", list: list, required: true) ?? "")
        } else if o.node("scope") == nil {
            o.missing("scope", expected: "an object {\"kind\": \"person\"|\"account\"|\"pod\", \"id\": ID}")
        }
        var period = KPIPeriod(.quarter, containing: LocalDate(dayNumber: 0))
        if let p = o.string("period", required: true) {
            if let parsed = KPIPeriod(p) { period = parsed } else {
                report(o.path("period"), o.node("period")?.position, "expected a month YYYY-MM or a quarter YYYY-Qn, found \"\(p)\"")
            }
        }
        var value = Decimal(0)
        if let v = o.node("value") { value = decimalValue(v, o.path("value")) ?? 0 } else { o.missing("value", expected: "a number") }
        return Measurement(kpi: kpi, scope: scope, period: period, value: value, note: o.string("note", required: false),
                           by: o.ref("by", list: "people", required: true) ?? "",
                           at: o.timestamp("at", required: true) ?? Timestamp(epochSeconds: 0),
                           extras: o.extras(known: ["kpi", "scope", "period", "value", "note", "by", "at"]))
    }

    func decodeTermRenewal(_ o: ObjectReader, into a: inout Account) {
        if let n = o.node("renewedTerm"), !n.isNull, let r = ObjectReader(n, path: o.path("renewedTerm"), decoder: self) {
            let on = r.date("on", required: true) ?? a.termEndsOn
            let ends = r.date("endsOn", required: true) ?? a.termEndsOn
            if ends <= a.termEndsOn, r.node("endsOn") != nil {
                report(r.path("endsOn"), r.node("endsOn")?.position, "the renewed term must end after termEndsOn (\(a.termEndsOn)), found \(ends)")
            }
            a.renewedTerm = RenewedTerm(on: on, endsOn: ends, extras: r.extras(known: ["on", "endsOn"]))
        }
        a.churnedOn = o.date("churnedOn", required: false)
        if a.renewedTerm != nil, a.churnedOn != nil {
            report(o.path("churnedOn"), o.node("churnedOn")?.position, "an account either renewed its term (renewedTerm) or churned (churnedOn), not both")
        }
    }

    /// Ids of the catalog are unique; a measurement names a KPI of the catalog in force that is measured, for a
    /// period of that KPI's kind.
    func checkCatalog(_ store: Store) {
        if fast && failed { return }
        var seen = Set<String>()
        for (i, k) in (store.kpis ?? []).enumerated() where !k.id.isEmpty && !seen.insert(k.id).inserted {
            report("kpis[\(i)].id", nil, "the KPI id \"\(k.id)\" appears more than once in `kpis`")
        }
        let catalog = Dictionary(store.catalog.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, m) in store.measurements.enumerated() {
            guard let k = catalog[m.kpi] else {
                report("measurements[\(i)].kpi", nil, "refers to KPI \"\(m.kpi)\", which is not in the KPI catalog")
                continue
            }
            if !k.isMeasured { report("measurements[\(i)].kpi", nil, "KPI \"\(m.kpi)\" is computed from the store (\(k.source)), not measured") }
            if m.period.kind != k.period {
                report("measurements[\(i)].period", nil, "KPI \"\(m.kpi)\" is measured per \(k.period.rawValue), found \(m.period)")
            }
        }
    }
}
