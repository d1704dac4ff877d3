#!/bin/sh
# The archive as a history: an archive of six quarters and two free-text
# periods x three services, made in shuffled order from tests/history/;
# the index's figures against hand-computed series, periods in time
# order, a period deleted and re-added, a tampered archive found by
# --verify, and the index page in Chromium (no console message, every
# link resolves to a file).
. "$TOP_SRCDIR/tests/lib.sh"
unset SOURCE_DATE_EPOCH
A="$WORK/archive"
PLAN="$TOP_SRCDIR/tests/history/service.yaml"

# make_plans PERIOD AS_OF N STATUS: three plans with RATE = 500 x factor x N
# (Alpha 1, Beta 2, Gamma 3) into $WORK/plans/PERIOD/
make_plans() {
  mkdir -p "$WORK/plans/$1"
  for s in Alpha:1 Beta:2 Gamma:3; do
    name=${s%:*} rate=$((500 * ${s#*:} * $3))
    sed "s/SERVICE/$name/; s/PERIOD/$1/; s/AS_OF/$2/; s/RATE/$rate/; s/STATUS/$4/" "$PLAN" \
      >"$WORK/plans/$1/$name.yaml"
  done
}
make_plans Kickoff 2024-05-01 1 planned
make_plans 2024-Q3 2024-08-15 2 planned
make_plans 2024-Q4 2024-11-15 4 planned
make_plans 2025-Q1 2025-02-15 6 planned
make_plans 2025-Q2 2025-05-15 8 planned
make_plans 2025-Q3 2025-08-15 10 implemented
make_plans 2025-Q4 2025-11-15 12 implemented
make_plans "Spring review" 2026-04-20 14 planned

# archived out of order: the index sorts periods as time
for p in 2025-Q2 2024-Q3 "Spring review" 2025-Q4 Kickoff 2025-Q1 2024-Q4 2025-Q3; do
  run "$BADDAY" archive --dir "$A" "$WORK/plans/$p/Alpha.yaml" "$WORK/plans/$p/Beta.yaml" \
    "$WORK/plans/$p/Gamma.yaml"
  expect_rc "archive $p" 0
done
I="$A/index.json"
check "periods in time order (free text by as_of)" jq -e \
  '[.periods[].dir] == ["Kickoff","2024-Q3","2024-Q4","2025-Q1","2025-Q2","2025-Q3","2025-Q4","Spring-review"]' "$I"
check "three services a period" jq -e '[.periods[].services | length] | all(. == 3)' "$I"
# series (hand-computed from the plan's comment): Alpha's yearly loss now
# 4 x RATE while planned, 2 x RATE once the fail-over is implemented
series() { jq -c "[.periods[].services[] | select(.service == \"$1\") | .$2]" "$I"; }
check "Alpha: yearly loss now" test "$(series Alpha yearly_loss_now)" = "[2000,4000,8000,12000,16000,10000,12000,28000]"
check "Beta: yearly loss planned" test "$(series Beta yearly_loss_planned)" = "[2000,4000,8000,12000,16000,20000,24000,28000]"
check "Gamma: decisions needed" test "$(series Gamma decisions_needed)" = "[1,1,1,1,1,0,0,1]"
check "Gamma: coverage" test "$(series Gamma coverage)" = "[0,0,0,0,0,0.25,0.25,0]"
check "budget used 4/8.76 while planned, 2/8.76 once implemented" jq -e \
  '[.periods[].services[] | select(.service == "Beta") | .budget_used] as $b
   | ($b[0:5] + [$b[7]] | all(. > 0.4566209 and . < 0.4566211)) and ($b[5:7] | all(. > 0.2283104 and . < 0.2283106))' "$I"
check "the portfolio's yearly loss now per period (sum of the services)" test \
  "$(jq -c '[.periods[].portfolio.yearly_loss_now]' "$I")" = "[12000,24000,48000,72000,96000,60000,72000,168000]"
check "the portfolio's yearly loss planned" test \
  "$(jq -c '[.periods[].portfolio.yearly_loss_planned]' "$I")" = "[6000,12000,24000,36000,48000,60000,72000,84000]"
check "the portfolio's coverage (weighed by scenarios: one each)" test \
  "$(jq -c '[.periods[].portfolio.coverage]' "$I")" = "[0,0,0,0,0,0.25,0.25,0]"
check "the portfolio's decisions needed" test \
  "$(jq -c '[.periods[].portfolio.decisions_needed]' "$I")" = "[3,3,3,3,3,0,0,3]"
check "the portfolio has no error budget" jq -e '[.periods[].portfolio | has("budget_used")] | all(. == false)' "$I"
# the trends: small multiples for 3 services and the portfolio x 6 figures
check "24 small multiples" test "$(grep -o '<svg ' "$A/index.html" | wc -l)" -eq 24
check "Alpha's loss trend lists every period's figure" grep -q \
  '<title>Alpha: Yearly loss now: Kickoff USD 2.0K; 2024-Q3 USD 4.0K; 2024-Q4 USD 8.0K; 2025-Q1 USD 12K; 2025-Q2 USD 16K; 2025-Q3 USD 10K; 2025-Q4 USD 12K; Spring-review USD 28K</title>' "$A/index.html"
check "the portfolio's budget trend is empty" grep -q '<title>Portfolio: Error budget used: Kickoff -;' "$A/index.html"
check "each set: three reports, the plan and the manifest" jq -e '[.periods[].services[].files | length] | all(. == 5)' "$I"

run "$BADDAY" archive --verify "$A"
expect_rc "--verify: an intact archive" 0
expect_out "--verify counts what it checked" "120 files checked, 24 reports analysed again: 0 problems"

# a period deleted, then archived again: the index follows DIR
cp "$I" "$WORK/index.before"
cp "$A/index.html" "$WORK/index.html.before"
rm -rf "$A/2025-Q1"
run "$BADDAY" archive --dir "$A" "$WORK/plans/Kickoff/Alpha.yaml"
expect_rc "archive after a period was deleted" 0
check "the deleted period left the index" jq -e '[.periods[].dir] | index("2025-Q1") == null and length == 7' "$I"
run "$BADDAY" archive --verify "$A"
expect_rc "--verify after the deletion (the index follows DIR)" 0
run "$BADDAY" archive --dir "$A" "$WORK/plans/2025-Q1/Alpha.yaml" "$WORK/plans/2025-Q1/Beta.yaml" \
  "$WORK/plans/2025-Q1/Gamma.yaml"
expect_rc "the period archived again" 0
check "the index is as before, byte for byte" cmp "$WORK/index.before" "$I"
check "the page is as before, byte for byte" cmp "$WORK/index.html.before" "$A/index.html"

# --history DIR: "What changed" against the previous period found there
run "$BADDAY" render "$WORK/plans/2025-Q4/Alpha.yaml" --history "$A" -f json -o "$WORK/h.json"
expect_rc "render --history" 0
check "compared with the previous quarter (2025-Q3)" jq -e \
  '.comparison.period == "2025-Q3" and .comparison.eal.before == 10000 and .comparison.eal.after == 12000' "$WORK/h.json"
run "$BADDAY" render "$WORK/plans/Kickoff/Beta.yaml" --history "$A" -f json -o "$WORK/h0.json"
expect_rc "render --history of the first period" 0
check "nothing earlier: no comparison" jq -e '.comparison == null' "$WORK/h0.json"
run "$BADDAY" archive --dir "$WORK/next" --history "$A" "$WORK/plans/Spring review/Gamma.yaml"
expect_rc "archive --history" 0
check "a free-text period compares with the latest quarter before its as_of" jq -e \
  '.comparison.period == "2025-Q4" and .comparison.eal.before == 36000 and .comparison.eal.after == 84000' "$WORK/next/Spring-review/Gamma.json"

# the history in the model (ABI 2.3) and the JSON: every earlier period of
# the service, then the report itself; its own period as archived is left
# out (the report stands for it)
run "$BADDAY" render "$WORK/plans/Spring review/Alpha.yaml" --history "$A" -f json -o "$WORK/hs.json"
expect_rc "render --history of the last period" 0
hist() { jq -c "[.history.periods[].$1]" "$WORK/hs.json"; }
check "history: the seven earlier periods and this report" test "$(hist period)" = \
  '["Kickoff","2024-Q3","2024-Q4","2025-Q1","2025-Q2","2025-Q3","2025-Q4","Spring review"]'
check "history: yearly loss now (hand-computed)" test "$(hist yearly_loss_now)" = "[2000,4000,8000,12000,16000,10000,12000,28000]"
check "history: yearly loss planned" test "$(hist yearly_loss_planned)" = "[1000,2000,4000,6000,8000,10000,12000,14000]"
check "history: decisions needed" test "$(hist decisions_needed)" = "[1,1,1,1,1,0,0,1]"
check "history: coverage" test "$(hist coverage)" = "[0,0,0,0,0,0.25,0.25,0]"
check "history: budget used 4/8.76 while planned, 2/8.76 once implemented" jq -e \
  '[.history.periods[].budget_used] | (.[0:5] + [.[7]] | all(. > 0.4566209 and . < 0.4566211)) and (.[5:7] | all(. > 0.2283104 and . < 0.2283106))' "$WORK/hs.json"
check "history: only the last point is this report, and it has no source" jq -e \
  '[.history.periods[].this_report] == [false,false,false,false,false,false,false,true] and .history.periods[7].source == null' "$WORK/hs.json"
check "history: each earlier point names its archived JSON" jq -e \
  --arg a "$A" '.history.periods[0].source == ($a + "/Kickoff/Alpha.json")' "$WORK/hs.json"
check "history: the last point equals the report's own figures" jq -e \
  '.history.periods[7].yearly_loss_now == .totals.current.eal and .history.periods[7].coverage == .totals.coverage' "$WORK/hs.json"
check "the first period: a history of one point (the report)" jq -e '.history.periods | length == 1' "$WORK/h0.json"
run "$BADDAY" render "$WORK/plans/Spring review/Alpha.yaml" -f json -o "$WORK/plain.json"
check "without --history: no history key" jq -e 'has("history") | not' "$WORK/plain.json"
# an earlier period in another currency: its money figures are left out
mkdir -p "$WORK/eur"
cp -r "$A/2025-Q3" "$WORK/eur/"
sed 's/"currency": "USD"/"currency": "EUR"/' "$A/2025-Q3/Alpha.json" >"$WORK/eur/2025-Q3/Alpha.json"
run "$BADDAY" render "$WORK/plans/2025-Q4/Alpha.yaml" --history "$WORK/eur" -f json -o "$WORK/he.json"
expect_rc "render --history with a period in another currency" 0
expect_err "a warning names both currencies" "the previous period '2025-Q3' in $WORK/eur counts in 'EUR', this plan in USD: no \"What changed\""
check "another currency: no comparison" jq -e '.comparison == null' "$WORK/he.json"
check "another currency: no yearly loss for that period, its coverage kept" jq -e \
  '.history.periods[0].yearly_loss_now == null and .history.periods[0].yearly_loss_planned == null and .history.periods[0].coverage == 0.25' "$WORK/he.json"

# the index page in Chromium: no console message, every link resolves
. "$TOP_SRCDIR/tests/html/browser.sh"
chrome --enable-logging=stderr --v=0 --dump-dom "file://$A/index.html" >"$WORK/dom.html" 2>"$WORK/chrome.err"
check "Chromium built the page" grep -q "Spring-review" "$WORK/dom.html"
check "no console message or CSP report" sh -c '! grep -E "CONSOLE|Content Security Policy" "$1"' sh "$WORK/chrome.err"
grep -o 'href="[^"]*"' "$WORK/dom.html" | sed 's/^href="//; s/"$//' >"$WORK/links"
check "the page links every file (120 and index.json)" test "$(wc -l <"$WORK/links")" -eq 121
missing=0
while IFS= read -r link; do
  [ -e "$A/$(printf '%b' "$(echo "$link" | sed 's/%/\\x/g')")" ] || { missing=$((missing + 1)); echo "  missing: $link"; }
done <"$WORK/links"
check "every link resolves to a file that exists" test "$missing" -eq 0

# tampering: a changed PDF, a missing HTML, an extra file, a changed report
printf 'x' >>"$A/2025-Q3/Beta.pdf"
run "$BADDAY" archive --verify "$A"
expect_rc "--verify finds a tampered PDF" 7
expect_err "the PDF named" "$A/2025-Q3/Beta.pdf: changed (its SHA-256 is not index.json's)"
expect_out "one problem" "1 problem"
rm "$A/2024-Q4/Gamma.html"
touch "$A/2024-Q4/notes.txt"
sed 's/"eal": 16000/"eal": 16001/' "$A/2025-Q2/Alpha.json" >"$WORK/x" && cat "$WORK/x" >"$A/2025-Q2/Alpha.json"
run "$BADDAY" archive --verify "$A"
expect_rc "--verify finds every problem" 7
expect_err "missing" "$A/2024-Q4/Gamma.html: missing"
expect_err "extra" "$A/2024-Q4/notes.txt: extra (not in index.json)"
expect_err "a report its inputs no longer give" "$A/2025-Q2/Alpha.json: differs from a new analysis of its kept inputs at scenarios > [0] > baseline > eal"
expect_out "five problems" "5 problems"
finish
