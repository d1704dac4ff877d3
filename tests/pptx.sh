#!/bin/sh
# The pptx deck (plugins/pptx), checked in a real client: LibreOffice
# Impress converts every deck to PDF in one process, and poppler reads the
# result.  The package: every XML part well-formed (xmllint), every
# relationship target a part, a content type for every part, native
# tables, glued connectors and no picture, a notes page per slide with
# the figures in words; the converted decks: as many slides as the pdf
# deck, every scenario title and the key figures of the pdf deck, nothing
# under the footer; Japanese in a CJK font with lang="ja-JP" runs; a
# template made by LibreOffice applied (its theme font in the PDF, its
# "Title Only" layout); two renders byte-identical.
. "$TOP_SRCDIR/tests/lib.sh"

for tool in soffice pdfinfo pdftotext pdffonts xmllint unzip python3 jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "not ok - $tool is not installed"; exit 1; }
done
CHECK="$TOP_SRCDIR/tests/pptxcheck.py"
WORDS="$TOP_SRCDIR/tests/pdfwords.py"
MEETING="$TOP_SRCDIR/tests/meeting"
Q="$TOP_SRCDIR/tests/quarters"
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
LO="soffice -env:UserInstallation=file://$WORK/lo --headless"

# deck NAME ARGS...: renders the pptx deck NAME.pptx and the pdf deck
# NAME.pdf of the same request.
deck() {
  d=$1
  shift
  run "$BADDAY" render "$@" -f pptx -o "$WORK/$d.pptx"
  expect_rc "$d: the pptx renders" 0
  run "$BADDAY" render "$@" -f pdf --layout slides -o "$WORK/$d.pdf"
  expect_rc "$d: the pdf deck renders" 0
}
deck en "$MEETING/checkout-en.yaml"
deck ja "$MEETING/shinsa-ja.yaml" --lang ja
deck cmp "$Q/payments-2026-Q3.yaml" --compare "$Q/payments-2026-Q2.yaml"
deck port "$Q/payments-2026-Q3.yaml" "$Q/search-2026-Q3.yaml" "$MEETING/checkout-en.yaml"
RANGES="$TOP_SRCDIR/tests/valid/ranges.yaml"
deck rng "$RANGES"
deck rja "$RANGES" --lang ja

# --- the package ------------------------------------------------------------
for d in en ja cmp port; do
  f="$WORK/$d.pptx"
  mkdir -p "$WORK/x-$d"
  (cd "$WORK/x-$d" && unzip -q "$f")
  find "$WORK/x-$d" -name '*.xml' -o -name '*.rels' | sort >"$WORK/parts"
  # one xmllint for all the parts: it fails when any of them is not well-formed
  check "$d: all $(wc -l <"$WORK/parts") XML parts are well-formed" \
    sh -c "xargs xmllint --noout <'$WORK/parts' 2>'$WORK/xmllint'"
  if python3 "$CHECK" package "$f" >"$WORK/pkg"; then pass "$d: content types and relationship targets"; else
    fail "$d: package"; head -5 "$WORK/pkg" | sed 's/^/  /'; fi
  set -- $(python3 "$CHECK" native "$f")
  # tables N connectors N glued N pictures N notes N
  slides=$(python3 "$CHECK" slides "$f")
  check "$d: native tables ($2)" [ "$2" -ge 3 ]
  check "$d: every connector glued to two boxes of its slide ($6 of $4)" [ "$4" -gt 0 -a "$4" -eq "$6" ]
  check "$d: no picture of a slide ($8)" [ "$8" -eq 0 ]
  check "$d: a notes page for each of the $slides slides (${10})" [ "${10}" -eq "$slides" ]
done
# The speaker notes of a scenario, worked by hand from checkout-en.yaml:
# queue-backlog happens 8 times a year, detect 30m, recover 2h, impact 0.5:
# 8 x 2.5h x 0.5 = 10h a year; its loss pays 52,500 an incident and 3,500
# an hour: 8 x (2.5 x 0.5 x 3,500 + 52,500) = USD 455,000.
python3 "$CHECK" notes "$WORK/en.pptx" >"$WORK/en-notes"
check "notes: frequency x (detect + recover) x impact" \
  grep -qF "Frequency a year 8 × (detect 30m + recover 2h) × impact 50% = Downtime a year 10h" "$WORK/en-notes"
check "notes: the yearly loss and its rates" \
  sh -c "grep -qF 'Yearly loss now USD 455,000 (frequency' '$WORK/en-notes' && grep -qF 'Penalty USD 52,500 an incident, Productivity USD 3,500 an hour' '$WORK/en-notes'"
check "notes: the decision's reason" \
  grep -qF "Decision: Mitigate — the planned measures pay for themselves: the reduction is at least their cost a year (Reduction USD 319,375 ≥ Cost a year USD 18,333)" "$WORK/en-notes"
python3 "$CHECK" notes "$WORK/ja.pptx" >"$WORK/ja-notes"
check "notes in Japanese" grep -q "年間発生頻度" "$WORK/ja-notes"
check "ja: Japanese runs are lang=ja-JP" grep -q 'lang="ja-JP"' "$WORK/x-ja/ppt/slides/slide3.xml"
check "the theme's East Asian font" grep -q '<a:ea typeface="Noto Sans CJK JP"/>' "$WORK/x-en/ppt/theme/theme1.xml"
check "the generation time from SOURCE_DATE_EPOCH" grep -q "2023-11-14T22:13:20Z" "$WORK/x-en/docProps/core.xml"

# --- the loss-exceedance slide of a plan with ranges ---------------------------
# The slide after the key figures draws the curves natively: two freeforms
# (now, planned), no picture; the key figures' cards are on one slide only.
for d in rng rja; do
  f="$WORK/$d.pptx"
  mkdir -p "$WORK/x-$d"
  (cd "$WORK/x-$d" && unzip -q "$f")
  find "$WORK/x-$d" -name '*.xml' -o -name '*.rels' | sort >"$WORK/parts"
  check "$d: all $(wc -l <"$WORK/parts") XML parts are well-formed" \
    sh -c "xargs xmllint --noout <'$WORK/parts' 2>'$WORK/xmllint'"
  if python3 "$CHECK" package "$f" >"$WORK/pkg"; then pass "$d: content types and relationship targets"; else
    fail "$d: package"; head -5 "$WORK/pkg" | sed 's/^/  /'; fi
  python3 "$CHECK" shapes "$f" >"$WORK/$d-shapes"
  check "$d: one slide with freeforms, the third" test "$(awk '$2 > 0 { print $1 }' "$WORK/$d-shapes")" = 3
  check "$d: the exceedance slide has two custGeom shapes and no picture" \
    test "$(awk '$1 == 3 { print $2, $3 }' "$WORK/$d-shapes")" = "2 0"
  col=2
  [ "$d" = rja ] && col=3
  label=$(sed -n "s/^figure.yearly_loss_planned\t//p" "$TOP_SRCDIR/templates/messages.tsv" | cut -f$((col - 1)) | tr -d ' ')
  check "$d: the key figures ($label) on one slide only" \
    test "$(grep -cF -- "$label" "$WORK/$d-shapes")" -eq 1
  python3 "$CHECK" notes "$f" >"$WORK/$d-notes"
  caption=$(sed -n "s/^caption.exceedance\t//p" "$TOP_SRCDIR/templates/messages.tsv" | cut -f$((col - 1)))
  check "$d: the notes say what the curve means" grep -qF -- "$caption" "$WORK/$d-notes"
done
check "rja: the exceedance slide's Japanese runs are lang=ja-JP" \
  grep -q 'lang="ja-JP"' "$WORK/x-rja/ppt/slides/slide3.xml"
check "rng: the curves in the pdf's colours (now, planned)" \
  sh -c "grep -q '<a:srgbClr val=\"0B4F8A\"/>' '$WORK/x-rng/ppt/slides/slide3.xml' && grep -q '<a:srgbClr val=\"1B7837\"/>' '$WORK/x-rng/ppt/slides/slide3.xml'"

# --- determinism --------------------------------------------------------------
run "$BADDAY" render "$MEETING/checkout-en.yaml" -f pptx -o "$WORK/en2.pptx"
check "two renders are byte-identical" cmp -s "$WORK/en.pptx" "$WORK/en2.pptx"

# --- the template ---------------------------------------------------------------
# LibreOffice writes a presentation of its own (its masters, its twelve
# layouts, its theme) from the deck; its theme's Latin font becomes DejaVu
# Serif, as a company template would name its own.
mkdir -p "$WORK/lo-made"
$LO --convert-to pptx --outdir "$WORK/lo-made" "$WORK/en.pptx" >"$WORK/lo1" 2>&1
check "LibreOffice writes a presentation to take as a template" [ -s "$WORK/lo-made/en.pptx" ]
python3 - "$WORK/lo-made/en.pptx" "$WORK/company.pptx" "$WORK/nolayout.pptx" <<'PY'
import re, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as good, \
     zipfile.ZipFile(sys.argv[3], "w", zipfile.ZIP_DEFLATED) as bad:
    for i in src.infolist():
        data = src.read(i.filename)
        if i.filename.startswith("ppt/theme/"):
            data = re.sub(rb'<a:latin typeface="[^"]*"', b'<a:latin typeface="DejaVu Serif"', data)
        good.writestr(i.filename, data)
        if i.filename.startswith("ppt/slideLayouts/slideLayout"):
            data = re.sub(rb'type="(titleOnly|obj)"', b'type="blank"', data)
        bad.writestr(i.filename, data)
PY
run "$BADDAY" render "$MEETING/checkout-en.yaml" -f pptx -O template="$WORK/company.pptx" -o "$WORK/tpl.pptx"
expect_rc "the deck renders with the template" 0
check "the template's Title Only layout" test "$(python3 "$CHECK" layout "$WORK/tpl.pptx")" = "Title Only"
check "the template's own slides are dropped" test "$(python3 "$CHECK" slides "$WORK/tpl.pptx")" -eq "$(python3 "$CHECK" slides "$WORK/en.pptx")"
if python3 "$CHECK" package "$WORK/tpl.pptx" >"$WORK/pkg"; then pass "template deck: content types and relationship targets"; else
  fail "template deck: package"; head -5 "$WORK/pkg" | sed 's/^/  /'; fi
run "$BADDAY" render "$MEETING/checkout-en.yaml" -f pptx -O template="$WORK/nolayout.pptx" -o "$WORK/none.pptx"
expect_rc "a template without a fitting layout is refused" 3
check "  with the reason" grep -q 'has no "Title Only" or "Title and Content" layout' "$WORK/err"
check "  and no file" test ! -e "$WORK/none.pptx"
run "$BADDAY" render "$MEETING/checkout-en.yaml" -f pptx -O template="$WORK/missing.pptx" -o "$WORK/none.pptx"
expect_rc "a missing template is refused" 3
check "  naming it" grep -q "template $WORK/missing.pptx" "$WORK/err"

# --- LibreOffice: every deck in one process ---------------------------------------
mkdir -p "$WORK/lo-pdf"
$LO --convert-to pdf --outdir "$WORK/lo-pdf" "$WORK/en.pptx" "$WORK/ja.pptx" "$WORK/cmp.pptx" \
  "$WORK/port.pptx" "$WORK/tpl.pptx" "$WORK/rng.pptx" "$WORK/rja.pptx" >"$WORK/lo2" 2>&1
for d in en ja cmp port tpl rng rja; do
  pdf="$WORK/lo-pdf/$d.pdf"
  ref="$WORK/$d.pdf"
  [ "$d" = tpl ] && ref="$WORK/en.pdf"
  got=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
  want=$(pdfinfo "$ref" 2>/dev/null | sed -n 's/^Pages: *//p')
  check "$d: LibreOffice opens it: ${got:-no} slides, as the pdf deck (${want:-?})" [ "${got:-0}" -eq "${want:-1}" ]
  if python3 "$WORDS" bounds "$pdf" >"$WORK/bounds"; then pass "$d: every word inside its slide, above the footer"; else
    fail "$d: words outside"; head -5 "$WORK/bounds" | sed 's/^/  /'; fi
  # every scenario title, whitespace aside (titles wrap)
  pdftotext "$pdf" - | tr -d ' \n\t\f' >"$WORK/text"
  missing=0
  case $d in
  ja) plans="$MEETING/shinsa-ja.yaml" ;;
  cmp) plans="$Q/payments-2026-Q3.yaml" ;;
  port) plans="$Q/payments-2026-Q3.yaml $Q/search-2026-Q3.yaml $MEETING/checkout-en.yaml" ;;
  rng | rja) plans="$RANGES" ;;
  *) plans="$MEETING/checkout-en.yaml" ;;
  esac
  for plan in $plans; do
    "$BADDAY" render "$plan" -f json -o - 2>/dev/null | jq -r '.scenarios[].title' | tr -d ' \t' >"$WORK/titles"
    while read -r t; do grep -qF -- "$t" "$WORK/text" || { missing=$((missing + 1)); echo "  missing: $t"; }; done <"$WORK/titles"
  done
  check "$d: every scenario title" [ "$missing" -eq 0 ]
  # the key figures: every figure (a word with a digit, between the
  # running head and the footer) on the pdf deck's key-figures slide is on
  # the pptx deck's (whitespace aside: LibreOffice spaces 1.9 億円 where
  # the digits and the kanji come from two fonts)
  python3 "$CHECK" figures "$ref" 2 >"$WORK/want"
  pdftotext -f 2 -l 2 "$pdf" - | tr -d ' \n\t\f' >"$WORK/got"
  absent=""
  while read -r fig; do grep -qF -- "$fig" "$WORK/got" || absent="$absent $fig"; done <"$WORK/want"
  check "$d: the key figures of the pdf deck ($(wc -l <"$WORK/want") figures${absent:+; missing$absent})" [ -z "$absent" -a -s "$WORK/want" ]
done
# the reading of the curve, word for word as the pdf deck has it, and the
# two curves drawn (pixels of their colours on the slide at 60 dpi)
for d in rng rja; do
  prefix=$(sed -n "s/^figure.exceedance\t//p" "$TOP_SRCDIR/templates/messages.tsv" | cut -f"$([ $d = rja ] && echo 2 || echo 1)" | sed 's/{}.*//')
  want=$(pdftotext -f 3 -l 3 "$WORK/$d.pdf" - | grep -F -- "$prefix" | tr -d ' \t')
  pdftotext -f 3 -l 3 "$WORK/lo-pdf/$d.pdf" - | tr -d ' \n\t\f' >"$WORK/got"
  check "$d: the reading as the pdf deck has it (${want:-none})" \
    sh -c "echo '$want' | grep -q '[0-9]' && grep -qF -- '$want' '$WORK/got'"
  pdftoppm -r 60 -f 3 -l 3 -singlefile "$WORK/lo-pdf/$d.pdf" "$WORK/$d-curve"
  set -- $(python3 "$CHECK" pixels "$WORK/$d-curve.ppm" 0B4F8A 1B7837)
  check "$d: both curves drawn ($1 and $2 pixels of their colours)" [ "${1:-0}" -gt 100 -a "${2:-0}" -gt 100 ]
done
check "ja: a CJK font in the converted deck" sh -c "pdffonts '$WORK/lo-pdf/ja.pdf' | grep -q NotoSansCJK"
check "ja: the Japanese headings" sh -c "pdftotext '$WORK/lo-pdf/ja.pdf' - | grep -q '判断が必要なシナリオ'"
check "template: its theme font in the converted deck" sh -c "pdffonts '$WORK/lo-pdf/tpl.pdf' | grep -q DejaVuSerif"
check "template: not the built-in theme's font" sh -c "! pdffonts '$WORK/lo-pdf/tpl.pdf' | grep -q 'DejaVuSans '"
finish
