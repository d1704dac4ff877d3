#!/bin/sh
# The csv plugin: RFC 4180 quoting, formula-injection safety, UTF-8, exact
# numbers, both tables, and the options.
. "$TOP_SRCDIR/tests/lib.sh"

cat >"$WORK/plan.yaml" <<'PLAN'
badday: 1
service: CSV test
as_of: 2025-01-29
currency: JPY
losses:
  - id: l
    title: Loss
    per_hour: {revenue: 1000}
failures:
  - id: f
    loss: l
    title: Failure
scenarios:
  - id: formula
    failure: f
    title: "=HYPERLINK(\"http://x\",\"click\")"
    frequency: 3
    recover: 1h
    measures:
      - {id: plus, title: "+1 alarm", kind: detective, status: implemented, cost: {once: 100, yearly: 10}}
      - {id: minus, title: "-2 drill", kind: testing, status: implemented, last_run: 2025-01-01}
      - {id: at, title: "@SUM(A1)", kind: recovery}
  - id: quoting
    failure: f
    title: "Comma, \"quote\" and
      a line break"
    frequency: 1/quarter
    recover: 30m
  - id: japanese
    failure: f
    title: 決済が止まる
    frequency: 0.5
    recover: 2h
PLAN

run "$BADDAY" render "$WORK/plan.yaml" -o "$WORK/m.csv"
expect_rc "matrix renders" 0
M="$WORK/m.csv"
check "CRLF line endings" sh -c "head -1 '$M' | od -c | grep -q '\\\\r  \\\\n'"
check "header row" sh -c "head -1 '$M' | tr -d '\\r' | grep -qx 'loss,failure,scenario,title,revenue,penalty,brand,productivity,total,downtime_h,planned_total,decision,budget_share,over_cap,proven_total'"
check "formula neutralised and quoted" grep -qF "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"" "$M"
check "comma and quote quoted, quote doubled" grep -qF '"Comma, ""quote"" and a line break"' "$M"
check "UTF-8 text kept" grep -qF '決済が止まる' "$M"
# formula: 3 * (1h * 1 * 1000) = 3000; quoting: 4 * 0.5h * 1000 = 2000; japanese: .5 * 2 * 1000 = 1000
check "exact figures (formula 3000)" grep -qF ',formula,' "$M"
# its planned measure 'at' has no effect and no cost, so it does not count
# for the decision: monitor
check "formula total 3000, downtime 3" sh -c "grep -F ',formula,' '$M' | grep -qF ',3000,0,0,0,3000,3,3000,monitor,,false'"
check "quoting total 2000" sh -c "grep -F ',quoting,' '$M' | grep -qF ',2000,0,0,0,2000,2,2000,monitor,,false'"
check "no BOM by default" sh -c "! head -c 3 '$M' | od -An -tx1 | grep -q 'ef bb bf'"

run "$BADDAY" render "$WORK/plan.yaml" -o "$WORK/ms.csv" -O table=measures -O bom=yes
expect_rc "measures render" 0
S="$WORK/ms.csv"
check "BOM on request" sh -c "head -c 3 '$S' | od -An -tx1 | grep -q 'ef bb bf'"
check "+ neutralised" grep -qF "\"'+1 alarm\"" "$S"
check "- neutralised" grep -qF "\"'-2 drill\"" "$S"
check "@ neutralised" grep -qF "\"'@SUM(A1)\"" "$S"
# plus: 100 / 3 + 10 = 43.333333333333336
check "annual cost exact" grep -qF ',100,10,43.333333333333336,' "$S"
# the drill ran 28 days before as_of and passed: verified by its own run
check "test row has last_run and result" grep -qF ',testing,implemented,0,0,0,verified,2025-01-01,pass' "$S"

run "$BADDAY" render "$WORK/plan.yaml" -o "$WORK/x.csv" -O table=everything
expect_rc "bad option value" 2
expect_err "allowed values named" "option table of the csv plugin must be one of matrix, measures, services, changes, waivers, not 'everything'"

# The proven state (plan format, "Proven state") is appended, so the older
# columns keep their place: psp-down's alarm is implemented but no test
# verifies it, so its proven yearly loss is its baseline, 4 x (30m + 2h) x
# 6000 = 60000 (current 50000); ledger-slow has no implemented measure, so
# proven = current = 7000 (see the fixture's comment).
run "$BADDAY" render "$VALID/waivers.yaml" -o "$WORK/proven.csv"
check "proven_total is the last column" sh -c "head -1 '$WORK/proven.csv' | tr -d '\r' | grep -q ',over_cap,proven_total\$'"
tr -d '\r' <"$WORK/proven.csv" >"$WORK/proven.txt"
check "psp-down: current 50000, proven 60000" grep -qx 'cannot-pay,payment-fails,psp-down,.*,50000,.*,false,60000' "$WORK/proven.txt"
check "ledger-slow: proven = current 7000" grep -qx 'cannot-pay,payment-fails,ledger-slow,.*,7000,.*,false,7000' "$WORK/proven.txt"

# -O table=waivers: one row per waived CI gate rule, as tests/valid/waivers.yaml
# gives them; the day of the check is SOURCE_DATE_EPOCH's, 2025-01-29, so
# the waiver until 2025-03-31 is in force and the one until 2025-01-15 expired
run "$BADDAY" render "$VALID/waivers.yaml" -o "$WORK/w.csv" -O table=waivers
expect_rc "waivers table renders" 0
printf '%s\r\n' 'scenario,rule,until,expired,reason' \
  'psp-down,uncovered,2025-03-31,false,"The second provider is signed in March (Payments lead, OPS-77)"' \
  'psp-down,stale,2025-01-15,true,The drill was dropped with the old provider' >"$WORK/w.want"
check "waivers table: exact rows" cmp -s "$WORK/w.want" "$WORK/w.csv"
run "$BADDAY" render "$EXAMPLE" -o "$WORK/none.csv" -O table=waivers
check "waivers table of a plan without waivers: the header only" \
  test "$(cat "$WORK/none.csv")" = "$(printf 'scenario,rule,until,expired,reason\r')"
finish
