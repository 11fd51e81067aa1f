import PodboardCore

extension Keymap {
    /// The `/` filter, Esc and sorting of every list pane, and the command palette's keys (issue 15).
    static let navigation: [Binding] = {
        var out: [Binding] = []
        for scope in [KeyScope.board, .renewals, .accounts, .escalations] {
            out.append(b(scope, [.char("/")], .filterText, "filter by any text shown, flags too", footer: "filter"))
        }
        for scope in [KeyScope.board, .aging, .renewals, .accounts, .escalations] {
            out.append(b(scope, [.escape], .clearSearch, "clear the / filter"))
        }
        for scope in [KeyScope.aging, .renewals, .accounts, .escalations] {
            out.append(b(scope, [.char("<")], .sortPrevious, "sort on the previous column"))
            out.append(b(scope, [.char(">")], .sortNext, "sort on the next column (the default order after the last)", footer: "sort"))
            out.append(b(scope, [.char("~")], .flipSort, "flip the sort order"))
        }
        // The wheel scrolls the help and the "who are you?" list too.
        out += [
            b(.help, [MouseEvent.anywhere(.wheelUp)], .up, "scroll up"),
            b(.help, [MouseEvent.anywhere(.wheelDown)], .down, "scroll down"),
            b(.whoAmI, [MouseEvent.anywhere(.wheelUp)], .mouse(.wheelUp), "up"),
            b(.whoAmI, [MouseEvent.anywhere(.wheelDown)], .mouse(.wheelDown), "down"),
        ]
        out += [
            b(.palette, [.enter], .open, "run the command, or open what is selected", footer: "run/open"),
            b(.palette, [.escape, .ctrl("c")], .back, "close the palette", footer: "close"),
            b(.palette, [.up, .ctrl("p")], .up, "up"),
            b(.palette, [.down, .ctrl("n")], .down, "down", footer: "choose"),
            b(.palette, [.pageUp], .pageUp, "page up"),
            b(.palette, [.pageDown], .pageDown, "page down"),
            b(.palette, [MouseEvent.anywhere(.wheelUp)], .up, "scroll up"),
            b(.palette, [MouseEvent.anywhere(.wheelDown)], .down, "scroll down"),
            b(.palette, [.backspace, .delete], .edit(.deleteBackward), "delete the last character"),
            b(.palette, [.ctrl("u")], .edit(.deleteToStart), "clear what you typed"),
        ]
        return out
    }()
}
