import Dispatch
import Foundation

/// Work over large arrays on every core (the snapshot's timelines, the aging rows): split into contiguous chunks,
/// each computed on its own thread, joined in order. Below `minimum` items, or on one core, it runs in line.
enum Parallel {
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `(0..<count).map(body)`, in order, computed in chunks on every core.
    static func map<T>(count: Int, minimum: Int = 2048, _ body: @Sendable (Int) -> T) -> [T] {
        let chunks = min(cores * 4, count / max(1, minimum / 4))
        guard cores > 1, count >= minimum, chunks >= 2 else { return (0..<count).map(body) }
        let parts = Parts<T>(chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            var part: [T] = []
            part.reserveCapacity(hi - lo)
            for i in lo..<hi { part.append(body(i)) }
            parts.pointer[c] = part
        }
        var out: [T] = []
        out.reserveCapacity(count)
        for c in 0..<chunks { out.append(contentsOf: parts.pointer[c]) }
        return out
    }

    /// One slot per chunk, each written by one thread only.
    private final class Parts<T>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<[T]>
        let count: Int
        init(_ count: Int) {
            self.count = count
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: [], count: count)
        }
        deinit {
            pointer.deinitialize(count: count)
            pointer.deallocate()
        }
    }
}
