#!/bin/sh
# The html plugin with several plans (portfolio) and --compare, on the
# hand-worked figures of the tests/quarters fixtures: the portfolio summary
# and its totals, the sources and their SHA-256, one section per service
# with ids that never collide, the mixed-currency case, "What changed" with
# signed differences, Japanese labels and the slide decks; then the pages in
# headless Chromium (console, CSP, keys across every slide, screenshots).
# Fails without chromium, as tests/html-browser.sh does.
# BADDAY_SCREENSHOTS=DIR keeps the screenshots there, to look at.
. "$TOP_SRCDIR/tests/lib.sh"

PY=${PYTHON:-python3}
DOM="$TOP_SRCDIR/tests/html/dom.py"
STRUCTURE="$TOP_SRCDIR/tests/html/structure.py"
Q="$TOP_SRCDIR/tests/quarters"
Q2="$Q/payments-2026-Q2.yaml"
Q3="$Q/payments-2026-Q3.yaml"
S3="$Q/search-2026-Q3.yaml"
MINUS=$(printf '\342\210\222') # U+2212
ARROW=$(printf '\342\206\222') # U+2192

# render NAME ARGS...: renders to $WORK/NAME.html and expects success.
render() {
  name=$1
  shift
  run "$BADDAY" render "$@" -f html -o "$WORK/$name.html"
  expect_rc "$name renders" 0
}

# xpath NAME FILE EXPR: xmllint finds EXPR.
xpath() {
  if [ -n "$(xmllint --html --xpath "$3" "$2" 2>/dev/null)" ]; then pass "$1"; else
    fail "$1: no match for $3"; fi
}

# no_xpath NAME FILE EXPR: xmllint does not find EXPR.
no_xpath() {
  if [ -z "$(xmllint --html --xpath "$3" "$2" 2>/dev/null)" ]; then pass "$1"; else
    fail "$1: unexpected match for $3"; fi
}

# has_text NAME FILE TEXT / lacks_text NAME FILE TEXT: in the page's text or not.
has_text() {
  if "$PY" "$DOM" text "$2" | grep -qF -- "$3"; then pass "$1"; else fail "$1: text lacks '$3'"; fi
}
lacks_text() {
  if "$PY" "$DOM" text "$2" | grep -qF -- "$3"; then fail "$1: text has '$3'"; else pass "$1"; fi
}

# count_of FILE PATTERN: how many times PATTERN (fixed) occurs in FILE.
count_of() {
  grep -oF -- "$2" "$1" | wc -l | tr -d ' '
}

command -v xmllint >/dev/null || { echo "not ok - xmllint is needed (libxml2-utils)"; exit 1; }

sed 's/currency: USD/currency: JPY/' "$S3" >"$WORK/search-jpy.yaml"

render portfolio "$Q3" "$S3"
render portfolio-slides "$Q3" "$S3" --layout slides
render mixed "$Q3" "$WORK/search-jpy.yaml"
render mixed-slides "$Q3" "$WORK/search-jpy.yaml" --layout slides
render compare "$Q3" --compare "$Q2"
render compare-ja "$Q3" --compare "$Q2" --lang ja
render compare-slides "$Q3" --compare "$Q2" --layout slides
render both "$Q3" "$S3" --compare "$Q2"
render both-slides "$Q3" "$S3" --compare "$Q2" --layout slides
render both-ja-slides "$Q3" "$S3" --compare "$Q2" --layout slides --lang ja
render single "$Q3"

PAGES="portfolio portfolio-slides mixed mixed-slides compare compare-ja compare-slides both both-slides
  both-ja-slides"

# --- every page: well formed, unique ids, CSP, nothing unsafe ---------------------
for page in $PAGES; do
  f="$WORK/$page.html"
  check "$page: well formed (every element closed in order)" "$PY" "$STRUCTURE" wellformed "$f"
  xmllint --html --noout "$f" 2>"$WORK/xmllint.err"
  if grep 'parser error' "$WORK/xmllint.err" | grep -qv 'Tag [A-Za-z0-9]* invalid'; then
    fail "$page: xmllint --html reports errors"
    grep 'parser error' "$WORK/xmllint.err" | grep -v 'Tag [A-Za-z0-9]* invalid' | head -3
  else
    pass "$page: xmllint --html reports no error but HTML5 tag names"
  fi
  check "$page: no id twice, every #link has its target" "$PY" "$STRUCTURE" ids "$f"
  check "$page: CSP allows exactly our style and script" "$PY" "$DOM" csp "$f"
  case $page in *slides) scripts=1 ;; *) scripts=0 ;; esac
  check "$page: no on* attribute, javascript: or external URL" "$PY" "$DOM" safe "$f" "$scripts"
done

# --- portfolio report ---------------------------------------------------------------
P="$WORK/portfolio.html"
SHA_Q3=$(sha256sum "$Q3" | cut -d' ' -f1)
SHA_S3=$(sha256sum "$S3" | cut -d' ' -f1)
SHA_Q2=$(sha256sum "$Q2" | cut -d' ' -f1)
xpath "portfolio: cover titled Resilience portfolio" "$P" "//header[contains(@class,'portfolio-cover')]/h1[.='Resilience portfolio']"
xpath "portfolio: summary section" "$P" "//section[@id='portfolio']/h2[.='Portfolio summary']"
xpath "portfolio: Payments API section headed by its name" "$P" "//section[@id='svc-1']//h2[.='Payments API']"
xpath "portfolio: Search section headed by its name" "$P" "//section[@id='svc-2']//h2[.='Search']"
for id in summary decisions loss-matrix scenario-tree coverage; do
  xpath "portfolio: Payments API has its $id view" "$P" "//section[@id='svc-1']//section[@id='svc-1-$id']"
  xpath "portfolio: Search has its $id view" "$P" "//section[@id='svc-2']//section[@id='svc-2-$id']"
done
no_xpath "portfolio: no unprefixed view id" "$P" "//section[@id='summary']"
for href in '#portfolio' '#svc-1' '#svc-2' '#sources' '#svc-2-coverage'; do
  check "portfolio: contents link $href" grep -qF "href=\"$href\"" "$P"
done
T="//table[contains(@class,'portfolio-table')]"
xpath "portfolio table: Payments API row, current 12,000" "$P" "$T/tbody/tr[th/a='Payments API'][td[1]='12,000'][td[2]='12,000']"
xpath "portfolio table: Payments API has no SLO" "$P" "$T/tbody/tr[th/a='Payments API'][td[3]='No SLO set']"
xpath "portfolio table: Payments API coverage 25%, verified 12.5%, 0 decisions" "$P" "$T/tbody/tr[th/a='Payments API'][td[4]='25%'][td[5]='12.5%'][td[6]='0']"
xpath "portfolio table: Search 2,400 now, 1,600 planned, 13.7% budget" "$P" "$T/tbody/tr[th/a='Search'][td[1]='2,400'][td[2]='1,600'][td[3]='13.7%']"
xpath "portfolio table: Search coverage 25%, verified 0%, 1 decision" "$P" "$T/tbody/tr[th/a='Search'][td[4]='25%'][td[5]='0%'][td[6]='1']"
xpath "portfolio table: total USD 14,400 now, USD 13,600 planned" "$P" "$T/tfoot/tr[td[1]='USD 14,400'][td[2]='USD 13,600']"
xpath "portfolio table: total coverage 25%, verified 10%, 1 decision" "$P" "$T/tfoot/tr[td[4]='25%'][td[5]='10%'][td[6]='1']"
has_text "portfolio: key figure yearly loss now" "$P" "USD 14,400"
has_text "portfolio: key figure yearly loss planned" "$P" "USD 13,600"
has_text "portfolio: baseline 16,400 in a note" "$P" "USD 16,400"
xpath "portfolio: key figure coverage 25%" "$P" "//div[contains(@class,'figure-coverage')]/div[@class='figure-value'][.='25%']"
xpath "portfolio: key figure verified 10%" "$P" "//div[contains(@class,'figure-verified')]/div[@class='figure-value'][.='10%']"
xpath "portfolio: key figure 2 services" "$P" "//div[contains(@class,'figure-services')]/div[@class='figure-value'][.='2']"
has_text "portfolio: period in the cover" "$P" "2026-Q3"
no_xpath "portfolio: no comparison column without --compare" "$P" "$T//th[.='Yearly loss change']"
for sha in "$SHA_Q3" "$SHA_S3"; do
  xpath "portfolio: Sources lists SHA-256 $sha" "$P" "//section[@id='sources']//code[.='$sha']"
  check "portfolio: a meta tag carries SHA-256 $sha" grep -qF "<meta name=\"badday-source-sha256\" content=\"$sha\">" "$P"
done
check "portfolio: exactly one SHA-256 meta per plan" test "$(count_of "$P" 'name="badday-source-sha256"')" -eq 2
xpath "portfolio: Sources names the plan file" "$P" "//section[@id='sources']//td[.='$Q3']"
check "portfolio: tree shapes defined once" test "$(count_of "$P" 'id="bd-box-loss"')" -eq 1
check "portfolio: page title" grep -qF '<title>Resilience portfolio' "$P"

# --- mixed currencies -------------------------------------------------------------------
M="$WORK/mixed.html"
xpath "mixed: total row says the currencies differ" "$M" "$T/tfoot//td[contains(.,'different currencies')]"
lacks_text "mixed: no sum in USD" "$M" "USD 14,400"
lacks_text "mixed: no sum at all" "$M" "14,400"
xpath "mixed: Search row in its own currency" "$M" "$T/tbody/tr[th/a='Search'][td[1]='JPY 2,400']"
xpath "mixed slides: compact amounts in their own currency" "$WORK/mixed-slides.html" "$T/tbody/tr[th='Search'][td[1]='JPY 2.4K'][td[1]/@title='JPY 2,400']"
xpath "mixed: Payments row in its own currency" "$M" "$T/tbody/tr[th/a='Payments API'][td[1]='USD 12,000']"
xpath "mixed: coverage still summed" "$M" "$T/tfoot/tr[td[1][@colspan='3']][td[2]='25%'][td[3]='10%']"
has_text "mixed slides: the currencies differ" "$WORK/mixed-slides.html" "The services count in different currencies"

# --- comparison -------------------------------------------------------------------------
C="$WORK/compare.html"
xpath "compare: What changed right after the summary" "$C" "//section[@id='summary']/following-sibling::section[1][@id='changes']/h2[.='What changed']"
check "compare: contents links #changes" grep -qF 'href="#changes"' "$C"
has_text "compare: names the compared file" "$C" "payments-2026-Q2.yaml"
has_text "compare: the compared period" "$C" "2026-Q2"
has_text "compare: the compared as-of date" "$C" "2026-06-30"
has_text "compare: SHA-256 of the compared plan" "$C" "$SHA_Q2"
check "compare: meta with the compared SHA-256" grep -qF "<meta name=\"badday-compared-sha256\" content=\"$SHA_Q2\">" "$C"
CH="//table[contains(@class,'changes')]"
xpath "compare: total before 13,000, now 12,000, ${MINUS}1,000" "$C" "$CH/tfoot/tr[td[2]='13,000'][td[3]='12,000'][td[4]='${MINUS}1,000']"
xpath "compare: key figure USD ${MINUS}1,000" "$C" "//div[contains(@class,'figure-change')]/div[@class='figure-value'][.='USD ${MINUS}1,000']"
check "compare: no ASCII hyphen as a minus sign in the text" \
  sh -c '! "$1" "$2" text "$3" | grep -qE "(^|[^A-Za-z0-9])-(USD )?[0-9]"' sh "$PY" "$DOM" "$C"
xpath "compare: queue-full is new, 0 to 3,000, +3,000" "$C" "$CH/tbody/tr[contains(@class,'delta-added')][th/div[.='queue-full']][td[3]='3,000'][td[4]='+3,000']"
xpath "compare: queue-full says new in words" "$C" "$CH/tbody/tr[th/div[.='queue-full']]/td[contains(@class,'change')][contains(.,'new')]"
xpath "compare: old-batch removed, ${MINUS}2,000" "$C" "$CH/tbody/tr[contains(@class,'delta-removed')][th/div[.='old-batch']][td[2]='2,000'][td[4]='${MINUS}2,000']"
xpath "compare: old-batch says removed in words" "$C" "$CH/tbody/tr[th/div[.='old-batch']]/td[contains(@class,'change')][contains(.,'removed')]"
xpath "compare: db-down 8,000 to 6,000, ${MINUS}2,000" "$C" "$CH/tbody/tr[contains(@class,'delta-changed')][th/div[.='db-down']][td[2]='8,000'][td[3]='6,000'][td[4]='${MINUS}2,000']"
xpath "compare: db-down Mitigate $ARROW Monitor" "$C" "$CH/tbody/tr[th/div[.='db-down']]/td[contains(@class,'decision')][normalize-space(.)='Mitigate $ARROW Monitor']"
xpath "compare: db-down Detective: Planned $ARROW Verified" "$C" "$CH/tbody/tr[th/div[.='db-down']]//div[normalize-space(.)='Detective: Planned $ARROW Verified']"
xpath "compare: db-down Testing: None $ARROW Verified" "$C" "$CH/tbody/tr[th/div[.='db-down']]//div[normalize-space(.)='Testing: None $ARROW Verified']"
xpath "compare: dns-fail Recovery: Verified $ARROW Stale" "$C" "$CH/tbody/tr[th/div[.='dns-fail']]//div[normalize-space(.)='Recovery: Verified $ARROW Stale']"
xpath "compare: dns-fail Testing: Verified $ARROW Stale" "$C" "$CH/tbody/tr[th/div[.='dns-fail']]//div[normalize-space(.)='Testing: Verified $ARROW Stale']"
check "compare: four scenarios listed" test "$(xmllint --html --xpath "count($CH/tbody/tr)" "$C" 2>/dev/null)" = 4
no_xpath "compare: unchanged cache-cold not listed" "$C" "$CH//tr[th/div[.='cache-cold']]"
has_text "compare: 1 scenario unchanged" "$C" "1 scenario unchanged"
for fig in added:1 removed:1 changed:2; do
  xpath "compare: key figure ${fig%%:*} ${fig#*:}" "$C" "//div[contains(@class,'figure-${fig%%:*}')]/div[@class='figure-value'][.='${fig#*:}']"
done
J="$WORK/compare-ja.html"
has_text "compare --lang ja: heading" "$J" "前回からの変化"
has_text "compare --lang ja: caption" "$J" "変化したシナリオ"
check "compare --lang ja: lang=ja" grep -qF '<html lang="ja">' "$J"

# --- single plan stays as it was ---------------------------------------------------------
check "single plan: no portfolio or changes CSS" sh -c '! grep -qF "change-figures" "$1"' sh "$WORK/single.html"
no_xpath "single plan: no What changed" "$WORK/single.html" "//section[@id='changes']"

# --- portfolio with a comparison ------------------------------------------------------------
B="$WORK/both.html"
xpath "both: changes inside the Payments API section" "$B" "//section[@id='svc-1']//section[@id='svc-1-changes']"
no_xpath "both: no changes for Search (nothing to compare with)" "$B" "//section[@id='svc-2-changes']"
xpath "both: loss change column ${MINUS}1,000 for Payments API" "$B" "$T/tbody/tr[th/a='Payments API'][td[7]='${MINUS}1,000']"
check "both: compared SHA-256 in the Sources" grep -qF "$SHA_Q2" "$B"

# --- slides -------------------------------------------------------------------------------------
# slide_order NAME FILE: ids slide-1..slide-N in order, each footer "k / N".
slide_order() {
  n=$(count_of "$2" 'class="slide ')
  ok=1
  k=1
  for id in $(grep -o 'id="slide-[0-9]*"' "$2" | sed 's/id="slide-//; s/"//'); do
    [ "$id" = "$k" ] || ok=0
    k=$((k + 1))
  done
  [ "$((k - 1))" = "$n" ] || ok=0
  [ "$(count_of "$2" "/ $n</span>")" = "$n" ] || ok=0
  if [ "$ok" = 1 ] && [ "$n" -gt 0 ]; then pass "$1: $n slides numbered in order"; else fail "$1: slide numbering"; fi
}
PS="$WORK/portfolio-slides.html"
slide_order portfolio-slides "$PS"
slide_order both-slides "$WORK/both-slides.html"
slide_order compare-slides "$WORK/compare-slides.html"
xpath "portfolio slides: first slide is the portfolio title" "$PS" "//section[@id='slide-1'][contains(@class,'slide-title')]//h1[.='Resilience portfolio']"
xpath "portfolio slides: then the key figures" "$PS" "//section[@id='slide-2'][contains(@class,'slide-portfolio')]"
xpath "portfolio slides: then the services table with totals" "$PS" "//section[@id='slide-3'][contains(@class,'slide-services')]//tfoot/tr[td[1]='14,400'][td[2]='13,600']"
xpath "portfolio slides: then the sources (as in the pdf deck)" "$PS" "//section[@id='slide-4'][contains(@class,'slide-sources')]//table[contains(@class,'sources')]"
xpath "portfolio slides: then Payments API's title slide" "$PS" "//section[@id='slide-5'][contains(@class,'slide-title')]//h1[.='Payments API']"
xpath "portfolio slides: Search's title slide later" "$PS" "//section[contains(@class,'slide-title')]//h1[.='Search']"
check "portfolio slides: exactly one script" test "$(grep -ci '<script' "$PS")" -eq 1
CS="$WORK/compare-slides.html"
# the slide plan: the comparison's figures on a slide, then its table ("What changed (2/2)")
xpath "compare slides: What changed after the key figures" "$CS" "//section[@id='slide-3'][contains(@class,'slide-changes')]//h2[.='What changed (1/2)']"
xpath "compare slides: its table on the next slide" "$CS" "//section[@id='slide-4'][contains(@class,'slide-changes')]//h2[.='What changed (2/2)']"
xpath "compare slides: ${MINUS}1,000 in the total" "$CS" "$CH/tfoot/tr[td[4]='${MINUS}1,000']"
xpath "compare slides: db-down Mitigate $ARROW Monitor" "$CS" "$CH/tbody/tr[th/div[.='db-down']]/td[contains(@class,'decision')][normalize-space(.)='Mitigate $ARROW Monitor']"
xpath "both slides: What changed in the Payments API part" "$WORK/both-slides.html" "//section[contains(@class,'slide-changes')]//h2[starts-with(.,'What changed')]"
has_text "both slides --lang ja: heading" "$WORK/both-ja-slides.html" "前回からの変化"

# --- in Chromium ------------------------------------------------------------------------------------
. "$TOP_SRCDIR/tests/html/browser.sh"

drive both
drive both-slides --slides
drive mixed
drive compare-ja
drive both-ja-slides --slides

for page in both both-slides; do
  chrome --enable-logging=stderr --v=0 --dump-dom "file://$WORK/$page.html" >"$WORK/$page.dom.html" 2>"$WORK/chrome.err"
  check "$page: no console message or CSP report in Chromium's log" \
    sh -c '! grep -E "CONSOLE|Content Security Policy" "$1"' sh "$WORK/chrome.err"
done
check "both slides: the deck script ran under the CSP" grep -q '<html lang="en" class="deck"' \
  "$WORK/both-slides.dom.html"

shot both 1280 2000
shot compare 1280 2000
shot both-slides 1280 720 "#slide-3"
shot both-slides 1280 720 "#slide-6"
[ -n "${BADDAY_SCREENSHOTS:-}" ] && echo "# screenshots in $SHOTS"

finish
