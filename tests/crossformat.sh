#!/bin/sh
# One fact, one value, every format: renders every plan of tests/valid and
# tests/meeting (each in its own language, the two meeting plans in the
# other one too) and the tests/quarters portfolio with --compare, in json,
# every csv table, html report and slides, pdf report and slides and the
# chart plugin's svg views; reads the results back (the HTML's DOM after
# Chromium ran its scripts, the PDFs through pdftotext -bbox-layout, the CSV
# cells, the SVGs' text) and checks with tests/crossformat.py that every
# figure and status word shown is the JSON's value formatted by the display
# rules (tests/crossformat_rules.py) and labelled from the catalogue.  One
# TAP line per fixture, format and view, each disagreement spelled out.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/html/browser.sh"
cd "$WORK" || exit 99
for tool in pdftotext pdftocairo; do
  command -v $tool >/dev/null || { echo "not ok - $tool is needed (poppler-utils)"; exit 1; }
done
CHECK="$TOP_SRCDIR/tests/crossformat.py"
PYTHONDONTWRITEBYTECODE=1; export PYTHONDONTWRITEBYTECODE  # the source tree stays clean
CATALOGUE="$TOP_SRCDIR/templates/messages.tsv"
Q="$TOP_SRCDIR/tests/quarters"

# The oracle first: the display rules' own examples.
if "$PY" "$CHECK" --self-check >"$WORK/self.out" 2>&1; then PASSED=$((PASSED + 1)); else
  FAILED=$((FAILED + 1)); fi
cat "$WORK/self.out"

# render NAME LANG PLAN... [--compare OLD]: every format of one case into
# $WORK/NAME/, the HTML's DOM queued for Chromium.
render() {
  name=$1 lang=$2
  shift 2
  dir="$WORK/$name"
  mkdir -p "$dir"
  ok=yes
  r() { "$BADDAY" render "$@" --lang "$lang" 2>>"$dir/err" || ok=no; }
  r "$@" -o "$dir/report.json"
  for table in matrix measures services; do r "$@" -o "$dir/$table.csv" -O table=$table; done
  case "$*" in *--compare*) r "$@" -o "$dir/changes.csv" -O table=changes ;; esac
  r "$@" -o "$dir/report.html"
  r "$@" -o "$dir/slides.html" --layout slides
  r "$@" -o "$dir/report.pdf"
  r "$@" -o "$dir/slides.pdf" --layout slides
  # the chart plugin draws one plan at a time: each plan of a portfolio
  # on its own (its figures are the portfolio JSON's service's)
  n=0
  for plan in "$@"; do
    case "$plan" in --compare) break ;; esac
    n=$((n + 1))
    [ $# -gt 1 ] && suffix=-$n || suffix=
    for view in matrix tree heatmap; do r "$plan" -o "$dir/$view$suffix.svg" -O view=$view; done
  done
  if [ $ok = yes ]; then pass "$name: rendered in every format"; else
    fail "$name: rendering failed"; sed 's/^/  /' "$dir/err" | head -5; fi
  for layout in report slides; do
    pdftotext -bbox-layout "$dir/$layout.pdf" "$dir/$layout.bbox.html"
    echo "$dir/$layout" >>"$WORK/dom.queue"
  done
  # the outlines of the report's glyphs, to read the charts' text by
  pdftocairo -svg "$dir/report.pdf" "$dir/report.ref.svg"
  echo "$name $lang" >>"$WORK/cases"
}

for plan in "$TOP_SRCDIR"/tests/valid/*.yaml; do
  base=$(basename "$plan" .yaml)
  case "$base" in japanese) lang=ja ;; *) lang=en ;; esac
  render "$base-$lang" $lang "$plan"
done
render checkout-en-en en "$TOP_SRCDIR/tests/meeting/checkout-en.yaml"
render checkout-en-ja ja "$TOP_SRCDIR/tests/meeting/checkout-en.yaml"
render shinsa-ja-ja ja "$TOP_SRCDIR/tests/meeting/shinsa-ja.yaml"
render shinsa-ja-en en "$TOP_SRCDIR/tests/meeting/shinsa-ja.yaml"
render portfolio-Q3-en en "$Q/payments-2026-Q3.yaml" "$Q/search-2026-Q3.yaml" \
  --compare "$Q/payments-2026-Q2.yaml"

# The DOM after the page's scripts ran, two Chromiums at a time (the
# machine has two cores); a page Chromium cannot open is a failure.
dump() {
  chrome --dump-dom "file://$1.html" >"$1.dom.html" 2>/dev/null && [ -s "$1.dom.html" ]
}
set -- $(cat "$WORK/dom.queue")
while [ $# -gt 0 ]; do
  dump "$1" &
  first=$!
  second=
  if [ $# -gt 1 ]; then dump "$2" & second=$!; fi
  wait $first || fail "$1.html: Chromium gave no DOM"
  [ -z "$second" ] || wait $second || fail "$2.html: Chromium gave no DOM"
  shift; [ $# -gt 0 ] && shift
done

while read -r name lang; do
  "$PY" "$CHECK" "$CATALOGUE" "$WORK/$name" "$name" "$lang" >"$WORK/check.out" 2>&1
  cat "$WORK/check.out"
  PASSED=$((PASSED + $(grep -c '^ok ' "$WORK/check.out")))
  FAILED=$((FAILED + $(grep -c '^not ok ' "$WORK/check.out")))
  grep -q '^Traceback' "$WORK/check.out" && fail "$name: the checker crashed"
done <"$WORK/cases"
finish
