#!/bin/sh
# The HTML slide decks fit their slides, measured in headless Chromium:
# every plan of tests/valid and tests/meeting in its own language and in
# the other one, and the portfolio with --compare, at 1280x720, 1366x768
# and 1920x1080.  On every slide every element lies inside the slide and
# above the footer, no cell or heading is clipped, no text is cut with
# "..."; no matrix slide ends on a group header, the Total row is there, a
# heatmap of up to 40 scenarios is one slide (the long plans cut to 40
# scenarios: in side-by-side panels), a plan with a history has its Trend
# slide, and the two meeting plans
# take at most 12 slides (tests/html/fit.py does the measuring, one
# Chromium per window size).
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/html/browser.sh"
FIT="$TOP_SRCDIR/tests/html/fit.py"
MEETING="$TOP_SRCDIR/tests/meeting"
QUARTERS="$TOP_SRCDIR/tests/quarters"

PAGES=""
# deck NAME LIMIT ARGS...: renders the slides of ARGS to $WORK/NAME.html;
# LIMIT is the most slides allowed ("" for no limit).
deck() {
  name=$1 limit=$2
  shift 2
  run "$BADDAY" render "$@" -f html --layout slides -o "$WORK/$name.html"
  expect_rc "$name renders" 0
  PAGES="$PAGES $WORK/$name.html${limit:+:$limit}"
}

for plan in "$VALID"/*.yaml; do
  base=$(basename "$plan" .yaml)
  deck "$base-en" "" "$plan"
  deck "$base-ja" "" "$plan" --lang ja
done
deck checkout-en 12 "$MEETING/checkout-en.yaml"
deck checkout-en-ja 12 "$MEETING/checkout-en.yaml" --lang ja
deck shinsa-ja 12 "$MEETING/shinsa-ja.yaml" --lang ja
deck shinsa-ja-en 12 "$MEETING/shinsa-ja.yaml"
deck long-en "" "$MEETING/long-en.yaml"
# a plan with ranges: the exceedance curve's slide, decisions with their confidence
deck ranges-en 12 "$TOP_SRCDIR/tests/valid/ranges.yaml"
deck ranges-ja 12 "$TOP_SRCDIR/tests/valid/ranges.yaml" --lang ja
deck long-en-ja "" "$MEETING/long-en.yaml" --lang ja
deck long-ja "" "$MEETING/long-ja.yaml" --lang ja
deck long-ja-en "" "$MEETING/long-ja.yaml"
# 40 scenarios with long titles over 4 losses and 10 failure types (the
# long plans' first 40): too many for dense rows, so the heatmap takes
# side-by-side panels of one-line rows, and must be one slide.
for lang in en ja; do
  awk '/^scenarios:/ { s = 1 } s && /^  - id:/ && ++n > 40 { exit } { print }' \
    "$MEETING/long-$lang.yaml" >"$WORK/forty-$lang.yaml"
  deck "forty-$lang" "" "$WORK/forty-$lang.yaml" --lang "$lang"
  deck "forty-$lang-other" "" "$WORK/forty-$lang.yaml" --lang "$([ "$lang" = en ] && echo ja || echo en)"
done
for name in forty-en forty-ja forty-en-other forty-ja-other; do
  check "$name: the heatmap is drawn in panels" grep -q 'class="data heatmap panel"' "$WORK/$name.html"
done
# a plan with a history (--history): the Trend slide's panels
sh "$TOP_SRCDIR/tests/history/make-archive.sh" "$WORK/history" >/dev/null 2>&1 || fail "history fixture"
deck trend-en 12 "$WORK/history/plans/2025-Q4.yaml" --history "$WORK/history/archive"
deck trend-ja 12 "$WORK/history/plans/2025-Q4.yaml" --history "$WORK/history/archive" --lang ja
deck portfolio "" "$QUARTERS"/*-2026-Q3.yaml --compare "$QUARTERS/payments-2026-Q2.yaml"
deck portfolio-ja "" "$QUARTERS"/*-2026-Q3.yaml --compare "$QUARTERS/payments-2026-Q2.yaml" \
  --lang ja

for size in 1280x720 1366x768 1920x1080; do
  # shellcheck disable=SC2086 # PAGES is a list of paths without spaces
  "$PY" "$FIT" "$CHROMIUM" "$size" $PAGES >"$WORK/fit.out" 2>&1
  cat "$WORK/fit.out"
  PASSED=$((PASSED + $(grep -c '^ok - ' "$WORK/fit.out")))
  FAILED=$((FAILED + $(grep -c '^not ok - ' "$WORK/fit.out")))
  grep -q '^ok - \|^not ok - ' "$WORK/fit.out" || fail "fit.py ran at $size"
done

finish
