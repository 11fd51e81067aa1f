import Foundation

/// An account's uploaded ATS week by week over the last four quarters (STORE.md's rule on each week's end), and
/// the contracts that keep it down: those sunset within the window and those offline.
public struct ATSTrend: Sendable, Equatable {
    /// Uploaded ATS on one day.
    public struct Point: Sendable, Equatable {
        public let day: LocalDate
        public let uploaded: Decimal
    }

    /// Why a contract is not (or no longer) in the uploaded ATS.
    public enum Reason: Sendable, Equatable {
        case sunset(LocalDate)
        case offline
    }

    /// A contract missing from the uploaded ATS, and its annual value.
    public struct Gap: Sendable, Equatable {
        public let contract: Contract
        public let reason: Reason
        public var amount: Decimal { contract.annualValue }
    }

    /// The first day of the window: the first day of the quarter three quarters before today's.
    public let from: LocalDate
    /// One point per week, oldest first: each Sunday from `from` on, then today (the week so far).
    public let points: [Point]
    /// Sunset within the window (on or before today), then offline, each by annual value, largest first.
    public let gaps: [Gap]

    /// The annual value the gaps take out of the uploaded ATS.
    public var deficit: Decimal { gaps.reduce(Decimal(0)) { $0 + $1.amount } }

    public init(contracts: [Contract], today: LocalDate, quarters: Int = 4) {
        var q = today.quarter
        for _ in 1..<max(1, quarters) { q = q.previous }
        let start = q.firstDay
        from = start
        var days: [LocalDate] = []
        // weekdayIndex: Monday 0 … Sunday 6.
        var d = start.adding(days: (6 - start.weekdayIndex + 7) % 7)
        while d < today { days.append(d); d = d.adding(days: 7) }
        days.append(today)
        points = days.map { Point(day: $0, uploaded: ATSCoverage.uploaded(contracts, on: $0)) }
        var sunset: [Gap] = [], offline: [Gap] = []
        for c in contracts {
            if let s = c.sunsetOn, s >= start, s <= today {
                sunset.append(Gap(contract: c, reason: .sunset(s)))
            } else if c.offline && !(c.sunsetOn.map { $0 < start } ?? false) {
                offline.append(Gap(contract: c, reason: .offline))
            }
        }
        gaps = sunset.sorted(by: Self.order) + offline.sorted(by: Self.order)
    }

    static func order(_ a: Gap, _ b: Gap) -> Bool { a.amount != b.amount ? a.amount > b.amount : a.contract.id < b.contract.id }
}
