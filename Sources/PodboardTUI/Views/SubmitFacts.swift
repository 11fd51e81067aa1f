import PodboardCore

/// What a Buyer sees before submitting savings (the submit form) and in the request view: the savings and the
/// tool's benchmark (BenchmarkCheck: configured, else the mean of at least 3 approved requests).
enum SubmitFacts {
    static func lines(_ r: Request, _ state: AppState) -> [String] {
        let cur = state.data.store.settings.currency
        var out: [String] = []
        if let s = Savings.annual(r) {
            out.append("Savings " + Format.money(s, cur) + " a year (" + Format.percent(Savings.percent(r)) + " of the baseline)")
        }
        guard let check = BenchmarkCheck.of(r, state.data.snapshot) else {
            out.append("\(r.tool): no benchmark (none configured, fewer than 3 approved requests)")
            return out
        }
        out.append("\(r.tool) benchmark \(Money.percent(check.benchmark)) (\(check.configured ? "configured" : "mean of approved requests"))")
        if let p = check.savingsShare {
            out.append("This request \(Money.percent(p)): " + (p >= check.needed ? "reaches" : "below")
                       + " the \(Money.percent(check.needed)) that counts as reaching it")
        }
        return out
    }

    /// "benchmark 18.0% (configured); 12.6% counts as reaching it; this request 15.4%: reaches it".
    static func benchmark(_ r: Request, _ state: AppState) -> String {
        BenchmarkCheck.of(r, state.data.snapshot)?.text ?? "no benchmark (none configured, fewer than 3 approved requests)"
    }
}
