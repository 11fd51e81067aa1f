import Foundation

extension KPIEngine {
    /// A Buyer's `buyer.quota` figures alone (the amount approved in Qs … T and the quarterly target), for the EM's
    /// approval checklist on home: the same figures as `compute(_:).result("buyer.quota", scope:)`, without
    /// computing every KPI of the store (at 100k requests that was most of an EM's first frame).
    /// - Returns: nil when no person with this id is a Buyer (the report has no `buyer.quota` for them either).
    public static func buyerQuota(_ snap: Snapshot, buyer id: String) -> (amount: Decimal, targetAmount: Decimal?)? {
        guard let p = snap.store.people.first(where: { $0.id == id && $0.has(.buyer) }) else { return nil }
        let clock = snap.clock
        var amount = Decimal(0)
        // KPIContext.periodSavings' amount: the Savings of their requests approved (at or before now) in Qs … T.
        for i in snap.requests.indices where snap.requests[i].buyer == id {
            guard let a = snap.timeline(at: i).approval, clock.inPeriod(a),
                  let s = Savings.annual(snap.requests[i]) else { continue }
            amount += s
        }
        return (amount, KPIContext.quotaTarget(p, clock.quarter))
    }
}
