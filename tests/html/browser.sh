# tests/html/browser.sh - the headless Chromium harness of the html tests
# (sourced after tests/lib.sh, not run): finds Chromium (failing without
# it: ./dev.sh installs it) and defines chrome, drive and shot.
# BADDAY_SCREENSHOTS=DIR keeps the screenshots there, to look at.

PY=${PYTHON:-python3}
command -v "$PY" >/dev/null || { echo "# python3 is needed"; exit 99; }
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$CHROMIUM" ]; then echo "not ok - chromium is not installed (./dev.sh installs it)"; exit 1; fi
DRIVE="$TOP_SRCDIR/tests/html/drive.py"
PNG="$TOP_SRCDIR/tests/pngcheck.py"
SHOTS=${BADDAY_SCREENSHOTS:-$WORK/shots}
mkdir -p "$SHOTS"

# chrome ARGS...: headless Chromium with a fresh profile, no background traffic.
chrome() {
  profile=$(mktemp -d "$WORK/profile.XXXXXX")
  timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-default-apps --hide-scrollbars --user-data-dir="$profile" "$@"
}

# drive NAME [--slides]: $WORK/NAME.html loads with no console error and no
# request but itself; with --slides, the keys move across every slide.
drive() {
  if "$PY" "$DRIVE" "$CHROMIUM" "$WORK/$1.html" ${2:-} >"$WORK/drive.out" 2>&1; then
    pass "$1: loads cleanly in Chromium$([ -n "${2:-}" ] && echo ', keys move across every slide')"
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
