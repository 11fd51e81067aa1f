import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who acts on a store: the one resolution used by `podboard act`, the terminal UI and `podboard log`.
///
/// A store where any person has `logins` is a *team store*: podboard knows you from the operating-system user
/// that runs it, and `--as` (or `$PODBOARD_USER`) is honoured only for an admin, who then acts *for* that person
/// (the activity entry's `by` is the person, `via` the admin). A store without logins works as it always did:
/// `--as` says who you are.
public enum Identity {
    /// What the resolution found.
    public enum Resolution: Sendable, Equatable {
        /// `person` acts (an id, checked by the workflow like any `--as`); `via` is the admin acting for them.
        case person(String, via: String?)
        /// A store without logins and nobody named: the UI asks "who are you?", `act` needs `--as`.
        case undeclared
        /// Nobody may act (a login that is no one on a team store): the UI is read-only with this banner; `act`
        /// is refused (exit 1) with it.
        case readOnly(String)
        /// The name given (`--as`, `$PODBOARD_USER`) may not be used: refused (exit 1) with this message.
        case refused(String)
    }

    /// True when any person has logins: podboard then knows who acts from the login.
    public static func isTeamStore(_ store: Store) -> Bool { store.people.contains { !$0.logins.isEmpty } }

    /// The person whose `logins` include `login`.
    public static func person(login: String, in store: Store) -> Person? {
        store.people.first { $0.logins.contains(login) }
    }

    /// The login of the user that runs this process: the name of the effective user id in the password database
    /// (`getpwuid(geteuid())`), never `$USER`, which anyone can set. nil when the user id has no name.
    public static func processLogin() -> String? {
        guard let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name else { return nil }
        let s = String(cString: name)
        return s.isEmpty ? nil : s
    }

    /// Who acts.
    /// - Parameters:
    ///   - login: the login running podboard (`processLogin()`; tests pass their own). Used on team stores only.
    ///   - asked: the person named with `--as` or `$PODBOARD_USER`, if any.
    ///   - askedWith: how it was named, for the messages: "--as", "$PODBOARD_USER", or a batch line's `"as"`.
    public static func resolve(store: Store, login: String?, asked: String?, askedWith: String = "--as") -> Resolution {
        let asked = asked.flatMap { $0.isEmpty ? nil : $0 }
        guard isTeamStore(store) else {
            return asked.map { .person($0, via: nil) } ?? .undeclared
        }
        guard let login else {
            return .readOnly("user id \(geteuid()) has no login name, and this store knows its people by login")
        }
        guard let me = person(login: login, in: store) else {
            return .readOnly("login \(login) is no one here: ask an admin to add it to your logins")
        }
        guard let asked, asked != me.id else { return .person(me.id, via: nil) }
        if me.has(.admin) { return .person(asked, via: me.id) }
        let named = askedWith.hasPrefix("$") ? "\(askedWith)=\(asked)" : "\(askedWith) \(asked)"
        let drop = askedWith.hasPrefix("$") ? "unset " + askedWith.dropFirst() : "drop " + askedWith
        return .refused("you are \(me.id) (login \(login)); \(named) needs an admin — ask an admin to act for you, or \(drop)")
    }

    /// `resolve` with the login of this process and the name from `--as`, else `$PODBOARD_USER`.
    public static func resolve(store: Store, flag: String?, environment: [String: String]) -> Resolution {
        let env = environment["PODBOARD_USER"].flatMap { $0.isEmpty ? nil : $0 }
        let asked = flag ?? env
        return resolve(store: store, login: isTeamStore(store) ? processLogin() : nil, asked: asked,
                       askedWith: flag != nil ? "--as" : "$PODBOARD_USER")
    }
}
