import PodboardCore

/// Pane 0: the day's work of the person using podboard. An analyst's triage, a Buyer's negotiations, an EM's
/// approvals inbox with the checklist of the selected submission; a section per role they hold.
public enum HomeView {
    public enum Line: Sendable {
        case section(String, StyledLine)
        case request(Request, StyledLine)
        case note(StyledLine)
    }

    public static func lines(_ state: AppState) -> [Line] {
        state.data.models.model("home.lines", key: key(state)) { derive(state) }
    }

    /// The home model's inputs besides the store: who, whether the status column is wide, and the "since you
    /// last looked" mark.
    static func key(_ state: AppState) -> String {
        let mark = state.lastSeen.map { marks in
            marks[state.user?.id ?? ""].map { "\($0.activityCount)|\($0.seq ?? -1)|\($0.at.text)" } ?? "first"
        } ?? "none"
        return "\(state.user?.id ?? "")|\(state.size.width >= 100)|" + mark
    }

    static func derive(_ state: AppState) -> [Line] {
        guard let user = state.user else {
            return [.note([Span("Read-only: there is no home view without a person (--as PERSON).", .muted)])]
        }
        let data = state.data
        let pods = Set(user.pods)
        var out: [Line] = HomeSince.lines(state, user: user)
        let statusWidth = state.size.width >= 100 ? 16 : 12  // "pending-approval" whole when there is room
        func row(_ a: AgingRow, _ extra: String) -> Line {
            let r = a.request
            let role: ThemeRole = a.severity == .breached ? .breach : (a.severity == .dueSoon ? .warning : .normal)
            return .request(r, [Span(Format.fit(r.id, 9), .accent), Span(Format.fit(a.account?.name ?? r.account, 16) + " "),
                                Span(Format.fit(r.tool, 14) + " "), Span(Format.fit(a.status.rawValue, statusWidth) + " ", role),
                                Span(extra, role)])
        }
        func deadline(_ a: AgingRow) -> String {
            guard let n = a.nextDeadline else { return a.flags.map(\.rawValue).joined(separator: " ") }
            return "\(n.what) by \(Format.short(n.date))" + (a.flags.isEmpty ? "" : " · " + a.flags.map(\.rawValue).joined(separator: " "))
        }
        // Positions in the aging rows, not copies of them (a row holds its request and account: at 100k requests
        // an analyst's PODs have tens of thousands of open rows).
        let aging = data.aging
        let mine = aging.indices.filter { pods.contains(aging[$0].account?.pod ?? "") }
        if user.has(.analyst) {
            let reviewed = data.store.reviews.contains { $0.on == data.today && $0.by == user.id && $0.kind == "aging" }
            out.append(.section("Triage", reviewed ? [Span("aging reviewed today ✓", .ok)] : [Span("aging not reviewed today (" + Keymap.key(.act(.markReviewed), in: .home) + " marks it)", .warning)]))
            let unassigned = mine.filter { aging[$0].status == .new && aging[$0].request.analyst == nil }
            let due = mine.filter { aging[$0].nextDeadlineIsSoon && (aging[$0].request.analyst == user.id || aging[$0].request.analyst == nil) }
            let breached = mine.filter { aging[$0].severity == .breached && aging[$0].request.analyst == user.id }
            let stale = mine.filter { aging[$0].stale && aging[$0].request.analyst == user.id }
            let newMine = mine.filter { (aging[$0].status == .new || aging[$0].status == .qualifying) && aging[$0].request.analyst == user.id }
            let qualified = mine.filter { aging[$0].status == .qualified && (aging[$0].request.analyst == user.id || aging[$0].request.analyst == nil) }
            for (title, rows) in [("New and unassigned", unassigned), ("Yours to qualify", newMine),
                                  ("Qualified: hand over to a Buyer", qualified), ("Due today or next working day", due),
                                  ("Breached", breached), ("Stale negotiations", stale)] {
                out.append(.section("  \(title) (\(rows.count))", []))
                for i in rows { out.append(row(aging[i], deadline(aging[i]))) }
            }
        }
        if user.has(.buyer) {
            // Stale first, then by TAT; sorted on positions (the order of equal keys stays the aging order).
            let negotiations = aging.indices.filter { aging[$0].request.buyer == user.id && (aging[$0].status == .negotiating || aging[$0].status == .onHold) }
                .sorted { (aging[$0].stale ? 0 : 1, aging[$0].negotiationDue ?? data.today) < (aging[$1].stale ? 0 : 1, aging[$1].negotiationDue ?? data.today) }
            out.append(.section("My negotiations (\(negotiations.count))", [Span("stale first, then by TAT", .muted)]))
            for i in negotiations {
                let a = aging[i]
                let sources = Set(a.request.quotes.map(\.source)).count
                var extra = a.negotiationDue.map { "TAT \(Format.short($0)) (\(data.today.days(to: $0))d)" } ?? ""
                extra += " · quotes \(sources)/2" + (sources < 2 ? " missing" : "")
                extra += " · updated " + (a.lastTouch.map { Format.short($0) } ?? "never")
                if a.stale { extra += " · STALE" }
                out.append(row(a, extra))
            }
            let pending = aging.indices.filter { aging[$0].request.buyer == user.id && aging[$0].status == .pendingApproval }
            if !pending.isEmpty {
                out.append(.section("  Waiting for approval (\(pending.count))", []))
                for i in pending { out.append(row(aging[i], "submitted")) }
            }
        }
        if user.has(.em) {
            // Longest waiting first; how long, and whether the baseline moved just before the submission.
            let waiting = mine.filter { aging[$0].status == .pendingApproval }
            let facts = Submissions.facts(Set(waiting.map { aging[$0].request.id }), data.snapshot)
            let inbox = waiting
                .sorted { (facts[aging[$0].request.id]?.submittedAt ?? aging[$0].request.createdAt, aging[$0].request.id)
                    < (facts[aging[$1].request.id]?.submittedAt ?? aging[$1].request.createdAt, aging[$1].request.id) }
            out.append(.section("Approvals inbox (\(inbox.count))",
                                [Span("longest waiting first · wd: working days waited · " + KeyHints.approveReject, .muted)]))
            for i in inbox {
                let a = aging[i]
                let f = facts[a.request.id]
                var extra = f.map { "\($0.waitingWorkingDays) wd · " } ?? ""
                extra += Format.money(Savings.annual(a.request), data.store.settings.currency) + " a year by " + data.name(a.request.buyer)
                    + (a.request.buyer == user.id ? " (yours: you cannot approve it)" : "")
                if f?.recentBaselineChanges.isEmpty == false { extra = "BASELINE CHANGED · " + extra }
                out.append(row(a, extra))
            }
        }
        if !user.has(.analyst) && !user.has(.buyer) && !user.has(.em) {
            let breached = mine.filter { aging[$0].severity == .breached }
            out.append(.section("Breached in your PODs (\(breached.count))", []))
            for i in breached { out.append(row(aging[i], deadline(aging[i]))) }
        }
        return out
    }

    /// The request rows (what the cursor moves over).
    public static func rows(_ state: AppState) -> [Request] {
        state.data.models.model("home.rows", key: key(state)) {
            lines(state).compactMap { if case .request(let r, _) = $0 { return r } else { return nil } }
        }
    }

    public static func selected(_ state: AppState) -> Request? {
        let all = rows(state)
        return all.indices.contains(state.home.selection) ? all[state.home.selection] : nil
    }

    public static func visibleRows(_ body: Rect) -> Int { max(1, body.height - 1) }

    /// The EM's checklist of the selected submission, kept for the revision (it reads the activity log and the
    /// Buyer's approved savings: not again on every frame while the cursor stays on it).
    static func checklist(_ r: Request, _ state: AppState) -> [StyledLine] {
        state.data.models.model("home.checklist", key: r.id) { ApprovalChecklist.lines(r, state) }
    }

    static func draw(_ state: AppState, into buf: inout CellBuffer, rect: Rect) {
        let all = lines(state)
        var title: StyledLine = [Span("Home", .title, .bold)]
        if let u = state.user { title.append(Span(" · " + u.name + " · " + u.roles.map(\.title).joined(separator: ", "), .muted)) }
        buf.write(title, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2)
        // The selected request, from the lines already built (building them is the costly part of a frame).
        let requests = all.compactMap { line -> Request? in if case .request(let r, _) = line { return r } else { return nil } }
        let selected = requests.indices.contains(state.home.selection) ? requests[state.home.selection] : nil
        // With room, the EM's checklist stands beside the list; else under it.
        var listRect = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        var checklist: [StyledLine] = []
        if let r = selected, r.status == .pendingApproval, state.user?.has(.em) == true {
            checklist = Self.checklist(r, state)
            if rect.width >= 140 {
                listRect.width = rect.width - 62
                for (i, l) in checklist.enumerated() where i < rect.height - 1 {
                    buf.write(l, x: rect.x + rect.width - 60, y: rect.y + 1 + i, maxWidth: 59)
                }
            } else {
                let h = min(checklist.count + 1, max(0, rect.height - 6))
                listRect.height -= h
                let top = listRect.y + listRect.height
                buf.write(String(repeating: "─", count: rect.width), x: rect.x, y: top, role: .border)
                for (i, l) in checklist.enumerated() where i < h - 1 {
                    buf.write(l, x: rect.x + 1, y: top + 1 + i, maxWidth: rect.width - 2)
                }
            }
        }
        let (selectedLine, offset) = scroll(state, all, listHeight: listRect.height)
        let visible = max(1, listRect.height)
        for i in 0..<min(visible, max(0, all.count - offset)) {
            let y = listRect.y + i
            switch all[offset + i] {
            case .section(let t, let extra):
                let used = buf.write(t, x: listRect.x + 1, y: y, role: .focus, extra: .bold)
                buf.write(extra, x: listRect.x + 3 + used, y: y, maxWidth: listRect.width - used - 4)
            case .note(let l):
                buf.write(l, x: listRect.x + 1, y: y, maxWidth: listRect.width - 2)
            case .request(_, let l):
                let isSel = offset + i == selectedLine && selected != nil
                if isSel {
                    buf.fill(Rect(x: listRect.x, y: y, width: listRect.width, height: 1), role: .selection)
                    buf.write(l.map { Span($0.text, .selection, $0.extra) }, x: listRect.x + 3, y: y, maxWidth: listRect.width - 4)
                } else {
                    buf.write(l, x: listRect.x + 3, y: y, maxWidth: listRect.width - 4)
                }
            }
        }
    }

    /// Scrolled by lines so that the selected request's line is visible: that line, and the first line shown.
    static func scroll(_ state: AppState, _ all: [Line], listHeight: Int) -> (selectedLine: Int, offset: Int) {
        var selectedLine = 0
        var n = -1
        for (i, l) in all.enumerated() { if case .request = l { n += 1; if n == state.home.selection { selectedLine = i } } }
        return (selectedLine, Scrolling.offset(selection: selectedLine, current: 0, visible: max(1, listHeight), count: all.count))
    }

    /// The request at a row of the screen (a click), as its index among the home's requests.
    static func request(at y: Int, _ state: AppState, body rect: Rect) -> Int? {
        let all = lines(state)
        // The list's height as `draw` has it: the EM's checklist under a narrow list takes rows from it.
        let requests = all.compactMap { line -> Request? in if case .request(let r, _) = line { return r } else { return nil } }
        let selected = requests.indices.contains(state.home.selection) ? requests[state.home.selection] : nil
        var height = rect.height - 1
        if let r = selected, r.status == .pendingApproval, state.user?.has(.em) == true, rect.width < 140 {
            height -= min(Self.checklist(r, state).count + 1, max(0, rect.height - 6))
        }
        let (_, offset) = scroll(state, all, listHeight: height)
        let i = y - (rect.y + 1)
        guard i >= 0, i < height, offset + i < all.count, case .request = all[offset + i] else { return nil }
        return all[..<(offset + i)].filter { if case .request = $0 { return true } else { return false } }.count
    }
}
