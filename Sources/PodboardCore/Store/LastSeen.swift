import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each person stopped looking at each store ("since you last looked"): a small state file of the user
/// running podboard, never the store. `$XDG_STATE_HOME/podboard/last-seen.json` (default
/// `~/.local/state/podboard/last-seen.json`):
///
///     {"format": 1, "stores": {"/srv/team/store.json": {"maya": {"activity": 120, "seq": 57,
///                                                         "at": "2026-11-23T18:02:11+05:30"}}}}
///
/// Stores are keyed by their real path (symbolic links resolved), people by id. The terminal UI writes its
/// user's mark when it exits; `podboard log --since last` reads it.
public enum LastSeen {
    /// The state file, from the environment: `$XDG_STATE_HOME/podboard/last-seen.json`, else
    /// `$HOME/.local/state/podboard/last-seen.json`; nil when neither is set.
    public static func path(environment: [String: String]) -> String? {
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/podboard/last-seen.json" }
        if let h = environment["HOME"], !h.isEmpty { return h + "/.local/state/podboard/last-seen.json" }
        return nil
    }

    /// A store file's key: its real path.
    public static func storeKey(_ storePath: String) -> String {
        guard let p = realpath(storePath, nil) else {
            return URL(fileURLWithPath: storePath).standardizedFileURL.path
        }
        defer { free(p) }
        return String(cString: p)
    }

    /// Every person's mark for a store (empty when the file or the store is not there, or unreadable).
    public static func marks(file: String, store storePath: String) -> [String: SeenMark] {
        guard case .object(let stores)? = root(file)["stores"], case .object(let people)? = stores[storeKey(storePath)] else { return [:] }
        var out: [String: SeenMark] = [:]
        for m in people.members {
            guard case .object(let o) = m.value, case .number(let n)? = o["activity"], let count = Int(n), count >= 0,
                  case .string(let t)? = o["at"], let at = Timestamp(t) else { continue }
            var seq: Int?
            if case .number(let s)? = o["seq"] { seq = Int(s) }
            out[m.key] = SeenMark(activityCount: count, seq: seq, at: at)
        }
        return out
    }

    /// Records a person's mark for a store (atomically: a temporary file renamed over the old one); every other
    /// store and person in the file stays as it was.
    public static func record(_ mark: SeenMark, person: String, store storePath: String, file: String) throws {
        var root = root(file)
        root["format"] = .number("1")
        var stores = JSONObject()
        if case .object(let s)? = root["stores"] { stores = s }
        let key = storeKey(storePath)
        var people = JSONObject()
        if case .object(let p)? = stores[key] { people = p }
        var m = JSONObject()
        m["activity"] = .number(String(mark.activityCount))
        if let seq = mark.seq { m["seq"] = .number(String(seq)) }
        m["at"] = .string(mark.at.text)
        people[person] = .object(m)
        stores[key] = .object(people)
        root["stores"] = .object(stores)
        let dir = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let tmp = dir + "/.last-seen.json.tmp-\(getpid())"
        try Data(JSONWriter.write(.object(root)).utf8).write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, file) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(file): \(why)"])
        }
    }

    static func root(_ file: String) -> JSONObject {
        guard let data = FileManager.default.contents(atPath: file),
              let node = try? JSONParser.parse(String(decoding: data, as: UTF8.self)),
              case .object(let o) = node.value else { return JSONObject() }
        return o
    }
}
