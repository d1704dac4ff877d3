#!/bin/sh
# The pdf plugin with several plans (a portfolio) and with --compare: the
# portfolio summary first with each service's row, the totals and the
# sources (full SHA-256), each service's own sections with the service in
# the outline, the traceability footer, mixed currencies, the "What
# changed" section with the figures of tests/quarters worked by hand, the
# slides, Japanese labels and byte-identical renders.  Figures: see the
# comments in tests/quarters/*.yaml and the portfolio spec.
. "$TOP_SRCDIR/tests/lib.sh"

for tool in pdfinfo pdffonts pdftotext qpdf jq sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || { echo "not ok - $tool is not installed"; exit 1; }
done

# The plans are named as a user in their directory would (the Sources list
# shows the file as given).
cd "$TOP_SRCDIR/tests/quarters" || exit 1
Q2=payments-2026-Q2.yaml Q3=payments-2026-Q3.yaml SEARCH=search-2026-Q3.yaml
SHA_Q3=$(sha256sum "$Q3" | cut -d' ' -f1)
SHA_SEARCH=$(sha256sum "$SEARCH" | cut -d' ' -f1)
MINUS=$(printf '\342\210\222') # U+2212, the minus sign of differences

# render NAME OUT ARGS...: renders to OUT and expects success without a
# warning from the plugin (a warning about a plan without a compared
# report is the host's and expected, and so are the plans' lint warnings,
# FILE:LINE:COL: warning:, such as a runbook with neither effect nor cost).
render() {
  name=$1 out=$2
  shift 2
  run "$BADDAY" render "$@" -f pdf -o "$out"
  expect_rc "$name renders" 0
  if grep -v "no earlier report" "$WORK/err" | grep -Ev ':[0-9]+:[0-9]+: warning: |: warning: [0-9]+ more warnings? not shown' |
    grep -q "warning"; then
    fail "$name: warnings"; sed 's/^/  /' "$WORK/err" | head -5; fi
}

# text PDF OUT [FIRST LAST]: pdftotext -layout of PDF (or of pages FIRST..LAST) into OUT.
text() {
  if [ $# -ge 4 ]; then
    pdftotext -enc UTF-8 -layout -f "$3" -l "$4" "$1" "$2" 2>/dev/null
  else
    pdftotext -enc UTF-8 -layout "$1" "$2" 2>/dev/null
  fi
}

# has NAME FILE TEXT...: FILE contains every TEXT.
has() {
  name=$1 file=$2
  shift 2
  for t in "$@"; do
    if grep -qF -- "$t" "$file"; then pass "$name: '$t'"; else fail "$name: no '$t'"; fi
  done
}

# lacks NAME FILE TEXT: FILE does not contain TEXT.
lacks() {
  if grep -qF -- "$3" "$2"; then fail "$1: '$3' should not be there"; else pass "$1: no '$3'"; fi
}

# row NAME FILE PATTERN: a line of FILE matches the extended regex PATTERN.
row() {
  if grep -qE -- "$3" "$2"; then pass "$1"; else fail "$1: no line matches '$3'"; grep -E -- "${3%%[ .]*}" "$2" | head -3 | sed 's/^/  /'; fi
}

# page_of FILE TEXT: the first page (1-based, pages split by form feeds) that has TEXT.
page_of() {
  awk -v t="$2" 'BEGIN { RS = "\f" } index($0, t) { print NR; exit }' "$1"
}

# head_page FILE HEAD: the first page whose running head (its first line
# of text) is HEAD.
head_page() {
  awk -v t="$2" 'BEGIN { RS = "\f" } { n = split($0, l, "\n"); for (i = 1; i <= n; i++) if (l[i] ~ /[^ ]/) break
    h = l[i]; sub(/^ +/, "", h); sub(/ +$/, "", h); if (h == t) { print NR; exit } }' "$1"
}

fonts_embedded() {
  pdffonts "$2" >"$WORK/fonts" 2>&1
  total=$(tail -n +3 "$WORK/fonts" | grep -c .)
  missing=$(tail -n +3 "$WORK/fonts" | awk '$(NF-4) != "yes"' | grep -c .)
  if [ "$total" -gt 0 ] && [ "$missing" -eq 0 ]; then pass "$1: $total fonts, all embedded"; else
    fail "$1: $missing of $total fonts not embedded"; sed 's/^/  /' "$WORK/fonts"; fi
}

valid_pdf() {
  if qpdf --check "$2" >"$WORK/qpdf" 2>&1; then pass "$1: qpdf --check"; else
    fail "$1: qpdf --check"; sed 's/^/  /' "$WORK/qpdf" | head -8; fi
}

# --- portfolio, report layout ---------------------------------------------
P="$WORK/portfolio.pdf"
render "portfolio" "$P" "$Q3" "$SEARCH"
text "$P" "$WORK/p.txt"
# The summary comes first: on page 2, right after the portfolio's cover.
text "$P" "$WORK/p2.txt" 2 2
has "portfolio summary page" "$WORK/p2.txt" "Portfolio summary" "Services" "Sources"
row "summary row: Payments API 12,000 / 12,000 / no SLO / 25% / 12.5% / 0" "$WORK/p2.txt" \
  '^ *Payments API +USD 12,000 +USD 12,000 +No SLO set +25% +12\.5% +0 *$'
row "summary row: Search 2,400 / 1,600 / 13.7% / 25% / 0% / 1" "$WORK/p2.txt" \
  '^ *Search +USD 2,400 +USD 1,600 +13\.7% +25% +0% +1 *$'
row "total row: 14,400 / 13,600 / 25% / 10% / 1" "$WORK/p2.txt" \
  '^ *Total +USD 14,400 +USD 13,600 +25% +10% +1 *$'
has "key figures" "$WORK/p2.txt" "USD 14,400" "USD 13,600" "USD 16,400"
row "sources: the Q3 plan with its full SHA-256" "$WORK/p2.txt" "payments-2026-Q3\.yaml +$SHA_Q3"
row "sources: the search plan with its full SHA-256" "$WORK/p2.txt" "search-2026-Q3\.yaml +$SHA_SEARCH"
has "portfolio footer" "$WORK/p2.txt" "Portfolio of 2 plans"
lacks "portfolio pages: no plan's SHA in the footer" "$WORK/p2.txt" "SHA-256 $SHA_Q3"
text "$P" "$WORK/p1.txt" 1 1
has "portfolio cover" "$WORK/p1.txt" "Resilience portfolio" "Payments API" "Search" "2026-Q3" "2026-09-30"
check "portfolio: title" [ "$(pdfinfo "$P" | sed -n 's/^Title: *//p')" = "Resilience portfolio — 2026-Q3" ]
check "portfolio: keywords trace both plans" \
  sh -c "pdfinfo '$P' | grep -q 'plan sha256 $SHA_Q3, $SHA_SEARCH'"

# Each service's sections follow, headed by its name, in command-line order.
pay=$(page_of "$WORK/p.txt" "Payments API · Loss matrix")
search=$(page_of "$WORK/p.txt" "Search · Loss matrix")
check "payments' loss matrix (page ${pay:-none}) before search's (page ${search:-none})" \
  [ "${pay:-0}" -gt 2 ] && [ "${search:-0}" -gt "${pay:-0}" ]
for view in "Summary" "Decisions" "Scenario tree" "Coverage heatmap"; do
  check "Payments API: $view" grep -qF "Payments API · $view" "$WORK/p.txt"
  check "Search: $view" grep -qF "Search · $view" "$WORK/p.txt"
done
has "service parts" "$WORK/p.txt" "The index rebuild saturates the cluster" "USD 12,000"

# A service page's footer: its file, its full SHA-256, the generator, the date.
text "$P" "$WORK/pay.txt" "$pay" "$pay"
row "footer of a Payments page: file · SHA-256 · badday · as of" "$WORK/pay.txt" \
  "payments-2026-Q3\.yaml · SHA-256 $SHA_Q3 · badday [0-9.]+ · As of 2026-09-30 +$pay ?/ ?[0-9]+ *\$"
text "$P" "$WORK/search.txt" "$search" "$search"
has "footer of a Search page" "$WORK/search.txt" "SHA-256 $SHA_SEARCH"
lacks "footer of a Search page: not the other plan" "$WORK/search.txt" "$SHA_Q3"

# The outline: the portfolio, then one entry per service with its sections.
qpdf --json --json-key=outlines "$P" >"$WORK/outline.json" 2>/dev/null
jqq() { jq -e "$@" >/dev/null; }
check "outline: portfolio summary at the top level" \
  jqq '[.outlines[].title] | index("Portfolio summary") != null' "$WORK/outline.json"
check "outline: one entry per service" \
  jqq '[.outlines[].title] | (index("Payments API") != null and index("Search") != null)' "$WORK/outline.json"
check "outline: Payments API holds its sections" \
  jqq '[.outlines[] | select(.title == "Payments API") | .kids[].title] | (index("Summary") != null and index("Loss matrix") != null and index("Scenario tree") != null)' \
  "$WORK/outline.json"
check "outline: Search holds its losses under its tree" \
  jqq '[.outlines[] | select(.title == "Search") | .kids[] | select(.title == "Scenario tree") | .kids[].title] | index("Search is slow") != null' \
  "$WORK/outline.json"
check "outline: sections are not at the top level" \
  jqq '[.outlines[].title] | index("Loss matrix") == null' "$WORK/outline.json"

fonts_embedded "portfolio" "$P"
check "portfolio: the SHA-256 in DejaVu Sans Mono" grep -q "DejaVuSansMono" "$WORK/fonts"
valid_pdf "portfolio" "$P"
render "portfolio again" "$WORK/again.pdf" "$Q3" "$SEARCH"
check "portfolio: renders are byte-identical (SOURCE_DATE_EPOCH)" cmp -s "$P" "$WORK/again.pdf"

# --- mixed currencies: no sums --------------------------------------------
sed 's/currency: USD/currency: JPY/' "$SEARCH" >"$WORK/search-jpy.yaml"
X="$WORK/mixed.pdf"
render "mixed currencies" "$X" "$Q3" "$WORK/search-jpy.yaml"
text "$X" "$WORK/x2.txt" 2 2
has "mixed currencies" "$WORK/x2.txt" "The services count in different currencies, so amounts are not summed." \
  "JPY 2,400" "USD 12,000"
lacks "mixed currencies: no summed total" "$WORK/x2.txt" "14,400"
lacks "mixed currencies: no summed planned" "$WORK/x2.txt" "13,600"
row "mixed currencies: the total row keeps coverage and decisions" "$WORK/x2.txt" \
  '^ *Total +— +— +25% +10% +1 *$'

# --- --compare: what changed -----------------------------------------------
C="$WORK/compare.pdf"
render "compare" "$C" "$Q3" --compare "$Q2"
text "$C" "$WORK/c.txt"
changes=$(head_page "$WORK/c.txt" "What changed")
summary=$(head_page "$WORK/c.txt" "Summary")
decisions=$(head_page "$WORK/c.txt" "Decisions needed")
check "What changed (page ${changes:-none}) right after the summary (page ${summary:-none})" \
  [ "${changes:-0}" -eq $((${summary:-0} + 1)) ]
text "$C" "$WORK/cp.txt" "$changes" "$changes"
has "compare: heading and source" "$WORK/cp.txt" \
  "Compared with payments-2026-Q2.yaml (2026-Q2, As of 2026-06-30)"
has "compare: total loss change" "$WORK/cp.txt" "USD ${MINUS}1,000" "USD 13,000 → USD 12,000"
row "compare: queue-full is new, 0 → 3,000" "$WORK/cp.txt" "new +— +3,000 +\+3,000 +Monitor"
has "compare: queue-full" "$WORK/cp.txt" "queue-full"
row "compare: old-batch is removed, 2,000 → gone" "$WORK/cp.txt" "removed +2,000 +— +${MINUS}2,000"
has "compare: old-batch" "$WORK/cp.txt" "old-batch"
row "compare: db-down changed 8,000 → 6,000, mitigate → monitor, detective planned → verified" \
  "$WORK/cp.txt" "changed +8,000 +6,000 +${MINUS}2,000 +Mitigate → Monitor +Detective: Planned → Verified"
has "compare: db-down testing none → verified" "$WORK/cp.txt" "Testing: None → Verified"
row "compare: dns-fail changed 1,000 → 1,000, recovery verified → stale" "$WORK/cp.txt" \
  "changed +1,000 +1,000 +0 +Monitor +Recovery: Verified → Stale"
check "compare: the decision change in lower case too" grep -qi "mitigate → monitor" "$WORK/cp.txt"
check "compare: the cell change in lower case too" grep -qi "planned → verified" "$WORK/cp.txt"
row "compare: 1 scenario unchanged" "$WORK/cp.txt" '^ *1 scenario unchanged *$'
lacks "compare: cache-cold is not listed" "$WORK/cp.txt" "cache-cold"
row "compare: cards: loss change, 1 new, 1 removed, 2 changed" "$WORK/cp.txt" \
  "^ *USD ${MINUS}1,000 +1 +1 +2 *\$"
check "compare: no What changed without --compare" [ -z "$(page_of "$WORK/p.txt" "What changed")" ]
check "compare: the changes page has the compared file" [ "$(page_of "$WORK/c.txt" "Compared with")" = "$changes" ]
check "compare: decisions still follow (page ${decisions:-none})" [ "${decisions:-0}" -gt "${changes:-0}" ]
has "compare: contents list it" "$WORK/c.txt" "What changed"
valid_pdf "compare" "$C"

# A portfolio with a comparison: the change column in the summary.
PC="$WORK/portfolio-compare.pdf"
render "portfolio with --compare" "$PC" "$Q3" "$SEARCH" --compare "$Q2"
text "$PC" "$WORK/pc2.txt" 2 2
row "portfolio: Payments' change since last quarter" "$WORK/pc2.txt" \
  "^ *Payments API +USD 12,000 .* +USD ${MINUS}1,000 *\$"
row "portfolio: Search has no compared report" "$WORK/pc2.txt" '^ *Search +USD 2,400 .* +— *$'

# --- slides ---------------------------------------------------------------
S="$WORK/slides.pdf"
render "portfolio slides" "$S" "$Q3" "$SEARCH" --compare "$Q2" --layout slides
check "slides: 16:9" sh -c "pdfinfo '$S' | grep -q 'Page size: *960 x 540'"
text "$S" "$WORK/s.txt"
check "slides: the portfolio title slide first" \
  [ "$(page_of "$WORK/s.txt" "Resilience portfolio")" = 1 ]
check "slides: the portfolio summary second" [ "$(page_of "$WORK/s.txt" "Portfolio summary")" = 2 ]
has "slides: summary and sources" "$WORK/s.txt" "USD 14,400" "USD 13,600" "$SHA_Q3" "$SHA_SEARCH"
wc=$(head_page "$WORK/s.txt" "Payments API · What changed")
text "$S" "$WORK/sw.txt" "$wc" "$wc"
has "slides: a What changed slide" "$WORK/sw.txt" "Payments API · What changed" "USD ${MINUS}1,000" \
  "1 scenario unchanged"
has "slides: the changed scenarios" "$WORK/s.txt" "queue-full" "old-batch" "Mitigate → Monitor"
check "slides: Search has no What changed slide" \
  sh -c "! grep -qF 'Search · What changed' '$WORK/s.txt'"
fonts_embedded "slides" "$S"
valid_pdf "slides" "$S"
render "single plan slides with --compare" "$WORK/cs.pdf" "$Q3" --compare "$Q2" --layout slides
text "$WORK/cs.pdf" "$WORK/cs.txt"
has "single plan slides: What changed" "$WORK/cs.txt" "What changed" "db-down"

# --- Japanese -------------------------------------------------------------
J="$WORK/ja.pdf"
render "Japanese portfolio" "$J" "$Q3" "$SEARCH" --compare "$Q2" --lang ja
text "$J" "$WORK/j.txt"
has "Japanese" "$WORK/j.txt" "前回からの変化" "ポートフォリオ概要" "入力ファイル" "件の計画のポートフォリオ" \
  "1 件のシナリオは変化なし"
fonts_embedded "Japanese" "$J"

finish
