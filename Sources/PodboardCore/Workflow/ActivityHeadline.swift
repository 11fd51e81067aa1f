import Foundation

extension ActivityText {
    /// One line for the message bar when another person's action arrives: who did what to which target, and
    /// what it means for people ("Maya Iyer approved savings REQ-1042: +USD 8,000 to Ben Okafor's quota").
    /// Like the rest of ActivityText, the text is not sanitized: the view's text helpers do that.
    public func headline(_ a: Activity) -> String {
        let t = a.target
        var line: String
        switch ActionKind(rawValue: a.action) {
        case .approve?: line = "approved savings \(t)"
        case .reject?: line = "rejected savings \(t)"
        case .handOver?: line = "handed over \(t)" + to(a, "buyer")
        case .reassign?: line = "reassigned \(t)" + to(a, "buyer")
        case .assign?: line = "assigned \(t)" + to(a, "analyst")
        case .take?: line = "took \(t)"
        case .submitSavings?: line = "submitted savings for \(t)"
        case .escalate?: line = "escalated \(t)" + escalationReason(a)
        case .flagBreach?: line = "flagged the TAT breach of \(t)"
        case .acknowledgeEscalation?: line = "acknowledged an escalation of \(t)"
        case .resolveEscalation?: line = "resolved an escalation of \(t)"
        case .sendPreApproval?: line = "sent \(t) for pre-approval"
        case .qualify?: line = "qualified \(t)"
        case .disqualify?: line = "disqualified \(t)"
        case .putOnHold?: line = "put \(t) on hold"
        case .resume?: line = "resumed \(t)"
        case .cancel?: line = "cancelled \(t)"
        case .close?: line = "closed \(t)"
        case .markLost?: line = "marked \(t) lost"
        case .addQuote?: line = "added a quote to \(t)"
        case .logUpdate?: line = "logged an update on \(t)"
        case .setBaseline?: line = "set the baseline of \(t)"
        case .setFinal?: line = "set the final price of \(t)"
        case .setCostAvoidance?: line = "set the cost avoidance of \(t)"
        case .raise?: line = "raised \(t)"
        case .undo?: line = "undid an action on \(t)"
        case .recordMeasurement?:
            var value = ""
            if case .object(let o) = a.after, case .number(let v)? = o["value"] { value = " = \(v)" }
            line = "recorded \(t)\(value)"
        case let kind?: line = "\(kind.title): \(t)"
        case nil: line = "\(a.action): \(t)"
        }
        line = "\(who(a)) " + line
        // An approval moves the Buyer's quota by the request's savings (Savings.annual, what buyer.quota sums).
        if a.action == ActionKind.approve.rawValue, let r = store.request(a.target), let s = Savings.annual(r) {
            let buyer = r.buyer.map(name) ?? "the Buyer"
            let amount = Money.format(s, currency: store.settings.currency)
            line += ": " + (s < 0 ? amount : "+" + amount) + " to \(buyer)'s quota"
        }
        return line
    }

    /// The message for actions that arrived from others: the newest one's headline, and how many more came.
    public func headline(_ news: [Activity]) -> String? {
        guard let last = news.last else { return nil }
        let more = news.count > 1 ? " (and \(Plural.count(news.count - 1, "other change")))" : ""
        return headline(last) + more
    }

    /// " to Ben Okafor": the person an action gave the request to (its `after` member `key`).
    private func to(_ a: Activity, _ key: String) -> String {
        guard case .object(let after) = a.after, case .string(let id)? = after[key] else { return "" }
        return " to " + name(id)
    }

    /// " (tat-breach)": the reason of the escalation raised (logged as the added element of `escalations`, or as
    /// one `escalation` in older logs).
    private func escalationReason(_ a: Activity) -> String {
        guard case .object(let after) = a.after else { return "" }
        var added: JSONValue?
        if case .array(let list)? = after["escalations"] { added = list.last } else { added = after["escalation"] }
        guard case .object(let e)? = added, case .string(let reason)? = e["reason"] else { return "" }
        return " (\(reason))"
    }
}
