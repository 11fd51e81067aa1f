import CNcurses
import CNcursesShim
import PodboardTUI

/// Translates what ncurses' `wget_wch` returned into a `KeyEvent`. Pure, so every mapping is testable without a
/// terminal.
///
/// `wget_wch` reports three kinds of result:
/// - `OK` and a character code: a typed character. Codes 1–26 are Ctrl plus a letter (the terminal is in raw mode,
///   so Ctrl-C arrives here as 3 instead of raising SIGINT), except Tab (9), Enter (10 or 13) and Backspace (8);
///   27 is Esc and 127 is Backspace too. Other control codes (0, 28–31, 128–159) mean nothing to the app.
/// - `KEY_CODE_YES` and a `KEY_*` code: a function key, decoded by ncurses from the terminal's escape sequence
///   (the terminal is in keypad mode). `KEY_RESIZE` reports a change of size.
/// - `ERR`: nothing arrived before the timeout.
public enum KeyDecoder {
    /// The key event for a `wget_wch` result, or nil for a timeout or a code the app does not use.
    /// - Parameters:
    ///   - status: what `wget_wch` returned: `OK`, `KEY_CODE_YES` or `ERR`.
    ///   - code: the character (for `OK`) or the `KEY_*` code (for `KEY_CODE_YES`) it stored.
    public static func decode(status: Int32, code: UInt32) -> KeyEvent? {
        switch status {
        case OK: return character(code)
        case KEY_CODE_YES: return functionKey(Int32(truncatingIfNeeded: code))
        default: return nil
        }
    }

    /// A character typed on the keyboard (raw mode: no signals, no line editing).
    static func character(_ code: UInt32) -> KeyEvent? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case 0..<0x20, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }  // a surrogate or beyond U+10FFFF
            return .char(Character(scalar))
        }
    }

    /// A mouse event's buttons (ncurses `bstate`) as the app's event, or nil for one it does not use (a release).
    public static func mouse(bstate: UInt, x: Int, y: Int) -> KeyEvent? {
        if bstate & UInt(podboard_button1_double()) != 0 { return .mouse(MouseEvent(.doubleClick, x: x, y: y)) }
        if bstate & UInt(podboard_button1_clicked()) != 0 { return .mouse(MouseEvent(.click, x: x, y: y)) }
        if bstate & UInt(podboard_button4()) != 0 { return .mouse(MouseEvent(.wheelUp, x: x, y: y)) }
        if bstate & UInt(podboard_button5()) != 0 { return .mouse(MouseEvent(.wheelDown, x: x, y: y)) }
        return nil
    }

    /// A key that ncurses decoded from an escape sequence.
    static func functionKey(_ key: Int32) -> KeyEvent? {
        switch key {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        // Find and Select are what vt220-style entries (TERM=vt220, rxvt) call the keys at Home and End;
        // A1, C1, A3 and C3 are the corners of the numeric keypad.
        case KEY_HOME, KEY_FIND, KEY_A1: return .home
        case KEY_END, KEY_SELECT, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            let n = key - podboard_key_f(0)
            if n >= 1, n < podboard_key_f_count() { return .function(Int(n)) }
            return nil
        }
    }
}
