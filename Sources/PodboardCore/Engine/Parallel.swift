import Dispatch
import Foundation

/// Work over large arrays on every core (the snapshot's timelines, the aging rows): split into contiguous chunks,
/// each computed on its own thread straight into its place in the result. Below `minimum` items, or on one core,
/// it runs in line.
enum Parallel {
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `(0..<count).map(body)`, in order, computed in chunks on every core. Each thread initializes its own range
    /// of the result's buffer: no per-chunk arrays joined afterwards (a copy, and a retain and release, of every
    /// element).
    static func map<T>(count: Int, minimum: Int = 2048, _ body: @Sendable (Int) -> T) -> [T] {
        let chunks = min(cores * 4, count / max(1, minimum / 4))
        guard cores > 1, count >= minimum, chunks >= 2 else { return (0..<count).map(body) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = Base(pointer: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = count * c / chunks, hi = count * (c + 1) / chunks
                for i in lo..<hi { (base.pointer + i).initialize(to: body(i)) }
            }
            initialized = count
        }
    }

    /// The result's buffer, shared by the threads; each writes its own range only.
    private struct Base<T>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<T>
    }
}
