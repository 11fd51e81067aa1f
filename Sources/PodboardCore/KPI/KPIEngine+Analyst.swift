import Foundation

extension KPIEngine {
    /// The SaaS Analyst set of one person, in report order (KPIS.md, "SaaS Analyst"). Their requests are those
    /// whose `analyst` is them.
    static func analyst(_ c: KPIContext, person p: Person) -> [KPIResult] {
        let requests = c.requestsByAnalyst[p.id] ?? []
        return [
            qualification(c, person: p, requests: requests),
            agingReview(c, person: p),
            breachFlagging(c, person: p, requests: requests),
            atsCoverage(c, person: p),
            renewalCalendar(c, person: p),
        ]
    }

    /// analyst.qualification: requests with `assignedAt` dated in Qs … T; due = `qualifyWorkingDays` working
    /// days after assignedAt; met when F (by anyone) is at or before due; counted when met, F late, or no F
    /// and the due date before T.
    static func qualification(_ c: KPIContext, person p: Person, requests: [Request]) -> KPIResult {
        let n = c.settings.tat.qualifyWorkingDays
        var items: [KPIItem] = []
        for r in requests {
            guard let assigned = r.assignedAt, c.inPeriod(assigned),
                  let due = RequestTimeline.qualificationDue(r, tat: c.settings.tat, clock: c.clock) else { continue }
            let head = "assigned \(c.time(assigned)), due \(c.time(due))"
            if let f = c.snapshot.timeline(r).firstAction {
                let action = "\(f.to.rawValue) by \(f.by) \(c.time(f.at))"
                items.append(KPIItem(kind: "request", subject: r.id, outcome: f.at <= due ? .met : .missed,
                                     why: "\(head); " + (f.at <= due ? action : "late: \(action)")))
            } else if c.date(due) < c.today {
                items.append(KPIItem(kind: "request", subject: r.id, outcome: .missed, why: "\(head); no action taken"))
            } else {
                items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending, why: "\(head); no action yet"))
            }
        }
        return share(c, id: "analyst.qualification", scope: p.id,
                     title: "Qualification within " + Plural.count(n, "working day"),
                     target: c.targets.milestoneShare, items: items)
    }

    /// analyst.agingReview: the working days of Qs … T (today only once reviewed); met when they marked aging
    /// as reviewed that day.
    static func agingReview(_ c: KPIContext, person p: Person) -> KPIResult {
        let reviewed = Set(c.snapshot.store.reviews.filter { $0.by == p.id && $0.kind == "aging" }.map(\.on))
        var items: [KPIItem] = []
        for (d, _) in c.periodWorkingDays {
            if reviewed.contains(d) {
                items.append(KPIItem(kind: "day", subject: "\(d)", outcome: .met, why: "aging reviewed by \(p.id)"))
            } else if d == c.today {
                items.append(KPIItem(kind: "day", subject: "\(d)", outcome: .pending, why: "today: not reviewed yet"))
            } else {
                items.append(KPIItem(kind: "day", subject: "\(d)", outcome: .missed, why: "no aging review by \(p.id)"))
            }
        }
        return share(c, id: "analyst.agingReview", scope: p.id, title: "Daily aging review",
                     target: c.targets.milestoneShare, items: items)
    }

    /// analyst.breachFlagging: qualification and negotiation breaches dated in Qs … T; met when they escalated
    /// the request with reason `tat-breach` at or after the breach and before the end of the
    /// `flagWorkingDays`-th working day after the breach's date.
    static func breachFlagging(_ c: KPIContext, person p: Person, requests: [Request]) -> KPIResult {
        let n = c.settings.tat.flagWorkingDays
        var items: [KPIItem] = []
        for r in requests {
            let breaches = TATBreach.of(r, c.snapshot)
            for b in breaches where c.inPeriod(b.at) {
                let lastDay = c.calendar.workingDay(n, after: c.date(b.at))
                let deadline = c.endOf(lastDay)
                let flags = r.escalations
                    .filter { $0.by == p.id && $0.reason == .tatBreach && c.clock.hasHappened($0.at) && $0.at >= b.at }
                    .map(\.at).sorted()
                let head = "\(b.what) breach \(c.time(b.at)) (\(b.detail)); flag by end of \(lastDay)"
                if let f = flags.first, f < deadline {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .met, why: "\(head): flagged \(c.time(f))"))
                } else if let f = flags.first {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .missed, why: "\(head): flagged late \(c.time(f))"))
                } else if lastDay < c.today {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .missed, why: "\(head): not flagged"))
                } else {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending, why: "\(head): not flagged yet"))
                }
            }
        }
        return share(c, id: "analyst.breachFlagging", scope: p.id,
                     title: "TAT breaches flagged within " + Plural.count(n, "working day"),
                     target: c.targets.milestoneShare, items: items)
    }

    /// analyst.atsCoverage: accounts of their PODs with `onboarding.completedOn` in Qs … T; met when the uploaded
    /// ATS on that day ≥ `atsCoverageShare` × `declaredATS`.
    static func atsCoverage(_ c: KPIContext, person p: Person) -> KPIResult {
        let need = c.targets.atsCoverageShare
        var items: [KPIItem] = []
        let pods = Set(p.pods)
        for a in c.snapshot.store.accounts where pods.contains(a.pod) {
            guard let done = a.onboarding.completedOn, c.inPeriod(done) else { continue }
            let uploaded = ATSCoverage.uploaded(c.contractsByAccount[a.id] ?? [], on: done)
            let required = need * a.declaredATS
            let coverage = a.declaredATS > 0 ? " (\(c.pct(uploaded / a.declaredATS)))" : ""
            items.append(KPIItem(kind: "account", subject: a.id, outcome: uploaded >= required ? .met : .missed,
                                 why: "onboarded \(done): uploaded ATS \(c.money(uploaded)) of declared \(c.money(a.declaredATS))\(coverage), needs \(c.share(need))"))
        }
        return share(c, id: "analyst.atsCoverage", scope: p.id, title: "ATS coverage ≥ \(c.share(need)) at onboarding",
                     target: c.targets.milestoneShare, items: items)
    }

    /// analyst.renewalCalendar: the calendar for the quarter after Q, due `calendarDueDaysBeforeQuarter` days
    /// before it starts; value 1 when they published it dated ≤ due, 0 when due is before T and they did not,
    /// else no value. Target 1; neither met nor counted.
    static func renewalCalendar(_ c: KPIContext, person p: Person) -> KPIResult {
        let next = c.quarter.next
        let due = next.firstDay.adding(days: -c.settings.renewal.calendarDueDaysBeforeQuarter)
        let first = c.snapshot.store.publications
            .filter { $0.kind == "renewal-calendar" && $0.quarter == next && $0.by == p.id && c.clock.hasHappened($0.at) }
            .map(\.at).min()
        let value: Decimal?
        let item: KPIItem
        if let t = first, c.date(t) <= due {
            value = 1
            item = KPIItem(kind: "quarter", subject: "\(next)", outcome: .met, why: "published \(c.date(t)), due \(due)")
        } else if due < c.today {
            value = 0
            let what = first.map { "published late \(c.date($0))" } ?? "not published"
            item = KPIItem(kind: "quarter", subject: "\(next)", outcome: .missed, why: "\(what), due \(due)")
        } else {
            value = nil
            item = KPIItem(kind: "quarter", subject: "\(next)", outcome: .pending, why: "not published yet, due \(due)")
        }
        return KPIResult(id: "analyst.renewalCalendar", scope: p.id, title: "Renewal calendar \(next) by \(due)",
                         value: value, target: 1, status: status(value: value, target: 1, amberRatio: c.targets.amberRatio),
                         items: [item])
    }
}
