import Foundation
import PodboardCore

extension ActCommand {
    /// Who acts, as `Identity` resolves it for every command: the person, and the admin acting for them.
    /// A refusal (a team store: `--as` for someone else without being an admin, or a login that is no one) exits 1
    /// with its message; nobody named on a store without logins is bad input (exit 2).
    static func actor(_ store: Store, login: String?, asked: String?, askedWith: String) throws -> (by: String, via: String?) {
        switch Identity.resolve(store: store, login: login, asked: asked, askedWith: askedWith) {
        case .person(let id, let via): return (id, via)
        case .undeclared: throw Failure.badInput("act needs to know who acts: --as PERSON or $PODBOARD_USER")
        case .readOnly(let m), .refused(let m): throw Failure(status: 1, message: "refused: " + m)
        }
    }
}
