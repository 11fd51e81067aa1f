import Foundation
import Testing
@testable import PodboardCore

/// Direct decoding (`StoreDecoder+Direct`, issue 10) against the tree it replaces on the fast path: on the demo
/// store every element is read directly and equals the tree's; on thousands of mutations of single members (wrong
/// types, nulls, out-of-rule values, unknown and repeated keys) direct decoding either gives up (the tree then
/// decides) or gives exactly what the tree gives, with the same references and ids — it never accepts what the
/// tree rejects.
@Suite("Direct decoding")
struct DirectDecodeTests {
    static let store = DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!, seed: 3, accounts: 40, requests: 240))

    enum Kind: CaseIterable { case request, contract, activity }

    struct Outcome { var accepted: Bool; var agreed: Bool }

    /// Decodes `text` (one element) both ways. `agreed` is false when direct decoding accepted something the tree
    /// rejects or decoded it differently.
    static func compare(_ text: String, _ kind: Kind) -> Outcome {
        let bytes = Array(text.utf8)
        let tree = StoreDecoder(); tree.fast = true
        var tp = JSONParser(bytes: bytes, exact: false)
        var treeValue: Any?
        if let node = try? tp.value(), tp.i == bytes.count {
            switch kind {
            case .request: treeValue = tree.decodeRequest(node, "")
            case .contract: treeValue = tree.decodeContract(node, "")
            case .activity: treeValue = tree.decodeActivity(node, "")
            }
        }
        let treeOK = treeValue != nil && !tree.failed && !tp.duplicateKey
        let direct = StoreDecoder(); direct.fast = true
        var dp = JSONParser(bytes: bytes, exact: false)
        let directValue: Any?
        switch kind {
        case .request: directValue = direct.directRequest(&dp)
        case .contract: directValue = direct.directContract(&dp)
        case .activity: directValue = direct.directActivity(&dp)
        }
        guard let directValue, dp.i == bytes.count, !dp.duplicateKey else {
            // Given up: nothing of the element is noted, and the parser is back at its start.
            return Outcome(accepted: false, agreed: direct.references.isEmpty && direct.ids.isEmpty && dp.i == 0)
        }
        guard treeOK, !direct.failed else { return Outcome(accepted: true, agreed: false) }
        let same: Bool
        switch kind {
        case .request: same = directValue as? Request == treeValue as? Request
        case .contract: same = directValue as? Contract == treeValue as? Contract
        case .activity: same = directValue as? Activity == treeValue as? Activity
        }
        func refs(_ d: StoreDecoder) -> [String] { d.references.map { "\($0.list):\($0.id)" }.sorted() }
        return Outcome(accepted: true, agreed: same && refs(direct) == refs(tree) && direct.ids == tree.ids)
    }

    static func text(_ v: JSONValue) -> String { JSONWriter.write(v).trimmingCharacters(in: .whitespacesAndNewlines) }

    static func elements(_ kind: Kind) -> [JSONValue] {
        switch kind {
        case .request: return store.requests.map(StoreEncoder.request)
        case .contract: return store.contracts.map(StoreEncoder.contract)
        case .activity:
            // The store engine's stamp (id, seq, via) too.
            var stamped = StoreEncoder.activity(store.activity[0])
            if case .object(var o) = stamped {
                o["id"] = .string("a-1"); o["seq"] = .number("7"); o["via"] = .string("act")
                stamped = .object(o)
            }
            return store.activity.map(StoreEncoder.activity) + [stamped]
        }
    }

    @Test(arguments: Kind.allCases)
    func everyElementOfTheDemoIsReadDirectlyAsTheTreeReadsIt(_ kind: Kind) {
        let all = Self.elements(kind)
        #expect(all.count > 20)
        for v in all {
            let t = Self.text(v)
            let o = Self.compare(t, kind)
            #expect(o.accepted, "not read directly: \(t.prefix(300))")
            #expect(o.agreed, "read differently: \(t.prefix(300))")
        }
    }

    /// Values put in place of a member's value.
    static let candidates: [JSONValue] = [
        .null, .string(""), .string("x"), .string("REQ-1"), .string("closed"), .string("vendor"), .string("annual"),
        .string("2026-11-02"), .string("2026-02-30"), .string("2026-11-02T10:15:00+05:30"), .string("2020-01-01T00:00:00Z"),
        .string("2030-01-01T00:00:00Z"), .string("2026-11-02T25:15:00+05:30"),
        .number("-1"), .number("0"), .number("1"), .number("7"), .number("1.5"), .number("1.005"), .number("1e2"), .number("-0"),
        .number("123456789012345678901234567890123456789012"), .bool(true), .bool(false),
        .object(JSONObject()), .array([]), .array([.string("x")]),
    ]

    /// Every member of `v` (and of the objects inside it, two levels down) replaced by each candidate, removed, and
    /// an unknown key added.
    static func mutations(of v: JSONValue, depth: Int = 0) -> [JSONValue] {
        var out: [JSONValue] = []
        switch v {
        case .object(let o):
            out.append(.object({ var x = o; x["zz-unknown"] = .number("1"); return x }()))
            for (key, value) in o.members {
                for c in candidates where c != value { var x = o; x[key] = c; out.append(.object(x)) }
                var removed = o; removed[key] = nil; out.append(.object(removed))
                if depth < 2 {
                    for m in mutations(of: value, depth: depth + 1) { var x = o; x[key] = m; out.append(.object(x)) }
                }
            }
        case .array(let items) where !items.isEmpty:
            // The first element changed; the list reversed (order rules: history oldest first).
            for m in mutations(of: items[0], depth: depth) { var x = items; x[0] = m; out.append(.array(x)) }
            if items.count > 1 { out.append(.array(items.reversed())) }
        default: break
        }
        return out
    }

    /// A member written twice (the first one repeated at the end), as text: JSONObject keeps keys unique.
    static func repeatedFirstKey(_ text: String) -> String? {
        guard text.hasPrefix("{"), let v = try? JSONParser.parse(text).value, case .object(let o) = v, let first = o.members.first else { return nil }
        let member = Self.text(.object(JSONObject([(first.key, first.value)])))
        return String(text.dropLast()) + "," + String(member.dropFirst().dropLast()) + "}"
    }

    @Test(arguments: Kind.allCases)
    func mutatedElementsAreReadAsTheTreeReadsThemOrLeftToIt(_ kind: Kind) {
        // A spread of elements: every 8th, and those with the rarer members.
        let all = Self.elements(kind)
        var picked = stride(from: 0, to: all.count, by: max(1, all.count / 12)).map { all[$0] }
        for key in ["acknowledgedAt", "resolvedAt", "noQuotesReason", "costAvoidance", "sunsetOn", "convertedToAnnualOn", "seq"] {
            if let v = all.first(where: { Self.text($0).contains("\"\(key)\"") }) { picked.append(v) }
        }
        var tried = 0, accepted = 0
        for v in picked {
            var texts = Self.mutations(of: v).map(Self.text)
            if let r = Self.repeatedFirstKey(Self.text(v)) { texts.append(r) }
            for t in texts {
                let o = Self.compare(t, kind)
                tried += 1
                if o.accepted { accepted += 1 }
                #expect(o.agreed, "\(kind): \(o.accepted ? "accepted differently from the tree" : "gave up but kept something"): \(t.prefix(400))")
            }
        }
        // Both outcomes occur: the mutations reach the rules (most are refused) and leave valid variants (read).
        #expect(tried > 500)
        #expect(accepted > 0 && accepted < tried)
    }

    @Test func theWholeStoreIsTheSameWithAndWithoutDirectDecoding() throws {
        let bytes = StoreFile.encode(DemoGenerator.generate(DemoOptions(today: LocalDate("2026-11-23")!, seed: 1, accounts: 200, requests: 1000)))
        let direct = try #require(FastLoad.decode(bytes, direct: true))
        let tree = try #require(FastLoad.decode(bytes, direct: false))
        #expect(direct == tree)
        #expect(StoreFile.encode(direct) == bytes)
    }

    @Test func aReferenceToSomeoneNotInTheStoreIsLeftToTheTree() throws {
        // The fast path's chunks know the people before they decode: such references are checked as read.
        let request = try #require(Self.store.requests.first { $0.buyer != nil && !$0.history.isEmpty })
        func decode(_ r: Request) -> (Request?, Int) {
            let d = StoreDecoder(); d.fast = true; d.knownPeople = Set(Self.store.people.map(\.id))
            var p = JSONParser(bytes: Array(Self.text(StoreEncoder.request(r)).utf8), exact: false)
            return (d.directRequest(&p), p.i)
        }
        #expect(decode(request).0 == request)
        var stranger = request
        stranger.buyer = "nobody-here"
        let (none, at) = decode(stranger)
        #expect(none == nil && at == 0)
        var ghost = request
        ghost.history[0].by = "nobody-here"
        #expect(decode(ghost).0 == nil)
        // The whole store: the fast path gives up, and the exact path names the reference.
        var store = Self.store
        store.requests[3].buyer = "nobody-here"
        let bytes = StoreFile.encode(store)
        #expect(FastLoad.decode(bytes) == nil)
        let (_, problems) = StoreFile.decode(bytes)
        #expect(problems.contains { $0.message.contains("\"nobody-here\"") })
    }

    @Test func quotesAndBackslashesInsideTheLargeListsAreSkippedRight() throws {
        // The element scan jumps to a string's closing quote: escaped quotes and runs of backslashes (even and
        // odd, at the end of a string) must not end it early, nor brackets inside a string count.
        var store = Self.store
        let texts = ["C:\\dir\\", "say \"no\" {[", "\\\"", "]}", "end\\", "\\\\\"x"]
        for (k, t) in texts.enumerated() {
            let i = (k * 7) % store.requests.count
            store.requests[i].updates.append(Update(at: store.requests[i].createdAt, by: store.people[0].id, text: t))
            store.requests[i].tool = t + " tool"
            store.activity[k].target = t
        }
        let bytes = StoreFile.encode(store)
        let fast = try #require(FastLoad.decode(bytes))
        #expect(fast == StoreDecoder.decode(try JSONParser.parse(bytes)).store)
        #expect(fast.requests.contains { $0.tool == "say \"no\" {[ tool" })
    }

    @Test func keysInAnotherOrderOrWrittenWithEscapesAreStillKnown() throws {
        let request = try #require(Self.store.requests.first { !$0.history.isEmpty && !$0.quotes.isEmpty })
        guard case .object(let o) = StoreEncoder.request(request) else { Issue.record("not an object"); return }
        // Members reversed: each key is found though it is not the one expected next.
        let reversed = Self.text(.object(JSONObject(o.members.reversed().map { ($0.key, $0.value) })))
        let a = Self.compare(reversed, .request)
        #expect(a.accepted && a.agreed)
        // A key written with an escape is the same key.
        let escaped = Self.text(StoreEncoder.request(request)).replacingOccurrences(of: "\"tool\":", with: "\"to\\u006fl\":")
        #expect(escaped.contains("\\u006f"))
        let b = Self.compare(escaped, .request)
        #expect(b.accepted && b.agreed)
    }
}
