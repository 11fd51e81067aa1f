import Foundation

/// Where a person stopped looking at a store: the activity log's length (and last sequence number, when the
/// entries carry one) and the time at the end of their previous session. Kept outside the store (`LastSeen`).
public struct SeenMark: Sendable, Equatable {
    /// How many activity entries the store had.
    public var activityCount: Int
    /// The `seq` of the last entry, when entries carry one.
    public var seq: Int?
    /// When the session ended.
    public var at: Timestamp

    public init(activityCount: Int, seq: Int? = nil, at: Timestamp) {
        self.activityCount = activityCount; self.seq = seq; self.at = at
    }

    /// The mark for a store as it is now.
    public init(store: Store, at: Timestamp) {
        self.init(activityCount: store.activity.count, seq: store.activity.last?.seq, at: at)
    }
}

/// "Since you last looked": what others did to a person's requests since a mark or a day, newest first. One
/// selection for the home view and `podboard log --since … --for …`.
public enum SinceLastLooked {
    /// From where.
    public enum Since: Sendable, Equatable {
        /// After the end of the previous session.
        case mark(SeenMark)
        /// From the start of this day (the store's time zone).
        case day(LocalDate)
    }

    /// One entry: its index in the activity log and the request it is about.
    public struct Item: Sendable, Equatable {
        public let index: Int
        public let activity: Activity
        public let request: String
    }

    /// The entries after `since` about a request of `personId`, done by someone else, newest first.
    ///
    /// A request is the person's when they are its analyst or Buyer (or were, before this very entry changed it),
    /// the CSM of its account, or, for an EM, when its account is in one of their PODs (their approvals). Done by
    /// someone else: the entry's `via` (an admin acting for someone), else its `by`, is not the person.
    public static func items(_ store: Store, for personId: String, since: Since) -> [Item] {
        guard let person = store.person(personId) else { return [] }
        let log = store.activity
        let start: Int
        switch since {
        case .mark(let m):
            if m.activityCount <= log.count, m.seq == nil || m.activityCount == 0 || log[m.activityCount - 1].seq == m.seq {
                start = m.activityCount
            } else {
                // The log is not the one the mark was taken on (the store was replaced): go by time.
                start = log.firstIndex { $0.at > m.at } ?? log.count
            }
        case .day:
            start = 0  // entries are checked one by one: the log is in the order of acknowledgement, not of time
        }
        let zone = Zone(identifier: store.settings.timeZone) ?? .utc
        guard start < log.count else { return [] }
        var requests: [String: Request] = [:]
        for r in store.requests where requests[r.id] == nil { requests[r.id] = r }
        var accounts: [String: Account] = [:]
        for a in store.accounts where accounts[a.id] == nil { accounts[a.id] = a }
        let pods = Set(person.pods)
        let isEM = person.has(.em)
        var out: [Item] = []
        for i in (start..<log.count).reversed() {
            let a = log[i]
            if (a.via ?? a.by) == personId { continue }
            guard let r = requests[a.target] else { continue }
            if case .day(let d) = since, zone.date(of: a.at) < d { continue }
            let account = accounts[r.account]
            let mine = r.analyst == personId || r.buyer == personId || account?.csm == personId
                || (isEM && pods.contains(account?.pod ?? ""))
                || named(personId, in: a.before) || named(personId, in: a.after)
            if mine { out.append(Item(index: i, activity: a, request: r.id)) }
        }
        return out
    }

    /// The entry's values name the person as analyst or Buyer (a request moved away from them still tells them).
    static func named(_ personId: String, in v: JSONValue) -> Bool {
        guard case .object(let o) = v else { return false }
        for key in ["analyst", "buyer"] { if case .string(let s)? = o[key], s == personId { return true } }
        return false
    }
}
