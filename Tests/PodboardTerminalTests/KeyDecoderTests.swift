import CNcurses
import CNcursesShim
import Testing
import PodboardTUI
@testable import PodboardTerminal

@Suite("KeyDecoder: wget_wch results to key events")
struct KeyDecoderTests {
    private func char(_ code: UInt32) -> KeyEvent? { KeyDecoder.decode(status: OK, code: code) }
    private func key(_ code: Int32) -> KeyEvent? { KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(code)) }

    @Test func mouseButtonsBecomeClicksDoubleClicksAndTheWheel() {
        #expect(KeyDecoder.mouse(bstate: UInt(podboard_button1_clicked()), x: 3, y: 4) == .mouse(MouseEvent(.click, x: 3, y: 4)))
        #expect(KeyDecoder.mouse(bstate: UInt(podboard_button1_double()), x: 0, y: 1) == .mouse(MouseEvent(.doubleClick, x: 0, y: 1)))
        #expect(KeyDecoder.mouse(bstate: UInt(podboard_button4()), x: 9, y: 9) == .mouse(MouseEvent(.wheelUp, x: 9, y: 9)))
        #expect(KeyDecoder.mouse(bstate: UInt(podboard_button5()), x: 9, y: 9) == .mouse(MouseEvent(.wheelDown, x: 9, y: 9)))
        // A release alone (or any other button) is nothing the app uses.
        #expect(KeyDecoder.mouse(bstate: 0, x: 1, y: 1) == nil)
        #expect(UInt(podboard_mouse_mask()) & UInt(podboard_button1_double()) != 0)
    }

    @Test func ctrlCIsAKeyInRawMode() {
        #expect(char(3) == .ctrl("c"))
    }

    @Test func ctrlLetters() {
        #expect(char(1) == .ctrl("a"))
        #expect(char(12) == .ctrl("l"))
        #expect(char(17) == .ctrl("q"))
        #expect(char(19) == .ctrl("s"))
        #expect(char(26) == .ctrl("z"))
        // Every code 1...26 except the special ones is Ctrl plus its letter.
        for code: UInt32 in 1...26 where ![8, 9, 10, 13].contains(code) {
            let letter = Character(Unicode.Scalar(UInt8(0x60 + code)))
            #expect(char(code) == .ctrl(letter))
        }
    }

    @Test func specialControlCodes() {
        #expect(char(9) == .tab)
        #expect(char(10) == .enter)
        #expect(char(13) == .enter)
        #expect(char(8) == .backspace)
        #expect(char(127) == .backspace)
        #expect(char(27) == .escape)
    }

    @Test func unusedControlCodesAreIgnored() {
        for code: UInt32 in [0, 28, 29, 30, 31, 0x80, 0x85, 0x9B, 0x9F] {
            #expect(char(code) == nil, "code \(code)")
        }
    }

    @Test func printableCharacters() {
        #expect(char(0x20) == .char(" "))
        #expect(char(UInt32(UInt8(ascii: "q"))) == .char("q"))
        #expect(char(UInt32(UInt8(ascii: "Q"))) == .char("Q"))
        #expect(char(UInt32(UInt8(ascii: "?"))) == .char("?"))
        #expect(char(UInt32(UInt8(ascii: "~"))) == .char("~"))
        #expect(char(0xE9) == .char("é"))
        #expect(char(0xA0) == .char("\u{A0}"))
    }

    @Test func cjkAndEmoji() {
        #expect(char(0x65E5) == .char("日"))
        #expect(char(0x672C) == .char("本"))
        #expect(char(0x1F680) == .char("🚀"))
    }

    @Test func invalidScalarsAreIgnored() {
        #expect(char(0xD800) == nil)  // a surrogate
        #expect(char(0x110000) == nil)  // beyond Unicode
    }

    @Test func arrowsAndPaging() {
        #expect(key(KEY_UP) == .up)
        #expect(key(KEY_DOWN) == .down)
        #expect(key(KEY_LEFT) == .left)
        #expect(key(KEY_RIGHT) == .right)
        #expect(key(KEY_PPAGE) == .pageUp)
        #expect(key(KEY_NPAGE) == .pageDown)
        #expect(key(KEY_HOME) == .home)
        #expect(key(KEY_END) == .end)
    }

    @Test func vt220FindAndSelectAndTheKeypadCorners() {
        #expect(key(KEY_FIND) == .home)
        #expect(key(KEY_SELECT) == .end)
        #expect(key(KEY_A1) == .home)
        #expect(key(KEY_C1) == .end)
        #expect(key(KEY_A3) == .pageUp)
        #expect(key(KEY_C3) == .pageDown)
        #expect(key(KEY_B2) == nil)
    }

    @Test func keyAliasesAreEscapeSequencesForKnownKeys() {
        for (sequence, code) in NcursesTerminal.keyAliases {
            #expect(sequence.hasPrefix("\u{1B}"))
            #expect(sequence.count >= 3)
            #expect(KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(code)) != nil, "\(sequence.dropFirst())")
        }
    }

    @Test func editingKeys() {
        #expect(key(KEY_ENTER) == .enter)
        #expect(key(KEY_BACKSPACE) == .backspace)
        #expect(key(KEY_DC) == .delete)
        #expect(key(KEY_BTAB) == .backTab)
    }

    @Test func resize() {
        #expect(key(KEY_RESIZE) == .resize)
    }

    @Test func functionKeys() {
        #expect(key(KEY_F0 + 1) == .function(1))
        #expect(key(KEY_F0 + 5) == .function(5))
        #expect(key(KEY_F0 + 12) == .function(12))
        #expect(key(KEY_F0 + 63) == .function(63))
        #expect(key(KEY_F0) == nil)  // F0 does not exist on keyboards
        #expect(key(KEY_F0 + 64) == nil)  // past the function keys (KEY_DL)
    }

    @Test func otherKeyCodesAreIgnored() {
        #expect(key(KEY_IC) == nil)
        #expect(key(KEY_MOUSE) == nil)
        #expect(key(KEY_SLEFT) == nil)
    }

    /// A key code is not a character: KEY_CODE_YES with 'A' (65) is not the letter.
    @Test func keyCodesAreNotCharacters() {
        #expect(key(65) == nil)
        #expect(key(3) == nil)
    }

    @Test func timeoutIsNil() {
        #expect(KeyDecoder.decode(status: ERR, code: 0) == nil)
        #expect(KeyDecoder.decode(status: ERR, code: UInt32(UInt8(ascii: "q"))) == nil)
    }
}
