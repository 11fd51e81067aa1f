import Foundation

/// A Buyer's workload: the negotiations they hold now (status `negotiating` or `on-hold`, in any POD).
public enum Workload {
    /// Open negotiations per Buyer id.
    public static func negotiations(_ store: Store) -> [String: Int] {
        var out: [String: Int] = [:]
        for r in store.requests where r.status == .negotiating || r.status == .onHold {
            if let b = r.buyer { out[b, default: 0] += 1 }
        }
        return out
    }

    /// "Ben Okafor — 7 negotiating".
    public static func label(_ person: Person, _ counts: [String: Int]) -> String {
        "\(person.name) — \(counts[person.id] ?? 0) negotiating"
    }

    /// The Buyers of a POD, each with their workload, in the store's order.
    public static func buyers(of pod: String, in store: Store, excluding: String? = nil) -> [(person: Person, label: String)] {
        let counts = negotiations(store)
        return store.people.filter { $0.has(.buyer) && $0.pods.contains(pod) && $0.id != excluding }
            .map { ($0, label($0, counts)) }
    }
}

extension Context {
    /// reassign: the EM of the account's POD moves a negotiation (negotiating or on hold) to another Buyer of the
    /// POD. Only `buyer` changes: the status, the history and so the negotiation TAT clock stay as they are.
    mutating func reassign() throws(ActionRefusal) {
        let (i, r, a) = try request()
        try require(.em, in: a.pod, "reassign \(r.id)")
        try requireStatus(r, [.negotiating, .onHold], "reassign")
        guard let who = p.person else { throw .badInput("reassign needs the new Buyer (--person ID)") }
        guard let buyer = store.person(who) else { throw .badInput("no person \"\(who)\" in this store") }
        guard buyer.has(.buyer), buyer.pods.contains(a.pod) else { throw refuse("\(buyer.name) is not a Buyer of POD \(a.pod)") }
        guard r.buyer != who else { throw refuse("\(r.id) is already \(buyer.name)'s") }
        var new = r
        new.buyer = who
        var extras = JSONObject()
        if let note = p.note?.trimmingCharacters(in: .whitespaces), !note.isEmpty { extras["note"] = .string(note) }
        commit(i, new, summary: "\(r.id) reassigned from \(name(r.buyer)) to \(buyer.name)", extras: extras)
    }
}
