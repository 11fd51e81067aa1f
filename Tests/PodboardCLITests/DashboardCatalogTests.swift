import Foundation
import Testing

/// Issue 14: `podboard dashboard` shows the KPI catalog's gauges of the person, role or POD after the 17.
@Suite struct DashboardCatalogTests {
    func dashboard(_ extra: [String]) throws -> String {
        let r = try CLI.run(["dashboard", "--today", "2026-11-23"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test func aCSMsDashboardHasTheirCatalogGaugesAndNoneOfThe17() throws {
        let out = try dashboard(["--person", "olu"])
        #expect(out.contains("KPI catalog") && out.contains("csm.nps") && out.contains("Olu Adeyemi"), "\(out)")
        #expect(!out.contains("em.ftv") && !out.contains("buyer.quota"))
        #expect(!out.contains("renewals.") && !out.contains("am.csat"), "only Olu's and their PODs' CSM gauges")
        #expect(out.contains("Breached requests") && out.contains("Next renewals"))
    }

    @Test(arguments: [("rosa", "renewals."), ("theo", "am.")])
    func aRenewalManagersAndAnAMsDashboardHaveTheirGauges(_ person: String, _ prefix: String) throws {
        let out = try dashboard(["--person", person])
        let catalog = try #require(out.range(of: "KPI catalog"))
        let part = out[catalog.upperBound...]
        #expect(part.contains(prefix) && part.contains("measured"), "\(out)")
        #expect(!part.contains("csm."))
    }

    @Test func theWholeDashboardHasThe17ThenTheCatalogAndABuyersOnlyThe17() throws {
        let all = try dashboard([])
        let kpis = try #require(all.range(of: "KPIs\n"))
        let catalog = try #require(all.range(of: "KPI catalog\n"))
        #expect(kpis.lowerBound < catalog.lowerBound)
        #expect(all[kpis.upperBound..<catalog.lowerBound].contains("em.ftv"))
        let buyers = try dashboard(["--role", "buyer"])
        #expect(buyers.contains("buyer.quota") && !buyers.contains("KPI catalog"))
    }
}
