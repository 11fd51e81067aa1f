import Testing
@testable import PodboardCore

@Suite("JSON parser and writer")
struct JSONParserTests {
    @Test func parsesNestedValuesWithPositions() throws {
        let node = try JSONParser.parse("{\n  \"a\": [1, 2.50, -3e2],\n  \"b\": {\"c\": null, \"d\": true}\n}")
        guard case .object(let members, let pos) = node else { Issue.record("not an object"); return }
        #expect(pos == SourcePosition(line: 1, column: 1))
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyPosition == SourcePosition(line: 2, column: 3))
        #expect(members[1].value.position == SourcePosition(line: 3, column: 8))
        // Numbers keep their literal text: no binary floating point on the way.
        #expect(members[0].value.value == .array([.number("1"), .number("2.50"), .number("-3e2")]))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let node = try JSONParser.parse("{\"名前\": \"日本\", \"x\": 1}")
        guard case .object(let members, _) = node else { Issue.record("not an object"); return }
        #expect(members[1].keyPosition == SourcePosition(line: 1, column: 14))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a member name"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[1, 2", 1, 6, "expected ',' or ']'"),
        ("{\"a\": tru}", 1, 7, "expected 'true'"),
        ("{\"a\": 01}", 1, 7, "leading zero"),
        ("{\"a\": \"x\ny\"}", 1, 9, "line break inside a string"),
        ("{} x", 1, 4, "end of the document"),
        ("", 1, 1, "expected a value"),
        ("{\"a\": \"\\q\"}", 1, 9, "unknown escape"),
    ])
    func reportsSyntaxErrorsWithPosition(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("parsed broken JSON: \(text)")
        } catch {
            #expect(error.position == SourcePosition(line: line, column: column), "\(error)")
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let node = try JSONParser.parse(#"["a\"b\\c\/d\n", "\u00e9\ud83d\ude00"]"#)
        #expect(node.value == .array([.string("a\"b\\c/d\n"), .string("é😀")]))
    }

    @Test func writerRoundTripsAndEscapesControls() throws {
        var o = JSONObject()
        o["name"] = .string("Zoom 🎥\u{1B}[31m\n")
        o["n"] = .number("44000.5")
        o["list"] = .array([.string("a"), .string("b")])
        o["empty"] = .object(JSONObject())
        let text = JSONWriter.write(.object(o))
        #expect(text.contains("\\u001b[31m\\n"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        #expect(text.contains("\"list\": [\"a\", \"b\"]"))
        let back = try JSONParser.parse(text)
        #expect(back.value == .object(o))
    }

    @Test func objectKeepsOrderAndReplacesInPlace() {
        var o = JSONObject([("b", .number("1")), ("a", .number("2"))])
        o["b"] = .number("3")
        o["c"] = .null
        #expect(o.keys == ["b", "a", "c"])
        o["a"] = nil
        #expect(o.keys == ["b", "c"])
    }
}

@Suite("JSON writer: the no-escape fast path")
struct JSONWriterEscapeTests {
    @Test(arguments: ["plain", "日本 🚀 café", "a\"b", "a\\b", "tab\there", "nl\n", "del\u{7F}", "c1\u{85}x", "ls\u{2028}", "ps\u{2029}",
                      "esc\u{1B}[31m", "\u{80}", "\u{9F}", "\u{A0}no", "\u{2027}no", "\u{202A}no"])
    func escapesExactlyWhatNeedsIt(_ s: String) throws {
        var out = ""
        JSONWriter.writeString(s, into: &out)
        let needs = s.unicodeScalars.contains { $0.value < 0x20 || $0 == "\"" || $0 == "\\" || $0.value == 0x7F
            || (0x80...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }
        #expect(JSONWriter.needsEscape(s) == needs)
        #expect((out == "\"" + s + "\"") == !needs)
        // Whatever was written reads back as the same string.
        #expect(try JSONParser.parse(out).value == .string(s))
        #expect(!out.unicodeScalars.dropFirst().dropLast().contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
    }
}
