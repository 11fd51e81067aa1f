import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// End-to-end (issue 8, "the whole working day in the UI"): each role's morning typed as keys into the built
/// `podboard` in tmux at 120x40, read from the screen, then checked in the store file on disk. The people and the
/// requests are discovered from the demo store (`podboard demo`), not hard-coded, so that a change of the demo
/// fails a `#require` that says what is missing instead of testing something else.
///
/// The Engagement Manager's morning runs on the store the Buyer's morning left (the escalation the Buyer raised,
/// the submission the Buyer made): the Buyer's morning runs once per test process and both tests use it.
@Suite("mornings of the three roles and the new panes in a terminal (tmux)", .serialized)
struct MorningStoriesE2ETests {

    // MARK: - 1. The analyst's morning

    @Test("analyst morning: triage, v, qualify, hand over with workloads, ! on a breach, publish next quarter (twice, two analysts)")
    func analystMorning() throws {
        let store = try StoryStore()
        defer { store.remove() }
        let demo = try DemoFacts(store)

        // A breached open request whose breach nobody has flagged yet, and an analyst of its POD who has not
        // reviewed the aging today and has a request to qualify (it has a linked contract or a baseline).
        let aging = try store.cli(["report", "aging", "--breached", "--format", "json"])
        let breached = try #require((aging["rows"] as? [JSON] ?? []).compactMap { $0["id"] as? String }.first { id in
            !((demo.request(id)?["escalations"] as? [JSON]) ?? []).contains { $0["reason"] as? String == "tat-breach" }
        }, "the demo has no breached request without a tat-breach escalation: \(aging)")
        let pod = try #require(demo.pod(ofRequest: breached))
        let reviewedToday = Set(try store.reviews().filter { $0["on"] as? String == Podboard.today }.compactMap { $0["by"] as? String })
        let candidates = demo.people(role: "analyst", pod: pod).compactMap { p -> (JSON, String)? in
            guard let id = p["id"] as? String, (p["roles"] as? [String]) == ["analyst"], !reviewedToday.contains(id) else { return nil }
            let r = demo.requests.first {
                $0["analyst"] as? String == id && ["new", "qualifying"].contains($0["status"] as? String ?? "")
                    && ($0["contract"] is String || $0["baseline"] is JSON)
            }
            return (r?["id"] as? String).map { (p, $0) }
        }
        let (analyst, toQualify) = try #require(candidates.first, "no analyst of POD \(pod) without today's review and with a request to qualify")
        let me = analyst["id"] as! String, myName = analyst["name"] as! String
        let second = try #require(demo.people(role: "analyst", pod: pod).first { $0["id"] as? String != me }
                                  ?? demo.people(role: "analyst", pod: nil).first { $0["id"] as? String != me }, "no second analyst")
        let other = second["id"] as! String, otherName = second["name"] as! String
        let quarter = nextQuarter(of: Podboard.today)
        try #require(!(try store.json()["publications"] as? [JSON] ?? []).contains { $0["quarter"] as? String == quarter },
                     "the demo already has a publication of \(quarter)")
        let myBreached = Set(((try store.cli(["report", "aging", "--breached", "--person", me, "--format", "json"]))["rows"] as? [JSON] ?? [])
            .compactMap { $0["id"] as? String })

        let activityCount = try store.activity().count
        var chosenBuyer = ""
        do {
            let app = try store.open(as: me)
            defer { app.close() }
            // Triage: what is the analyst's to do, and the aging not yet reviewed.
            var s = try app.t.waitFor(text: myName, "q quit", "Triage", "aging not reviewed today (v marks it)", "Yours to qualify (")
            #expect(app.ids(under: "Yours to qualify (", in: s).contains(toQualify), "\(toQualify) is not under Yours to qualify:\n\(s)")
            #expect(Set(app.ids(under: "Breached (", in: s)) == myBreached,
                    "the home's Breached section is not the analyst's breached requests (\(myBreached.sorted())):\n\(s)")
            for section in ["New and unassigned (", "Yours to qualify (", "Qualified: hand over to a Buyer (", "Due today or next working day (",
                            "Breached (", "Stale negotiations ("] {
                let header = s.lines.first { $0.contains(section) } ?? ""
                #expect(header.contains("\(section)\(app.ids(under: section, in: s).count))"),
                        "the count of \(section)…) is not the number of its rows:\n\(s)")
            }

            try app.press("v")
            s = try app.t.waitFor(text: "aging reviewed today ✓")
            #expect(!s.contains("aging not reviewed today"), "both triage states shown:\n\(s)")

            try app.select(toQualify, under: "Yours to qualify (")
            try app.press("Q")
            s = try app.waitForMessage("\(toQualify) qualified")
            #expect(app.ids(under: "Qualified: hand over to a Buyer (", in: s).contains(toQualify), "\(toQualify) not to hand over:\n\(s)")

            try app.select(toQualify, under: "Qualified: hand over to a Buyer (")
            try app.press("H")
            s = try app.t.waitFor(text: "Hand over to a Buyer: \(toQualify)", " negotiating ›")
            // The picker shows the Buyer with their workload: as many negotiations as the store holds for them.
            let shown = try #require(firstMatch(#"‹ (.+) — (\d+) negotiating ›"#, in: s.text), "no Buyer with workload in the picker:\n\(s)")
            let buyer = try #require(demo.person(named: shown[0]), "the picker shows \(shown[0]), who is not in the store")
            chosenBuyer = buyer["id"] as! String
            #expect((buyer["pods"] as? [String] ?? []).contains(pod), "\(shown[0]) is not a Buyer of POD \(pod)")
            #expect(Int(shown[1]) == demo.workload(of: chosenBuyer), "the picker says \(shown[1]) negotiating for \(shown[0]), the store \(demo.workload(of: chosenBuyer))")
            try app.press("Enter")   // to the optional note
            try app.press("Enter")   // submit
            s = try app.waitForMessage("\(toQualify) handed over to \(shown[0])")
            #expect(!s.contains("Hand over to a Buyer:"), "the form stayed open:\n\(s)")

            // Flag the TAT breach from the aging pane, breached only.
            try app.press("2")
            s = try app.t.waitFor(text: "Showing")
            for _ in 0..<2 where !s.line(2).contains("Showing my POD") {
                try app.press("m")
                s = try app.t.waitFor("the aging scope to change") { $0.line(2) != s.line(2) }
            }
            try #require(s.line(2).contains("Showing my POD"), "the aging pane does not show the POD:\n\(s)")
            try app.press("b")
            s = try app.t.waitFor("the aging pane to show breached requests only") { s in
                s.lines.contains { $0.hasPrefix(" \(breached) ") } && !s.lines.contains { $0.hasPrefix(" \(toQualify) ") }
            }
            try app.selectLine(breached) { $0.hasPrefix(" \(breached) ") }
            try app.press("!")
            s = try app.t.waitFor("a note form or the result of !") { s in
                s.contains("Flag the TAT breach") || s.contains("flag the TAT breach") || app.message(s).contains(breached)
            }
            if !app.message(s).contains(breached) { try app.press("Enter") }
            s = try app.waitForMessage("\(breached): TAT breach flagged")

            // Publish the next quarter's renewal calendar from pane 3 (it opens on the next quarter).
            try app.press("3")
            s = try app.t.waitFor(text: "\(quarter) · ", "not published")
            try app.press("P")
            s = try app.waitForMessage("renewal calendar of \(quarter) published")
            #expect(s.line(2).contains("published \(Podboard.today) by \(myName)"), "the pane's title after P: \(s.line(2))\n\(s)")
            try app.quit()
        }
        // A second analyst publishes the same quarter: accepted (the publication is personal).
        do {
            let app = try store.open(as: other)
            defer { app.close() }
            try app.t.waitFor(text: otherName, "q quit")
            try app.press("3")
            try app.t.waitFor(text: "\(quarter) · ")
            try app.press("P")
            let s = try app.waitForMessage("renewal calendar of \(quarter) published")
            #expect(!app.message(s).contains("already"), "the second publication was refused: \(app.message(s))")
            try app.quit()
        }

        #expect(!store.journalExists, "a journal is left after q")
        #expect(try store.hasReview(by: me), "no aging review by \(me) on \(Podboard.today) on disk")
        let q = try store.request(toQualify)
        #expect(q["status"] as? String == "negotiating" && q["buyer"] as? String == chosenBuyer,
                "\(toQualify) on disk: status \(q["status"] ?? "nil"), buyer \(q["buyer"] ?? "nil") (expected \(chosenBuyer))")
        let history = (q["history"] as? [JSON] ?? []).suffix(2).map { [$0["by"] as? String ?? "?", $0["to"] as? String ?? "?", $0["at"] as? String ?? "?"] }
        #expect(history == [[me, "qualified", at], [me, "negotiating", at]], "the last history entries of \(toQualify): \(history)")
        let esc = (try store.request(breached)["escalations"] as? [JSON] ?? []).last
        #expect(esc?["reason"] as? String == "tat-breach" && esc?["by"] as? String == me && esc?["at"] as? String == at,
                "the last escalation of \(breached): \(esc ?? [:])")
        let pubs = (try store.json()["publications"] as? [JSON] ?? []).filter { $0["quarter"] as? String == quarter }
        #expect(pubs.compactMap { $0["by"] as? String } == [me, other] && pubs.allSatisfy { $0["kind"] as? String == "renewal-calendar" },
                "publications of \(quarter) on disk: \(pubs)")
        for p in [me, other] {
            #expect(try store.kpi("analyst.renewalCalendar", of: p)["value"].flatMap(number) == 1, "analyst.renewalCalendar of \(p) is not 1")
        }
        let added = try store.activity().dropFirst(activityCount).map(StoryStore.summary)
        #expect(added == [[me, "mark-reviewed", Podboard.today], [me, "qualify", toQualify], [me, "hand-over", toQualify],
                          [me, "flag-breach", breached], [me, "publish-calendar", quarter], [other, "publish-calendar", quarter]],
                "activity added by the analysts: \(added)")
    }

    // MARK: - 2. The Buyer's morning

    @Test("Buyer morning: two quotes from two sources, an update, the final price, submit (benchmark shown), escalate another negotiation")
    func buyerMorning() throws {
        let m = try BuyerMorning.shared()
        let store = m.store
        let r = try store.request(m.submitted)
        #expect(r["status"] as? String == "pending-approval", "\(m.submitted) on disk: \(r["status"] ?? "nil")")
        let quotes = (r["quotes"] as? [JSON] ?? []).dropFirst(m.quotesBefore)
        #expect(quotes.map { [$0["from"] as? String ?? "?", $0["source"] as? String ?? "?"] } == [["SHI", "reseller"], ["Zoho", "alternative"]],
                "the quotes added on disk: \(Array(quotes))")
        #expect(quotes.map { number($0["amount"]) } == [m.final + 500, m.final] && quotes.allSatisfy { $0["receivedAt"] as? String == at },
                "the amounts / times of the quotes on disk: \(Array(quotes))")
        #expect(number(r["final"]) == m.final, "final on disk: \(r["final"] ?? "nil")")
        let update = (r["updates"] as? [JSON] ?? []).last
        #expect(update?["by"] as? String == m.buyer && update?["text"] as? String == m.updateText && update?["at"] as? String == at,
                "the last update on disk: \(update ?? [:])")
        let last = (r["history"] as? [JSON] ?? []).last
        #expect(last?["from"] as? String == "negotiating" && last?["to"] as? String == "pending-approval" && last?["by"] as? String == m.buyer,
                "the last history entry of \(m.submitted): \(last ?? [:])")
        let esc = (try store.request(m.escalated)["escalations"] as? [JSON] ?? []).last
        #expect(esc?["reason"] as? String == "parallel-negotiation" && esc?["by"] as? String == m.buyer && esc?["note"] as? String == m.escalationNote
                    && esc?["at"] as? String == at && esc?["acknowledgedAt"] == nil,
                "the last escalation of \(m.escalated) on disk: \(esc ?? [:])")
        #expect(m.added == [[m.buyer, "add-quote", m.submitted], [m.buyer, "add-quote", m.submitted], [m.buyer, "log-update", m.submitted],
                            [m.buyer, "set-final", m.submitted], [m.buyer, "submit-savings", m.submitted], [m.buyer, "escalate", m.escalated]],
                "activity added by the Buyer: \(m.added)")
        #expect(m.confirmation.contains("benchmark") && m.confirmation.contains(m.benchmarkPercent),
                "the submit confirmation does not show the \(m.benchmarkPercent) benchmark of the tool:\n\(m.confirmation)")
    }

    // MARK: - 3. The Engagement Manager's morning (on the Buyer's store)

    @Test("EM morning: pane 6 shows the Buyer's escalation, acknowledge and resolve it; approve from the inbox; own gauges first; quota on disk")
    func engagementManagerMorning() throws {
        let m = try BuyerMorning.shared()
        let store = m.store
        defer { store.remove() }
        let demo = try DemoFacts(store)
        let em = try #require(demo.people(role: "em", pod: m.pod).first, "no EM of POD \(m.pod)")
        let me = em["id"] as! String, myName = em["name"] as! String
        let podName = try #require(demo.pods.first { $0["id"] as? String == m.pod }?["name"] as? String)
        let escIndex = (try store.request(m.escalated)["escalations"] as? [JSON] ?? []).count   // ours is the last: #count
        let before = try store.quota(of: m.buyer)
        let activityCount = try store.activity().count
        let buyerName = demo.name(m.buyer)

        do {
            let app = try store.open(as: me)
            defer { app.close() }
            var s = try app.t.waitFor(text: myName, "q quit", "Approvals inbox (")
            #expect(app.ids(under: "Approvals inbox (", in: s).contains(m.submitted), "\(m.submitted) is not in the inbox:\n\(s)")

            // The escalation queue: the Buyer's new escalation, not acknowledged, with the request's state.
            try app.press("6")
            s = try app.t.waitFor(text: "Escalations open · POD \(podName)", m.escalated)
            let byPrefix = String(buyerName.prefix(9))
            func ours(_ l: String) -> Bool { l.contains(m.escalated) && l.contains("parallel-negotiation") && l.contains(byPrefix) }
            let row = try #require(s.lines.first(where: ours), "no row of \(buyerName)'s escalation of \(m.escalated):\n\(s)")
            #expect(row.contains("negotiating") && (row.contains(" open ") || row.hasSuffix(" open")) && row.contains(" 0d "), "the row: \(row)")
            try app.selectLine("\(buyerName)'s escalation of \(m.escalated)", ours)
            try app.press("a")
            try app.t.waitFor(text: "Acknowledge the escalation: \(m.escalated)", "Note")
            try app.type("Calling the CFO today")
            try app.t.waitFor(text: "Calling the CFO today")
            try app.press("Enter")
            s = try app.waitForMessage("\(m.escalated): escalation #\(escIndex) (parallel-negotiation) acknowledged")
            #expect(s.lines.first(where: ours)?.contains("acknowledged") == true, "the row does not say acknowledged:\n\(s)")
            try app.press("r")
            try app.t.waitFor(text: "Resolve the escalation: \(m.escalated)")
            try app.type("We lead; the CFO agreed")
            try app.t.waitFor(text: "We lead; the CFO agreed")
            try app.press("Enter")
            s = try app.waitForMessage("resolved")
            #expect(app.message(s).contains(m.escalated), "the message: \(app.message(s))")
            #expect(!s.lines.contains(where: ours), "the resolved escalation is still in the open queue:\n\(s)")

            // Approve the submission from the home inbox, its checklist visible.
            try app.press("0")
            try app.t.waitFor(text: "Approvals inbox (")
            try app.select(m.submitted, under: "Approvals inbox (")
            s = try app.t.waitFor(text: "Checklist for \(m.submitted)")
            let quotesLine = s.lines.first { $0.contains("Quotes ") && $0.contains("sources") } ?? ""
            #expect(quotesLine.contains("✓ Quotes") && quotesLine.contains("from 3 sources (alternative, reseller, vendor)"), "checklist: \(quotesLine)\n\(s)")
            let benchLine = s.lines.first { $0.contains("Benchmark ") } ?? ""
            #expect(benchLine.contains(m.benchmarkPercent), "the checklist's benchmark line: \(benchLine)\n\(s)")
            let quotaLine = s.lines.first { $0.contains("Buyer's quota") } ?? ""
            #expect(quotaLine.contains("\(buyerName): \(usd(before.amount)) → \(usd(before.amount + m.savings))"), "checklist quota: \(quotaLine)\n\(s)")
            try app.press("Y")
            try app.t.waitFor(text: "Really approve savings \(m.submitted)?")
            try app.press("y")
            s = try app.waitForMessage("\(m.submitted) approved")
            #expect(!app.ids(under: "Approvals inbox (", in: s).contains(m.submitted), "still in the inbox:\n\(s)")

            // The KPIs: the EM's own gauges first, then the POD's people.
            try app.press("4")
            s = try app.t.waitFor(text: "KPIs ", "Buyer: \(buyerName)")
            let sections = s.lines.filter { $0.hasPrefix(" ") && !$0.hasPrefix("  ") && $0.contains(":") }.dropFirst()   // after the title
            #expect(sections.first?.contains("Engagement Manager") == true && sections.first?.contains(podName) == true,
                    "the first gauges are not the EM's own: \(sections.first ?? "none")\n\(s)")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        let esc = (try store.request(m.escalated)["escalations"] as? [JSON] ?? []).last ?? [:]
        #expect(esc["by"] as? String == m.buyer && esc["acknowledgedBy"] as? String == me && esc["acknowledgedNote"] as? String == "Calling the CFO today"
                    && esc["resolvedBy"] as? String == me && esc["resolution"] as? String == "We lead; the CFO agreed"
                    && esc["acknowledgedAt"] as? String == at && esc["resolvedAt"] as? String == at,
                "the escalation on disk: \(esc)")
        #expect(try store.request(m.submitted)["status"] as? String == "approved", "\(m.submitted) is not approved on disk")
        let added = try store.activity().dropFirst(activityCount).map(StoryStore.summary)
        #expect(added == [[me, "acknowledge-escalation", m.escalated], [me, "resolve-escalation", m.escalated], [me, "approve", m.submitted]],
                "activity added by the EM: \(added)")
        let after = try store.quota(of: m.buyer)
        #expect(after.amount - before.amount == m.savings, "buyer.quota of \(m.buyer): \(before.amount) → \(after.amount), expected +\(m.savings)")
    }

    // MARK: - 4. Accounts

    @Test("accounts: pane 5, open an account, tick a checklist item, convert a monthly contract to annual, take another offline")
    func accountsMorning() throws {
        let store = try StoryStore()
        defer { store.remove() }
        let demo = try DemoFacts(store)
        // An account whose onboarding is still open, with an item not done, a monthly contract on the platform and
        // another contract on the platform.
        let live = demo.contracts.filter { ($0["offline"] as? Bool) != true && $0["sunsetOn"] == nil && ($0["endsOn"] as? String ?? "") >= Podboard.today }
        let fitting = demo.accounts.compactMap { a -> (JSON, JSON, JSON)? in
            let onboarding = a["onboarding"] as? JSON ?? [:]
            guard onboarding["completedOn"] == nil, (onboarding["checklist"] as? [JSON] ?? []).contains(where: { $0["done"] as? Bool == false }) else { return nil }
            let mine = live.filter { $0["account"] as? String == a["id"] as? String }
            guard let m = mine.first(where: { $0["billing"] as? String == "monthly" }),
                  let o = mine.first(where: { $0["id"] as? String != m["id"] as? String }) else { return nil }
            return (a, m, o)
        }
        let (account, monthly, online) = try #require(fitting.first, "no account with an open onboarding, a monthly contract and another contract on the platform")
        let accountId = account["id"] as! String, accountName = account["name"] as! String, pod = account["pod"] as! String
        let checklist = (account["onboarding"] as! JSON)["checklist"] as! [JSON]
        let itemIndex = checklist.firstIndex { $0["done"] as? Bool == false }!
        let item = checklist[itemIndex]["item"] as! String
        let monthlyId = monthly["id"] as! String, onlineId = online["id"] as! String
        let em = try #require(demo.people(role: "em", pod: pod).first, "no EM of POD \(pod)")
        let me = em["id"] as! String
        let activityCount = try store.activity().count

        do {
            let app = try store.open(as: me)
            defer { app.close() }
            try app.t.waitFor(text: em["name"] as! String, "q quit")
            try app.press("5")
            var s = try app.t.waitFor(text: "accounts · MSG pace", accountName)
            try app.selectLine(accountName) { $0.hasPrefix(" \(accountName) ") }
            try app.press("Enter")
            s = try app.t.waitFor(text: "(\(accountId)) · POD", "› account \(accountName)", "[ ] \(item)", monthlyId, onlineId)
            // The detail cursor starts on its first line (the title) and j moves one line.
            let title = try #require(s.lines.firstIndex { $0.contains("(\(accountId)) · POD") })
            let itemLine = try #require(s.lines.firstIndex { $0.contains("[ ] \(item)") })
            try app.pressRepeated("j", itemLine - title)
            try app.waitForSelected(line: itemLine, "the checklist item \(item)")
            try app.press("x")
            s = try app.waitForMessage("\"\(item)\" ticked")
            #expect(s.line(itemLine).contains("[x] \(item)"), "the item is not shown ticked: \(s.line(itemLine))\n\(s)")

            let monthlyLine = try #require(s.lines.firstIndex { $0.contains(" \(monthlyId) ") })
            try app.pressRepeated("j", monthlyLine - itemLine)
            try app.waitForSelected(line: monthlyLine, "the monthly contract \(monthlyId)")
            try app.press("M")
            s = try app.t.waitFor("the conversion of \(monthlyId), or its confirmation") { s in
                app.message(s).contains(monthlyId) || s.contains("Really") || s.contains("y yes")
            }
            if !app.message(s).contains(monthlyId) { try app.press("y") }
            s = try app.waitForMessage("\(monthlyId) (\(monthly["tool"] as! String)) converted from monthly to annual billing")
            #expect(s.line(monthlyLine).contains(" annual ") && !s.line(monthlyLine).contains(" monthly "), "the contract's row: \(s.line(monthlyLine))")

            let onlineLine = try #require(s.lines.firstIndex { $0.contains(" \(onlineId) ") })
            try app.pressRepeated(onlineLine > monthlyLine ? "j" : "k", abs(onlineLine - monthlyLine))
            try app.waitForSelected(line: onlineLine, "the contract \(onlineId)")
            try app.press("o")
            s = try app.t.waitFor("\(onlineId) to go offline, or its confirmation") { s in
                app.message(s).contains(onlineId) || s.contains("Really") || s.contains("y yes")
            }
            if !app.message(s).contains(onlineId) { try app.press("y") }
            s = try app.waitForMessage("\(onlineId) (\(online["tool"] as! String)) is offline")
            // Its row says offline, and the ATS deficit names it (the lines below the deficit move down).
            let row = s.lines.first { $0.hasPrefix("   \(onlineId) ") } ?? ""
            #expect(row.contains(" offline · "), "the contract's row: \(row)\n\(s)")
            let deficit = s.lines.drop { !$0.contains("Deficit ") }.prefix(3)
            #expect(deficit.contains { $0.contains(onlineId) && $0.contains("offline") }, "the ATS deficit does not name \(onlineId):\n\(s)")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        let disk = try DemoFacts(store)
        let a = try #require(disk.accounts.first { $0["id"] as? String == accountId })
        let items = ((a["onboarding"] as? JSON)?["checklist"] as? [JSON]) ?? []
        #expect(items.count == checklist.count && items[itemIndex]["item"] as? String == item && items[itemIndex]["done"] as? Bool == true,
                "the checklist on disk: \(items)")
        #expect(zip(items, checklist).enumerated().allSatisfy { $0.offset == itemIndex || $0.element.0["done"] as? Bool == $0.element.1["done"] as? Bool },
                "another item of the checklist changed: \(items)")
        let c1 = try #require(disk.contracts.first { $0["id"] as? String == monthlyId })
        #expect(c1["billing"] as? String == "annual" && c1["convertedToAnnualOn"] as? String == Podboard.today && c1["offline"] as? Bool != true,
                "\(monthlyId) on disk: \(c1)")
        let c2 = try #require(disk.contracts.first { $0["id"] as? String == onlineId })
        #expect(c2["offline"] as? Bool == true && c2["billing"] as? String == online["billing"] as? String, "\(onlineId) on disk: \(c2)")
        let added = try store.activity().dropFirst(activityCount)
        #expect(added.map(StoryStore.summary) == [[me, "tick-item", accountId], [me, "convert-to-annual", monthlyId], [me, "take-offline", onlineId]],
                "activity added: \(added.map(StoryStore.summary))")
        let entries = Array(added)
        if entries.count == 3 {
            #expect(entries.allSatisfy { $0["at"] as? String == at }, "the activity times: \(entries.map { $0["at"] ?? "nil" })")
            #expect((entries[1]["before"] as? JSON)?["billing"] as? String == "monthly" && (entries[1]["after"] as? JSON)?["billing"] as? String == "annual"
                        && (entries[1]["after"] as? JSON)?["convertedToAnnualOn"] as? String == Podboard.today,
                    "convert-to-annual's before/after: \(entries[1])")
            #expect((entries[2]["before"] as? JSON)?["offline"] as? Bool == false && (entries[2]["after"] as? JSON)?["offline"] as? Bool == true,
                    "take-offline's before/after: \(entries[2])")
            let beforeItems = ((entries[0]["before"] as? JSON)?["onboarding"] as? JSON)?["checklist"] as? [JSON] ?? []
            let afterItems = ((entries[0]["after"] as? JSON)?["onboarding"] as? JSON)?["checklist"] as? [JSON] ?? []
            #expect(beforeItems.count > itemIndex && afterItems.count > itemIndex
                        && beforeItems[itemIndex]["done"] as? Bool == false && afterItems[itemIndex]["done"] as? Bool == true,
                    "tick-item's before/after: \(entries[0])")
        }
        // And the log prints the values before → after.
        let log = try store.cli(["log", monthlyId, "--format", "json"])
        let rows = log["rows"] as? [JSON] ?? []
        #expect(rows.contains { StoryStore.summary($0) == [me, "convert-to-annual", monthlyId] }, "podboard log \(monthlyId): \(rows)")
    }

    // MARK: - 5. Every pane at 80x24

    @Test("80x24: panes 0–6 and a request view draw their title, the tab row and first rows; no line wider than 80")
    func everyPaneAt80x24() throws {
        let store = try StoryStore()
        defer { store.remove() }
        let demo = try DemoFacts(store)
        let em = try #require(demo.people(role: "em", pod: nil).first)
        let app = StorySession(try Tmux(podboard: ["--store", store.path, "--as", em["id"] as! String], cols: 80, rows: 24, cwd: store.dir))
        defer { app.close() }
        let tabs = ["0 Home", "1 Board", "2 Aging", "3 Renewals", "4 KPIs", "5 Accounts", "6 Escalations"]
        // Per pane: the text of its title and a test of a first row.
        let panes: [(key: String, title: String, row: (String) -> Bool)] = [
            ("0", "Home · ", { $0.range(of: #"^ {2,4}REQ-\d+ "#, options: .regularExpression) != nil }),
            ("1", "Negotiating (", { $0.hasPrefix("REQ-") }),
            ("2", "open requests", { $0.range(of: #"^ REQ-\d+ "#, options: .regularExpression) != nil }),
            ("3", "calendar due", { $0.range(of: #"^ \d{4}-\d\d-\d\d "#, options: .regularExpression) != nil }),
            ("4", "KPIs 20", { $0.contains("█") || $0.contains("░") }),
            ("5", " accounts · ", { $0.range(of: #"(favorable|neutral|at-risk|critical)"#, options: .regularExpression) != nil }),
            ("6", "Escalations ", { $0.range(of: #"^ \w{3} +\d+ +\d+d "#, options: .regularExpression) != nil }),
        ]
        try app.t.waitFor(text: "q quit")
        func check(_ s: Screen, _ what: String) {
            #expect(s.lines.count <= 24, "\(what): \(s.lines.count) lines on a 24-line screen")
            for (i, l) in s.lines.enumerated() {
                #expect(displayWidth(l) <= 80, "\(what): line \(i) is \(displayWidth(l)) cells wide: \(l)")
            }
            #expect(s.line(0).contains("podboard") && s.line(0).contains(Podboard.today), "\(what): the header: \(s.line(0))")
            #expect(s.lastLine.contains("q quit"), "\(what): the footer: \(s.lastLine)")
        }
        for pane in panes {
            try app.press(pane.key)
            let s = try app.t.waitFor("pane \(pane.key) with its title and a first row") { s in
                s.lines.dropFirst(2).contains { $0.contains(pane.title) } && s.lines.dropFirst(2).dropLast(2).contains(where: pane.row)
            }
            check(s, "pane \(pane.key)")
            #expect(tabs.allSatisfy { s.line(1).contains($0) }, "pane \(pane.key): the tab row: \(s.line(1))")
        }
        // A request view, from the aging pane.
        try app.press("2")
        try app.t.waitFor(text: "open requests")
        try app.press("g", "Enter")
        let s = try app.t.waitFor(text: "› request REQ-", "Status", "Account")
        check(s, "the request view")
        // In a detail view the tab row keeps the numbers and the name of the pane it came from.
        #expect(s.line(1).contains("2 Aging") && s.line(1).contains(" 0 ") && s.line(1).contains(" 6 ") && s.line(1).contains("› request REQ-"),
                "the request view's tab row: \(s.line(1))")
        #expect(s.line(2).range(of: #"^ REQ-\d+ "#, options: .regularExpression) != nil, "the request view's title: \(s.line(2))")
        #expect(app.t.programIsWaiting(), "podboard is not waiting for a key")
        try app.quit()
    }
}

// MARK: - The Buyer's morning, once per process

private let at = Podboard.today + "T17:30:00+05:30"

/// The Buyer's morning on a store of its own: run once (by the Buyer's or the EM's test, whichever comes first),
/// and its store kept for the EM's morning, which removes it.
private struct BuyerMorning: @unchecked Sendable {
    var store: StoryStore
    var buyer: String
    var pod: String
    /// The request given two quotes, an update, the final price and submitted; the one escalated.
    var submitted: String
    var escalated: String
    var quotesBefore: Int
    var final: Double
    var savings: Double
    var benchmarkPercent: String
    var updateText = "Reseller matched the alternative; going with it"
    var escalationNote = "The customer's CFO is talking to the vendor directly"
    var confirmation = ""
    var added: [[String]] = []

    private static let lock = NSLock()
    nonisolated(unsafe) private static var done: BuyerMorning?

    static func shared() throws -> BuyerMorning {
        lock.lock()
        defer { lock.unlock() }
        if let done { return done }
        let m = try run()
        done = m
        return m
    }

    private static func run() throws -> BuyerMorning {
        let store = try StoryStore()
        let demo = try DemoFacts(store)
        let benchmarks = (demo.settings["benchmarks"] as? JSON) ?? [:]
        // A Buyer with two negotiations in one POD: one with a baseline, no final and a benchmarked tool (to submit),
        // and another one (to escalate).
        let found = demo.people(role: "buyer", pod: nil).compactMap { p -> (String, JSON, JSON, String)? in
            let id = p["id"] as! String
            let mine = demo.requests.filter { $0["buyer"] as? String == id && $0["status"] as? String == "negotiating" }
            guard let a = mine.first(where: { $0["baseline"] is JSON && $0["final"] == nil && benchmarks[$0["tool"] as? String ?? ""] != nil }),
                  let pod = demo.pod(ofRequest: a["id"] as! String),
                  let b = mine.first(where: { $0["id"] as? String != a["id"] as? String && demo.pod(ofRequest: $0["id"] as! String) == pod })
            else { return nil }
            return (id, a, b, pod)
        }.first
        let (buyer, a, b, pod) = try #require(found, "no Buyer with two negotiations in one POD, one of them benchmarked with a baseline")
        let id = a["id"] as! String, other = b["id"] as! String
        let baseline = try #require(number((a["baseline"] as? JSON)?["amount"]))
        let final = (baseline * 0.8).rounded()
        let share = try #require(number(benchmarks[a["tool"] as! String]))
        var m = BuyerMorning(store: store, buyer: buyer, pod: pod, submitted: id, escalated: other,
                             quotesBefore: (a["quotes"] as? [JSON] ?? []).count, final: final, savings: baseline - final,
                             benchmarkPercent: a["tool"] as! String + " benchmark " + String(format: "%.1f%%", share * 100))
        let activityCount = try store.activity().count
        do {
            let app = try store.open(as: buyer)
            defer { app.close() }
            var s = try app.t.waitFor(text: demo.name(buyer), "q quit", "My negotiations (")
            #expect(Set(app.ids(under: "My negotiations (", in: s)).isSuperset(of: [id, other]), "\(id) and \(other) not under My negotiations:\n\(s)")
            try app.select(id, under: "My negotiations (")
            for (from, sourceKey, source, amount) in [("SHI", "r", "reseller", final + 500), ("Zoho", "a", "alternative", final)] {
                try app.press("+")
                try app.t.waitFor(text: "Add a quote: \(id)", "From", "Source", "Annual amount")
                try app.type(from)
                try app.press("Tab")
                try app.press(sourceKey)
                try app.t.waitFor(text: "‹ \(source) ›")
                try app.press("Tab")
                let text = String(Int(amount))
                try app.type(text)
                try app.t.waitFor(text: text)
                try app.press("Enter")
                s = try app.waitForMessage("\(id): quote from \(from) added")
            }
            let row = s.lines.first { $0.contains(id) } ?? ""
            #expect(row.contains("quotes 3/2") && !row.contains("missing"), "the row does not count the sources: \(row)")

            try app.press("n")
            try app.t.waitFor(text: "Log an update: \(id)")
            try app.type(m.updateText)
            try app.t.waitFor(text: String(m.updateText.suffix(20)))
            try app.press("Enter")
            try app.waitForMessage("\(id): update logged")

            try app.press("F")
            try app.t.waitFor(text: "Set the final price: \(id)", "Final annual price")
            try app.type(String(Int(final)))
            try app.t.waitFor(text: String(Int(final)))
            try app.press("Enter")
            try app.t.waitFor("the final price to be set") { s in app.message(s).contains("\(id)") && app.message(s).contains("final price") && !s.contains("Set the final price:") }

            try app.press("S")
            s = try app.t.waitFor(text: "Really submit savings \(id)?", "benchmark")
            m.confirmation = s.text
            try app.press("y")
            s = try app.waitForMessage("\(id): savings submitted for approval")
            #expect(!app.ids(under: "My negotiations (", in: s).contains(id), "\(id) still under My negotiations:\n\(s)")

            // A parallel negotiation on the other request.
            try app.select(other, under: "My negotiations (")
            try app.press("e")
            s = try app.t.waitFor(text: "Escalate: \(other)", "Reason")
            try app.pick("parallel-negotiation", in: s)
            try app.press("Tab")
            try app.type(m.escalationNote)
            try app.t.waitFor(text: String(m.escalationNote.suffix(20)))
            try app.press("Enter")
            s = try app.waitForMessage("\(other) escalated: parallel-negotiation")
            try app.quit()
        }
        #expect(!store.journalExists, "a journal is left after q")
        m.added = try store.activity().dropFirst(activityCount).map(StoryStore.summary)
        return m
    }
}

// MARK: - Reading the demo store

private typealias JSON = [String: Any]

/// The next quarter of a day "YYYY-MM-DD": "2027-Q1" for 2026-11-23.
private func nextQuarter(of day: String) -> String {
    let parts = day.split(separator: "-").compactMap { Int($0) }
    let q = (parts[1] - 1) / 3 + 1
    return q == 4 ? "\(parts[0] + 1)-Q1" : "\(parts[0])-Q\(q + 1)"
}

/// The capture groups of the first match of `pattern` in `text`.
private func firstMatch(_ pattern: String, in text: String) -> [String]? {
    guard let re = try? NSRegularExpression(pattern: pattern),
          let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
    return (1..<m.numberOfRanges).compactMap { Range(m.range(at: $0), in: text).map { String(text[$0]) } }
}

/// The store file parsed once: people, PODs, accounts, contracts and requests.
private struct DemoFacts {
    let json: JSON
    init(_ store: StoryStore) throws { json = try store.json() }

    var people: [JSON] { json["people"] as? [JSON] ?? [] }
    var pods: [JSON] { json["pods"] as? [JSON] ?? [] }
    var accounts: [JSON] { json["accounts"] as? [JSON] ?? [] }
    var contracts: [JSON] { json["contracts"] as? [JSON] ?? [] }
    var requests: [JSON] { json["requests"] as? [JSON] ?? [] }
    var settings: JSON { json["settings"] as? JSON ?? [:] }

    func request(_ id: String) -> JSON? { requests.first { $0["id"] as? String == id } }
    func pod(ofRequest id: String) -> String? {
        guard let account = request(id)?["account"] as? String else { return nil }
        return accounts.first { $0["id"] as? String == account }?["pod"] as? String
    }
    /// The people with `role`, of `pod` (any POD when nil), in the store's order.
    func people(role: String, pod: String?) -> [JSON] {
        people.filter { p in
            (p["roles"] as? [String] ?? []).contains(role) && (pod.map { (p["pods"] as? [String] ?? []).contains($0) } ?? true)
        }
    }
    func person(named name: String) -> JSON? { people.first { $0["name"] as? String == name } }
    func name(_ id: String) -> String { people.first { $0["id"] as? String == id }?["name"] as? String ?? id }
    /// Open negotiations (negotiating or on hold) of a Buyer, in any POD.
    func workload(of id: String) -> Int {
        requests.filter { $0["buyer"] as? String == id && ["negotiating", "on-hold"].contains($0["status"] as? String ?? "") }.count
    }
}

extension StoryStore {
    /// One KPI of one person from `podboard report kpi --person`.
    fileprivate func kpi(_ id: String, of person: String) throws -> JSON {
        let report = try cli(["report", "kpi", "--person", person, "--format", "json"])
        return try #require((report["kpis"] as? [JSON] ?? []).first { $0["id"] as? String == id && $0["scope"] as? String == person },
                            "no \(id) for \(person)")
    }
}

extension StorySession {
    /// Presses `key` `count` times in one tmux command.
    func pressRepeated(_ key: String, _ count: Int) throws {
        guard count > 0 else { return }
        try t.run(["send-keys", "-t", t.target] + Array(repeating: key, count: count))
    }

    /// The highlighted lines of the body (not the header bar on top nor the footer bar at the bottom).
    func selectedBodyLines() throws -> [Int] {
        try highlightedLines().filter { $0 >= 2 && $0 < t.rows - 1 }
    }

    /// Waits until `line` is the one selected line of the body.
    func waitForSelected(line: Int, _ what: String) throws {
        try t.waitFor("\(what) (line \(line)) to be the selected line") { [self] _ in try selectedBodyLines() == [line] }
    }

    /// In a list whose rows are consecutive lines: g, then j down to the first line that `match`es.
    func selectLine(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ match: (String) -> Bool) throws {
        try press("g")
        var first = -1
        let s = try t.waitFor("the first row to be selected") { [self] _ in
            let lines = try selectedBodyLines()
            if lines.count == 1 { first = lines[0] }
            return lines.count == 1
        }
        let target = try #require(s.lines.indices.first { $0 >= first && match(s.lines[$0]) }, "\(what) is not in the list:\n\(s)",
                                  sourceLocation: sourceLocation)
        try pressRepeated("j", target - first)
        try waitForSelected(line: target, what)
    }
}
