# tests/lib.sh - helpers for the shell tests (sourced, not run).
#
# Each test script sources this file, calls `check` and `expect_*` for each
# assertion, and ends with `finish`, which exits non-zero when any failed.
# The environment comes from AM_TESTS_ENVIRONMENT in Makefile.am: BADDAY,
# BADDAY_PLUGIN_PATH, BADDAY_DATADIR, TEST_MODULES, TOP_SRCDIR.

set -u
: "${BADDAY:?run through make check}"
: "${TOP_SRCDIR:?run through make check}"
FAILED=0
PASSED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/badday-test.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
VALID="$TOP_SRCDIR/tests/valid"
EXAMPLE="$VALID/spec-example.yaml"

pass() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "not ok - $1"; }

# run CMD...: runs a command, keeping its exit code in $RC, stdout in
# $WORK/out and stderr in $WORK/err.
run() {
  "$@" >"$WORK/out" 2>"$WORK/err"
  RC=$?
}

# expect_rc NAME CODE: the last run exited with CODE.
expect_rc() {
  if [ "$RC" -eq "$2" ]; then pass "$1 (exit $2)"; else
    fail "$1: exit $RC, expected $2"; sed 's/^/  stderr: /' "$WORK/err" | head -5; fi
}

# expect_err NAME TEXT: the last run's stderr contains TEXT.
expect_err() {
  if grep -qF -- "$2" "$WORK/err"; then pass "$1"; else
    fail "$1: stderr lacks '$2'"; sed 's/^/  stderr: /' "$WORK/err" | head -5; fi
}

# expect_out NAME TEXT: the last run's stdout contains TEXT.
expect_out() {
  if grep -qF -- "$2" "$WORK/out"; then pass "$1"; else
    fail "$1: stdout lacks '$2'"; head -5 "$WORK/out" | sed 's/^/  stdout: /'; fi
}

# check NAME CMD...: passes when CMD succeeds.
check() {
  name=$1; shift
  if "$@" >/dev/null; then pass "$name"; else fail "$name"; fi
}

# no_temp_files DIR: DIR holds no leftover temporary report.
no_temp_files() {
  [ -z "$(find "$1" -maxdepth 1 -name '.badday-tmp-*' -print -quit)" ]
}

# update_golden GOLDEN NEW: with UPDATE_GOLDEN=1 in the environment, copies
# NEW over the golden file GOLDEN (creating it) before the test compares
# them, so a wanted change of output is reviewed as a git diff of the golden
# files instead of edited by hand; does nothing otherwise.
update_golden() {
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$2" "$1" && echo "# UPDATE_GOLDEN: wrote $1"
  fi
}

finish() {
  echo "# $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
