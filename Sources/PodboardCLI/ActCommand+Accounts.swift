import PodboardCore

/// The options of the account view's actions: checklist items and contract terms.
extension ActCommand {
    func accountViewOptions(_ p: inout ActionParams) throws {
        p.item = item
        p.billing = try Self.enumOption(billing, "--billing", Billing.self)
        p.startsOn = try Self.date(starts, "--starts")
        p.endsOn = try Self.date(ends, "--ends")
        p.on = try Self.date(on, "--on")
        p.autoRenew = try Self.yesNo(autoRenew, "--auto-renew")
        p.offline = try Self.yesNo(offline, "--offline")
        p.noticeDays = noticeDays
    }

    static func date(_ value: String?, _ name: String) throws -> LocalDate? {
        guard let value else { return nil }
        guard let d = LocalDate(value) else { throw Failure.badInput("\(name): expected a date like 2026-11-23, found '\(value)'") }
        return d
    }

    static func yesNo(_ value: String?, _ name: String) throws -> Bool? {
        switch value {
        case nil: return nil
        case "yes", "true": return true
        case "no", "false": return false
        default: throw Failure.badInput("\(name): expected yes or no, found '\(value!)'")
        }
    }
}
