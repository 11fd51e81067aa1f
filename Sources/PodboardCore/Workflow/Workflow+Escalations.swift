import Foundation

/// acknowledge-escalation and resolve-escalation: the EM of the request's POD (or an admin) says they are on an
/// escalation, then how it ended. The request's status does not change; the escalation gets `acknowledgedAt`,
/// `acknowledgedBy` (and `acknowledgedNote`), or `resolvedAt`, `resolvedBy` and `resolution`.
extension Context {
    mutating func handleEscalation() throws(ActionRefusal) {
        let (i, r, a) = try request()
        let resolving = action.kind == .resolveEscalation
        let verb = resolving ? "resolve" : "acknowledge"
        try require(.em, in: a.pod, "\(verb) escalations of \(r.id)")
        let k = try escalationIndex(r, verb: verb) { e in resolving ? !e.isResolved() : !e.isResolved() && !e.isAcknowledged() }
        var e = r.escalations[k]
        let label = "escalation #\(k + 1) of \(r.id) (\(e.reason.rawValue))"
        if e.isResolved() {
            throw refuse("\(label) was already resolved by \(name(e.resolvedBy)) on \(zone.date(of: e.resolvedAt!))")
        }
        let note = p.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if resolving {
            e.resolvedAt = at
            e.resolvedBy = person.id
            e.resolution = try requireText(p.note ?? p.reason, "the resolution: how it ended (--note TEXT)")
        } else {
            if e.isAcknowledged() {
                throw refuse("\(label) was already acknowledged by \(name(e.acknowledgedBy)) on \(zone.date(of: e.acknowledgedAt!))")
            }
            e.acknowledgedAt = at
            e.acknowledgedBy = person.id
            e.acknowledgedNote = (note?.isEmpty ?? true) ? nil : note
        }
        var new = r
        new.escalations[k] = e
        commit(i, new, summary: "\(r.id): escalation #\(k + 1) (\(e.reason.rawValue)) \(resolving ? "resolved" : "acknowledged")")
    }

    /// The escalation `p.which` names: its number (1 = the first) or its `at` time; without it, the only one
    /// that `isCandidate` lets through (refused when there are none or several).
    func escalationIndex(_ r: Request, verb: String, isCandidate: (Escalation) -> Bool) throws(ActionRefusal) -> Int {
        guard !r.escalations.isEmpty else { throw refuse("\(r.id) has no escalation to \(verb)") }
        if let w = p.which?.trimmingCharacters(in: .whitespaces), !w.isEmpty {
            if let n = Int(w) {
                guard r.escalations.indices.contains(n - 1) else {
                    throw .badInput("\(r.id) has no escalation #\(n): it has \(r.escalations.count) (1 = the first)")
                }
                return n - 1
            }
            guard let t = Timestamp(w) else {
                throw .badInput("which escalation: expected its number (1 = the first) or its time, like 2026-11-07T15:00:00+05:30, found \"\(w)\"")
            }
            guard let k = r.escalations.firstIndex(where: { $0.at == t }) else {
                throw .badInput("\(r.id) has no escalation raised at \(w)")
            }
            return k
        }
        let open = r.escalations.indices.filter { isCandidate(r.escalations[$0]) }
        switch open.count {
        case 0: throw refuse("\(r.id) has no escalation left to \(verb)")
        case 1: return open[0]
        default:
            let list = open.map { "#\($0 + 1) \(r.escalations[$0].reason.rawValue) of \(zone.clockText(r.escalations[$0].at))" }
            throw .badInput("\(r.id) has \(open.count) escalations to \(verb): say which (--which N): " + list.joined(separator: ", "))
        }
    }
}
