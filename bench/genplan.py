#!/usr/bin/env python3
"""genplan.py - writes a synthetic badday plan with N scenarios.

Deterministic (a fixed linear congruential generator, no `random` state
shared with anything), with realistic shapes: about 10 business losses,
30 failure types, 2-5 measures per scenario of all four kinds, a mix of
implemented and planned measures, tests with recent, old and failing runs.

    bench/genplan.py 1000 > plan-1000.yaml
    bench/genplan.py 200 --lang ja > ja-200.yaml
    bench/genplan.py 1000 --categories 60 > cats-1000.yaml   # "many categories"

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


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    ja = "--lang" in sys.argv and sys.argv[sys.argv.index("--lang") + 1] == "ja"
    extra = int(sys.argv[sys.argv.index("--categories") + 1]) if "--categories" in sys.argv else 0
    words, causes = (WORDS_JA, CAUSES_JA) if ja else (WORDS_EN, CAUSES_EN)
    r = Lcg(20250129)
    out = []
    w = out.append
    w("badday: 1")
    w("service: %s" % ("合成テスト用サービス" if ja else "Synthetic commerce platform"))
    w("owner: %s" % ("基盤チーム" if ja else "Platform team"))
    w("period: 2025-Q1")
    w("as_of: 2025-01-29")
    w("currency: %s" % ("JPY" if ja else "USD"))
    w("slo: 99.9")
    w("losses:")
    n_losses = 10
    for i in range(n_losses):
        title = ("%sが使えない" % words[i % len(words)]) if ja else \
            "Customers cannot use %s" % words[i % len(words)]
        w("  - id: loss-%d" % i)
        w("    title: %s" % title)
        own = "".join(", c%d: %d" % (k, 100 * (1 + (i + k) % 7)) for k in range(extra))
        w("    per_hour: {revenue: %d, productivity: %d, brand: %d%s}" %
          (10000 * (1 + r.next(50)), 1000 * (1 + r.next(40)), 5000 * r.next(20), own))
        w("    per_incident: {penalty: %d}" % (50000 * r.next(10)))
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
        w("    frequency: %d/year" % (1 + r.next(12)))
        w("    impact: %d%%" % (10 + 10 * r.next(10)))
        w("    detect: %dm" % (5 + 5 * r.next(24)))
        w("    recover: %dh" % (1 + r.next(12)))
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
                effect = {"detective": "detect: %dm" % (1 + r.next(10)),
                          "preventive": "impact: %d%%" % (5 + r.next(30)),
                          "recovery": "recover: %dm" % (10 + r.next(50))}[kind]
                w("        effect: {%s}" % effect)
                w("        cost: {once: %d, yearly: %d}" % (10000 * r.next(100), 1000 * r.next(500)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
