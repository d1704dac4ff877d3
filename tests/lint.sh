#!/bin/sh
# Lint warnings (plan/lint.h): a valid plan that is almost certainly wrong
# is warned about by check and render, with the file, line and column of
# the offending key and what to do; --strict makes the warnings errors.
# tests/lint/lints.yaml has each warning once, with its near misses; the
# expected messages, positions counted by hand, are in tests/lint/lints.err:
#   25:18 recover 5h against the scenario's 2h (its frequency 1/year
#         against 2/year is better: quiet)
#   29:18 detect 5m against the default detect 0
#   29:30 impact 100% against the default impact 100%
#   31:9  an implemented preventive measure with neither effect nor cost
#         (budget-line, a planned measure with only cost {once: 0}: quiet)
#   43:9  verifies: [] (its last_run 2025-02-09 is 20 days, exactly twice
#         stale_after 10d, before as_of 2025-03-01: not more, quiet)
#   49:9  last_run 2025-02-08, 21 days > 2 x 10d
#   57:9  the only measure of its scenario is a test: it verifies nothing
. "$TOP_SRCDIR/tests/lib.sh"
cd "$TOP_SRCDIR/tests/lint" || exit 99

# check: warnings on stderr, exit 0
run "$BADDAY" check lints.yaml
expect_rc "check with lint warnings" 0
if diff -u lints.err "$WORK/err" >"$WORK/diff"; then pass "check: exact warnings"; else
  fail "check: warnings differ"; sed 's/^/  /' "$WORK/diff" | head -20; fi
check "check: 7 warnings" test "$(grep -c ': warning: ' "$WORK/err")" -eq 7
check "check: nothing on stdout" test ! -s "$WORK/out"

# check --strict: the same messages as errors, exit 1 as for an invalid plan
run "$BADDAY" check --strict lints.yaml
expect_rc "check --strict with lint findings" 1
sed 's/: warning: /: error: /' lints.err >"$WORK/strict.err"
if diff -u "$WORK/strict.err" "$WORK/err" >"$WORK/diff"; then pass "check --strict: errors"; else
  fail "check --strict: messages differ"; sed 's/^/  /' "$WORK/diff" | head -20; fi
run "$BADDAY" check --strict --fail-on over-cap lints.yaml
expect_rc "--strict findings outrank the gate" 1

# render shows the warnings and writes the report; under --strict it
# writes nothing
run "$BADDAY" render lints.yaml -f json -o "$WORK/lints.json"
expect_rc "render with lint warnings" 0
check "render: same warnings" cmp -s lints.err "$WORK/err"
check "render: report written" test -s "$WORK/lints.json"
run "$BADDAY" render --strict lints.yaml -f json -o "$WORK/strict.json"
expect_rc "render --strict" 1
check "render --strict: errors" cmp -s "$WORK/strict.err" "$WORK/err"
check "render --strict: nothing written" test ! -e "$WORK/strict.json"
no_temp_files "$WORK" && pass "render --strict: no temporary file" || fail "render --strict: temporary file left"

# fresh evidence for old-drill (2025-02-28, 1 day old) silences its
# last_run warning and only that one
run "$BADDAY" check --evidence fresh-run.xml lints.yaml
expect_rc "check with fresh evidence" 0
grep -v ':49:9: ' lints.err >"$WORK/fresh.err"
if diff -u "$WORK/fresh.err" "$WORK/err" >"$WORK/diff"; then pass "evidence: old-drill is fresh"; else
  fail "evidence: warnings differ"; sed 's/^/  /' "$WORK/diff" | head -20; fi

# plans without findings pass --strict silently: the spec example and the
# starter plans of `badday init`
run "$BADDAY" check --strict "$EXAMPLE"
expect_rc "spec example passes --strict" 0
check "spec example: no warning" test ! -s "$WORK/err"
for lang in en ja; do
  "$BADDAY" init --lang "$lang" >"$WORK/starter-$lang.yaml"
  run "$BADDAY" check --strict "$WORK/starter-$lang.yaml"
  expect_rc "starter plan ($lang) passes --strict" 0
  check "starter plan ($lang): no warning" test ! -s "$WORK/err"
done
run "$BADDAY" render --strict "$EXAMPLE" -f json -o "$WORK/spec.json"
expect_rc "render --strict of a clean plan" 0
check "render --strict of a clean plan writes" test -s "$WORK/spec.json"
finish
