import PodboardCore

/// The home view's "Since you last looked": what others did to your requests since your previous session
/// (PodboardCore's `SinceLastLooked`, the same list as `podboard log --since last`), newest first; each line
/// opens its request.
enum HomeSince {
    /// At most this many lines; `podboard log --since last` has them all.
    static let limit = 6

    static func lines(_ state: AppState, user: Person) -> [HomeView.Line] {
        guard let marks = state.lastSeen else { return [] }
        let data = state.data
        let zone = state.zone
        guard let mark = marks[user.id] else {
            return [.section("Since you last looked", [Span("first session here: others' changes show next time", .muted)])]
        }
        let items = SinceLastLooked.items(data.store, for: user.id, since: .mark(mark))
        var out: [HomeView.Line] = [.section("Since you last looked (\(items.count))",
                                             [Span("since " + stamp(mark.at, zone) + " · newest first", .muted)])]
        if items.isEmpty { out.append(.note([Span("  nothing new on your requests", .muted)])) }
        let text = ActivityText(store: data.store)
        for item in items.prefix(limit) {
            guard let r = data.store.request(item.request) else { continue }
            let a = item.activity
            // Today's entries say only the time.
            let when = zone.date(of: a.at) == data.today ? clock(a.at, zone) : stamp(a.at, zone)
            var spans: StyledLine = [Span(Format.fit(r.id, 9), .accent), Span(when + "  ", .muted),
                                     Span(DisplayWidth.sanitized(text.who(a)) + " ", .accent), Span(text.what(a), .normal, .bold)]
            let change = text.change(a)
            if !change.isEmpty { spans.append(Span(": " + DisplayWidth.sanitized(change))) }
            out.append(.request(r, spans))
        }
        if items.count > limit {
            out.append(.note([Span("  … \(items.count - limit) more: podboard log --since last", .muted)]))
        }
        return out
    }

    /// "Nov 23 10:42", in the store's zone.
    static func stamp(_ t: Timestamp, _ zone: Zone) -> String {
        Format.short(zone.date(of: t)) + " " + clock(t, zone)
    }

    /// "10:42", in the store's zone.
    static func clock(_ t: Timestamp, _ zone: Zone) -> String {
        let s = zone.local(t).secondOfDay
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return pad(s / 3600) + ":" + pad(s / 60 % 60)
    }
}
