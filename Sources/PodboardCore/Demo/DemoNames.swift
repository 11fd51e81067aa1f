/// The vocabulary of the demo store: people, companies, the SaaS catalog, resellers and the texts people
/// write (hold reasons, EM notes, Buyer updates, ...). Tool and vendor names deliberately include CJK and
/// emoji, so that every screen is exercised with wide characters.
enum DemoNames {
    /// Team members: short lowercase id, full name.
    static let people: [(id: String, name: String)] = [
        ("maya", "Maya Iyer"), ("ben", "Ben Okafor"), ("ana", "Ana Souza"), ("lee", "Lee Chen"),
        ("priya", "Priya Raghavan"), ("tomas", "Tomás Herrera"), ("yuki", "Yuki Tanaka"), ("fatima", "Fatima El Idrissi"),
        ("olu", "Olu Adeyemi"), ("sven", "Sven Lindqvist"), ("aisha", "Aisha Rahman"), ("diego", "Diego Morales"),
        ("mei", "Mei Lin"), ("kwame", "Kwame Mensah"), ("ingrid", "Ingrid Johansson"), ("ravi", "Ravi Kulkarni"),
        ("chloe", "Chloé Dubois"), ("hiroshi", "Hiroshi Sato"), ("zanele", "Zanele Dlamini"), ("arjun", "Arjun Mehta"),
        ("noor", "Noor Haddad"), ("lucas", "Lucas Oliveira"), ("sofia", "Sofia Rossi"), ("jaewon", "Jae-won Park"),
        ("emeka", "Emeka Eze"), ("hana", "Hana Kobayashi"), ("marta", "Marta Kowalska"), ("omar", "Omar Farouk"),
        ("isabel", "Isabel Cruz"), ("kai", "Kai Nakamura"), ("siobhan", "Siobhán O'Neill"), ("dmitri", "Dmitri Volkov"),
    ]

    /// The PODs: id, name (at most three are used).
    static let pods: [(id: String, name: String)] = [("north", "North"), ("south", "South"), ("west", "West")]

    /// Customers, used first (in a seeded order).
    static let companies: [(id: String, name: String)] = [
        ("acme", "Acme Corp"), ("globex", "Globex"), ("initech", "Initech"), ("umbrella", "Umbrella Health"),
        ("hooli", "Hooli"), ("stark", "Stark Logistics"), ("wayne", "Wayne Biotech"), ("tyrell", "Tyrell Systems"),
        ("soylent", "Soylent Foods"), ("cyberdyne", "Cyberdyne Robotics"), ("nakatomi", "Nakatomi Trading"),
        ("wonka", "Wonka Confections"), ("vandelay", "Vandelay Industries"), ("pied-piper", "Pied Piper"),
        ("massive", "Massive Dynamic"), ("aperture", "Aperture Labs"), ("oscorp", "Oscorp"), ("gringotts", "Gringotts Capital"),
        ("monarch", "Monarch Solutions"), ("bluth", "Bluth Homes"), ("kaveri", "Kaveri Textiles"), ("bharat", "Bharat Freight"),
        ("nordlys", "Nordlys Energi"), ("cafe-ole", "Café Olé Group"), ("sakura", "さくらロボティクス Sakura Robotics"),
        ("zenith", "Zenith Payments"), ("pampas", "Pampas Agro"), ("baobab", "Baobab Telecom"), ("aurora", "Aurora Learning"),
        ("fjord", "Fjord Analytics"), ("himalaya", "Himalaya Pharma"), ("lagos-ledger", "Lagos Ledger"), ("sahara", "Sahara Solar"),
        ("tundra", "Tundra Outdoor"), ("mistral", "Mistral Aéro"), ("quokka", "Quokka Travel"), ("jade", "玉龙 Jade Dragon Foods"),
        ("saffron", "Saffron Hotels"), ("orbit", "Orbit Space Co"), ("lumen", "Lumen Bank"), ("ferro", "Ferro Motors"),
        ("coral", "Coral Reef Insurance"), ("pixel", "Pixel & Paper"), ("atlas-med", "Atlas Medical"), ("verde", "Verde Mobility"),
        ("kite", "Kite Aerospace"), ("boreal", "Boreal Timber"), ("maple", "Maple Grocers"), ("ganges", "Ganges Water Works"),
        ("andes", "Andes Mining"),
    ]

    /// Word lists for further customers ("Blue Harbor Labs", id `blue-harbor`).
    static let companyFirst = ["Blue", "Silver", "North", "Bright", "Red", "Green", "Iron", "Golden", "Swift", "Clear",
                               "Deep", "Prime", "Urban", "Lunar", "Solar", "Rapid", "Noble", "Cobalt", "Amber", "Crimson"]
    static let companySecond = ["Harbor", "Peak", "Leaf", "Forge", "River", "Stone", "Field", "Wave", "Bridge", "Pine",
                                "Crest", "Grove", "Falls", "Ridge", "Mesa", "Haven", "Rock", "Gate", "Spring", "Point"]
    static let companySuffix = ["Labs", "Systems", "Health", "Retail", "Logistics", "Capital", "Media", "Foods", "Energy", "Works"]

    /// One product of the SaaS catalog: its vendor, a per-seat monthly price in cents, a seat range,
    /// the alternative product usually quoted against it, and how common it is.
    struct Tool: Sendable {
        let tool: String
        let vendor: String
        let seatCents: Int
        let seats: ClosedRange<Int>
        let alternative: String
        let weight: Int
    }

    static let tools: [Tool] = [
        Tool(tool: "Slack", vendor: "Salesforce", seatCents: 875, seats: 40...900, alternative: "Microsoft Teams", weight: 9),
        Tool(tool: "Zoom", vendor: "Zoom 🎥 Video", seatCents: 1399, seats: 20...600, alternative: "Google Meet", weight: 8),
        Tool(tool: "Atlassian Jira", vendor: "Atlassian", seatCents: 815, seats: 30...800, alternative: "Linear", weight: 8),
        Tool(tool: "Confluence", vendor: "Atlassian", seatCents: 605, seats: 30...800, alternative: "Notion ✨", weight: 5),
        Tool(tool: "Figma", vendor: "Figma", seatCents: 4500, seats: 5...150, alternative: "Penpot", weight: 7),
        Tool(tool: "Notion ✨", vendor: "Notion Labs", seatCents: 1500, seats: 20...500, alternative: "Confluence", weight: 6),
        Tool(tool: "HubSpot", vendor: "HubSpot", seatCents: 9000, seats: 5...120, alternative: "Pipedrive", weight: 5),
        Tool(tool: "Okta", vendor: "Okta", seatCents: 600, seats: 50...2000, alternative: "Microsoft Entra ID", weight: 6),
        Tool(tool: "Datadog", vendor: "Datadog", seatCents: 2300, seats: 20...800, alternative: "Grafana Cloud", weight: 6),
        Tool(tool: "GitHub", vendor: "GitHub", seatCents: 2100, seats: 20...700, alternative: "GitLab", weight: 7),
        Tool(tool: "Miro", vendor: "Miro", seatCents: 1600, seats: 10...400, alternative: "Mural", weight: 5),
        Tool(tool: "飞书 Lark", vendor: "ByteDance", seatCents: 1200, seats: 30...800, alternative: "Slack", weight: 3),
        Tool(tool: "Kintone", vendor: "株式会社サイボウズ", seatCents: 1500, seats: 10...300, alternative: "Airtable", weight: 3),
        Tool(tool: "钉钉 DingTalk", vendor: "阿里巴巴 Alibaba Cloud", seatCents: 900, seats: 50...1000, alternative: "飞书 Lark", weight: 2),
        Tool(tool: "Salesforce Sales Cloud", vendor: "Salesforce", seatCents: 16500, seats: 5...200, alternative: "HubSpot", weight: 5),
        Tool(tool: "Google Workspace", vendor: "Google", seatCents: 1440, seats: 50...2000, alternative: "Microsoft 365", weight: 7),
        Tool(tool: "Microsoft 365", vendor: "Microsoft", seatCents: 2200, seats: 50...2000, alternative: "Google Workspace", weight: 7),
        Tool(tool: "Asana", vendor: "Asana", seatCents: 2499, seats: 10...400, alternative: "monday.com", weight: 4),
        Tool(tool: "Zendesk", vendor: "Zendesk", seatCents: 5500, seats: 5...150, alternative: "Freshdesk", weight: 4),
        Tool(tool: "DocuSign", vendor: "DocuSign", seatCents: 4000, seats: 5...100, alternative: "Dropbox Sign", weight: 4),
        Tool(tool: "1Password", vendor: "AgileBits", seatCents: 799, seats: 20...1000, alternative: "Bitwarden", weight: 4),
        Tool(tool: "Loom", vendor: "Atlassian", seatCents: 1500, seats: 10...300, alternative: "Vimeo", weight: 3),
        Tool(tool: "Canva", vendor: "Canva", seatCents: 1000, seats: 10...300, alternative: "Adobe Express", weight: 4),
        Tool(tool: "Snowflake", vendor: "Snowflake", seatCents: 250_000, seats: 2...20, alternative: "Databricks", weight: 3),
        Tool(tool: "Tableau", vendor: "Salesforce", seatCents: 7500, seats: 5...150, alternative: "Looker", weight: 3),
    ]

    /// The first contract of the first accounts uses these tools, so that CJK and emoji always appear.
    static let showcaseTools = ["飞书 Lark", "Kintone", "Notion ✨", "Zoom"]

    /// Configured benchmarks (savings share, in hundredths); other tools get derived ones.
    static let benchmarks: [(tool: String, hundredths: Int)] = [("Slack", 18), ("Zoom", 22), ("Okta", 12)]

    static let resellers = ["SoftwareOne", "SHI International", "CDW", "Insight Enterprises", "Crayon", "Softchoice",
                            "Redington", "Ingram Micro", "Rahi Systems", "Vendr Marketplace"]

    static let checklist = ["Kick-off call held", "SaaS stack uploaded", "Finance contact named", "SSO and admin access granted",
                            "Renewal dates confirmed", "Savings baseline agreed", "Procurement policy shared", "Vendor contacts imported"]

    static func sentiments(_ h: Health) -> [String] {
        switch h {
        case .favorable:
            return ["Happy with the savings so far; wants a QBR next month", "Champion talks about us internally 👍",
                    "Calm; asked for a walk-through of the renewal calendar"]
        case .neutral:
            return ["Busy quarter; slow to reply", "New CFO, still forming an opinion", "Wants more visibility on savings"]
        case .atRisk:
            return ["Frustrated by a slow renewal", "Questioning the MSG after a quiet quarter", "Our champion left the company"]
        case .critical:
            return ["Escalated to our leadership after a missed notice deadline", "Says they may not renew",
                    "Unhappy with savings; wants a recovery plan"]
        }
    }

    static let customerHolds = ["Waiting on the customer's seat count", "Customer's budget freeze until next quarter",
                                "Waiting on the customer's security review", "Customer's champion on leave"]
    static let vendorHolds = ["Waiting on the vendor's revised order form", "Vendor deal desk reviewing the discount",
                              "Vendor reorganising its account team"]
    static let disqualifyReasons = ["Duplicate of an open request for the same tool", "Out of scope: a hardware purchase",
                                    "Missing details: no seat count or budget", "Out of scope: a one-off consulting engagement"]
    static let noResponse = "No response from the customer after pre-approval"
    static let cancelNotes = ["Aged out: no reply from the customer in three weeks", "Customer decided to keep the current plan",
                              "Aged out: the project was shelved"]
    static let lostNotes = ["Customer bought directly from the vendor", "Customer chose a competitor's bundle",
                            "No deal: the vendor would not move on price", "Customer renewed through its own reseller"]
    static let rejectNotes = ["Baseline looks off: use the prior contract's price, not list",
                              "Need a second quote before I can approve",
                              "Term changed from 12 to 24 months: restate the savings for the same scope",
                              "Savings far above the benchmark; attach the vendor's written quote"]
    static let noQuotesReasons = ["Sole source: the vendor sells direct only", "Renewal locked to the existing reseller agreement",
                                  "Vendor price list for this tier; no authorised resellers",
                                  "Customer requires the incumbent; no alternatives considered"]
    static let updates = ["Call with the vendor's AE; asked for multi-year pricing", "Sent usage data to justify fewer seats",
                          "Counter-offer sent; waiting on the vendor", "Reseller quote requested", "Vendor came back with a revised quote",
                          "Customer confirmed the seat count", "Legal reviewing the order form", "Pushed back on the uplift clause",
                          "Asked for a credit for unused licences", "Finance approved the budget range", "Benchmark shared with the customer",
                          "Chased the vendor for the revised order form", "Negotiation call booked for tomorrow",
                          "Vendor offered a two-year lock at the current rate", "Compared tiers with the customer's admin",
                          "Waiting on the vendor's deal desk", "Vendor accepted our first counter 🎉", "担当者 replied; new quote expected Friday"]
    static let parallelNotes = ["Customer's IT is also talking to the vendor directly", "Another business unit is negotiating the same tool",
                                "The vendor's AE went to the CFO in parallel"]
    static let unresponsiveNotes = ["No reply from the customer's IT lead for a week", "Customer missed two scheduled calls",
                                    "Waiting on the customer's sign-off since last week"]
    static let otherNotes = ["Vendor legal review stuck for two weeks", "Order form needs the customer's procurement portal"]
}
