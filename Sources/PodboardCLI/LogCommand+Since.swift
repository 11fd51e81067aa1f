import Foundation
import PodboardCore

extension LogCommand {
    /// `podboard log --since DATE|last [--for PERSON]`: what others did to the person's requests since a day or
    /// since their last session in the terminal UI (the same list as the home view's "since you last looked").
    func runSince(_ selected: SelectedStore, today: LocalDate) throws {
        let store = selected.store
        let env = ProcessInfo.processInfo.environment
        guard let since else { throw Failure.badInput("--for PERSON goes with --since DATE|last") }
        let who: String
        if let person {
            who = person
        } else {
            switch Identity.resolve(store: store, flag: nil, environment: env) {
            case .person(let id, _): who = id
            case .undeclared: throw Failure.badInput("--since: whose requests? give --for PERSON (or $PODBOARD_USER)")
            case .readOnly(let m), .refused(let m): throw Failure(status: 1, message: m)
            }
        }
        guard let p = store.person(who) else {
            throw Failure.badInput("--for: no person \"\(who)\" in the store (`podboard people` lists them)")
        }
        let from: SinceLastLooked.Since
        var title = "Since you last looked: \(p.name)"
        var notes: [String] = []
        if since == "last" {
            guard let path = selected.path else {
                throw Failure.badInput("--since last needs a store file: the built-in demo store keeps no sessions")
            }
            guard let file = LastSeen.path(environment: env) else {
                throw Failure.badInput("--since last: neither $XDG_STATE_HOME nor $HOME is set, so there is no record of sessions")
            }
            if let mark = LastSeen.marks(file: file, store: path)[p.id] {
                from = .mark(mark)
                title += " (last session ended " + (Zone(identifier: store.settings.timeZone) ?? .utc).clockText(mark.at) + ")"
            } else {
                from = .mark(SeenMark(activityCount: store.activity.count, at: Timestamp(epochSeconds: 0)))
                notes.append("no session of \(p.name) on this store is recorded (in \(file)): the terminal UI records one when it exits")
            }
        } else {
            guard let d = LocalDate(since) else {
                throw Failure.badInput("--since: expected a date written YYYY-MM-DD or \"last\", found '\(since)'")
            }
            from = .day(d)
            title += " (since \(d))"
        }
        let items = SinceLastLooked.items(store, for: p.id, since: from).filter { target == nil || $0.request == target }
        var table = ReportTable(title: title, columns: [
            Column(key: "index", title: "#", alignRight: true), Column(key: "at", title: "At"), Column(key: "by", title: "By"),
            Column(key: "action", title: "Action"), Column(key: "target", title: "Target"), Column(key: "change", title: "Change"),
        ])
        let text = ActivityText(store: store)
        for item in items {
            let a = item.activity
            table.rows.append([Cell.int(item.index), Cell(a.at.text), Cell(text: text.who(a), value: .string(a.by)),
                               Cell(a.action), Cell(a.target), Cell(text.change(a))])
        }
        table.notes += notes
        if table.rows.isEmpty && notes.isEmpty { table.notes.append("nothing new: no one else changed \(p.name)'s requests") }
        emit(table, today: today)
    }
}
