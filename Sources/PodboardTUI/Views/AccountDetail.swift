import Foundation
import PodboardCore

/// The detail view of an account: its MSG/PSE progress, ATS coverage, contracts and requests.
enum AccountDetail {
    static func lines(_ state: AppState, _ id: String) -> [DetailLine] {
        let data = state.data
        let snap = data.snapshot
        guard let a = snap.accountsById[id] else { return [DetailLine([Span("No account \(id) in this store.", .breach)])] }
        let cur = data.store.settings.currency
        let p = AccountProgress(a, snap)
        typealias F = DetailView
        var out: [DetailLine] = []
        out.append(DetailLine([Span(a.name, .title, .bold), Span("  (\(a.id)) · POD " + (data.store.pods.first { $0.id == a.pod }?.name ?? a.pod), .muted)]))
        out.append(F.blank)
        out.append(F.field("Health", a.health.rawValue + (a.sentiment.map { " · " + $0 } ?? ""), a.health == .favorable ? .ok : .warning))
        out.append(F.field("CSM", data.name(a.csm)))
        out.append(F.field("Contract signed", a.contractSignedOn.description))
        out.append(F.field("POD hand-over", a.podHandoverOn.description))
        out.append(F.field("Initiated", Format.date(a.initiatedOn)))
        out.append(F.field("Term ends", a.termEndsOn.description))
        out.append(F.blank)
        out.append(F.heading("Savings progress"))
        out.append(F.field("Approved", Format.money(p.approved, cur) + " (this quarter " + Format.money(p.approvedThisQuarter, cur) + ")"))
        out.append(F.field("Cost avoidance", Format.money(p.costAvoidance, cur) + " (apart from savings)", .muted))
        out.append(F.field("First value (FTV)", p.ftvOn.map { "reached " + $0.description } ?? "not yet", p.ftvOn == nil ? .warning : .ok))
        let msgBar = KPIView.bar(value: p.msgShare, target: p.msgWindowElapsed, width: 20)
        out.append(F.field("MSG", msgBar + " " + Format.percent(p.msgShare) + " of " + Format.money(a.msg, cur)
                           + (p.msgReachedOn.map { ", reached " + $0.description } ?? ", due " + p.msgDeadline.description),
                           p.msgReachedOn != nil ? .ok : (p.msgDeadline < data.today ? .breach : .normal)))
        let pseShare = Money.ratio(p.approved, p.pseTarget)
        out.append(F.field("60% of PSE", KPIView.bar(value: pseShare, target: nil, width: 20) + " " + Format.percent(pseShare)
                           + " of " + Format.money(p.pseTarget, cur)
                           + (p.pseReachedOn.map { ", reached " + $0.description } ?? ", by " + a.termEndsOn.description),
                           p.pseReachedOn != nil ? .ok : .normal))
        out.append(DetailLine([Span("  the MSG bar's │ marks how much of the MSG window (hand-over + " + Format.count(data.store.settings.targets.msgDays, "day") + ") has passed", .muted)]))
        out.append(F.blank)
        out.append(F.heading("Onboarding and ATS coverage"))
        let contracts = data.store.contracts.filter { $0.account == a.id }
        let asOf = a.onboarding.completedOn ?? data.today
        let uploaded = ATSCoverage.uploaded(contracts, on: asOf)
        let coverage = Money.ratio(uploaded, a.declaredATS)
        out.append(F.field("Declared ATS", Format.money(a.declaredATS, cur)))
        out.append(F.field("Uploaded ATS", Format.money(uploaded, cur) + " (" + Format.percent(coverage) + ") on " + asOf.description,
                           (coverage ?? 0) >= data.store.settings.targets.atsCoverageShare ? .ok : .warning))
        out.append(F.field("Onboarding", a.onboarding.completedOn.map { "completed " + $0.description } ?? "in progress"))
        for item in a.onboarding.checklist {
            out.append(DetailLine([Span(item.done ? "  [x] " : "  [ ] ", item.done ? .ok : .warning), Span(item.item)]))
        }
        out.append(F.blank)
        out.append(F.heading("Contracts (\(contracts.count))"))
        for c in contracts.sorted(by: { $0.endsOn < $1.endsOn }) {
            let live = c.sunsetOn.map { $0 > data.today } ?? true
            out.append(DetailLine([Span("  " + Format.fit(c.tool, 18) + " ", live ? .normal : .muted),
                                   Span(Format.fit(c.billing.rawValue, 8) + Format.fit(Format.money(c.annualValue, cur), 14, right: true)
                                        + "  " + c.startsOn.description + " → " + c.endsOn.description
                                        + (c.autoRenew ? "  auto-renew" : "") + (c.offline ? "  offline" : "")
                                        + (c.sunsetOn.map { "  sunset " + $0.description } ?? ""), live ? .normal : .muted)]))
        }
        out.append(F.blank)
        let requests = snap.requests.filter { $0.account == a.id }
        out.append(F.heading("Requests (\(requests.count))"))
        for r in requests.sorted(by: { $0.createdAt > $1.createdAt }) {
            let status = snap.status(r)
            out.append(DetailLine([Span("  " + Format.fit(r.id, 10), .accent), Span(Format.fit(r.tool, 18) + " "),
                                   Span(Format.fit(status.rawValue, 17), status.isOpen ? .normal : .muted),
                                   Span(Savings.annual(r).map { Format.money($0, cur) + " a year" } ?? "", .muted)],
                                  link: .request(r.id)))
        }
        return out
    }
}
