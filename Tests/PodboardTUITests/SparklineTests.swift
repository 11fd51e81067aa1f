import Foundation
import Testing
@testable import PodboardTUI

@Suite struct SparklineTests {
    @Test func levelsScaleToTheTop() {
        #expect(Sparkline.render([0, 1, 4, 8], top: 8) == " ▁▄█")
        #expect(Sparkline.render([2, 4]) == "▄█")
        // Any value above 0 shows, however small; a value above the top is full.
        #expect(Sparkline.render([Decimal(string: "0.01")!, 20], top: 10) == "▁█")
        #expect(Sparkline.render([3, 6, 9], top: 24) == "▁▂▃")
    }

    @Test func widthKeepsTheMostRecent() {
        #expect(Sparkline.render([8, 1, 2, 8], top: 8, width: 2) == "▂█")
        #expect(Sparkline.render([1, 2], width: 0) == "")
    }

    @Test func nothingToScale() {
        #expect(Sparkline.render([0, 0, 0]) == "   ")
        #expect(Sparkline.render([]) == "")
    }
}
