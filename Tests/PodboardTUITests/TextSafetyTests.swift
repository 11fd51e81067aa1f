import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// Data is drawn in display cells, and nothing from the store reaches the terminal as a control character.
@Suite("Text from data: widths and control characters")
struct TextSafetyTests {
    static func store(vendor: String, tool: String) -> (Store, String) {
        var st = TUI.demo
        let snap = Snapshot(store: st, today: TUI.today)
        let open = Aging.rows(snap).filter { $0.account?.pod == st.pods[0].id }
        let id = open[0].request.id
        let i = st.requests.firstIndex { $0.id == id }!
        st.requests[i].vendor = vendor
        st.requests[i].tool = tool
        return (st, id)
    }

    @Test func escapeSequencesInAVendorAreDrawnHarmlessly() {
        let evil = "\u{1B}[31mEVIL\u{1B}]0;pwned\u{07}\u{9B}2J"
        let (st, id) = Self.store(vendor: evil, tool: "Tool\u{1B}[2J")
        var s = TUI.state(store: st, size: Size(width: 120, height: 40))
        TUI.type(&s, [.char("2"), .char("m"), .char("m")])
        let rows = AgingView.rows(s)
        let index = rows.firstIndex { $0.request.id == id }!
        for _ in 0..<index { TUI.type(&s, [.down]) }
        TUI.type(&s, [.enter])
        let frame = Screen.render(s)
        #expect(frame.text.contains("EVIL"))
        for cell in frame.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "control in \(cell.text.debugDescription)")
        }
        TUI.assertSnapshot(frame.text, named: "escape-vendor-120x40")
    }

    @Test func cjkAndEmojiKeepColumnsAligned() {
        let (st, id) = Self.store(vendor: "株式会社テスト", tool: "飞书 Lark 🚀 café")
        var s = TUI.state(store: st, size: Size(width: 120, height: 40))
        TUI.type(&s, [.char("2"), .char("m"), .char("m")])
        let frame = Screen.render(s)
        let lines = (0..<frame.height).map { frame.line($0) }
        // Every row is exactly as wide as the screen, in display cells.
        for line in lines { #expect(DisplayWidth.of(line) == 120, "\(line)") }
        // The Status column starts at the same cell on every row, wide tool name or not.
        let header = lines[3]
        let statusColumn = DisplayWidth.of(String(header[..<header.range(of: "Status")!.lowerBound]))
        let row = lines.first { $0.contains(id) }!
        #expect(row.contains("飞书 Lark"))
        var x = 0
        var statusText = ""
        for ch in row {
            if x >= statusColumn && x < statusColumn + 11 { statusText.append(ch) }
            x += DisplayWidth.of(ch)
        }
        let status = Snapshot(store: st, today: TUI.today).status(st.requests.first { $0.id == id }!)
        #expect(statusText.hasPrefix(String(status.rawValue.prefix(10))), "\(statusText) in \(row)")
        TUI.assertSnapshot(frame.text, named: "cjk-emoji-aging-120x40")
    }

    @Test func wideCharactersNeverSplitAtTheEdge() {
        var buf = CellBuffer(size: Size(width: 5, height: 1))
        let used = buf.write("ab日本", x: 0, y: 0)
        #expect(used == 4)
        #expect(buf.line(0) == "ab日 ")
        var narrow = CellBuffer(size: Size(width: 3, height: 1))
        narrow.write("a日本", x: 0, y: 0)
        #expect(narrow.line(0) == "a日")
        var cut = CellBuffer(size: Size(width: 4, height: 1))
        cut.write("abc日", x: 0, y: 0)
        #expect(cut.line(0) == "abc ")
    }
}
