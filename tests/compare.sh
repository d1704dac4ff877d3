#!/bin/sh
# badday render --compare OLD: what changed since last quarter, read from last
# quarter's plan or from the JSON of last quarter's report, in json and csv
# (the html and pdf views have their own tests).  Figures worked out by hand
# from tests/quarters (current state, EAL = frequency x (detect + recover) x
# 1000 USD/h, impact 100%):
#
#   scenario    Q2 (2026-06-30)                 Q3 (2026-09-30)
#   db-down     4 x 2h = 8000, mitigate,        4 x 1.5h = 6000, monitor,
#               detective planned, testing none  detective verified, testing verified
#   cache-cold  2 x 1h = 2000, monitor           2000, monitor (unchanged)
#   old-batch   1 x 2h = 2000, monitor           removed
#   queue-full  -                                1 x 3h = 3000, monitor (added)
#   dns-fail    1 x 1h = 1000; drill 2026-05-01  1000; the same drill is now
#               is 60 days old: verified         152 days old (> 100d): stale
#
#   total       13000                            12000, difference -1000
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 99
Q="$TOP_SRCDIR/tests/quarters"

# jq_is NAME FILE FILTER EXPECTED: jq -r FILTER on FILE prints EXPECTED.
jq_is() {
  got=$(jq -r "$3" "$2" 2>&1)
  if [ "$got" = "$4" ]; then pass "$1"; else fail "$1: got '$got', expected '$4'"; fi
}

run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare "$Q/payments-2026-Q2.yaml" -o q3.json
expect_rc "compare with last quarter's plan" 0
C='.comparison'
jq_is "compared file recorded" q3.json "$C.source" "$Q/payments-2026-Q2.yaml"
jq_is "compared plan's SHA-256" q3.json "$C.source_sha256" "$(sha256sum <"$Q/payments-2026-Q2.yaml" | cut -c1-64)"
jq_is "compared period and date" q3.json "$C.period + \" \" + $C.as_of" "2026-Q2 2026-06-30"
jq_is "total before, after, difference" q3.json "[$C.eal.before, $C.eal.after, $C.eal.difference] | @csv" "13000,12000,-1000"
jq_is "added scenarios" q3.json "$C.added | @csv" '"queue-full"'
jq_is "removed scenarios" q3.json "$C.removed | @csv" '"old-batch"'
jq_is "changed scenarios" q3.json "$C.changed | @csv" '"db-down","dns-fail"'
jq_is "cell and decision changes counted" q3.json "[$C.cell_changes, $C.decision_changes] | @csv" "4,1"
jq_is "every scenario of both quarters, removed last" q3.json "[$C.scenarios[].id] | @csv" \
  '"db-down","cache-cold","queue-full","dns-fail","old-batch"'
S() { echo "$C.scenarios[] | select(.id == \"$1\")"; }
jq_is "db-down: loss 8000 -> 6000" q3.json "$(S db-down) | [.eal.before, .eal.after, .eal.difference] | @csv" "8000,6000,-2000"
jq_is "db-down: decision mitigate -> monitor" q3.json "$(S db-down) | .decision.before + \">\" + .decision.after" "mitigate>monitor"
jq_is "db-down: detective planned -> verified" q3.json "$(S db-down) | .coverage.detective | .before + \">\" + .after" "planned>verified"
jq_is "db-down: testing none -> verified" q3.json "$(S db-down) | .coverage.testing | .before + \">\" + .after" "none>verified"
jq_is "db-down: only changed cells listed" q3.json "$(S db-down) | .coverage | keys | @csv" '"detective","testing"'
jq_is "dns-fail: verified -> stale" q3.json "$(S dns-fail) | .coverage | [.recovery.after, .testing.before] | @csv" '"stale","verified"'
jq_is "dns-fail: changed though its loss is the same" q3.json "$(S dns-fail) | .change + \" \" + (.eal.difference | tostring)" "changed 0"
jq_is "cache-cold unchanged" q3.json "$(S cache-cold) | .change + \" \" + (.coverage | length | tostring)" "unchanged 0"
jq_is "queue-full: added, no before" q3.json "$(S queue-full) | [.change, .eal.before, .eal.after, .decision.before] | @csv" '"added",,3000,'
jq_is "old-batch: removed, loss gone" q3.json "$(S old-batch) | [.change, .eal.before, .eal.after, .eal.difference] | @csv" '"removed",2000,,-2000'
jq_is "differences add up to the total's" q3.json "[$C.scenarios[].eal.difference] | add" "-1000"
jq_is "report itself unchanged by --compare" q3.json ".totals.current.eal" "12000"

# Last quarter's JSON works as well as its plan.
"$BADDAY" render "$Q/payments-2026-Q2.yaml" -o q2.json
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare q2.json -o q3b.json
expect_rc "compare with last quarter's JSON" 0
check "the JSON gives the same comparison as the plan" \
  sh -c 'jq -S "del(.comparison.source)" q3.json >a && jq -S "del(.comparison.source)" q3b.json >b && cmp -s a b'
jq_is "the JSON's plan SHA-256 is the one recorded" q3b.json "$C.source_sha256" "$(sha256sum <"$Q/payments-2026-Q2.yaml" | cut -c1-64)"

# The same plan against itself: nothing changed.
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare "$Q/payments-2026-Q3.yaml" -o same.json
jq_is "no change against itself" same.json "[$C.added, $C.removed, $C.changed] | map(length) | @csv" "0,0,0"
jq_is "every scenario unchanged" same.json "[$C.scenarios[].change] | unique | @csv" '"unchanged"'

# csv -O table=changes: one row per scenario, with every coverage cell.
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare "$Q/payments-2026-Q2.yaml" -o changes.csv -O table=changes
expect_rc "csv changes table" 0
check "csv header" grep -q '^scenario,title,change,eal_before,eal_after,difference,decision_before,decision_after,detective_before,detective_after,' changes.csv
check "csv db-down row" grep -qF 'db-down,The database is down,changed,8000,6000,-2000,mitigate,monitor,planned,verified,none,none,none,none,none,verified' changes.csv
check "csv old-batch row: empty after side" grep -qF 'old-batch,The nightly batch overruns,removed,2000,,-2000,monitor,,none,,none,,none,,none,' changes.csv
check "csv queue-full row: empty before side" grep -qF 'queue-full,The payment queue fills up,added,,3000,3000,,monitor,' changes.csv
check "csv: five scenarios and a header" test "$(wc -l <changes.csv)" -eq 6

# Errors: nothing is written, the old report stays.
printf 'last quarter\n' >keep.json
sed 's/currency: USD/currency: EUR/' "$Q/payments-2026-Q2.yaml" >eur.yaml
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare eur.yaml -o keep.json
expect_rc "another currency refused" 1
expect_err "currency mismatch explained" "it counts in EUR, this plan in USD"
check "old report kept (currency)" test "$(cat keep.json)" = "last quarter"
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare missing.yaml -o keep.json
expect_rc "missing compare file" 1
expect_err "missing file named" "missing.yaml: error: cannot open the plan"
sed 's/frequency: 4$/frequency: often/' "$Q/payments-2026-Q2.yaml" >broken.yaml
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare broken.yaml -o keep.json
expect_rc "broken old plan refused" 1
expect_err "broken old plan: file:line:column" "broken.yaml:21:16: error:"
jq 'del(.scenarios[0].decision) | .scenarios[1].coverage.testing = "great"' q2.json >bad.json
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare bad.json -o keep.json
expect_rc "malformed report JSON refused" 1
expect_err "missing key named with position" 'bad.json:'
expect_err "missing decision explained" 'a scenario has no "decision"'
expect_err "bad coverage state explained" "invalid coverage state 'great'"
check "old report kept (bad JSON)" test "$(cat keep.json)" = "last quarter"
check "no temporary files left" no_temp_files .

# Hostile compare files are refused with a position, like hostile plans.
printf 'badday: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ntotals: {current: {eal: 1}}\nservice: *f\nscenarios: *f\n' >bomb.json
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare bomb.json -o keep.json
expect_rc "alias bomb as a compare file" 1
expect_err "alias bomb: an error with a position" "bomb.json:"
printf '[1, 2, 3]\n' >list.json
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare list.json -o keep.json
expect_rc "a list is neither a plan nor a report" 1
printf '{"badday": 1, "services": 5}\n' >services.json
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare services.json -o keep.json
expect_rc "services that is not a list" 1
expect_err "services: what was expected" "services.json:1:"
jq '.totals.current.eal = "NaN"' q2.json >nan.json
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare nan.json -o keep.json
expect_rc "a loss that is not a number" 1
expect_err "NaN refused" "expected a JSON number"
jq '.badday = 2' q2.json >v2.json
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare v2.json -o keep.json
expect_rc "another report format" 1
expect_err "format version named" "this badday reads format 1"
check "old report still kept" test "$(cat keep.json)" = "last quarter"

# The quarterly archive compares each service with last quarter's JSON.
"$BADDAY" archive --dir arch "$Q/payments-2026-Q2.yaml"
run "$BADDAY" archive --dir arch "$Q/payments-2026-Q3.yaml" "$Q/search-2026-Q3.yaml" \
  --compare arch/2026-Q2/Payments-API.json
expect_rc "archive --compare" 0
jq_is "archived JSON holds the comparison" arch/2026-Q3/Payments-API.json \
  "$C.eal.difference, $C.period" "-1000
2026-Q2"
check "the other service archived without one" test -s arch/2026-Q3/Search.pdf
expect_err "the other service: no earlier report" "no earlier report of the service 'Search'"
cp arch/2026-Q3/Payments-API.json q3-archived.json
run "$BADDAY" archive --dir arch "$Q/payments-2026-Q3.yaml" "$Q/search-2026-Q3.yaml" \
  --compare arch/2026-Q2/Payments-API.json
expect_rc "archiving the same quarter again changes nothing" 0
check "archived JSON unchanged" cmp -s q3-archived.json arch/2026-Q3/Payments-API.json

# A service renamed: still compared one to one, with a warning.
sed 's/service: Payments API/service: Payments/' "$Q/payments-2026-Q2.yaml" >renamed.yaml
run "$BADDAY" render "$Q/payments-2026-Q3.yaml" --compare renamed.yaml -o renamed.json
expect_rc "renamed service still compared" 0
expect_err "rename warned about" "comparing the service 'Payments API' with 'Payments'"

finish
