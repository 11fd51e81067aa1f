import Foundation

/// A change of a request's baseline, read from the activity log (`set-baseline` entries not undone).
public struct BaselineChange: Sendable, Equatable {
    public let at: Timestamp
    public let by: String
    public let before: Baseline?
    public let after: Baseline?
    /// Working days after the change's date up to the submission's date (0: the same day).
    public let workingDaysBeforeSubmission: Int
}

/// What an Engagement Manager sees about a submission waiting for approval.
public struct SubmissionFacts: Sendable {
    /// The latest entry into `pending-approval` (a resubmission after a rejection starts the wait again).
    public let submittedAt: Timestamp
    /// Working days after the submission's date, up to and including T (0: submitted today).
    public let waitingWorkingDays: Int
    /// Baseline changes within `Submissions.baselineChangeWindow` working days before the submission, oldest first.
    public let recentBaselineChanges: [BaselineChange]
}

/// The tool's benchmark as a Buyer or an EM sees it before a submission: the benchmark (configured, else the
/// mean of at least 3 approved requests: KPIS.md's rule, `Snapshot.benchmark`), the share of it that counts
/// (`benchmarkShare`), and where this request's savings % stands.
public struct BenchmarkCheck: Sendable, Equatable {
    public let benchmark: Decimal
    /// True when `settings.benchmarks` sets it; false when it is the mean of approved requests.
    public let configured: Bool
    /// `benchmarkShare × benchmark`: what buyer.benchmark counts as reaching it.
    public let needed: Decimal
    /// This request's savings % (nil without a final price or a baseline).
    public let savingsShare: Decimal?
    /// Reaches `needed` (nil without a savings %).
    public var reaches: Bool? { savingsShare.map { $0 >= needed } }

    /// "benchmark 18.0% (configured); 70% of it is 12.6%; this request 15.4%: reaches it".
    public var text: String {
        var s = "benchmark \(Money.percent(benchmark)) (\(configured ? "configured" : "mean of approved requests")); "
            + "\(Money.percent(needed)) counts as reaching it"
        if let p = savingsShare { s += "; this request \(Money.percent(p)): " + (p >= needed ? "reaches it" : "below it") }
        return s
    }

    public static func of(_ r: Request, _ snap: Snapshot) -> BenchmarkCheck? {
        guard let b = snap.benchmark(for: r.tool) else { return nil }
        return BenchmarkCheck(benchmark: b, configured: snap.settings.configuredBenchmark(for: r.tool) != nil,
                              needed: snap.settings.targets.benchmarkShare * b, savingsShare: Savings.percent(r))
    }
}

public enum Submissions {
    /// A baseline (or its basis) changed within this many working days before the submission is called out.
    public static let baselineChangeWindow = 2

    /// The facts of every request in `ids` that is pending approval now, in one pass over the activity log.
    public static func facts(_ ids: Set<String>, _ snap: Snapshot) -> [String: SubmissionFacts] {
        let cal = snap.clock.calendar
        var submitted: [String: Timestamp] = [:]
        for r in snap.requests where ids.contains(r.id) {
            let tl = snap.timeline(r)
            guard tl.status == .pendingApproval else { continue }
            submitted[r.id] = tl.statusSince
        }
        guard !submitted.isEmpty else { return [:] }
        let undone = Workflow.undoneActivities(snap.store.activity)
        var changes: [String: [BaselineChange]] = [:]
        for (i, a) in snap.store.activity.enumerated() where a.action == ActionKind.setBaseline.rawValue {
            guard let s = submitted[a.target], a.at <= s, !undone.contains(i) else { continue }
            let days = cal.workingDaysBetween(snap.clock.date(a.at), snap.clock.date(s))
            guard days <= baselineChangeWindow else { continue }
            let before = baseline(a.before), after = baseline(a.after)
            guard before != after else { continue }
            changes[a.target, default: []].append(BaselineChange(at: a.at, by: a.by, before: before, after: after,
                                                                 workingDaysBeforeSubmission: days))
        }
        var out: [String: SubmissionFacts] = [:]
        for (id, s) in submitted {
            out[id] = SubmissionFacts(submittedAt: s, waitingWorkingDays: cal.workingDaysBetween(snap.clock.date(s), snap.today),
                                      recentBaselineChanges: changes[id] ?? [])
        }
        return out
    }

    /// The `baseline` member of an activity entry's before/after, if it names one.
    static func baseline(_ v: JSONValue) -> Baseline? {
        guard case .object(let o) = v, case .object(let b)? = o["baseline"], case .number(let n)? = b["amount"],
              let amount = Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")),
              case .string(let basis)? = b["basis"], let kind = BaselineBasis(rawValue: basis) else { return nil }
        return Baseline(amount: amount, basis: kind)
    }
}
