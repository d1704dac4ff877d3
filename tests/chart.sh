#!/bin/sh
# The chart plugin: each view (loss matrix, scenario trees, coverage
# heatmap) of every fixture as SVG (well-formed, width/height/viewBox,
# Chromium draws it) and PNG (signature, IHDR size = the SVG's size times
# -O scale); the colours of the heatmap cells and of the matrix shading in
# the pixels; -O loss; Japanese glyphs; the slides layout; byte-identical
# renders; the errors (unknown view, loss or scale, a PNG too tall) that
# leave an existing file alone; `badday plugins -v`.
. "$TOP_SRCDIR/tests/lib.sh"

PY=python3
PNG="$TOP_SRCDIR/tests/pngcheck.py"
RECEIPTS="$TOP_SRCDIR/examples/receipts.yaml"
for tool in xmllint "$PY"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "not ok - $tool is not installed (./dev.sh installs it)"; exit 1; }
done
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$CHROMIUM" ]; then echo "not ok - chromium is not installed (./dev.sh installs it)"; exit 1; fi

# chart NAME PLAN OUT ARGS...: renders PLAN to OUT and expects success
# without a warning (but the plan's own lint warnings, FILE:LINE:COL:
# warning:, which tests/lint.sh covers: examples/receipts.yaml has a game
# day that has not run for more than twice its stale_after).
chart() {
  name=$1 plan=$2 out=$3
  shift 3
  run "$BADDAY" render "$plan" -o "$out" "$@"
  expect_rc "$name renders" 0
  if grep -Ev ':[0-9]+:[0-9]+: warning: |: warning: [0-9]+ more warnings? not shown' "$WORK/err" | grep -q "warning"; then
    fail "$name: warnings"; sed 's/^/  /' "$WORK/err" | head -5; fi
}

# png_size PNG: "WIDTH HEIGHT" from the IHDR chunk, after checking the
# signature and that IHDR comes first; nothing for a file that is not a PNG.
png_size() {
  [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || return 0
  [ "$(dd if="$1" bs=1 skip=12 count=4 2>/dev/null)" = "IHDR" ] || return 0
  dd if="$1" bs=1 skip=16 count=8 2>/dev/null | od -An -tu1 |
    awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4, $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}

# svg_attr SVG NAME: the value of attribute NAME of the root element.
svg_attr() {
  tr '\n' ' ' <"$1" | grep -o '<svg [^>]*>' | head -1 | grep -o " $2=\"[^\"]*\"" | head -1 |
    sed 's/.*="\(.*\)"/\1/'
}

# svg_ok NAME SVG: well-formed, with width and height in pt and a viewBox
# of the same size.
svg_ok() {
  if xmllint --noout "$2" 2>"$WORK/xmllint"; then pass "$1: well-formed SVG"; else
    fail "$1: xmllint"; sed 's/^/  /' "$WORK/xmllint" | head -3; fi
  w=$(svg_attr "$2" width) h=$(svg_attr "$2" height) vb=$(svg_attr "$2" viewBox)
  case "$w $h" in
  *pt\ *pt) pass "$1: width $w, height $h" ;;
  *) fail "$1: width '$w' height '$h'" ;;
  esac
  check "$1: viewBox '$vb' is 0 0 width height" [ "$vb" = "0 0 ${w%pt} ${h%pt}" ]
}

# png_matches NAME PNG SVG SCALE: the PNG is the SVG's size times SCALE.
png_matches() {
  size=$(png_size "$2")
  w=$(svg_attr "$3" width) h=$(svg_attr "$3" height)
  want="$((${w%pt} * $4)) $((${h%pt} * $4))"
  if [ -n "$size" ] && [ "$size" = "$want" ]; then pass "$1: PNG of ${size% *}x${size#* } pixels"; else
    fail "$1: PNG size '${size:-not a PNG}', expected '$want'"; fi
}

# --- every view of every fixture, both formats -----------------------------
for plan in "$RECEIPTS" "$VALID"/*.yaml; do
  base=$(basename "$plan" .yaml)
  for view in matrix tree heatmap; do
    stem="$WORK/$base-$view"
    chart "$base $view svg" "$plan" "$stem.svg" -O view=$view
    svg_ok "$base $view" "$stem.svg"
    chart "$base $view png" "$plan" "$stem.png" -O view=$view
    png_matches "$base $view" "$stem.png" "$stem.svg" 2
  done
done

# -O scale: pixels per point; the default is 2; SVG ignores it.
M="$WORK/receipts-matrix"
chart "scale=1" "$RECEIPTS" "$WORK/s1.png" -O scale=1
png_matches "scale=1" "$WORK/s1.png" "$M.svg" 1
chart "scale=3" "$RECEIPTS" "$WORK/s3.png" -O view=matrix -O scale=3
png_matches "scale=3" "$WORK/s3.png" "$M.svg" 3
chart "svg with scale=3" "$RECEIPTS" "$WORK/s3.svg" -O scale=3
check "SVG ignores scale" cmp -s "$WORK/s3.svg" "$M.svg"
chart "-f png to another name" "$RECEIPTS" "$WORK/picture" -f png -O view=tree
check "-f png writes a PNG" [ -n "$(png_size "$WORK/picture")" ]
# The report's content width in points: 496 and 24 pt margins.
check "report width 544 pt" [ "$(svg_attr "$M.svg" width)" = "544pt" ]

# --- the colours in the pixels ---------------------------------------------
# The heatmap of examples/receipts.yaml (as_of 2025-01-29, stale_after 60d),
# derived by hand from the plan format's rules (doc/plan-format.md):
#   ocr-partner-down: detective verified (alarm, tested by retry-drill
#     2025-01-10 pass), preventive planned, recovery verified (retry-queue,
#     same test), testing verified (retry-drill ran 19 days ago, passed);
#   region-outage: recovery planned, the rest none;
#   idp-outage: detective stale (idp-gameday 2024-09-12 is older than 90
#     days), preventive planned, recovery none, testing stale;
#   bad-deploy: preventive failing (canary, verified by rollback-test that
#     failed), testing failing, detective and recovery none;
#   model-drift: detective planned, the rest none; export-timeout: none.
# So 13 none, 4 planned, 0 implemented, 2 stale, 3 verified, 2 failing.
# The legend shows one swatch of every state (about the area of a cell):
# a state the cells have has well over twice the pixels of one they lack.
"$PY" "$PNG" --count "$WORK/receipts-heatmap.png" E6E6E6 BFD7EA 6BAED6 F2C14E 1B7837 B2182B \
  >"$WORK/counts"
count() { sed -n "s/.*$1=\\([0-9]*\\).*/\\1/p" "$WORK/counts"; }
legend_only=$(count 6BAED6)
check "heatmap: the legend swatch of implemented ($legend_only px)" [ "${legend_only:-0}" -gt 500 ]
for state in none:E6E6E6 planned:BFD7EA stale:F2C14E verified:1B7837 failing:B2182B; do
  n=$(count "${state#*:}")
  check "heatmap: cells in ${state%%:*} (BD_COLOR_CELL_* #${state#*:}, $n px)" \
    [ "${n:-0}" -gt $((2 * ${legend_only:-0})) ]
done
# The loss matrix: the largest cell in BD_COLOR_HEAT_HIGH, empty ones in
# BD_COLOR_HEAT_LOW; the heatmap has neither.
"$PY" "$PNG" --count "$M.png" D94801 FFF5EB >"$WORK/counts"
check "matrix: heat high #D94801 ($(count D94801) px)" [ "$(count D94801)" -gt 500 ]
check "matrix: heat low #FFF5EB ($(count FFF5EB) px)" [ "$(count FFF5EB)" -gt 500 ]
"$PY" "$PNG" --count "$WORK/receipts-heatmap.png" D94801 >"$WORK/counts"
check "heatmap: no heat colours" [ "$(count D94801)" -eq 0 ]
check "matrix PNG is not blank" "$PY" "$PNG" "$M.png" 40 0.05

# --- Chromium draws the SVGs -----------------------------------------------
# chrome ARGS...: headless Chromium with a fresh profile, no background traffic.
chrome() {
  profile=$(mktemp -d "$WORK/profile.XXXXXX")
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --hide-scrollbars --user-data-dir="$profile" "$@"
}
for view in matrix tree heatmap; do
  shot="$WORK/shot-$view.png"
  rm -f "$WORK/png.out"
  chrome --window-size=800,900 --screenshot="$shot" "file://$WORK/receipts-$view.svg" >/dev/null 2>&1
  if [ -s "$shot" ] && "$PY" "$PNG" "$shot" 40 0.05 >"$WORK/png.out"; then
    pass "Chromium draws the $view SVG ($(cat "$WORK/png.out"))"
  else
    fail "Chromium: $view SVG blank or missing ($(cat "$WORK/png.out" 2>/dev/null))"
  fi
done

# --- -O loss: one tree ------------------------------------------------------
chart "loss=wrong-totals" "$RECEIPTS" "$WORK/one.png" -f png -O view=tree -O loss=wrong-totals
all=$(png_size "$WORK/receipts-tree.png") one=$(png_size "$WORK/one.png")
check "one tree (${one#* } px) is shorter than all trees (${all#* } px)" [ "${one#* }" -lt "${all#* }" ]
check "one tree is as wide" [ "${one% *}" = "${all% *}" ]
chart "loss=wrong-totals svg" "$RECEIPTS" "$WORK/one.svg" -O view=tree -O loss=wrong-totals
check "one tree's SVG is smaller" [ "$(wc -c <"$WORK/one.svg")" -lt "$(wc -c <"$WORK/receipts-tree.svg")" ]

# --- Japanese ----------------------------------------------------------------
JA="$VALID/japanese.yaml"
chart "Japanese heatmap" "$JA" "$WORK/ja.png" -O view=heatmap --lang ja
check "Japanese: no missing-font warning" sh -c "! grep -q 'Japanese font' '$WORK/err'"
chart "English labels" "$JA" "$WORK/en.png" -O view=heatmap --lang en
check "ja and en labels give different pixels" sh -c "! cmp -s '$WORK/ja.png' '$WORK/en.png'"
check "ja PNG is not blank" "$PY" "$PNG" "$WORK/ja.png" 40 0.05
# Real glyphs, not boxes: the Japanese face is found, and without it (a
# fonts.conf that leaves Noto Sans CJK out) the same tree looks different:
# a warning, and hex boxes instead of kanji and kana.  cairo's SVG holds one
# symbol per distinct glyph, and the boxes reuse the same 16 hex digits.
chart "Japanese tree svg" "$JA" "$WORK/ja.svg" -O view=tree --lang ja -v
expect_err "Japanese tree: a Noto Sans CJK face" "for Latin text, Noto Sans CJK"
mkdir -p "$WORK/nocjk/fonts"
ln -s "$TOP_SRCDIR/templates" "$WORK/nocjk/templates"
grep -v -i 'noto' "$TOP_SRCDIR/fonts/fonts.conf" >"$WORK/nocjk/fonts/fonts.conf"
BADDAY_DATADIR="$WORK/nocjk" "$BADDAY" render "$JA" -o "$WORK/tofu.svg" -O view=tree --lang ja \
  >/dev/null 2>"$WORK/err"
expect_err "without the Japanese face: a warning" "no Japanese font found"
glyphs=$(grep -c '<symbol' "$WORK/ja.svg") boxes=$(grep -c '<symbol' "$WORK/tofu.svg")
check "Japanese tree: $glyphs distinct glyphs, more than the $boxes of hex boxes" [ "$glyphs" -gt $((boxes + 20)) ]

# --- slides layout: the 16:9 slide's width and type -----------------------
chart "slides matrix" "$RECEIPTS" "$WORK/slides.svg" --layout slides
check "slides width 928 pt" [ "$(svg_attr "$WORK/slides.svg" width)" = "928pt" ]
chart "slides matrix png" "$RECEIPTS" "$WORK/slides.png" --layout slides -O scale=1
png_matches "slides" "$WORK/slides.png" "$WORK/slides.svg" 1

# --- byte-identical renders ----------------------------------------------------
for ext in svg png; do
  SOURCE_DATE_EPOCH=1738108800 "$BADDAY" render "$RECEIPTS" -o "$WORK/a.$ext" -O view=tree 2>/dev/null
  SOURCE_DATE_EPOCH=1738108800 "$BADDAY" render "$RECEIPTS" -o "$WORK/b.$ext" -O view=tree 2>/dev/null
  check "$ext: two renders are byte-identical" cmp -s "$WORK/a.$ext" "$WORK/b.$ext"
done

# --- errors: clear, non-zero, no file, the old file kept -------------------
# refused NAME TEXT ARGS...: render fails naming TEXT; no new file, and an
# existing file at the destination is kept as it was.
refused() {
  name=$1 text=$2
  shift 2
  rm -f "$WORK/new.png"
  run "$BADDAY" render "$RECEIPTS" -o "$WORK/new.png" "$@"
  if [ "$RC" -ne 0 ]; then pass "$name: exit $RC"; else fail "$name: exit 0"; fi
  expect_err "$name: says why" "$text"
  check "$name: no file written" [ ! -e "$WORK/new.png" ]
  echo "old report" >"$WORK/kept.png"
  run "$BADDAY" render "$RECEIPTS" -o "$WORK/kept.png" "$@"
  check "$name: the existing file is intact" [ "$(cat "$WORK/kept.png")" = "old report" ]
  check "$name: no temporary file left" no_temp_files "$WORK"
}
refused "unknown view" "option view of the chart plugin must be one of matrix, tree, heatmap, exceedance, not 'pie'" \
  -O view=pie
refused "unknown loss" "no business loss has the id 'nope' (-O loss); the plan's are: cannot-upload, wrong-totals, reports-late" \
  -O view=tree -O loss=nope
refused "loss without the tree view" "needs -O view=tree" -O loss=wrong-totals
refused "scale=9" "option scale of the chart plugin must be one of 1, 2, 3, not '9'" -O scale=9
refused "unknown option" "the chart plugin has no option 'paper'" -O paper=a4

# A PNG too tall for cairo: a tree of 300 scenarios is refused with a way out.
awk 'BEGIN {
  print "badday: 1\nservice: Tall\nas_of: 2025-01-29\ncurrency: JPY"
  print "losses:\n  - id: big\n    title: One big loss\n    per_hour: {revenue: 1000}\n  - id: small\n    title: A small one\n    per_hour: {revenue: 10}"
  print "failures:\n  - id: f\n    loss: big\n    title: Failure\n  - id: g\n    loss: small\n    title: Other"
  print "scenarios:"
  for (s = 0; s < 300; s++)
    printf "  - id: s%d\n    failure: f\n    title: Scenario %d\n    frequency: 1\n    recover: 1h\n    measures:\n      - {id: m, title: Measure of %d, kind: detective}\n      - {id: n, title: Another of %d, kind: recovery}\n", s, s, s, s
  print "  - id: t\n    failure: g\n    title: Small scenario\n    frequency: 1\n    recover: 1h"
}' >"$WORK/tall.yaml"
run "$BADDAY" render "$WORK/tall.yaml" -o "$WORK/tall.png" -O view=tree
if [ "$RC" -ne 0 ]; then pass "too tall PNG: exit $RC"; else fail "too tall PNG: exit 0"; fi
expect_err "too tall PNG: names the limit" "cairo draws images of at most 32767"
expect_err "too tall PNG: suggests svg and loss" "use -f svg, or -O loss=ID for one scenario tree (big, small)"
check "too tall PNG: no file" [ ! -e "$WORK/tall.png" ]
chart "the same tree as SVG" "$WORK/tall.yaml" "$WORK/tall.svg" -O view=tree
svg_ok "tall SVG" "$WORK/tall.svg"
chart "the small tree as PNG" "$WORK/tall.yaml" "$WORK/small.png" -O view=tree -O loss=small
check "the small tree is a PNG" [ -n "$(png_size "$WORK/small.png")" ]

# --- badday plugins -v ---------------------------------------------------------
run "$BADDAY" plugins -v
expect_rc "plugins -v" 0
expect_out "lists chart" "chart"
expect_out "chart option view" "-O view=matrix|tree|heatmap|exceedance (default matrix)"
expect_out "chart option loss" "-O loss=TEXT"
expect_out "chart option scale" "-O scale=1|2|3 (default 2)"
check "chart formats svg and png" sh -c "grep -A3 '^chart' '$WORK/out' | grep -q 'svg' && grep -A3 '^chart' '$WORK/out' | grep -q 'png'"
finish
