import PodboardCore

extension AppState {
    /// Why nothing can be done while the store's server is out of reach, naming the state.
    public var offlineReason: String? {
        connection.map { "read-only while \($0): nothing was changed; try again when it is back" }
    }

    /// The red banner under the tabs: read-only (who you are), or the connection being made again.
    public var bannerText: String? {
        // Reconnecting comes first: it is the state of the whole screen, and passes.
        connection.map { c in readOnlyReason.map { "\(c) · \($0)" } ?? c } ?? readOnlyReason
    }
}

extension AppUpdate {
    /// The store's server was lost (`status`: "reconnecting to …") or is back (nil): the banner and the message line
    /// say so; meanwhile every action is refused (`AppUpdate.unavailable`) and the screen keeps what it showed.
    public static func connectionChanged(_ state: inout AppState, to status: String?) {
        let was = state.connection
        state.connection = status
        if status != nil {
            state.message = StatusMessage("lost the connection to the store: read-only until it is back", isError: true)
        } else if was != nil {
            state.message = StatusMessage("connected again: the screen is up to date")
        }
        clamp(&state)
    }
}
