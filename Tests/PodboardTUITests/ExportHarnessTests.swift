import Foundation
import Testing
@testable import PodboardCore
@testable import PodboardTUI

/// The export keys (issue 13): each previews its report and writes the file, whose path the message line shows.
@Suite("Headless harness: exports")
struct ExportHarnessTests {
    static func state(user: String? = "sven", size: Size = Size(width: 120, height: 40), dir: String? = nil) -> (AppState, String) {
        let d = dir ?? NSTemporaryDirectory() + "podboard-exports-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        var s = TUI.state(user: user, size: size)
        s.exportDirectory = d
        return (s, d)
    }

    static func file(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

    @Test func customerUpdateFromTheAccountView() throws {
        var (s, dir) = Self.state()
        TUI.type(&s, [.char("5"), .enter])
        guard case .account(let id)? = s.details.last?.target else { Issue.record("no account view"); return }
        let name = try #require(s.data.store.account(id)?.name)
        TUI.type(&s, [.char("U")])
        let p = try #require(s.preview, "\(s.message?.text ?? "")")
        let path = dir + "/customer-update-\(id)-2026-11-23.md"
        #expect(p.path == path)
        #expect(s.message?.text.contains(path) == true && s.message?.isError == false)
        let md = try #require(Self.file(path))
        #expect(md.hasPrefix("# Procurement update: \(name)"))
        #expect(md.contains("## Renewals in the next 90 days"))
        #expect(p.lines.first == "Procurement update: " + name, "the preview shows the text rendering")
        #expect(TUI.screen(s).contains("Customer update: " + name))
        // It scrolls, and Esc closes it back to the account view.
        TUI.type(&s, [.char("j"), .char("j")])
        #expect(s.preview?.offset == 2)
        TUI.type(&s, [.char("G")])
        #expect((s.preview?.offset ?? 0) > 2)
        // ? shows the preview's keys over it; Esc closes the help first, then the preview.
        TUI.type(&s, [.char("?")])
        #expect(s.help != nil && TUI.screen(s).contains("Previewing a report"))
        TUI.type(&s, [.char("j"), .escape])
        #expect(s.help == nil && s.preview != nil)
        TUI.type(&s, [.escape])
        #expect(s.preview == nil)
        if case .account(id)? = s.details.last?.target {} else { Issue.record("Esc left the account view") }
    }

    @Test func catchUpAndMonthlyFromTheBoardAndTheAccountsPane() throws {
        var (s, dir) = Self.state()
        TUI.type(&s, [.char("1"), .char("W")])
        let catchUp = dir + "/catch-up-north-2026-11-23.md"
        #expect(s.preview?.path == catchUp, "\(s.message?.text ?? "")")
        #expect(Self.file(catchUp)?.hasPrefix("# POD weekly catch-up: North") == true)
        #expect(Self.file(catchUp)?.contains("People matrix") == true)
        TUI.type(&s, [.escape, .char("T")])
        let monthly = dir + "/monthly-north-2026-11.md"
        #expect(s.preview?.path == monthly)
        #expect(Self.file(monthly)?.contains("GDR outlook") == true)
        TUI.type(&s, [.escape, .char("5"), .char("]"), .char("W")])
        #expect(s.preview?.path.hasSuffix("/catch-up-\(s.pod!.id)-2026-11-23.md") == true)
        #expect(s.pod?.id != "north")
    }

    @Test func iCalendarFromTheRenewalsPane() throws {
        var (s, dir) = Self.state()
        TUI.type(&s, [.char("3"), .char("i")])
        let path = dir + "/renewals-north-2027-Q1.ics"
        #expect(s.preview?.path == path, "\(s.message?.text ?? "")")
        let ics = try #require(Self.file(path))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
        let events = ics.components(separatedBy: "BEGIN:VEVENT").count - 1
        #expect(events > 0 && events % 5 == 0)
        #expect(s.preview?.lines.first?.hasPrefix("\(events) events for the \(events / 5) contracts ending in 2027-Q1") == true)
        // Sideways scrolling stops at the widest line.
        TUI.type(&s, [.char("l")])
        #expect((s.preview?.shift ?? 0) <= PreviewOverlay.maxShift(s.preview!, size: s.size))
    }

    @Test func keysWhereTheyDoNothingAndAFileThatCannotBeWritten() {
        var (s, _) = Self.state()
        TUI.type(&s, [.char("1"), .char("U")])
        #expect(s.preview == nil && s.message?.isError == true)
        // A folder under a file cannot exist.
        var (bad, _) = Self.state(dir: "/dev/null/podboard-exports")
        TUI.type(&bad, [.char("1"), .char("W")])
        #expect(bad.preview == nil)
        #expect(bad.message?.isError == true && bad.message?.text.hasPrefix("could not write /dev/null/podboard-exports/") == true)
    }

    @Test func readOnlyMayExportToo() {
        var (s, dir) = Self.state(user: nil)
        TUI.type(&s, [.char("1"), .char("T")])
        #expect(s.preview?.path == dir + "/monthly-north-2026-11.md")
    }

    @Test func previewWrapsProseAndKeepsTables() {
        let p = PreviewState(title: "t", lines: ["- " + String(repeating: "word ", count: 30), "a  b", "x"], path: "/x")
        let lines = PreviewOverlay.displayLines(p, size: Size(width: 60, height: 20))
        #expect(lines.count > 3)
        #expect(lines[1].hasPrefix("  word"), "a bullet's continuation is indented")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 56 })
        #expect(PreviewOverlay.dropCells("日本語", 1) == " 本語")
    }

    /// The previews as they look, at 80×24 and 120×40 (the path is fixed so that the frame is).
    @Test(arguments: SnapshotTests.sizes)
    func previewSnapshots(size: Size) {
        let dir = "/tmp/podboard-snapshot-exports"
        for (name, keys) in [("preview-customer-update", [KeyEvent.char("5"), .enter, .char("U")]),
                             ("preview-catch-up", [.char("1"), .char("W")]),
                             ("preview-monthly", [.char("1"), .char("T"), .pageDown]),
                             ("preview-icalendar", [.char("3"), .char("i")])] {
            var (s, _) = Self.state(size: size, dir: dir)
            TUI.type(&s, keys)
            #expect(s.preview != nil, "\(name): \(s.message?.text ?? "")")
            TUI.assertSnapshot(TUI.screen(s), named: "\(name)-\(size.width)x\(size.height)")
        }
    }
}
