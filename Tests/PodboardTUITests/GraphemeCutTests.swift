import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// A cut (to a column, at the edge of the screen) never splits a grapheme cluster (issue 11).
@Suite("Cuts keep grapheme clusters whole")
struct GraphemeCutTests {
    static let clusters: [String] = [
        "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",  // family (ZWJ sequence)
        "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",  // rainbow flag (ZWJ)
        "\u{1F1EE}\u{1F1F3}",  // flag (regional indicators)
        "\u{1F44D}\u{1F3FD}",  // skin tone
        "\u{1F469}\u{1F3FD}\u{200D}\u{1F680}",  // skin tone + ZWJ
        "e\u{301}\u{323}",  // combining marks
        "\u{0915}\u{094D}\u{200D}",  // Devanagari with a joiner
    ]

    /// Text made of the samples, between ASCII letters.
    static var text: String { clusters.joined(separator: "x") }

    @Test func truncatedKeepsWholeClusters() {
        let s = Self.text
        let whole = Array(s)
        for w in 0...(DisplayWidth.of(s) + 1) {
            for ellipsis in ["…", ""] {
                var cut = DisplayWidth.truncated(s, toWidth: w, ellipsis: ellipsis)
                if !ellipsis.isEmpty, cut.hasSuffix(ellipsis), cut != s { cut.removeLast() }
                let got = Array(cut)
                #expect(got.count <= whole.count)
                #expect(Array(whole.prefix(got.count)) == got, "width \(w): \(cut.unicodeScalars.map(\.value))")
                #expect(DisplayWidth.of(DisplayWidth.truncated(s, toWidth: w, ellipsis: ellipsis)) <= max(0, w))
            }
        }
    }

    @Test func cellBufferWritesOnlyWholeClusters() {
        let s = Self.text
        let allowed = Set(Array(s).map(String.init) + [" ", ""])
        for width in 1...(DisplayWidth.of(s) + 2) {
            for x in [0, 1] {
                var buf = CellBuffer(size: Size(width: width, height: 1))
                buf.write("ab", x: 0, y: 0)
                buf.write(s, x: x, y: 0)
                for cell in buf.cells {
                    #expect(allowed.contains(cell.text) || cell.text == "a" || cell.text == "b", "width \(width): \(cell.text.unicodeScalars.map(\.value))")
                }
            }
        }
    }

    @Test func aLoneJoinerNeverJoinsANeighbouringCell() {
        // A joiner left alone (text cut in the middle of a ZWJ sequence by another tool) draws nothing.
        var buf = CellBuffer(size: Size(width: 10, height: 1))
        buf.write("ab", x: 0, y: 0)
        buf.write("\u{200D}\u{1F469}", x: 2, y: 0)
        buf.write("c\u{200B}d", x: 5, y: 0)
        for cell in buf.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value == 0x200D || $0.value == 0x200B }, "\(cell.text.unicodeScalars.map(\.value))")
        }
    }

    @Test func paddedColumnsOfEmojiStayWhole() {
        // (The Devanagari sample repeated is one conjunct cluster: left out here.)
        for c in Self.clusters.dropLast() {
            for w in 1...6 {
                let p = DisplayWidth.padded(c + c + c, toWidth: w)
                let body = p.replacingOccurrences(of: "…", with: "").trimmingCharacters(in: .whitespaces)
                #expect(Array(body).allSatisfy { String($0) == c }, "\(c.unicodeScalars.map(\.value)) in \(w): \(p.unicodeScalars.map(\.value))")
            }
        }
    }
}
