import ArgumentParser
import PodboardCore

/// `--pod`, `--person` and `--role`: which part of the store a report looks at.
public struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only this POD (its id).", valueName: "id"))
    public var pod: String?

    @Option(name: .long, help: ArgumentHelp("Only what concerns this person (their id).", valueName: "id"))
    public var person: String?

    @Option(name: .long, help: ArgumentHelp("Only this role: em, buyer, analyst, csm or admin.", valueName: "role"))
    public var role: String?

    public init() {}

    /// Checks the ids and the role against the store; an unknown one is bad input (exit 2).
    func resolve(in store: Store) throws -> ReportFilter {
        var f = ReportFilter()
        if let pod {
            guard store.pod(pod) != nil else {
                throw Failure.badInput("--pod: no POD with id '\(pod)' in the store (known: \(store.pods.map(\.id).joined(separator: ", ")))")
            }
            f.pod = pod
        }
        if let person {
            guard let p = store.person(person) else {
                let known = store.people.prefix(20).map(\.id).joined(separator: ", ")
                throw Failure.badInput("--person: no person with id '\(person)' in the store (known: \(known)\(store.people.count > 20 ? ", …" : ""))")
            }
            f.person = p
        }
        if let role {
            guard let r = Role(rawValue: role) else {
                throw Failure.badInput("--role: unknown role '\(role)' (expected one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            f.role = r
        }
        return f
    }
}

/// A resolved `--pod` / `--person` / `--role` filter.
struct ReportFilter {
    var pod: String?
    var person: Person?
    var role: Role?

    /// People matching --person and --role.
    func people(_ store: Store) -> [Person] {
        store.people.filter { p in
            (person == nil || p.id == person!.id) && (role == nil || p.has(role!))
                && (pod == nil || p.pods.contains(pod!))
        }
    }

    /// A request matches the POD of its account, and a person who is its analyst or buyer (with --role,
    /// in that role), or the EM or CSM of its account's POD.
    func includes(_ r: Request, _ snap: Snapshot) -> Bool {
        let account = snap.accountsById[r.account]
        if let pod, account?.pod != pod { return false }
        if person == nil && role == nil { return true }
        let candidates = person.map { [$0] } ?? snap.store.people.filter { $0.has(role!) }
        return candidates.contains { p in
            let roles = role.map { [$0] } ?? p.roles
            return roles.contains { role in
                switch role {
                case .analyst: return r.analyst == p.id
                case .buyer: return r.buyer == p.id
                case .em: return p.has(.em) && account.map { p.pods.contains($0.pod) } ?? false
                case .csm: return account?.csm == p.id
                case .admin: return p.has(.admin)
                // The catalog's roles work on the accounts of their PODs (docs/kpi-catalog.md).
                case .sam, .am, .sdr, .ae, .renewals: return account.map { p.pods.contains($0.pod) } ?? false
                }
            }
        }
    }

    /// A contract matches through its account: the POD, and a person of the account's POD or its CSM.
    func includes(_ c: Contract, _ snap: Snapshot) -> Bool {
        guard let account = snap.accountsById[c.account] else { return pod == nil && person == nil }
        return includes(account)
    }

    func includes(_ a: Account) -> Bool {
        if let pod, a.pod != pod { return false }
        if let person {
            if let role, !person.has(role) { return false }
            return person.pods.contains(a.pod) || a.csm == person.id
        }
        return true
    }
}
