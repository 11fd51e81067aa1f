import Foundation
import PodboardCore

/// What an Engagement Manager checks before approving a submission: quotes, savings, benchmark, TAT, and what
/// approving does to the Buyer's quota and the account's MSG.
public enum ApprovalChecklist {
    public struct Item: Sendable {
        public var ok: Bool?
        public var label: String
        public var detail: String
    }

    public static func items(_ r: Request, _ state: AppState) -> [Item] {
        let data = state.data
        let snap = data.snapshot
        let cur = data.store.settings.currency
        var out: [Item] = []
        let zone = snap.clock.zone
        if let f = Submissions.facts([r.id], snap)[r.id] {
            out.append(Item(ok: nil, label: "Waiting", detail: waited(f, data) + " (submitted " + Format.time(f.submittedAt, zone) + ")"))
            let base = r.baseline.map { Format.money($0.amount, cur) + " (" + $0.basis.rawValue + ")" } ?? "none"
            out.append(Item(ok: r.baseline == nil ? false : nil, label: "Baseline", detail: base))
            for c in f.recentBaselineChanges {
                func text(_ b: Baseline?) -> String { b.map { Format.money($0.amount, cur) + " (" + $0.basis.rawValue + ")" } ?? "none" }
                let when = c.workingDaysBeforeSubmission == 0 ? "the day of the submission"
                    : "\(c.workingDaysBeforeSubmission) working day\(c.workingDaysBeforeSubmission == 1 ? "" : "s") before submission"
                out.append(Item(ok: false, label: "Just changed",
                                detail: "\(text(c.before)) → \(text(c.after)), \(when), by \(data.name(c.by))"))
            }
        }
        let sources = Set(r.quotes.map(\.source))
        if sources.count >= 2 {
            out.append(Item(ok: true, label: "Quotes", detail: "\(r.quotes.count) from " + Format.count(sources.count, "source") + " (" + sources.map(\.rawValue).sorted().joined(separator: ", ") + ")"))
        } else if let why = r.noQuotesReason {
            out.append(Item(ok: nil, label: "Quotes", detail: Format.count(sources.count, "source") + "; reason: \(why)"))
        } else {
            out.append(Item(ok: false, label: "Quotes", detail: Format.count(sources.count, "source") + " and no reason"))
        }
        let savings = Savings.annual(r)
        out.append(Item(ok: savings.map { $0 > 0 }, label: "Savings",
                        detail: Format.money(savings, cur) + " a year (" + Format.percent(Savings.percent(r)) + "), "
                            + Format.money(Savings.totalContract(r), cur) + " over " + Format.count(r.termMonths, "month")
                            + (r.costAvoidance.map { "; cost avoidance " + Format.money($0, cur) } ?? "")))
        if let check = BenchmarkCheck.of(r, snap) {
            out.append(Item(ok: check.reaches, label: "Benchmark", detail: "\(r.tool) " + check.text))
        } else {
            out.append(Item(ok: nil, label: "Benchmark", detail: "no benchmark for \(r.tool)"))
        }
        let tl = snap.timeline(r)
        if let due = tl.negotiationDueDate(kind: r.kind, tat: data.store.settings.tat, clock: snap.clock), let sub = tl.submission {
            let on = snap.clock.date(sub)
            out.append(Item(ok: on <= due, label: "TAT", detail: "submitted \(on), due \(due) (holds excluded)"))
        }
        // The Buyer's quota alone (KPIEngine.buyerQuota), not every KPI of the store.
        if let buyer = r.buyer, let s = savings, let q = KPIEngine.buyerQuota(snap, buyer: buyer) {
            let amount = q.amount
            var detail = "\(data.name(buyer)): " + Format.money(amount, cur) + " → " + Format.money(amount + s, cur)
            if let t = q.targetAmount, t > 0 {
                detail += " of " + Format.money(t, cur) + " (" + Money.percent(amount / t) + " → " + Money.percent((amount + s) / t) + ")"
            }
            out.append(Item(ok: nil, label: "Buyer's quota", detail: detail))
        }
        if let a = snap.accountsById[r.account], let s = savings {
            let p = AccountProgress(a, snap)
            let after = p.approved + s
            out.append(Item(ok: nil, label: "Account MSG",
                            detail: "\(a.name): " + Format.money(p.approved, cur) + " → " + Format.money(after, cur) + " of "
                                + Format.money(a.msg, cur) + (p.msgReachedOn == nil && after >= a.msg ? " (reaches the MSG)" : "")))
        }
        return out
    }

    /// "3 working days", "since today".
    static func waited(_ f: SubmissionFacts, _ data: AppData) -> String {
        switch f.waitingWorkingDays {
        case 0: return "since today"
        case 1: return "1 working day"
        case let n: return "\(n) working days"
        }
    }

    static func lines(_ r: Request, _ state: AppState) -> [StyledLine] {
        var out: [StyledLine] = [[Span("Checklist for \(r.id)", .title, .bold), Span("  " + KeyHints.approveReject, .muted)]]
        for i in items(r, state) {
            let mark: Span
            switch i.ok {
            case true?: mark = Span("✓ ", .ok, .bold)
            case false?: mark = Span("✗ ", .breach, .bold)
            case nil: mark = Span("• ", .muted)
            }
            out.append([mark, Span(Format.fit(i.label, 14) + " ", i.ok == false ? .breach : .muted), Span(i.detail)])
        }
        return out
    }
}
