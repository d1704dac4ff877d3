#!/bin/sh
# The html plugin in headless Chromium: every page loads with no console
# error (CSP violations included) and no request other than the file
# itself; the slide keys work; hostile plans run no script and show their
# strings as text in the DOM the browser built; screenshots are not blank.
# Fails without chromium (./dev.sh installs it).  BADDAY_SCREENSHOTS=DIR keeps the
# screenshots there, to look at.
. "$TOP_SRCDIR/tests/lib.sh"

PY=${PYTHON:-python3}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$CHROMIUM" ]; then echo "not ok - chromium is not installed (./dev.sh installs it)"; exit 1; fi
command -v "$PY" >/dev/null || { echo "# python3 is needed"; exit 99; }
DOM="$TOP_SRCDIR/tests/html/dom.py"
DRIVE="$TOP_SRCDIR/tests/html/drive.py"
PNG="$TOP_SRCDIR/tests/pngcheck.py"
HOSTILE="$TOP_SRCDIR/tests/html/hostile.yaml"
JA="$VALID/japanese.yaml"
SHOTS=${BADDAY_SCREENSHOTS:-$WORK/shots}
mkdir -p "$SHOTS"

# chrome ARGS...: headless Chromium with a fresh profile, no background traffic.
chrome() {
  profile=$(mktemp -d "$WORK/profile.XXXXXX")
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --hide-scrollbars --user-data-dir="$profile" "$@"
}

# render NAME PLAN ARGS...
render() {
  name=$1 plan=$2
  shift 2
  run "$BADDAY" render "$plan" -f html -o "$WORK/$name.html" "$@"
  expect_rc "$name renders" 0
}

# drive NAME [--slides]: console, requests and (slides) keys, over DevTools.
drive() {
  if "$PY" "$DRIVE" "$CHROMIUM" "$WORK/$1.html" ${2:-} >"$WORK/drive.out" 2>&1; then
    pass "$1: loads cleanly in Chromium$([ -n "${2:-}" ] && echo ', keys move between slides')"
  else
    fail "$1: in Chromium"
  fi
  sed 's/^/  /' "$WORK/drive.out"
}

# shot NAME WIDTH HEIGHT [FRAGMENT]: a screenshot that is not blank.
shot() {
  out="$SHOTS/$1${4:+-$(echo "$4" | tr -d '#')}.png"
  chrome --window-size="$2,$3" --screenshot="$out" "file://$WORK/$1.html${4:-}" >/dev/null 2>&1
  if [ -s "$out" ] && "$PY" "$PNG" "$out" 40 0.02 >"$WORK/png.out"; then
    pass "$1${4:-} screenshot is not blank ($(cat "$WORK/png.out"))"
  else
    fail "$1${4:-} screenshot blank or missing ($(cat "$WORK/png.out" 2>/dev/null))"
  fi
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
