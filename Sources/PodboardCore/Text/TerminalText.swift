/// Text on its way to a terminal: the one sanitizer for every line the command line writes to one, and the cut
/// of values echoed in messages (docs/decisions.md, "Hostile input and output").
///
/// On a terminal, a control character is an instruction, not text: ESC starts OSC 0 (window title), OSC 52
/// (clipboard write), CSI 2J (clear); 0x9B is a one-byte CSI; BS and CR overwrite what was printed; U+202E
/// reverses it. Each such scalar is shown visibly as its Swift escape (`\u{1B}`), so that the user sees what
/// the data holds and the terminal does nothing. Files and pipes get the text exactly (see `Console`).
public enum TerminalText {
    /// Whether a scalar is never written raw to a terminal: C0 controls (but LF and TAB), DEL, C1 controls,
    /// the bidi controls (embeddings, overrides, isolates, LRM/RLM/ALM) and other invisible format characters
    /// (zero-width space, word joiner and invisible operators, BOM, interlinear annotation, Mongolian vowel
    /// separator, language tag). The zero-width joiner and non-joiner are kept: emoji sequences and Persian or
    /// Indic text need them, and they do nothing alone.
    @inline(__always)
    public static func isUnsafe(_ v: UInt32) -> Bool {
        if v < 0x20 { return v != 0x0A && v != 0x09 }
        if v < 0x7F { return false }
        if v <= 0x9F { return true }
        if v < 0x061C { return false }
        switch v {
        case 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2060...0x2064,
             0x2066...0x206F, 0xFEFF, 0xFFF9...0xFFFB, 0xE0001:
            return true
        default:
            return false
        }
    }

    /// `s` made safe for a terminal: every unsafe scalar written as `\u{HEX}`. Line breaks stay (a CR right
    /// before a LF too: CSV lines end so); with `keepingStyle`, SGR sequences (`ESC [ digits ; m`, podboard's
    /// own colours on text already sanitized) stay as well.
    public static func escaped(_ s: String, keepingStyle: Bool = false) -> String {
        let scalars = Array(s.unicodeScalars)
        guard scalars.contains(where: { isUnsafe($0.value) }) else { return s }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            if !isUnsafe(v) { out.append(scalars[i]); i += 1; continue }
            if v == 0x0D, i + 1 < scalars.count, scalars[i + 1].value == 0x0A { out.append(scalars[i]); i += 1; continue }
            if keepingStyle, v == 0x1B, let end = sgrEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i...end])
                i = end + 1
                continue
            }
            out.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
            i += 1
        }
        return String(out)
    }

    /// The index of the `m` closing an SGR sequence `ESC [ [0-9;]* m` starting at `i`, if it is one.
    static func sgrEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        guard i + 2 < s.count, s[i + 1] == "[" else { return nil }
        var j = i + 2
        while j < s.count, j - i < 24 {
            let c = s[j]
            if c == "m" { return j }
            guard ("0"..."9").contains(c) || c == ";" else { return nil }
            j += 1
        }
        return nil
    }

    /// How many characters of a value a message echoes.
    public static let echoLimit = 120

    /// A value echoed in a message, cut to `limit` characters (whole grapheme clusters) with a note of how long
    /// it is: a 10 MB string found in a store is named, not printed back.
    public static func cut(_ s: some StringProtocol, to limit: Int = echoLimit) -> String {
        if s.utf8.count <= limit { return String(s) }
        var n = 0
        var end = s.startIndex
        for i in s.indices {
            if n == limit { break }
            n += 1
            end = s.index(after: i)
        }
        if end == s.endIndex { return String(s) }
        return String(s[..<end]) + "… (\(s.count) characters in all)"
    }
}
