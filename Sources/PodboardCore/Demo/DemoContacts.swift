import Foundation

extension DemoNames {
    static let contactFirst = ["Alex", "Priyanka", "Jordan", "Mariana", "Kenji", "Amara", "Lukas", "Sara", "Wei", "Tunde", "Elena", "Rahul"]
    static let contactLast = ["Brooks", "Nair", "Fischer", "Costa", "Watanabe", "Okoye", "Novak", "Lindgren", "Zhang", "Bello", "Petrova", "Mehra"]
    static let contactRoles = ["IT procurement lead", "Finance controller", "CFO", "Head of IT", "Engineering manager"]

    /// Two to four customer contacts of a demo account, from its position (no draw from the seeded generator, so
    /// that the rest of the demo stays as it was): a first contact, a finance approver, and escalation levels 1–3.
    static func contacts(for a: Account, index k: Int) -> [Contact] {
        let count = 2 + k % 3
        let domain = a.id.filter { $0.isLetter || $0.isNumber || $0 == "-" }.lowercased()
        return (0..<count).map { i in
            let first = contactFirst[(k * 5 + i * 7) % contactFirst.count]
            let last = contactLast[(k * 3 + i * 5) % contactLast.count]
            let role = contactRoles[(k + i * 2) % contactRoles.count]
            return Contact(name: first + " " + last, role: i == 0 ? "IT procurement lead" : role,
                           email: first.lowercased() + "." + last.lowercased() + "@" + (domain.isEmpty ? "example" : domain) + ".example",
                           escalationLevel: min(3, i + 1))
        }
    }
}
