#!/bin/sh
# The pptx deck (plugins/pptx), checked in a real client: LibreOffice
# Impress converts every deck to PDF in one process, and poppler reads the
# result.  The package: every XML part well-formed (xmllint), every
# relationship target a part, a content type for every part, native
# tables, glued connectors and no picture, a notes page per slide with
# the figures in words; the converted decks: as many slides as the pdf
# deck, every scenario title and the key figures of the pdf deck, nothing
# under the footer; Japanese in a CJK font with lang="ja-JP" runs; the
# Trend slide of --history (native freeforms, the readings' figures, every
# period's figures in the notes, no overlapping labels); a
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
# the Trend slide (--history): the fixture's six quarters of Alpha (its
# archive in English and in Japanese), and twenty quarters without an SLO
# (three panels in a row; the period labels thinned)
HIST="$TOP_SRCDIR/tests/history"
sh "$HIST/make-archive.sh" "$WORK/h-en" >/dev/null 2>&1
sh "$HIST/make-archive.sh" "$WORK/h-ja" ja >/dev/null 2>&1
deck tr "$WORK/h-en/plans/2025-Q4.yaml" --history "$WORK/h-en/archive"
deck trja "$WORK/h-ja/plans/2025-Q4.yaml" --history "$WORK/h-ja/archive" --lang ja
mkdir -p "$WORK/long"
n=0
for y in 2020 2021 2022 2023 2024; do
  for m in 02 05 08 11; do
    n=$((n + 1))
    sed "/^slo:/d; s/SERVICE/Alpha/; s/PERIOD/$y-Q$(((n - 1) % 4 + 1))/; s/AS_OF/$y-$m-15/; s/RATE/$((100 * n))/; s/STATUS/planned/" \
      "$HIST/service.yaml" >"$WORK/long/$n.yaml"
    [ "$n" -lt 20 ] && "$BADDAY" archive --dir "$WORK/long/archive" "$WORK/long/$n.yaml" >/dev/null 2>&1
  done
done
deck long "$WORK/long/20.yaml" --history "$WORK/long/archive"
deck nohist "$WORK/h-en/plans/2025-Q4.yaml"

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

# --- the Trend slide (--history) -------------------------------------------------
# The slide after the key figures draws deck_trend's panels natively: a
# freeform a series (none broken: every point has every figure), the
# second series of a panel dashed, no picture; the readings' figures are
# the fixture's, worked by hand (tests/history/make-archive.sh): loss now
# 12,000 and planned 12,000 against 4,000 and 2,000 in 2024-Q3; error
# budget used 2 / 8.76 = 22.8% against 4 / 8.76 = 45.7%; coverage 25%,
# verified 0% against 0% and 0%; decisions 0 against 1.
for d in tr trja long; do
  f="$WORK/$d.pptx"
  mkdir -p "$WORK/x-$d"
  (cd "$WORK/x-$d" && unzip -q "$f")
  find "$WORK/x-$d" -name '*.xml' -o -name '*.rels' | sort >"$WORK/parts"
  check "$d: all $(wc -l <"$WORK/parts") XML parts are well-formed" \
    sh -c "xargs xmllint --noout <'$WORK/parts' 2>'$WORK/xmllint'"
  if python3 "$CHECK" package "$f" >"$WORK/pkg"; then pass "$d: content types and relationship targets"; else
    fail "$d: package"; head -5 "$WORK/pkg" | sed 's/^/  /'; fi
  python3 "$CHECK" shapes "$f" >"$WORK/$d-shapes"
  check "$d: one slide with freeforms, the third (after the key figures)" \
    test "$(awk '$2 > 0 { print $1 }' "$WORK/$d-shapes")" = 3
  python3 "$CHECK" notes "$f" >"$WORK/$d-notes"
done
# four panels (loss 2 series, budget 1, coverage 2, decisions 1); three
# without an SLO (no budget panel)
check "tr: the Trend slide has 6 freeforms (4 panels) and no picture" \
  test "$(awk '$1 == 3 { print $2, $3 }' "$WORK/tr-shapes")" = "6 0"
check "trja: the same 6 freeforms" test "$(awk '$1 == 3 { print $2 }' "$WORK/trja-shapes")" = 6
check "long: 5 freeforms (3 panels: no SLO, no budget panel)" \
  test "$(awk '$1 == 3 { print $2 }' "$WORK/long-shapes")" = 5
# dashed: the two second series (planned, verified) and their keys' swatches
check "tr: the second series dashed, in the line and the key (4 a:prstDash)" \
  test "$(grep -o '<a:prstDash val="dash"/>' "$WORK/x-tr/ppt/slides/slide3.xml" | wc -l)" -eq 4
missing=""
for c in 0B4F8A 1B7837 D94801; do # plugin.h: accent, verified green, heat high
  grep -q "<a:srgbClr val=\"$c\"/>" "$WORK/x-tr/ppt/slides/slide3.xml" || missing="$missing $c"
done
check "tr: the series' colours (now/coverage, planned/verified, budget)${missing:+; missing$missing}" [ -z "$missing" ]
sed -n 3p "$WORK/tr-shapes" >"$WORK/tr-text"
for fig in "Trend" "YearlylossNowPlannedNowUSD12K·PlannedUSD12K(2024-Q3:USD4.0K·USD2.0K)" \
  "Errorbudgetused22.8%(2024-Q3:45.7%)" "Coverage25%·Verified0%(2024-Q3:0%·0%)" \
  "Decisionsneeded0(2024-Q3:1)" "USD0USD5.0KUSD10KUSD15KUSD20K" "0%25%50%75%100%" \
  "2024-Q32024-Q42025-Q12025-Q22025-Q32025-Q4"; do
  check "tr: the slide reads $fig" grep -qF -- "$fig" "$WORK/tr-text"
done
sed -n 3p "$WORK/trja-shapes" >"$WORK/trja-text"
for fig in "推移" "年間損失現状計画後現状USD12K·計画後USD12K(2024-Q3:USD4.0K·USD2.0K)" \
  "エラーバジェット消費率22.8%(2024-Q3:45.7%)" "カバレッジカバレッジ検証済みカバレッジ25%·検証済み0%(2024-Q3:0%·0%)" \
  "要判断0(2024-Q3:1)"; do
  check "trja: the slide reads $fig" grep -qF -- "$fig" "$WORK/trja-text"
done
# every run of the Trend slide with Japanese in it is lang="ja-JP" (and
# there are some: the heading, the panels' titles, readings and keys)
check "trja: the Trend slide's Japanese runs are lang=ja-JP" python3 -c '
import re, sys
runs = re.findall(r"<a:rPr ([^>]*)>(?:(?!</a:r>).)*?<a:t>([^<]*)</a:t>", open(sys.argv[1], encoding="utf-8").read())
ja = [a for a, t in runs if re.search("[\u3000-\u9fff]", t)]
sys.exit(not (len(ja) >= 8 and all("lang=\"ja-JP\"" in a for a in ja)))' "$WORK/x-trja/ppt/slides/slide3.xml"
# the notes: every period's figures, a panel a paragraph
check "tr: the notes read every period's yearly loss" grep -qxF \
  "Yearly loss: 2024-Q3 Now USD 4.0K, Planned USD 2.0K; 2024-Q4 Now USD 8.0K, Planned USD 4.0K; 2025-Q1 Now USD 12K, Planned USD 6.0K; 2025-Q2 Now USD 16K, Planned USD 8.0K; 2025-Q3 Now USD 10K, Planned USD 10K; 2025-Q4 Now USD 12K, Planned USD 12K" "$WORK/tr-notes"
check "tr: ... the error budget used" grep -qxF \
  "Error budget used: 2024-Q3 45.7%; 2024-Q4 45.7%; 2025-Q1 45.7%; 2025-Q2 45.7%; 2025-Q3 22.8%; 2025-Q4 22.8%" "$WORK/tr-notes"
check "tr: ... coverage and the decisions" sh -c "grep -qF '2025-Q3 Coverage 25%, Verified 0%; 2025-Q4 Coverage 25%, Verified 0%' '$WORK/tr-notes' && grep -qxF 'Decisions needed: 2024-Q3 1; 2024-Q4 1; 2025-Q1 1; 2025-Q2 1; 2025-Q3 0; 2025-Q4 0' '$WORK/tr-notes'"
check "trja: the notes in Japanese" grep -qxF \
  "要判断: 2024-Q3 1; 2024-Q4 1; 2025-Q1 1; 2025-Q2 1; 2025-Q3 0; 2025-Q4 0" "$WORK/trja-notes"
check "long: the notes read all 20 quarters" \
  sh -c "grep '^Decisions needed: ' '$WORK/long-notes' | grep -o '20[0-9][0-9]-Q[1-4]' | wc -l | grep -qx 20"
# twenty quarters: under each of the three axes the first and the last
# quarter and some between, at most 8 (the readings name 2020-Q1 too)
sed -n 3p "$WORK/long-shapes" >"$WORK/long-text"
check "long: the last quarter under each of the 3 axes" test "$(grep -o '2024-Q4' "$WORK/long-text" | wc -l)" -eq 3
check "long: the first under each axis, and in each reading" test "$(grep -o '2020-Q1' "$WORK/long-text" | wc -l)" -eq 6
labels=$(grep -o '20[0-9][0-9]-Q[1-4]' "$WORK/long-text" | wc -l)
check "long: 3 to 8 period labels an axis ($labels, less the 3 readings')" \
  [ "$((labels - 3))" -ge 9 -a "$((labels - 3))" -le 24 ]
# without --history, no Trend slide: no freeform, no slide headed Trend,
# and as many slides as the pdf deck (which has none either)
python3 "$CHECK" shapes "$WORK/nohist.pptx" >"$WORK/nohist-shapes"
check "without --history: no Trend slide (no freeform, no heading)" \
  sh -c "! awk '\$2 > 0' '$WORK/nohist-shapes' | grep -q . && ! grep -q '^[0-9]* 0 0 Trend' '$WORK/nohist-shapes'"
check "without --history: as many slides as the pdf deck" \
  [ "$(python3 "$CHECK" slides "$WORK/nohist.pptx")" -eq "$(pdfinfo "$WORK/nohist.pdf" | sed -n 's/^Pages: *//p')" ]

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
  "$WORK/port.pptx" "$WORK/tpl.pptx" "$WORK/rng.pptx" "$WORK/rja.pptx" \
  "$WORK/tr.pptx" "$WORK/trja.pptx" "$WORK/long.pptx" >"$WORK/lo2" 2>&1
for d in en ja cmp port tpl rng rja tr trja long; do
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
  tr) plans="$WORK/h-en/plans/2025-Q4.yaml" ;;
  trja) plans="$WORK/h-ja/plans/2025-Q4.yaml" ;;
  long) plans="$WORK/long/20.yaml" ;;
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
# the Trend slide converted: its heading and the readings' figures, no
# two words on top of each other (the period labels thinned to fit), the
# series drawn (pixels of the now and planned colours)
for d in tr trja long; do
  pdftotext -f 3 -l 3 "$WORK/lo-pdf/$d.pdf" - | tr -d ' \n\t\f' >"$WORK/got"
  case $d in
  tr) want="Trend USD12K(2024-Q3:USD4.0K·USD2.0K) 22.8%(2024-Q3:45.7%) Coverage25% 0(2024-Q3:1)" ;;
  trja) want="推移 USD12K(2024-Q3:USD4.0K·USD2.0K) 22.8%(2024-Q3:45.7%) カバレッジ25% 0(2024-Q3:1)" ;;
  long) want="Trend USD4.0K(2020-Q1:USD400·USD200) 2024-Q4 1(2020-Q1:1)" ;;
  esac
  absent=""
  for w in $want; do grep -qF -- "$w" "$WORK/got" || absent="$absent $w"; done
  check "$d: the converted Trend slide reads its heading and figures${absent:+; missing$absent}" [ -z "$absent" ]
  if python3 "$CHECK" overlaps "$WORK/lo-pdf/$d.pdf" 3 >"$WORK/overlaps"; then pass "$d: no two words of the Trend slide overlap"; else
    fail "$d: words overlap"; head -5 "$WORK/overlaps" | sed 's/^/  /'; fi
  pdftoppm -r 60 -f 3 -l 3 -singlefile "$WORK/lo-pdf/$d.pdf" "$WORK/$d-trend"
  set -- $(python3 "$CHECK" pixels "$WORK/$d-trend.ppm" 0B4F8A 1B7837)
  check "$d: the series drawn ($1 and $2 pixels of their colours)" [ "${1:-0}" -gt 100 -a "${2:-0}" -gt 50 ]
done
check "trja: Noto Sans CJK in the converted Trend slide" \
  sh -c "pdffonts -f 3 -l 3 '$WORK/lo-pdf/trja.pdf' | grep -q NotoSansCJK"
check "ja: a CJK font in the converted deck" sh -c "pdffonts '$WORK/lo-pdf/ja.pdf' | grep -q NotoSansCJK"
check "ja: the Japanese headings" sh -c "pdftotext '$WORK/lo-pdf/ja.pdf' - | grep -q '判断が必要なシナリオ'"
check "template: its theme font in the converted deck" sh -c "pdffonts '$WORK/lo-pdf/tpl.pdf' | grep -q DejaVuSerif"
check "template: not the built-in theme's font" sh -c "! pdffonts '$WORK/lo-pdf/tpl.pdf' | grep -q 'DejaVuSans '"
finish
