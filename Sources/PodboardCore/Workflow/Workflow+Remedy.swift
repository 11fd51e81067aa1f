/// What fixes a refusal: the action that removes the reason an action was refused. Messages of the domain
/// never name keys; the UI turns a remedy into its key, the command line into its action name.
extension Workflow {
    /// A request can be qualified once savings have something to be measured from: a baseline or a linked contract.
    static func hasSavingsReference(_ r: Request) -> Bool { r.baseline != nil || r.contract != nil }

    /// The action that would remove the reason `kind` is refused on `target`, when one action does; nil otherwise.
    public static func remedy(_ kind: ActionKind, target: String, in store: Store) -> ActionKind? {
        switch kind {
        case .qualify:
            guard let r = store.request(target), !r.tool.isEmpty, !r.vendor.isEmpty, !hasSavingsReference(r) else { return nil }
            return .setBaseline
        default:
            return nil
        }
    }
}
