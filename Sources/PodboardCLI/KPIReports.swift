import Foundation
import PodboardCore

/// The KPI report: the exact JSON object of KPIS.md, and a table for people.
enum KPIReports {
    /// `--pod` keeps that POD's EM set and the people of the POD; `--person` keeps that person's KPIs;
    /// `--role` keeps the KPIs of that role (em, buyer, analyst).
    static func filter(_ results: [KPIResult], _ f: ReportFilter, _ snap: Snapshot) -> [KPIResult] {
        results.filter { r in
            let role = String(r.id.split(separator: ".").first ?? "")
            if let wanted = f.role, wanted.rawValue != role { return false }
            if role == "em" {
                if let pod = f.pod, r.scope != pod { return false }
                if let p = f.person { return p.has(.em) && p.pods.contains(r.scope) }
                return true
            }
            if let p = f.person, r.scope != p.id { return false }
            if let pod = f.pod, !(snap.peopleById[r.scope]?.pods.contains(pod) ?? false) { return false }
            return true
        }
    }

    static func number(_ d: Decimal?) -> JSONValue {
        guard let d else { return .null }
        return .number(Money.plain(Money.rounded(d, scale: 4)))
    }

    static func tone(_ s: KPIStatus) -> Tone {
        switch s {
        case .green: return .ok
        case .amber: return .warning
        case .red: return .breach
        case .none: return .muted
        }
    }

    static func table(_ results: [KPIResult], _ snap: Snapshot) -> ReportTable {
        var t = ReportTable(title: "KPIs for \(snap.clock.quarter) as of \(snap.today)", columns: [
            Column(key: "scope", title: "Scope"), Column(key: "id", title: "KPI"), Column(key: "title", title: "Measures"),
            Column(key: "value", title: "Value", alignRight: true), Column(key: "target", title: "Target", alignRight: true),
            Column(key: "status", title: "Status"), Column(key: "basis", title: "From", alignRight: true),
        ])
        let cur = snap.settings.currency
        for r in results {
            let tone = tone(r.status)
            let scopeName = r.id.hasPrefix("em.") ? (snap.store.pod(r.scope)?.name ?? r.scope) : (snap.peopleById[r.scope]?.name ?? r.scope)
            var basis = ""
            if r.id == "em.netSavings" || r.id == "buyer.quota" {
                basis = Money.format(r.amount ?? 0, currency: cur) + " of " + (r.targetAmount.map { Money.format($0) } ?? "no target")
            } else if let met = r.met, let counted = r.counted {
                basis = "\(met)/\(counted)"
            }
            t.rows.append([
                Cell(scopeName), Cell(r.id), Cell(r.title),
                Cell(text: r.value.map { Money.percent($0) } ?? "–", value: number(r.value), tone: tone),
                Cell(text: r.target.map { Money.percent($0, digits: 0) } ?? "–", value: number(r.target)),
                Cell(text: r.status.rawValue, value: .string(r.status.rawValue), tone: tone),
                Cell(basis),
            ])
        }
        return t
    }
}
