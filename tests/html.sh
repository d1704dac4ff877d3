#!/bin/sh
# The html plugin without a browser: normalised-DOM golden files for the
# report and the slides (spec example, Japanese plan), the views and exact
# figures, the Content-Security-Policy, no reference outside the file,
# hostile strings kept as text, template errors, and a determinism check.
# UPDATE_GOLDEN=1 rewrites the golden files (look at the diff before
# committing them).  tests/html-browser.sh opens the pages in Chromium.
. "$TOP_SRCDIR/tests/lib.sh"

PY=${PYTHON:-python3}
DOM="$TOP_SRCDIR/tests/html/dom.py"
GOLDEN="$TOP_SRCDIR/tests/golden"
HOSTILE="$TOP_SRCDIR/tests/html/hostile.yaml"
JA="$VALID/japanese.yaml"
command -v "$PY" >/dev/null || { echo "# python3 is needed"; exit 99; }

# render NAME PLAN ARGS...: renders PLAN to $WORK/NAME.html and expects success.
render() {
  name=$1 plan=$2
  shift 2
  run "$BADDAY" render "$plan" -f html -o "$WORK/$name.html" "$@"
  expect_rc "$name renders" 0
}

# golden NAME: the normalised DOM of $WORK/NAME.html equals tests/golden/NAME.html.txt.
golden() {
  "$PY" "$DOM" normalise "$WORK/$1.html" >"$WORK/$1.html.txt"
  update_golden "$GOLDEN/$1.html.txt" "$WORK/$1.html.txt"
  if diff -u "$GOLDEN/$1.html.txt" "$WORK/$1.html.txt" >"$WORK/diff"; then
    pass "$1: normalised DOM matches tests/golden/$1.html.txt"
  else
    fail "$1: normalised DOM differs from tests/golden/$1.html.txt"
    head -40 "$WORK/diff" | sed 's/^/  /'
  fi
}

# xpath NAME FILE EXPR: xmllint finds EXPR (a second parser, libxml2's own).
xpath() {
  if ! command -v xmllint >/dev/null; then pass "$1 (skipped: no xmllint)"; return; fi
  if [ -n "$(xmllint --html --xpath "$3" "$2" 2>/dev/null)" ]; then pass "$1"; else
    fail "$1: no match for $3"; fi
}

# has_text NAME FILE TEXT: TEXT is in the page's text (not in markup).
has_text() {
  if "$PY" "$DOM" text "$2" | grep -qF -- "$3"; then pass "$1"; else
    fail "$1: text lacks '$3'"; fi
}

render spec-report "$EXAMPLE"
render spec-slides "$EXAMPLE" --layout slides
render japanese-report "$JA" --lang ja
render japanese-slides "$JA" --lang ja --layout slides
render hostile-report "$HOSTILE"
render hostile-slides "$HOSTILE" --layout slides --lang ja

for page in spec-report spec-slides japanese-report; do golden "$page"; done

R="$WORK/spec-report.html"
S="$WORK/spec-slides.html"
for id in summary decisions loss-matrix scenario-tree coverage; do
  xpath "report has section #$id with a heading" "$R" "//section[@id='$id']/h2"
  check "table of contents links #$id" grep -qF "href=\"#$id\"" "$R"
done
# exact figures of the spec example (tests/json.sh derives them by hand)
for figure in 2,440,000 1,612,667 204,667 4,052,667 2,644,667 8,892,667 1,700,000 1,408,000; do
  has_text "report shows $figure" "$R" "$figure"
done
check "report: EAL now in a key figure's tooltip" grep -qF 'title="JPY 4,052,667"' "$R"
check "slides: exact amounts in cell tooltips" grep -qF 'title="JPY 2,440,000"' "$S"
check "tree tooltip has the exact current EAL" grep -qF 'JPY 1,612,667' "$R"
has_text "report shows the coverage share" "$R" "37.5%"
has_text "decision label" "$R" "Accept"
xpath "loss matrix cell shaded" "$R" "//table[contains(@class,'matrix')]//td[contains(@class,'heat-20')]"
xpath "heatmap cell state class" "$R" "//table[contains(@class,'heatmap')]//td[contains(@class,'cell-verified')]"
xpath "scenario tree drawn as SVG boxes" "$R" "//svg[contains(@class,'tree')]//g[contains(@class,'node-measure')]"
xpath "slides are sections with ids" "$S" "//section[@id='slide-1' and contains(@class,'slide')]"
xpath "slides: one tree slide per loss" "$S" "//section[contains(@class,'slide-tree')]"
check "slides: page numbers" grep -qF '1 / ' "$S"
check "report: no script" sh -c '! grep -qi "<script" "$1"' sh "$R"
check "slides: exactly one script" test "$(grep -ci '<script' "$S")" -eq 1

for page in spec-report spec-slides japanese-report japanese-slides hostile-report hostile-slides; do
  check "$page: CSP allows exactly our style and script" "$PY" "$DOM" csp "$WORK/$page.html"
  check "$page: no on* attribute, javascript: or external URL" "$PY" "$DOM" safe "$WORK/$page.html" 1
  check "$page: charset meta first" grep -qF '<meta charset="utf-8">' "$WORK/$page.html"
done

# Japanese: labels and plan text in UTF-8, lang attribute
J="$WORK/japanese-report.html"
check "lang=ja" grep -qF '<html lang="ja">' "$J"
has_text "Japanese heading" "$J" "損失マトリクス"
has_text "Japanese plan text" "$J" "経費精算システム"
has_text "Japanese state label" "$J" "計画後"

# hostile strings are text, never markup
H="$WORK/hostile-report.html"
for s in "</title><script>alert('service')</script>" "\"><img src=x onerror=alert('owner')>" \
  "--><script>alert('period')</script><!--" "javascript:alert('failure')" \
  "</style><script>alert('loss')</script><style>"; do
  has_text "hostile string shown as text: $s" "$H" "$s"
done
check "hostile: raw markup never appears" sh -c '! grep -qF "<script>alert" "$1"' sh "$H"
check "hostile slides: raw markup never appears" sh -c '! grep -qF "<img src=x" "$1"' sh "$WORK/hostile-slides.html"

# the same input gives the same bytes
run "$BADDAY" render "$EXAMPLE" -f html -o "$WORK/again.html"
check "deterministic output" cmp -s "$R" "$WORK/again.html"

# templates: --template-dir overrides; a missing or broken template is an error
T="$WORK/templates"
mkdir -p "$T"
cp "$BADDAY_DATADIR/templates/"* "$T/"
printf '\n.badday-test-marker { color: red; }\n' >>"$T/report.css"
run "$BADDAY" render "$EXAMPLE" -f html -o "$WORK/custom.html" --template-dir "$T"
expect_rc "--template-dir renders" 0
check "--template-dir CSS is used" grep -qF 'badday-test-marker' "$WORK/custom.html"
check "--template-dir page passes the CSP check" "$PY" "$DOM" csp "$WORK/custom.html"
rm "$T/slides.js"
run "$BADDAY" render "$EXAMPLE" -f html -o "$WORK/broken.html" --template-dir "$T" --layout slides
expect_rc "missing slides.js fails" 3
expect_err "missing template named" "slides.js"
check "nothing written on template error" test ! -e "$WORK/broken.html"
printf '<html><head><title>t</title></head><body><p>no slots</p></body></html>\n' >"$T/page.html"
run "$BADDAY" render "$EXAMPLE" -f html -o "$WORK/broken.html" --template-dir "$T"
expect_rc "skeleton without slots fails" 3
expect_err "missing slot named" 'data-slot="content"'
cp "$BADDAY_DATADIR/templates/page.html" "$T/page.html"
printf 'a { }\n</style><script>alert(1)</script>\n' >>"$T/report.css"
run "$BADDAY" render "$EXAMPLE" -f html -o "$WORK/broken.html" --template-dir "$T"
expect_rc "CSS that closes <style> is refused" 3
expect_err "CSS break-out named" '</style'
run "$BADDAY" render "$EXAMPLE" -f html -o "$WORK/x.html" --layout poster
check "unknown layout refused" test "$RC" -ne 0

finish
