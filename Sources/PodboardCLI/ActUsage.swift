import PodboardCore

/// The list of actions in `podboard act --help`, each with its target and the options it takes, generated from
/// `ActionKind.parameters` (the table that also refuses an option an action does not take).
enum ActUsage {
    static func target(_ kind: ActionKind) -> String {
        switch kind.target {
        case .request: return "REQUEST"
        case .account: return "ACCOUNT"
        case .contract: return "CONTRACT"
        case .day: return "DATE|today"
        case .quarter: return "QUARTER|next"
        case .activity: return "N"
        case .file: return "FILE"
        case .measurement: return "KPI"
        }
    }

    /// "  hand-over REQUEST --person --note": one line per action, options in a fixed order; a line longer than
    /// `width` continues under it, indented (the help is not re-wrapped mid-option).
    static func lines(width: Int = 78) -> [String] {
        ActionKind.allCases.flatMap { kind in
            let options = ActionParam.allCases.filter(kind.parameters.contains).map { "--" + $0.rawValue }
            var out = ["  " + kind.rawValue + " " + target(kind)]
            for o in options {
                if out[out.count - 1].count + 1 + o.count > width { out.append("      " + o) } else { out[out.count - 1] += " " + o }
            }
            return out
        }
    }
}
