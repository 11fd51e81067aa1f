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
        // Each list is decoded into its final memory: every job initializes its own elements in place, and the
        // list becomes an array by a move (no copy of every record, no retain of every field, as merging did).
        let accounts = Slots<Account>(lists["accounts"]?.count ?? 0), contracts = Slots<Contract>(lists["contracts"]?.count ?? 0)
        let requests = Slots<Request>(lists["requests"]?.count ?? 0), activity = Slots<Activity>(lists["activity"]?.count ?? 0)
        final class Decoders: @unchecked Sendable {
            var all: [StoreDecoder?]
            init(_ n: Int) { all = Array(repeating: nil, count: n) }
        }
        let decoders = Decoders(jobs.count)
        // References to people are checked as they are read (people are known by now): most references are.
        let people = d.ids["people"] ?? []
        let jobList = jobs
        let run: @Sendable (Int) -> Void = { j in
            let job = jobList[j]
            let cd = StoreDecoder()
            cd.fast = true
            cd.knownPeople = people
            cd.deferIds = true
            var parser = JSONParser(bytes: bytes, exact: false)
            // Each element straight from its bytes (`StoreDecoder+Direct`); one that is not the common case through
            // its parsed tree, which reports what is wrong.
            func each<T>(_ slots: Slots<T>, _ direct: ((inout JSONParser) -> T?)?, _ decode: (JSONNode) -> T?) -> Bool {
                var k = job.ranges.startIndex
                for r in job.ranges {
                    parser.i = r.lowerBound
                    var value: T?
                    if let direct, let v = direct(&parser), parser.i == r.upperBound { value = v } else {
                        parser.i = r.lowerBound
                        if let node = try? parser.value(), parser.i == r.upperBound { value = decode(node) }
                    }
                    guard let value else { slots.deinitialize(job.ranges.startIndex..<k); return false }
                    (slots.base + k).initialize(to: value)
                    k += 1
                }
                return true
            }
            var ok: Bool
            switch job.list {
            case "accounts": ok = each(accounts, nil, { cd.decodeAccount($0, "") })
            case "contracts": ok = each(contracts, useDirect ? { cd.directContract(&$0) } : nil, { cd.decodeContract($0, "") })
            case "requests": ok = each(requests, useDirect ? { cd.directRequest(&$0) } : nil, { cd.decodeRequest($0, "") })
            default: ok = each(activity, useDirect ? { cd.directActivity(&$0) } : nil, { cd.decodeActivity($0, "") })
            }
            if ok && (cd.failed || parser.duplicateKey) {
                ok = false
                switch job.list {
                case "accounts": accounts.deinitialize(job.ranges.indices)
                case "contracts": contracts.deinitialize(job.ranges.indices)
                case "requests": requests.deinitialize(job.ranges.indices)
                default: activity.deinitialize(job.ranges.indices)
                }
            }
            if ok { decoders.all[j] = cd }
        }
        if jobs.count > 1 { DispatchQueue.concurrentPerform(iterations: jobs.count, execute: run) } else if jobs.count == 1 { run(0) }
        var whole = true
        for (j, _) in jobs.enumerated() {
            guard let cd = decoders.all[j] else { whole = false; continue }
            // References to what is known only now are resolved once everything is.
            d.references.append(contentsOf: cd.references)
        }
        guard whole else {
            // What the jobs that succeeded initialized is let go.
            for (j, job) in jobs.enumerated() where decoders.all[j] != nil {
                switch job.list {
                case "accounts": accounts.deinitialize(job.ranges.indices)
                case "contracts": contracts.deinitialize(job.ranges.indices)
                case "requests": requests.deinitialize(job.ranges.indices)
                default: activity.deinitialize(job.ranges.indices)
                }
            }
            return nil
        }
        if lists["accounts"] != nil { store.accounts = accounts.array() }
        if lists["contracts"] != nil { store.contracts = contracts.array() }
        if lists["requests"] != nil { store.requests = requests.array() }
        if lists["activity"] != nil { store.activity = activity.array() }
        // The ids of the three lists, each unique (one set per list, built on every core).
        final class IdSets: @unchecked Sendable { var sets: [Set<String>?] = [nil, nil, nil] }
        let idSets = IdSets()
        let (a, c, r) = (store.accounts, store.contracts, store.requests)
        DispatchQueue.concurrentPerform(iterations: 3) { k in
            switch k {
            case 0: idSets.sets[0] = uniqueIds(a.lazy.map(\.id), count: a.count)
            case 1: idSets.sets[1] = uniqueIds(c.lazy.map(\.id), count: c.count)
            default: idSets.sets[2] = uniqueIds(r.lazy.map(\.id), count: r.count)
            }
        }
        for (k, list) in ["accounts", "contracts", "requests"].enumerated() {
            guard let set = idSets.sets[k] else { return nil }
            d.ids[list] = set
        }
        d.resolveReferences()
        guard !d.failed else { return nil }
        return store
    }

    /// The ids as a set; nil when one is there twice.
    static func uniqueIds(_ ids: some Sequence<String>, count: Int) -> Set<String>? {
        var set = Set<String>(minimumCapacity: count)
        for id in ids { guard set.insert(id).inserted else { return nil } }
        return set
    }

    /// The byte ranges of the elements of the array that starts at `from` (each must be an object), and the offset
    /// just after the array; nil when it is not well formed (the exact parser then says where).
    static func elements(_ bytes: [UInt8], from: Int) -> (elements: [Range<Int>], end: Int)? {
        // The bytes that matter between elements' ends: quotes and brackets (a table, looked up per byte); a string's
        // inside is skipped with memchr to its closing quote.
        var table = [Bool](repeating: false, count: 256)
        for b in "\"{}[]".utf8 { table[Int(b)] = true }
        return table.withUnsafeBufferPointer { structural in
        bytes.withUnsafeBufferPointer { p -> (elements: [Range<Int>], end: Int)? in
            let n = p.count
            guard let base = p.baseAddress else { return nil }
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
                    while i < n && !structural[Int(p[i])] { i += 1 }
                    guard i < n else { break }
                    switch p[i] {
                    case 0x22:
                        // The closing quote: the next one not escaped (an odd run of backslashes before it).
                        var j = i + 1
                        while true {
                            guard j < n, let q = memchr(base + j, 0x22, n - j) else { return nil }
                            let k = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(q))
                            var t = k - 1, slashes = 0
                            while t > i && p[t] == 0x5C { slashes += 1; t -= 1 }
                            if slashes % 2 == 0 { j = k; break }
                            j = k + 1
                        }
                        i = j
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    default:
                        depth -= 1
                        if depth == 0 { i += 1; break scan }
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
}


/// The memory of one large list while its chunks are decoded on several cores: each element is initialized in
/// place by its job; `array()` moves them all into an `Array` (or `deinitialize` lets a job's go when the load
/// fails). The memory itself is freed when this is.
final class Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    let count: Int
    private var moved = false

    init(_ count: Int) {
        self.count = count
        base = UnsafeMutablePointer<T>.allocate(capacity: max(1, count))
    }

    deinit { base.deallocate() }

    func deinitialize(_ range: Range<Int>) {
        if !range.isEmpty { (base + range.lowerBound).deinitialize(count: range.count) }
    }

    /// Every element, moved into an array: call once, when every element is initialized.
    func array() -> [T] {
        precondition(!moved)
        moved = true
        return Array(unsafeUninitializedCapacity: count) { buffer, n in
            if count > 0 { buffer.baseAddress!.moveInitialize(from: base, count: count) }
            n = count
        }
    }
}
