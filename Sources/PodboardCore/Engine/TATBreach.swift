/// A TAT breach of a request, dated as KPIS.md dates it (analyst.breachFlagging): a qualification breach at the
/// qualification due time when the first action is missing or late; a negotiation breach at the start of the
/// day after the negotiation due date when the submission is late, or missing while the request was negotiating
/// or on hold at that moment. Only breaches that have happened by now are given.
public struct TATBreach: Sendable {
    /// "qualification" or "negotiation".
    public let what: String
    public let at: Timestamp
    /// The facts behind it, for people.
    public let detail: String

    public static func of(_ r: Request, _ snap: Snapshot) -> [TATBreach] {
        let clock = snap.clock
        let tat = snap.settings.tat
        let tl = snap.timeline(r)
        func time(_ t: Timestamp) -> String { clock.zone.clockText(t) }
        var out: [TATBreach] = []
        if let due = RequestTimeline.qualificationDue(r, tat: tat, clock: clock), clock.hasHappened(due) {
            if let f = tl.firstAction {
                if f.at > due { out.append(TATBreach(what: "qualification", at: due, detail: "first action \(time(f.at))")) }
            } else {
                out.append(TATBreach(what: "qualification", at: due, detail: "no first action"))
            }
        }
        if let due = tl.negotiationDueDate(kind: r.kind, tat: tat, clock: clock) {
            let moment = clock.zone.startOfDay(due.adding(days: 1))
            if clock.hasHappened(moment) {
                if let s = tl.submission {
                    if clock.date(s) > due { out.append(TATBreach(what: "negotiation", at: moment, detail: "due \(due), submitted \(clock.date(s))")) }
                } else {
                    let st = tl.status(atOrBefore: moment)
                    if st == .negotiating || st == .onHold {
                        out.append(TATBreach(what: "negotiation", at: moment, detail: "due \(due), not submitted"))
                    }
                }
            }
        }
        return out
    }
}
