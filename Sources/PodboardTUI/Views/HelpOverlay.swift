import PodboardCore

/// The `?` overlay: every binding of the scope in view and of the global scope, generated from the keymap.
public enum HelpOverlay {
    /// The help text lines for a scope: its own bindings, then the global ones.
    /// With a state, an action that cannot run now says why.
    public static func lines(for scope: KeyScope, state: AppState? = nil) -> [StyledLine] {
        var out: [StyledLine] = []
        for s in scope.layered where s != .help {
            out.append([Span(s.title, .title, .bold)])
            for b in Keymap.bindings(in: s) {
                var line: StyledLine = [Span("  " + Format.fit(b.keyNames, 16), .key), Span(b.label)]
                if case .act = b.command, let state, let why = AppUpdate.unavailable(b.command, state) {
                    line[1].role = .muted
                    // A reason too long for the line continues under it rather than being cut.
                    let room = rect(state.size).width - 4
                    let used = line.reduce(0) { $0 + $1.width }
                    if used + 3 + DisplayWidth.of(why) <= room {
                        line.append(Span(" — " + why, .muted))
                    } else {
                        out.append(line)
                        for part in Format.wrap("— " + why, width: max(20, room - 20)) {
                            out.append([Span(String(repeating: " ", count: 20) + part, .muted)])
                        }
                        continue
                    }
                }
                out.append(line)
            }
            out.append([])
        }
        out.append([Span(KeyHints.helpFooter, .muted)])
        return out
    }

    /// The lines the overlay shows for the state under it (what scrolling moves over).
    static func lines(shownOver state: AppState) -> [StyledLine] {
        var under = state
        under.help = nil
        return lines(for: underlyingScope(state), state: under)
    }

    /// The scope whose help is shown: what is under the overlay.
    static func underlyingScope(_ state: AppState) -> KeyScope {
        var s = state
        s.help = nil
        return Screen.scope(s)
    }

    static func rect(_ size: Size) -> Rect {
        let w = min(116, size.width - 4), h = size.height - 4
        return Rect(x: (size.width - w) / 2, y: 2, width: w, height: h)
    }

    static func visibleRows(_ size: Size) -> Int { max(1, rect(size).height - 2) }

    static func draw(_ state: AppState, offset: Int, into buf: inout CellBuffer) {
        let r = rect(state.size)
        buf.fill(r, role: .normal)
        buf.box(r, title: "Keys: " + underlyingScope(state).title, role: .focus)
        let all = lines(shownOver: state)
        let visible = visibleRows(state.size)
        let start = min(offset, max(0, all.count - visible))
        for i in 0..<min(visible, all.count - start) {
            buf.write(all[start + i], x: r.x + 2, y: r.y + 1 + i, maxWidth: r.width - 4)
        }
        if all.count > visible {
            buf.write(" \(start + 1)–\(min(all.count, start + visible)) of \(all.count) ", x: r.x + r.width - 16, y: r.y + r.height - 1, role: .muted)
        }
    }
}
