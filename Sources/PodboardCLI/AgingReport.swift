import Foundation
import PodboardCore

/// The aging report: one row per open request.
enum AgingReport {
    static func table(_ rows: [AgingRow], _ snap: Snapshot) -> ReportTable {
        var t = ReportTable(title: "Request aging as of \(snap.today) (\(rows.count) open)", columns: [
            Column(key: "id", title: "Request"), Column(key: "account", title: "Account"), Column(key: "tool", title: "Tool"),
            Column(key: "status", title: "Status"), Column(key: "ageDays", title: "Age", alignRight: true),
            Column(key: "daysInStatus", title: "In status", alignRight: true),
            Column(key: "nextDeadline", title: "Next deadline"), Column(key: "nextDeadlineOn", title: "Due"),
            Column(key: "analyst", title: "Analyst"), Column(key: "buyer", title: "Buyer"),
            Column(key: "severity", title: "Severity"), Column(key: "flags", title: "Flags"),
        ])
        for row in rows {
            let tone = tone(row.severity)
            let r = row.request
            t.rows.append([
                Cell(r.id, tone: tone), Cell(row.account?.name ?? r.account), Cell(r.tool), Cell(row.status.rawValue),
                .int(row.ageDays), .int(row.daysInStatus),
                .optional(row.nextDeadline?.what), .date(row.nextDeadline?.date),
                .optional(r.analyst), .optional(r.buyer),
                Cell(text: row.severity.label, value: .string(row.severity.label), tone: tone),
                Cell(text: row.flags.map(\.rawValue).joined(separator: " "), value: .array(row.flags.map { .string($0.rawValue) }), tone: tone),
            ])
        }
        let breached = rows.filter { $0.severity == .breached }.count
        let soon = rows.filter { $0.severity == .dueSoon }.count
        t.notes = ["\(breached) breached, \(soon) due soon or stale."]
        return t
    }

    static func tone(_ s: Severity) -> Tone {
        switch s {
        case .breached: return .breach
        case .dueSoon: return .warning
        case .ok: return .plain
        }
    }
}

/// The renewal calendar report: one row per contract.
enum RenewalsReport {
    static func table(_ entries: [RenewalEntry], _ snap: Snapshot, title: String) -> ReportTable {
        var t = ReportTable(title: title, columns: [
            Column(key: "contract", title: "Contract"), Column(key: "account", title: "Account"), Column(key: "tool", title: "Tool"),
            Column(key: "vendor", title: "Vendor"), Column(key: "endsOn", title: "Ends"), Column(key: "reviewOn", title: "Review"),
            Column(key: "requestDueOn", title: "Request due"), Column(key: "talksStartOn", title: "Talks"),
            Column(key: "cancelBy", title: "Cancel by"), Column(key: "autoRenew", title: "Auto-renew"),
            Column(key: "billing", title: "Billing"),
            Column(key: "annualValue", title: "Annual value", alignRight: true), Column(key: "openRequest", title: "Open request"),
            Column(key: "flags", title: "Flags"),
        ])
        for e in entries {
            let c = e.contract
            // One rule per flag, in PodboardCore (RenewalFlag); JSON gets the flags' codes, the other formats their words.
            let flags = e.flags
            let tone: Tone = e.noticeAlert ? .breach : (e.noticePassed ? .warning : .plain)
            t.rows.append([
                Cell(c.id, tone: tone), Cell(e.account?.name ?? c.account), Cell(c.tool), Cell(c.vendor),
                .date(c.endsOn), .date(e.reviewOn), .date(e.requestDueOn), .date(e.talksStartOn),
                Cell(text: e.cancelBy.description, value: .string(e.cancelBy.description), tone: e.noticeAlert ? .breach : .plain),
                .bool(c.autoRenew), Cell(c.billing.rawValue), .money(c.annualValue), .optional(e.openRequest?.id),
                Cell(text: flags.map { $0.label(e) }.joined(separator: "; "), value: .array(flags.map { .string($0.rawValue) }), tone: tone),
            ])
        }
        return t
    }

    static func notes(_ cal: RenewalQuarter, _ snap: Snapshot) -> [String] {
        let total = cal.entries.reduce(Decimal(0)) { $0 + $1.contract.annualValue }
        var notes = ["\(Plural.count(cal.entries.count, "contract")) end\(cal.entries.count == 1 ? "s" : "") in \(cal.quarter), \(Money.format(total, currency: snap.settings.currency)) a year."]
        if let p = cal.publication {
            let on = snap.clock.date(p.at)
            notes.append("Calendar due \(cal.dueOn); published \(on) by \(p.by)\(on > cal.dueOn ? " (late)" : "").")
        } else {
            notes.append("Calendar due \(cal.dueOn); not published yet\(cal.dueOn < snap.today ? " (overdue)" : "").")
        }
        return notes
    }
}

/// Savings reports: per account (progress against MSG and PSE) or per approved request.
enum SavingsReport {
    static func accounts(_ list: [AccountProgress], _ snap: Snapshot) -> ReportTable {
        var t = ReportTable(title: "Savings by account as of \(snap.today)", columns: [
            Column(key: "account", title: "Account"), Column(key: "pod", title: "POD"),
            Column(key: "msg", title: "MSG", alignRight: true), Column(key: "approved", title: "Approved", alignRight: true),
            Column(key: "msgShare", title: "of MSG", alignRight: true), Column(key: "msgDeadline", title: "MSG by"),
            Column(key: "msgReachedOn", title: "MSG reached"),
            Column(key: "pseTarget", title: "PSE target", alignRight: true), Column(key: "pseReachedOn", title: "PSE reached"),
            Column(key: "ftvOn", title: "FTV"), Column(key: "approvedThisQuarter", title: "This quarter", alignRight: true),
            Column(key: "costAvoidance", title: "Cost avoidance", alignRight: true),
        ])
        for p in list {
            let reached = p.msgReachedOn != nil
            let tone: Tone = reached ? .ok : (p.msgDeadline < snap.today ? .breach : .plain)
            t.rows.append([
                Cell(p.account.name), Cell(p.account.pod), .money(p.account.msg), .money(p.approved, tone: tone),
                .percent(p.msgShare, tone: tone), .date(p.msgDeadline), .date(p.msgReachedOn), .money(p.pseTarget),
                .date(p.pseReachedOn), .date(p.ftvOn), .money(p.approvedThisQuarter), .money(p.costAvoidance),
            ])
        }
        let total = list.reduce(Decimal(0)) { $0 + $1.approved }
        let quarter = list.reduce(Decimal(0)) { $0 + $1.approvedThisQuarter }
        let avoid = list.reduce(Decimal(0)) { $0 + $1.costAvoidance }
        let cur = snap.settings.currency
        t.notes = ["Approved savings \(Money.format(total, currency: cur)) in all, \(Money.format(quarter, currency: cur)) in \(snap.clock.quarter); cost avoidance \(Money.format(avoid, currency: cur)) (not added to savings)."]
        return t
    }

    static func requests(_ list: [Request], _ snap: Snapshot) -> ReportTable {
        var t = ReportTable(title: "Approved savings by request as of \(snap.today)", columns: [
            Column(key: "id", title: "Request"), Column(key: "account", title: "Account"), Column(key: "tool", title: "Tool"),
            Column(key: "buyer", title: "Buyer"), Column(key: "approvedOn", title: "Approved"), Column(key: "basis", title: "Basis"),
            Column(key: "baseline", title: "Baseline", alignRight: true), Column(key: "final", title: "Final", alignRight: true),
            Column(key: "annualSavings", title: "Annual savings", alignRight: true), Column(key: "savingsShare", title: "%", alignRight: true),
            Column(key: "termMonths", title: "Term", alignRight: true),
            Column(key: "totalContractSavings", title: "Contract savings", alignRight: true),
            Column(key: "costAvoidance", title: "Cost avoidance", alignRight: true),
        ])
        let sorted = list.sorted { (snap.approvedSavings($0)?.at ?? $0.createdAt) > (snap.approvedSavings($1)?.at ?? $1.createdAt) }
        for r in sorted {
            let s = Savings.annual(r)
            t.rows.append([
                Cell(r.id), Cell(snap.accountsById[r.account]?.name ?? r.account), Cell(r.tool), .optional(r.buyer),
                .date(snap.approvedSavings(r).map { snap.clock.date($0.at) }), .optional(r.baseline?.basis.rawValue),
                .money(r.baseline?.amount), .money(r.final), .money(s, tone: (s ?? 0) < 0 ? .breach : .plain),
                .percent(Savings.percent(r)), .int(r.termMonths), .money(Savings.totalContract(r)), .money(r.costAvoidance),
            ])
        }
        return t
    }
}
