import PodboardCore

/// How a JSON member of a record is kept in a column (docs/postgres.md).
enum ColKind {
    case text, numeric, int, bool, date, json
    /// A `timestamptz` column plus `NAME_text`, the RFC 3339 text as written (its offset kept).
    case time

    var sqlType: String {
        switch self {
        case .text: return "text"
        case .numeric: return "numeric"
        case .int: return "bigint"
        case .bool: return "boolean"
        case .date: return "date"
        case .json: return "json"
        case .time: return "timestamptz"
        }
    }
}

struct Col {
    let key: String
    let name: String
    let kind: ColKind
    var ddl: String { kind == .time ? "\"\(name)\" timestamptz, \"\(name)_text\" text" : "\"\(name)\" \(kind.sqlType)" }
}

/// One table holding one kind of record: its columns for the known members (the rest goes into `extra`).
struct TableSpec {
    let name: String
    let cols: [Col]
    /// The columns that place a row: `ord` (position in the store's array), or `request_id, n` for a request's
    /// quotes, updates, escalations and history.
    let place: [String]
    /// The JSON member of a request that holds these rows (child tables).
    let member: String?

    init(_ name: String, _ cols: [Col], child member: String? = nil) {
        self.name = name; self.cols = cols; self.member = member
        place = member == nil ? ["ord"] : ["request_id", "n"]
    }

    /// `INSERT … SELECT … FROM json_to_recordset($1)`: rows passed as one JSON array of objects of text values.
    var insertSQL: String {
        var names = place, selects = place.map { $0 == "request_id" ? "x.\"\($0)\"" : "x.\"\($0)\"::bigint" }, decl = place.map { "\"\($0)\" text" }
        for c in cols {
            names.append(c.name); decl.append("\"\(c.name)\" text")
            selects.append("x.\"\(c.name)\"::\(c.kind.sqlType)")
            if c.kind == .time { names.append(c.name + "_text"); selects.append("x.\"\(c.name)\"") }
        }
        names.append("extra"); decl.append("\"extra\" text"); selects.append("x.\"extra\"::json")
        let quoted = names.map { "\"\($0)\"" }
        let conflict = place.map { "\"\($0)\"" }.joined(separator: ", ")
        let updates = names.filter { !place.contains($0) }.map { "\"\($0)\" = EXCLUDED.\"\($0)\"" }.joined(separator: ", ")
        // The activity log is append-only (the team role may not update it): a plain insert.
        let upsert = name == "activity" ? "" : " ON CONFLICT (\(conflict)) DO UPDATE SET \(updates)"
        return "INSERT INTO \(name) (\(quoted.joined(separator: ", "))) SELECT \(selects.joined(separator: ", ")) FROM json_to_recordset($1::json) AS x(\(decl.joined(separator: ", ")))" + upsert
    }

    /// One text JSON array per row: the place, the columns (a time: its text), extra.
    var selectSQL: String {
        var parts = place.map { "\"\($0)\"::text" }
        for c in cols { parts.append(c.kind == .time ? "\"\(c.name)_text\"" : "\"\(c.name)\"::text") }
        parts.append("extra::text")
        return "SELECT coalesce(json_agg(json_build_array(\(parts.joined(separator: ", "))) ORDER BY \(place.map { "\"\($0)\"" }.joined(separator: ", "))), '[]')::text FROM \(name)"
    }
}

private func c(_ key: String, _ kind: ColKind = .text, _ name: String? = nil) -> Col {
    Col(key: key, name: name ?? snake(key), kind: kind)
}

private func snake(_ key: String) -> String {
    var out = ""
    for ch in key {
        if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
    return out
}

/// The schema: versioned migrations and the record tables (docs/postgres.md).
enum Schema {
    static let people = TableSpec("people", [c("id"), c("name"), c("roles", .json), c("pods", .json), c("quarterlyTargets", .json)])
    static let pods = TableSpec("pods", [c("id"), c("name"), c("quarterlyTargets", .json)])
    static let accounts = TableSpec("accounts", [
        c("id"), c("name"), c("pod"), c("csm"), c("contractSignedOn", .date), c("podHandoverOn", .date), c("initiatedOn", .date),
        c("termEndsOn", .date), c("msg", .numeric), c("pse", .numeric), c("declaredATS", .numeric, "declared_ats"), c("health"),
        c("sentiment"), c("onboarding", .json),
    ])
    static let contracts = TableSpec("contracts", [
        c("id"), c("account"), c("tool"), c("vendor"), c("billing"), c("annualValue", .numeric), c("startsOn", .date),
        c("endsOn", .date), c("autoRenew", .bool), c("noticeDays", .int), c("addedOn", .date), c("offline", .bool),
        c("sunsetOn", .date), c("convertedToAnnualOn", .date),
    ])
    static let requests = TableSpec("requests", [
        c("id"), c("account"), c("kind"), c("contract"), c("tool"), c("vendor"), c("status"), c("createdAt", .time),
        c("analyst"), c("assignedAt", .time), c("buyer"), c("termMonths", .int),
        c("baseline.amount", .numeric, "baseline_amount"), c("baseline.basis", .text, "baseline_basis"),
        c("baseline.extra", .json, "baseline_extra"),
        c("final", .numeric), c("costAvoidance", .numeric), c("noQuotesReason"),
    ])
    static let quotes = TableSpec("request_quotes", [c("from", .text, "from_vendor"), c("source"), c("amount", .numeric), c("receivedAt", .time)], child: "quotes")
    static let updates = TableSpec("request_updates", [c("at", .time), c("by", .text, "by_person"), c("text")], child: "updates")
    static let escalations = TableSpec("request_escalations", [
        c("at", .time), c("by", .text, "by_person"), c("reason"), c("note"), c("acknowledgedAt", .time), c("acknowledgedBy"),
        c("acknowledgedNote"), c("resolvedAt", .time), c("resolvedBy"), c("resolution"),
    ], child: "escalations")
    static let history = TableSpec("request_history", [
        c("at", .time), c("by", .text, "by_person"), c("from", .text, "from_status"), c("to", .text, "to_status"), c("note"), c("reason"),
    ], child: "history")
    static let reviews = TableSpec("reviews", [c("on", .date, "on_date"), c("by", .text, "by_person"), c("kind")])
    static let publications = TableSpec("publications", [c("kind"), c("quarter"), c("at", .time), c("by", .text, "by_person")])
    static let activity = TableSpec("activity", [
        c("at", .time), c("by", .text, "by_person"), c("action"), c("target"), c("before", .json), c("after", .json),
        c("seq", .int), c("id", .text, "action_id"), c("via"),
    ])
    static let settings = TableSpec("settings", [
        c("timeZone"), c("currency"), c("weekend", .json), c("holidays", .json), c("tat", .json), c("renewal", .json),
        c("targets", .json), c("benchmarks", .json),
    ])
    static let storeInfo = TableSpec("store_info", [c("format", .int)])

    static let requestChildren = [quotes, updates, escalations, history]
    static let all = [storeInfo, settings, people, pods, accounts, contracts, requests, quotes, updates, escalations, history, reviews, publications, activity]

    static func create(_ t: TableSpec, extra: [String] = []) -> String {
        var cols = t.place.map { $0 == "request_id" ? "request_id text NOT NULL REFERENCES requests(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED" : "\($0) bigint NOT NULL" }
        cols += t.cols.map(\.ddl)
        cols.append("extra json NOT NULL DEFAULT '{}'")
        cols += extra
        cols.append("PRIMARY KEY (\(t.place.joined(separator: ", ")))")
        return "CREATE TABLE \(t.name) (\n  " + cols.joined(separator: ",\n  ") + "\n)"
    }

    /// The schema version this podboard knows; `podboard db init` refuses a database with a newer one.
    static let version = 1

    /// Migration N (1-based): the statements that take the schema from version N-1 to N.
    static var migrations: [[String]] {
        [[
            "CREATE TABLE schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            create(storeInfo), create(settings),
            create(people), "ALTER TABLE people ADD UNIQUE (id)",
            "CREATE TABLE person_logins (login text PRIMARY KEY, person_id text NOT NULL REFERENCES people(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, n bigint NOT NULL)",
            create(pods), "ALTER TABLE pods ADD UNIQUE (id)",
            create(accounts), "ALTER TABLE accounts ADD UNIQUE (id)",
            "ALTER TABLE accounts ADD FOREIGN KEY (pod) REFERENCES pods(id) DEFERRABLE INITIALLY DEFERRED",
            "ALTER TABLE accounts ADD FOREIGN KEY (csm) REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED",
            create(contracts), "ALTER TABLE contracts ADD UNIQUE (id)",
            "ALTER TABLE contracts ADD FOREIGN KEY (account) REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED",
            create(requests), "ALTER TABLE requests ADD UNIQUE (id)",
            "ALTER TABLE requests ADD FOREIGN KEY (account) REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED",
            create(quotes), create(updates), create(escalations), create(history),
            create(reviews), create(publications), create(activity),
            "CREATE INDEX activity_target ON activity (target)",
            """
            CREATE TABLE actions (
              seq bigint PRIMARY KEY,
              id uuid NOT NULL UNIQUE,
              person text NOT NULL,
              via text,
              at timestamptz NOT NULL,
              at_text text NOT NULL,
              login text NOT NULL DEFAULT current_user,
              request json NOT NULL
            )
            """,
            // Who may act as whom (docs/decisions.md): a login writes actions and activity only in the name of the
            // person it belongs to, or (an admin's login) as `via` for someone else.
            """
            CREATE FUNCTION podboard_may_act(person text, via text) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
              SELECT EXISTS (SELECT 1 FROM person_logins l WHERE l.login = session_user AND l.person_id = coalesce(via, person)
                             AND (via IS NULL OR EXISTS (SELECT 1 FROM people p WHERE p.id = via AND p.roles::jsonb ? 'admin')))
            $$
            """,
            "ALTER TABLE actions ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE activity ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY actions_read ON actions FOR SELECT USING (true)",
            "CREATE POLICY actions_own ON actions FOR INSERT WITH CHECK (login = current_user AND podboard_may_act(person, via))",
            "CREATE POLICY activity_read ON activity FOR SELECT USING (true)",
            "CREATE POLICY activity_own ON activity FOR INSERT WITH CHECK (podboard_may_act(by_person, via))",
            """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'podboard_team') THEN CREATE ROLE podboard_team NOLOGIN; END IF;
            END $$
            """,
            "GRANT SELECT, INSERT, UPDATE, DELETE ON store_info, settings, people, person_logins, pods, accounts, contracts, requests, request_quotes, request_updates, request_escalations, request_history, reviews, publications TO podboard_team",
            "GRANT SELECT, INSERT ON actions, activity TO podboard_team",
            "GRANT SELECT ON schema_version TO podboard_team",
        ]]
    }
}
