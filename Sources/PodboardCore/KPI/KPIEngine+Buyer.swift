import Foundation

extension KPIEngine {
    /// The Buyer set of one person, in report order (KPIS.md, "Buyer"). Their requests are those whose
    /// `buyer` is them.
    static func buyer(_ c: KPIContext, person p: Person) -> [KPIResult] {
        let requests = c.requestsByBuyer[p.id] ?? []
        return [
            quota(c, person: p),
            benchmark(c, person: p, requests: requests),
            tat(c, person: p, requests: requests),
            visibility(c, person: p, requests: requests),
        ]
    }

    /// buyer.quota: the Savings of their requests approved in Qs … T as a share of their target for Q.
    static func quota(_ c: KPIContext, person p: Person) -> KPIResult {
        let q = c.buyerQuota(p)
        return amountResult(c, id: "buyer.quota", scope: p.id, title: "Savings quota \(c.quarter)",
                            target: c.targets.buyerQuotaShare, amount: q.amount, targetAmount: q.target, items: q.items)
    }

    /// buyer.benchmark: of their requests approved in Qs … T whose tool has a benchmark and whose baseline
    /// > 0, the share with savings % ≥ `benchmarkShare` × benchmark.
    static func benchmark(_ c: KPIContext, person p: Person, requests: [Request]) -> KPIResult {
        let factor = c.targets.benchmarkShare
        var items: [KPIItem] = []
        for r in requests {
            guard let a = c.approvalInPeriod(r) else { continue }
            let approved = "approved \(c.date(a))"
            guard let baseline = r.baseline?.amount, baseline > 0 else {
                items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending, why: "\(approved); no baseline above 0"))
                continue
            }
            guard let s = Savings.annual(r) else {
                items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending, why: "\(approved); no final price"))
                continue
            }
            guard let bench = c.snapshot.benchmark(for: r.tool) else {
                items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending,
                                     why: "\(approved); no benchmark for \(r.tool) (none set, fewer than 3 approved)"))
                continue
            }
            let pct = s / baseline
            let needed = factor * bench
            items.append(KPIItem(kind: "request", subject: r.id, outcome: pct >= needed ? .met : .missed,
                                 why: "\(r.tool): \(c.pct(pct)) saved vs \(c.pct(needed)) needed (\(c.share(factor)) of benchmark \(c.pct(bench))), \(approved)"))
        }
        return share(c, id: "buyer.benchmark", scope: p.id,
                     title: "Procurements at \(c.share(factor)) of benchmark",
                     target: c.targets.benchmarkProcurementShare, items: items)
    }

    /// buyer.tat: every request with S dated in Qs … T (met when date(S) ≤ its due date), plus every request
    /// now negotiating or on hold whose due date is before T (a miss); a request in both is counted once,
    /// by its submission.
    static func tat(_ c: KPIContext, person p: Person, requests: [Request]) -> KPIResult {
        let tat = c.settings.tat
        var items: [KPIItem] = []
        for r in requests {
            let tl = c.snapshot.timeline(r)
            let due = tl.negotiationDueDate(kind: r.kind, tat: tat, clock: c.clock)
            var basis = ""
            if let h = tl.handOver, let due {
                let days = RequestTimeline.negotiationTAT(r.kind, tat)
                let hold = c.date(h).adding(days: days).days(to: due)
                basis = "hand-over \(c.date(h)) + \(c.days(days))" + (hold > 0 ? " + \(hold) hold " + Plural.noun(hold, "day") : "")
            }
            if let s = tl.submission, c.inPeriod(s) {
                let sd = c.date(s)
                guard let due else {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending,
                                         why: "submitted \(sd) without a hand-over in its history: no due date"))
                    continue
                }
                if sd <= due {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .met,
                                         why: "submitted \(sd), due \(due) (\(basis))"))
                } else {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .missed,
                                         why: "submitted \(sd), \(c.days(due.days(to: sd))) after due \(due) (\(basis))"))
                }
            } else if tl.status == .negotiating || tl.status == .onHold, let due {
                let submitted = tl.submission.map { ", first submitted \(c.date($0))" } ?? ", not submitted"
                if due < c.today {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .missed,
                                         why: "\(tl.status.rawValue)\(submitted); due \(due) (\(basis))"))
                } else {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending,
                                         why: "\(tl.status.rawValue); due \(due) (\(basis))"))
                }
            }
        }
        return share(c, id: "buyer.tat", scope: p.id,
                     title: "Negotiations within TAT (\(tat.negotiationDaysNew)/\(tat.negotiationDaysRenewal) days)",
                     target: c.targets.milestoneShare, items: items)
    }

    /// buyer.visibility: pairs (request, working day D) with Qs ≤ D < T, D after date(H), and the request
    /// negotiating at the end of D; met when the request has an update by them dated D. Today, not counted
    /// yet, is listed as pending.
    static func visibility(_ c: KPIContext, person p: Person, requests: [Request]) -> KPIResult {
        var items: [KPIItem] = []
        for r in requests {
            guard let h = c.snapshot.timeline(r).handOver else { continue }
            let first = max(c.qs, c.date(h).adding(days: 1))
            guard first <= c.today, let start = c.periodWorkingDays.firstIndex(where: { $0.day >= first }) else { continue }
            var updated: [LocalDate: Timestamp] = [:]
            for u in r.updates where u.by == p.id && c.clock.hasHappened(u.at) {
                let d = c.date(u.at)
                if updated[d] == nil || u.at < updated[d]! { updated[d] = u.at }
            }
            // The status at the end of each day, walking the history (oldest first) once.
            let history = c.snapshot.timeline(r).entries  // without undone pairs
            var status = c.snapshot.timeline(r).initialStatus
            var next = 0
            for (d, end) in c.periodWorkingDays[start...] {
                while next < history.count && history[next].at < end { status = history[next].to; next += 1 }
                guard status == .negotiating else { continue }
                let update = updated[d].map { "update by \(p.id) at \(c.time($0))" }
                if d == c.today {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .pending,
                                         why: "\(d) (today, counted from tomorrow): " + (update ?? "no update yet")))
                } else if let update {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .met, why: "\(d): \(update)"))
                } else {
                    items.append(KPIItem(kind: "request", subject: r.id, outcome: .missed,
                                         why: "\(d): negotiating, no update by \(p.id)"))
                }
            }
        }
        return share(c, id: "buyer.visibility", scope: p.id, title: "Daily negotiation updates",
                     target: c.targets.milestoneShare, items: items)
    }
}
