#!/usr/bin/env python3
"""Writes Tests/PodboardCLITests/Fixtures/clickup-500.csv: a ClickUp-style task export (the columns ClickUp
writes, dates in epoch milliseconds, custom fields as "Name (type)") of 500 procurement requests for the demo
store's accounts and people (`podboard demo --today 2026-11-23`). Deterministic: the same file every run.
Import it with mappings/clickup-tasks.json (the test ClickUpImportTests does)."""
import csv, datetime, os, random

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "PodboardCLITests", "Fixtures", "clickup-500.csv")
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
rnd = random.Random(13)

# Demo accounts (List Name in ClickUp: one list per customer) with their POD's analysts and Buyers.
PODS = {
    "north": (["Sven Lindqvist", "Diego Morales"], ["Ana Souza", "Ravi Kulkarni", "Isabel Cruz"]),
    "south": (["Jae-won Park", "Omar Farouk"], ["Ben Okafor", "Isabel Cruz"]),
    "west": (["Kai Nakamura", "Lee Chen"], ["Hana Kobayashi", "Priya Raghavan"]),
}
ACCOUNTS = [("Globex", "north"), ("Quokka Travel", "north"), ("Wonka Confections", "north"), ("Tyrell Systems", "north"),
            ("Maple Grocers", "north"), ("Atlas Medical", "north"), ("Vandelay Industries", "south"), ("Sahara Solar", "south"),
            ("Umbrella Health", "south"), ("Soylent Foods", "south"), ("Andes Mining", "south"), ("Café Olé Group", "south"),
            ("Pixel & Paper", "west"), ("Monarch Solutions", "west"), ("Gringotts Capital", "west"), ("Wayne Biotech", "west"),
            ("Himalaya Pharma", "west"), ("Bharat Freight", "west")]
TOOLS = [("Slack", "Salesforce"), ("Zoom", "Zoom Video"), ("Figma", "Figma"), ("Notion", "Notion Labs"), ("Okta", "Okta"),
         ("Atlassian Jira", "Atlassian"), ("GitHub", "Microsoft"), ("Miro", "Miro"), ("DocuSign", "DocuSign"), ("HubSpot", "HubSpot")]
# ClickUp status → how far the request got.
STATUSES = [("intake", 40), ("pre-approval sent", 30), ("qualified", 30), ("in negotiation", 90), ("on hold", 20),
            ("savings submitted", 40), ("approved", 110), ("closed", 80), ("disqualified", 25), ("cancelled", 20), ("lost", 15)]
HEADER = ["Task ID", "Task Custom ID", "Task Name", "Task Content", "Status", "Date Created", "Date Created Text", "Due Date",
          "Due Date Text", "Start Date", "Start Date Text", "Parent ID", "Attachments", "Assignees", "Tags", "Priority",
          "List Name", "Folder Name", "Space Name", "Time Estimated", "Time Estimated Text", "Checklists", "Comments",
          "Assigned Comments", "Time Spent", "Time Spent Text", "Rolled Up Time", "Rolled Up Time Text",
          "Request Type (drop down)", "Tool (short text)", "Vendor (short text)", "Baseline (currency)",
          "Final Price (currency)", "Term Months (number)", "Pre-approval Sent (date)", "Qualified On (date)",
          "Handed Over (date)", "Submitted On (date)", "Approved On (date)", "Closed On (date)", "Ended On (date)",
          "Exit Reason (short text)"]
LAST = datetime.datetime(2026, 11, 22, 18, 0, tzinfo=IST)

def ms(t): return str(int(t.timestamp()) * 1000)
def text(t): return t.strftime("%A, %B %d %Y, %I:%M:%S %p +05:30")
def money(d): return "${:,.2f}".format(d / 100)

statuses = [s for s, n in STATUSES for _ in range(n)]
assert len(statuses) == 500
rnd.shuffle(statuses)
rows = []
for i, status in enumerate(statuses):
    account, pod = ACCOUNTS[i % len(ACCOUNTS)]
    analysts, buyers = PODS[pod]
    analyst, buyer = rnd.choice(analysts), rnd.choice(buyers)
    tool, vendor = rnd.choice(TOOLS)
    kind = "Expansion" if i % 7 == 0 else "New purchase"
    created = datetime.datetime(2025, 12, 1, 9, 0, tzinfo=IST) + datetime.timedelta(days=rnd.randrange(0, 330), minutes=rnd.randrange(0, 480))
    step = lambda t, lo, hi: t + datetime.timedelta(days=rnd.randrange(lo, hi), minutes=rnd.randrange(0, 300))
    pre = qual = hand = sub = appr = clo = end = None
    chain = {"intake": 0, "pre-approval sent": 1, "qualified": 2, "in negotiation": 3, "savings submitted": 4, "approved": 5, "closed": 6}
    side = {"on hold": 3, "disqualified": 2, "cancelled": 3, "lost": 3}
    depth = chain.get(status, side.get(status))
    t = created
    if depth >= 1 and (status == "pre-approval sent" or rnd.random() < 0.5): t = step(t, 0, 2); pre = t
    if depth >= 2 and status != "disqualified": t = step(t, 0, 3); qual = t
    if depth >= 3 and status not in ("disqualified",): t = step(t, 0, 4); hand = t
    if depth >= 4: t = step(t, 3, 25); sub = t
    if depth >= 5: t = step(t, 1, 6); appr = t
    if depth >= 6: t = step(t, 1, 20); clo = t
    if status in side: t = step(t, 1, 10); end = t
    if t > LAST:  # keep everything in the past: move the whole request back
        shift = t - LAST + datetime.timedelta(hours=1)
        created, pre, qual, hand, sub, appr, clo, end = [x - shift if x else None for x in (created, pre, qual, hand, sub, appr, clo, end)]
    baseline = rnd.randrange(1000, 20000) * 1000 + rnd.choice([0, 0, 50, 99])  # cents
    final = baseline - rnd.randrange(0, baseline // 4) if depth >= 4 and status not in ("disqualified",) else None
    has_money = status not in ("intake", "disqualified") and (depth >= 4 or rnd.random() < 0.6)
    content = ""
    if i % 25 == 3:
        content = f"Customer asked for {tool} seats, \"urgent\".\nSee the thread with procurement,\nthen the PO."
    due = created + datetime.timedelta(days=30)
    people = [analyst] + ([buyer] if depth >= 3 and status != "disqualified" else [])
    reason = {"disqualified": "duplicate", "cancelled": "aged out", "lost": "bought elsewhere", "on hold": "waiting on the customer"}.get(status, "")
    rows.append([
        f"86c{i:05x}", "", f"{tool} for {account}", content, status, ms(created), text(created), ms(due), text(due), "", "", "",
        "[]", "[" + ", ".join(people) + "]", "[procurement]", rnd.choice(["high", "normal", "low", ""]), account,
        f"POD {pod.title()}", "Procurement", "", "", "[]", "[]", "[]", "", "", "", "",
        kind, tool, vendor, money(baseline) if has_money or final is not None else "", money(final) if final is not None else "",
        str(rnd.choice([12, 12, 12, 24, 36])),
        ms(pre) if pre else "", ms(qual) if qual else "", ms(hand) if hand else "", ms(sub) if sub else "",
        ms(appr) if appr else "", ms(clo) if clo else "", ms(end) if end else "", reason,
    ])

with open(OUT, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(rows)
print(f"wrote {OUT}: {len(rows)} tasks")
