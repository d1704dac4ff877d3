#!/bin/sh
# One slide plan for every deck writer (plugins/deck): for every plan of
# tests/meeting and tests/valid, in English and in Japanese, the HTML deck
# (its headings as Chromium renders them, tests/html/headings.py) and the
# PDF deck (its headings from the words of each page, pdftotext
# -bbox-layout) have the same number of slides with the same headings in
# the same order; so has a portfolio deck with --compare.  Headings are
# compared without white space (a PDF heading that wraps puts its lines
# one after the other).
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/html/browser.sh"
for tool in pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || { echo "not ok - $tool is not installed"; exit 1; }
done
WORDS="$TOP_SRCDIR/tests/pdfwords.py"
MEETING="$TOP_SRCDIR/tests/meeting"
QUARTERS="$TOP_SRCDIR/tests/quarters"

NAMES=""
# decks NAME ARGS...: renders the slides of ARGS as $WORK/NAME.html and .pdf.
decks() {
  name=$1
  shift
  run "$BADDAY" render "$@" -f html --layout slides -o "$WORK/$name.html"
  expect_rc "$name: the html deck renders" 0
  run "$BADDAY" render "$@" -f pdf --layout slides -o "$WORK/$name.pdf"
  expect_rc "$name: the pdf deck renders" 0
  NAMES="$NAMES $name"
}

for plan in "$VALID"/*.yaml "$MEETING"/*.yaml; do
  base=$(basename "$plan" .yaml)
  decks "$base-en" "$plan"
  decks "$base-ja" "$plan" --lang ja
done
decks portfolio-ja "$QUARTERS"/*-2026-Q3.yaml --compare "$QUARTERS/payments-2026-Q2.yaml" --lang ja

# every html deck in one Chromium: "# PATH", then a heading a line
pages=""
for name in $NAMES; do pages="$pages $WORK/$name.html"; done
# shellcheck disable=SC2086 # paths without spaces
if ! "$PY" "$TOP_SRCDIR/tests/html/headings.py" "$CHROMIUM" $pages >"$WORK/html-headings" 2>"$WORK/err"; then
  fail "Chromium read the headings"; sed 's/^/  /' "$WORK/err" | head -5
fi
for name in $NAMES; do
  awk -v want="# $WORK/$name.html" '$0 == want { on = 1; next } /^# / { on = 0 } on' \
    "$WORK/html-headings" | tr -d ' \t' >"$WORK/$name.html.txt"
  python3 "$WORDS" headings "$WORK/$name.pdf" | tr -d ' \t' >"$WORK/$name.pdf.txt"
  h=$(wc -l <"$WORK/$name.html.txt") p=$(wc -l <"$WORK/$name.pdf.txt")
  if [ "$h" -gt 2 ] && cmp -s "$WORK/$name.html.txt" "$WORK/$name.pdf.txt"; then
    pass "$name: html and pdf decks have the same $h slides, headings and order"
  else
    fail "$name: html deck $h slides, pdf deck $p"
    diff "$WORK/$name.html.txt" "$WORK/$name.pdf.txt" | head -8 | sed 's/^/  /'
  fi
done

finish
