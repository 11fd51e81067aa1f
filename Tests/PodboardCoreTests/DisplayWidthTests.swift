import Testing
@testable import PodboardCore

@Suite("DisplayWidth")
struct DisplayWidthTests {
    // MARK: - Width

    @Test func asciiIsOneCellPerCharacter() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("hello, world") == 12)
        #expect(DisplayWidth.of(" ") == 1)
        #expect("Podcast #42 ~ [ok]".displayWidth == 18)
        #expect(DisplayWidth.of("abcdef".dropFirst(2)) == 4)  // Substring
    }

    @Test func cjkIsTwoCellsPerCharacter() {
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("東京 Tokyo") == 10)
        #expect(DisplayWidth.of("中文，标点。") == 12)  // fullwidth punctuation
        #expect(DisplayWidth.of("日本語".dropFirst()) == 4)  // Substring
    }

    @Test func hangul() {
        #expect(DisplayWidth.of("한국어") == 6)
        // Conjoining jamo: leading consonant + vowel + final consonant is one syllable.
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)
        #expect(DisplayWidth.scalarWidth("\u{1161}") == 0)
        #expect(DisplayWidth.scalarWidth("\u{11A8}") == 0)
    }

    @Test func fullwidthAndHalfwidthForms() {
        #expect(DisplayWidth.of("ＡＢＣ１２３") == 12)
        #expect(DisplayWidth.scalarWidth("\u{3000}") == 2)  // ideographic space
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4)  // halfwidth katakana
    }

    @Test func emoji() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)  // modifier sequence
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)  // ZWJ sequence
        #expect(DisplayWidth.of("🇯🇵") == 2)  // flag
        #expect(DisplayWidth.of("❤️") == 2)  // text-default base + VS16
        #expect(DisplayWidth.of("#️⃣") == 2)  // keycap
        #expect(DisplayWidth.of("1\u{20E3}") == 2)  // keycap without VS16
        #expect(DisplayWidth.of("🏳️‍🌈") == 2)
        #expect(DisplayWidth.of("❤\u{200D}🔥") == 2)  // ZWJ sequence without VS16
        #expect(DisplayWidth.of("☝🏽") == 2)  // text-default modifier base
        #expect(DisplayWidth.of("🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}") == 2)  // tag flag
        #expect(DisplayWidth.of("🇯🇵🇫🇷") == 4)
        #expect(DisplayWidth.of("ok 👍") == 5)
    }

    @Test func emojiTextPresentation() {
        #expect(DisplayWidth.of("❤") == 1)  // U+2764 without VS16
        #expect(DisplayWidth.of("\u{1F321}") == 1)  // thermometer: Emoji_Presentation=No
        #expect(DisplayWidth.of("\u{1F321}\u{FE0F}") == 2)
        #expect(DisplayWidth.of("\u{1F1EF}") == 1)  // lone regional indicator
        #expect(DisplayWidth.of("\u{1F1EF}\u{1F1F5}\u{1F1FA}") == 3)  // flag + lone indicator
    }

    @Test func emojiNewerThanPythonUnicodeData() {
        // Unicode 15-17 emoji: unassigned in the unicodedata the tables used.
        #expect(DisplayWidth.scalarWidth("\u{1FA77}") == 2)  // pink heart (15.0)
        #expect(DisplayWidth.scalarWidth("\u{1FA89}") == 2)  // harp (16.0)
        #expect(DisplayWidth.scalarWidth("\u{1F6D8}") == 2)  // 17.0
        #expect(DisplayWidth.scalarWidth("\u{1FAFF}") == 2)  // still unassigned in an emoji block
    }

    @Test func combiningMarksAddNothing() {
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.of("a\u{0308}\u{0301}") == 1)
        #expect(DisplayWidth.of("Cafe\u{0301} Noe\u{0308}l") == 9)
        #expect(DisplayWidth.of("\u{0301}") == 0)  // a lone mark
        #expect(DisplayWidth.of("か\u{3099}") == 2)  // combining voiced mark on a wide base
        #expect(DisplayWidth.scalarWidth("\u{0301}") == 0)
        #expect(DisplayWidth.scalarWidth("\u{20DD}") == 0)  // enclosing mark (Me)
    }

    @Test func zeroWidthCharacters() {
        #expect(DisplayWidth.of("\u{200B}") == 0)  // zero width space
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("a\u{200D}b") == 2)  // ZWJ between letters
        #expect(DisplayWidth.of("\u{2060}") == 0)  // word joiner
        #expect(DisplayWidth.of("\u{FEFF}") == 0)  // BOM
        #expect(DisplayWidth.of("\u{FE0F}") == 0)  // lone variation selector
        #expect(DisplayWidth.of("\u{E0100}") == 0)  // variation selector supplement
        #expect(DisplayWidth.scalarWidth("\u{200E}") == 0)  // LRM
        #expect(DisplayWidth.scalarWidth("\u{00AD}") == 1)  // soft hyphen is drawn
    }

    @Test func scalarWidths() {
        #expect(DisplayWidth.scalarWidth("a") == 1)
        #expect(DisplayWidth.scalarWidth("é") == 1)
        #expect(DisplayWidth.scalarWidth("日") == 2)
        #expect(DisplayWidth.scalarWidth("\u{20000}") == 2)  // CJK Extension B
        #expect(DisplayWidth.scalarWidth("\u{31350}") == 2)  // CJK Extension H (Unicode 15)
        #expect(DisplayWidth.scalarWidth("😀") == 2)
        #expect(DisplayWidth.scalarWidth("\u{1B}") == 1)  // shown as a stand-in
        #expect(DisplayWidth.scalarWidth("\u{202E}") == 1)  // shown as a stand-in
        #expect(DisplayWidth.scalarWidth("α") == 1)  // East Asian Ambiguous is narrow
    }

    @Test func controlCharactersCountOneCell() {
        #expect(DisplayWidth.of("\u{1B}") == 1)
        #expect(DisplayWidth.of("a\tb") == 3)
        #expect(DisplayWidth.of("\r\n") == 2)  // one cluster, two stand-ins
        #expect(DisplayWidth.of("\u{85}é") == 2)  // C1 + non-ASCII
    }

    @Test func tablesAreSortedAndDisjoint() {
        for table in [DisplayWidthTables.zeroWidth, DisplayWidthTables.wide] {
            #expect(!table.isEmpty)
            for (a, b) in zip(table, table.dropFirst()) {
                #expect(a.upperBound + 1 < b.lowerBound)
            }
        }
        #expect(!DisplayWidth.unicodeVersion.isEmpty)
    }

    // MARK: - Sanitizing

    @Test func sanitizedRemovesEscapeSequences() {
        let s = DisplayWidth.sanitized("\u{1B}[31mred\u{1B}[0m")
        #expect(!s.unicodeScalars.contains("\u{1B}"))
        #expect(s == "\u{FFFD}[31mred\u{FFFD}[0m")
    }

    @Test func sanitizedTurnsLineBreaksAndTabsIntoSpaces() {
        #expect(DisplayWidth.sanitized("a\nb") == "a b")
        #expect(DisplayWidth.sanitized("a\r\nb") == "a  b")
        #expect(DisplayWidth.sanitized("a\tb\rc") == "a b c")
        #expect(DisplayWidth.sanitized("a\u{2028}b") == "a b")
    }

    @Test func sanitizedLeavesNoControlCharacters() {
        let all = String(String.UnicodeScalarView((0...0x9F).compactMap(Unicode.Scalar.init)))
        let s = DisplayWidth.sanitized(all + "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}")
        #expect(s.unicodeScalars.allSatisfy { $0.value >= 0x20 })
        #expect(!s.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
        #expect(!s.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
        #expect(s.unicodeScalars.count == 0xA0 + 9)  // one stand-in per replaced scalar
        #expect(DisplayWidth.of(s) == DisplayWidth.of(all) + 9)
    }

    @Test func sanitizedBidiOverride() {
        #expect(DisplayWidth.sanitized("abc\u{202E}fed\u{202C}") == "abc\u{FFFD}fed\u{FFFD}")
        #expect(DisplayWidth.sanitized("\u{2067}x\u{2069}") == "\u{FFFD}x\u{FFFD}")
    }

    @Test func sanitizedKeepsOrdinaryText() {
        let text = "日本語 café 👨‍👩‍👧 e\u{0301} \u{200D}"
        #expect(DisplayWidth.sanitized(text) == text)
        #expect(DisplayWidth.sanitized("") == "")
    }

    @Test func sanitizedKeepsWidth() {
        for s in ["\u{1B}[1mbold", "tab\there", "\r\n", "日本\n語", "\u{85}\u{9F}x", "a\u{202E}b"] {
            #expect(DisplayWidth.of(DisplayWidth.sanitized(s)) == DisplayWidth.of(s), "\(s.debugDescription)")
        }
    }

    // MARK: - Truncating

    @Test func truncatedNeverSplitsWideCharacters() {
        let t = DisplayWidth.truncated("日本語", toWidth: 4)
        #expect(t == "日…")
        #expect(DisplayWidth.of(t) <= 4)
        #expect(t.hasSuffix("…"))
        #expect(DisplayWidth.truncated("日本語", toWidth: 5) == "日本…")
        #expect(DisplayWidth.truncated("日本語", toWidth: 2) == "…")
        #expect(DisplayWidth.truncated("日本語", toWidth: 1) == "…")
        #expect(DisplayWidth.truncated("👨‍👩‍👧👨‍👩‍👧", toWidth: 3) == "👨‍👩‍👧…")
    }

    @Test func truncatedLeavesFittingTextUnchanged() {
        #expect(DisplayWidth.truncated("日本語", toWidth: 6) == "日本語")
        #expect(DisplayWidth.truncated("日本語", toWidth: 60) == "日本語")
        #expect(DisplayWidth.truncated("hello", toWidth: 5) == "hello")
        #expect(DisplayWidth.truncated("", toWidth: 3) == "")
    }

    @Test func truncatedAscii() {
        #expect(DisplayWidth.truncated("hello world", toWidth: 8) == "hello w…")
        #expect(DisplayWidth.truncated("hello world", toWidth: 8, ellipsis: "...") == "hello...")
        #expect(DisplayWidth.truncated("hello world", toWidth: 5, ellipsis: "") == "hello")
        #expect(DisplayWidth.truncated("hello", toWidth: 2, ellipsis: "...") == "he")  // ellipsis wider than w
    }

    @Test func truncatedKeepsWholeClusters() {
        #expect(DisplayWidth.truncated("e\u{0301}e\u{0301}e\u{0301}", toWidth: 2) == "e\u{0301}…")
        #expect(DisplayWidth.truncated("🇯🇵🇫🇷", toWidth: 3) == "🇯🇵…")
    }

    @Test func truncatedToNothing() {
        #expect(DisplayWidth.truncated("hello", toWidth: 0) == "")
        #expect(DisplayWidth.truncated("hello", toWidth: -3) == "")
    }

    // MARK: - Padding

    @Test func paddedAddsSpacesToExactWidth() {
        #expect(DisplayWidth.padded("abc", toWidth: 6) == "abc   ")
        #expect(DisplayWidth.padded("abc", toWidth: 6, alignRight: true) == "   abc")
        #expect(DisplayWidth.padded("日本", toWidth: 7) == "日本   ")
        #expect(DisplayWidth.padded("日本", toWidth: 7, alignRight: true) == "   日本")
        #expect(DisplayWidth.padded("e\u{0301}", toWidth: 3) == "e\u{0301}  ")
        #expect(DisplayWidth.padded("abc", toWidth: 3) == "abc")
        #expect(DisplayWidth.of(DisplayWidth.padded("東京 👍🏽", toWidth: 10)) == 10)
    }

    @Test func paddedTruncatesWhenTooWide() {
        #expect(DisplayWidth.padded("hello world", toWidth: 5) == "hell…")
        // "日本…" is 5 cells; one space makes 6.
        #expect(DisplayWidth.padded("日本語x", toWidth: 6) == "日本… ")
        #expect(DisplayWidth.padded("日本語x", toWidth: 6, alignRight: true) == " 日本…")
        #expect(DisplayWidth.padded("日本語", toWidth: 0) == "")
    }

    @Test func paddedIsAlwaysExactWidth() {
        let samples = ["", "a", "日本語", "👨‍👩‍👧 family", "e\u{0301}tude", "\u{0301}", "ＡＢ", "🇯🇵🇫🇷"]
        for s in samples {
            for w in 1...12 {
                #expect(DisplayWidth.of(DisplayWidth.padded(s, toWidth: w)) == w, "\(s.debugDescription) to \(w)")
                #expect(DisplayWidth.of(DisplayWidth.padded(s, toWidth: w, alignRight: true)) == w, "\(s.debugDescription) to \(w)")
            }
        }
    }
}
