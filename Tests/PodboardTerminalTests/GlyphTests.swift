import CNcurses
import Testing
import PodboardTUI
@testable import PodboardTerminal

/// How a cell's grapheme becomes the characters of an ncurses cchar_t. The C library's `wcwidth` is replaced by
/// a small table (glibc's answers, UTF-8 locale) so the tests do not depend on the locale they run in.
@Suite("NcursesTerminal.composeGlyph: cell text to cchar_t characters")
struct GlyphTests {
    static func wcwidth(_ c: UInt32) -> Int32 {
        switch c {
        case 0x0300...0x036F, 0x200D, 0xFE0F, 0x20E3: return 0
        case 0x65E5, 0x672C, 0x1F680, 0x1F468, 0x1F469, 0x1F3FD, 0x1F44D: return 2
        case 0x7F...0x9F, 0..<0x20, 0x1FAF7: return -1
        default: return 1
        }
    }

    private func compose(_ text: String, cells: Int = 1) -> (chars: [UInt32], width: Int) {
        var out: [wchar_t] = []
        let w = NcursesTerminal.composeGlyph(text, cells: cells, into: &out, width: Self.wcwidth)
        #expect(out.last == 0, "NUL-terminated")
        return (out.dropLast().map { UInt32(bitPattern: $0) }, w)
    }

    @Test func ascii() {
        #expect(compose("a").chars == [0x61])
        #expect(compose("a").width == 1)
        #expect(compose(" ").chars == [0x20])
    }

    @Test func cjkTakesTwoCells() {
        #expect(compose("日", cells: 2).chars == [0x65E5])
        #expect(compose("日", cells: 2).width == 2)
    }

    @Test func combiningMarksStayWithTheirBase() {
        #expect(compose("e\u{301}").chars == [0x65, 0x301])
        #expect(compose("e\u{301}\u{302}").chars == [0x65, 0x301, 0x302])
    }

    @Test func atMostCCHARW_MAXCharacters() {
        let most = "e" + String(repeating: "\u{301}", count: Int(CCHARW_MAX) - 1)
        #expect(compose(most).chars.count == Int(CCHARW_MAX))
        // More marks than a cell holds: the base alone, never a part of the cluster.
        let many = "e" + String(repeating: "\u{301}", count: 10)
        #expect(compose(many).chars == [0x65])
    }

    @Test func controlCharactersAreNeverSent() {
        for text in ["\u{1B}", "\u{1B}[31m", "a\u{7}", "\u{7F}", "\u{85}", "\u{9B}", "\n", "\t", "\u{0}"] {
            #expect(compose(text).chars == [0x3F], "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func emptyTextDrawsAQuestionMark() {
        #expect(compose("").chars == [0x3F])
    }

    @Test func zwjSequenceIsDrawnByItsBaseWithoutAJoiner() {
        // A joiner sent after the base joins whatever the terminal draws next: stray joiners (issue 11).
        let family = "\u{1F468}\u{200D}\u{1F469}"
        #expect(compose(family, cells: 2).chars == [0x1F468])
        #expect(compose(family, cells: 2).width == 2)
    }

    @Test func noClusterIsEverSentInPartOrWithATrailingJoiner() {
        let samples = ["\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", "\u{1F44D}\u{1F3FD}", "\u{1F1EF}\u{1F1F5}",
                       "e\u{301}", "a\u{200D}", "\u{1F469}\u{1F3FD}\u{200D}\u{1F680}", "\u{2764}\u{FE0F}"]
        for text in samples {
            for cells in [1, 2] {
                let chars = compose(text, cells: cells).chars
                let scalars = text.unicodeScalars.map(\.value)
                #expect(!chars.contains(0x200D), "\(scalars) in \(cells): \(chars)")
                // Either "?", the base alone, or the whole cluster.
                #expect(chars == [0x3F] || chars == [scalars[0]] || chars == scalars.filter { $0 != 0x200D }, "\(scalars): \(chars)")
            }
        }
    }

    @Test func emojiThatTheCLibrarySeesAsNarrowIsDrawnNarrow() {
        // "❤️": the frame gives it two cells, wcwidth(U+2764) is 1: draw the heart alone, the caller pads.
        let r = compose("\u{2764}\u{FE0F}", cells: 2)
        #expect(r.chars == [0x2764])
        #expect(r.width == 1)
    }

    @Test func flagsBecomeAQuestionMarkWhenTheWidthsDisagree() {
        let r = compose("\u{1F1EF}\u{1F1F5}", cells: 2)
        #expect(r.chars == [0x3F])
        #expect(r.width == 1)
    }

    @Test func wideCharacterInOneCellIsAQuestionMark() {
        // At the last column, or where the width tables disagree: never let ncurses wrap or shift the line.
        #expect(compose("日", cells: 1).chars == [0x3F])
        #expect(compose("日", cells: 1).width == 1)
    }

    @Test func characterUnknownToTheCLibraryIsAQuestionMark() {
        #expect(compose("\u{1FAF7}").chars == [0x3F])
        #expect(compose("\u{1FAF7}", cells: 2).width == 1)
    }

    @Test func loneCombiningMarkIsAQuestionMark() {
        #expect(compose("\u{301}").chars == [0x3F])
    }
}

@Suite("NcursesTerminal.attributes")
struct AttributeTests {
    @Test func attributesAreDistinctBits() {
        let all: [TextAttributes] = [.bold, .dim, .underline, .reverse]
        let bits = all.map { NcursesTerminal.attributes($0) }
        #expect(Set(bits).count == 4)
        #expect(bits.allSatisfy { $0 != 0 })
        #expect(NcursesTerminal.attributes([]) == 0)
        #expect(NcursesTerminal.attributes([.bold, .reverse]) == bits[0] | bits[3])
    }
}
