import PodboardCore

/// What a key does. The keymap binds keys to commands; `AppUpdate` carries them out.
public enum Command: Sendable, Hashable {
    case quit, help, redraw
    case showPane(Pane), nextPane, previousPane
    case up, down, left, right, pageUp, pageDown, top, bottom
    case open, back
    case previousPod, nextPod
    case previousQuarter, nextQuarter
    case filterText, cycleScope, toggleBreached, cycleStatus, clearFilters
    case openAccount
    /// Escalations: open / not acknowledged / all.
    case cycleEscalationFilter
    /// An action on the selected request (or account, contract, quarter), through a form when it needs values.
    case act(ActionKind)
    /// Raise a new request (intake) for an account of the POD in view.
    case intake
    /// Editing in a form, the `/` filter or a confirmation (Keymap+Editing.swift).
    case edit(EditCommand)
    /// Preview a report and write it to a file (Exports.swift).
    case export(ExportKind)
    /// Navigation (issue 15, AppUpdate+Nav.swift): Esc clears the pane's `/` filter; `n`/`N` step through the
    /// matches of a search in a KPI drill-down; `<` `>` pick the sort column, `~` flips the order; the command
    /// palette; back and forth through opened views; the mouse.
    case clearSearch, nextMatch, previousMatch
    case sortPrevious, sortNext, flipSort
    case palette, historyBack, historyForward
    case mouse(MouseEvent.Kind)
}

/// Where a binding applies. `global` bindings apply everywhere except in text input and the help overlay; a
/// pane's or a detail view's bindings apply on top of them.
public enum KeyScope: String, Sendable, CaseIterable {
    case global, home, board, aging, renewals, kpis, escalations, detail, request, help, input, form, whoAmI
    /// A KPI drill-down (a detail view without request actions), and the command palette.
    case drill, palette
    /// The accounts pane, and the account view (its checklist items and contracts).
    case accounts, account
    /// A form's text field, its choice field, and the yes/no question before an action (with `form`: its
    /// fields; `input`: the `/` filter). Bindings in Keymap+Editing.swift.
    case text, choice, confirm
    /// The preview of an exported report (Exports.swift).
    case preview

    /// The title of the scope in the help overlay.
    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .home: return "Home"
        case .request: return "On the selected request"
        case .form: return "In a form"
        case .board: return "Board"
        case .aging: return "Aging"
        case .renewals: return "Renewals"
        case .kpis: return "KPIs"
        case .escalations: return "Escalations"
        case .detail: return "Detail views"
        case .help: return "Help"
        case .input: return "Typing a filter"
        case .accounts: return "Accounts"
        case .account: return "In an account (on the checklist item or contract under the cursor)"
        case .whoAmI: return "Choosing who you are"
        case .text: return "In a text field"
        case .choice: return "In a choice field"
        case .confirm: return "Confirming an action"
        case .preview: return "Previewing a report"
        case .drill: return "In a KPI drill-down"
        case .palette: return "In the command palette"
        }
    }

    /// The scopes whose bindings are active together with this one.
    public var layered: [KeyScope] {
        switch self {
        case .global, .help, .input, .form, .request, .whoAmI, .confirm, .preview, .palette: return [self]
        case .drill: return [self, .detail, .global]
        case .text, .choice: return [self, .form]
        case .home, .board, .aging, .escalations, .detail: return [self, .request, .global]
        case .account: return [self, .detail, .global]
        default: return [self, .global]
        }
    }
}

/// One key binding: the keys, the command, and how it is described in the footer and the help overlay.
public struct Binding: Sendable {
    public let scope: KeyScope
    public let keys: [KeyEvent]
    public let command: Command
    /// What it does, in a few words ("switch POD").
    public let label: String
    /// The short hint shown in the footer, for the most useful few; every binding is in the help overlay.
    public let footer: String?

    /// The keys as shown to people: "j/↓".
    public var keyNames: String { keys.map(\.description).joined(separator: "/") }
}

/// The single source of key bindings: `AppUpdate` looks keys up here, and the footer and the help overlay are
/// generated from it.
public enum Keymap {
    static func b(_ scope: KeyScope, _ keys: [KeyEvent], _ command: Command, _ label: String, footer: String? = nil) -> Binding {
        Binding(scope: scope, keys: keys, command: command, label: label, footer: footer)
    }

    /// Every binding in effect: the built-in table, or the one with the config's key overrides (UserConfig.swift).
    public static var bindings: [Binding] { active ?? base }

    /// Every built-in binding, grouped by scope, in help order.
    public static let base: [Binding] = [
        b(.global, [.char("0")], .showPane(.home), "home: your work for today"),
        b(.global, [.char("1")], .showPane(.board), "board"),
        b(.global, [.char("2")], .showPane(.aging), "aging"),
        b(.global, [.char("3")], .showPane(.renewals), "renewals"),
        b(.global, [.char("4")], .showPane(.kpis), "KPIs"),
        b(.global, [.char("5")], .showPane(.accounts), "accounts"),
        b(.global, [.char("6")], .showPane(.escalations), "escalations"),
        b(.global, [.tab], .nextPane, "next pane"),
        b(.global, [.backTab], .previousPane, "previous pane"),
        b(.global, [.char("k"), .up], .up, "up"),
        b(.global, [.char("j"), .down], .down, "down"),
        b(.global, [.pageUp], .pageUp, "page up"),
        b(.global, [.pageDown], .pageDown, "page down"),
        b(.global, [.char("g"), .home], .top, "first"),
        b(.global, [.char("G"), .end], .bottom, "last"),
        b(.global, [.char("p")], .nextPod, "next POD"),
        b(.global, [.char(":"), .ctrl("p")], .palette, "palette: run any command, open any request, account or person", footer: "palette"),
        b(.global, [.char("?")], .help, "help", footer: "help"),
        b(.global, [.ctrl("l")], .redraw, "redraw the screen"),
        b(.global, [.char("u")], .act(.undo), "undo your last action of this session"),
        b(.global, [.char("q"), .ctrl("c")], .quit, "quit", footer: "quit"),
        b(.global, [.ctrl("o")], .historyBack, "back to the previous view you opened", footer: "back"),
        b(.global, [.ctrl("n")], .historyForward, "forward again (after back)"),
        b(.global, [MouseEvent.anywhere(.click)], .mouse(.click), "select the row or card; on a tab: switch to its pane"),
        b(.global, [MouseEvent.anywhere(.doubleClick)], .mouse(.doubleClick), "open the row or card"),
        b(.global, [MouseEvent.anywhere(.wheelUp)], .mouse(.wheelUp), "scroll up"),
        b(.global, [MouseEvent.anywhere(.wheelDown)], .mouse(.wheelDown), "scroll down"),

        b(.home, [.enter], .open, "open the request", footer: "open"),
        b(.home, [.char("v")], .act(.markReviewed), "mark today's aging reviewed", footer: "reviewed"),
        b(.home, [.char("I")], .intake, "raise a request (intake) for an account of the POD", footer: "intake"),

        b(.request, [.char("t")], .act(.take), "take the request (analyst)"),
        b(.request, [.char("A")], .act(.assign), "assign an analyst (EM)"),
        b(.request, [.char("P")], .act(.sendPreApproval), "send pre-approval", footer: "pre-approval"),
        b(.request, [.char("Q")], .act(.qualify), "qualify", footer: "qualify"),
        b(.request, [.char("D")], .act(.disqualify), "disqualify (reason)"),
        b(.request, [.char("H")], .act(.handOver), "hand over to a Buyer", footer: "hand over"),
        b(.request, [.char("M")], .act(.reassign), "move the negotiation to another Buyer (EM)", footer: "reassign"),
        b(.request, [.char("o")], .act(.putOnHold), "put on hold (reason)"),
        b(.request, [.char("O")], .act(.resume), "resume from hold"),
        b(.request, [.char("+")], .act(.addQuote), "add a quote", footer: "quote"),
        b(.request, [.char("n")], .act(.logUpdate), "log an update", footer: "update"),
        b(.request, [.char("B")], .act(.setBaseline), "set the baseline"),
        b(.request, [.char("F")], .act(.setFinal), "set the final price", footer: "final"),
        b(.request, [.char("$")], .act(.setCostAvoidance), "set cost avoidance"),
        b(.request, [.char("S")], .act(.submitSavings), "submit savings", footer: "submit"),
        b(.request, [.char("Y")], .act(.approve), "approve savings (EM)", footer: "approve"),
        b(.request, [.char("N")], .act(.reject), "reject savings (EM, note)", footer: "reject"),
        b(.request, [.char("e")], .act(.escalate), "escalate (reason, note)"),
        b(.request, [.char("!")], .act(.flagBreach), "flag the TAT breach (analyst)", footer: "flag breach"),
        b(.request, [.char("X")], .act(.cancel), "cancel (reason)"),
        b(.request, [.char("K")], .act(.close), "close an approved request"),
        b(.request, [.char("L")], .act(.markLost), "mark lost (reason)"),

        b(.board, [.char("h"), .left], .left, "previous column"),
        b(.board, [.char("l"), .right], .right, "next column"),
        b(.board, [.char("[")], .previousPod, "previous POD"),
        b(.board, [.char("]")], .nextPod, "next POD", footer: "POD"),
        b(.board, [.enter], .open, "open the request", footer: "open"),
        b(.board, [.char("I")], .intake, "raise a request (intake) for an account of the POD", footer: "intake"),
        b(.board, [.char("W")], .export(.catchUp), "POD weekly catch-up: preview it, write a .md file", footer: "catch-up"),
        b(.board, [.char("T")], .export(.monthly), "POD monthly report (to date): preview, write .md", footer: "monthly"),

        b(.aging, [.enter], .open, "open the request", footer: "open"),
        b(.aging, [.char("/")], .filterText, "filter by any text shown, flags too", footer: "filter"),
        b(.aging, [.char("m")], .cycleScope, "show mine / my POD / all PODs", footer: "mine/POD/all"),
        b(.aging, [.char("b")], .toggleBreached, "breached only, or all", footer: "breached"),
        b(.aging, [.char("s")], .cycleStatus, "next status filter", footer: "status"),
        b(.aging, [.char("c")], .clearFilters, "clear filters"),
        b(.aging, [.char("v")], .act(.markReviewed), "mark today's aging reviewed", footer: "reviewed"),

        b(.renewals, [.char("[")], .previousQuarter, "previous quarter", footer: "quarter"),
        b(.renewals, [.char("]")], .nextQuarter, "next quarter"),
        b(.renewals, [.enter], .open, "open the account", footer: "open"),
        b(.renewals, [.char("R")], .act(.raise), "raise the renewal request of the contract", footer: "raise renewal"),
        b(.renewals, [.char("P")], .act(.publishCalendar), "publish this quarter's renewal calendar", footer: "publish"),
        b(.renewals, [.char("i")], .export(.calendar), "the quarter's calendar: preview, write an .ics file", footer: "iCal"),

        b(.kpis, [.enter], .open, "why: the items behind the gauge", footer: "why"),
        b(.kpis, [.char("[")], .previousPod, "previous POD"),
        b(.kpis, [.char("]")], .nextPod, "next POD", footer: "POD"),
        b(.kpis, [.char("r")], .act(.recordMeasurement), "record a measurement of the measured gauge under the cursor", footer: "record"),

        b(.escalations, [.enter], .open, "open the request", footer: "open"),
        b(.escalations, [.char("a")], .act(.acknowledgeEscalation), "acknowledge the escalation (EM, note)", footer: "acknowledge"),
        b(.escalations, [.char("r")], .act(.resolveEscalation), "resolve the escalation (EM, resolution)", footer: "resolve"),
        b(.escalations, [.char("f")], .cycleEscalationFilter, "show open / not acknowledged / all", footer: "open/new/all"),
        b(.escalations, [.char("[")], .previousPod, "previous POD"),
        b(.escalations, [.char("]")], .nextPod, "next POD", footer: "POD"),

        b(.detail, [.escape, .backspace], .back, "back", footer: "back"),
        b(.detail, [.enter], .open, "open the line's request or account", footer: "open"),
        b(.detail, [.char("a")], .openAccount, "open the request's account", footer: "account"),
        b(.detail, [.char("h")], .act(.setHealth), "set the account's health (EM, CSM)", footer: "health"),

        b(.accounts, [.enter], .open, "open the account", footer: "open"),
        b(.accounts, [.char("[")], .previousPod, "previous POD"),
        b(.accounts, [.char("]")], .nextPod, "next POD", footer: "POD"),
        b(.accounts, [.char("W")], .export(.catchUp), "POD weekly catch-up: preview it, write a .md file"),
        b(.accounts, [.char("T")], .export(.monthly), "POD monthly report (to date): preview, write .md"),

        b(.account, [.char("x")], .act(.tickItem), "tick / untick the checklist item", footer: "tick"),
        b(.account, [.char("i")], .act(.addItem), "add a checklist item", footer: "add item"),
        b(.account, [.char("C")], .act(.addContract), "add a contract to the SaaS stack", footer: "add contract"),
        b(.account, [.char("E")], .act(.editContract), "edit the contract's terms", footer: "edit"),
        b(.account, [.char("M")], .act(.convertToAnnual), "convert the monthly contract to annual", footer: "→ annual"),
        b(.account, [.char("o")], .act(.takeOffline), "mark the contract offline / on the platform", footer: "offline/on"),
        b(.account, [.char("s")], .act(.sunset), "sunset the contract (a date)", footer: "sunset"),
        b(.account, [.char("U")], .export(.customerUpdate), "customer update (14 days): preview, write .md", footer: "update"),
        b(.whoAmI, [.char("k"), .up], .up, "up"),
        b(.whoAmI, [.char("j"), .down], .down, "down"),
        b(.whoAmI, [.pageUp], .pageUp, "page up"),
        b(.whoAmI, [.pageDown], .pageDown, "page down"),
        b(.whoAmI, [.char("g"), .home], .top, "first"),
        b(.whoAmI, [.char("G"), .end], .bottom, "last"),
        b(.whoAmI, [.enter], .open, "be this person (or just look, read-only)", footer: "choose"),
        b(.whoAmI, [.char("?")], .help, "help"),
        b(.whoAmI, [.char("q"), .ctrl("c")], .quit, "quit"),

        b(.drill, [.char("/")], .filterText, "search the lines (n / N step through the matches)", footer: "search"),
        b(.drill, [.char("n")], .nextMatch, "next match", footer: "next"),
        b(.drill, [.char("N")], .previousMatch, "previous match"),

        b(.help, [.escape, .char("?"), .char("q")], .back, "close help", footer: "close"),
        b(.help, [.char("k"), .up], .up, "scroll up"),
        b(.help, [.char("j"), .down], .down, "scroll down"),
        b(.help, [.pageUp], .pageUp, "page up"),
        b(.help, [.pageDown], .pageDown, "page down"),
        b(.help, [.char("g"), .home], .top, "first line"),
        b(.help, [.char("G"), .end], .bottom, "last line"),

        b(.preview, [.escape, .char("q")], .back, "close the preview (the file stays)", footer: "close"),
        b(.preview, [.char("?")], .help, "help"),
        b(.preview, [.char("k"), .up], .up, "scroll up"),
        b(.preview, [.char("j"), .down], .down, "scroll down"),
        b(.preview, [.pageUp], .pageUp, "page up"),
        b(.preview, [.pageDown], .pageDown, "page down"),
        b(.preview, [.char("h"), .left], .left, "scroll left (wide tables)"),
        b(.preview, [.char("l"), .right], .right, "scroll right (wide tables)", footer: "sideways"),
        b(.preview, [.char("g"), .home], .top, "first line"),
        b(.preview, [.char("G"), .end], .bottom, "last line"),
    ] + navigation + editing

    /// The bindings of one scope (not its layers).
    public static func bindings(in scope: KeyScope) -> [Binding] { bindings.filter { $0.scope == scope } }

    /// The command a key runs in a scope: the scope's own binding first, then its layers'.
    public static func command(for key: KeyEvent, in scope: KeyScope) -> Command? {
        for s in scope.layered {
            if let hit = bindings.first(where: { $0.scope == s && $0.keys.contains(key) }) { return hit.command }
        }
        return nil
    }

    /// The footer hints of a scope: its own footer bindings, then the global ones.
    public static func footer(for scope: KeyScope) -> [Binding] {
        scope.layered.flatMap { s in bindings.filter { $0.scope == s && $0.footer != nil } }
    }

    /// Pairs of bindings that share a key while both are active (a scope and its layers). Must be empty: a
    /// key means one thing wherever you are.
    public static func conflicts(in table: [Binding] = bindings) -> [(key: KeyEvent, first: Binding, second: Binding)] {
        var out: [(key: KeyEvent, first: Binding, second: Binding)] = []
        for scope in KeyScope.allCases {
            var seen: [KeyEvent: Binding] = [:]
            for binding in table where scope.layered.contains(binding.scope) {
                for key in binding.keys {
                    if let other = seen[key] { out.append((key, other, binding)) }
                    seen[key] = binding
                }
            }
        }
        return out
    }
}
