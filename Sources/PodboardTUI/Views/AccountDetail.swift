import Foundation
import PodboardCore

/// The detail view of an account: its MSG/PSE progress (with the pace inside the MSG window), its term, ATS
/// coverage and its trend over the last four quarters with what keeps it down, the onboarding checklist, the
/// contracts (the SaaS stack) and the requests. The cursor moves over checklist items and contracts, so the
/// account keys act on the line under it.
enum AccountDetail {
    static func lines(_ state: AppState, _ id: String) -> [DetailLine] {
        let data = state.data
        let snap = data.snapshot
        guard let a = snap.accountsById[id] else { return [DetailLine([Span("No account \(id) in this store.", .breach)])] }
        let cur = data.store.settings.currency
        let targets = data.store.settings.targets
        let today = data.today
        let p = AccountProgress(a, snap)
        typealias F = DetailView
        var out: [DetailLine] = []
        out.append(DetailLine([Span(a.name, .title, .bold), Span("  (\(a.id)) · POD " + (data.store.pods.first { $0.id == a.pod }?.name ?? a.pod), .muted)]))
        out.append(F.blank)
        out.append(F.field("Health", a.health.rawValue + (a.sentiment.map { " · " + $0 } ?? ""), AccountsView.healthRole(a.health)))
        out.append(F.field("CSM", data.name(a.csm)))
        out.append(F.field("Contract signed", a.contractSignedOn.description))
        out.append(F.field("POD hand-over", a.podHandoverOn.description))
        out.append(F.field("Initiated", Format.date(a.initiatedOn)))
        let left = today.days(to: a.termEndsOn)
        let close = left <= data.store.settings.renewal.requestLeadDays
        out.append(F.field("Term ends", a.termEndsOn.description + (left < 0 ? " (ended)" : " (\(left) days left" + (close ? ": renewal is close)" : ")")),
                           left < 0 ? .muted : (close ? .warning : .normal)))
        out.append(F.blank)
        out.append(F.heading("Savings progress"))
        out.append(F.field("Approved", Format.money(p.approved, cur) + " (this quarter " + Format.money(p.approvedThisQuarter, cur) + ")"))
        out.append(F.field("Cost avoidance", Format.money(p.costAvoidance, cur) + " (apart from savings)", .muted))
        out.append(F.field("First value (FTV)", p.ftvOn.map { "reached " + $0.description } ?? "not yet", p.ftvOn == nil ? .warning : .ok))
        let msgBar = KPIView.bar(value: p.msgShare, target: p.msgWindowElapsed, width: 20)
        var msgText = msgBar + " " + Format.percent(p.msgShare) + " of " + Format.money(a.msg, cur)
        var msgRole: ThemeRole = .normal
        if let d = p.msgReachedOn {
            msgText += ", reached " + d.description
            msgRole = .ok
        } else if let days = p.msgDaysLeft, let onPace = p.msgOnPace {
            msgText += (onPace ? " · on pace" : " · behind pace") + " (\(Format.percent(p.msgWindowElapsed)) of the window gone) · \(days) days left"
            msgRole = onPace ? .normal : .warning
        } else {
            msgText += ", missed: due " + p.msgDeadline.description
            msgRole = .breach
        }
        out.append(F.field("MSG", msgText, msgRole))
        out.append(F.field("\(Money.percent(targets.pseShare, digits: 0)) of PSE", KPIView.bar(value: p.pseProgress, target: nil, width: 20) + " " + Format.percent(p.pseProgress)
                           + " of " + Format.money(p.pseTarget, cur)
                           + (p.pseReachedOn.map { ", reached " + $0.description } ?? ", by " + a.termEndsOn.description),
                           p.pseReachedOn != nil ? .ok : .normal))
        // Savings vs MSG over time: cumulative approved savings week by week, █ = the MSG.
        let savingsWidth = max(8, min(60, state.size.width - 22))
        let weekly = SavingsSeries.weekly(snap.accountSavings[a.id] ?? AccountSavings(account: a.id, approvals: []), today: today,
                                          weeks: savingsWidth, clock: snap.clock)
        let firstWeek = today.adding(days: -7 * (savingsWidth - 1))
        // One line: the weekly strip, and when the window has room, what it shows.
        let savingsStrip = Sparkline.render(weekly, top: a.msg > 0 ? a.msg : nil)
        var line = DetailLine([Span(Format.fit("Savings vs MSG", 18), .muted), Span(savingsStrip, p.msgReachedOn != nil ? .ok : .accent), Span("▏", .muted)])
        let legend = " █ = MSG · weekly from " + Format.short(firstWeek) + " " + String(firstWeek.year)
        if 18 + savingsWidth + 1 + DisplayWidth.of(legend) <= state.size.width - 2 { line.spans.append(Span(legend, .muted)) }
        out.append(line)
        out.append(DetailLine([Span("  the MSG bar's │ marks how much of the MSG window (hand-over + " + Format.count(targets.msgDays, "day") + ") has passed", .muted)]))
        out.append(F.blank)

        let contracts = data.store.contracts.filter { $0.account == a.id }
        out.append(F.heading("ATS coverage"))
        let uploadedNow = ATSCoverage.uploaded(contracts, on: today)
        let coverageNow = ATSCoverage.share(uploadedNow, of: a.declaredATS)
        out.append(F.field("Declared ATS", Format.money(a.declaredATS, cur)))
        out.append(F.field("Uploaded ATS", Format.money(uploadedNow, cur) + " (" + Format.percent(coverageNow) + ") today",
                           (coverageNow ?? 0) >= targets.atsCoverageShare ? .ok : .warning))
        if let done = a.onboarding.completedOn {
            let atDone = ATSCoverage.uploaded(contracts, on: done)
            let share = ATSCoverage.share(atDone, of: a.declaredATS)
            out.append(F.field("At onboarding", Format.money(atDone, cur) + " (" + Format.percent(share) + ") on " + done.description
                               + " (target " + Money.percent(targets.atsCoverageShare, digits: 0) + ")",
                               (share ?? 0) >= targets.atsCoverageShare ? .ok : .warning))
        }
        let trend = ATSTrend(contracts: contracts, today: today)
        let values = trend.points.map(\.uploaded)
        // One cell a week (at most 54 over four quarters); a narrow window shows the most recent weeks.
        let stripWidth = max(8, min(60, state.size.width - 22))
        let strip = Sparkline.render(values, top: a.declaredATS, width: stripWidth)
        let first = trend.points.suffix(stripWidth).first?.day ?? today
        out.append(DetailLine([Span(Format.fit("Uploaded by week", 18), .muted), Span(strip, .accent), Span("▏", .muted)]))
        out.append(DetailLine([Span(Format.fit("  (█ = declared)", 18), .muted),
                               Span(Format.fit("└ " + Format.short(first) + " " + String(first.year), max(1, strip.count - 6)), .muted),
                               Span(Format.fit("today┘", 6, right: true), .muted)]))
        if trend.gaps.isEmpty {
            out.append(F.field("Deficit", "none: no contract sunset in the last 4 quarters or offline", .ok))
        } else {
            out.append(F.field("Deficit", Format.money(trend.deficit, cur) + " a year from \(trend.gaps.count) contract\(trend.gaps.count == 1 ? "" : "s"):", .warning))
            for g in trend.gaps {
                let why: String
                switch g.reason {
                case .sunset(let d): why = "sunset " + d.description
                case .offline: why = "offline"
                }
                out.append(DetailLine([Span("    " + g.contract.id + " " + Format.fit(g.contract.tool, 18) + " ", .normal),
                                       Span(Format.fit(Format.money(g.amount, cur), 14, right: true) + "  " + why, .warning)],
                                      subject: .contract(g.contract.id)))
            }
        }
        out.append(F.blank)

        let list = a.onboarding.checklist
        let state$ = a.onboarding.completedOn.map { "completed " + $0.description } ?? (list.isEmpty ? "no checklist" : "in progress")
        out.append(F.heading("Onboarding (\(list.filter(\.done).count) of \(list.count) done, \(state$))"))
        for (i, item) in list.enumerated() {
            out.append(DetailLine([Span(item.done ? "  [x] " : "  [ ] ", item.done ? .ok : .warning), Span(item.item)],
                                  subject: .checklistItem(account: a.id, index: i)))
        }
        out.append(F.blank)
        let onPlatform = contracts.filter { !$0.offline }.count
        out.append(F.heading("SaaS stack: \(contracts.count) contracts, \(onPlatform) on the platform"))
        // Narrow windows leave the vendor out, so that where the contract is (on the platform, offline) shows.
        let wide = state.size.width >= 100
        let toolWidth = wide ? 16 : 14
        out.append(DetailLine([Span("  " + Format.fit("ID", 8) + Format.fit("Tool", toolWidth + 1) + (wide ? Format.fit("Vendor", 13) : "")
                                    + Format.fit("Billing", 8) + Format.fit("Annual value", 13, right: true) + "  " + Format.fit("Ends", 12)
                                    + "Where · terms", .muted)]))
        for c in contracts.sorted(by: { ($0.endsOn, $0.id) < ($1.endsOn, $1.id) }) {
            let live = c.sunsetOn.map { $0 > today } ?? true
            var tail: [String] = []
            tail.append(c.offline ? "offline" : "on platform")
            if let s = c.sunsetOn { tail.append("sunset " + s.description) }
            if let d = c.convertedToAnnualOn { tail.append("annual since " + d.description) }
            if c.autoRenew { tail.append("auto-renew \(c.noticeDays)d notice") }
            out.append(DetailLine([Span("  " + Format.fit(c.id, 7) + " ", .muted),
                                   Span(Format.fit(c.tool, toolWidth) + " " + (wide ? Format.fit(c.vendor, 12) + " " : ""), live ? .normal : .muted),
                                   Span(Format.fit(c.billing.rawValue, 8) + Format.fit(Format.money(c.annualValue, cur), 13, right: true)
                                        + "  " + c.endsOn.description + "  ", live ? .normal : .muted),
                                   Span(tail.joined(separator: " · "), c.offline || !live ? .warning : .muted)],
                                  subject: .contract(c.id)))
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
        // Activity about the account and its requests (contracts have no actions).
        out += ActivitySection.lines(state, targets: Set([a.id] + requests.map(\.id)), logName: nil, linkRequests: true)
        return out
    }
}
