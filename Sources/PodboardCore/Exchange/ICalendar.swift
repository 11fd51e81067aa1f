import Foundation

/// The renewal calendar as iCalendar (RFC 5545): one all-day VEVENT per contract date that matters (review,
/// renewal request due, price talks start, cancel-by, end), with a UID derived from the contract id and the kind of
/// date, so that publishing again updates the events instead of adding new ones; the account, tool and value in the
/// DESCRIPTION; a VALARM `noticeAlertDays` before each cancel-by. CRLF line endings, lines folded at 75 octets,
/// TEXT escaped. Pure and deterministic (DTSTAMP is the start of today in UTC).
public enum ICalendar {
    /// The dates of a contract that get an event, in the order they come.
    public enum DateKind: String, Sendable, CaseIterable {
        case review, requestDue = "request-due", talksStart = "talks-start", cancelBy = "cancel-by", end

        public var title: String {
            switch self {
            case .review: return "Review"
            case .requestDue: return "Renewal request due"
            case .talksStart: return "Price talks start"
            case .cancelBy: return "Cancel-by (notice deadline)"
            case .end: return "Contract ends"
            }
        }
    }

    /// The UID of one event: stable for a contract and a kind of date, whatever the date becomes.
    public static func uid(contract: String, kind: DateKind) -> String {
        var safe = ""
        for u in contract.unicodeScalars {
            if (u.value < 128 && (CharacterSet.alphanumerics.contains(u))) || u == "-" || u == "." || u == "_" {
                safe.unicodeScalars.append(u)
            } else {
                for b in String(u).utf8 { safe += "%" + String(format: "%02X", b) }
            }
        }
        return "renewal-\(safe)-\(kind.rawValue)@podboard"
    }

    public static func date(of e: RenewalEntry, _ kind: DateKind) -> LocalDate {
        switch kind {
        case .review: return e.reviewOn
        case .requestDue: return e.requestDueOn
        case .talksStart: return e.talksStartOn
        case .cancelBy: return e.cancelBy
        case .end: return e.contract.endsOn
        }
    }

    /// The calendar of these entries.
    public static func calendar(_ entries: [RenewalEntry], name: String, settings: Settings, today: LocalDate) -> String {
        var lines: [String] = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//podboard//renewal calendar//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text(name), "X-WR-TIMEZONE:" + text(settings.timeZone),
        ]
        let stamp = compact(today) + "T000000Z"
        let cur = settings.currency
        for e in entries {
            let c = e.contract
            let account = e.account?.name ?? c.account
            var description = "Account: \(account) (\(c.account))\nTool: \(c.tool) (vendor \(c.vendor))\n"
            description += "Annual value: \(Money.format(c.annualValue, currency: cur)), billed \(c.billing.rawValue)\n"
            description += "Ends: \(c.endsOn); cancel-by: \(e.cancelBy) (\(c.noticeDays) days' notice); auto-renews: \(c.autoRenew ? "yes" : "no")"
            if let r = e.openRequest { description += "\nRenewal request: \(r.id)" }
            for kind in DateKind.allCases {
                let day = date(of: e, kind)
                lines.append("BEGIN:VEVENT")
                lines.append("UID:" + uid(contract: c.id, kind: kind))
                lines.append("DTSTAMP:" + stamp)
                lines.append("DTSTART;VALUE=DATE:" + compact(day))
                lines.append("DTEND;VALUE=DATE:" + compact(day.adding(days: 1)))
                lines.append("SUMMARY:" + text("\(kind.title): \(c.tool) — \(account)"))
                lines.append("DESCRIPTION:" + text(description))
                lines.append("CATEGORIES:" + text("renewal," + kind.rawValue).replacingOccurrences(of: "\\,", with: ","))
                lines.append("TRANSP:TRANSPARENT")
                if kind == .cancelBy {
                    lines.append("BEGIN:VALARM")
                    lines.append("ACTION:DISPLAY")
                    lines.append("DESCRIPTION:" + text("Cancel-by in \(settings.renewal.noticeAlertDays) days: \(c.tool) — \(account)"))
                    lines.append("TRIGGER:-P\(max(0, settings.renewal.noticeAlertDays))D")
                    lines.append("END:VALARM")
                }
                lines.append("END:VEVENT")
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// 2026-11-23 → 20261123.
    static func compact(_ d: LocalDate) -> String {
        let c = d.components
        return String(format: "%04d%02d%02d", c.year, c.month, c.day)
    }

    /// A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters dropped.
    public static func text(_ s: String) -> String {
        var out = ""
        var skipLF = false
        for u in s.unicodeScalars {
            if skipLF { skipLF = false; if u == "\n" { continue } }
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": out += "\\n"; skipLF = true
            default:
                if u.value < 0x20 || u.value == 0x7F || TerminalText.isUnsafe(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Folds a content line so that no line is longer than 75 octets, never inside a UTF-8 sequence; each
    /// continuation begins with one space.
    public static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        for ch in line.unicodeScalars {
            let n = String(ch).utf8.count
            if used + n > 75 {
                out += "\r\n "
                used = 1
            }
            out.unicodeScalars.append(ch)
            used += n
        }
        return out
    }
}
