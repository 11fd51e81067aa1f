import Foundation
@testable import PodboardCore

/// The example of STORE.md, completed so that every reference resolves, plus unknown keys at several levels.
enum StoreFixtures {
    static let example = """
    {
      "format": 1,
      "x-source": "spreadsheet export",
      "settings": {
        "timeZone": "Asia/Kolkata",
        "currency": "USD",
        "weekend": ["saturday", "sunday"],
        "holidays": ["2026-12-25"],
        "tat": { "qualifyWorkingDays": 1, "negotiationDaysNew": 15, "negotiationDaysRenewal": 60,
                 "updateWorkingDays": 1, "flagWorkingDays": 1 },
        "renewal": { "reviewLeadDays": 120, "requestLeadDays": 90, "negotiationLeadDays": 30,
                     "noticeAlertDays": 14, "calendarDueDaysBeforeQuarter": 28 },
        "targets": { "ftvDays": 14, "msgDays": 180, "msgStretchDays": 90, "pseShare": 0.6,
                     "milestoneShare": 1.0, "gdrShare": 0.7, "favorableHealthShare": 0.7,
                     "buyerQuotaShare": 0.7, "podBuyersAtQuotaShare": 0.7, "monthlyToAnnualShare": 0.3,
                     "benchmarkShare": 0.7, "benchmarkProcurementShare": 0.8, "atsCoverageShare": 0.75,
                     "amberRatio": 0.85, "x-note": "kept" },
        "benchmarks": { "Slack": 0.18, "Zoom": 0.22 }
      },
      "people": [
        { "id": "maya", "name": "Maya Iyer", "roles": ["em"], "pods": ["north"] },
        { "id": "ben", "name": "Ben Okafor", "roles": ["buyer"], "pods": ["north", "south"],
          "quarterlyTargets": { "2026-Q4": 150000 } },
        { "id": "ana", "name": "Ana Costa", "roles": ["analyst"], "pods": ["north"], "slack": "@ana" },
        { "id": "lee", "name": "Lee Park", "roles": ["csm"], "pods": ["north"] }
      ],
      "pods": [ { "id": "north", "name": "North", "quarterlyTargets": { "2026-Q4": 400000 } },
                { "id": "south", "name": "South" } ],
      "accounts": [
        { "id": "acme", "name": "Acme Corp", "pod": "north", "csm": "lee",
          "contractSignedOn": "2026-02-10", "podHandoverOn": "2026-03-01", "initiatedOn": "2026-03-03",
          "termEndsOn": "2027-02-09", "msg": 120000, "pse": 400000, "declaredATS": 2500000,
          "health": "favorable", "sentiment": "calm, wants a QBR in January",
          "onboarding": { "completedOn": "2026-03-20",
                          "checklist": [ { "item": "SaaS stack uploaded", "done": true } ] } }
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
          "final": 44000.50, "costAvoidance": 6000, "noQuotesReason": null,
          "quotes": [ { "from": "SoftwareOne", "source": "reseller", "amount": 47000,
                        "receivedAt": "2026-11-05T12:00:00+05:30" } ],
          "updates": [ { "at": "2026-11-06T09:00:00+05:30", "by": "ben", "text": "Counter sent at 44k" } ],
          "escalations": [ { "at": "2026-11-07T15:00:00+05:30", "by": "ana", "reason": "parallel-negotiation",
                             "note": "Customer's IT is also talking to the vendor" } ],
          "history": [
            { "at": "2026-11-02T15:00:00+05:30", "by": "ana", "from": "new", "to": "qualified" },
            { "at": "2026-11-03T10:00:00+05:30", "by": "ana", "from": "qualified", "to": "negotiating", "x-tag": 1 }
          ] }
      ],
      "reviews": [ { "on": "2026-11-20", "by": "ana", "kind": "aging" } ],
      "publications": [ { "kind": "renewal-calendar", "quarter": "2027-Q1", "at": "2026-11-30T10:00:00+05:30", "by": "ana" } ],
      "activity": [ { "at": "2026-11-03T10:00:00+05:30", "by": "ana", "action": "hand-over", "target": "REQ-1042",
                      "before": { "status": "qualified" }, "after": { "status": "negotiating", "buyer": "ben" } } ]
    }
    """

    static func exampleStore() throws -> Store {
        let (store, problems) = StoreFile.decode(Array(example.utf8))
        guard let store, problems.isEmpty else { throw FixtureError.invalid(problems.map(\.description)) }
        return store
    }

    enum FixtureError: Error { case invalid([String]) }

    /// A fresh temporary folder.
    static func tempDir() -> String {
        let dir = NSTemporaryDirectory() + "podboard-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
