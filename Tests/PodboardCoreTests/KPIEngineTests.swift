import Foundation
import Testing
@testable import PodboardCore

// The report as a whole: order, completeness, empty gauges, and the status colours.

@Suite struct KPIEngineTests {
    @Test func everyKPIForEveryPodAndRoleHolderInOrder() {
        var f = KPIFixture()
        f.pod("south")
        f.person("maya", [.em])
        f.person("ben", [.buyer], pods: ["north", "south"])
        f.person("ana", [.analyst])
        f.person("bob", [.buyer, .analyst])
        f.person("lee", [.csm])
        let report = f.report("2026-11-25")
        #expect(report.today == kpiDay("2026-11-25"))
        #expect(report.quarter == Quarter("2026-Q4")!)
        let em = KPIEngine.emIds
        let buyer = KPIEngine.buyerIds
        let analyst = KPIEngine.analystIds
        #expect(em == ["em.ftv", "em.msg", "em.pse", "em.gdr", "em.netSavings", "em.health", "em.buyersAtQuota", "em.monthlyToAnnual"])
        #expect(buyer == ["buyer.quota", "buyer.benchmark", "buyer.tat", "buyer.visibility"])
        #expect(analyst == ["analyst.qualification", "analyst.agingReview", "analyst.breachFlagging", "analyst.atsCoverage", "analyst.renewalCalendar"])
        let expected = em.map { ($0, "north") } + em.map { ($0, "south") }
            + buyer.map { ($0, "ben") } + buyer.map { ($0, "bob") }
            + analyst.map { ($0, "ana") } + analyst.map { ($0, "bob") }
        #expect(report.results.map(\.id) == expected.map(\.0))
        #expect(report.results.map(\.scope) == expected.map(\.1))
        #expect(report.results.count == 34)
    }

    @Test func emptyGaugesHaveNoValue() {
        var f = KPIFixture()
        f.store.pods[0].quarterlyTargets = QuarterlyTargets()
        f.person("ben", [.buyer])
        f.person("ana", [.analyst])
        let report = f.report("2026-11-25")
        let shares = KPIEngine.emIds.filter { $0 != "em.netSavings" } + ["buyer.benchmark", "buyer.tat", "buyer.visibility",
                     "analyst.qualification", "analyst.breachFlagging", "analyst.atsCoverage"]
        for id in shares {
            let r = report.results.first { $0.id == id }!
            #expect(r.value == nil, "\(id)")
            #expect(r.status == KPIStatus.none, "\(id)")
            #expect(r.met == 0, "\(id)")
            #expect(r.counted == 0, "\(id)")
            #expect(r.amount == nil && r.targetAmount == nil, "\(id)")
            #expect(r.target != nil, "\(id)")
            if id == "em.buyersAtQuota" {
                // ben has no 2026-Q4 target: listed, left out.
                #expect(r.items.map(\.outcome) == [.pending])
                #expect(r.items.map(\.subject) == ["ben"])
            } else {
                #expect(r.items.isEmpty, "\(id)")
            }
        }
        for (id, scope) in [("em.netSavings", "north"), ("buyer.quota", "ben")] {
            let r = report.r(id, scope)
            #expect(r.amount == 0)
            #expect(r.targetAmount == nil)
            #expect(r.value == nil)
            #expect(r.status == KPIStatus.none)
            #expect(r.met == nil && r.counted == nil)
        }
        // Aging review: 39 working days before today, none reviewed (today pending).
        let aging = report.r("analyst.agingReview", "ana")
        #expect(aging.counted == 39)
        #expect(aging.met == 0)
        #expect(aging.value == 0)
        #expect(aging.items.count == 40)
    }

    @Test func targetsComeFromSettings() {
        var f = KPIFixture()
        f.person("ben", [.buyer])
        f.person("ana", [.analyst])
        let t = Targets()
        let report = f.report("2026-11-25")
        let expected: [String: Decimal] = [
            "em.ftv": t.milestoneShare, "em.msg": t.milestoneShare, "em.pse": t.milestoneShare, "em.gdr": t.gdrShare,
            "em.netSavings": 1, "em.health": t.favorableHealthShare, "em.buyersAtQuota": t.podBuyersAtQuotaShare,
            "em.monthlyToAnnual": t.monthlyToAnnualShare, "buyer.quota": t.buyerQuotaShare,
            "buyer.benchmark": t.benchmarkProcurementShare, "buyer.tat": t.milestoneShare,
            "buyer.visibility": t.milestoneShare, "analyst.qualification": t.milestoneShare,
            "analyst.agingReview": t.milestoneShare, "analyst.breachFlagging": t.milestoneShare,
            "analyst.atsCoverage": t.milestoneShare, "analyst.renewalCalendar": 1,
        ]
        for r in report.results { #expect(r.target == expected[r.id], "\(r.id)") }
        #expect(report.r("em.gdr", "north").target == kpiDec("0.7"))
        #expect(report.r("em.monthlyToAnnual", "north").target == kpiDec("0.3"))
        #expect(report.r("buyer.benchmark", "ben").target == kpiDec("0.8"))
    }

    @Test func statusColours() {
        let amber = kpiDec("0.85")
        #expect(KPIEngine.status(value: 1, target: 1, amberRatio: amber) == .green)
        #expect(KPIEngine.status(value: kpiDec("1.2"), target: 1, amberRatio: amber) == .green)
        #expect(KPIEngine.status(value: kpiDec("0.85"), target: 1, amberRatio: amber) == .amber)
        #expect(KPIEngine.status(value: kpiDec("0.8499"), target: 1, amberRatio: amber) == .red)
        #expect(KPIEngine.status(value: kpiDec("0.595"), target: kpiDec("0.7"), amberRatio: amber) == .amber)
        #expect(KPIEngine.status(value: kpiDec("0.5949"), target: kpiDec("0.7"), amberRatio: amber) == .red)
        #expect(KPIEngine.status(value: kpiDec("0.7"), target: kpiDec("0.7"), amberRatio: amber) == .green)
        #expect(KPIEngine.status(value: 0, target: 1, amberRatio: amber) == .red)
        #expect(KPIEngine.status(value: nil, target: 1, amberRatio: amber) == KPIStatus.none)
        #expect(KPIEngine.status(value: 1, target: nil, amberRatio: amber) == KPIStatus.none)
    }

    @Test func amberRatioSetting() {
        var f = KPIFixture()
        f.store.settings.targets.amberRatio = kpiDec("0.5")
        f.account("a", health: .favorable)
        f.account("b", health: .neutral)
        // 0.5 ≥ 0.5 × 0.7: amber with this ratio (red with the default 0.85).
        #expect(f.report("2026-11-25").r("em.health", "north").status == .amber)
    }
}

// The example of STORE.md (references completed), decoded from JSON and checked by hand on 2026-11-22, a Sunday.
@Suite struct KPIStoreExampleTests {
    static let json = """
    {
      "format": 1,
      "settings": {
        "timeZone": "Asia/Kolkata", "currency": "USD", "weekend": ["saturday", "sunday"], "holidays": ["2026-12-25"],
        "tat": { "qualifyWorkingDays": 1, "negotiationDaysNew": 15, "negotiationDaysRenewal": 60,
                 "updateWorkingDays": 1, "flagWorkingDays": 1 },
        "renewal": { "reviewLeadDays": 120, "requestLeadDays": 90, "negotiationLeadDays": 30,
                     "noticeAlertDays": 14, "calendarDueDaysBeforeQuarter": 28 },
        "targets": { "ftvDays": 14, "msgDays": 180, "msgStretchDays": 90, "pseShare": 0.6,
                     "milestoneShare": 1.0, "gdrShare": 0.7, "favorableHealthShare": 0.7,
                     "buyerQuotaShare": 0.7, "podBuyersAtQuotaShare": 0.7, "monthlyToAnnualShare": 0.3,
                     "benchmarkShare": 0.7, "benchmarkProcurementShare": 0.8, "atsCoverageShare": 0.75,
                     "amberRatio": 0.85 },
        "benchmarks": { "Slack": 0.18, "Zoom": 0.22 }
      },
      "people": [
        { "id": "maya", "name": "Maya Iyer", "roles": ["em"], "pods": ["north"] },
        { "id": "ben", "name": "Ben Okafor", "roles": ["buyer"], "pods": ["north", "south"],
          "quarterlyTargets": { "2026-Q4": 150000 } },
        { "id": "ana", "name": "Ana Costa", "roles": ["analyst"], "pods": ["north"] },
        { "id": "lee", "name": "Lee Park", "roles": ["csm"], "pods": ["north"] }
      ],
      "pods": [ { "id": "north", "name": "North", "quarterlyTargets": { "2026-Q4": 400000 } },
                { "id": "south", "name": "South" } ],
      "accounts": [
        { "id": "acme", "name": "Acme Corp", "pod": "north", "csm": "lee",
          "contractSignedOn": "2026-02-10", "podHandoverOn": "2026-03-01", "initiatedOn": "2026-03-03",
          "termEndsOn": "2027-02-09", "msg": 120000, "pse": 400000, "declaredATS": 2500000,
          "health": "favorable", "sentiment": "calm, wants a QBR in January",
          "onboarding": { "completedOn": "2026-03-20", "checklist": [ { "item": "SaaS stack uploaded", "done": true } ] } }
      ],
      "contracts": [
        { "id": "C-0001", "account": "acme", "tool": "Slack", "vendor": "Salesforce",
          "billing": "monthly", "annualValue": 48000, "startsOn": "2026-01-01", "endsOn": "2026-12-31",
          "autoRenew": true, "noticeDays": 30, "addedOn": "2026-03-05", "offline": false,
          "sunsetOn": null, "convertedToAnnualOn": null }
      ],
      "requests": [
        { "id": "REQ-1042", "account": "acme", "kind": "renewal", "contract": "C-0001",
          "tool": "Slack", "vendor": "Salesforce", "status": "negotiating",
          "createdAt": "2026-11-02T10:15:00+05:30", "analyst": "ana", "assignedAt": "2026-11-02T11:00:00+05:30",
          "buyer": "ben", "termMonths": 12,
          "baseline": { "amount": 52000, "basis": "prior-contract" },
          "final": 44000, "costAvoidance": 6000, "noQuotesReason": null,
          "quotes": [ { "from": "SoftwareOne", "source": "reseller", "amount": 47000, "receivedAt": "2026-11-05T12:00:00+05:30" } ],
          "updates": [ { "at": "2026-11-06T09:00:00+05:30", "by": "ben", "text": "Counter sent at 44k" } ],
          "escalations": [ { "at": "2026-11-07T15:00:00+05:30", "by": "ana", "reason": "parallel-negotiation",
                             "note": "Customer's IT is also talking to the vendor" } ],
          "history": [
            { "at": "2026-11-02T15:00:00+05:30", "by": "ana", "from": "new", "to": "qualified" },
            { "at": "2026-11-03T10:00:00+05:30", "by": "ana", "from": "qualified", "to": "negotiating" }
          ] }
      ],
      "reviews": [ { "on": "2026-11-20", "by": "ana", "kind": "aging" } ],
      "publications": [ { "kind": "renewal-calendar", "quarter": "2027-Q1", "at": "2026-11-30T10:00:00+05:30", "by": "ana" } ],
      "activity": []
    }
    """

    static func store() throws -> Store {
        let (store, problems) = StoreFile.decode(Array(json.utf8))
        #expect(problems.isEmpty, "\(problems)")
        return try #require(store)
    }

    @Test func figuresOnTheExample() throws {
        let report = KPIEngine.compute(store: try Self.store(), today: kpiDay("2026-11-22"))
        #expect(report.results.count == 8 + 8 + 4 + 5)
        func check(_ id: String, _ scope: String, value: Decimal?, met: Int?, counted: Int?, status: KPIStatus,
                   sourceLocation: SourceLocation = #_sourceLocation) {
            let r = report.r(id, scope)
            #expect(r.value == value, "\(id)", sourceLocation: sourceLocation)
            #expect(r.met == met, "\(id)", sourceLocation: sourceLocation)
            #expect(r.counted == counted, "\(id)", sourceLocation: sourceLocation)
            #expect(r.status == status, "\(id)", sourceLocation: sourceLocation)
        }
        check("em.ftv", "north", value: 0, met: 0, counted: 1, status: .red)          // due 2026-03-17, nothing approved
        check("em.msg", "north", value: 0, met: 0, counted: 1, status: .red)          // due 2026-08-28
        check("em.pse", "north", value: nil, met: 0, counted: 0, status: .none)       // term ends 2027-02-09
        check("em.gdr", "north", value: nil, met: 0, counted: 0, status: .none)
        check("em.netSavings", "north", value: 0, met: nil, counted: nil, status: .red)
        check("em.health", "north", value: 1, met: 1, counted: 1, status: .green)
        check("em.buyersAtQuota", "north", value: 0, met: 0, counted: 1, status: .red)
        check("em.monthlyToAnnual", "north", value: 0, met: 0, counted: 1, status: .red)
        for id in KPIEngine.emIds where id != "em.netSavings" {
            check(id, "south", value: id == "em.buyersAtQuota" ? 0 : nil, met: 0, counted: id == "em.buyersAtQuota" ? 1 : 0,
                  status: id == "em.buyersAtQuota" ? .red : .none)
        }
        check("em.netSavings", "south", value: nil, met: nil, counted: nil, status: .none)
        check("buyer.quota", "ben", value: 0, met: nil, counted: nil, status: .red)
        check("buyer.benchmark", "ben", value: nil, met: 0, counted: 0, status: .none)
        check("buyer.tat", "ben", value: nil, met: 0, counted: 0, status: .none)      // renewal due 2027-01-02
        // Working days after the hand-over (Tue 11-03) and before Sunday 11-22: 13; an update on 11-06 only.
        check("buyer.visibility", "ben", value: Decimal(1) / Decimal(13), met: 1, counted: 13, status: .red)
        check("analyst.qualification", "ana", value: 1, met: 1, counted: 1, status: .green)
        // Working days 2026-10-01 … 2026-11-20: 22 + 15; reviewed on 11-20 only.
        check("analyst.agingReview", "ana", value: Decimal(1) / Decimal(37), met: 1, counted: 37, status: .red)
        check("analyst.breachFlagging", "ana", value: nil, met: 0, counted: 0, status: .none)
        check("analyst.atsCoverage", "ana", value: nil, met: 0, counted: 0, status: .none) // onboarded in March
        check("analyst.renewalCalendar", "ana", value: nil, met: nil, counted: nil, status: .none) // published 11-30: later
        let net = report.r("em.netSavings", "north")
        #expect(net.amount == 0 && net.targetAmount == 400000)
        #expect(report.r("buyer.tat", "ben").why("REQ-1042") == "negotiating; due 2027-01-02 (hand-over 2026-11-03 + 60 days)")
        // On 2026-12-01 the calendar published on 2026-11-30 (due 2026-12-04) counts.
        let later = KPIEngine.compute(store: try Self.store(), today: kpiDay("2026-12-01"))
        #expect(later.r("analyst.renewalCalendar", "ana").value == 1)
    }
}
