import Foundation
import Testing
import PodboardCore

/// `podboard act --help` lists every action with its target and every option it takes; each option is described.
@Suite("podboard act --help")
struct ActHelpTests {
    @Test func helpListsEveryActionWithItsOptions() throws {
        let r = try CLI.run(["act", "--help"])
        #expect(r.status == 0)
        // Join continuation lines ("      --ends …") to their action's line.
        var entries: [String: String] = [:]
        var last: String?
        for line in r.stdout.split(separator: "\n").map(String.init) {
            if line.hasPrefix("      --"), let l = last { entries[l, default: ""] += " " + line.trimmingCharacters(in: .whitespaces); continue }
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { last = nil; continue }
            let words = line.split(separator: " ")
            if let name = words.first, ActionKind(rawValue: String(name)) != nil {
                last = String(name)
                entries[String(name)] = line
            } else { last = nil }
        }
        for kind in ActionKind.allCases {
            let entry = try #require(entries[kind.rawValue], "\(kind.rawValue) missing from act --help")
            let listed = Set(entry.split(separator: " ").filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2)) })
            #expect(listed == Set(kind.parameters.map(\.rawValue)), "\(kind.rawValue): \(entry)")
        }
        // Every option an action takes has its own description among the options.
        for p in ActionParam.allCases {
            #expect(r.stdout.contains("  --" + p.rawValue + " "), "--\(p.rawValue) not described")
        }
    }
}
