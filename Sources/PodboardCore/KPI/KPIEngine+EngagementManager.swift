import Foundation

extension KPIEngine {
    /// The Engagement Manager set of one POD, in report order (KPIS.md, "Engagement Manager").
    static func engagementManager(_ c: KPIContext, pod: Pod) -> [KPIResult] {
        let accounts = c.accountsByPod[pod.id] ?? []
        let served = accounts.filter { $0.termEndsOn >= c.qs }
        return [
            ftv(c, pod: pod, accounts: served),
            msg(c, pod: pod, accounts: served),
            pse(c, pod: pod, accounts: served),
            gdr(c, pod: pod, accounts: accounts),
            netSavings(c, pod: pod),
            health(c, pod: pod, accounts: accounts),
            buyersAtQuota(c, pod: pod),
            monthlyToAnnual(c, pod: pod),
        ]
    }

    private static func savings(_ c: KPIContext, _ a: Account) -> AccountSavings {
        c.snapshot.accountSavings[a.id] ?? AccountSavings(account: a.id, approvals: [])
    }

    /// em.ftv: accounts with `initiatedOn`; met when the first approval with Savings > 0 is dated
    /// ≤ initiatedOn + ftvDays; counted when met or when that date is before T.
    static func ftv(_ c: KPIContext, pod: Pod, accounts: [Account]) -> KPIResult {
        let limit = c.targets.ftvDays
        var items: [KPIItem] = []
        for a in accounts {
            guard let initiated = a.initiatedOn else {
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .pending, why: "not initiated yet (no initiatedOn)"))
                continue
            }
            let due = initiated.adding(days: limit)
            if let first = savings(c, a).firstPositive {
                let d = c.date(first.at)
                items.append(KPIItem(kind: "account", subject: a.id, outcome: d <= due ? .met : .missed,
                                     why: "first savings \(c.money(first.amount)) (\(first.request)) approved \(d), \(c.days(initiated.days(to: d))) after initiation \(initiated) (limit \(limit))"))
            } else if due < c.today {
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .missed,
                                     why: "no savings approved by \(due) (initiated \(initiated), limit \(c.days(limit)))"))
            } else {
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .pending,
                                     why: "no savings approved yet; due by \(due) (initiated \(initiated))"))
            }
        }
        return share(c, id: "em.ftv", scope: pod.id, title: "FTV within \(c.days(limit))",
                     target: c.targets.milestoneShare, items: items)
    }

    /// em.msg: met when reaching `msg` is dated ≤ podHandoverOn + msgDays; counted when met or that date is before T.
    static func msg(_ c: KPIContext, pod: Pod, accounts: [Account]) -> KPIResult {
        let limit = c.targets.msgDays
        var items: [KPIItem] = []
        for a in accounts {
            let due = a.podHandoverOn.adding(days: limit)
            let s = savings(c, a)
            let goal = "MSG \(c.money(a.msg))"
            if let t = s.reaching(a.msg) {
                let d = c.date(t)
                let days = a.podHandoverOn.days(to: d)
                let stretch = d <= due && days <= c.targets.msgStretchDays ? ", within the \(c.targets.msgStretchDays)-day stretch" : ""
                items.append(KPIItem(kind: "account", subject: a.id, outcome: d <= due ? .met : .missed,
                                     why: "\(goal) reached \(d), \(c.days(days)) after hand-over (limit \(limit))\(stretch)"))
            } else if due < c.today {
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .missed,
                                     why: "\(goal) not reached by \(due) (\(c.money(s.cumulative())) approved to date)"))
            } else {
                let day = a.podHandoverOn.days(to: c.today)
                let pace = day >= 0 ? ", day \(day) of \(limit)" : ""
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .pending,
                                     why: "\(c.money(s.cumulative())) of \(goal) approved so far; due by \(due)\(pace)"))
            }
        }
        return share(c, id: "em.msg", scope: pod.id, title: "MSG within \(c.days(limit))",
                     target: c.targets.milestoneShare, items: items)
    }

    /// em.pse: met when reaching `pseShare` × `pse` is dated ≤ termEndsOn; counted when met or termEndsOn is before T.
    static func pse(_ c: KPIContext, pod: Pod, accounts: [Account]) -> KPIResult {
        let shareText = c.share(c.targets.pseShare)
        var items: [KPIItem] = []
        for a in accounts {
            let x = c.targets.pseShare * a.pse
            let s = savings(c, a)
            let goal = "\(shareText) of PSE (\(c.money(x)))"
            if let t = s.reaching(x) {
                let d = c.date(t)
                items.append(KPIItem(kind: "account", subject: a.id, outcome: d <= a.termEndsOn ? .met : .missed,
                                     why: "\(goal) reached \(d); term ends \(a.termEndsOn)"))
            } else if a.termEndsOn < c.today {
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .missed,
                                     why: "\(goal) not reached by term end \(a.termEndsOn) (\(c.money(s.cumulative())) approved)"))
            } else {
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .pending,
                                     why: "\(c.money(s.cumulative())) of \(goal) approved so far; term ends \(a.termEndsOn)"))
            }
        }
        return share(c, id: "em.pse", scope: pod.id, title: "\(shareText) of PSE by term end",
                     target: c.targets.milestoneShare, items: items)
    }

    /// em.gdr: accounts whose term ends in Q; met when reaching `msg` is dated ≤ termEndsOn; counted when met
    /// or termEndsOn is before T.
    static func gdr(_ c: KPIContext, pod: Pod, accounts: [Account]) -> KPIResult {
        var items: [KPIItem] = []
        for a in accounts where c.quarter.contains(a.termEndsOn) {
            let s = savings(c, a)
            let goal = "MSG \(c.money(a.msg))"
            if let t = s.reaching(a.msg) {
                let d = c.date(t)
                items.append(KPIItem(kind: "account", subject: a.id, outcome: d <= a.termEndsOn ? .met : .missed,
                                     why: "\(goal) reached \(d); term ends \(a.termEndsOn)"))
            } else if a.termEndsOn < c.today {
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .missed,
                                     why: "\(goal) not reached by term end \(a.termEndsOn) (\(c.money(s.cumulative())) approved)"))
            } else {
                items.append(KPIItem(kind: "account", subject: a.id, outcome: .pending,
                                     why: "\(c.money(s.cumulative())) of \(goal) approved so far; term ends \(a.termEndsOn)"))
            }
        }
        return share(c, id: "em.gdr", scope: pod.id, title: "GDR: MSG reached by term end",
                     target: c.targets.gdrShare, items: items)
    }

    /// em.netSavings: the Savings of the POD's requests approved in Qs … T (negative included) against the
    /// POD's target for Q; target 1.0.
    static func netSavings(_ c: KPIContext, pod: Pod) -> KPIResult {
        let (amount, items) = c.periodSavings(c.requestsByPod[pod.id] ?? [])
        return amountResult(c, id: "em.netSavings", scope: pod.id, title: "Net savings vs \(c.quarter) target",
                            target: 1, amount: amount, targetAmount: pod.quarterlyTargets[c.quarter], items: items)
    }

    /// em.health: accounts with termEndsOn ≥ T; met when `health` is favorable.
    static func health(_ c: KPIContext, pod: Pod, accounts: [Account]) -> KPIResult {
        let items = accounts.filter { $0.termEndsOn >= c.today }.map { a in
            KPIItem(kind: "account", subject: a.id, outcome: a.health == .favorable ? .met : .missed,
                    why: "health \(a.health.rawValue)")
        }
        return share(c, id: "em.health", scope: pod.id, title: "Accounts in favourable health",
                     target: c.targets.favorableHealthShare, items: items)
    }

    /// em.buyersAtQuota: Buyers with this POD in `pods` and a target for Q above 0; met when their
    /// `buyer.quota` value ≥ `buyerQuotaShare`.
    static func buyersAtQuota(_ c: KPIContext, pod: Pod) -> KPIResult {
        let need = c.targets.buyerQuotaShare
        var items: [KPIItem] = []
        for p in c.snapshot.store.people where p.has(.buyer) && p.pods.contains(pod.id) {
            let q = c.buyerQuota(p)
            guard let target = q.target, let value = q.value else {
                items.append(KPIItem(kind: "person", subject: p.id, outcome: .pending, why: "no \(c.quarter) target above 0"))
                continue
            }
            items.append(KPIItem(kind: "person", subject: p.id, outcome: value >= need ? .met : .missed,
                                 why: "quota \(c.pct(value)): \(c.money(q.amount)) of \(c.money(target)) (needs \(c.share(need)))"))
        }
        return share(c, id: "em.buyersAtQuota", scope: pod.id, title: "Buyers at \(c.share(need)) of quota",
                     target: c.targets.podBuyersAtQuotaShare, items: items)
    }

    /// em.monthlyToAnnual: the POD's contracts monthly at Qs (`startsOn` ≤ Qs ≤ `endsOn`, no `sunsetOn` ≤ Qs,
    /// billed monthly or `convertedToAnnualOn` ≥ Qs); met when `convertedToAnnualOn` is in Qs … T.
    static func monthlyToAnnual(_ c: KPIContext, pod: Pod) -> KPIResult {
        let qs = c.qs
        var items: [KPIItem] = []
        for k in c.contractsByPod[pod.id] ?? [] {
            guard k.startsOn <= qs, qs <= k.endsOn else { continue }
            if let sunset = k.sunsetOn, sunset <= qs { continue }
            let converted = k.convertedToAnnualOn
            guard k.billing == .monthly || (converted.map { $0 >= qs } ?? false) else { continue }
            if let d = converted, c.inPeriod(d) {
                items.append(KPIItem(kind: "contract", subject: k.id, outcome: .met,
                                     why: "\(k.tool): converted to annual \(d)"))
            } else if let d = converted, d > c.today {
                items.append(KPIItem(kind: "contract", subject: k.id, outcome: .missed,
                                     why: "\(k.tool): conversion dated \(d), after today"))
            } else {
                items.append(KPIItem(kind: "contract", subject: k.id, outcome: .missed,
                                     why: "\(k.tool): still billed monthly (\(c.money(k.annualValue)) a year)"))
            }
        }
        return share(c, id: "em.monthlyToAnnual", scope: pod.id, title: "Monthly contracts converted to annual",
                     target: c.targets.monthlyToAnnualShare, items: items)
    }
}
