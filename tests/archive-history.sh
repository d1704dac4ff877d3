#!/bin/sh
# The archive as a history: an archive of six quarters and two free-text
# periods x three services, made in shuffled order from tests/history/;
# the index's figures against hand-computed series, periods in time
# order, a period deleted and re-added, a tampered archive found by
# --verify, the index page in English and, for an archive in both
# languages, in Japanese (index.ja.html: its labels, its figures by the
# Japanese display rules, its links; removed with the Japanese files) in
# one Chromium (no console message, no text out of its box, every link
# resolves to a file).
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

# the index in Japanese: an archive of two periods in both languages, a
# plan in yen (RATE 22,020,000: yearly loss now 4 x RATE = 88,080,000,
# planned 2 x RATE = 44,040,000, budget used 4 / 8.76) and Alpha in USD
J="$WORK/ja"
for p in 2025-Q3 2025-Q4; do
  sed "s/\"USD\"/\"JPY\"/; s/SERVICE/決済/; s/PERIOD/$p/; s/AS_OF/2025-09-01/; s/RATE/22020000/; s/STATUS/planned/" \
    "$PLAN" >"$WORK/plans/$p/yen.yaml"
  run "$BADDAY" archive --dir "$J" --lang en,ja "$WORK/plans/$p/Alpha.yaml" "$WORK/plans/$p/yen.yaml"
  expect_rc "archive $p in English and Japanese" 0
done
check "index.ja.html written" test -s "$J/index.ja.html"
check "index.ja.html is in Japanese" grep -q '^<html lang="ja">$' "$J/index.ja.html"
check "the yen plan's yearly loss now in the JSON (4 x 22,020,000)" jq -e \
  '[.periods[].services[] | select(.service == "決済") | .yearly_loss_now] == [88080000, 88080000]' "$J/index.json"
check "the Japanese report shows it as 8,808万円" grep -q '8,808万円' "$J/2025-Q4/決済.ja.html"
check "its title in Japanese" grep -q '<title>badday アーカイブ</title>' "$J/index.ja.html"
check "--verify: index.ja.html is part of the index, not an extra file" "$BADDAY" archive --verify "$J"

# the pages in ONE Chromium: no console message, no text out of its box
. "$TOP_SRCDIR/tests/html/browser.sh"
"$PY" "$TOP_SRCDIR/tests/html/index_check.py" "$CHROMIUM" "$WORK" "$A/index.html" "$J/index.ja.html" \
  "$J/index.html" >"$WORK/index_check.out" 2>&1
echo "# index_check.py: exit $?"
while IFS= read -r line; do
  case $line in
  "ok - "*) pass "${line#ok - }" ;;
  "not ok - "*) fail "${line#not ok - }" ;;
  *) echo "$line" ;;
  esac
done <"$WORK/index_check.out"
check "index_check.py ran" test -s "$WORK/ja-index.ja.html.text"

# links_missing DIR LINKS: how many links (hrefs, percent-encoded) name no file in DIR
links_missing() {
  missing=0
  while IFS= read -r link; do
    [ -e "$1/$(printf '%b' "$(echo "$link" | sed 's/%/\\x/g')")" ] || { missing=$((missing + 1)); echo "  missing: $link" >&2; }
  done <"$2"
  echo "$missing"
}
check "Chromium built the English page" grep -q "Spring-review" "$WORK/archive-index.html.text"
check "the English page links every file (120 and index.json)" test "$(wc -l <"$WORK/archive-index.html.links")" -eq 121
check "no language switch without Japanese files" sh -c '! grep -q "index.ja.html" "$1"' sh "$WORK/archive-index.html.links"
check "every link of the English page resolves to a file that exists" test "$(links_missing "$A" "$WORK/archive-index.html.links")" -eq 0

T="$WORK/ja-index.ja.html.text"
check "Chromium reads the page as Japanese" test "$(cat "$WORK/ja-index.ja.html.lang")" = ja
for label in アーカイブ 推移 サービス 現在の年間損失 計画後の年間損失 エラーバジェット消費率 カバレッジ \
  検証済みカバレッジ 要判断 ポートフォリオ "ファイル（SHA-256）" "各列の目盛り" "で照合できます"; do
  check "Japanese label: $label" grep -qF "$label" "$T"
done
absent=""
for label in Archive Trends Service "Yearly loss" "Error budget" Coverage Verified Decisions Portfolio \
  "Files (SHA-256)" "Each column" "Every file" "checks them" "badday archive --verify checks"; do
  grep -qF "$label" "$T" && absent="$absent [$label]"
done
check "no English label in the Japanese page's visible text${absent:+ (found:$absent)}" test -z "$absent"
check "the yen figure as the Japanese report formats it: 8,808万円 (now), 4,404万円 (planned)" \
  sh -c 'test "$(grep -oF "8,808万円" "$1" | wc -l)" -ge 2 && grep -qF "4,404万円" "$1"' sh "$T"
check "the share by the same rules (4 / 8.76 = 45.7%)" grep -qF "45.7%" "$T"
check "a USD figure stays in USD (Alpha 2025-Q4: 12 x 500 x 2 = USD 12K)" grep -qF "USD 12K" "$T"
check "the English page shows the yen in English (JPY 88M)" grep -qF "JPY 88M" "$WORK/ja-index.html.text"
L="$WORK/ja-index.ja.html.links"
check "the Japanese page links the English one first (the language switch)" test "$(sed -n 1p "$L")" = index.html
check "the English page links the Japanese one" grep -qx "index.ja.html" "$WORK/ja-index.html.links"
check "the switch names the other language in itself" sh -c 'grep -qx "English" "$1" && grep -qx "日本語" "$2"' \
  sh "$T" "$WORK/ja-index.html.text"
check "a set's Japanese files first, then the English ones" test \
  "$(sed -n 2,4p "$L" | tr '\n' ' ')" = "2025-Q3/Alpha.ja.pdf 2025-Q3/Alpha.ja.html 2025-Q3/Alpha.pdf "
check "the Japanese page links every file as the English one does" test \
  "$(grep -v '^index' "$L" | sort)" = "$(grep -v '^index' "$WORK/ja-index.html.links" | sort)"
check "every link of the Japanese page resolves to a file that exists" test "$(links_missing "$J" "$L")" -eq 0

# the Japanese files gone: the next run removes the stale index.ja.html
rm "$J"/*/*.ja.pdf "$J"/*/*.ja.html
run "$BADDAY" archive --dir "$J" "$WORK/plans/Kickoff/Alpha.yaml"
expect_rc "archive after the Japanese files were removed" 0
check "index.ja.html removed" test ! -e "$J/index.ja.html"
check "index.html has no language switch any more" sh -c '! grep -q "index.ja.html" "$1"' sh "$J/index.html"

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
