/// Objects that hold the same key twice. JSON leaves it open which one counts: podboard would read the first,
/// most other tools the last, so the same file means two things. Every such key is a problem, at its second
/// place, naming both positions.
enum DuplicateKeys {
    static func problems(in root: JSONNode) -> [StoreProblem] {
        var found: [StoreProblem] = []
        walk(root, path: "", into: &found)
        return found
    }

    private static func walk(_ node: JSONNode, path: String, into found: inout [StoreProblem]) {
        switch node {
        case .array(let items, _):
            for (i, item) in items.enumerated() {
                switch item {
                case .array, .object: walk(item, path: path + "[\(i)]", into: &found)
                default: continue
                }
            }
        case .object(let members, _):
            var first: [String: SourcePosition] = [:]
            if members.count > 1 {
                first.reserveCapacity(members.count)
                for m in members {
                    if let at = first[m.key] {
                        let key = TerminalText.cut(m.key, to: 60)
                        found.append(StoreProblem(
                            path: path.isEmpty ? key : path + "." + key, position: m.keyPosition,
                            message: "the key \"\(key)\" appears twice in this object, at \(at) and at \(m.keyPosition) "
                                + "(tools disagree about which one counts): keep one"))
                    } else {
                        first[m.key] = m.keyPosition
                    }
                }
            }
            for m in members {
                switch m.value {
                case .array, .object: walk(m.value, path: path.isEmpty ? m.key : path + "." + m.key, into: &found)
                default: continue
                }
            }
        default:
            return
        }
    }
}
