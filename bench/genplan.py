#!/usr/bin/env python3
"""genplan.py - writes a synthetic badday plan with N scenarios.

Deterministic (a fixed linear congruential generator, no `random` state
shared with anything), with realistic shapes: about 10 business losses,
30 failure types, 2-5 measures per scenario of all four kinds, a mix of
implemented and planned measures, tests with recent, old and failing runs.

    bench/genplan.py 1000 > plan-1000.yaml
    bench/genplan.py 200 --lang ja > ja-200.yaml
    bench/genplan.py 1000 --ranges > ranges-1000.yaml
    bench/genplan.py 1000 --categories 60 > cats-1000.yaml   # "many categories"

With --ranges, every scenario's frequency, impact, detect and recover and
every loss amount are ranges `[LOW, HIGH]` around the point value the plan
would have without it (a calibrated 90 % interval 1.5 to 3 times wider on
each side; shares widened by 5 to 20 points), about half of the measures'
effects and costs too, and the plan gains `simulate: {trials: 10000,
seed: 1}`.  The widths come from a second generator, so the plan's shape
and its point values are those of the plan without --ranges.

--categories K gives each loss K categories of its own besides the standard
ones (c0 ... cK-1, shared by all losses), so every scenario's figures hold
4 + K categories (a plan may have at most 64).
"""
import sys

WORDS_EN = ["checkout", "login", "search", "upload", "billing", "export", "catalog",
            "payments", "inventory", "shipping", "notifications", "reports"]
WORDS_JA = ["決済", "ログイン", "検索", "アップロード", "請求", "エクスポート", "カタログ",
            "在庫", "配送", "通知", "帳票", "会員"]
CAUSES_EN = ["database failover stalls", "certificate expires", "partner API times out",
             "disk fills up", "bad configuration push", "cache cluster is lost",
             "DNS misconfiguration", "zone outage", "memory leak after a release",
             "queue backlog grows"]
CAUSES_JA = ["データベースの切り替えが止まる", "証明書の期限切れ", "外部APIがタイムアウト",
             "ディスクが満杯になる", "設定の誤配布", "キャッシュクラスタの消失",
             "DNSの設定ミス", "ゾーン障害", "リリース後のメモリリーク", "キューの滞留"]
KINDS = ["detective", "preventive", "recovery", "testing"]


class Lcg:
    """A small deterministic generator (numbers from Numerical Recipes)."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self, n):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return (self.state >> 8) % n


class Ranges:
    """Turns point values into ranges (or leaves them, when off)."""

    FACTORS = [1.5, 2, 3]

    def __init__(self, on):
        self.on = on
        self.r = Lcg(20250704)

    def factor(self):
        return self.FACTORS[self.r.next(len(self.FACTORS))]

    def maybe(self):
        """Whether a measure's value is ranged (about half of them)."""
        return self.on and self.r.next(2) == 0

    def number(self, value, always=True):
        """An amount: [value / k, value x k] in whole units."""
        if not (self.on and always) or value == 0:
            return "%d" % value
        k = self.factor()
        return "[%d, %d]" % (round(value / k), round(value * k))

    def frequency(self, per_year):
        """A frequency per year: [per_year / k, per_year x k], two decimals."""
        k = self.factor()
        return "[%g, %g]" % (round(per_year / k, 2), round(per_year * k, 2))

    def share(self, percent, always=True):
        """A share in percent: [percent - d, percent + d] within 1..100."""
        if not (self.on and always):
            return "%d%%" % percent
        d = 5 * (1 + self.r.next(4))
        return "[%d%%, %d%%]" % (max(1, percent - d), min(100, percent + d))

    def duration(self, amount, unit, always=True):
        """A duration: [amount / k, amount x k] in whole units (at least 1)."""
        if not (self.on and always):
            return "%d%s" % (amount, unit)
        k = self.factor()
        low, high = max(1, int(amount / k)), max(1, int(round(amount * k)))
        return "[%d%s, %d%s]" % (low, unit, max(low, high), unit)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    ja = "--lang" in sys.argv and sys.argv[sys.argv.index("--lang") + 1] == "ja"
    extra = int(sys.argv[sys.argv.index("--categories") + 1]) if "--categories" in sys.argv else 0
    words, causes = (WORDS_JA, CAUSES_JA) if ja else (WORDS_EN, CAUSES_EN)
    r = Lcg(20250129)
    g = Ranges("--ranges" in sys.argv)
    out = []
    w = out.append
    w("badday: 1")
    w("service: %s" % ("合成テスト用サービス" if ja else "Synthetic commerce platform"))
    w("owner: %s" % ("基盤チーム" if ja else "Platform team"))
    w("period: 2025-Q1")
    w("as_of: 2025-01-29")
    w("currency: %s" % ("JPY" if ja else "USD"))
    w("slo: 99.9")
    if g.on:
        w("simulate: {trials: 10000, seed: 1}")
    w("losses:")
    n_losses = 10
    for i in range(n_losses):
        title = ("%sが使えない" % words[i % len(words)]) if ja else \
            "Customers cannot use %s" % words[i % len(words)]
        w("  - id: loss-%d" % i)
        w("    title: %s" % title)
        revenue, productivity, brand = 10000 * (1 + r.next(50)), 1000 * (1 + r.next(40)), 5000 * r.next(20)
        own = "".join(", c%d: %d" % (k, 100 * (1 + (i + k) % 7)) for k in range(extra))
        w("    per_hour: {revenue: %s, productivity: %s, brand: %s%s}" %
          (g.number(revenue), g.number(productivity), g.number(brand), own))
        w("    per_incident: {penalty: %s}" % g.number(50000 * r.next(10)))
    w("failures:")
    n_failures = 30
    for i in range(n_failures):
        w("  - id: failure-%d" % i)
        w("    loss: loss-%d" % (i % n_losses))
        w("    title: %s" % ((("%sの障害 %d" % (words[i % len(words)], i)) if ja else
                             "%s fails (%d)" % (words[i % len(words)].capitalize(), i))))
    w("scenarios:")
    for i in range(n):
        w("  - id: scenario-%d" % i)
        w("    failure: failure-%d" % r.next(n_failures))
        cause = causes[r.next(len(causes))]
        w("    title: %s" % (("%s（%d）" % (cause, i)) if ja else "%s (%d)" % (cause.capitalize(), i)))
        frequency = 1 + r.next(12)
        w("    frequency: %s" % (g.frequency(frequency) if g.on else "%d/year" % frequency))
        w("    impact: %s" % g.share(10 + 10 * r.next(10)))
        w("    detect: %s" % g.duration(5 + 5 * r.next(24), "m"))
        w("    recover: %s" % g.duration(1 + r.next(12), "h"))
        if r.next(25) == 0:
            w("    accept: %s" % ("影響が小さいため受容" if ja else "Low impact; accepted by the owner"))
        m = 2 + r.next(4)
        w("    measures:")
        for j in range(m):
            kind = KINDS[j] if j < 3 else KINDS[r.next(4)]
            if j == m - 1 and m >= 3:
                kind = "testing"
            w("      - id: m%d" % j)
            w("        title: %s" % (("%s対策 %d" % (kind, j)) if ja else
                                     "%s measure %d for scenario %d" % (kind.capitalize(), j, i)))
            w("        kind: %s" % kind)
            implemented = r.next(3) != 0
            w("        status: %s" % ("implemented" if implemented else "planned"))
            if kind == "testing":
                if implemented:
                    w("        last_run: 2024-%02d-%02d" % (1 + r.next(12), 1 + r.next(28)))
                    w("        result: %s" % ("fail" if r.next(8) == 0 else "pass"))
            else:
                ranged = g.maybe()
                effect = {"detective": "detect: %s" % g.duration(1 + r.next(10), "m", ranged),
                          "preventive": "impact: %s" % g.share(5 + r.next(30), ranged),
                          "recovery": "recover: %s" % g.duration(10 + r.next(50), "m", ranged)}[kind]
                w("        effect: {%s}" % effect)
                ranged = g.maybe()
                w("        cost: {once: %s, yearly: %s}" % (g.number(10000 * r.next(100), ranged),
                                                          g.number(1000 * r.next(500), ranged)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
