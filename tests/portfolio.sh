#!/bin/sh
# badday render A.yaml B.yaml: several plans in one report (the portfolio),
# in json and csv (the html and pdf views have their own tests).  Figures
# worked out by hand from tests/quarters:
#
#   Payments API (no slo): current = planned = 6000 + 2000 + 3000 + 1000
#     = 12000; baseline 8000 + 2000 + 3000 + 1000 = 14000; 16 cells, 4
#     covered (db-down detective + testing verified, dns-fail recovery +
#     testing stale), 2 verified; no decision.
#   Search (slo 99.5: budget 0.005 x 8760 = 43.8 h): index-rebuild 12/year x
#     (30m + 30m) x 50% x 400 = 2400, downtime 6 h = 13.7% of the budget;
#     planned recover 10m: 12 x (0.5 + 1/6) x 0.5 x 400 = 1600; autoscale
#     costs 3000 / 3 years = 1000 a year > 800 saved: accept (a decision);
#     4 cells: detective implemented, recovery planned: 1 covered.
#   Portfolio: current 14400, planned 13600, baseline 16400, 5 scenarios,
#     1 decision, 5 of 20 cells covered (25%), 2 verified (10%).
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 99
Q="$TOP_SRCDIR/tests/quarters"
P="$Q/payments-2026-Q3.yaml"
S="$Q/search-2026-Q3.yaml"

# jq_is NAME FILE FILTER EXPECTED: jq -r FILTER on FILE prints EXPECTED.
jq_is() {
  got=$(jq -r "$3" "$2" 2>&1)
  if [ "$got" = "$4" ]; then pass "$1"; else fail "$1: got '$got', expected '$4'"; fi
}
# near X Y: |X - Y| < 1e-6 (a sum of doubles need not be exact).
near() { jq -n --argjson a "$1" --argjson b "$2" '($a - $b) | fabs < 1e-6' | grep -q true; }

run "$BADDAY" render "$P" "$S" -o q3.json
expect_rc "two plans in one JSON" 0
jq_is "services in command-line order" q3.json '[.services[].service] | @csv' '"Payments API","Search"'
jq_is "portfolio: 2 services, shared currency and period" q3.json \
  '.portfolio | [.services, .currency, .period, .as_of] | @csv' '2,"USD","2026-Q3","2026-09-30"'
jq_is "portfolio: baseline and current" q3.json '.portfolio.eal | [.baseline, .current] | @csv' "16400,14400"
check "portfolio: planned 13600" near "$(jq .portfolio.eal.planned q3.json)" 13600
jq_is "portfolio: scenarios and decisions" q3.json '.portfolio | [.scenarios, .decisions] | @csv' "5,1"
jq_is "portfolio: coverage 5/20, verified 2/20" q3.json '.portfolio | [.coverage, .verified_coverage] | @csv' "0.25,0.1"
jq_is "Payments: current, planned, coverage" q3.json \
  '.services[0] | [.totals.current.eal, .totals.planned.eal, .totals.coverage, .totals.verified_coverage] | @csv' "12000,12000,0.25,0.125"
jq_is "Search: decision accept" q3.json '.services[1].scenarios[0].decision' "accept"
check "Search: planned 1600" near "$(jq '.services[1].totals.planned.eal' q3.json)" 1600
check "Search: 13.7% of the error budget" near "$(jq '.services[1].totals.current.budget_used' q3.json)" "$(jq -n '6 / 43.8')"
jq_is "each service keeps its own SHA-256" q3.json '[.services[].source_sha256] | @csv' \
  "\"$(sha256sum <"$P" | cut -c1-64)\",\"$(sha256sum <"$S" | cut -c1-64)\""
check "each service is the single-plan object" \
  sh -c "'$BADDAY' render '$S' -o s.json && jq -S 'del(.generator)' s.json >a && jq -S '.services[1] | del(.generator)' q3.json >b && cmp -s a b"

# Different currencies: no sums.
sed 's/currency: USD/currency: JPY/' "$S" >search-jpy.yaml
run "$BADDAY" render "$P" search-jpy.yaml -o mixed.json
expect_rc "mixed currencies render" 0
jq_is "mixed currencies: no currency, no sums" mixed.json '.portfolio | [.currency, .eal] | @csv' ","
jq_is "mixed currencies: counts still summed" mixed.json '.portfolio | [.scenarios, .coverage] | @csv' "5,0.25"

# csv: one table over every plan, each row naming its service.
run "$BADDAY" render "$P" "$S" -o services.csv -O table=services
expect_rc "csv services table" 0
check "csv services: a row per plan" test "$(wc -l <services.csv)" -eq 3
check "csv services: Payments row" grep -q '^Payments API,Payments team,2026-Q3,2026-09-30,USD,14000,12000,12000,,0.25,0.125,4,0,' services.csv
check "csv services: Search row" grep -q '^Search,Discovery team,2026-Q3,2026-09-30,USD,2400,2400,1599.99999999999\(98\|99\),0.136986301369863,0.25,0,1,1,' services.csv
run "$BADDAY" render "$P" "$S" -o matrix.csv
expect_rc "csv matrix of two plans" 0
check "csv matrix: service column first" grep -q '^service,loss,failure,scenario,title,revenue,penalty,brand,productivity,total' matrix.csv
check "csv matrix: five scenario rows" test "$(grep -c '^Payments API,\|^Search,' matrix.csv)" -eq 5
sed 's/brand: 400/support: 400/' "$S" >search-support.yaml
printf 'kept\n' >other.csv
run "$BADDAY" render "$P" search-support.yaml -o other.csv
expect_rc "csv matrix refuses different categories" 3
expect_err "different categories explained" "different loss categories"
check "old csv kept" test "$(cat other.csv)" = kept

# Several plans with --compare: services match by name.
"$BADDAY" render "$Q/payments-2026-Q2.yaml" -o q2.json
run "$BADDAY" render "$P" "$S" --compare q2.json -o both.json
expect_rc "portfolio with --compare" 0
jq_is "Payments compared" both.json '.services[0].comparison.eal.difference' "-1000"
jq_is "Search has no earlier report" both.json '.services[1] | has("comparison")' "false"
expect_err "Search: no earlier report warned" "no earlier report of the service 'Search'"

# Evidence for the whole portfolio: a testcase of one service is not
# "unmatched" because the other plan lacks it.  dns-drill passing on
# 2026-09-15 makes dns-fail's recovery and testing cells verified again
# (Payments: 4 of 16 verified, 0.25); the Search testcase names a measure
# that is not a test; the third matches no plan.
cat >runs.xml <<'XML'
<testsuites>
  <testsuite name="game-day" timestamp="2026-09-15T10:00:00">
    <testcase name="dns-fail/dns-drill"/>
    <testcase name="index-rebuild/latency-alarm"/>
    <testcase name="nowhere/nothing"/>
  </testsuite>
</testsuites>
XML
run "$BADDAY" render "$P" "$S" --evidence runs.xml -o evidence.json
expect_rc "portfolio with evidence" 0
jq_is "evidence applied to the plan that has the test" evidence.json   '.services[0].totals.verified_coverage' "0.25"
jq_is "dns-fail verified again" evidence.json   '.services[0].scenarios[] | select(.id == "dns-fail") | .coverage | [.recovery, .testing] | @csv' '"verified","verified"'
expect_err "a non-test named" "testcase 'index-rebuild/latency-alarm' names a detective measure, not a test"
expect_err "unmatched in every plan warned" "testcase 'nowhere/nothing' matches no measure of the plans"
if grep -q "dns-fail/dns-drill" "$WORK/err"; then fail "a testcase matched by one plan is not warned about"; else
  pass "a testcase matched by one plan is not warned about"; fi

# check and archive of several plans share the evidence the same way.
run "$BADDAY" check --fail-on stale "$P" "$S" --evidence runs.xml
expect_rc "check: the evidence makes dns-fail fresh" 0
expect_err "check: unmatched in every plan warned" "testcase 'nowhere/nothing' matches no measure of the plans"
run "$BADDAY" check --fail-on stale "$P" "$S"
expect_rc "check: without it dns-fail is stale" 6
expect_out "check: stale finding names the scenario" "dns-fail"
run "$BADDAY" archive --dir arch "$P" "$S" --evidence runs.xml
expect_rc "archive with shared evidence" 0
jq_is "archive: evidence applied to Payments" "arch/2026-Q3/Payments-API.json" '.totals.verified_coverage' "0.25"
if grep -q "dns-fail/dns-drill" "$WORK/err"; then fail "archive: matched testcase not warned about"; else
  pass "archive: matched testcase not warned about"; fi

# Command-line errors: nothing written.
run "$BADDAY" render "$P" "$S" -f json
expect_rc "several plans need -o" 2
expect_err "several plans: -o asked for" "give -o OUTPUT"
run "$BADDAY" render "$P" - -o x.json
expect_rc "stdin among several plans" 2
sed 's/frequency: 1\/month/frequency: sometimes/' "$S" >bad.yaml
printf 'kept\n' >keep.json
run "$BADDAY" render "$P" bad.yaml -o keep.json
expect_rc "one bad plan rejects the portfolio" 1
expect_err "bad plan: file:line:column" "bad.yaml:21:16: error:"
check "old portfolio kept" test "$(cat keep.json)" = kept
run "$BADDAY" render "$P" "$P" --compare q2.json -o twice.json
expect_rc "a service twice with --compare" 1
expect_err "service twice explained" "both describe the service 'Payments API'"
check "no temporary files left" no_temp_files .

finish
