#!/bin/sh
# The pdf plugin: pages, sizes, metadata, outline and links (pdfinfo, qpdf),
# embedded fonts (pdffonts), the plan's text and figures (pdftotext), a
# structurally valid file (qpdf --check), byte-identical renders under
# SOURCE_DATE_EPOCH, no blank page (pdftoppm), the report and slides
# layouts, A4 and Letter, the Japanese plan, right-to-left text and emoji,
# a plan of hundreds of scenarios, and a write error.
. "$TOP_SRCDIR/tests/lib.sh"

for tool in pdfinfo pdffonts pdftotext pdftoppm qpdf; do
  command -v "$tool" >/dev/null 2>&1 || { echo "not ok - $tool is not installed (poppler-utils, qpdf; ./dev.sh installs them)"; exit 1; }
done

# render NAME PLAN OUT ARGS...: renders PLAN to OUT and expects success
# without a warning (such as a section drawing more pages than it planned).
render() {
  name=$1 plan=$2 out=$3
  shift 3
  run "$BADDAY" render "$plan" -f pdf -o "$out" "$@"
  expect_rc "$name renders" 0
  if grep -q "warning" "$WORK/err"; then fail "$name: warnings"; sed 's/^/  /' "$WORK/err" | head -5; fi
}

# info PDF KEY: the value of KEY in pdfinfo's output.
info() {
  pdfinfo "$1" 2>/dev/null | sed -n "s/^$2: *//p"
}

# pages_at_least NAME PDF N: the PDF has at least N pages.
pages_at_least() {
  n=$(info "$2" Pages)
  if [ "${n:-0}" -ge "$3" ]; then pass "$1: $n pages"; else fail "$1: ${n:-no} pages, expected >= $3"; fi
}

# page_size NAME PDF SIZE: pdfinfo reports SIZE ("595.276 x 841.89") for page 1.
page_size() {
  size=$(info "$2" "Page size")
  case "$size" in
  "$3"*) pass "$1: $size" ;;
  *) fail "$1: page size '$size', expected '$3'" ;;
  esac
}

# fonts_embedded NAME PDF: pdffonts lists fonts and every one is embedded.
fonts_embedded() {
  pdffonts "$2" >"$WORK/fonts" 2>&1
  total=$(tail -n +3 "$WORK/fonts" | grep -c .)
  missing=$(tail -n +3 "$WORK/fonts" | awk '$(NF-4) != "yes"' | grep -c .)
  if [ "$total" -gt 0 ] && [ "$missing" -eq 0 ]; then pass "$1: $total fonts, all embedded"; else
    fail "$1: $missing of $total fonts not embedded"; sed 's/^/  /' "$WORK/fonts"; fi
}

# has_text NAME PDF TEXT...: pdftotext of PDF contains every TEXT.
has_text() {
  name=$1 pdf=$2
  shift 2
  pdftotext -enc UTF-8 "$pdf" "$WORK/text" 2>/dev/null
  for t in "$@"; do
    if grep -qF -- "$t" "$WORK/text"; then pass "$name: '$t'"; else fail "$name: no '$t' in the text"; fi
  done
}

# valid_pdf NAME PDF: qpdf --check finds no error and no warning.
valid_pdf() {
  if qpdf --check "$2" >"$WORK/qpdf" 2>&1; then pass "$1: qpdf --check"; else
    fail "$1: qpdf --check"; sed 's/^/  /' "$WORK/qpdf" | head -8; fi
}

# no_blank_page NAME PDF: every page rendered at 40 dpi has ink (more than
# 500 non-white pixels: a footer alone is not enough for a page).
no_blank_page() {
  rm -f "$WORK"/page-*.pgm
  pdftoppm -r 40 -gray "$2" "$WORK/page" 2>/dev/null
  blank=0 count=0
  for f in "$WORK"/page-*.pgm; do
    [ -f "$f" ] || continue
    count=$((count + 1))
    ink=$(tr -d '\377' <"$f" | wc -c)
    if [ "$ink" -lt 500 ]; then blank=$((blank + 1)); echo "  blank: $f ($ink)"; fi
  done
  if [ "$count" -gt 0 ] && [ "$blank" -eq 0 ]; then pass "$1: $count pages, none blank"; else
    fail "$1: $blank of $count pages blank"; fi
}

# slide_stats PDF: one line per page of a slide deck, from the words and
# their boxes (pdftotext -bbox): the page, its section (from the running
# head), the smallest type on it in points, the scenario rows and measure
# boxes it shows (titles "Scenario N with ..." and "Measure N of ..." of the
# long plan), the smallest type of those scenario titles, and 1 when a
# group header ("Business loss ...", "Failure type ...") is the lowest row.
# A word's box is 1.163 times the type size in DejaVu Sans (the CJK face's
# is taller, so Japanese text only ever measures larger).
slide_stats() {
  pdftotext -bbox "$1" - 2>/dev/null | awk '
    function num(attr,   v) { match($0, attr "=\"[0-9.]+\""); v = substr($0, RSTART, RLENGTH); gsub(/[^0-9.]/, "", v); return v + 0 }
    function flush() {
      if (p == 0) return
      kind = head ~ /Loss matrix/ ? "matrix" : head ~ /Decisions/ ? "decisions" : head ~ /Coverage/ ? "coverage" : head ~ /Scenario tree/ ? "tree" : head ~ /Key figures/ ? "figures" : "other"
      printf "%d %s %.1f %d %d %.1f %d\n", p, kind, small, rows, boxes, body, (hy > sy && rows > 0)
    }
    /<page / { flush(); p++; head = ""; small = 999; rows = 0; boxes = 0; body = 999; hy = 0; sy = 0; w1 = w2 = "" }
    /<word / {
      w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
      y0 = num("yMin"); size = (num("yMax") - y0) / 1.163
      if (size < small) small = size
      if (y0 < 32) head = head " " w
      if (w == "with" && w2 == "Scenario" && w1 ~ /^[0-9]+$/) { rows++; if (size < body) body = size; if (y0 > sy) sy = y0 }
      if (w == "of" && w2 == "Measure" && w1 ~ /^[0-9]+$/) boxes++
      if ((w1 == "Business" && w == "loss") || (w1 == "Failure" && w == "type")) if (y0 > hy) hy = y0
      w2 = w1; w1 = w
    }
    END { flush() }'
}

# --- the spec example, report layout --------------------------------------
R="$WORK/report.pdf"
render "spec example" "$EXAMPLE" "$R"
pages_at_least "report" "$R" 7
page_size "report is A4" "$R" "595.276 x 841.89"
check "title is service and period" [ "$(info "$R" Title)" = "Smart Receipt Manager — 2025-Q1" ]
check "author is the owner" [ "$(info "$R" Author)" = "Receipts team" ]
case "$(info "$R" Creator)" in
"badday "[0-9]*) pass "creator is badday and its version" ;;
*) fail "creator: '$(info "$R" Creator)'" ;;
esac
check "subject is set" [ -n "$(info "$R" Subject)" ]
check "keywords trace the plan's SHA-256 and as_of" [ "$(info "$R" Keywords)" = "badday; as_of 2025-01-29; plan sha256 $(sha256sum "$EXAMPLE" | cut -d' ' -f1)" ]
check "creation date from SOURCE_DATE_EPOCH" [ "$(info "$R" CreationDate)" = "Wed Jan 29 00:00:00 2025 UTC" ]
fonts_embedded "report" "$R"
has_text "report" "$R" "Smart Receipt Manager" "Receipts team" "2025-Q1" "2025-01-29" \
  "Customers cannot upload receipts" "Uploaded receipts are not processed" \
  "Partner OCR service stops" "The whole region is down" "Copy backups to a second region" \
  "JPY 4,052,667" "JPY 2,644,667" "Loss matrix" "Coverage heatmap"
valid_pdf "report" "$R"
no_blank_page "report" "$R"

# Outline: every section, and every business loss under the scenario tree.
jqq() { jq -e "$@" >/dev/null; }
if command -v jq >/dev/null 2>&1; then
  qpdf --json --json-key=outlines "$R" >"$WORK/outline.json" 2>/dev/null
  check "outline has the sections" jqq '.outlines | length >= 7' "$WORK/outline.json"
  check "outline has the loss under the tree" \
    jqq '[.outlines[] | select(.title == "Scenario tree") | .kids[].title] | index("Customers cannot upload receipts") != null' \
    "$WORK/outline.json"
fi
# Links from the summary and the decisions to pages of the document.
qpdf --qdf --object-streams=disable "$R" "$WORK/qdf.pdf" 2>/dev/null
links=$(grep -ac '/Subtype /Link' "$WORK/qdf.pdf")
check "internal links ($links)" [ "$links" -ge 5 ]
check "links go to pages" grep -aq '/Dest \[' "$WORK/qdf.pdf"

# Two renders under SOURCE_DATE_EPOCH are byte-identical.
render "second render" "$EXAMPLE" "$WORK/again.pdf"
check "renders are byte-identical" cmp -s "$R" "$WORK/again.pdf"

# --- Letter and slides ----------------------------------------------------
render "letter" "$EXAMPLE" "$WORK/letter.pdf" --paper letter
page_size "--paper letter" "$WORK/letter.pdf" "612 x 792"
render "-O paper=letter" "$EXAMPLE" "$WORK/letter2.pdf" -O paper=letter
check "-O paper=letter is --paper letter" cmp -s "$WORK/letter.pdf" "$WORK/letter2.pdf"
S="$WORK/slides.pdf"
render "slides" "$EXAMPLE" "$S" --layout slides
pages_at_least "slides" "$S" 6
page_size "slides are 16:9" "$S" "960 x 540"
fonts_embedded "slides" "$S"
has_text "slides" "$S" "Smart Receipt Manager" "The whole region is down" "JPY 4,052,667"
valid_pdf "slides" "$S"
no_blank_page "slides" "$S"
# Type that reads from the back of a room: nothing under 12 pt, 27 pt
# titles (the deck's sizes), key figures of 36 pt and more.
slide_stats "$S" >"$WORK/slide-stats"
small=$(awk 'NR == 1 || $3 < m { m = $3 } END { print m }' "$WORK/slide-stats")
check "slides: no type under 12 pt (smallest $small pt)" awk -v m="$small" 'BEGIN { exit !(m >= 11.9) }'
pdftotext -bbox -f 2 -l 2 "$S" - 2>/dev/null | awk '/<word /{ match($0, /yMin="[0-9.]+"/); a = substr($0, RSTART + 6, RLENGTH - 7)
  match($0, /yMax="[0-9.]+"/); b = substr($0, RSTART + 6, RLENGTH - 7); s = (b - a) / 1.163; if (s > m) m = s }
  END { print m }' >"$WORK/largest"
check "key figures slide: figures of 36 pt and more ($(cat "$WORK/largest") pt)" \
  awk '{ exit !($1 >= 36) }' "$WORK/largest"
pdftotext -bbox -f 2 -l 2 "$S" - 2>/dev/null | grep '>Key<' >"$WORK/title-word"
# the deck's heading, 36 px of the 1280 px slide (plugins/deck/deck_metrics.h): 27 pt
check "slide titles of 27 pt and more" \
  awk -F'"' '($8 - $4) / 1.163 >= 26.9 { big = 1 } END { exit !big }' "$WORK/title-word"
# The same sequence of slides as the HTML deck: title, key figures, the
# decisions, the loss matrix, one tree per loss (or more), the heatmap.
if run "$BADDAY" render "$EXAMPLE" -o "$WORK/slides.html" --layout slides; then
  html_seq=$(grep -o 'class="slide slide-[a-z]*' "$WORK/slides.html" | sed 's/.*slide-//' | uniq | tr '\n' ' ')
  pdf_seq=$(awk '{ print $2 == "other" ? "title" : $2 }' "$WORK/slide-stats" | uniq | tr '\n' ' ')
  check "slides: the sections of the HTML deck in its order ($pdf_seq)" [ "$pdf_seq" = "$html_seq" ]
fi

# --- Japanese -------------------------------------------------------------
J="$WORK/ja.pdf"
render "Japanese plan" "$VALID/japanese.yaml" "$J" --lang ja
fonts_embedded "Japanese" "$J"
check "Japanese: a DejaVu face" grep -q DejaVu "$WORK/fonts"
check "Japanese: a Noto Sans CJK face" grep -q NotoSansCJK "$WORK/fonts"
has_text "Japanese" "$J" "経費精算システム" "経理チーム" "認証基盤が停止する" "容量アラーム（残り20%で通知）" \
  "損失マトリクス" "シナリオツリー"
valid_pdf "Japanese" "$J"
no_blank_page "Japanese" "$J"
render "Japanese slides" "$VALID/japanese.yaml" "$WORK/ja-slides.pdf" --layout slides --lang ja
no_blank_page "Japanese slides" "$WORK/ja-slides.pdf"

# --- right-to-left text, emoji, a very long word, markup-like text --------
cat >"$WORK/mixed.yaml" <<'EOF'
badday: 1
service: "Mixed <b>scripts</b> & more 🚀"
currency: EUR
losses:
  - id: l1
    title: "خدمة الدفع متوقفة (payment down) שירות התשלומים"
    per_hour: {revenue: 1000}
failures:
  - id: f1
    loss: l1
    title: Supercalifragilisticexpialidocious_and_a_very_long_identifier_without_any_space_at_all_0123456789
scenarios:
  - id: s1
    failure: f1
    title: "Emoji 👩‍💻 and flags 🇯🇵, combining e\u0301, Thai ภาษาไทย, Hindi हिन्दी"
    frequency: 2
    recover: 1h
    measures:
      - title: "<i>not markup</i> &amp; ünïcödé"
        kind: recovery
        status: planned
        effect: {recover: 10m}
        cost: {yearly: 100}
EOF
M="$WORK/mixed.pdf"
render "mixed scripts" "$WORK/mixed.yaml" "$M"
fonts_embedded "mixed scripts" "$M"
has_text "mixed scripts" "$M" "Mixed <b>scripts</b>" "<i>not markup</i> &amp;" "payment down"
valid_pdf "mixed scripts" "$M"
render "mixed scripts, slides" "$WORK/mixed.yaml" "$WORK/mixed-slides.pdf" --layout slides
valid_pdf "mixed scripts, slides" "$WORK/mixed-slides.pdf"

# --- a long plan: 300 scenarios -------------------------------------------
# long_plan N: a plan of N scenarios on standard output.
long_plan() {
awk -v n="$1" 'BEGIN {
  print "badday: 1\nservice: Long plan\nowner: Ops\nperiod: 2025-Q1\nas_of: 2025-01-29\ncurrency: JPY\nslo: 99.9"
  print "losses:"
  for (l = 0; l < 6; l++) printf "  - id: l%d\n    title: Business loss number %d of the long plan\n    per_hour: {revenue: %d, brand: 20000}\n    per_incident: {penalty: 100000}\n", l, l, 100000 + l * 50000
  print "failures:"
  for (f = 0; f < 18; f++) printf "  - id: f%d\n    loss: l%d\n    title: Failure type %d of the long plan\n", f, f % 6, f
  print "scenarios:"
  for (s = 0; s < n; s++) {
    printf "  - id: s%d\n    failure: f%d\n    title: Scenario %d with a title long enough to wrap inside its table cell now and then\n", s, s % 18, s
    printf "    frequency: %d/year\n    impact: %d%%\n    detect: %dm\n    recover: %dh\n    measures:\n", 1 + s % 7, 20 + s % 80, 5 + s % 60, 1 + s % 30
    for (m = 0; m < 2 + s % 4; m++) {
      kind = m == 0 ? "detective" : m == 1 ? "recovery" : m == 2 ? "preventive" : "testing"
      printf "      - id: m%d\n        title: Measure %d of scenario %d\n        kind: %s\n        status: %s\n", m, m, s, kind, (s + m) % 3 ? "implemented" : "planned"
      if (kind == "testing") printf "        last_run: 2024-12-%02d\n        result: %s\n", 1 + s % 28, s % 5 ? "pass" : "fail"
      else printf "        effect: {recover: %dm}\n        cost: {once: %d, yearly: %d}\n", 10 + m * 5, 100000 * m, 20000 * (s % 9)
    }
  }
}'
}
long_plan 300 >"$WORK/long.yaml"
L="$WORK/long.pdf"
render "long plan" "$WORK/long.yaml" "$L"
pages_at_least "long plan" "$L" 60
fonts_embedded "long plan" "$L"
has_text "long plan" "$L" "Scenario 0 with a title" "Scenario 299 with a title" "Measure 3 of scenario 299"
valid_pdf "long plan" "$L"
no_blank_page "long plan" "$L"
# The matrix header row is repeated on every page of the loss matrix.
pdftotext -enc UTF-8 "$L" "$WORK/long.txt" 2>/dev/null
counts=$(awk 'BEGIN { RS = "\f" } /^Loss matrix/ { pages++; if (!/Revenue/) bad++ }
  END { printf "%d %d", pages, bad }' "$WORK/long.txt")
matrix=${counts% *} bad=${counts#* }
if [ "$matrix" -ge 2 ] && [ "$bad" -eq 0 ]; then pass "long plan: header row on all $matrix matrix pages"; else
  fail "long plan: $bad of $matrix matrix pages lack the header row"; fi
render "long plan, slides" "$WORK/long.yaml" "$WORK/long-slides.pdf" --layout slides
valid_pdf "long plan, slides" "$WORK/long-slides.pdf"
# As many rows a slide as fit by measured height (tests/pdf-deck.sh checks
# that every word stays inside its slide, above the footer): scenario titles
# of the decisions of 13.5 pt and of the matrix of 12 pt (the deck's 18 px
# and 16 px, plugins/deck/deck_metrics.h), the summary trees (no measure
# boxes: the measures are chips), the compact heatmap's rows and everything
# else of 12 pt and more, and no matrix or heatmap slide ending on a group
# header.
slide_stats "$WORK/long-slides.pdf" >"$WORK/long-stats"
check "long slides: no measure boxes on the tree slides" awk '$5 > 0 { exit 1 }' "$WORK/long-stats"
for kind in decisions matrix coverage tree; do
  check "long slides: $kind slides present" grep -q " $kind " "$WORK/long-stats"
done
check "long slides: no type under 12 pt" awk '$3 < 11.9 { exit 1 }' "$WORK/long-stats"
check "long slides: scenario titles of 13.5 pt in decisions, 12 pt in the matrix" \
  awk '$4 > 0 && (($2 == "decisions" && $6 < 13.4) || ($2 == "matrix" && $6 < 11.9)) { exit 1 }' \
  "$WORK/long-stats"
check "long slides: no slide ends on a group header" \
  awk '($2 == "matrix" || $2 == "coverage") && $7 { exit 1 }' "$WORK/long-stats"
slide_stats "$WORK/ja-slides.pdf" >"$WORK/ja-stats"
check "Japanese slides: no type under 12 pt" awk '$3 < 11.9 { exit 1 }' "$WORK/ja-stats"

# Up to 500 scenarios the tree shows every measure as well as the appendix.
check "long plan: a measure in the tree and in the appendix" \
  [ "$(grep -c 'Measure 1 of scenario 7$' "$WORK/long.txt")" -eq 2 ]

# --- a large plan: 520 scenarios, summarised -------------------------------
long_plan 520 >"$WORK/large.yaml"
G="$WORK/large.pdf"
render "large plan" "$WORK/large.yaml" "$G"
fonts_embedded "large plan" "$G"
valid_pdf "large plan" "$G"
no_blank_page "large plan" "$G"
has_text "large plan" "$G" "Scenario 519 with a title" "Measure 3 of scenario 519" "Appendix: every measure"
pdftotext -enc UTF-8 "$G" "$WORK/large.txt" 2>/dev/null
# The trees stop at the scenarios; the appendix still lists every measure.
check "large plan: measures only in the appendix" \
  [ "$(grep -c 'Measure 1 of scenario 7$' "$WORK/large.txt")" -eq 1 ]
measures=$(awk '/^      - id: m/ { n++ } END { print n }' "$WORK/large.yaml")
listed=$(grep -c '^Measure [0-9]* of scenario [0-9]*$' "$WORK/large.txt")
check "large plan: the appendix lists all $measures measures ($listed)" [ "$listed" -eq "$measures" ]
trees=$(awk 'BEGIN { RS = "\f" } /Scenario tree/ && /Scenario [0-9]+ with/ { n++ } END { print n + 0 }' "$WORK/large.txt")
check "large plan: tree pages show the scenarios ($trees pages)" [ "$trees" -ge 5 ]
render "large plan, again" "$WORK/large.yaml" "$WORK/large2.pdf"
check "large plan: renders are byte-identical" cmp -s "$G" "$WORK/large2.pdf"

# --- no font configuration: the plugin fails and says why ----------------
mkdir -p "$WORK/nodata"
BADDAY_DATADIR="$WORK/nodata" run "$BADDAY" render "$EXAMPLE" -f pdf -o "$WORK/nofonts.pdf"
expect_rc "no fonts.conf" 3
expect_err "no fonts.conf: says which file" "fonts/fonts.conf"
check "no fonts.conf: no file written" [ ! -e "$WORK/nofonts.pdf" ]

# --- a write error: exit 4, nothing half-written --------------------------
if [ -w /dev/full ]; then
  run "$BADDAY" render "$EXAMPLE" -f pdf -o /dev/full
  expect_rc "render to /dev/full fails" 4
fi

finish
