#!/bin/sh
# tests/ranges.sh - ranges [LOW, HIGH] and the simulation, end to end
# (plan-format.md, "Ranges"; issue 14): point figures are the ranges' means
# worked out by hand, the JSON carries every range, the exceedance curves,
# pays_off and confidence, the results do not depend on --threads but do on
# the seed, and a point plan through the engine matches the Poisson closed
# form.  tests/valid/ranges.yaml has the arithmetic in its comments.
. "${TOP_SRCDIR:?}/tests/lib.sh"
PLAN="$VALID/ranges.yaml"

# json_check NAME FILE PYTHON: runs PYTHON with d = the JSON of FILE; passes
# when it exits 0 (an assert names what failed).
json_check() {
  name=$1 file=$2 code=$3
  if python3 -c "import json, math, sys
d = json.load(open(sys.argv[1]))
def close(got, want, rel=1e-9):
    assert abs(got - want) <= rel * abs(want), '%r, expected %r' % (got, want)
$code" "$file" >"$WORK/py.out" 2>&1; then pass "$name"; else
    fail "$name"; tail -3 "$WORK/py.out" | sed 's/^/  /'; fi
}

run "$BADDAY" render "$PLAN" -f json -o "$WORK/ranges.json"
expect_rc "the plan with ranges renders" 0
check "the plan with ranges has no lint warning" test ! -s "$WORK/err"

# Point figures from the means (the plan's comments work them out):
# lognormal [L, H]: exp((ln L + ln H) / 2 + sigma^2 / 2), sigma = (ln H -
# ln L) / (2 x 1.6448536269514722); a share or [0, H]: (L + H) / 2.
json_check "point figures are the ranges' means, computed by hand" "$WORK/ranges.json" '
z = 1.6448536269514722
def lognormal(lo, hi):
    s = (math.log(hi) - math.log(lo)) / (2 * z)
    return math.exp((math.log(lo) + math.log(hi)) / 2 + s * s / 2)
# the means, written out: [2, 6] -> 3.6627568563148842, [30m, 2h] ->
# 1.092851660081246 h, [200000, 400000] -> 289191.3492915946
close(lognormal(2, 6), 3.6627568563148842)
close(lognormal(0.5, 2), 1.092851660081246)
close(lognormal(200000, 400000), 289191.3492915946)
s = {x["id"]: x for x in d["scenarios"]}
ocr, region, bad = s["ocr-down"], s["region-down"], s["bad-release"]
f, impact, detect = lognormal(2, 6), (0.4 + 0.8) / 2, lognormal(0.5, 2)
per_hour = lognormal(200000, 400000) + 100000  # revenue + brand
per_incident = (0 + 1000000) / 2                # penalty [0, 1_000_000]: uniform
close(ocr["baseline"]["frequency"], f)
close(ocr["baseline"]["impact"], impact)
close(ocr["baseline"]["detect_h"], detect)
close(d["losses"][0]["per_hour"]["revenue"], lognormal(200000, 400000))
close(d["losses"][0]["per_incident"]["penalty"], 500000)
close(ocr["baseline"]["eal"], f * ((detect + 3) * impact * per_hour + per_incident))
close(ocr["current"]["eal"], f * ((5 / 60 + 3) * impact * per_hour + per_incident))
close(ocr["proven"]["eal"], ocr["current"]["eal"])  # the alarm is verified
retry = lognormal(10 / 60, 40 / 60)
close(ocr["planned"]["recover_h"], retry)
close(ocr["planned"]["eal"], f * ((5 / 60 + retry) * impact * per_hour + per_incident))
close(ocr["plan_cost"], lognormal(500000, 2000000) / 3 + 100000)
assert ocr["decision"] == "mitigate"
recover = lognormal(24, 72)
close(region["baseline"]["eal"], 0.05 * ((10 / 60 + recover) * per_hour + per_incident))
close(region["planned"]["eal"],
      0.05 * ((10 / 60 + lognormal(4, 12)) * per_hour + per_incident))
close(region["plan_cost"], 1500000 / 3 + lognormal(800000, 1600000))
assert region["decision"] == "accept"
prod, canary = lognormal(10000, 50000), lognormal(1, 3)
close(bad["baseline"]["eal"], 6 * 1 * 0.2 * prod)
close(bad["proven"]["eal"], bad["baseline"]["eal"])  # the canary is not verified
close(bad["current"]["eal"], canary * 1 * 0.2 * prod)
close(bad["planned"]["eal"], canary * lognormal(10 / 60, 0.5) * 0.2 * prod)
close(bad["plan_cost"], lognormal(3000, 10000))
assert bad["decision"] == "mitigate"
'

json_check "every state of every scenario, loss and total has a sane range" "$WORK/ranges.json" '
states = ("baseline", "current", "proven", "planned")
objects = [(x["id"] + " " + st, x[st]) for x in d["scenarios"] for st in states]
objects += [("totals " + st, d["totals"][st]) for st in states]
objects += [(l["id"] + " " + st, {"range": l["range"][st], "eal": l["eal"].get(st)})
            for l in d["losses"] for st in states]
assert len(objects) == 4 * (3 + 1 + 2)
for name, o in objects:
    r = o["range"]
    assert sorted(r) == ["mean", "p5", "p50", "p95"], name
    assert 0 <= r["p5"] <= r["p50"] <= r["p95"], (name, r)
    assert r["p5"] <= r["mean"], (name, r)
# the baseline has no minimum of ranges: its simulated mean is the point
# figure up to the sampling error (20,000 trials: well within 5 %)
for x in d["scenarios"] + [d["totals"]]:
    close(x["baseline"]["range"]["mean"], x["baseline"]["eal"], 0.05)
# region-down happens in 1 - e^-0.05 = 4.9 % of the years, fewer than 5 %:
# its p95 is 0 while its mean is not (a rare, large loss)
region = [x for x in d["scenarios"] if x["id"] == "region-down"][0]
assert region["current"]["range"]["p95"] == 0 < region["current"]["range"]["mean"]
assert all(x["current"]["range"]["p5"] < x["current"]["range"]["p95"]
           for x in d["scenarios"] if x["id"] != "region-down")
# proven and current differ where the canary is not verified
bad = [x for x in d["scenarios"] if x["id"] == "bad-release"][0]
assert bad["proven"]["range"]["mean"] > bad["current"]["range"]["mean"]
assert d["simulation"] == {"trials": 20000, "seed": 42}, d["simulation"]
'

json_check "pays_off and confidence follow the decisions" "$WORK/ranges.json" '
s = {x["id"]: x for x in d["scenarios"]}
for x in s.values():
    assert 0 <= x["pays_off"] <= 1, x["id"]
close(s["ocr-down"]["confidence"], s["ocr-down"]["pays_off"])        # mitigate
close(s["region-down"]["confidence"], 1 - s["region-down"]["pays_off"])  # accept
close(s["bad-release"]["confidence"], s["bad-release"]["pays_off"])  # mitigate
# ocr-down saves about 2.25M a year for 0.46M: it pays off in most years;
# region-down happens in about 1 year in 20, so the standby seldom does
assert s["ocr-down"]["confidence"] > 0.8 and not s["ocr-down"]["uncertain"]
assert s["region-down"]["pays_off"] < 0.1 and not s["region-down"]["uncertain"]
assert s["bad-release"]["confidence"] < 0.6 and s["bad-release"]["uncertain"]
'

json_check "the exceedance curves are well formed" "$WORK/ranges.json" '
t = d["totals"]
for key in ("exceedance", "exceedance_planned"):
    c = t[key]
    assert len(c) >= 50, (key, len(c))
    xs, ps = [p[0] for p in c], [p[1] for p in c]
    assert xs[0] == 0, key
    assert all(a < b for a, b in zip(xs, xs[1:])), key + ": x not increasing"
    assert all(a >= b for a, b in zip(ps, ps[1:])), key + ": p increases"
    assert all(0 <= p <= 1 for p in ps), key
    assert ps[-1] == 0, key + ": the largest x is above every simulated year"
assert [p[0] for p in t["exceedance"]] == [p[0] for p in t["exceedance_planned"]]
# the planned curve lies below the current one: the plan lowers the losses
assert sum(p[1] for p in t["exceedance_planned"]) < sum(p[1] for p in t["exceedance"])
# P(total > x) at the median is about one half
median = t["current"]["range"]["p50"]
below = [p for x, p in t["exceedance"] if x <= median][-1]
above = [p for x, p in t["exceedance"] if x >= median][0]
assert below >= 0.5 - 0.02 and above <= 0.5 + 0.02, (below, above)
'

# Threads never change a result; the seed does, and reproduces.
run "$BADDAY" render "$PLAN" -f json -o "$WORK/t1.json" --threads 1
expect_rc "--threads 1" 0
run "$BADDAY" render "$PLAN" -f json -o "$WORK/t2.json" --threads 2
expect_rc "--threads 2" 0
run "$BADDAY" render "$PLAN" -f json -o "$WORK/t7.json" --threads 7
expect_rc "--threads 7" 0
check "--threads 1 and the default give byte-identical JSON" cmp "$WORK/t1.json" "$WORK/ranges.json"
check "--threads 1 and 2 give byte-identical JSON" cmp "$WORK/t1.json" "$WORK/t2.json"
check "--threads 1 and 7 give byte-identical JSON" cmp "$WORK/t1.json" "$WORK/t7.json"
sed 's/seed: 42/seed: 43/' "$PLAN" >"$WORK/seed43.yaml"
sed 's/seed: 42/seed: 43/' "$PLAN" >"$WORK/seed43-again.yaml"
run "$BADDAY" render "$WORK/seed43.yaml" -f json -o "$WORK/seed43.json"
run "$BADDAY" render "$WORK/seed43-again.yaml" -f json -o "$WORK/seed43-again.json" --threads 1
ranges() { grep -o '"range": {[^}]*}' "$1"; }
check "another seed gives other ranges" test "$(ranges "$WORK/seed43.json")" != \
  "$(ranges "$WORK/ranges.json")"
check "the same seed gives the same ranges" test "$(ranges "$WORK/seed43.json")" = \
  "$(ranges "$WORK/seed43-again.json")"
json_check "another seed keeps the point figures" "$WORK/seed43.json" '
e = json.load(open(sys.argv[1].replace("seed43", "ranges")))
assert d["simulation"]["seed"] == 43
for a, b in zip(d["scenarios"], e["scenarios"]):
    assert a["current"]["eal"] == b["current"]["eal"]
    assert a["current"]["range"] != b["current"]["range"]
'
run "$BADDAY" check --threads 2 --fail-on failing "$PLAN"
expect_rc "check --threads 2 --fail-on runs the simulation" 0
run "$BADDAY" archive --dir "$WORK/archive" --threads 1 "$PLAN"
expect_rc "archive --threads 1" 0
archived=$(find "$WORK/archive" -name '*.json' | head -1)
check "the archive has the JSON report" test -n "$archived"
check "the archived JSON has the same ranges" test "$(ranges "$archived")" = \
  "$(ranges "$WORK/ranges.json")"
for bad in 0 -1 abc 1025 ''; do
  run "$BADDAY" render "$PLAN" -f json -o "$WORK/bad.json" --threads "$bad"
  expect_rc "--threads '$bad' is a usage error" 2
done
expect_err "--threads names what it expects" "expected a whole number from 1 to 1024"

# A point plan through the engine (a range [L, L] is that value): one
# incident a year of 1h x 1000 = a loss of 1000 per incident, so the yearly
# loss is 1000 x N, N ~ Poisson(1): P(loss = 0) = e^-1 = 0.36788, and the
# nearest-rank quantiles are exact: P(N <= 0) = 0.368 >= 0.05, so p5 = 0;
# P(N <= 1) = 0.736 >= 0.5, so p50 = 1000; P(N <= 2) = 0.920 < 0.95 <=
# P(N <= 3) = 0.981, so p95 = 3000.  100,000 trials: the standard error of
# P(loss > 0) is sqrt(0.632 x 0.368 / 1e5) = 0.0015, of the mean 3.2.
cat >"$WORK/poisson.yaml" <<'EOF'
badday: 1
service: Poisson
as_of: 2025-01-29
simulate: {trials: 100000, seed: 5}
losses:
  - {id: down, title: Down, per_hour: {revenue: [1000, 1000]}}
failures:
  - {id: fails, title: Fails, loss: down}
scenarios:
  - {id: once-a-year, title: Once a year, failure: fails, frequency: 1/year, recover: 1h}
EOF
run "$BADDAY" render "$WORK/poisson.yaml" -f json -o "$WORK/poisson.json"
expect_rc "the Poisson plan renders" 0
json_check "one incident a year: P(loss = 0) = e^-1, exact quantiles" "$WORK/poisson.json" '
t = d["totals"]
p_loss = t["exceedance"][0][1]
assert abs(p_loss - (1 - math.exp(-1))) < 0.006, p_loss
# the scenario: counts times a unit loss, so exact quantiles
r = d["scenarios"][0]["current"]["range"]
assert (r["p5"], r["p50"], r["p95"]) == (0, 1000, 3000), r
assert abs(r["mean"] - 1000) < 15, r
# the total: the same distribution, quantiles to within 0.4 %
r = t["current"]["range"]
assert r["p5"] == 0 and abs(r["p50"] - 1000) <= 4 and abs(r["p95"] - 3000) <= 12, r
close(r["mean"], d["scenarios"][0]["current"]["range"]["mean"])
assert d["scenarios"][0]["pays_off"] is None and d["scenarios"][0]["confidence"] is None
'

# A plan without ranges has none of the new keys.
run "$BADDAY" render "$EXAMPLE" -f json -o "$WORK/point.json"
for k in range exceedance pays_off confidence uncertain simulation; do
  check "a plan without ranges has no \"$k\"" sh -c '! grep -q "\"$1\"" "$2"' - "$k" "$WORK/point.json"
done
finish
