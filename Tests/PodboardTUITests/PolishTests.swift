import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// The defects of the UI walkthrough (issue 8): keys named in messages, the board's stages and badges, cut
/// text, the KPI drill-down's cursor and order, counts, the health form's title, help's G, quote amounts.
@Suite("UI polish (issue 8)")
struct PolishTests {
    /// The home view with the cursor on `id`.
    static func home(_ user: String, on id: String, size: Size = Size(width: 120, height: 40)) -> AppState {
        var s = TUI.state(user: user, size: size, pane: .home)
        let i = HomeView.rows(s).firstIndex { $0.id == id }!
        TUI.type(&s, Array(repeating: .down, count: i))
        return s
    }

    static func lines(_ state: AppState) -> [String] { TUI.screen(state).components(separatedBy: "\n") }

    // 1. Keys named in messages

    @Test func everyKeyNamedInAMessageRunsItsCommandThere() {
        for (command, scope) in KeyHints.named {
            let name = Keymap.keyName(for: command, in: scope)
            #expect(name != nil, "no key for \(command) in \(scope)")
            let binding = scope.layered.lazy.compactMap { s in Keymap.bindings.first { $0.scope == s && $0.command == command } }.first
            #expect(binding.map { Keymap.command(for: $0.keys[0], in: scope) } == command, "\(command) in \(scope)")
        }
        #expect(Keymap.keyName(for: .act(.setBaseline), in: .request) == "B")
        #expect(Keymap.keyName(for: .act(.setBaseline), in: .aging) == "B")
        #expect(Keymap.keyName(for: .act(.setBaseline), in: .renewals) == nil)
    }

    @Test func qualifyWithoutBaselineNamesTheBaselineKeyOfTheKeymap() {
        var s = Self.home("omar", on: "REQ-1088")
        TUI.type(&s, [.char("Q")])
        let text = s.message?.text ?? ""
        let key = Keymap.keyName(for: .act(.setBaseline), in: .request)!
        #expect(text.contains("needs a baseline"), "\(text)")
        #expect(text.hasSuffix("(\(key): set the baseline)"), "\(text)")
        #expect(!text.contains("(b "), "\(text)")
        #expect(Keymap.command(for: .char(Character(key)), in: .home) == .act(.setBaseline))
    }

    @Test func homeHintsTakeTheirKeysFromTheKeymap() {
        let s = TUI.state(user: "omar", size: Size(width: 120, height: 40), pane: .home)
        #expect(TUI.screen(s).contains("(\(Keymap.keyName(for: .act(.markReviewed), in: .home)!) marks it)"))
        let em = TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .home)
        #expect(TUI.screen(em).contains("\(Keymap.keyName(for: .act(.approve), in: .home)!) approves"))
    }

    @Test func helpScrollsToItsEndAndBackWithGAndg() {
        var s = TUI.state(user: "omar", size: Size(width: 80, height: 24), pane: .aging)
        TUI.type(&s, [.char("?"), .char("G")])
        #expect(s.message == nil, "\(s.message?.text ?? "")")
        #expect((s.help ?? 0) > 0)
        // The last line is in view: G goes to the very end, reasons that wrap included.
        #expect(TUI.screen(s).contains(KeyHints.helpFooter))
        #expect(s.help == HelpOverlay.lines(shownOver: s).count - HelpOverlay.visibleRows(s.size))
        TUI.type(&s, [.char("g")])
        #expect(s.help == 0)
        TUI.type(&s, [.end])
        #expect((s.help ?? 0) > 0)
        TUI.type(&s, [.home])
        #expect(s.help == 0)
    }

    // 2. Board

    @Test func aRequestHeldWhileQualifyingSitsInItsStageBadgedHold() {
        let s = TUI.state(user: "omar", size: Size(width: 120, height: 40), pane: .board)
        let cols = BoardView.columns(s)
        let held = cols[0].first { $0.request.id == "REQ-1073" }
        #expect(held?.status == .onHold)
        #expect(held?.heldFrom == .qualifying)
        #expect(!cols[2].contains { $0.request.id == "REQ-1073" })
        #expect(held.map { BoardView.badge($0).text } == "ESC HOLD")
        #expect(Self.lines(s).contains { $0.contains("REQ-1073") && $0.contains("ESC HOLD") })
    }

    @Test func aBreachedEscalatedCardShowsBothBadges() {
        let s = TUI.state(user: "omar", size: Size(width: 120, height: 40), pane: .board)
        let row = BoardView.columns(s)[2].first { $0.request.id == "REQ-1058" }!
        #expect(row.severity == .breached && row.escalated)
        #expect(BoardView.badge(row).text == "BREACH ESC")
        #expect(BoardView.badge(row, width: 8).text == "BREACH E")
        #expect(BoardView.badge(row, width: 6).text == "BR E")
        #expect(BoardView.badge(row).role == .breach)
        #expect(Self.lines(s).contains { $0.contains("REQ-1058") && $0.contains("BREACH ESC") })
        let small = TUI.state(user: "omar", size: Size(width: 80, height: 24), pane: .board)
        #expect(Self.lines(small).contains { $0.contains("REQ-1058") && $0.contains("BR E") })
    }

    // 3. Cut text

    /// Screens at 120×40 whose flags, statuses, deadlines, badges and messages must show whole.
    @Test func nothingToActOnIsCutAt120() {
        let size = Size(width: 120, height: 40)
        // Board: the card lines with an id carry the badge.
        for user in ["omar", "ana", "fatima", "sven"] {
            let board = TUI.state(user: user, size: size, pane: .board)
            for line in Self.lines(board) where line.contains("REQ-") { #expect(!line.contains("…"), "board \(user): \(line)") }
        }
        // Aging, all PODs: status, deadline and flags of every row whole.
        var aging = TUI.state(user: "fatima", size: size, pane: .aging)
        TUI.type(&aging, [.char("m")])
        let rows = AgingView.rows(aging)
        #expect(rows.count > 20)
        let lines = Self.lines(aging)
        for row in rows.prefix(AgingView.visibleRows(Screen.bodyRect(aging))) {
            guard let line = lines.first(where: { $0.contains(row.request.id) }) else { Issue.record("\(row.request.id) not shown"); continue }
            #expect(line.contains(" " + row.status.rawValue + " "), "\(line)")
            let flags = row.flags.map(\.rawValue).joined(separator: " ")
            let short = row.flags.map(Format.short).joined(separator: " ")
            let t = line.trimmingCharacters(in: .whitespaces)
            #expect(t.hasSuffix(flags) || t.hasSuffix(short), "\(line)")
            if let next = row.nextDeadline { #expect(line.contains(Format.short(next.date)), "\(line)") }
        }
        // Home of each role: the request lines (status, deadline, flags).
        for user in ["omar", "ana", "fatima"] {
            let home = TUI.state(user: user, size: size, pane: .home)
            for line in Self.lines(home) where line.contains("REQ-") { #expect(!line.contains("…"), "home \(user): \(line)") }
        }
        // The KPI drill-down: every item's why, and the refusal on the message line.
        for user in ["fatima", "omar", "ana"] {
            var kpi = TUI.state(user: user, size: size, pane: .kpis)
            TUI.type(&kpi, [.enter])
            for line in Self.lines(kpi) { #expect(!line.contains("…"), "drill-down \(user): \(line)") }
        }
        var refusal = Self.home("omar", on: "REQ-1088")
        TUI.type(&refusal, [.char("Q")])
        #expect(Self.lines(refusal)[size.height - 2].contains("set the baseline)"))
    }

    @Test func aLongRefusalAt80EndsInAnEllipsis() {
        var s = Self.home("omar", on: "REQ-1081", size: Size(width: 80, height: 24))
        TUI.type(&s, [.char("Q")])
        let text = s.message?.text ?? ""
        #expect(s.message?.isError == true && DisplayWidth.of(text) > 79, "\(text)")
        let line = Self.lines(s)[22]
        #expect(line.hasSuffix("…"), "\(line)")
        #expect(line.hasPrefix(" " + text.prefix(40)))
    }

    // 4. KPIs

    @Test func theDrillDownStartsOnItsFirstItem() {
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .kpis)
        TUI.type(&s, [.enter])
        guard let top = s.details.last, case .kpi(let id, let scope) = top.target else { Issue.record("no drill-down"); return }
        let lines = DetailView.lines(s, top.target)
        let g = s.data.kpis.result(id, scope: scope)!
        #expect(!g.items.isEmpty)
        #expect(top.cursor == KPIDrillDown.firstItem(s, id: id, scope: scope))
        let text = lines[top.cursor].spans.map(\.text).joined()
        #expect(text.hasPrefix("missed") || text.hasPrefix("met") || text.hasPrefix("pending"), "\(text)")
        #expect(lines[top.cursor].link != nil)
        // Enter right away opens the item.
        TUI.type(&s, [.enter])
        #expect(s.details.count == 2)
    }

    @Test(arguments: [("ana", "ana", "buyer."), ("sven", "sven", "analyst."), ("fatima", "north", "em.")])
    func theKPIPaneShowsYourOwnGaugesFirst(user: String, scope: String, prefix: String) {
        let s = TUI.state(user: user, size: Size(width: 120, height: 40), pane: .kpis)
        let gauges = KPIView.gauges(s)
        #expect(gauges.first?.scope == scope)
        #expect(gauges.first?.id.hasPrefix(prefix) == true)
        // Nothing is lost: the same gauges as the POD view in its own order.
        let readOnly = TUI.state(user: nil, size: Size(width: 120, height: 40), pane: .kpis)
        #expect(Set(gauges.map { $0.id + "@" + $0.scope }) == Set(KPIView.gauges(readOnly).map { $0.id + "@" + $0.scope }))
    }

    // 5. Small ones

    @Test func countsAgreeWithTheirNumber() {
        #expect(Plural.count(1, "day") == "1 day")
        #expect(Plural.count(0, "item") == "0 items")
        #expect(Plural.count(2, "person", "people") == "2 people")
        #expect(Format.count(1, "item") == "1 item")
        let one = try! #require(TUI.demo.requests.first { $0.termMonths == 12 })
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .aging)
        s.details = [DetailState(.request(one.id))]
        #expect(TUI.screen(s).contains("12 months"))
        let screens = [TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .home), s]
        for screen in screens {
            #expect(TUI.screen(screen).range(of: #"\b1 (days|items|months|sources|renewals)\b"#, options: .regularExpression) == nil)
        }
    }

    @Test func theHealthFormIsTitledWithTheAccountName() {
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .renewals)
        TUI.type(&s, [.enter])
        guard case .account(let id)? = s.details.last?.target else { Issue.record("no account open"); return }
        TUI.type(&s, [.char("h")])
        let name = s.data.accountName(id)
        #expect(s.form?.title == "Set account health: " + name, "\(s.form?.title ?? s.message?.text ?? "")")
        #expect(name != id)
    }

    @Test func quoteAmountsAreRightAligned() {
        let r = TUI.demo.requests.first { Set($0.quotes.map(\.source)).count >= 2 && Set($0.quotes.map { Money.format($0.amount, currency: "USD").count }).count > 1 }
            ?? TUI.demo.requests.first { Set($0.quotes.map(\.source)).count >= 2 }!
        var s = TUI.state(user: "fatima", size: Size(width: 120, height: 40), pane: .aging)
        s.details = [DetailState(.request(r.id))]
        let lines = DetailView.lines(s, .request(r.id))
        let start = lines.firstIndex { $0.spans.first?.text.hasPrefix("Quotes (") == true }!
        let quoteLines = lines[(start + 1)...].prefix(r.quotes.count).map { $0.spans.map(\.text).joined() }
        #expect(quoteLines.count >= 2)
        let ends = Set(quoteLines.map { DisplayWidth.of($0) })
        #expect(ends.count == 1, "\(quoteLines)")
        for (line, q) in zip(quoteLines, r.quotes) { #expect(line.hasSuffix(Money.format(q.amount, currency: s.data.store.settings.currency))) }
    }
}
