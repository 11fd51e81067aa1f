import PodboardCore

/// The modal form of an action, drawn over the screen: a box with the fields, the error if any, and the
/// confirmation question for approve, reject, cancel and disqualify.
enum FormView {
    static func draw(_ form: FormState, into buf: inout CellBuffer, size: Size) {
        let width = min(72, size.width - 4)
        let height = min(size.height - 2, form.fields.count * 2 + 6 + form.notes.count + (form.notes.isEmpty ? 0 : 1))
        let r = Rect(x: (size.width - width) / 2, y: max(1, (size.height - height) / 2), width: width, height: height)
        buf.fill(r, role: .normal)
        buf.box(r, title: form.title, role: .focus)
        var y = r.y + 2
        let labelWidth = min(30, (form.fields.map { DisplayWidth.of($0.label + ($0.required ? "" : " (optional)")) }.max() ?? 0) + 1)
        let fieldWidth = width - labelWidth - 6
        for (i, f) in form.fields.enumerated() {
            let focused = i == form.focus && !form.confirming
            buf.write(Format.fit(f.label + (f.required ? "" : " (optional)"), labelWidth), x: r.x + 2, y: y, role: focused ? .focus : .muted)
            let x = r.x + 3 + labelWidth
            buf.fill(Rect(x: x, y: y, width: fieldWidth, height: 1), role: .input)
            switch f.kind {
            case .picker(let choices):
                let label = choices.indices.contains(f.choice) ? choices[f.choice].label : "–"
                buf.write("‹ " + label + " ›", x: x, y: y, maxWidth: fieldWidth, role: .input, extra: focused ? .bold : [])
                if focused { buf.write("\(f.choice + 1)/\(choices.count)", x: x + fieldWidth - 6, y: y, role: .input) }
            case .text, .amount:
                // Keep the cursor in view: show the end of a long text.
                let before = String(f.text[0..<f.cursor])
                let after = String(f.text[f.cursor...])
                var shown = before
                while DisplayWidth.of(shown) > fieldWidth - 2, !shown.isEmpty { shown.removeFirst() }
                let used = buf.write(shown, x: x, y: y, maxWidth: fieldWidth, role: .input)
                if focused { buf.write("▏", x: x + used, y: y, role: .input, extra: .bold) }
                buf.write(after, x: x + used + (focused ? 1 : 0), y: y, maxWidth: max(0, fieldWidth - used - 1), role: .input)
            }
            y += 2
        }
        for note in form.notes where y < r.y + r.height - 2 {
            buf.write(note, x: r.x + 2, y: y, maxWidth: width - 4, role: .normal)
            y += 1
        }
        let bottom = r.y + r.height - 2
        if form.confirming {
            buf.write("Really \(form.action.kind.title) \(form.action.target)?  " + KeyHints.yesNo, x: r.x + 2, y: bottom, maxWidth: width - 4, role: .warning, extra: .bold)
        } else if let e = form.error {
            buf.write(e, x: r.x + 2, y: bottom, maxWidth: width - 4, role: .breach)
        } else {
            buf.write(KeyHints.line(for: FormEditor.scope(form)), x: r.x + 2, y: bottom, maxWidth: width - 4, role: .muted)
        }
    }
}
