import PodboardCore

extension AppUpdate {
    /// Other people's actions, caught up from the store (live): the new store replaces the one in view, keeping
    /// the pane, the cursor on the same request, the filters and an open form; the message line says what
    /// happened (`ActivityText.headline`: "Maya Iyer approved savings REQ-1042: +USD 8,000 to Ben Okafor's
    /// quota (and 2 other changes)").
    public static func othersActed(_ state: inout AppState, store: Store, changes: [Activity]) {
        let selected = ActionForms.selectedRequest(state)
        state.replaceStore(store)
        if let id = selected { follow(id, &state) }
        if let line = ActivityText(store: store).headline(changes) { state.message = StatusMessage(line) }
        clamp(&state)
    }
}

extension AppState {
    /// The sequence number of the store on screen: its highest (the last numbered activity entry's), 0 when none.
    public var shownSeq: Int { data.store.activity.reversed().lazy.compactMap(\.seq).first ?? 0 }
}
