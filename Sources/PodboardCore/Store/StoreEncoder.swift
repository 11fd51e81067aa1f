import Foundation

/// Turns a `Store` into JSON in the documented key order, followed by the unknown keys it was read with.
public enum StoreEncoder {
    public static func encode(_ s: Store) -> JSONValue {
        var o = JSONObject()
        o["format"] = .number(String(s.format))
        o["settings"] = .object(settings(s.settings))
        o["people"] = .array(s.people.map { p in
            var m = JSONObject()
            m["id"] = .string(p.id); m["name"] = .string(p.name)
            m["roles"] = .array(p.roles.map { .string($0.rawValue) })
            m["pods"] = .array(p.pods.map { .string($0) })
            if !p.quarterlyTargets.entries.isEmpty { m["quarterlyTargets"] = targets(p.quarterlyTargets) }
            if !p.logins.isEmpty { m["logins"] = .array(p.logins.map { .string($0) }) }
            return .object(merge(m, p.extras))
        })
        o["pods"] = .array(s.pods.map { p in
            var m = JSONObject()
            m["id"] = .string(p.id); m["name"] = .string(p.name)
            if !p.quarterlyTargets.entries.isEmpty { m["quarterlyTargets"] = targets(p.quarterlyTargets) }
            return .object(merge(m, p.extras))
        })
        o["accounts"] = .array(s.accounts.map(account))
        o["contracts"] = .array(s.contracts.map(contract))
        o["requests"] = .array(s.requests.map(request))
        o["reviews"] = .array(s.reviews.map { r in
            var m = JSONObject(); m["on"] = date(r.on); m["by"] = .string(r.by); m["kind"] = .string(r.kind)
            return .object(merge(m, r.extras))
        })
        o["publications"] = .array(s.publications.map { p in
            var m = JSONObject(); m["kind"] = .string(p.kind); m["quarter"] = .string(p.quarter.description)
            m["at"] = .string(p.at.text); m["by"] = .string(p.by)
            return .object(merge(m, p.extras))
        })
        o["activity"] = .array(s.activity.map(activity))
        if let kpis = s.kpis { o["kpis"] = .array(kpis.map(kpi)) }
        if !s.measurements.isEmpty { o["measurements"] = .array(s.measurements.map(measurement)) }
        return .object(merge(o, s.extras))
    }

    /// One request, as the store writes it.
    public static func request(_ r: Request) -> JSONValue {
        var m = JSONObject()
        m["id"] = .string(r.id); m["account"] = .string(r.account); m["kind"] = .string(r.kind.rawValue)
        m["contract"] = r.contract.map(JSONValue.string); m["tool"] = .string(r.tool); m["vendor"] = .string(r.vendor)
        m["status"] = .string(r.status.rawValue); m["createdAt"] = .string(r.createdAt.text)
        m["analyst"] = r.analyst.map(JSONValue.string); m["assignedAt"] = r.assignedAt.map { .string($0.text) }
        m["buyer"] = r.buyer.map(JSONValue.string); m["termMonths"] = .number(String(r.termMonths))
        if let b = r.baseline {
            var bo = JSONObject(); bo["amount"] = amount(b.amount); bo["basis"] = .string(b.basis.rawValue)
            m["baseline"] = .object(merge(bo, b.extras))
        }
        m["final"] = r.final.map(amount); m["costAvoidance"] = r.costAvoidance.map(amount)
        m["noQuotesReason"] = r.noQuotesReason.map(JSONValue.string)
        m["quotes"] = .array(r.quotes.map { q in
            var o = JSONObject(); o["from"] = .string(q.from); o["source"] = .string(q.source.rawValue)
            o["amount"] = amount(q.amount); o["receivedAt"] = .string(q.receivedAt.text)
            return .object(merge(o, q.extras))
        })
        m["updates"] = .array(r.updates.map { u in
            var o = JSONObject(); o["at"] = .string(u.at.text); o["by"] = .string(u.by); o["text"] = .string(u.text)
            return .object(merge(o, u.extras))
        })
        m["escalations"] = .array(r.escalations.map { e in
            var o = JSONObject(); o["at"] = .string(e.at.text); o["by"] = .string(e.by)
            o["reason"] = .string(e.reason.rawValue); o["note"] = .string(e.note)
            o["acknowledgedAt"] = e.acknowledgedAt.map { .string($0.text) }; o["acknowledgedBy"] = e.acknowledgedBy.map(JSONValue.string)
            o["acknowledgedNote"] = e.acknowledgedNote.map(JSONValue.string)
            o["resolvedAt"] = e.resolvedAt.map { .string($0.text) }; o["resolvedBy"] = e.resolvedBy.map(JSONValue.string)
            o["resolution"] = e.resolution.map(JSONValue.string)
            return .object(merge(o, e.extras))
        })
        m["history"] = .array(r.history.map { h in
            var o = JSONObject(); o["at"] = .string(h.at.text); o["by"] = .string(h.by)
            o["from"] = .string(h.from.rawValue); o["to"] = .string(h.to.rawValue)
            o["note"] = h.note.map(JSONValue.string); o["reason"] = h.reason.map(JSONValue.string)
            return .object(merge(o, h.extras))
        })
        return .object(merge(m, r.extras))
    }

    /// One contract, as the store writes it.
    public static func contract(_ c: Contract) -> JSONValue {
        var m = JSONObject()
        m["id"] = .string(c.id); m["account"] = .string(c.account); m["tool"] = .string(c.tool); m["vendor"] = .string(c.vendor)
        m["billing"] = .string(c.billing.rawValue); m["annualValue"] = amount(c.annualValue)
        m["startsOn"] = date(c.startsOn); m["endsOn"] = date(c.endsOn); m["autoRenew"] = .bool(c.autoRenew)
        m["noticeDays"] = .number(String(c.noticeDays)); m["addedOn"] = date(c.addedOn); m["offline"] = .bool(c.offline)
        m["sunsetOn"] = c.sunsetOn.map(date); m["convertedToAnnualOn"] = c.convertedToAnnualOn.map(date)
        return .object(merge(m, c.extras))
    }

    /// One account, as the store writes it.
    public static func account(_ a: Account) -> JSONValue {
        var m = JSONObject()
        m["id"] = .string(a.id); m["name"] = .string(a.name); m["pod"] = .string(a.pod); m["csm"] = .string(a.csm)
        m["contractSignedOn"] = date(a.contractSignedOn); m["podHandoverOn"] = date(a.podHandoverOn)
        m["initiatedOn"] = a.initiatedOn.map(date); m["termEndsOn"] = date(a.termEndsOn)
        m["msg"] = amount(a.msg); m["pse"] = amount(a.pse); m["declaredATS"] = amount(a.declaredATS)
        m["health"] = .string(a.health.rawValue); m["sentiment"] = a.sentiment.map(JSONValue.string)
        var on = JSONObject()
        on["completedOn"] = a.onboarding.completedOn.map(date)
        on["checklist"] = .array(a.onboarding.checklist.map { c in
            var i = JSONObject(); i["item"] = .string(c.item); i["done"] = .bool(c.done)
            return .object(merge(i, c.extras))
        })
        m["onboarding"] = .object(merge(on, a.onboarding.extras))
        if !a.contacts.isEmpty {
            m["contacts"] = .array(a.contacts.map { c in
                var o = JSONObject()
                o["name"] = .string(c.name); o["role"] = c.role.map(JSONValue.string); o["email"] = c.email.map(JSONValue.string)
                o["escalationLevel"] = c.escalationLevel.map(int)
                return .object(merge(o, c.extras))
            })
        }
        if let r = a.renewedTerm {
            var t = JSONObject(); t["on"] = date(r.on); t["endsOn"] = date(r.endsOn)
            m["renewedTerm"] = .object(merge(t, r.extras))
        }
        if let c = a.churnedOn { m["churnedOn"] = date(c) }
        return .object(merge(m, a.extras))
    }

    /// One activity entry, as the store writes it.
    public static func activity(_ a: Activity) -> JSONValue {
        var m = JSONObject()
        m["at"] = .string(a.at.text); m["by"] = .string(a.by); m["action"] = .string(a.action); m["target"] = .string(a.target)
        m["before"] = a.before; m["after"] = a.after
        return .object(merge(m, a.extras))
    }

    /// One KPI of the catalog, as the store writes it.
    public static func kpi(_ k: KPIDefinition) -> JSONValue {
        var m = JSONObject()
        m["id"] = .string(k.id); m["name"] = .string(k.name); m["role"] = .string(k.role.rawValue)
        m["unit"] = .string(k.unit.rawValue); m["direction"] = .string(k.direction.rawValue)
        m["period"] = .string(k.period.rawValue); m["target"] = .number(Money.plain(k.target))
        if let a = k.amberRatio { m["amberRatio"] = .number(Money.plain(a)) }
        m["source"] = .string(k.source)
        if !k.recordedBy.isEmpty { m["recordedBy"] = .array(k.recordedBy.map { .string($0.rawValue) }) }
        if let d = k.workingDays { m["workingDays"] = int(d) }
        return .object(merge(m, k.extras))
    }

    /// One measurement, as the store writes it.
    public static func measurement(_ x: Measurement) -> JSONValue {
        var m = JSONObject()
        m["kpi"] = .string(x.kpi)
        var scope = JSONObject(); scope["kind"] = .string(x.scope.kind.rawValue); scope["id"] = .string(x.scope.id)
        m["scope"] = .object(scope)
        m["period"] = .string(x.period.description); m["value"] = .number(Money.plain(x.value))
        m["note"] = x.note.map(JSONValue.string); m["by"] = .string(x.by); m["at"] = .string(x.at.text)
        return .object(merge(m, x.extras))
    }

    static func settings(_ s: Settings) -> JSONObject {
        var o = JSONObject()
        o["timeZone"] = .string(s.timeZone); o["currency"] = .string(s.currency)
        o["weekend"] = .array(s.weekend.map { .string($0.rawValue) })
        o["holidays"] = .array(s.holidays.map(date))
        var t = JSONObject()
        t["qualifyWorkingDays"] = int(s.tat.qualifyWorkingDays); t["negotiationDaysNew"] = int(s.tat.negotiationDaysNew)
        t["negotiationDaysRenewal"] = int(s.tat.negotiationDaysRenewal); t["updateWorkingDays"] = int(s.tat.updateWorkingDays)
        t["flagWorkingDays"] = int(s.tat.flagWorkingDays)
        o["tat"] = .object(merge(t, s.tat.extras))
        var r = JSONObject()
        r["reviewLeadDays"] = int(s.renewal.reviewLeadDays); r["requestLeadDays"] = int(s.renewal.requestLeadDays)
        r["negotiationLeadDays"] = int(s.renewal.negotiationLeadDays); r["noticeAlertDays"] = int(s.renewal.noticeAlertDays)
        r["calendarDueDaysBeforeQuarter"] = int(s.renewal.calendarDueDaysBeforeQuarter)
        o["renewal"] = .object(merge(r, s.renewal.extras))
        let g = s.targets
        var x = JSONObject()
        x["ftvDays"] = int(g.ftvDays); x["msgDays"] = int(g.msgDays); x["msgStretchDays"] = int(g.msgStretchDays)
        x["pseShare"] = amount(g.pseShare); x["milestoneShare"] = amount(g.milestoneShare); x["gdrShare"] = amount(g.gdrShare)
        x["favorableHealthShare"] = amount(g.favorableHealthShare); x["buyerQuotaShare"] = amount(g.buyerQuotaShare)
        x["podBuyersAtQuotaShare"] = amount(g.podBuyersAtQuotaShare); x["monthlyToAnnualShare"] = amount(g.monthlyToAnnualShare)
        x["benchmarkShare"] = amount(g.benchmarkShare); x["benchmarkProcurementShare"] = amount(g.benchmarkProcurementShare)
        x["atsCoverageShare"] = amount(g.atsCoverageShare); x["amberRatio"] = amount(g.amberRatio)
        o["targets"] = .object(merge(x, g.extras))
        var b = JSONObject()
        for (tool, share) in s.benchmarks { b[tool] = amount(share) }
        o["benchmarks"] = .object(b)
        return merge(o, s.extras)
    }

    static func targets(_ q: QuarterlyTargets) -> JSONValue {
        var o = JSONObject()
        for (quarter, a) in q.entries { o[quarter.description] = amount(a) }
        return .object(o)
    }

    static func merge(_ known: JSONObject, _ extras: JSONObject) -> JSONObject {
        var o = known
        for m in extras.members where o[m.key] == nil { o[m.key] = m.value }
        return o
    }

    static func date(_ d: LocalDate) -> JSONValue { .string(d.description) }
    static func amount(_ d: Decimal) -> JSONValue { .number(Money.plain(d)) }
    static func int(_ v: Int) -> JSONValue { .number(String(v)) }
}
