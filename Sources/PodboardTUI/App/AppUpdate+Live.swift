import PodboardCore

extension AppUpdate {
    /// Other people's actions, caught up from the store (live): the new store replaces the one in view, keeping
    /// the pane, the cursor on the same request, the filters and an open form; the message line names what
    /// changed ("Arjun Mehta: approve savings REQ-1088", "+2 more").
    public static func othersActed(_ state: inout AppState, store: Store, changes: [Activity]) {
        let selected = ActionForms.selectedRequest(state)
        state.replaceStore(store)
        if let id = selected { follow(id, &state) }
        if let last = changes.last {
            let t = ActivityText(store: store)
            let more = changes.count > 1 ? " (+\(changes.count - 1) more)" : ""
            state.message = StatusMessage("\(t.who(last)): \(t.what(last)) \(last.target)\(more)")
        }
        clamp(&state)
    }
}
