#!/bin/sh
# tests/views.sh - the proven state and the ranges in every view (issue 14,
# items 1 and 4): the figures beside the current ones, hand-computed from
# tests/valid/waivers.yaml (proven) and checked against the JSON of
# tests/valid/ranges.yaml (ranges) through tests/views.py.
. "${TOP_SRCDIR:?}/tests/lib.sh"
VIEWS="$TOP_SRCDIR/tests/views.py"
W="$VALID/waivers.yaml"

# --- the proven state ---------------------------------------------------------
# waivers.yaml (see its comment): psp-down's alarm is implemented but no test
# verifies it, so proven = baseline 4 x (30m + 2h) x 6000 = 60000 against
# current 50000; ledger-slow has no implemented measure: 7000 in both.  The
# plan: current 57000, proven 67000, resting on untested measures 10000.
run "$BADDAY" render "$W" -f html -o "$WORK/w.html"
expect_rc "report renders" 0
check "key figures: proven and the untested difference (compact)" \
  grep -qF 'Proven by tests: EUR 67K · Resting on untested measures: EUR 10K' "$WORK/w.html"
check "matrix: psp-down's yearly loss has 'proven 60,000' under it" \
  grep -qF '<div class="cell-sub proven">proven 60,000</div>' "$WORK/w.html"
check "matrix: the total row has 'proven 67,000'" \
  grep -qF '<div class="cell-sub proven">proven 67,000</div>' "$WORK/w.html"
check "matrix and total: exactly two proven lines (ledger-slow has none)" \
  test "$(grep -o 'cell-sub proven' "$WORK/w.html" | wc -l)" -eq 2
check "tree: psp-down's box reads 'proven EUR 60K'" \
  grep -qF '<text class="t2 proven" y="46.25">proven EUR 60K</text>' "$WORK/w.html"
run "$BADDAY" render "$W" -f html --layout slides -o "$WORK/ws.html"
check "slides: key figures with proven and the difference" \
  grep -qF 'Proven by tests: EUR 67K · Resting on untested measures: EUR 10K' "$WORK/ws.html"
check "slides: the matrix's compact proven line" \
  grep -qF '<div class="cell-sub proven">proven 60K</div>' "$WORK/ws.html"
check "slides: the summary tree's figures line" grep -qF '· proven EUR 60K' "$WORK/ws.html"
run "$BADDAY" render "$W" -f pdf -o "$WORK/w.pdf"
pdftotext "$WORK/w.pdf" - | tr -s ' \n' '  ' >"$WORK/w.txt" # a card's note wraps
check "pdf: key figures with proven" grep -qF 'Proven by tests: EUR 67,000' "$WORK/w.txt"
check "pdf: the untested difference" grep -qF 'Resting on untested measures: EUR 10,000' "$WORK/w.txt"
check "pdf: matrix and tree show proven 60K" test "$(grep -o 'proven 60K' "$WORK/w.txt" | wc -l)" -ge 2
run "$BADDAY" render "$W" -f pdf --layout slides -o "$WORK/ws.pdf"
pdftotext "$WORK/ws.pdf" - | tr -s ' \n' '  ' >"$WORK/ws.txt"
check "pdf slides: the untested difference, worded short" grep -qF 'On untested measures: EUR 10K' "$WORK/ws.txt"
run "$BADDAY" render "$W" -f html --lang ja -o "$WORK/wja.html"
check "ja: 実証済み in the matrix" grep -qF '<div class="cell-sub proven">実証済み 60,000</div>' "$WORK/wja.html"
# the portfolio of waivers.yaml and a copy under another name: proven
# 2 x 67000 = 134000 against 2 x 57000 = 114000 now, 20000 resting on
# untested measures, in the JSON and on every format's key figures
sed 's/^service: .*/service: "Payments copy"/' "$W" >"$WORK/w2.yaml"
run "$BADDAY" render "$W" "$WORK/w2.yaml" -f json -o "$WORK/wp.json"
expect_rc "portfolio: json renders" 0
check "portfolio json: eal_proven is the sum of the plans' proven totals" \
  jq -e '.portfolio.eal_proven == 134000 and .portfolio.eal.current == 114000' "$WORK/wp.json"
run "$BADDAY" render "$W" "$WORK/w2.yaml" -f html -o "$WORK/wp.html"
check "portfolio html: proven and the untested difference" \
  grep -qF 'Proven by tests: EUR 134,000 · Resting on untested measures: EUR 20,000' "$WORK/wp.html"
run "$BADDAY" render "$W" "$WORK/w2.yaml" -f pdf -o "$WORK/wp.pdf"
pdftotext -f 2 -l 2 "$WORK/wp.pdf" - | tr -s ' \n' '  ' >"$WORK/wp.txt"
check "portfolio pdf: proven" grep -qF 'Proven by tests: EUR 134,000' "$WORK/wp.txt"
check "portfolio pdf: the untested difference" grep -qF 'Resting on untested measures: EUR 20,000' "$WORK/wp.txt"
run "$BADDAY" render "$W" "$WORK/w2.yaml" -f pdf --layout slides -o "$WORK/wps.pdf"
pdftotext -f 2 -l 2 "$WORK/wps.pdf" - | tr -s ' \n' '  ' >"$WORK/wps.txt"
check "portfolio pdf slides: proven, the difference worded short" \
  grep -qF 'Proven by tests: EUR 134,000 On untested measures: EUR 20,000' "$WORK/wps.txt"
run "$BADDAY" render "$W" "$WORK/w2.yaml" -f pptx -o "$WORK/wp.pptx"
unzip -p "$WORK/wp.pptx" ppt/slides/slide2.xml | sed 's/<[^>]*>/ /g' | tr -s ' ' >"$WORK/wpx.txt"
check "portfolio pptx: proven and the difference on the key figures" \
  sh -c 'grep -qF "Proven by tests: EUR 134,000" "$1" && grep -qF "On untested measures: EUR 20,000" "$1"' sh "$WORK/wpx.txt"

# a test reads its own verification wherever it is listed: the drill in
# checkout-slo.yaml that passed on 2025-01-05, within stale_after of as_of
# 2025-01-29, is verified in the tree
# and the measure list
run "$BADDAY" render "$VALID/checkout-slo.yaml" -f html -o "$WORK/c.html"
check "a passed drill reads Verified in its tree box" \
  grep -qF 'Testing · Implemented · Verified' "$WORK/c.html"
run "$BADDAY" render "$VALID/checkout-slo.yaml" -f csv -O table=measures -o "$WORK/c.csv"
check "and in the measure list" grep -q '^card-network-down,old-test,Manual fallback check,testing,implemented,0,0,0,verified,2025-01-05,pass' "$WORK/c.csv"

# --- a point plan has no range, no confidence, no curve ------------------------
check "no range column, confidence or curve without ranges" \
  sh -c "! grep -q 'class=\"[^\"]*\\(col-range\\|confidence\\|exceedance-reading\\)' '$WORK/w.html'"
run "$BADDAY" render "$W" -f svg -O view=exceedance -o "$WORK/none.svg"
expect_rc "chart: view=exceedance of a plan without ranges fails (a plugin error)" 3
expect_err "and says why" "the plan has no ranges, so there is no simulation and no exceedance curve"

# --- ranges ------------------------------------------------------------------
R="$TOP_SRCDIR/tests/valid/ranges.yaml"
run "$BADDAY" render "$R" -f json -o "$WORK/r.json"
expect_rc "ranges: json renders" 0
run "$BADDAY" render "$R" -f html -o "$WORK/r.html"
expect_rc "ranges: report renders" 0
check "the 90% range column equals the JSON's p5 and p95" python3 "$VIEWS" range-html "$WORK/r.html" "$WORK/r.json"
check "each decision's confidence reads the JSON's pays_off; uncertain exactly under 60%" \
  python3 "$VIEWS" confidence-html "$WORK/r.html" "$WORK/r.json"
check "the reading: 1 year in 10 from the JSON's curve" python3 "$VIEWS" reading-html "$WORK/r.html" "$WORK/r.json"
check "the report's curve is non-increasing" python3 "$VIEWS" curve-html "$WORK/r.html"
run "$BADDAY" render "$R" -f html --layout slides -o "$WORK/rs.html"
check "slides: the curve's slide" grep -qF 'slide slide-exceedance' "$WORK/rs.html"
check "slides: the confidence lines" python3 "$VIEWS" confidence-pdf "$WORK/rs.html" "$WORK/r.json"
run "$BADDAY" render "$R" -f pdf --layout slides -o "$WORK/rs.pdf"
expect_rc "ranges: pdf slides render" 0
# slide 3 is the curve's: its running head (first line) is its own heading,
# and the key figures' slide keeps "Key figures"
check "pdf slides: the curve's slide has its own running head" \
  test "$(pdftotext -f 3 -l 3 "$WORK/rs.pdf" - | head -1)" = "How bad a year can get"
check "pdf slides: the key figures' running head after it is unchanged" \
  test "$(pdftotext -f 2 -l 2 "$WORK/rs.pdf" - | head -1)" = "Key figures"
run "$BADDAY" render "$R" -f svg -O view=exceedance -o "$WORK/r.svg"
expect_rc "chart: view=exceedance renders" 0
check "chart: the current curve is non-increasing" python3 "$VIEWS" curve-svg "$WORK/r.svg"
run "$BADDAY" render "$R" -f png -O view=exceedance -O scale=1 -o "$WORK/r.png"
expect_rc "chart: view=exceedance as PNG" 0
run "$BADDAY" render "$R" -f pdf -o "$WORK/r.pdf"
pdftotext "$WORK/r.pdf" "$WORK/r.txt"
check "pdf: the confidence lines" python3 "$VIEWS" confidence-pdf "$WORK/r.txt" "$WORK/r.json"
check "pdf: the reading" grep -qF '1 year in 10, the yearly loss exceeds JPY' "$WORK/r.txt"
check "pdf: the range column" grep -qF '90% range' "$WORK/r.txt"
run "$BADDAY" render "$R" -f pdf --lang ja -o "$WORK/rja.pdf"
pdftotext "$WORK/rja.pdf" "$WORK/rja.txt"
check "ja pdf: the reading in Japanese" grep -qF '10年に1度は年間損失が' "$WORK/rja.txt"
check "ja pdf: the confidence in Japanese" grep -qF 'シミュレーションした年の' "$WORK/rja.txt"
finish
