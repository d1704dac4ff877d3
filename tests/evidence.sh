#!/bin/sh
# --evidence: JUnit XML testcases stand in for the tests' last_run and result
# in this render (the plan file is untouched); unmatched and unusable cases
# are warnings with their position.
. "$TOP_SRCDIR/tests/lib.sh"
E="$TOP_SRCDIR/tests/evidence"
cd "$VALID" || exit 99
cp spec-example.yaml "$WORK/before.yaml"

# Without evidence: retry-drill ran 2025-01-10 and passed, so alarm is verified.
run "$BADDAY" render spec-example.yaml -f json -o "$WORK/plain.json"
check "without evidence: alarm verified" jq -e '.scenarios[0].measures[0].verification == "verified"' "$WORK/plain.json"

# fail.xml: retry-drill failed on 2025-01-20 (the testsuite's timestamp)
run "$BADDAY" render spec-example.yaml -f json -o "$WORK/fail.json" --evidence "$E/fail.xml"
expect_rc "render with failing evidence" 0
check "the failing run stands in" jq -e '.scenarios[0].measures[2] | .last_run == "2025-01-20" and .result == "fail" and .test_state == "failing"' "$WORK/fail.json"
check "alarm now failing" jq -e '.scenarios[0].measures[0].verification == "failing"' "$WORK/fail.json"
check "coverage cell failing" jq -e '.scenarios[0].coverage.detective == "failing"' "$WORK/fail.json"
expect_err "unmatched testcase warned at its line" "fail.xml:7:1: warning: testcase 'nope/none' matches no measure of the plan"
expect_err "non-test warned" "fail.xml:8:1: warning: testcase 'region-outage/cross-region-backup' names a recovery measure, not a test; ignored"
expect_err "run after as_of warned" "fail.xml:9:1: warning: testcase 'ocr-partner-down/retry-drill' ran on 2025-02-03, after the plan's as_of 2025-01-29; ignored"
check "skipped testcase is no run" sh -c "! grep -q 'fail.xml:10' '$WORK/err'"
check "the plan file is not changed" cmp -s spec-example.yaml "$WORK/before.yaml"

run "$BADDAY" check --fail-on failing --evidence "$E/fail.xml" spec-example.yaml
expect_rc "gate sees the evidence" 6
expect_out "gate names the test" "failing: test 'retry-drill' of scenario 'ocr-partner-down' failed on 2025-01-20"

# pass.xml: an older run does not replace the plan's; a newer one by property does
run "$BADDAY" render spec-example.yaml -f json -o "$WORK/pass.json" --evidence "$E/pass.xml"
expect_rc "render with passing evidence" 0
check "the newest run (by property) stands in" jq -e '.scenarios[0].measures[2] | .last_run == "2025-01-25" and .result == "pass"' "$WORK/pass.json"
check "no warnings for matched cases" test ! -s "$WORK/err"

# several files: the latest run wins across them (fail on 01-20 vs pass on 01-25)
run "$BADDAY" render spec-example.yaml -f json -o "$WORK/both.json" --evidence "$E/fail.xml" --evidence "$E/pass.xml"
check "latest run across files" jq -e '.scenarios[0].measures[2].last_run == "2025-01-25"' "$WORK/both.json"

# unusable files: exit 1 with a position, nothing written
run "$BADDAY" render spec-example.yaml -f json -o "$WORK/bad.json" --evidence "$E/malformed.xml"
expect_rc "malformed XML" 1
expect_err "malformed XML positioned" "malformed.xml:5:"
check "nothing written for malformed evidence" test ! -e "$WORK/bad.json"
run "$BADDAY" render spec-example.yaml -f json -o "$WORK/bad.json" --evidence "$E/not-junit.xml"
expect_rc "not JUnit" 1
expect_err "not JUnit explained" "expected JUnit XML (a <testsuites> or <testsuite> root), found <html>"
run "$BADDAY" check --evidence "$WORK/missing.xml" spec-example.yaml
expect_rc "missing evidence file" 1
finish
