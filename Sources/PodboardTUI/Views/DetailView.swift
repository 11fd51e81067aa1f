import Foundation
import PodboardCore

/// What the account view's action keys act on when the cursor is on a line.
public enum LineSubject: Sendable, Equatable {
    /// Item `index` (0 = first) of the account's onboarding checklist.
    case checklistItem(account: String, index: Int)
    case contract(String)
}

/// One line of a detail view; a line with a link opens that request or account on Enter.
public struct DetailLine: Sendable {
    public var spans: StyledLine
    public var link: DetailTarget?
    public var subject: LineSubject?
    public init(_ spans: StyledLine, link: DetailTarget? = nil, subject: LineSubject? = nil) {
        self.spans = spans; self.link = link; self.subject = subject
    }
}

/// Detail views: a request, an account, or the items behind a KPI gauge. Each is a list of lines with a cursor
/// that scrolls; Enter on a line that names a request or an account opens it, Esc goes back.
public enum DetailView {
    public static func title(_ state: AppState, _ target: DetailTarget) -> String {
        switch target {
        case .request(let id): return "request \(id)"
        case .account(let id): return "account " + state.data.accountName(id)
        case .kpi(let id, let scope): return "\(id) · \(scopeName(state, scope))"
        }
    }

    static func scopeName(_ state: AppState, _ scope: String) -> String {
        if let pod = state.data.store.pods.first(where: { $0.id == scope }) { return "POD " + pod.name }
        return state.data.name(scope)
    }

    /// The lines of a detail view.
    public static func lines(_ state: AppState, _ target: DetailTarget) -> [DetailLine] {
        // Kept per target and width (the views wrap and place text by the width), for the revision in view.
        state.data.models.model("detail", key: "\(state.size.width)|\(target)") { derive(state, target) }
    }

    static func derive(_ state: AppState, _ target: DetailTarget) -> [DetailLine] {
        switch target {
        case .request(let id): return RequestDetail.lines(state, id)
        case .account(let id): return AccountDetail.lines(state, id)
        case .kpi(let id, let scope): return KPIDrillDown.lines(state, id: id, scope: scope)
        }
    }

    public static func visibleRows(_ body: Rect) -> Int { max(1, body.height) }

    static func draw(_ state: AppState, _ detail: DetailState, into buf: inout CellBuffer, rect: Rect) {
        let all = lines(state, detail.target)
        let visible = visibleRows(rect)
        let offset = Scrolling.offset(selection: detail.cursor, current: detail.offset, visible: visible, count: all.count)
        for i in 0..<min(visible, max(0, all.count - offset)) {
            let line = all[offset + i]
            let y = rect.y + i
            let selected = offset + i == detail.cursor
            if selected { buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
            var spans = line.spans
            if selected { spans = spans.map { Span($0.text, .selection, $0.extra) } }
            // A line with a link leaves room for its marker, so the marker never hides the end of the text.
            let open = Keymap.key(.open, in: .detail) + " ›"
            let marker = line.link == nil ? 0 : (selected ? DisplayWidth.of(open) + 1 : 2)
            buf.write(spans, x: rect.x + 1, y: y, maxWidth: rect.width - 2 - marker)
            if AppUpdate.lineMatches(line, detail.search) { buf.write("▌", x: rect.x, y: y, role: .focus) }
            if line.link != nil && !selected {
                buf.write("›", x: rect.x + rect.width - 2, y: y, role: .muted)
            } else if line.link != nil {
                buf.write(open, x: rect.x + rect.width - DisplayWidth.of(open) - 1, y: y, role: .selection, extra: .bold)
            }
        }
        if all.count > visible {
            let pos = " \(detail.cursor + 1)/\(all.count) "
            buf.write(pos, x: rect.x + rect.width - DisplayWidth.of(pos) - 1, y: rect.y, role: .muted)
        }
    }

    // Building blocks shared by the detail views.

    static func heading(_ text: String) -> DetailLine { DetailLine([Span(text, .title, .bold)]) }
    static let blank = DetailLine([])
    static func field(_ name: String, _ value: String, _ role: ThemeRole = .normal, width: Int = 18) -> DetailLine {
        DetailLine([Span(Format.fit(name, width), .muted), Span(value, role)])
    }
}
