#!/bin/sh
# The Trend view (--history) in the PDF report and the PDF deck: with the
# history fixture (tests/history/make-archive.sh: service Alpha, 2024-Q3
# .. 2025-Q3 archived, 2025-Q4 rendered) the report has a Trend page after
# the summary (in the contents and the outline; the panels, then a table
# of every period's figures) and the deck a Trend slide
# after the key figures, as many slides as its plan; each panel reads the
# hand-computed figures of this report and of the first period (the
# script's comment): yearly loss now 12000 and planned 12000 against 4000
# and 2000, error budget used 2 / 8.76 against 4 / 8.76, coverage 1/4
# (verified 0) against 0, decisions 0 against 1; the value axis of the
# loss runs to USD 20K by 5K (largest figure 16000).  Japanese shows 推移
# with the CJK font embedded.  A history of 20 quarters labels at most 8
# periods a panel, none overlapping (pdftotext -bbox); every word inside
# its page.  Without an SLO three panels (no error budget); a portfolio
# has the Trend page of the service with a history only.  No Trend page without --history, nor when the archive holds
# no earlier period; renders are byte-identical.
. "$TOP_SRCDIR/tests/lib.sh"

for tool in pdfinfo pdftotext pdffonts python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "not ok - $tool is not installed"; exit 1; }
done
WORDS="$TOP_SRCDIR/tests/pdfwords.py"
HISTORY="$TOP_SRCDIR/tests/history"
export BADDAY SOURCE_DATE_EPOCH=1700000000

# pdf NAME OUT ARGS...: renders ARGS to the PDF OUT; passes when it exits 0
# and says nothing (no "the deck has N slides, its plan M" warning).
pdf() {
  name=$1 out=$2
  shift 2
  run "$BADDAY" render "$@" -f pdf -o "$out"
  if [ "$RC" -eq 0 ] && ! grep -q "warning" "$WORK/err"; then pass "$name renders"; else
    fail "$name: exit $RC"; sed 's/^/  stderr: /' "$WORK/err" | head -5; fi
}

# page_of PDF TEXT: the first page whose text has TEXT (empty: none).
page_of() {
  python3 "$WORDS" pages "$1" "$2" | sed -n 1p
}

# page_text PDF PAGE: the text of one page.
page_text() {
  pdftotext -f "$2" -l "$2" "$1" - 2>/dev/null
}

sh "$HISTORY/make-archive.sh" "$WORK/en" en || fail "the English history fixture"
sh "$HISTORY/make-archive.sh" "$WORK/ja" ja || fail "the Japanese history fixture"
PLAN="$WORK/en/plans/2025-Q4.yaml"

# --- the report ------------------------------------------------------------
pdf "report" "$WORK/report.pdf" "$PLAN" --history "$WORK/en/archive"
trend=$(page_of "$WORK/report.pdf" "Every archived period of this service")
summary=$(page_of "$WORK/report.pdf" "Totals per state")
changes=$(python3 "$WORDS" pages "$WORK/report.pdf" "What changed" | sed -n 2p) # 1: the contents
check "report: the Trend page ($trend) right after the summary ($summary)" \
  [ "${trend:-0}" -eq $((${summary:-0} + 1)) ]
check "report: What changed ($changes) after the Trend page" [ "${changes:-0}" -gt "${trend:-0}" ]
page_text "$WORK/report.pdf" "$trend" >"$WORK/trend.txt"
check "report: the page's heading" grep -qx "Trend" "$WORK/trend.txt"
for reading in "Now USD 12K · Planned USD 12K (2024-Q3: USD 4.0K · USD 2.0K)" \
  "22.8% (2024-Q3: 45.7%)" "Coverage 25% · Verified 0% (2024-Q3: 0% · 0%)" "0 (2024-Q3: 1)"; do
  check "report: the reading '$reading'" grep -qxF "$reading" "$WORK/trend.txt"
done
for title in "Yearly loss" "Error budget used" "Coverage" "Decisions needed"; do
  check "report: the panel '$title'" grep -qxF "$title" "$WORK/trend.txt"
done
# the table of every period under the panels: the first and this report
pdftotext -layout -f "$trend" -l "$trend" "$WORK/report.pdf" - | sed 's/  */ /g; s/^ //' >"$WORK/table.txt"
for row in "2024-Q3 USD 4.0K USD 2.0K 45.7% 0% 0% 1" "2025-Q3 USD 10K USD 10K 22.8% 25% 0% 0" \
  "2025-Q4 USD 12K USD 12K 22.8% 25% 0% 0"; do
  check "report: the table's row '$row'" grep -qxF "$row" "$WORK/table.txt"
done
# the loss panel's value axis, top down, to the left of its chart
pdftotext -bbox -f "$trend" -l "$trend" "$WORK/report.pdf" "$WORK/trend.html"
axis=$(python3 - "$WORK/trend.html" <<'EOF'
import re, sys
words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<',
                   open(sys.argv[1], encoding="utf-8").read())
# an axis label is "USD" and its figure, the first words of their line
# (a reading's figures follow other words)
def first_on_line(x, y):
    return not any(abs(float(w[1]) - y) < 0.5 and float(w[0]) < x for w in words)
figs = [(float(y), t) for x, y, t in words if re.fullmatch(r"\d+(\.\d)?K?", t)
        and any(w[2] == "USD" and abs(float(w[1]) - float(y)) < 0.5 and float(w[0]) < float(x)
                and first_on_line(float(w[0]), float(w[1])) for w in words)]
ys = sorted({(y, t) for y, t in figs})
print(" ".join(t for y, t in ys))
EOF
)
check "report: the loss axis reads 20K 15K 10K 5.0K 0 top down ($axis)" \
  sh -c "echo '$axis' | grep -q '^20K 15K 10K 5.0K 0'"
pdftotext -f 1 -l 1 "$WORK/report.pdf" - | grep -v '^$' | tr '\n' '|' >"$WORK/contents"
check "report: Trend in the contents, on page $trend" grep -q "|Summary|2|Trend|$trend|What changed|" "$WORK/contents"
check "report: Trend in the outline" sh -c "strings '$WORK/report.pdf' | grep -q '/Title (Trend)'"
if python3 "$WORDS" bounds "$WORK/report.pdf" >"$WORK/bounds"; then pass "report: every word inside its page"; else
  fail "report: words outside"; head -5 "$WORK/bounds" | sed 's/^/  /'; fi
pdf "report again" "$WORK/again.pdf" "$PLAN" --history "$WORK/en/archive"
check "report: renders are byte-identical" cmp -s "$WORK/report.pdf" "$WORK/again.pdf"

# --- the deck ----------------------------------------------------------------
pdf "deck" "$WORK/deck.pdf" "$PLAN" --history "$WORK/en/archive" --layout slides
python3 "$WORDS" headings "$WORK/deck.pdf" >"$WORK/headings"
check "deck: Trend is the third slide, after the key figures" \
  sh -c "sed -n 2,3p '$WORK/headings' | tr '\n' '|' | grep -qx 'Key figures|Trend|'"
# title, key figures, trend, what changed since 2025-Q3 (2), decisions,
# loss matrix, the tree, the heatmap: the plan's 9 (pdf() saw no warning
# that the plugin drew other than its plan)
n=$(pdfinfo "$WORK/deck.pdf" | sed -n 's/^Pages: *//p')
check "deck: 9 slides ($n)" [ "${n:-0}" -eq 9 ]
page_text "$WORK/deck.pdf" 3 >"$WORK/slide.txt"
for reading in "Now USD 12K · Planned USD 12K (2024-Q3: USD 4.0K · USD 2.0K)" \
  "22.8% (2024-Q3: 45.7%)" "Coverage 25% · Verified 0% (2024-Q3: 0% · 0%)" "0 (2024-Q3: 1)"; do
  check "deck: the reading '$reading'" grep -qxF "$reading" "$WORK/slide.txt"
done
if python3 "$WORDS" bounds "$WORK/deck.pdf" >"$WORK/bounds"; then pass "deck: every word inside its slide"; else
  fail "deck: words outside"; head -5 "$WORK/bounds" | sed 's/^/  /'; fi
small=$(python3 "$WORDS" smallest "$WORK/deck.pdf")
check "deck: no type under 12 pt (smallest $small pt)" awk -v m="$small" 'BEGIN { exit !(m >= 11.9) }'

# --- Japanese ------------------------------------------------------------------
JPLAN="$WORK/ja/plans/2025-Q4.yaml"
for layout in report slides; do
  pdf "Japanese $layout" "$WORK/ja-$layout.pdf" "$JPLAN" --history "$WORK/ja/archive" --lang ja \
    --layout "$layout"
  p=$(page_of "$WORK/ja-$layout.pdf" "このサービスのアーカイブ済みの各期間")
  check "Japanese $layout: the page headed 推移 ($p)" sh -c "[ -n '$p' ] && pdftotext -f '$p' -l '$p' '$WORK/ja-$layout.pdf' - | grep -qx '推移'"
  check "Japanese $layout: the loss reading" sh -c \
    "pdftotext -f '$p' -l '$p' '$WORK/ja-$layout.pdf' - | grep -qxF '現状 USD 12K · 計画後 USD 12K (2024-Q3: USD 4.0K · USD 2.0K)'"
  check "Japanese $layout: the CJK font embedded on the Trend page" sh -c \
    "pdffonts -f '$p' -l '$p' '$WORK/ja-$layout.pdf' | grep 'NotoSansCJK' | grep -q ' yes yes '"
  if python3 "$WORDS" bounds "$WORK/ja-$layout.pdf" >"$WORK/bounds"; then pass "Japanese $layout: every word inside"; else
    fail "Japanese $layout: words outside"; head -5 "$WORK/bounds" | sed 's/^/  /'; fi
done

# --- 20 quarters: labels that fit ----------------------------------------------
mkdir -p "$WORK/long"
i=0
for year in 2021 2022 2023 2024 2025; do
  for q in 1 2 3 4; do
    i=$((i + 1))
    sed "s/SERVICE/Alpha/; s/PERIOD/$year-Q$q/; s/AS_OF/$year-$(printf %02d $((q * 3)))-15/; s/RATE/$((500 * (i % 7 + 1)))/; s/STATUS/planned/" \
      "$HISTORY/service.yaml" >"$WORK/long/$year-Q$q.yaml"
    [ "$i" -lt 20 ] && "$BADDAY" archive --dir "$WORK/long/archive" "$WORK/long/$year-Q$q.yaml" >/dev/null 2>&1
  done
done
for layout in report slides; do
  pdf "20 quarters $layout" "$WORK/long-$layout.pdf" "$WORK/long/2025-Q4.yaml" \
    --history "$WORK/long/archive" --layout "$layout"
  p=$(page_of "$WORK/long-$layout.pdf" "Every archived period of this service")
  pdftotext -bbox -f "${p:-1}" -l "${p:-1}" "$WORK/long-$layout.pdf" "$WORK/long.html"
  if python3 - "$WORK/long.html" >"$WORK/labels" <<'EOF'; then
import re, sys
boxes = [tuple(map(float, m[:4])) + (m[4],) for m in re.findall(
    r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\d{4}-Q\d)<',
    open(sys.argv[1], encoding="utf-8").read())]
bad = [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
       if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
# the axes' labels: two or more on a line (the report's table has one a row)
boxes = [b for b in boxes if sum(abs(c[1] - b[1]) < 0.5 for c in boxes) > 1]
# the axes: labels on one line, left to right, a new axis at each 2021-Q1
axes = []
for b in sorted(boxes, key=lambda b: (round(b[1]), b[0])):
    if b[4] == "2021-Q1" or not axes:
        axes.append([])
    axes[-1].append(b[4])
rows = {i: a for i, a in enumerate(axes)}
print(len(boxes), "labels on", len(rows), "axes:", " | ".join(" ".join(r) for r in rows.values()))
for a, b in bad:
    print("overlap:", a, b)
# every axis: the first and the last period, at most 8, at least 3
sys.exit(1 if bad or len(rows) != 4 or any(
    r[0] != "2021-Q1" or r[-1] != "2025-Q4" or not 3 <= len(r) <= 8 for r in rows.values()) else 0)
EOF
    pass "20 quarters $layout: $(head -1 "$WORK/labels" | cut -d: -f1), none overlapping"
  else
    fail "20 quarters $layout: period labels"; sed 's/^/  /' "$WORK/labels" | head -5
  fi
  if python3 "$WORDS" bounds "$WORK/long-$layout.pdf" >"$WORK/bounds"; then pass "20 quarters $layout: every word inside"; else
    fail "20 quarters $layout: words outside"; head -5 "$WORK/bounds" | sed 's/^/  /'; fi
done

# --- no SLO: three panels in a row; a portfolio: a Trend page per service with one
mkdir -p "$WORK/noslo-fixture"
sed '/^slo:/d' "$HISTORY/service.yaml" >"$WORK/noslo-fixture/service.yaml"
cp "$HISTORY/make-archive.sh" "$WORK/noslo-fixture/"
sh "$WORK/noslo-fixture/make-archive.sh" "$WORK/noslo" || fail "the fixture without an SLO"
for layout in report slides; do
  pdf "no SLO, $layout" "$WORK/noslo-$layout.pdf" "$WORK/noslo/plans/2025-Q4.yaml" \
    --history "$WORK/noslo/archive" --layout "$layout"
  p=$(page_of "$WORK/noslo-$layout.pdf" "Every archived period of this service")
  page_text "$WORK/noslo-$layout.pdf" "${p:-1}" >"$WORK/noslo.txt"
  check "no SLO, $layout: the loss, coverage and decisions panels" sh -c \
    "grep -qx 'Yearly loss' '$WORK/noslo.txt' && grep -qx 'Decisions needed' '$WORK/noslo.txt'"
  check "no SLO, $layout: no error budget panel" sh -c "! grep -q 'Error budget used' '$WORK/noslo.txt'"
  if python3 "$WORDS" bounds "$WORK/noslo-$layout.pdf" >"$WORK/bounds"; then pass "no SLO, $layout: every word inside"; else
    fail "no SLO, $layout: words outside"; head -5 "$WORK/bounds" | sed 's/^/  /'; fi
done
run "$BADDAY" render "$PLAN" "$TOP_SRCDIR/tests/quarters/search-2026-Q3.yaml" --history "$WORK/en/archive" \
  -f pdf -o "$WORK/portfolio.pdf"
expect_rc "a portfolio with --history renders" 0
pages=$(python3 "$WORDS" pages "$WORK/portfolio.pdf" "Every archived period of this service" | tr '\n' ' ')
check "a portfolio: one Trend page ($pages)" [ "$(echo "$pages" | wc -w)" -eq 1 ]
check "a portfolio: the Trend page is Alpha's" sh -c \
  "pdftotext -f '${pages%% *}' -l '${pages%% *}' '$WORK/portfolio.pdf' - | grep -q 'Alpha · Trend'"

# --- no Trend page -------------------------------------------------------------
pdf "report without --history" "$WORK/none.pdf" "$PLAN"
check "without --history: no Trend page" sh -c "! pdftotext '$WORK/none.pdf' - | grep -qx 'Trend'"
pdf "deck without --history" "$WORK/none-deck.pdf" "$PLAN" --layout slides
check "without --history: no Trend slide" sh -c "! python3 '$WORDS' headings '$WORK/none-deck.pdf' | grep -qx Trend"
for layout in report slides; do
  pdf "the first period, $layout" "$WORK/first-$layout.pdf" "$WORK/en/plans/2024-Q3.yaml" \
    --history "$WORK/en/archive" --layout "$layout"
  check "an archive without an earlier period: no Trend $layout page" \
    sh -c "! pdftotext '$WORK/first-$layout.pdf' - | grep -q 'Every archived period'"
done

# An archive edited by hand (its JSONs are anyone's files): an infinite
# yearly loss, an overspent budget of 500% and a period name of 6000 code
# points.  Every writer finishes (a scale never loops), the loss leaves a
# gap, the long period is labelled by its as_of date, and the HTML and the
# pptx's XML stay whole UTF-8.
cp -r "$WORK/en" "$WORK/edited"
python3 - "$WORK/edited/archive" <<'PY'
import re, sys
a = sys.argv[1]
def edit(period, fn):
    p = f"{a}/{period}/Alpha.json"
    s = open(p, encoding="utf-8").read()
    open(p, "w", encoding="utf-8").write(fn(s))
edit("2024-Q3", lambda s: s.replace('"period": "2024-Q3"', '"period": "' + "期間" * 3000 + '"', 1))
def totals(s, key, v):  # the line of totals.current (four spaces in)
    out = []
    for line in s.split("\n"):
        if line.startswith('    "current": {"eal": '):
            pattern = r'("eal": )[^,]+' if key == "eal" else r'("budget_used": )[^,]+'
            line = re.sub(pattern, lambda m: m.group(1) + v, line, count=1)
        out.append(line)
    return "\n".join(out)
edit("2024-Q4", lambda s: totals(s, "eal", "1e999"))
edit("2025-Q1", lambda s: totals(s, "budget", "5"))
PY
run "$BADDAY" render "$WORK/edited/plans/2025-Q4.yaml" --history "$WORK/edited/archive" -f json -o "$WORK/edited.json"
check "edited: the JSON reads the edits (the overspent budget, the long name)" jq -e \
  '.history.periods[2].budget_used == 5 and (.history.periods[0].period | length) == 6000' "$WORK/edited.json"
for f in pdf html pptx; do
  run timeout 120 "$BADDAY" render "$WORK/edited/plans/2025-Q4.yaml" --history "$WORK/edited/archive" \
    -f $f -o "$WORK/edited.$f"
  expect_rc "edited: the $f writer finishes" 0
done
run timeout 120 "$BADDAY" render "$WORK/edited/plans/2025-Q4.yaml" --history "$WORK/edited/archive" \
  -f pdf --layout slides -o "$WORK/edited-slides.pdf"
expect_rc "edited: the pdf deck finishes" 0
pdftotext -f 3 -l 3 "$WORK/edited-slides.pdf" - >"$WORK/edited.txt"
check "edited: the long period labelled by its as_of date" grep -qF '2024-08-15: ' "$WORK/edited.txt"
check "edited: the 500% budget's axis (0 to 600% by 200%)" \
  sh -c 'grep -qx "600%" "$1" && grep -qx "400%" "$1" && ! grep -qx "575%" "$1"' sh "$WORK/edited.txt"
check "edited: the infinite loss is no figure (the reading's first period unchanged)" \
  grep -qF '(2024-08-15: USD 4.0K' "$WORK/edited.txt"
check "edited: the HTML is whole UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null "$WORK/edited.html"
mkdir -p "$WORK/edited-pptx" && (cd "$WORK/edited-pptx" && unzip -q "$WORK/edited.pptx")
check "edited: every slide and note of the pptx is well-formed XML" \
  sh -c 'for f in "$1"/ppt/slides/*.xml "$1"/ppt/notesSlides/*.xml; do xmllint --noout "$f" || exit 1; done' \
  sh "$WORK/edited-pptx"

finish
