import PodboardCore

extension AppUpdate {
    /// The run loop calls this about once a second and before each batch of keys: after midnight in the store's
    /// zone it moves the UI to the new day (clocks, badges, gauges, the day `mark-reviewed` targets), unless the
    /// day is fixed by `--today` or `--at`. Returns true when the screen must be drawn again.
    public static func tick(_ state: inout AppState) -> Bool {
        // KPI trends computed in the background arrived: draw the sparklines.
        let trends = state.backgroundTrends && state.data.trendsArrived()
        guard !state.clock.isPinned else { return trends }
        let day = state.clock.today(zone: state.zone)
        guard day != state.data.today else { return trends }
        let old = state.data.today
        state.moveToDay(day)
        clamp(&state)
        state.message = StatusMessage("a new day: \(day) (was \(old)); clocks, badges and gauges are for today")
        return true
    }
}
