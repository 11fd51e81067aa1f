import Foundation
import Testing
@testable import PodboardCore

/// Who acts (`Identity`), `people[].logins` in the store, and "since you last looked" (`SinceLastLooked`,
/// `LastSeen`). The store is WorkflowFixtures' WF.store(), made a team store by giving people logins.
@Suite struct IdentityTests {
    /// WF.store() where buyer is login "bnorth", em "enorth", admin "root-ada", emBuyer "max".
    static func teamStore() -> Store {
        var s = WF.store()
        let logins = ["buyer": ["bnorth"], "em": ["enorth", "erin"], "admin": ["root-ada"], "emBuyer": ["max"]]
        for i in s.people.indices { s.people[i].logins = logins[s.people[i].id] ?? [] }
        return s
    }

    // MARK: - The resolution table

    @Test func aStoreWithoutLoginsTakesAsAsToday() {
        let s = WF.store()
        #expect(!Identity.isTeamStore(s))
        #expect(Identity.resolve(store: s, login: "anyone", asked: "em") == .person("em", via: nil))
        #expect(Identity.resolve(store: s, login: "anyone", asked: nil) == .undeclared)
        #expect(Identity.resolve(store: s, login: nil, asked: "") == .undeclared)
        // An unknown name is left to the workflow (bad input) and the UI (read-only), as before.
        #expect(Identity.resolve(store: s, login: nil, asked: "nobody") == .person("nobody", via: nil))
    }

    @Test func onATeamStoreTheLoginSaysWhoYouAre() {
        let s = Self.teamStore()
        #expect(Identity.isTeamStore(s))
        #expect(Identity.resolve(store: s, login: "bnorth", asked: nil) == .person("buyer", via: nil))
        #expect(Identity.resolve(store: s, login: "erin", asked: nil) == .person("em", via: nil), "any of a person's logins")
        #expect(Identity.resolve(store: s, login: "bnorth", asked: "buyer") == .person("buyer", via: nil), "--as yourself is fine")
    }

    @Test func aBuyerCannotClaimToBeTheEM() {
        let s = Self.teamStore()
        #expect(Identity.resolve(store: s, login: "bnorth", asked: "em")
                == .refused("you are buyer (login bnorth); --as em needs an admin — ask an admin to act for you, or drop --as"))
        #expect(Identity.resolve(store: s, login: "bnorth", asked: "em", askedWith: "$PODBOARD_USER")
                == .refused("you are buyer (login bnorth); $PODBOARD_USER=em needs an admin — ask an admin to act for you, or unset PODBOARD_USER"))
    }

    @Test func anAdminActsForSomeoneViaThemselves() {
        let s = Self.teamStore()
        #expect(Identity.resolve(store: s, login: "root-ada", asked: "em") == .person("em", via: "admin"))
        #expect(Identity.resolve(store: s, login: "root-ada", asked: nil) == .person("admin", via: nil))
    }

    @Test func aLoginThatIsNoOneIsReadOnly() {
        let s = Self.teamStore()
        guard case .readOnly(let m) = Identity.resolve(store: s, login: "stranger", asked: "em") else {
            Issue.record("expected read-only"); return
        }
        #expect(m.contains("login stranger") && m.contains("ask an admin"))
        guard case .readOnly = Identity.resolve(store: s, login: nil, asked: nil) else { Issue.record("no login: read-only"); return }
    }

    @Test func theProcessLoginComesFromThePasswordDatabase() {
        // Whatever $USER says: the name of the effective user id.
        #expect(Identity.processLogin() == String(cString: getpwuid(geteuid())!.pointee.pw_name))
    }

    // MARK: - Acting for someone, and segregation of duties

    @Test func anAdminActingForTheEMIsRecordedWithVia() throws {
        let s = Self.teamStore()
        guard case .person(let by, let via) = Identity.resolve(store: s, login: "root-ada", asked: "em") else { Issue.record("resolve"); return }
        let o = try Workflow.perform(ActionRequest(.approve, target: WF.pending), by: by, at: WF.now, in: s, stamp: ActionStamp(via: via))
        #expect(o.activity.by == "em")
        #expect(o.activity.via == "admin")
        #expect(ActivityText(store: o.store).who(o.activity) == "Erin North (via Ada Admin)")
    }

    @Test func segregationOfDutiesHoldsForWhoReallyActs() {
        var s = Self.teamStore()
        // emBuyer is REQ-9's Buyer; made an admin, they may act for the EM, but not approve their own savings.
        let i = s.people.firstIndex { $0.id == "emBuyer" }!
        s.people[i].roles.append(.admin)
        guard case .person(let by, let via) = Identity.resolve(store: s, login: "max", asked: "em") else { Issue.record("resolve"); return }
        #expect(by == "em" && via == "emBuyer")
        do {
            _ = try Workflow.perform(ActionRequest(.approve, target: WF.pendingOwnEM), by: by, at: WF.now, in: s, stamp: ActionStamp(via: via))
            Issue.record("approved own savings through an admin's --as")
        } catch {
            #expect(error.description.contains("segregation of duties"))
        }
        // A Buyer who is no admin cannot even get that far.
        guard case .refused = Identity.resolve(store: s, login: "bnorth", asked: "em") else { Issue.record("a Buyer as the EM"); return }
    }

    @Test func theSessionJournalsVia() throws {
        let dir = StoreFixtures.tempDir()
        let path = dir + "/team.json"
        try Data(JSONWriter.write(StoreEncoder.encode(Self.teamStore())).utf8).write(to: URL(fileURLWithPath: path))
        let (session, _) = try StoreSession.open(path)
        try session.perform(ActionRequest(.approve, target: WF.pending), by: "em", at: WF.now, via: "admin")
        let journal = try #require(try Journal.read(Journal.path(for: path)))
        #expect(journal.entries.last?.via == "admin")
        #expect(journal.entries.last?.by == "em")
        try session.fold()
        let back = try StoreFile.load(path).store
        #expect(back.activity.last?.via == "admin")
        #expect(back.activity.last?.by == "em")
    }

    // MARK: - people[].logins in the store

    @Test func loginsAreReadAndWrittenBack() throws {
        let s = Self.teamStore()
        let text = JSONWriter.write(StoreEncoder.encode(s))
        let (back, problems) = StoreDecoder.decode(try JSONParser.parse(text))
        #expect(problems.isEmpty, "\(problems)")
        #expect(back.person("em")?.logins == ["enorth", "erin"])
        #expect(back.person("csm")?.logins == [])
        #expect(!text.contains("\"logins\": []"), "no logins: no key")
    }

    @Test func aLoginIsOnePersonOnly() throws {
        var s = Self.teamStore()
        s.people[s.people.firstIndex { $0.id == "csm" }!].logins = ["cleo", "bnorth"]
        let text = JSONWriter.write(StoreEncoder.encode(s))
        let problems = StoreDecoder.decode(try JSONParser.parse(text)).problems
        #expect(problems.count == 1, "\(problems)")
        let p = try #require(problems.first)
        let csm = s.people.firstIndex { $0.id == "csm" }!, buyer = s.people.firstIndex { $0.id == "buyer" }!
        #expect(p.path == "people[\(csm)].logins[1]")
        #expect(p.message.contains("people[\(buyer)].logins[0]"), "names the other place: \(p.message)")
        #expect(p.message.range(of: #"\(\d+:\d+\)"#, options: .regularExpression) != nil, "with its line:column: \(p.message)")
    }

    @Test func badLoginsAreProblems() throws {
        let text = StoreFixtures.example.replacingOccurrences(of: "\"roles\": [\"em\"],", with: "\"roles\": [\"em\"], \"logins\": [\"\", \"a b\", 7],")
        #expect(text != StoreFixtures.example)
        let problems = StoreDecoder.decode(try JSONParser.parse(text)).problems
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.allSatisfy { $0.path.hasPrefix("people[0].logins[") })
    }

    // MARK: - Since you last looked

    /// The team store after a morning: the mark is taken, then others (and the EM herself) act.
    static func morning() throws -> (store: Store, mark: SeenMark) {
        var s = teamStore()
        let mark = SeenMark(store: s, at: wfTS("2026-11-23 09:00"))
        func run(_ k: ActionKind, _ t: String, by: String, _ p: ActionParams = ActionParams(), via: String? = nil, at: String) throws {
            s = try Workflow.perform(ActionRequest(k, target: t, params: p), by: by, at: wfTS(at), in: s, stamp: ActionStamp(via: via)).store
        }
        try run(.logUpdate, WF.negotiating, by: "buyer", WF.p(note: "counter sent"), at: "2026-11-23 09:10")       // the EM's POD
        try run(.approve, WF.pending, by: "em", at: "2026-11-23 09:20")                                          // the EM herself
        try run(.sendPreApproval, WF.southNew, by: "analystSouth", WF.p(), at: "2026-11-23 09:25")               // another POD
        try run(.logUpdate, WF.twoSources, by: "buyer", WF.p(note: "for Ben"), via: "admin", at: "2026-11-23 09:30") // an admin for the Buyer
        try run(.addQuote, WF.twoSources, by: "buyer", WF.p(amount: "41000", from: "SHI", source: .reseller), at: "2026-11-23 09:40")
        return (s, mark)
    }

    @Test func othersChangesToYourRequestsNewestFirst() throws {
        let (s, mark) = try Self.morning()
        let em = SinceLastLooked.items(s, for: "em", since: .mark(mark))
        // The EM's POD: the Buyer's update and quote, and what the admin did for the Buyer; not her own approval,
        // not the other POD's request.
        #expect(em.map(\.request) == [WF.twoSources, WF.twoSources, WF.negotiating])
        #expect(em.map(\.activity.action) == ["add-quote", "log-update", "log-update"])
        #expect(em.map(\.index) == em.map(\.index).sorted(by: >), "newest first")
        // The Buyer sees the approval of their savings and the update an admin made for them, not their own actions.
        let buyer = SinceLastLooked.items(s, for: "buyer", since: .mark(mark))
        #expect(buyer.map(\.activity.action) == ["log-update", "approve"])
        // The admin did that update: it is not news to the admin (no requests of theirs anyway).
        #expect(SinceLastLooked.items(s, for: "admin", since: .mark(mark)).isEmpty)
        // The CSM of both accounts: everything by others.
        #expect(SinceLastLooked.items(s, for: "csm", since: .mark(mark)).count == 5)
    }

    @Test func sinceADayAndAfterTheStoreWasReplaced() throws {
        let (s, mark) = try Self.morning()
        let today = SinceLastLooked.items(s, for: "em", since: .day(WF.today))
        #expect(today.count == 3)
        #expect(SinceLastLooked.items(s, for: "em", since: .day(LocalDate("2026-11-24")!)).isEmpty)
        // The old closing entry (11-14) is the CSM's too, from a day before it.
        #expect(SinceLastLooked.items(s, for: "csm", since: .day(LocalDate("2026-11-01")!)).count == 6)
        // A mark beyond the log's end (another store put in place): by time instead.
        var odd = mark
        odd.activityCount = s.activity.count + 10
        odd.at = wfTS("2026-11-23 09:35")
        #expect(SinceLastLooked.items(s, for: "em", since: .mark(odd)).map(\.activity.action) == ["add-quote"])
        // Nothing new since now.
        #expect(SinceLastLooked.items(s, for: "em", since: .mark(SeenMark(store: s, at: wfTS("2026-11-23 10:00")))).isEmpty)
    }

    @Test func theLastSeenFileKeepsEachStoreAndPerson() throws {
        let dir = StoreFixtures.tempDir()
        let file = dir + "/state/podboard/last-seen.json"
        let store = dir + "/store.json", other = dir + "/other.json"
        _ = FileManager.default.createFile(atPath: store, contents: Data("{}".utf8))
        _ = FileManager.default.createFile(atPath: other, contents: Data("{}".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: store)
        #expect(LastSeen.marks(file: file, store: store).isEmpty, "no file yet")
        let m1 = SeenMark(activityCount: 12, seq: 40, at: wfTS("2026-11-23 18:00"))
        let m2 = SeenMark(activityCount: 3, at: wfTS("2026-11-22 18:00"))
        try LastSeen.record(m1, person: "em", store: store, file: file)
        try LastSeen.record(m2, person: "buyer", store: dir + "/link.json", file: file)  // the same store, by its link
        try LastSeen.record(m2, person: "em", store: other, file: file)
        let marks = LastSeen.marks(file: file, store: store)
        #expect(marks == ["em": m1, "buyer": m2])
        #expect(LastSeen.marks(file: file, store: other) == ["em": m2])
        #expect(LastSeen.path(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"]) == "/x/state/podboard/last-seen.json")
        #expect(LastSeen.path(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/podboard/last-seen.json")
        #expect(LastSeen.path(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.local/state/podboard/last-seen.json")
    }
}
