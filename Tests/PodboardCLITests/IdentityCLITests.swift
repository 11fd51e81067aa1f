import Foundation
import Testing
import PodboardCore

/// Issue 9, who you are, on the command line: on a team store (people with logins) podboard knows you from the
/// login running it (the real one: the tests give their own login to a person of the demo store), `--as` is an
/// admin's only, and `podboard log --since DATE|last --for PERSON` lists what others did to your requests.
@Suite("identity: act as your login, log --since (CLI)")
struct IdentityCLITests {
    static let me = Identity.processLogin() ?? "root"

    /// The demo store with logins: `logins[person] = [...]`.
    static func teamStore(_ logins: [String: [String]]) throws -> ActStore {
        let s = try ActStore()
        var store = try s.load()
        for i in store.people.indices { store.people[i].logins = logins[store.people[i].id] ?? [] }
        try Data(JSONWriter.write(StoreEncoder.encode(store)).utf8).write(to: URL(fileURLWithPath: s.path))
        return s
    }

    @Test func aBuyerCannotApproveTheirOwnSavingsByClaimingToBeTheEM() throws {
        // REQ-1071 is Ben's submission, waiting for Arjun (EM of south).
        let s = try Self.teamStore(["ben": [Self.me], "arjun": ["arjun-login"]])
        let before = s.bytes()
        let r = try s.act(["approve", "REQ-1071"], as: "arjun")
        #expect(r.status == 1)
        #expect(r.stderr.contains("you are ben (login \(Self.me)); --as arjun needs an admin — ask an admin to act for you, or drop --as"), "\(r.stderr)")
        #expect(s.bytes() == before, "nothing written")
        // $PODBOARD_USER is no way round it.
        let env = try CLI.run(["act", "approve", "REQ-1071", "--store", s.path, "--at", s.nextAt()], env: ["PODBOARD_USER": "arjun"])
        #expect(env.status == 1)
        #expect(env.stderr.contains("$PODBOARD_USER=arjun needs an admin"), "\(env.stderr)")
        #expect(try s.request("REQ-1071").status == .pendingApproval)
        // Ben is Ben without saying so: his own negotiation.
        let own = try CLI.run(["act", "log-update", "REQ-1082", "--note", "asked for a better price", "--store", s.path, "--at", s.nextAt()],
                              env: ["PODBOARD_USER": nil])
        #expect(own.status == 0, "\(own.stderr)")
        let last = try #require(try s.load().activity.last)
        #expect(last.by == "ben" && last.via == nil)
    }

    @Test func anAdminActingForSomeoneIsRecordedWithVia() throws {
        let s = try Self.teamStore(["ingrid": [Self.me], "arjun": ["arjun-login"]])
        let r = try s.act(["approve", "REQ-1071"], as: "arjun")
        #expect(r.status == 0, "\(r.stderr)")
        let last = try #require(try s.load().activity.last)
        #expect(last.by == "arjun")
        #expect(last.via == "ingrid")
        #expect(last.action == "approve")
        let log = try CLI.run(["log", "REQ-1071", "--store", s.path, "--today", ActStore.today])
        #expect(log.stdout.contains("Arjun Mehta (via Ingrid Johansson)"), "\(log.stdout)")
        // The guards are the person's: Ingrid for Ben may not approve (Ben is no EM).
        let asBen = try s.act(["reject", "REQ-1049", "--note", "no"], as: "ben")
        #expect(asBen.status == 1, "\(asBen.stderr)")
    }

    @Test func anAdminWhoIsTheBuyerStillCannotApproveTheirOwnSavings() throws {
        let s = try ActStore()
        var store = try s.load()
        let ben = store.people.firstIndex { $0.id == "ben" }!
        store.people[ben].logins = [Self.me]
        store.people[ben].roles.append(.admin)
        try Data(JSONWriter.write(StoreEncoder.encode(store)).utf8).write(to: URL(fileURLWithPath: s.path))
        let r = try s.act(["approve", "REQ-1071"], as: "arjun")
        #expect(r.status == 1)
        #expect(r.stderr.contains("segregation of duties"), "\(r.stderr)")
        #expect(try s.request("REQ-1071").status == .pendingApproval)
    }

    @Test func aLoginThatIsNoOneCannotAct() throws {
        let s = try Self.teamStore(["arjun": ["arjun-login"]])
        let r = try s.act(["approve", "REQ-1071"], as: "arjun")
        #expect(r.status == 1)
        #expect(r.stderr.contains("login \(Self.me) is no one here: ask an admin to add it to your logins"), "\(r.stderr)")
        let batch = s.path + ".jsonl"
        try Data(#"{"action": "approve", "target": "REQ-1071", "as": "arjun"}"#.utf8).write(to: URL(fileURLWithPath: batch))
        let b = try CLI.run(["act", "--batch", batch, "--store", s.path, "--at", s.nextAt()], env: ["PODBOARD_USER": nil])
        #expect(b.status == 1)
        #expect(b.stderr.contains(":1: refused: login \(Self.me) is no one here"), "\(b.stderr)")
    }

    @Test func logSinceADayForAPerson() throws {
        let s = try ActStore()
        func since(_ who: String) throws -> [JSONObject] {
            try Self.rows(["log", "--since", ActStore.today, "--for", who, "--store", s.path, "--today", ActStore.today, "--format", "json"])
        }
        // The demo store has entries of today already.
        let fatimaBefore = try since("fatima"), isabelBefore = try since("isabel")
        // On Maple (POD north, Fatima's): Ana's update on her REQ-1042, Fatima's own approval of Isabel's REQ-1068.
        try s.must(["log-update", "REQ-1042", "--note", "counter at 44k"], as: "ana", target: "REQ-1042")
        try s.must(["approve", "REQ-1068"], as: "fatima", target: "REQ-1068")
        let rows = try since("fatima")
        #expect(rows.count == fatimaBefore.count + 1, "others' actions only")
        #expect(rows.first?["target"] == .string("REQ-1042"), "newest first: \(rows.prefix(2))")
        let isabel = try since("isabel")
        #expect(isabel.count == isabelBefore.count + 1)
        #expect(isabel.first?["action"] == .string("approve"), "the approval of Isabel's savings")
        #expect(isabel.first?["by"] == .string("fatima"))
        let text = try CLI.run(["log", "--since", ActStore.today, "--for", "fatima", "--store", s.path, "--today", ActStore.today])
        #expect(text.stdout.contains("Since you last looked: Fatima El Idrissi (since \(ActStore.today))"), "\(text.stdout)")
        #expect(try CLI.run(["log", "--for", "fatima", "--store", s.path]).status == 2, "--for goes with --since")
        #expect(try CLI.run(["log", "--since", "yesterday", "--for", "fatima", "--store", s.path]).status == 2)
        #expect(try CLI.run(["log", "--since", ActStore.today, "--for", "nobody", "--store", s.path]).status == 2)
        #expect(try CLI.run(["log", "--since", ActStore.today, "--store", s.path], env: ["PODBOARD_USER": nil]).status == 2, "whose?")
    }

    @Test func logSinceLastReadsTheSessionRecord() throws {
        let s = try ActStore()
        let state = CLI.tempDir()
        let env: [String: String?] = ["XDG_STATE_HOME": state, "PODBOARD_USER": nil]
        let args = ["log", "--since", "last", "--for", "fatima", "--store", s.path, "--today", ActStore.today, "--format", "json"]
        // No session recorded yet: nothing listed, and a note says why.
        let none = try CLI.run(Array(args.dropLast(2)), env: env)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.contains("no session of Fatima El Idrissi on this store is recorded"), "\(none.stdout)")
        // Fatima's session ended here (as the terminal UI records it at exit), then Ana worked.
        try LastSeen.record(SeenMark(store: try s.load(), at: Timestamp("2026-11-23T14:00:00+05:30")!), person: "fatima",
                            store: s.path, file: state + "/podboard/last-seen.json")
        try s.must(["log-update", "REQ-1042", "--note", "counter at 44k"], as: "ana", target: "REQ-1042")
        try s.must(["log-update", "REQ-1086", "--note", "vendor replied"], as: "ana", target: "REQ-1086")
        let rows = try Self.rows(args, env: env)
        #expect(rows.map { $0["target"] } == [.string("REQ-1086"), .string("REQ-1042")], "newest first: \(rows)")
        let demo = try CLI.run(["log", "--since", "last", "--for", "fatima", "--today", ActStore.today], env: env, cwd: state)
        #expect(demo.status == 2, "the demo store keeps no sessions")
    }

    static func rows(_ args: [String], env: [String: String?] = [:]) throws -> [JSONObject] {
        let r = try CLI.run(args, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        guard case .object(let o) = try JSONParser.parse(r.stdout).value, case .array(let rows)? = o["rows"] else {
            Issue.record("log --format json: \(r.stdout.prefix(300))"); return []
        }
        return rows.compactMap { if case .object(let x) = $0 { return x }; return nil }
    }
}
