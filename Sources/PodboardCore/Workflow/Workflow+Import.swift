import Foundation

// `import`: requests, contracts or accounts from a CSV file (`podboard import`), as ONE action: one activity entry
// naming the file, the counts and the ids created; journaled like every action (the records travel in the
// action's `records`, so a replay gives the same store); undone whole.
//
// Who may (DOMAIN.md is silent; docs/decisions.md): a SaaS Analyst or the Engagement Manager of every POD the
// records belong to; an admin always.
extension Context {
    /// Who may import at all (the records' PODs are checked with the records).
    static func whyNotImport(_ person: Person) -> String? {
        person.has(.admin) || person.has(.analyst) || person.has(.em) ? nil
            : "\(person.name) may not import: only a SaaS Analyst, an Engagement Manager or an admin may"
    }

    mutating func importRecords() throws(ActionRefusal) {
        if let no = Self.whyNotImport(person) { throw refuse(no) }
        guard case .object(let o)? = p.records, case .string(let k)? = o["kind"], let kind = ImportKind(rawValue: k),
              case .array(var records)? = o["records"] else {
            throw .badInput("import needs its records: run `podboard import requests|contracts|accounts FILE.csv --map MAP`")
        }
        var lines: [Int] = []
        if case .array(let l)? = o["lines"] { lines = l.compactMap { if case .number(let n) = $0 { return Int(n) }; return nil } }
        func line(_ i: Int) -> String { lines.indices.contains(i) ? "line \(lines[i])" : "record \(i + 1)" }
        guard !records.isEmpty else { throw refuse("nothing to import from \(action.target): no rows left") }
        let ids = ImportCheck.assignIds(kind, &records, store: store)
        let problems = ImportCheck.problems(kind, records, store: store, at: at)
        if !problems.isEmpty {
            let shown = problems.prefix(5).map { "\(line($0.record)): \($0.field.isEmpty ? "" : $0.field + ": ")\($0.message)" }
            throw .badInput("\(action.target): \(problems.count) problem\(problems.count == 1 ? "" : "s"), nothing imported: "
                            + shown.joined(separator: "; ") + (problems.count > 5 ? "; …" : ""))
        }
        let decoder = StoreDecoder()
        var requests: [Request] = [], contracts: [Contract] = [], accounts: [Account] = []
        for (i, v) in records.enumerated() {
            guard let node = try? JSONParser.parse(JSONWriter.write(v)) else { throw .badInput("\(line(i)): not a record") }
            let pod: String?
            switch kind {
            case .requests:
                guard let r = decoder.decodeRequest(node, "") else { throw .badInput("\(line(i)): not a request") }
                requests.append(r); pod = store.account(r.account)?.pod
            case .contracts:
                guard let c = decoder.decodeContract(node, "") else { throw .badInput("\(line(i)): not a contract") }
                contracts.append(c); pod = store.account(c.account)?.pod
            case .accounts:
                guard let a = decoder.decodeAccount(node, "") else { throw .badInput("\(line(i)): not an account") }
                accounts.append(a); pod = a.pod
            }
            if let pod, !(holds(.analyst, in: pod) || holds(.em, in: pod)) {
                throw refuse("\(person.name) may not import into POD \(pod) (\(line(i)), \(ids[i])): only a SaaS Analyst or the Engagement Manager of POD \(pod) may")
            }
        }
        store.requests += requests
        store.contracts += contracts
        store.accounts += accounts
        var after = JSONObject()
        after["file"] = .string(action.target)
        after["kind"] = .string(kind.rawValue)
        if case .number(let n)? = o["rows"] { after["rows"] = .number(n) }
        after["imported"] = .number(String(ids.count))
        after["skipped"] = o["skipped"] ?? .number("0")
        after["ids"] = .array(ids.map { .string($0) })
        store.activity.append(Activity(at: at, by: person.id, action: action.kind.rawValue, target: action.target,
                                       before: .null, after: .object(after)))
        let shown = ids.count <= 3 ? ids.joined(separator: ", ") : "\(ids[0]) … \(ids[ids.count - 1])"
        summary = "imported \(Plural.count(ids.count, kind.noun)) from \(action.target) (\(shown))"
    }

    /// Undo of an import: every record it created is removed, when none changed since and nothing else names it.
    mutating func undoImport(_ done: Activity, _ extras: JSONObject, index k: Int) throws(ActionRefusal) {
        guard case .object(let after) = done.after, case .string(let kindName)? = after["kind"], let kind = ImportKind(rawValue: kindName),
              case .array(let list)? = after["ids"] else {
            throw refuse("that import of \(done.target) cannot be taken back automatically (its log entry does not say enough)")
        }
        let ids = Set(list.compactMap { if case .string(let s) = $0 { return s }; return nil })
        let undone = Self.undone(store.activity)
        if let i = store.activity.indices.first(where: { $0 > k && ids.contains(store.activity[$0].target) && !undone.contains($0)
                                                         && store.activity[$0].action != ActionKind.undo.rawValue }) {
            let later = store.activity[i]
            throw refuse("\(later.target) changed since the import (\(later.action) by \(name(later.by))): undo that first")
        }
        switch kind {
        case .requests:
            store.requests.removeAll { ids.contains($0.id) }
        case .contracts:
            if let r = store.requests.first(where: { $0.contract.map(ids.contains) == true }) {
                throw refuse("the import cannot be taken back: request \(r.id) names contract \(r.contract!)")
            }
            store.contracts.removeAll { ids.contains($0.id) }
        case .accounts:
            if let r = store.requests.first(where: { ids.contains($0.account) }) {
                throw refuse("the import cannot be taken back: request \(r.id) is of account \(r.account)")
            }
            if let c = store.contracts.first(where: { ids.contains($0.account) }) {
                throw refuse("the import cannot be taken back: contract \(c.id) is of account \(c.account)")
            }
            store.accounts.removeAll { ids.contains($0.id) }
        }
        var before = JSONObject()
        before["kind"] = .string(kind.rawValue)
        before["ids"] = .array(list)
        store.activity.append(Activity(at: at, by: person.id, action: action.kind.rawValue, target: done.target,
                                       before: .object(before), after: .null, extras: extras))
        summary = "undone: import of \(done.target) (\(Plural.count(ids.count, kind.noun)) removed)"
    }
}
