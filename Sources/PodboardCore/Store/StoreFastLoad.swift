import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The fast path of loading a store (docs/decisions.md, "Loading a large store"): the document is decoded straight
/// from its bytes without line:column positions or paths, the large arrays (accounts, contracts, requests,
/// activity) one element at a time (no tree of the whole document) and on every core, with repeated strings shared.
/// nil when anything at all is wrong (a syntax error, a key twice, any problem): `StoreFile.decode` then decodes
/// the document again exactly, which reports every problem with the same messages as always.
enum FastLoad {
    /// The top-level arrays decoded element by element, in parallel.
    static let streamed: Set<String> = ["accounts", "contracts", "requests", "activity"]
    /// Below this many bytes an array is decoded on one core.
    static let parallelBytes = 1 << 20
    /// Whether elements are decoded straight from their bytes (`$PODBOARD_DIRECT_DECODE=0`: through their parsed
    /// tree only, to measure the difference).
    static let directByDefault = ProcessInfo.processInfo.environment["PODBOARD_DIRECT_DECODE"] != "0"

    static func decode(_ bytes: [UInt8], direct useDirect: Bool = directByDefault) -> Store? {
        var p = JSONParser(bytes: bytes, exact: false, offset: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        guard p.peekByte() == UInt8(ascii: "{") else { return nil }
        p.step()
        var members: [(key: String, keyPosition: SourcePosition, value: JSONNode)] = []
        var lists: [String: [Range<Int>]] = [:]
        var keys = Set<String>()
        let zero = SourcePosition(line: 0, column: 0)
        if p.peekByte() == UInt8(ascii: "}") { return nil }
        while true {
            guard let key = try? p.key(), keys.insert(key).inserted else { return nil }
            guard p.peekByte() == UInt8(ascii: ":") else { return nil }
            p.step()
            if streamed.contains(key), p.peekByte() == UInt8(ascii: "[") {
                guard let ranges = elements(bytes, from: p.i) else { return nil }
                lists[key] = ranges.elements
                p.i = ranges.end
                members.append((key, zero, .array([], zero)))
            } else {
                guard let v = try? p.value() else { return nil }
                members.append((key, zero, v))
            }
            guard let b = p.peekByte() else { return nil }
            p.step()
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { break }
            return nil
        }
        guard p.peekByte() == nil, !p.duplicateKey else { return nil }

        let d = StoreDecoder()
        d.fast = true
        var store = d.decodeStore(.object(members, zero))
        guard !d.failed else { return nil }
        // The large arrays: chunks of elements decoded at once, each by its own parser and decoder, merged in order.
        struct Job: Sendable { let list: String; let ranges: ArraySlice<Range<Int>> }
        var jobs: [Job] = []
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for list in ["accounts", "contracts", "requests", "activity"] {
            guard let ranges = lists[list], !ranges.isEmpty else { continue }
            let size = ranges.last!.upperBound - ranges.first!.lowerBound
            let parts = size < parallelBytes ? 1 : min(ranges.count, cores * 2)
            for k in 0..<parts {
                let lo = ranges.count * k / parts, hi = ranges.count * (k + 1) / parts
                if lo < hi { jobs.append(Job(list: list, ranges: ranges[lo..<hi])) }
            }
        }
        final class Results: @unchecked Sendable {
            var decoders: [StoreDecoder?]
            var accounts: [[Account]], contracts: [[Contract]], requests: [[Request]], activity: [[Activity]]
            init(_ n: Int) {
                decoders = Array(repeating: nil, count: n)
                accounts = Array(repeating: [], count: n); contracts = Array(repeating: [], count: n)
                requests = Array(repeating: [], count: n); activity = Array(repeating: [], count: n)
            }
        }
        let results = Results(jobs.count)
        let jobList = jobs
        let run: @Sendable (Int) -> Void = { j in
            let job = jobList[j]
            let cd = StoreDecoder()
            cd.fast = true
            var parser = JSONParser(bytes: bytes, exact: false)
            // Each element straight from its bytes (`StoreDecoder+Direct`); one that is not the common case through
            // its parsed tree, which reports what is wrong.
            func each<T>(_ direct: ((inout JSONParser) -> T?)?, _ decode: (JSONNode) -> T?) -> [T]? {
                var out: [T] = []
                out.reserveCapacity(job.ranges.count)
                for r in job.ranges {
                    parser.i = r.lowerBound
                    if let direct, let v = direct(&parser), parser.i == r.upperBound { out.append(v); continue }
                    parser.i = r.lowerBound
                    guard let node = try? parser.value(), parser.i == r.upperBound, let v = decode(node) else { return nil }
                    out.append(v)
                }
                return out
            }
            var ok = true
            switch job.list {
            case "accounts": if let v = each(nil, { cd.decodeAccount($0, "") }) { results.accounts[j] = v } else { ok = false }
            case "contracts":
                if let v = each(useDirect ? { cd.directContract(&$0) } : nil, { cd.decodeContract($0, "") }) { results.contracts[j] = v } else { ok = false }
            case "requests":
                if let v = each(useDirect ? { cd.directRequest(&$0) } : nil, { cd.decodeRequest($0, "") }) { results.requests[j] = v } else { ok = false }
            default:
                if let v = each(useDirect ? { cd.directActivity(&$0) } : nil, { cd.decodeActivity($0, "") }) { results.activity[j] = v } else { ok = false }
            }
            if ok && !cd.failed && !parser.duplicateKey { results.decoders[j] = cd }
        }
        if jobs.count > 1 { DispatchQueue.concurrentPerform(iterations: jobs.count, execute: run) } else if jobs.count == 1 { run(0) }
        // Peak memory: each list grows once to its final size (no doubling while appending), and a chunk is let go
        // as soon as it is merged (not both copies of every list until the end).
        store.accounts.reserveCapacity(store.accounts.count + (lists["accounts"]?.count ?? 0))
        store.contracts.reserveCapacity(store.contracts.count + (lists["contracts"]?.count ?? 0))
        store.requests.reserveCapacity(store.requests.count + (lists["requests"]?.count ?? 0))
        store.activity.reserveCapacity(store.activity.count + (lists["activity"]?.count ?? 0))
        for (j, job) in jobs.enumerated() {
            guard let cd = results.decoders[j] else { return nil }
            // Ids are unique across chunks too; references are resolved once everything is known.
            for (list, set) in cd.ids {
                let before = d.ids[list, default: []].count
                d.ids[list, default: []].formUnion(set)
                if d.ids[list]!.count != before + set.count { return nil }
            }
            d.references.append(contentsOf: cd.references)
            switch job.list {
            case "accounts": store.accounts += results.accounts[j]; results.accounts[j] = []
            case "contracts": store.contracts += results.contracts[j]; results.contracts[j] = []
            case "requests": store.requests += results.requests[j]; results.requests[j] = []
            default: store.activity += results.activity[j]; results.activity[j] = []
            }
        }
        d.resolveReferences()
        guard !d.failed else { return nil }
        return store
    }

    /// The byte ranges of the elements of the array that starts at `from` (each must be an object), and the offset
    /// just after the array; nil when it is not well formed (the exact parser then says where).
    static func elements(_ bytes: [UInt8], from: Int) -> (elements: [Range<Int>], end: Int)? {
        bytes.withUnsafeBufferPointer { p -> (elements: [Range<Int>], end: Int)? in
            let n = p.count
            var i = from + 1
            var out: [Range<Int>] = []
            func ws() { while i < n, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x09 || p[i] == 0x0D { i += 1 } }
            ws()
            if i < n, p[i] == UInt8(ascii: "]") { return (out, i + 1) }
            while true {
                ws()
                guard i < n, p[i] == UInt8(ascii: "{") else { return nil }
                let start = i
                var depth = 0
                scan: while i < n {
                    let b = p[i]
                    switch b {
                    case 0x22:
                        i += 1
                        while i < n, p[i] != 0x22 { i += p[i] == 0x5C ? 2 : 1 }
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { i += 1; break scan }
                    default: break
                    }
                    i += 1
                }
                guard depth == 0, i <= n else { return nil }
                out.append(start..<i)
                ws()
                guard i < n else { return nil }
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                if p[i] == UInt8(ascii: "]") { return (out, i + 1) }
                return nil
            }
        }
    }
}
