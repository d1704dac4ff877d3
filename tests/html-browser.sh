#!/bin/sh
# The html plugin in headless Chromium: every page loads with no console
# error (CSP violations included) and no request other than the file
# itself; the slide keys work; hostile plans run no script and show their
# strings as text in the DOM the browser built; screenshots are not blank.
# Fails without chromium (./dev.sh installs it).  BADDAY_SCREENSHOTS=DIR keeps the
# screenshots there, to look at.
. "$TOP_SRCDIR/tests/lib.sh"

. "$TOP_SRCDIR/tests/html/browser.sh"
DOM="$TOP_SRCDIR/tests/html/dom.py"
HOSTILE="$TOP_SRCDIR/tests/html/hostile.yaml"
JA="$VALID/japanese.yaml"

# render NAME PLAN ARGS...
render() {
  name=$1 plan=$2
  shift 2
  run "$BADDAY" render "$plan" -f html -o "$WORK/$name.html" "$@"
  expect_rc "$name renders" 0
}

render spec-report "$EXAMPLE"
render spec-slides "$EXAMPLE" --layout slides
render japanese-report "$JA" --lang ja
render japanese-slides "$JA" --lang ja --layout slides
render hostile-report "$HOSTILE"
render hostile-slides "$HOSTILE" --layout slides

drive spec-report
drive spec-slides --slides
drive japanese-report
drive japanese-slides --slides
drive hostile-report
drive hostile-slides --slides

# the net log too: Chromium's own record of every request
chrome --log-net-log="$WORK/net.json" --enable-logging=stderr --v=0 \
  --dump-dom "file://$WORK/spec-report.html" >"$WORK/dom.html" 2>"$WORK/chrome.err"
check "net log: the page requests nothing" "$PY" "$DOM" netlog "$WORK/net.json"
check "no console message or CSP report in Chromium's log" \
  sh -c '! grep -E "CONSOLE|Content Security Policy" "$1"' sh "$WORK/chrome.err"

# hostile plans, in the DOM after the scripts ran
for page in hostile-report hostile-slides; do
  chrome --dump-dom "file://$WORK/$page.html#slide-2" >"$WORK/$page.dom.html" 2>/dev/null
  scripts=0
  [ "$page" = hostile-slides ] && scripts=1
  check "$page: live DOM has no injected script, handler or javascript: URL" \
    "$PY" "$DOM" safe "$WORK/$page.dom.html" "$scripts"
  for s in "</title><script>alert('service')</script>" "\"><img src=x onerror=alert('owner')>" \
    "javascript:alert('failure')" "</style><script>alert('loss')</script><style>" \
    "<svg onload=alert('scenario')><a href=\"javascript:alert(1)\">click</a>"; do
    if "$PY" "$DOM" text "$WORK/$page.dom.html" | grep -qF -- "$s"; then
      pass "$page: shown as text: $s"
    else
      fail "$page: not shown as text: $s"
    fi
  done
done
check "slides: the deck script ran under the CSP" grep -q '<html lang="en" class="deck"' \
  "$WORK/hostile-slides.dom.html"

shot spec-report 1280 2400
shot spec-slides 1280 720 "#slide-1"
shot spec-slides 1280 720 "#slide-5"
shot japanese-report 1280 2400
shot japanese-slides 1280 720 "#slide-5"
[ -n "${BADDAY_SCREENSHOTS:-}" ] && echo "# screenshots in $SHOTS"

finish
