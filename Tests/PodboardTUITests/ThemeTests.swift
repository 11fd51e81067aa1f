import Foundation
import Testing
@testable import PodboardTUI

@Suite("Themes: files, built-ins, errors, NO_COLOR")
struct ThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    @Test func builtInThemesAreTheThemeFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDir.path).filter { $0.hasSuffix(".theme") }.sorted()
        #expect(files.map { String($0.dropLast(6)) } == ThemeCatalog.names.sorted(),
                "run scripts/gen-builtin-themes.py after adding or removing a theme")
        for f in files {
            let text = try String(contentsOf: Self.themesDir.appendingPathComponent(f), encoding: .utf8)
            let builtin = BuiltinThemes.files.first { $0.name + ".theme" == f }?.text
            #expect(builtin.map { $0 + "\n" } == text || builtin == text, "\(f) differs from its built-in copy: run scripts/gen-builtin-themes.py")
        }
        for name in ["default", "light", "high-contrast", "mono"] {
            #expect(ThemeCatalog.builtin(name) != nil, "\(name) does not parse")
        }
    }

    @Test func everyBuiltInThemeSetsEveryRoleAndMonoHasNoColour() throws {
        for name in ThemeCatalog.names {
            let theme = try #require(ThemeCatalog.builtin(name))
            for role in ThemeRole.allCases { #expect(theme.styles[role] != nil, "\(name) lacks \(role)") }
        }
        let mono = try #require(ThemeCatalog.builtin("mono"))
        #expect(mono.isMonochrome)
        // Without colour, the roles that matter stay distinguishable by attributes.
        #expect(!mono.style(.selection).attributes.isEmpty)
        #expect(!mono.style(.breach).attributes.isEmpty)
        #expect(mono.style(.breach).attributes != mono.style(.warning).attributes)
    }

    @Test func noColorMeansMonoUnlessAThemeIsNamed() throws {
        let read: (String) throws -> String = { _ in throw CocoaError(.fileNoSuchFile) }
        #expect(try ThemeCatalog.resolve(nil, environment: ["NO_COLOR": "1"], readFile: read).name == "mono")
        #expect(try ThemeCatalog.resolve(nil, environment: ["NO_COLOR": ""], readFile: read).name == "default")
        #expect(try ThemeCatalog.resolve(nil, environment: [:], readFile: read).name == "default")
        #expect(try ThemeCatalog.resolve("light", environment: ["NO_COLOR": "1"], readFile: read).name == "light")
    }

    @Test func aThemeFileLoadsAndABrokenOneSaysWhereAndWhat() throws {
        var text = BuiltinThemes.files.first { $0.name == "default" }!.text
        let ok = try ThemeCatalog.resolve("/x/mine.theme", environment: [:]) { _ in text.replacingOccurrences(of: "name = default", with: "name = mine") }
        #expect(ok.name == "mine")

        text = text.replacingOccurrences(of: "breach    = 203|red bold", with: "breach    = 203|crimson bold")
        #expect {
            try ThemeCatalog.resolve("/x/bad.theme", environment: [:]) { _ in text }
        } throws: { error in
            let d = "\(error)"
            return d.hasPrefix("/x/bad.theme:") && d.contains("crimson") && d.contains("expected")
        }
        #expect {
            try ThemeCatalog.resolve("nope", environment: [:]) { _ in throw CocoaError(.fileNoSuchFile) }
        } throws: { error in
            "\(error)".contains("no built-in theme of that name") && "\(error)".contains("high-contrast")
        }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("normal = default\nfocus bold\n", source: "t") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("normal = default\n", source: "t") }
    }
}
