/// What fixes a refusal: the action that removes the reason an action was refused. Messages of the domain
/// never name keys; the UI turns a remedy into its key, the command line into its action name.
extension Workflow {
    /// A request can be qualified once savings have something to be measured from: a baseline or a linked contract.
    static func hasSavingsReference(_ r: Request) -> Bool { r.baseline != nil || r.contract != nil }

    /// The action that would remove the reason `kind` is refused on `target`, when one action does; nil otherwise.
    /// - Parameter index: positions of the store's records (the UI's, kept per revision): the target without a scan.
    public static func remedy(_ kind: ActionKind, target: String, in store: Store, index: StoreIndex? = nil) -> ActionKind? {
        switch kind {
        case .qualify:
            guard let r = (index ?? StoreIndex()).request(target, in: store), !r.tool.isEmpty, !r.vendor.isEmpty, !hasSavingsReference(r) else { return nil }
            return .setBaseline
        default:
            return nil
        }
    }
}
