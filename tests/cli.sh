#!/bin/sh
# The command line: exit codes, -o -, formats from extensions, defaults,
# atomic output (the old report survives every failure), locale independence.
. "$TOP_SRCDIR/tests/lib.sh"

# --help, --version, usage errors
run "$BADDAY" --help;               expect_rc "--help" 0; expect_out "--help lists render" "badday render PLAN"
run "$BADDAY" --version;            expect_rc "--version" 0; expect_out "--version names the ABI" "plugin ABI 2.3"
run "$BADDAY";                      expect_rc "no command" 2
run "$BADDAY" frobnicate;           expect_rc "unknown command" 2; expect_err "unknown command named" "unknown command 'frobnicate'"
run "$BADDAY" check;                expect_rc "check without plan" 2
run "$BADDAY" render;               expect_rc "render without plan" 2
run "$BADDAY" render "$EXAMPLE" --layout poster -f json -o -; expect_rc "bad layout" 2; expect_err "bad layout named" "'poster'"
run "$BADDAY" render "$EXAMPLE" --lang fr -f json -o -; expect_rc "bad lang" 2
run "$BADDAY" render "$EXAMPLE" -o -; expect_rc "stdout without -f" 2; expect_err "asks for -f" "give -f FORMAT"
run "$BADDAY" render "$EXAMPLE" "$EXAMPLE" -f json; expect_rc "two plans to render" 2
run "$BADDAY" render "$EXAMPLE" --bogus; expect_rc "unknown option" 2

run "$BADDAY" render "$EXAMPLE" -f json -o - --paper letter; expect_rc "--paper for a plugin without it is ignored" 0
expect_err "... with a warning" "badday render: warning: --paper is ignored: the json plugin has no paper option"
expect_out "... and the report written" '"badday": 1'
run "$BADDAY" render "$EXAMPLE" -f json -o - -O paper=letter; expect_rc "-O paper= for a plugin without it" 2
expect_err "-O paper= is checked as any -O" "the json plugin has no option 'paper' (its options: none)"
run "$BADDAY" render "$EXAMPLE" -f json -o - --option x; expect_rc "--option without =" 2
expect_err "--option needs NAME=VALUE" "-O takes NAME=VALUE, not 'x'"
run "$BADDAY" --help; expect_out "--help documents --paper" "--paper a4|letter"
expect_out "--help documents --evidence" "--evidence FILE"
expect_out "--help documents --fail-on" "--fail-on RULES"
expect_out "--help documents exit 6" "6 a --fail-on rule found something"

# check
run "$BADDAY" check "$EXAMPLE";     expect_rc "check valid plan" 0
check "check is silent on success" test ! -s "$WORK/out"
run "$BADDAY" check -v "$EXAMPLE";  expect_rc "check -v" 0; expect_out "check -v counts scenarios" "2 scenarios"
run "$BADDAY" check "$EXAMPLE" "$TOP_SRCDIR/tests/broken/unknown-key-suggest.yaml"
expect_rc "one invalid plan among two" 1
run "$BADDAY" check "$WORK/missing.yaml"; expect_rc "missing plan" 1; expect_err "missing plan named" "missing.yaml"
run "$BADDAY" check - <"$EXAMPLE";  expect_rc "plan from stdin" 0
run "$BADDAY" check "$WORK";        expect_rc "directory as plan" 1; expect_err "directory refused" "directory"

# render: formats and destinations
run "$BADDAY" render "$EXAMPLE" -f json -o -; expect_rc "json to stdout" 0
check "stdout holds JSON" jq -e '.badday == 1' "$WORK/out"
cd "$WORK" || exit 99
run "$BADDAY" render "$EXAMPLE" -f json; expect_rc "default output name" 0
check "default output is ./spec-example.json" jq -e '.service == "Smart Receipt Manager"' "$WORK/spec-example.json"
run "$BADDAY" render "$EXAMPLE" -o "$WORK/by-extension.JSON"; expect_rc "format from extension" 0
check "extension picked json" jq -e '.badday == 1' "$WORK/by-extension.JSON"
run "$BADDAY" render "$EXAMPLE" -o "$WORK/report.unknownformat"; expect_rc "unknown format" 3
expect_err "unknown format named" "no plugin renders the format 'unknownformat'"
expect_err "formats listed" "available formats:"
check "nothing written for an unknown format" test ! -e "$WORK/report.unknownformat"
run "$BADDAY" render - -f json -o "$WORK/from-stdin.json" <"$EXAMPLE"; expect_rc "render plan from stdin" 0

# the old report survives every failure; no temporary file is left
printf 'last quarter\n' >"$WORK/keep.json"
run "$BADDAY" render "$TOP_SRCDIR/tests/broken/unknown-key-suggest.yaml" -o "$WORK/keep.json"
expect_rc "invalid plan renders nothing" 1
check "old report untouched after invalid plan" grep -qx 'last quarter' "$WORK/keep.json"
run "$BADDAY" render "$EXAMPLE" -o /dev/full -f json; expect_rc "/dev/full" 4
expect_err "/dev/full reported" "No space left on device"
mkdir "$WORK/adir"
run "$BADDAY" render "$EXAMPLE" -f json -o "$WORK/adir"; expect_rc "directory as output" 4
run "$BADDAY" render "$EXAMPLE" -f json -o "$WORK/no/such/dir/x.json"; expect_rc "missing directory" 4
mkdir "$WORK/ro" && printf 'old\n' >"$WORK/ro/r.json" && chmod 555 "$WORK/ro"
if [ "$(id -u)" -ne 0 ]; then
  run "$BADDAY" render "$EXAMPLE" -o "$WORK/ro/r.json"; expect_rc "read-only directory" 4
  check "old report in read-only dir untouched" grep -qx old "$WORK/ro/r.json"
fi
chmod 755 "$WORK/ro"
check "no temporary file left" no_temp_files "$WORK"
run "$BADDAY" render "$EXAMPLE" -o "$WORK/keep.json"; expect_rc "render replaces old report" 0
check "new report in place" jq -e '.badday == 1' "$WORK/keep.json"
check "no temporary file left after success" no_temp_files "$WORK"
chmod 640 "$WORK/keep.json"
run "$BADDAY" render "$EXAMPLE" -o "$WORK/keep.json"
check "file mode kept on replace" test "$(stat -c %a "$WORK/keep.json")" = 640

# a closed pipe is a write error, not a silent death
"$BADDAY" render "$VALID/spec-example.yaml" -f json -o - 2>"$WORK/err" | head -c 10 >/dev/null
check "closed pipe does not crash" true

# JSON never depends on the locale (dev.sh generates de_DE.UTF-8)
check "the de_DE.UTF-8 locale exists" sh -c 'locale -a | grep -qi "^de_DE.utf8$"'
LC_ALL=de_DE.UTF-8 "$BADDAY" render "$EXAMPLE" -f json -o "$WORK/loc.json"
LC_ALL=C "$BADDAY" render "$EXAMPLE" -f json -o "$WORK/c.json"
check "JSON identical under de_DE.UTF-8" cmp -s "$WORK/loc.json" "$WORK/c.json"
check "decimal point under de_DE.UTF-8" grep -q '"eal": 1612666.66666' "$WORK/loc.json"

finish
