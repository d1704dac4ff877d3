#!/bin/sh
# The json plugin: the spec example's figures against values computed by
# hand, the keys the contract names, determinism, and a golden file per
# valid fixture (exact, after dropping the generator's version;
# UPDATE_GOLDEN=1 rewrites them: review the git diff before committing).
. "$TOP_SRCDIR/tests/lib.sh"

cd "$VALID" || exit 99
run "$BADDAY" render spec-example.yaml -f json -o "$WORK/spec.json"
expect_rc "spec example renders" 0
J="$WORK/spec.json"

# near KEY VALUE: the number at jq path KEY equals VALUE within 1e-9 relative.
near() {
  jq -e --argjson want "$2" "($1) as \$v | ((\$v - \$want) | fabs) <= 1e-9 * ((\$want | fabs) + 1)" "$J" >/dev/null
}
sc() { echo ".scenarios[] | select(.id == \"$1\")"; }

# ocr-partner-down, baseline: f=4, impact .6, H = 2h + 3h = 5h
#   revenue 4*(5*.6*300000) = 3,600,000; penalty 4*500000 = 2,000,000
#   brand 4*(5*.6*100000) = 1,200,000; productivity 4*(5*.6*40000) = 480,000
check "ocr baseline revenue" near "$(sc ocr-partner-down).baseline.by_category.revenue" 3600000
check "ocr baseline penalty" near "$(sc ocr-partner-down).baseline.by_category.penalty" 2000000
check "ocr baseline EAL" near "$(sc ocr-partner-down).baseline.eal" 7280000
check "ocr baseline downtime 4*5*.6" near "$(sc ocr-partner-down).baseline.downtime_h" 12
# current: detect 5m, recover 20m -> H = 25/60 h; revenue 4*(25/60*.6*300000) = 300,000
#   EAL = 300000 + 2000000 + 100000 + 40000 = 2,440,000; downtime 4*25/60*.6 = 1
check "ocr current EAL" near "$(sc ocr-partner-down).current.eal" 2440000
check "ocr current downtime" near "$(sc ocr-partner-down).current.downtime_h" 1
check "ocr planned = current" near "$(sc ocr-partner-down).planned.eal" 2440000
check "ocr decision monitor" jq -e "$(sc ocr-partner-down).decision == \"monitor\"" "$J"
# region-outage: f=.05, H = 10m + 72h = 72+1/6 h
#   EAL = .05*(72.1666..*(300000+100000+40000)) + .05*500000 = 1,587,666.67 + 25,000
check "region baseline EAL" near "$(sc region-outage).baseline.eal" 1612666.6666666667
check "region current EAL" near "$(sc region-outage).current.eal" 1612666.6666666667
# planned: recover 8h -> H = 8+1/6; .05*(8.1666..*440000) + 25000 = 204,666.67
check "region planned EAL" near "$(sc region-outage).planned.eal" 204666.66666666666
# plan_cost = 1500000/3 + 1200000 = 1,700,000 > reduction 1,408,000 -> accept
check "region plan_cost" near "$(sc region-outage).plan_cost" 1700000
check "region reduction" near "$(sc region-outage).reduction" 1408000
check "region decision accept" jq -e "$(sc region-outage).decision == \"accept\"" "$J"
# alarm: 200000/3 + 60000
check "alarm annual cost" near "$(sc ocr-partner-down).measures[0].annual_cost" 126666.66666666667
check "alarm verified (19 days <= 90)" jq -e "$(sc ocr-partner-down).measures[0].verification == \"verified\"" "$J"
check "totals baseline" near ".totals.baseline.eal" 8892666.666666667
check "totals current" near ".totals.current.eal" 4052666.6666666665
check "totals planned" near ".totals.planned.eal" 2644666.6666666665
check "totals keys" jq -e '[.totals | .baseline, .current, .proven, .planned | has("eal") and has("downtime_h") and has("budget_used") and has("by_category")] | all' "$J"
check "coverage 3/8" near ".totals.coverage" 0.375
check "verified coverage 3/8" near ".totals.verified_coverage" 0.375
# slo 99.9: error budget (100 - 99.9) / 100 * 8760 = 8.76 h a year
check "error budget 8.76 h" near ".totals.error_budget_h" 8.76
# region-outage uses .05 * 72.1667 = 3.608333 h of it: 3.608333 / 8.76 = 0.41191 > 25% -> over cap
check "region budget share 3.6083/8.76" near "$(sc region-outage).budget_share" 0.41191019786910205
check "region over cap" jq -e "$(sc region-outage).over_cap == true" "$J"
check "ocr budget share 1/8.76" near "$(sc ocr-partner-down).budget_share" 0.11415525114155251
check "ocr not over cap" jq -e "$(sc ocr-partner-down).over_cap == false" "$J"
# without an slo (the Japanese fixture): nulls and no flags
"$BADDAY" render japanese.yaml -f json -o "$WORK/ja.json"
check "no slo: error budget null" jq -e '.totals.error_budget_h == null' "$WORK/ja.json"
check "no slo: budget_share null, over_cap false" jq -e '[.scenarios[] | (.budget_share == null and .over_cap == false)] | all' "$WORK/ja.json"
check "categories in standard order" jq -e '.categories == ["revenue","penalty","brand","productivity"]' "$J"
check "coverage cells" jq -e "$(sc ocr-partner-down).coverage == {\"detective\":\"verified\",\"preventive\":\"none\",\"recovery\":\"verified\",\"testing\":\"verified\"}" "$J"
check "region coverage" jq -e "$(sc region-outage).coverage == {\"detective\":\"none\",\"preventive\":\"none\",\"recovery\":\"planned\",\"testing\":\"none\"}" "$J"
check "decisions list" jq -e '.decisions == ["region-outage"]' "$J"
# proven: only implemented, verified measures count.  ocr's alarm and
# retry-queue are verified by retry-drill (19 days <= 90): proven = current;
# region-outage has no implemented measure: proven = current = baseline
check "ocr proven = current" near "$(sc ocr-partner-down).proven.eal" 2440000
check "ocr proven detect 5m" near "$(sc ocr-partner-down).proven.detect_h" 0.08333333333333333
check "region proven" near "$(sc region-outage).proven.eal" 1612666.6666666667
check "totals proven = current" near ".totals.proven.eal" 4052666.6666666665
check "totals proven by category" near ".totals.proven.by_category.penalty" 2025000
# checkout-slo (slo 99.5, stale_after 30d): db-alarm's drill passed 59 days
# before as_of (stale), fallback-provider's test failed: both scenarios'
# proven figures are their baselines.  db-failover: f=12, impact .5, H = 30m + 2h
#   12*(2.5*.5*(10000+500+1000)) + 12*(2000+1000) = 172500 + 36000 = 208,500
# card-network-down: f=8, impact 1, H = 1h; 8*(1*1*11500) + 8*3000 = 116,000
# totals: 208500 + 116000 + 20800 + 120 = 345,420 (current 248,820)
"$BADDAY" render checkout-slo.yaml -f json -o "$WORK/slo.json"
J="$WORK/slo.json"
check "db-failover proven = baseline" near "$(sc db-failover).proven.eal" 208500
check "db-failover current below proven" near "$(sc db-failover).current.eal" 180900
check "card-network proven = baseline" near "$(sc card-network-down).proven.eal" 116000
check "card-network proven recover 1h" near "$(sc card-network-down).proven.recover_h" 1
check "checkout totals proven" near ".totals.proven.eal" 345420
check "checkout totals current" near ".totals.current.eal" 248820
# downtime 12*2.5*.5 + 8*1 + 52*5*.2 + 6*.5*.1 = 15 + 8 + 52 + .3 = 75.3 h of
# the (100 - 99.5)/100*8760 = 43.8 h budget
check "checkout proven budget used" near ".totals.proven.budget_used" 1.7191780821917808
check "proven >= current everywhere" jq -e '[.scenarios[] | .proven.eal >= .current.eal] | all' "$J"
J="$WORK/spec.json"

# every key the contract names, with its type
check "top-level keys" jq -e 'has("badday") and has("service") and has("period") and has("as_of") and has("currency") and has("categories") and has("totals") and has("scenarios")' "$J"
check "scenario keys" jq -e '[.scenarios[] | has("id") and has("failure") and has("loss") and has("baseline") and has("current") and has("proven") and has("planned") and has("plan_cost") and has("reduction") and has("decision") and has("budget_share") and has("over_cap") and has("coverage") and has("measures")] | all' "$J"
check "measure keys" jq -e '[.scenarios[].measures[] | has("id") and has("kind") and has("status") and has("annual_cost") and has("verification")] | all' "$J"
check "state keys" jq -e '[.scenarios[] | .baseline, .current, .proven, .planned | has("eal") and has("downtime_h") and has("by_category")] | all' "$J"

# traceability: the SHA-256 of the plan file, small (hashed inline) and large
# (hashed on a second thread while the plan is parsed)
check "source_sha256 of the spec example" jq -e --arg h "$(sha256sum spec-example.yaml | cut -d' ' -f1)" '.source_sha256 == $h' "$J"
python3 "$TOP_SRCDIR/bench/genplan.py" 2000 >"$WORK/large.yaml"
"$BADDAY" render "$WORK/large.yaml" -f json -o "$WORK/large.json"
check "large plan is over 1 MiB" test "$(wc -c <"$WORK/large.yaml")" -gt 1048576
check "source_sha256 of a large plan" jq -e --arg h "$(sha256sum "$WORK/large.yaml" | cut -d' ' -f1)" '.source_sha256 == $h' "$WORK/large.json"
check "generator names the version" jq -e '.generator | startswith("badday ")' "$J"

# deterministic, and golden files for every valid fixture
run "$BADDAY" render spec-example.yaml -f json -o "$WORK/spec2.json"
check "two renders are identical" cmp -s "$WORK/spec.json" "$WORK/spec2.json"
for plan in *.yaml; do
  name=${plan%.yaml}
  golden="$TOP_SRCDIR/tests/golden/$name.json"
  "$BADDAY" render "$plan" -f json -o "$WORK/$name.json" 2>"$WORK/err"
  [ -f "$WORK/$name.json" ] && update_golden "$golden" "$WORK/$name.json"
  if [ ! -f "$golden" ]; then fail "$name: no golden file tests/golden/$name.json"; continue; fi
  jq -S 'del(.generator)' "$WORK/$name.json" >"$WORK/$name.got"
  jq -S 'del(.generator)' "$golden" >"$WORK/$name.want"
  if diff -u "$WORK/$name.want" "$WORK/$name.got" >"$WORK/diff"; then pass "$name: golden JSON"; else
    fail "$name: JSON differs from golden"; head -20 "$WORK/diff" | sed 's/^/  /'; fi
done
finish
