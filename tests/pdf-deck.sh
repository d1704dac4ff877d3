#!/bin/sh
# The PDF deck sized for a meeting, and Japanese that never breaks inside
# a word.  The slides of the two meeting plans (tests/meeting): how many
# there are (title, key figures, decisions, loss matrix, the summary trees,
# one heatmap slide; the slide plan of plugins/deck cuts them, as it does
# the HTML deck's), the heatmap on one slide with every
# scenario, the summary trees (measures as chips, not boxes), every word
# inside its slide and above the footer (pdftotext -bbox-layout), also for
# generated plans of 40 and 60 scenarios, and with --history (the Trend
# slide); Japanese labels never split over
# two lines in the reports and slides, no word joiner in the extracted text,
# and byte-identical renders.
. "$TOP_SRCDIR/tests/lib.sh"

for tool in pdfinfo pdftotext python3 jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "not ok - $tool is not installed"; exit 1; }
done
MEETING="$TOP_SRCDIR/tests/meeting"
WORDS="$TOP_SRCDIR/tests/pdfwords.py"

# deck NAME PLAN OUT ARGS...: renders the slides of PLAN to OUT.
deck() {
  name=$1 plan=$2 out=$3
  shift 3
  run "$BADDAY" render "$plan" -f pdf --layout slides -o "$out" "$@"
  expect_rc "$name renders" 0
}

# page_count PDF: its number of pages.
page_count() {
  pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'
}

# slide_count NAME PDF WANT: the deck has WANT slides (and at most 12).
slide_count() {
  n=$(page_count "$2")
  if [ "${n:-0}" -eq "$3" ] && [ "$3" -le 12 ]; then pass "$1: $n slides"; else
    fail "$1: ${n:-no} slides, designed $3 (at most 12)"; fi
}

# in_bounds NAME PDF: every word inside its page, above the footer.
in_bounds() {
  if python3 "$WORDS" bounds "$2" >"$WORK/bounds"; then pass "$1: every word inside its slide"; else
    fail "$1: words outside"; head -5 "$WORK/bounds" | sed 's/^/  /'; fi
}

# heatmap_on_one NAME PDF PLAN HEADING: HEADING is on one slide, which has
# every scenario id of PLAN.
heatmap_on_one() {
  pages=$(python3 "$WORDS" pages "$2" "$4" | tr '\n' ' ')
  set -- "$1" "$2" "$3" "$4" $pages
  if [ $# -ne 5 ]; then fail "$1: the heatmap on slides $pages"; return; fi
  python3 "$WORDS" words "$2" "$5" >"$WORK/heatmap-words"
  "$BADDAY" render "$3" -f json -o - 2>/dev/null | jq -r '.scenarios[].id' >"$WORK/ids"
  missing=$(grep -cvxFf "$WORK/heatmap-words" "$WORK/ids")
  total=$(wc -l <"$WORK/ids")
  if [ "$missing" -eq 0 ] && [ "$total" -gt 0 ]; then pass "$1: the heatmap on slide $5 with all $total scenarios"; else
    fail "$1: $missing of $total scenario ids missing from the heatmap slide $5"; fi
}

# --- the meeting plans ------------------------------------------------------
# The slide plan (plugins/deck) cuts both decks.  checkout-en: title, key
# figures, decisions (2: 9 rows, 8 fit), the loss matrix (3: a scenario
# whose proven yearly loss differs has it under its total), the trees of
# the three business losses (4: the first takes two), the heatmap (1).
EN="$WORK/checkout-en.pdf"
deck "checkout-en" "$MEETING/checkout-en.yaml" "$EN"
slide_count "checkout-en" "$EN" 12
in_bounds "checkout-en" "$EN"
heatmap_on_one "checkout-en" "$EN" "$MEETING/checkout-en.yaml" "Coverage heatmap"
trees=$(python3 "$WORDS" pages "$EN" "Scenario tree" | wc -l)
check "checkout-en: the trees of three business losses on 4 slides ($trees)" [ "$trees" -eq 4 ]
# The summary tree: no measure's title; the chips' key instead.
pdftotext "$EN" "$WORK/en.txt"
check "checkout-en: no measure box on the tree slides" sh -c "! grep -q 'Decline-rate anomaly alarm per card network' '$WORK/en.txt'"
check "checkout-en: the key to the measure chips" grep -q "D Detective" "$WORK/en.txt"
# shinsa-ja: the same slides; its decisions (12) take 2, its matrix 3, its
# three trees one slide each.
# a plan with ranges: the exceedance curve's slide after the key figures,
# decisions with their confidence lines, every word inside its slide
for lang in en ja; do
  deck "ranges-$lang" "$TOP_SRCDIR/tests/valid/ranges.yaml" "$WORK/ranges-$lang.pdf" --lang "$lang"
  in_bounds "ranges-$lang" "$WORK/ranges-$lang.pdf"
done
# --history: the Trend slide after the key figures (tests/trend-pdf.sh
# checks what it shows): title, key figures, trend, What changed since
# 2025-Q3 (2), decisions, loss matrix, the tree, the heatmap
BADDAY="$BADDAY" sh "$TOP_SRCDIR/tests/history/make-archive.sh" "$WORK/history" >/dev/null
deck "history" "$WORK/history/plans/2025-Q4.yaml" "$WORK/history.pdf" --history "$WORK/history/archive"
slide_count "history" "$WORK/history.pdf" 9
check "history: no page count other than the plan's" sh -c "! grep -q 'its plan' '$WORK/err'"
in_bounds "history" "$WORK/history.pdf"
JA="$WORK/shinsa-ja.pdf"
deck "shinsa-ja" "$MEETING/shinsa-ja.yaml" "$JA" --lang ja
slide_count "shinsa-ja" "$JA" 11
in_bounds "shinsa-ja" "$JA"
heatmap_on_one "shinsa-ja" "$JA" "$MEETING/shinsa-ja.yaml" "対策カバレッジ"
deck "checkout-en again" "$MEETING/checkout-en.yaml" "$WORK/again.pdf"
check "checkout-en: renders are byte-identical" cmp -s "$EN" "$WORK/again.pdf"

# --- generated plans: 40 scenarios (the heatmap's one slide), 60 -----------
# meeting_plan N LANG: a plan of N scenarios over 3 losses and 6 failure
# types, each scenario with 2 to 4 measures; titles in English or Japanese.
meeting_plan() {
  awk -v n="$1" -v lang="$2" 'BEGIN {
    ja = lang == "ja"
    print "badday: 1\nservice: " (ja ? "決済プラットフォーム" : "Payments platform") "\nas_of: 2026-09-30\ncurrency: USD\nslo: 99.95"
    print "losses:"
    for (l = 0; l < 3; l++) printf "  - id: loss-%d\n    title: %s %d\n    per_hour: {revenue: %d}\n", l, ja ? "お客さまが決済できない状態が続く" : "Customers cannot pay for a long while", l, 10000 * (l + 1)
    print "failures:"
    for (f = 0; f < 6; f++) printf "  - id: failure-%d\n    loss: loss-%d\n    title: %s %d\n", f, f % 3, ja ? "カード決済の承認がタイムアウトする" : "Card authorisations time out", f
    print "scenarios:"
    for (s = 0; s < n; s++) {
      printf "  - id: scenario-%02d\n    failure: failure-%d\n    title: %s %d\n    frequency: %d/year\n    recover: %dh\n    measures:\n", s, s % 6, ja ? "プラットフォームのデータベースが30日ごとに停止する" : "The platform database stops every thirty days under load", s, 1 + s % 5, 1 + s % 7
      for (m = 0; m < 2 + s % 3; m++)
        printf "      - title: %s %d\n        kind: %s\n        status: %s\n        effect: {recover: 30m}\n        cost: {yearly: %d}\n", ja ? "フェイルオーバー訓練" : "Failover drill", m, m == 0 ? "detective" : m == 1 ? "recovery" : "preventive", (s + m) % 2 ? "implemented" : "planned", 1000 * (m + 1)
    }
  }'
}
for lang in en ja; do
  meeting_plan 40 $lang >"$WORK/forty-$lang.yaml"
  deck "40 scenarios ($lang)" "$WORK/forty-$lang.yaml" "$WORK/forty-$lang.pdf" --lang $lang
  in_bounds "40 scenarios ($lang)" "$WORK/forty-$lang.pdf"
  meeting_plan 60 $lang >"$WORK/sixty-$lang.yaml"
  deck "60 scenarios ($lang)" "$WORK/sixty-$lang.yaml" "$WORK/sixty-$lang.pdf" --lang $lang
  in_bounds "60 scenarios ($lang)" "$WORK/sixty-$lang.pdf"
done
heatmap_on_one "40 scenarios (en)" "$WORK/forty-en.pdf" "$WORK/forty-en.yaml" "Coverage heatmap"
heatmap_on_one "40 scenarios (ja)" "$WORK/forty-ja.pdf" "$WORK/forty-ja.yaml" "対策カバレッジ"
heat=$(python3 "$WORDS" pages "$WORK/sixty-en.pdf" "Coverage heatmap" | wc -l)
# more than 40 scenarios: the slide plan cuts the heatmap's rows by height
check "60 scenarios: the heatmap continues on further slides ($heat)" [ "$heat" -ge 2 ]
for id in scenario-00 scenario-59; do
  check "60 scenarios: $id on a heatmap slide" sh -c "python3 '$WORDS' pages '$WORK/sixty-en.pdf' '$id' | grep -q ."
done
for f in forty-ja sixty-ja; do
  if python3 "$WORDS" split "$WORK/$f.pdf" プラットフォーム カバレッジ フェイルオーバー >"$WORK/split"; then
    pass "$f: katakana words whole"; else fail "$f: split"; head -3 "$WORK/split" | sed 's/^/  /'; fi
done

# --- a portfolio deck: the same rules per service ---------------------------
Q="$TOP_SRCDIR/tests/quarters"
deck "Japanese portfolio" "$Q/payments-2026-Q3.yaml" "$WORK/portfolio-ja.pdf" "$Q/search-2026-Q3.yaml" \
  "$MEETING/shinsa-ja.yaml" --lang ja
in_bounds "Japanese portfolio" "$WORK/portfolio-ja.pdf"
heat=$(python3 "$WORDS" pages "$WORK/portfolio-ja.pdf" "対策カバレッジ" | wc -l)
check "Japanese portfolio: one heatmap slide per service ($heat)" [ "$heat" -eq 3 ]
# The widest tables (the portfolio's, What changed) keep the 12 pt floor.
deck "portfolio with --compare" "$Q/payments-2026-Q3.yaml" "$WORK/portfolio-compare.pdf" \
  "$Q/search-2026-Q3.yaml" --compare "$Q/payments-2026-Q2.yaml"
in_bounds "portfolio with --compare" "$WORK/portfolio-compare.pdf"
for f in portfolio-compare checkout-en sixty-en; do
  small=$(python3 "$WORDS" smallest "$WORK/$f.pdf")
  check "$f: no type under 12 pt (smallest $small pt)" awk -v m="$small" 'BEGIN { exit !(m >= 11.9) }'
done

# --- Japanese never breaks inside a word ------------------------------------
LABELS="バジェット消費 予算消費 年間ダウンタイム 現在の年間損失 年間コスト カバレッジ プラットフォーム"
run "$BADDAY" render "$MEETING/shinsa-ja.yaml" -f pdf --lang ja -o "$WORK/shinsa-report.pdf"
expect_rc "shinsa-ja report renders" 0
run "$BADDAY" render "$VALID/japanese.yaml" -f pdf --lang ja -o "$WORK/japanese-report.pdf"
expect_rc "japanese report renders" 0
deck "japanese slides" "$VALID/japanese.yaml" "$WORK/japanese-slides.pdf" --lang ja
for f in shinsa-ja shinsa-report japanese-report japanese-slides portfolio-ja; do
  # shellcheck disable=SC2086
  if python3 "$WORDS" split "$WORK/$f.pdf" $LABELS >"$WORK/split"; then
    pass "$f: no label split over two lines"; else fail "$f: labels split"; head -5 "$WORK/split" | sed 's/^/  /'; fi
done
in_bounds "shinsa-ja report" "$WORK/shinsa-report.pdf"
# The owner （プラットフォーム部） on the cover, a katakana run in a long
# title on the pango path (an emoji sends it there): whole, and no word
# joiner (U+2060) in the extracted text.
sed 's/^\(    title: .*\)$/\1 🚀 プラットフォームの8,808万円と30日/' "$VALID/japanese.yaml" >"$WORK/pango-ja.yaml"
run "$BADDAY" render "$WORK/pango-ja.yaml" -f pdf --lang ja -o "$WORK/pango-ja.pdf"
expect_rc "Japanese on the pango path renders" 0
pdftotext "$WORK/pango-ja.pdf" "$WORK/pango-ja.txt"
check "pango path: no word joiner in the text" sh -c "! grep -q \"\$(printf '\\342\\201\\240')\" '$WORK/pango-ja.txt'"
check "pango path: the title's words extracted" grep -q "プラットフォームの8,808万円と30日" "$WORK/pango-ja.txt"
if python3 "$WORDS" split "$WORK/pango-ja.pdf" プラットフォーム 8,808万円 30日 >"$WORK/split"; then
  pass "pango path: katakana and numbers with counters whole"; else fail "pango path: split"; head -5 "$WORK/split" | sed 's/^/  /'; fi

finish
