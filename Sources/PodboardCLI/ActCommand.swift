import ArgumentParser
import Foundation
import PodboardCore
import PodboardPostgres

/// `podboard act ACTION TARGET [options] --as PERSON`: one action, with the same guards as the terminal UI.
/// `podboard act --batch FILE|-`: actions as JSON lines, each acknowledged on standard output once durable.
struct ActCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "act",
        abstract: "Carry out an action (qualify, hand-over, submit-savings, approve…) on the store.",
        discussion: """
            ACTION is one of these, with its TARGET and the options it takes (each described below):
            \(ActUsage.lines().joined(separator: "\n"))
            TARGET is a request id; an account id for raise, set-health, tick-item, untick-item, add-item and \
            add-contract; a contract id for edit-contract, take-offline, put-on-platform, sunset and convert-to-annual; \
            today's date (or "today") for \
            mark-reviewed; a quarter (or "next") for publish-calendar; an activity index for undo; a KPI id of the \
            catalog for record-measurement (or --kpi ID).
            Exit status: 0 done, 1 refused (the reason is printed), 2 bad input.
            With --batch, each line is {"action": NAME, "target": ID, "params": {...}, "as": PERSON, "at": TIME}; \
            "as" and "at" default to --as and now; "ok N ID SUMMARY" (N the line, ID the action's id) is printed \
            once an action is committed.
            """
    )

    @Argument(help: "The action.") var action: String?
    @Argument(help: "What it acts on.") var target: String?

    @OptionGroup var source: StoreOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("Who acts: a person id (default: $PODBOARD_USER). On a store with logins your login says who you are, and --as is for admins acting for someone.", valueName: "person"))
    var user: String?
    @Option(name: .long, help: ArgumentHelp("Run actions from a file of JSON lines (- for standard input).", valueName: "file"))
    var batch: String?

    @Option(name: .long, help: ArgumentHelp("The analyst (assign) or Buyer (hand-over, reassign).", valueName: "id")) var person: String?
    @Option(name: .long, help: "A note (reject, log-update text, escalate, disqualify, put-on-hold, cancel, mark-lost, hand-over, reassign, acknowledge-escalation; the resolution for resolve-escalation…).") var note: String?
    @Option(name: .long, help: "A reason (disqualify, put-on-hold, cancel, mark-lost; submit-savings without 2 quotes).") var reason: String?
    @Option(name: .long, help: "An amount (add-quote, set-final, set-baseline, set-cost-avoidance; the annual value for add-contract, edit-contract), like 1250.50.") var amount: String?
    @Option(name: .long, help: "The baseline's basis: prior-contract, first-quote or list-price.") var basis: String?
    @Option(name: .customLong("from"), help: ArgumentHelp("Who quoted.", valueName: "name")) var quotedBy: String?
    @Option(name: .customLong("source"), help: "vendor, reseller or alternative.") var quoteSource: String?
    @Option(name: .customLong("escalation"), help: "parallel-negotiation, tat-breach, customer-unresponsive or other.") var escalation: String?
    @Option(name: .long, help: "favorable, neutral, at-risk or critical.") var health: String?
    @Option(name: .long, help: "The account's sentiment (set-health).") var sentiment: String?
    @Option(name: .long, help: "new, renewal or expansion (raise).") var kind: String?
    @Option(name: .long, help: "The tool (raise, add-contract).") var tool: String?
    @Option(name: .long, help: "The vendor (raise, add-contract).") var vendor: String?
    @Option(name: .long, help: "The contract a renewal renews (raise); the new contract's id (add-contract, default: the next C-NNNN).") var contract: String?
    @Option(name: .long, help: "The term in months (raise).") var term: Int?
    @Option(name: .long, help: ArgumentHelp("Which escalation (acknowledge-escalation, resolve-escalation): its number, 1 = the first, or its time; default: the only open one.", valueName: "n|time"))
    var which: String?
    @Option(name: .long, help: "A checklist item: its number (1 = first) or text (tick-item, untick-item); the new item's text (add-item).") var item: String?
    @Option(name: .long, help: "monthly or annual (add-contract, edit-contract; monthly → annual is convert-to-annual).") var billing: String?
    @Option(name: .long, help: ArgumentHelp("The contract's start (add-contract, edit-contract).", valueName: "date")) var starts: String?
    @Option(name: .long, help: ArgumentHelp("The contract's end (add-contract, edit-contract).", valueName: "date")) var ends: String?
    @Option(name: .customLong("auto-renew"), help: ArgumentHelp("yes or no (add-contract, default no; edit-contract).", valueName: "yes|no")) var autoRenew: String?
    @Option(name: .customLong("notice-days"), help: "The notice period in days (add-contract, default 30; edit-contract).") var noticeDays: Int?
    @Option(name: .long, help: ArgumentHelp("yes: the contract is added offline, not on the platform (add-contract).", valueName: "yes|no")) var offline: String?
    @Option(name: .long, help: ArgumentHelp("The sunset day (sunset).", valueName: "date")) var on: String?
    @Option(name: .long, help: ArgumentHelp("The KPI of the catalog (record-measurement; it takes the place of TARGET).", valueName: "id")) var kpi: String?
    @Option(name: .long, help: ArgumentHelp("Whose value it is (record-measurement).", valueName: "person:ID|account:ID|pod:ID")) var scope: String?
    @Option(name: .long, help: ArgumentHelp("The KPI's period (record-measurement): a quarter like 2026-Q4, or a month like 2026-11.", valueName: "period")) var period: String?
    @Option(name: .long, help: ArgumentHelp("The measured value (record-measurement): a share from 0 to 1, a count, an amount, days or a score.", valueName: "number")) var value: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let session = try openSession(env)
        let zone = Zone(identifier: session.store.settings.timeZone) ?? .utc
        let today = try source.parsedToday()
        let who = user ?? env["PODBOARD_USER"].flatMap { $0.isEmpty ? nil : $0 }
        // Who acts: the database login on PostgreSQL, the OS login on a file (team stores only).
        let login = Identity.isTeamStore(session.store) ? (session.login ?? Identity.processLogin()) : nil
        if let batch {
            try runBatch(batch, session: session, who: who, login: login, zone: zone, today: today)
            return
        }
        // record-measurement names its KPI with --kpi, in the place of the target.
        let target = action == ActionKind.recordMeasurement.rawValue ? (self.target ?? kpi) : self.target
        if action == ActionKind.recordMeasurement.rawValue, self.target != nil, kpi != nil, self.target != kpi {
            throw Failure.badInput("record-measurement: give the KPI once, with --kpi ID")
        }
        guard let action, let target else {
            throw Failure.badInput("act needs an action and a target, like `podboard act qualify REQ-1042 --as ana` (or --batch FILE)")
        }
        let actor = try Self.actor(session.store, login: login, asked: who, askedWith: user != nil ? "--as" : "$PODBOARD_USER")
        let request = try parse(action: action, target: target)
        let when = try timestamp(zone: zone, today: today)
        let outcome: ActionOutcome
        do { outcome = try session.perform(request, by: actor.by, at: when, knownSeq: nil, via: actor.via) } catch { throw Self.failure(error) }
        // Committed (the journal line is the commit); the store file is folded only when due.
        Self.note(session.takeNotes())
        Console.line(outcome.summary)
    }

    func openSession(_ env: [String: String]) throws -> any StoreEngine {
        switch StoreSelection.choose(explicit: source.store, environment: env) {
        case .demo:
            throw Failure.badInput("act needs a store file: the built-in demo store is never saved (write one with `podboard demo --out FILE`, then --store FILE)")
        case .file(let path, _) where PGTarget.isURL(path):
            return try StoreOptions.openDatabase(path, environment: env)
        case .file(let path, _):
            do {
                let (session, notes) = try StoreSession.open(path)
                Self.note(notes)
                return session
            } catch {
                if case .load(.unreadable) = error { throw Failure(status: 2, message: error.description) }
                throw Failure(status: 1, message: error.description)
            }
        }
    }

    /// Notes of the store engine (a journal repaired, actions set aside, a fold that could not be written).
    static func note(_ notes: [String]) {
        for n in notes { Console.err("podboard: " + n) }
    }

    static func failure(_ e: SessionError) -> Failure {
        switch e {
        case .refused(.badInput(let m)): return Failure(status: 2, message: m)
        case .refused(.refused(let m)): return Failure(status: 1, message: "refused: " + m)
        default: return Failure(status: 1, message: e.description)
        }
    }

    func timestamp(zone: Zone, today: LocalDate?) throws -> Timestamp {
        try source.nowSource().now(zone: zone)
    }

    func parse(action: String, target: String) throws -> ActionRequest {
        guard let actionKind = ActionKind(rawValue: action) else {
            throw Failure.badInput("unknown action '\(action)' (expected one of: \(ActionKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var p = ActionParams()
        p.person = person; p.note = note; p.reason = reason; p.from = quotedBy; p.sentiment = sentiment
        p.tool = tool; p.vendor = vendor; p.contract = contract; p.termMonths = term; p.which = which
        if let amount {
            guard let d = Amounts.parse(amount) else { throw Failure.badInput("--amount: expected a decimal amount like 1250.50, found '\(amount)'") }
            p.amount = d
        }
        p.basis = try Self.enumOption(basis, "--basis", BaselineBasis.self)
        p.source = try Self.enumOption(quoteSource, "--source", QuoteSource.self)
        p.escalationReason = try Self.enumOption(escalation, "--escalation", EscalationReason.self)
        p.health = try Self.enumOption(health, "--health", Health.self)
        p.kind = try Self.enumOption(kind, "--kind", RequestKind.self)
        try accountViewOptions(&p)
        if kpi != nil && actionKind != .recordMeasurement { throw Failure.badInput("\(actionKind.rawValue) does not take --kpi (only record-measurement does)") }
        p.scope = scope; p.period = period
        if let value {
            guard let d = Self.number(value) else { throw Failure.badInput("--value: expected a number like 0.92, 42 or -10, found '\(value)'") }
            p.value = d
        }
        let request = ActionRequest(actionKind, target: target, params: p)
        if let extra = request.unexpectedParameters { throw Failure.badInput(extra) }
        return request
    }

    /// A measured value: an optional minus, digits, an optional point and decimals (exact, a Decimal).
    static func number(_ s: String) -> Decimal? {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard t.range(of: #"^-?\d{1,15}(\.\d{1,6})?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
    }

    static func enumOption<E: RawRepresentable & CaseIterable>(_ value: String?, _ name: String, _ type: E.Type) throws -> E? where E.RawValue == String {
        guard let value else { return nil }
        guard let e = E(rawValue: value) else {
            throw Failure.badInput("\(name): unknown value '\(value)' (expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return e
    }

    func runBatch(_ file: String, session: any StoreEngine, who: String?, login: String?, zone: Zone, today: LocalDate?) throws {
        let handle: FileHandle
        if file == "-" { handle = .standardInput } else {
            guard let h = FileHandle(forReadingAtPath: file) else { throw Failure.badInput("--batch: cannot read \(file)") }
            handle = h
        }
        var lineNo = 0
        var buffer = Data()
        var queue: [(number: Int, text: String)] = []
        var head = 0  // the next line of `queue` to commit
        /// One line as an action, checked against `store` (the group's earlier lines applied).
        func item(_ number: Int, _ line: String, _ store: Store) throws -> GroupItem? {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            guard let v = try? JSONParser.parse(text).value else { throw Failure.badInput("\(file):\(number): not JSON") }
            let request: ActionRequest
            switch ActionCoding.decode(v) {
            case .success(let r): request = r
            case .failure(let e): throw Failure.badInput("\(file):\(number): \(e)")
            }
            if let extra = request.unexpectedParameters { throw Failure.badInput("\(file):\(number): \(extra)") }
            var by = who
            var askedWith = user != nil ? "--as" : "$PODBOARD_USER"
            var when = try timestamp(zone: zone, today: today)
            if case .object(let o) = v {
                if case .string(let s)? = o["as"] { by = s; askedWith = "\"as\"" }
                if case .string(let s)? = o["at"] {
                    guard let t = Timestamp(s) else { throw Failure.badInput("\(file):\(number): \"at\": expected an RFC 3339 time") }
                    when = t
                }
            }
            let actor: (by: String, via: String?)
            do { actor = try Self.actor(store, login: login, asked: by, askedWith: askedWith) } catch let f as Failure {
                throw Failure(status: f.status, message: "\(file):\(number): " + (by == nil && f.status == 2 ? "who acts? give \"as\" or --as" : f.message))
            }
            return GroupItem(request, by: actor.by, at: when, via: actor.via)
        }
        /// Commits the queued lines in groups (docs/decisions.md, Scale: group commit): each group under one
        /// lock, one write and one fsync; its "ok" lines are printed only after that fsync.
        func commitQueue() throws {
            defer { queue.removeAll(keepingCapacity: true); head = 0 }
            while head < queue.count {
                let started = DispatchTime.now().uptimeNanoseconds
                var taken: [Int] = []
                let result: GroupResult
                do {
                    result = try session.performGroup { store in
                        while head < queue.count, taken.count < Self.groupLines,
                              taken.isEmpty || DispatchTime.now().uptimeNanoseconds - started < Self.groupNanoseconds {
                            let (number, text) = queue[head]
                            head += 1
                            if let i = try item(number, text, store) { taken.append(number); return i }
                        }
                        return nil
                    }
                } catch {
                    let f = Self.failure(error)
                    var lines = file
                    if let first = taken.first, let last = taken.last { lines += first == last ? ":\(first)" : ":\(first)-\(last)" }
                    throw Failure(status: f.status, message: lines + ": " + f.message)
                }
                Self.note(session.takeNotes())
                for (k, outcome) in result.outcomes.enumerated() {
                    Console.line("ok \(taken[k]) \(outcome.activity.actionId ?? "-") \(outcome.summary)")
                }
                fflush(nil)
                if let stopped = result.stopped {
                    if let e = stopped as? SessionError {
                        let f = Self.failure(e)
                        let number = result.outcomes.count < taken.count ? taken[result.outcomes.count] : lineNo
                        throw Failure(status: f.status, message: "\(file):\(number): \(f.message)")
                    }
                    throw stopped
                }
            }
        }
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            var from = buffer.startIndex
            while let nl = buffer[from...].firstIndex(of: 0x0A) {
                lineNo += 1
                queue.append((lineNo, String(decoding: buffer[from..<nl], as: UTF8.self)))
                from = nl + 1
            }
            buffer.removeSubrange(buffer.startIndex..<from)
            try commitQueue()
        }
        if !buffer.isEmpty {
            lineNo += 1
            queue.append((lineNo, String(decoding: buffer, as: UTF8.self)))
            try commitQueue()
        }
    }

    /// A group commit takes at most this many lines (100; $PODBOARD_BATCH_GROUP lowers it, 1 = a commit per
    /// line as before group commit), and stops taking more after this long.
    static let groupLines = max(1, min(100, ProcessInfo.processInfo.environment["PODBOARD_BATCH_GROUP"].flatMap { Int($0) } ?? 100))
    static let groupNanoseconds: UInt64 = 50_000_000
}

/// Amounts typed by people: digits with an optional point and up to two decimals.
public enum Amounts {
    public static func parse(_ s: String) -> Decimal? {
        let t = s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard !t.isEmpty, t.range(of: #"^\d+(\.\d{1,2})?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
    }
}
