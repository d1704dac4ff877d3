#!/bin/sh
# dev.sh - the two commands of the README, on a fresh Debian 12 machine:
#
#   ./dev.sh example   install the build dependencies, build and install badday
#                      into ./_install, and render examples/receipts.yaml to
#                      out/ in every format (JSON, HTML and PDF; report and slides)
#   ./dev.sh test      install the dependencies, build with -Werror and run the
#                      whole test suite (make lint, make check, the same again built with
#                      ASan and UBSan in _build-asan, then make distcheck)
#
# Both are idempotent: packages already installed are not installed again.
set -eu
cd "$(dirname "$0")"
TOP=$(pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

PACKAGES="build-essential autoconf automake libtool pkg-config
  libyaml-dev libxml2-dev libxml2-utils libcairo2-dev libpango1.0-dev libcmocka-dev
  fonts-dejavu-core fonts-noto-cjk locales
  jq poppler-utils qpdf chromium python3 valgrind
  python3-yaml python3-jsonschema groff bash-completion clang-format
  libzip-dev libreoffice-impress unzip"

# Installs the Debian packages that are missing, and the de_DE.UTF-8 locale
# the locale-independence tests use.
deps() {
  missing=""
  for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if [ -n "$missing" ]; then
    echo "dev.sh: installing$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  if ! locale -a 2>/dev/null | grep -qi '^de_DE.utf8$'; then
    $SUDO sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
    $SUDO locale-gen >/dev/null
  fi
}

# Configures (once) and builds in ./_build, installing into ./_install.
build() {
  [ -x configure ] && [ configure -nt configure.ac ] && [ Makefile.in -nt Makefile.am ] || autoreconf -fi
  mkdir -p _build
  cd _build
  [ -f Makefile ] || ../configure --prefix="$TOP/_install" --enable-werror
  make -j"$JOBS"
  cd "$TOP"
}

example() {
  deps
  build
  make -C _build install >/dev/null
  mkdir -p out
  badday=_install/bin/badday
  plan=examples/receipts.yaml
  $badday check "$plan"
  for f in json html pdf; do
    $badday render "$plan" -o "out/receipts.$f"
  done
  $badday render "$plan" -f html --layout slides -o out/receipts-slides.html
  $badday render "$plan" -f pdf --layout slides -o out/receipts-slides.pdf
  echo "dev.sh: rendered $plan to:"
  ls -l out/
}

tests() {
  deps
  build
  make -C _build lint || { echo "dev.sh: make lint failed (make -C _build format fixes it)"; exit 1; }
  status=0
  make -C _build -j"$JOBS" check || status=$?
  if [ "$status" -ne 0 ]; then
    find _build/tests -name '*.log' ! -name 'test-suite.log' -exec grep -l '^not ok\|FAIL' {} + 2>/dev/null |
      while read -r log; do echo "=== $log"; grep -v '^ok ' "$log" | head -40; done
  fi
  summary _build/test-suite.log
  [ "$status" -eq 0 ] || exit "$status"
  asan
  make -C _build -j"$JOBS" distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror >_build/distcheck.log 2>&1 ||
    { tail -40 _build/distcheck.log; echo "dev.sh: make distcheck failed"; exit 1; }
  echo "dev.sh: make distcheck passed"
}

# Runs the whole suite again built with ASan and UBSan (--enable-sanitizers)
# in ./_build-asan: every test, the plugins they dlopen included.
asan() {
  mkdir -p _build-asan
  cd _build-asan
  [ -f Makefile ] || ../configure --enable-sanitizers --enable-werror >/dev/null
  status=0
  make -j"$JOBS" >/dev/null && make -j"$JOBS" check >/dev/null 2>&1 || status=$?
  cd "$TOP"
  if [ "$status" -ne 0 ]; then
    find _build-asan/tests -name '*.log' ! -name 'test-suite.log' -exec grep -l '^not ok\|FAIL\|ERROR:' {} + 2>/dev/null |
      while read -r log; do echo "=== $log"; grep -v '^ok ' "$log" | head -40; done
  fi
  printf 'sanitizers (ASan, UBSan): '
  summary _build-asan/test-suite.log
  [ "$status" -eq 0 ] || exit "$status"
}

# Prints the plain closing line: "N passed, N failed".
summary() {
  pass=$(sed -n 's/^# PASS: *//p' "$1" | head -1)
  fail=$(sed -n 's/^# FAIL: *//p' "$1" | head -1)
  err=$(sed -n 's/^# ERROR: *//p' "$1" | head -1)
  echo "${pass:-0} passed, $(( ${fail:-0} + ${err:-0} )) failed"
}

case "${1:-}" in
  example) example ;;
  test) tests ;;
  *) echo "usage: ./dev.sh example | ./dev.sh test" >&2; exit 2 ;;
esac
