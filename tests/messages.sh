#!/bin/sh
# tests/messages.sh - what a plan author is told beyond the broken fixtures
# (tests/broken has the errors): the warning for a plain value YAML cut at
# " #", in check and render, and "did you mean" for evidence that names no
# test of the plan.
. "${TOP_SRCDIR:?}/tests/lib.sh"

# A plan whose titles YAML cut at " #" (a Slack channel, an issue number),
# beside real comments that must not warn.
sed -e 's/^    title: Payment provider is down$/    title: Slack #incident に通知/' \
  -e 's/^        title: Error-rate alarm$/        title: Error-rate alarm #42  # a real comment/' \
  -e 's/^    title: Payments fail$/    title: Payments fail # why: the PSP/' \
  -e 's/^    title: Customers cannot pay$/    title: "Customers #cannot pay"/' \
  "$TOP_SRCDIR/tests/broken/syntax-error.yaml" >"$WORK/hash.yaml"
# syntax-error.yaml is broken at its flow mapping: mend it
sed -i 's/per_hour: {revenue: 1000, brand: 200$/per_hour: {revenue: 1000, brand: 200}/' "$WORK/hash.yaml"
cat >>"$WORK/hash.yaml" <<'PLAN'
    accept: |
      A block scalar keeps #hash text
      and is never warned about
PLAN
run "$BADDAY" check "$WORK/hash.yaml"
expect_rc "a plan with values cut at ' #' is valid" 0
expect_err "the Slack title is warned about, at the '#'" \
  "hash.yaml:15:18: warning: YAML reads '#incident に通知' as a comment, so the value of 'title' is 'Slack'; if the text after '#' belongs to it, quote the value"
expect_err "the issue number is warned about" "hash.yaml:20:33: warning: YAML reads '#42  # a real comment' as a comment, so the value of 'title' is 'Error-rate alarm'"
# (the plan's detect 5m against the scenario's default detect 0 is a lint
# warning of its own, tests/lint.sh)
check "exactly two warnings (not '# why', not quoted, not a block scalar)" \
  test "$(grep -c 'warning: YAML reads' "$WORK/err")" -eq 2
run "$BADDAY" render "$WORK/hash.yaml" -o "$WORK/hash.json"
expect_rc "render of that plan" 0
expect_err "render shows the warning too" "hash.yaml:15:18: warning: YAML reads '#incident"
check "render still writes the report" test -s "$WORK/hash.json"
check "the report has the title as YAML read it" \
  test "$(jq -r '.scenarios[0].title' "$WORK/hash.json")" = Slack

# Evidence: "did you mean" for a testcase naming no test of the plan.
cat >"$WORK/ev.xml" <<'XML'
<?xml version="1.0"?>
<testsuite name="drills" timestamp="2025-01-20T10:00:00">
  <testcase classname="ocr-partner-down" name="retry-dril"/>
  <testcase classname="ocr-partner" name="retry-drill"/>
  <testcase classname="nothing" name="at-all"/>
</testsuite>
XML
run "$BADDAY" check --evidence "$WORK/ev.xml" "$EXAMPLE"
expect_rc "check with near-miss evidence" 0
expect_err "a near measure id is suggested" \
  "ev.xml:3:1: warning: testcase 'ocr-partner-down/retry-dril' matches no measure of the plan; did you mean 'ocr-partner-down/retry-drill'?"
expect_err "a near scenario id is suggested" \
  "ev.xml:4:1: warning: testcase 'ocr-partner/retry-drill' matches no measure of the plan; did you mean 'ocr-partner-down/retry-drill'?"
expect_err "nothing near, nothing suggested" \
  "ev.xml:5:1: warning: testcase 'nothing/at-all' matches no measure of the plan
"
check "no suggestion for a name with nothing near" sh -c "! grep -q \"at-all.*did you mean\" '$WORK/err'"

finish
