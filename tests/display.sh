#!/bin/sh
# tests/display.sh - one fact, one value: the display rules of
# doc/display-rules.md as a reader sees them, in the PDF (pdftotext) and in
# the HTML (its text), for the two meeting plans: checkout-en.yaml (slo
# 99.95, USD) and shinsa-ja.yaml (slo 99.99, JPY, in Japanese).
. "$TOP_SRCDIR/tests/lib.sh"
PY=${PYTHON:-python3}
DOM="$TOP_SRCDIR/tests/html/dom.py"
EN="$TOP_SRCDIR/tests/meeting/checkout-en.yaml"
JA="$TOP_SRCDIR/tests/meeting/shinsa-ja.yaml"

# element_text FILE ID_OR_CLASS: the text of the first element whose id is,
# or whose class list holds, ID_OR_CLASS; one text run a line.
element_text() {
  "$PY" - "$1" "$2" <<'EOF'
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}

class Finder(HTMLParser):
    def __init__(self, want):
        super().__init__(convert_charrefs=True)
        self.want, self.depth, self.inside, self.runs = want, 0, None, []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.depth += 1
        a = dict(attrs)
        if self.inside is None and not self.runs and (
                a.get("id") == self.want or self.want in (a.get("class") or "").split()):
            self.inside = self.depth

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.inside == self.depth:
            self.inside = -1  # done: only the first match
        self.depth -= 1

    def handle_data(self, data):
        if self.inside is not None and self.inside > 0 and data.strip():
            self.runs.append(data.strip())

f = Finder(sys.argv[2])
f.feed(open(sys.argv[1], encoding="utf-8").read())
if not f.runs:
    sys.exit("no element '%s' with text" % sys.argv[2])
print("\n".join(f.runs))
EOF
}

# pdf_page PDF N: the text of page N.
pdf_page() { pdftotext -f "$2" -l "$2" "$1" -; }

# has TEXT_FILE STRING / lacks TEXT_FILE STRING
has() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

run "$BADDAY" render "$EN" -o "$WORK/en.pdf"
expect_rc "English PDF report" 0
run "$BADDAY" render "$EN" -o "$WORK/en-slides.pdf" --layout slides
expect_rc "English PDF slides" 0
run "$BADDAY" render "$EN" -o "$WORK/en.html"
expect_rc "English HTML report" 0
run "$BADDAY" render "$EN" -o "$WORK/en-slides.html" --layout slides
expect_rc "English HTML slides" 0
run "$BADDAY" render "$EN" -o "$WORK/en.json"
expect_rc "English JSON" 0

# --- the SLO as the plan wrote it: 99.95, never the share "100%" ---------------
pdf_page "$WORK/en.pdf" 1 >"$WORK/cover.txt"
check "PDF cover: SLO 99.95%" has "$WORK/cover.txt" "99.95%"
check "PDF cover: the SLO never reads 100%" lacks "$WORK/cover.txt" "SLO 100%"
pdf_page "$WORK/en.pdf" 2 >"$WORK/summary.txt"
check "PDF summary: SLO 99.95%" has "$WORK/summary.txt" "SLO 99.95%"
pdf_page "$WORK/en-slides.pdf" 2 | tr '\n' ' ' >"$WORK/slide2.txt" # the card's note wraps
check "PDF slide 2: (SLO 99.95%)" has "$WORK/slide2.txt" "(SLO 99.95%)"
element_text "$WORK/en.html" plan-meta >"$WORK/header.txt"
check "HTML report header: 99.95%" has "$WORK/header.txt" "99.95%"
check "HTML report header: not 100%" lacks "$WORK/header.txt" "100%"
element_text "$WORK/en-slides.html" slide-1 >"$WORK/slide1.txt"
check "HTML slide 1: 99.95%" has "$WORK/slide1.txt" "99.95%"
check "HTML slide 1: not 100%" lacks "$WORK/slide1.txt" "100%"

# --- amounts: half away from zero, USD code before them ---------------------
# The plan's current yearly loss, rounded to whole dollars, as the cover and
# the HTML tooltip show it, and compact on the slides and HTML cards.
full=$(jq -r '.totals.current.eal' "$WORK/en.json" | "$PY" -c "import sys; from decimal import Decimal, ROUND_HALF_UP; print('USD {:,}'.format(int(Decimal(sys.stdin.read().strip()).quantize(Decimal(1), ROUND_HALF_UP))))")
check "PDF cover: yearly loss $full" has "$WORK/cover.txt" "$full"
element_text "$WORK/en.html" figure-now >"$WORK/now.txt"
check "HTML card: USD and a K or M unit" grep -qE '^USD [0-9.]+[KM]$' "$WORK/now.txt"
compact=$(head -n 2 "$WORK/now.txt" | tail -n 1)
check "PDF slide 2: the same compact loss as the HTML card ($compact)" has "$WORK/slide2.txt" "$compact"

# --- a test's own verification, the same in JSON, CSV, HTML and PDF ----------
# Each implemented test reads its own run's state in the JSON ...
check "JSON: every implemented test's verification is its own run's state" jq -e \
  '[.scenarios[].measures[] | select(.kind == "testing" and .status == "implemented")
    | .verification == (if .last_run == null then "unverified" else .test_state end)] | all' \
  "$WORK/en.json"
# ... and the HTML tree and the PDF appendix say the same for each of them.
"$PY" "$DOM" text "$WORK/en.html" >"$WORK/en-html.txt"
pdftotext "$WORK/en.pdf" "$WORK/en-pdf.txt"
for state in verified stale failing; do
  n=$(jq "[.scenarios[].measures[] | select(.kind == \"testing\" and .verification == \"$state\")] | length" "$WORK/en.json")
  word=$(echo "$state" | sed 's/./\U&/')
  html_n=$(grep -cxF "Testing · Implemented · $word" "$WORK/en-html.txt")
  check "HTML tree: $n tests read $word (JSON: $n)" test "$html_n" -eq "$n"
  check "at least one test is $state in the plan" test "$n" -gt 0
done
run "$BADDAY" render "$EN" -o "$WORK/en-measures.csv" -O table=measures
expect_rc "CSV measures" 0
check "CSV: the failing drill reads failing" grep -qE ',testing,implemented,[^,]*,[^,]*,[^,]*,failing,2026-09-20,fail' "$WORK/en-measures.csv"
check "HTML tree: no test reads Unverified with a run" sh -c "! grep -q 'Testing · Implemented · Unverified Last run' '$WORK/en-html.txt'"

# --- Japanese: 円 with 万 and 億, 経過観察, SLO 99.99% -----------------------------
run "$BADDAY" render "$JA" --lang ja -o "$WORK/ja.pdf"
expect_rc "Japanese PDF report" 0
run "$BADDAY" render "$JA" --lang ja -o "$WORK/ja-slides.pdf" --layout slides
expect_rc "Japanese PDF slides" 0
run "$BADDAY" render "$JA" --lang ja -o "$WORK/ja.html"
expect_rc "Japanese HTML report" 0
run "$BADDAY" render "$JA" --lang ja -o "$WORK/ja-slides.html" --layout slides
expect_rc "Japanese HTML slides" 0
pdftotext "$WORK/ja.pdf" "$WORK/ja-pdf.txt"
pdftotext "$WORK/ja-slides.pdf" "$WORK/ja-slides.txt"
"$PY" "$DOM" text "$WORK/ja.html" >"$WORK/ja-html.txt"
"$PY" "$DOM" text "$WORK/ja-slides.html" >"$WORK/ja-slides-html.txt"
pdf_page "$WORK/ja.pdf" 1 >"$WORK/ja-cover.txt"
check "PDF cover (ja): SLO 99.99%" has "$WORK/ja-cover.txt" "99.99%"
check "PDF cover (ja): the SLO never reads 100%" lacks "$WORK/ja-cover.txt" "SLO 100%"
element_text "$WORK/ja.html" plan-meta >"$WORK/ja-header.txt"
check "HTML header (ja): 99.99%" has "$WORK/ja-header.txt" "99.99%"
element_text "$WORK/ja-slides.html" slide-1 >"$WORK/ja-slide1.txt"
check "HTML slide 1 (ja): 99.99%" has "$WORK/ja-slide1.txt" "99.99%"
# the current yearly loss, rounded half away from zero to whole yen, with
# 円 after it on the cover; compact 4.5億円 (452,334,167) on the slides
run "$BADDAY" render "$JA" -o "$WORK/ja.json"
expect_rc "Japanese JSON" 0
ja_full=$(jq -r '.totals.current.eal' "$WORK/ja.json" | "$PY" -c "import sys; from decimal import Decimal, ROUND_HALF_UP; print('{:,}円'.format(int(Decimal(sys.stdin.read().strip()).quantize(Decimal(1), ROUND_HALF_UP))))")
check "PDF cover (ja): the yearly loss $ja_full" grep -qxF "$ja_full" "$WORK/ja-cover.txt"
check "PDF slides (ja): 4.5億円" has "$WORK/ja-slides.txt" "4.5億円"
check "HTML slides (ja): 4.5億円" has "$WORK/ja-slides-html.txt" "4.5億円"
check "HTML tree (ja): 2,493万円 → 1,793万円" grep -qxF "2,493万円 → 1,793万円" "$WORK/ja-html.txt"
check "HTML slide tables (ja): cells in 万 under a (JPY) heading" grep -qE "^[0-9,]+万\$" "$WORK/ja-slides-html.txt"
for f in ja-pdf ja-slides ja-html ja-slides-html; do
  check "$f: no 'JPY 88M'-style amount" sh -c "! grep -qE 'JPY [0-9.]+[KMBT]' '$WORK/$f.txt'"
  check "$f: monitor is 経過観察" has "$WORK/$f.txt" "経過観察"
  check "$f: never 監視" lacks "$WORK/$f.txt" "監視"
done

# --- check prints the SLO as written ------------------------------------------
# planned downtime 22h 27m is over the 4h 23m budget of slo 99.95
run "$BADDAY" check --fail-on budget "$EN"
expect_rc "check --fail-on budget finds the overrun" 6
expect_out "check: the budget finding names slo 99.95%" "error budget of 4h 23m (slo 99.95%)"
finish
