import PodboardCore

/// The "Activity" section of the request and account views: the activity entries about them, newest first:
/// when (the store's time zone), who, what, and the values before → after (PodboardCore's `ActivityText`, the
/// same text as `podboard log`).
enum ActivitySection {
    /// At most this many entries are listed; `podboard log` has the rest.
    static let limit = 30

    /// - Parameters:
    ///   - targets: the ids whose entries are listed (a request; an account and its requests).
    ///   - logName: the `podboard log` target that lists them all, if there is one.
    ///   - linkRequests: entries about a request name it and open it on Enter (the account view).
    static func lines(_ state: AppState, targets: Set<String>, logName: String?, linkRequests: Bool = false) -> [DetailLine] {
        let log = state.data.store.activity
        // Newest first, as `ActivityText.entries(about:in:)` lists them, from the revision's index by target.
        let byTarget = state.data.models.activityByTarget
        let found = targets.flatMap { byTarget[$0] ?? [] }.filter { log.indices.contains($0) }.sorted(by: >)
        let text = ActivityText(store: state.data.store)
        var out: [DetailLine] = [DetailView.blank, DetailView.heading("Activity (\(found.count))")]
        if found.isEmpty { out.append(DetailLine([Span("  nothing logged yet", .muted)])) }
        for i in found.prefix(limit) {
            let a = log[i]
            var spans: StyledLine = [Span("  " + text.when(a) + "  ", .muted)]
            let isRequest = linkRequests && state.data.request(a.target) != nil
            if isRequest { spans.append(Span(a.target + " ", .accent)) }
            spans += [Span(text.who(a) + "  ", .accent), Span(text.what(a), .normal, .bold)]
            let change = text.change(a)
            let link: DetailTarget? = isRequest ? .request(a.target) : nil
            let room = state.size.width - 4  // the view's margins and the link mark
            if change.isEmpty {
                out.append(DetailLine(spans, link: link))
            } else if spans.reduce(0, { $0 + $1.width }) + 2 + DisplayWidth.of(DisplayWidth.sanitized(change)) <= room {
                out.append(DetailLine(spans + [Span("  " + change)], link: link))
            } else {
                // The values go on a line of their own rather than be cut.
                out.append(DetailLine(spans, link: link))
                out.append(DetailLine([Span("      " + change)], link: link))
            }
        }
        if found.count > limit {
            out.append(DetailLine([Span("  … \(found.count - limit) older entries" + (logName.map { ": podboard log " + $0 } ?? " not shown"), .muted)]))
        }
        return out
    }
}
