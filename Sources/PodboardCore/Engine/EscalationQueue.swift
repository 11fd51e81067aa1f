import Foundation

/// Where an escalation stands as of now.
public enum EscalationState: String, Sendable, CaseIterable {
    /// Raised, nobody has acknowledged it yet.
    case open
    case acknowledged
    case resolved
}

/// One escalation in the queue: the escalation, its request, and how long it has waited.
public struct EscalationRow: Sendable {
    public let request: Request
    public let account: Account?
    /// Its index in the request's `escalations` (0-based; people see `number`).
    public let index: Int
    public let escalation: Escalation
    public let state: EscalationState
    /// The request's status as of now.
    public let requestStatus: RequestStatus
    /// Working days (the store's calendar) from the day it was raised to today, or to the day it was resolved.
    public let ageWorkingDays: Int

    /// The escalation's number on its request, 1 = the first (what `podboard act … --which` takes).
    public var number: Int { index + 1 }
    /// Still to be handled: not resolved, and its request is not finished.
    public var isOpen: Bool { state != .resolved && requestStatus.isOpen }
}

/// Every escalation raised by now, oldest first: what an EM triages.
public enum EscalationQueue {
    public static func rows(_ snap: Snapshot) -> [EscalationRow] {
        let clock = snap.clock
        var out: [EscalationRow] = []
        for r in snap.requests where !r.escalations.isEmpty {
            let status = snap.status(r)
            for (k, e) in r.escalations.enumerated() where clock.hasHappened(e.at) {
                let state: EscalationState = e.isResolved(asOf: clock.endOfToday) ? .resolved
                    : (e.isAcknowledged(asOf: clock.endOfToday) ? .acknowledged : .open)
                let until = state == .resolved ? clock.date(e.resolvedAt!) : clock.today
                out.append(EscalationRow(request: r, account: snap.accountsById[r.account], index: k, escalation: e, state: state,
                                         requestStatus: status,
                                         ageWorkingDays: clock.calendar.workingDaysBetween(clock.date(e.at), until)))
            }
        }
        out.sort { a, b in
            a.escalation.at != b.escalation.at ? a.escalation.at < b.escalation.at
                : (a.request.id != b.request.id ? a.request.id < b.request.id : a.index < b.index)
        }
        return out
    }
}
