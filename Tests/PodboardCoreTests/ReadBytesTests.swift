import Foundation
import Testing
@testable import PodboardCore

/// `StoreFile.readBytes` reads a large file in two halves at once (issue 10): the bytes are the file's, in order,
/// whatever its size.
@Suite("Reading a store file")
struct ReadBytesTests {
    @Test(arguments: [0, 1, 65_537, (8 << 20) - 1, (8 << 20) + 12_345, (9 << 20) + 65_536])
    func theBytesAreTheFilesWhateverItsSize(_ size: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podboard-read-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = SeededRandom(seed: UInt64(size) + 1)
        let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let path = dir + "/store.json"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let read = try StoreFile.readBytes(path)
        #expect(read.count == size)
        #expect(read == bytes)
    }
}
