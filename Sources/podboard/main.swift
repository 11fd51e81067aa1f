import Foundation
import PodboardCLI

/// The command line. Under some LD_PRELOAD libraries (Debian's libfaketime, which people use to try podboard on
/// another day) the Swift runtime sees no arguments at all; the kernel still has them in /proc/self/cmdline.
func commandLineArguments() -> [String] {
    if CommandLine.argc > 0 { return Array(CommandLine.arguments.dropFirst()) }
    guard let data = FileManager.default.contents(atPath: "/proc/self/cmdline"), !data.isEmpty else { return [] }
    var parts = data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    if parts.last == "" { parts.removeLast() }
    return Array(parts.dropFirst())
}

exit(PodboardCommand.run(arguments: commandLineArguments()))
