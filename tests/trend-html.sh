#!/bin/sh
# The Trend view of the html plugin (--history): the report's section and
# the Trend slide for the history fixture (tests/history/make-archive.sh),
# its figures against the hand-computed series and the JSON's history; no
# Trend without --history or with an archive holding no earlier period of
# the service; then, in one headless Chromium (tests/html/trend.py): no
# console error, every text inside its panel, no two period labels of a
# 20-quarter history overlapping, the Trend slide inside its 1280 x 720
# slide, in English and Japanese.  BADDAY_SCREENSHOTS=DIR keeps pictures
# of the section and the slide there.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/html/browser.sh"
TREND="$TOP_SRCDIR/tests/html/trend.py"
F="$WORK/fixture"
BADDAY="$BADDAY" sh "$TOP_SRCDIR/tests/history/make-archive.sh" "$F" >/dev/null 2>&1 ||
  fail "the history fixture is made"
PLAN="$F/plans/2025-Q4.yaml"

# render NAME ARGS...: the plan with ARGS into $WORK/NAME.html
render() {
  name=$1
  shift
  run "$BADDAY" render "$@" -f html -o "$WORK/$name.html"
  expect_rc "$name renders" 0
}

# the JSON's history: the hand-computed series (make-archive.sh's comment)
run "$BADDAY" render "$PLAN" --history "$F/archive" -f json -o "$WORK/history.json"
expect_rc "the JSON renders with --history" 0
series() { jq -c "[.history.periods[] | .$1]" "$WORK/history.json"; }
check "JSON: yearly loss now" test "$(series yearly_loss_now)" = "[4000,8000,12000,16000,10000,12000]"
check "JSON: yearly loss planned" test "$(series yearly_loss_planned)" = "[2000,4000,6000,8000,10000,12000]"
check "JSON: budget used 4/8.76 then 2/8.76" jq -e '[.history.periods[].budget_used] as $b
  | ($b[0:4] | all(. > 0.45662 and . < 0.45663)) and ($b[4:6] | all(. > 0.22831 and . < 0.22832))' \
  "$WORK/history.json"
check "JSON: coverage" test "$(series coverage)" = "[0,0,0,0,0.25,0.25]"
check "JSON: decisions needed" test "$(series decisions_needed)" = "[1,1,1,1,0,0]"

render report-en "$PLAN" --history "$F/archive"
render report-ja "$PLAN" --history "$F/archive" --lang ja
# the report's table of every period's figures: the same figures as the
# PDF's (the rows as text, cells joined by |)
rows() {
  grep -o '<table class="data trend-table">.*</table>' "$WORK/$1.html" |
    sed 's/<tr[^>]*>/\n/g' | sed 's/<\/t[hd]><t[hd][^>]*>/|/g; s/<[^>]*>//g' | sed -n "$2p"
}
check "report: the table's first period" test "$(rows report-en 3)" = "2024-Q3|USD 4.0K|USD 2.0K|45.7%|0%|0%|1"
check "report: the table's last row is this report, in bold" \
  grep -qF '<tr class="current"><th>2025-Q4</th><td class="num">USD 12K</td>' "$WORK/report-en.html"
check "report: the table's 2025-Q3 row" test "$(rows report-en 7)" = "2025-Q3|USD 10K|USD 10K|22.8%|25%|0%|0"
check "slides: no table" sh -c '! grep -q trend-table "$1"' sh "$WORK/slides-en.html"
render slides-en "$PLAN" --history "$F/archive" --layout slides
render slides-ja "$PLAN" --history "$F/archive" --layout slides --lang ja

# has NAME TEXT: $WORK/NAME.html holds TEXT, its readings read as text
# (their figures' spans, kept each on one line, left out)
has() {
  sed 's/<span class="figure-run">\([^<]*\)<\/span>/\1/g; s/<span class="trend-since">\([^<]*\)<\/span>/\1/g' \
    "$WORK/$1.html" >"$WORK/$1.text"
  if grep -qF -- "$2" "$WORK/$1.text"; then pass "$1: $2"; else fail "$1 lacks: $2"; fi
}
# the readings: this report (2025-Q4) and the first period (2024-Q3), the
# figures by the display rules: 12000 "USD 12K", 4000 "USD 4.0K", 2/8.76
# "22.8%", 4/8.76 "45.7%"
for page in report-en slides-en; do
  has $page '<p class="trend-reading">Now USD 12K · Planned USD 12K (2024-Q3: USD 4.0K · USD 2.0K)</p>'
  has $page '<p class="trend-reading">22.8% (2024-Q3: 45.7%)</p>'
  has $page '<p class="trend-reading">Coverage 25% · Verified 0% (2024-Q3: 0% · 0%)</p>'
  has $page '<p class="trend-reading">0 (2024-Q3: 1)</p>'
  # the SVG's title: every period's figures
  has $page '<title>Yearly loss: 2024-Q3 Now USD 4.0K, Planned USD 2.0K; 2024-Q4 Now USD 8.0K, Planned USD 4.0K; 2025-Q1 Now USD 12K, Planned USD 6.0K; 2025-Q2 Now USD 16K, Planned USD 8.0K; 2025-Q3 Now USD 10K, Planned USD 10K; 2025-Q4 Now USD 12K, Planned USD 12K</title>'
  has $page '<title>Error budget used: 2024-Q3 45.7%; 2024-Q4 45.7%; 2025-Q1 45.7%; 2025-Q2 45.7%; 2025-Q3 22.8%; 2025-Q4 22.8%</title>'
  has $page '<title>Decisions needed: 2024-Q3 1; 2024-Q4 1; 2025-Q1 1; 2025-Q2 1; 2025-Q3 0; 2025-Q4 0</title>'
  # a dot's tooltip, and the axis of the loss: 0 to 20K by 5K
  has $page '<title>2025-Q2: Now USD 16K</title>'
  has $page '>USD 20K</text>'
done
for page in report-ja slides-ja; do
  has $page '<p class="trend-reading">現状 USD 12K · 計画後 USD 12K (2024-Q3: USD 4.0K · USD 2.0K)</p>'
  has $page '<p class="trend-reading">カバレッジ 25% · 検証済み 0% (2024-Q3: 0% · 0%)</p>'
  has $page '<h3 class="trend-title">エラーバジェット消費率</h3>'
done
has report-en '<a href="#trend">Trend</a>'
check "a reading breaks only between its figures" grep -qF \
  '<p class="trend-reading"><span class="figure-run">Now USD 12K</span> · <span class="figure-run">Planned USD 12K</span> <span class="trend-since"><span class="figure-run">(2024-Q3: USD 4.0K</span> · <span class="figure-run">USD 2.0K)</span></span></p>' \
  "$WORK/report-en.html"
has report-ja '<a href="#trend">推移</a>'
check "report: the Trend section after the summary, before the decisions" sh -c \
  'grep -o "id=\"summary\"\|id=\"trend\"\|id=\"decisions\"" "$1" | tr "\n" " " | grep -qx "id=\"summary\" id=\"trend\" id=\"decisions\" "' \
  sh "$WORK/report-en.html"
check "slides: one Trend slide, the third (after the key figures)" sh -c \
  'test "$(grep -o "<section class=\"slide [a-z-]*\"" "$1" | sed -n 3p)" = "<section class=\"slide slide-trend\"" &&
   test "$(grep -c "slide-trend\"" "$1")" = 1' sh "$WORK/slides-en.html"
check "slides: the Trend slide is headed 推移" grep -qF '<h2>推移</h2>' "$WORK/slides-ja.html"

# several plans: the Trend of the one with a history (Alpha), none for Beta
sed 's/"Alpha"/"Beta"/' "$PLAN" >"$WORK/beta.yaml"
render portfolio-report "$PLAN" "$WORK/beta.yaml" --history "$F/archive"
render portfolio-slides "$PLAN" "$WORK/beta.yaml" --history "$F/archive" --layout slides
check "portfolio: one Trend section, Alpha's, in its contents" sh -c \
  'test "$(grep -o "<section class=\"view trend\" id=\"[a-z0-9-]*\"" "$1")" = "<section class=\"view trend\" id=\"svc-1-trend\"" &&
   grep -qF "<a href=\"#svc-1-trend\">Trend</a>" "$1"' sh "$WORK/portfolio-report.html"
check "portfolio: one Trend slide" test "$(grep -c 'slide-trend"' "$WORK/portfolio-slides.html")" = 1

# no Trend without --history, and none with an archive of no earlier period
render plain-report "$PLAN"
render plain-slides "$PLAN" --layout slides
mkdir -p "$WORK/others"
sed 's/"Alpha"/"Beta"/' "$F/plans/2025-Q3.yaml" >"$WORK/others/beta.yaml"
run "$BADDAY" archive --dir "$WORK/only-beta" "$WORK/others/beta.yaml"
expect_rc "an archive of another service" 0
render beta-report "$PLAN" --history "$WORK/only-beta"
render beta-slides "$PLAN" --history "$WORK/only-beta" --layout slides
run "$BADDAY" archive --dir "$WORK/only-self" "$PLAN"
expect_rc "an archive of this report's own period only" 0
render self-report "$PLAN" --history "$WORK/only-self"
for page in plain-report plain-slides beta-report beta-slides self-report; do
  check "$page: no Trend (nor its CSS)" sh -c '! grep -q "trend" "$1"' sh "$WORK/$page.html"
done
check "the same page with an archive of no earlier period as without --history" \
  cmp "$WORK/plain-slides.html" "$WORK/beta-slides.html"

# a long history: 20 quarters (2021-Q1 .. 2025-Q4) of a plan without an
# SLO (so three panels side by side), this report the last
L="$WORK/long"
mkdir -p "$L"
n=0
for y in 2021 2022 2023 2024 2025; do
  for q in 1 2 3 4; do
    n=$((n + 1))
    sed "/^slo:/d; s/SERVICE/Alpha/; s/PERIOD/$y-Q$q/; s/AS_OF/$y-$(printf %02d $((q * 3)))-15/; s/RATE/$((100 * n))/; s/STATUS/planned/" \
      "$TOP_SRCDIR/tests/history/service.yaml" >"$L/$y-Q$q.yaml"
    if [ "$n" -lt 20 ]; then "$BADDAY" archive --dir "$L/archive" "$L/$y-Q$q.yaml" >/dev/null 2>&1 || break; fi
  done
done
check "long: 19 quarters archived" test "$(jq '.periods | length' "$L/archive/index.json")" = 19
render long-report-en "$L/2025-Q4.yaml" --history "$L/archive"
render long-report-ja "$L/2025-Q4.yaml" --history "$L/archive" --lang ja
render long-slides-en "$L/2025-Q4.yaml" --history "$L/archive" --layout slides
render long-slides-ja "$L/2025-Q4.yaml" --history "$L/archive" --layout slides --lang ja
check "long: 20 periods, three panels in a row" sh -c \
  'grep -q "trend-grid cols-3" "$1" && test "$(grep -o "<figure class=\"trend-panel\"" "$1" | wc -l)" = 3 &&
   grep -qF "2021-Q1 Now USD 400, Planned USD 200; 2021-Q2" "$1" && grep -qF "; 2025-Q4 Now USD 8.0K, Planned USD 4.0K</title>" "$1"' \
  sh "$WORK/long-report-en.html"
check "long: 3 to 8 period labels a panel, the first and the last among them" sh -c \
  'for f; do grep -o "trend-period[^>]*>[^<]*<" "$f" | sed "s/.*>//; s/<//" |
     awk "/^2021-Q1\$/ { if (n) exit 1; n = 1; next } /^2025-Q4\$/ { if (n < 2 || n > 7) exit 1; n = 0; p++; next }
          { if (!n) exit 1; n++ } END { exit !(p == 3 && n == 0) }" || exit 1; done' \
  sh "$WORK/long-report-en.html" "$WORK/long-slides-ja.html"

# one Chromium: console, panels, labels, the slide
"$PY" "$TREND" "$CHROMIUM" "$WORK/report-en.html" "$WORK/report-ja.html" "$WORK/slides-en.html" \
  "$WORK/slides-ja.html" "$WORK/long-report-en.html:3" "$WORK/long-report-ja.html:3" \
  "$WORK/long-slides-en.html:3" "$WORK/long-slides-ja.html:3" "$WORK/portfolio-report.html" \
  "$WORK/portfolio-slides.html" >"$WORK/trend.out" 2>&1
cat "$WORK/trend.out"
PASSED=$((PASSED + $(grep -c '^ok - ' "$WORK/trend.out")))
FAILED=$((FAILED + $(grep -c '^not ok - ' "$WORK/trend.out")))
grep -q '^ok - \|^not ok - ' "$WORK/trend.out" || fail "trend.py ran Chromium"
[ -n "${BADDAY_SCREENSHOTS:-}" ] && echo "# screenshots in $SHOTS"

finish
