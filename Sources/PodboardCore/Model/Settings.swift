import Foundation

/// `settings`: the time zone, working calendar, TATs, renewal lead times, KPI targets and benchmarks.
/// Every member is optional in the file; absent ones take the defaults below.
public struct Settings: Sendable, Equatable {
    public var timeZone: String = "UTC"
    public var currency: String = "USD"
    public var weekend: [Weekday] = [.saturday, .sunday]
    public var holidays: [LocalDate] = []
    public var tat = TATSettings()
    public var renewal = RenewalSettings()
    public var targets = Targets()
    /// Benchmark savings share per tool, in the order of the file.
    public var benchmarks: [(tool: String, share: Decimal)] = []
    /// Members podboard does not know, kept as they were.
    public var extras = JSONObject()

    public init() {}

    public static func == (a: Settings, b: Settings) -> Bool {
        a.timeZone == b.timeZone && a.currency == b.currency && a.weekend == b.weekend && a.holidays == b.holidays
            && a.tat == b.tat && a.renewal == b.renewal && a.targets == b.targets && a.extras == b.extras
            && a.benchmarks.map(\.tool) == b.benchmarks.map(\.tool) && a.benchmarks.map(\.share) == b.benchmarks.map(\.share)
    }

    /// The configured benchmark for a tool; names match ignoring case and surrounding spaces.
    public func configuredBenchmark(for tool: String) -> Decimal? {
        let key = ToolName.normalized(tool)
        return benchmarks.first(where: { ToolName.normalized($0.tool) == key })?.share
    }
}

/// `settings.tat`: turnaround times.
public struct TATSettings: Sendable, Equatable {
    public var qualifyWorkingDays = 1
    public var negotiationDaysNew = 15
    public var negotiationDaysRenewal = 60
    public var updateWorkingDays = 1
    public var flagWorkingDays = 1
    public var extras = JSONObject()
    public init() {}
}

/// `settings.renewal`: lead times of the renewal calendar.
public struct RenewalSettings: Sendable, Equatable {
    public var reviewLeadDays = 120
    public var requestLeadDays = 90
    public var negotiationLeadDays = 30
    public var noticeAlertDays = 14
    public var calendarDueDaysBeforeQuarter = 28
    public var extras = JSONObject()
    public init() {}
}

/// `settings.targets`: KPI targets and thresholds.
public struct Targets: Sendable, Equatable {
    public var ftvDays = 14
    public var msgDays = 180
    public var msgStretchDays = 90
    public var pseShare: Decimal = 0.6
    public var milestoneShare: Decimal = 1
    public var gdrShare: Decimal = 0.7
    public var favorableHealthShare: Decimal = 0.7
    public var buyerQuotaShare: Decimal = 0.7
    public var podBuyersAtQuotaShare: Decimal = 0.7
    public var monthlyToAnnualShare: Decimal = 0.3
    public var benchmarkShare: Decimal = 0.7
    public var benchmarkProcurementShare: Decimal = 0.8
    public var atsCoverageShare: Decimal = 0.75
    public var amberRatio: Decimal = 0.85
    public var extras = JSONObject()
    public init() {}
}

/// Tool names match ignoring case and surrounding spaces.
public enum ToolName {
    public static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
