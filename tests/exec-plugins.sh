#!/bin/sh
# Executable plugins (issue 19): badday-format-NAME programs found and
# trusted like .so plugins, described by --describe, fed protocol 1 on
# stdin (the request and the json format's very bytes), read on stdout, run
# without a shell in a clean environment.  A plugin that crashes, hangs,
# writes to stderr only, floods stderr, exits 0 without output, fails or
# declares a format a C plugin has gets a clear message, and the old report
# stays.  The two shipped examples (Python, sh + jq) are run here too.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 99
P="$WORK/plugins"
mkdir -p "$P" && chmod 755 "$P"
# plugin NAME DESCRIPTOR-JSON BODY: writes an executable sh plugin
plugin() {
  cat >"$P/badday-format-$1" <<SH
#!/bin/sh
if [ "\${1:-}" = --describe ]; then echo '$2'; exit 0; fi
$3
SH
  chmod 755 "$P/badday-format-$1"
}
desc() { printf '{"protocol": 1, "description": "test", "formats": ["%s"]}' "$1"; }
render() { "$BADDAY" render "$EXAMPLE" --plugin-dir "$P" "$@"; }
fresh() { printf 'old report\n' >"$WORK/r.out"; }
unchanged() { [ "$(cat "$WORK/r.out")" = "old report" ]; }

# --- the protocol: what the plugin reads, and where its bytes go
plugin echo "$(desc echo)" "cat; env >'$WORK/env.txt'"
SECRET_TOKEN=hunter2 run render -f echo -o "$WORK/request.json" -O x=1
expect_rc "an option the plugin does not declare" 2
expect_err "... is refused as for a C plugin" "the echo plugin has no option 'x' (its options: none)"
SECRET_TOKEN=hunter2 run render -f echo -o "$WORK/request.json" --lang ja --layout slides
expect_rc "a render through an executable plugin" 0
check "stdin is one JSON object of protocol 1" jq -e '.protocol == 1' "$WORK/request.json"
check "the request names format, layout, language and output" jq -e \
  '.request | .format == "echo" and .layout == "slides" and .lang == "ja" and (.output_name | endswith("request.json")) and .options == {} and .portfolio == false' "$WORK/request.json"
"$BADDAY" render "$EXAMPLE" -f json --lang ja --layout slides -o "$WORK/direct.json"
jq -S .report "$WORK/request.json" >"$WORK/a" && jq -S . "$WORK/direct.json" >"$WORK/b"
check "the report is the json format's report" cmp -s "$WORK/a" "$WORK/b"
check "the environment is clean: no SECRET_TOKEN" sh -c "! grep -q SECRET_TOKEN '$WORK/env.txt'"
check "the environment says the protocol" grep -qx BADDAY_PLUGIN_PROTOCOL=1 "$WORK/env.txt"
check "the environment holds only the allow-list" sh -c "! grep -v '^\(PATH\|HOME\|LANG\|LC_ALL\|LC_CTYPE\|LC_MESSAGES\|TZ\|TMPDIR\|SOURCE_DATE_EPOCH\|BADDAY_PLUGIN_PROTOCOL\|PWD\|SHLVL\|_\)=' '$WORK/env.txt'"
run "$BADDAY" render "$EXAMPLE" "$VALID/checkout-slo.yaml" -f echo --plugin-dir "$P" -o "$WORK/two.json"
check "a portfolio's request holds every service" jq -e '.request.portfolio == true and (.report.services | length) == 2' "$WORK/two.json"

# --- options declared in --describe are checked by the host
plugin opts '{"protocol": 1, "formats": ["opts"], "options": [{"name": "size", "help": "how big", "values": ["s", "m"], "default": "m"}, {"name": "note"}]}' 'jq -c .request.options'
run render -f opts -o - -O size=xl
expect_rc "a value outside the declared ones" 2
expect_err "... named with the allowed values" "option size of the opts plugin must be one of s, m, not 'xl'"
run render -f opts -o - -O note=hi
expect_out "defaults and given values reach the plugin" '{"size":"m","note":"hi"}'
run "$BADDAY" plugins -v --plugin-dir "$P"
expect_out "plugins -v lists an executable plugin" "opts       formats: opts  executable, protocol 1  $P/badday-format-opts"
expect_out "... with its options" "-O size=s|m (default m)  how big"

# --- failures: each leaves the old report and says what happened
plugin crash "$(desc crash)" 'cat >/dev/null; echo partial; kill -SEGV $$'
fresh; run render -f crash -o "$WORK/r.out"
expect_rc "a crashing plugin" 3
expect_err "the crash is named" "the crash plugin ($P/badday-format-crash) crashed with SIGSEGV while rendering; the old report is unchanged"
check "crash: old report kept" unchanged
check "crash: no temporary file" no_temp_files "$WORK"

# the plugin's child sleeps a time no other process uses (this test's pid
# in the fraction), so that pgrep finds only this run's sleep even while
# other test runs share the machine
HANG_SLEEP="300.$$"
plugin hang "$(desc hang)" "sleep $HANG_SLEEP & wait"
fresh; start=$(date +%s); run render -f hang -o "$WORK/r.out" --plugin-timeout 1; end=$(date +%s)
expect_rc "a hanging plugin" 3
expect_err "the time-out is named" "the hang plugin ($P/badday-format-hang) did not finish within 1 second and was stopped (--plugin-timeout); the old report is unchanged"
check "hang: stopped within 4 s" test $((end - start)) -le 4
check "hang: its child (sleep) is stopped too" sh -c "! pgrep -fx 'sleep $HANG_SLEEP' >/dev/null"
check "hang: old report kept" unchanged

plugin quiet "$(desc quiet)" 'cat >/dev/null; echo "something went wrong" >&2'
fresh; run render -f quiet -o "$WORK/r.out"
expect_rc "a plugin writing to stderr only" 3
expect_err "its message is shown with its name" "badday: quiet: something went wrong"
expect_err "nothing written is named" "the quiet plugin ($P/badday-format-quiet) exited with status 0 but wrote nothing on its standard output; the old report is unchanged"
check "stderr only: old report kept" unchanged

plugin empty "$(desc empty)" 'cat >/dev/null'
fresh; run render -f empty -o "$WORK/r.out"
expect_rc "a plugin exiting 0 without output" 3
expect_err "no output is named" "exited with status 0 but wrote nothing on its standard output"
check "no output: old report kept" unchanged

plugin fails "$(desc fails)" 'cat >/dev/null; echo half; echo "no template for you" >&2; exit 3'
fresh; run render -f fails -o "$WORK/r.out"
expect_rc "a plugin exiting 3" 3
expect_err "the exit status is named" "the fails plugin ($P/badday-format-fails) exited with status 3 while rendering; the old report is unchanged"
expect_err "its reason is shown" "badday: fails: no template for you"
check "exit 3: old report kept" unchanged

plugin flood "$(desc flood)" 'cat >/dev/null; yes "$(printf "spam\033[31m\r")" | head -c 10000000 >&2; echo done'
fresh; run render -f flood -o "$WORK/r.out"
expect_rc "a plugin flooding stderr still renders" 0
check "flood: at most 100 lines of messages shown" test "$(wc -l <"$WORK/err")" -le 100
expect_err "flood: the rest is counted" "more bytes of messages not shown"
expect_err "flood: control characters are escaped" 'badday: flood: spam\x1b[31m\x0d'
check "flood: the report was written" test "$(cat "$WORK/r.out")" = done

# --- what is refused, and why (badday plugins names it)
plugin json "$(desc json)" 'cat'
plugin badname '{"protocol": 1, "formats": ["Bad Name"]}' 'cat'
plugin future '{"protocol": 2, "formats": ["future"]}' 'cat'
plugin notjson 'this is not a descriptor' 'cat'
printf '#!/bin/sh\necho {}\n' >"$P/badday-format-noexec" && chmod 644 "$P/badday-format-noexec"
run "$BADDAY" plugins --plugin-dir "$P"
expect_out "a plugin taking a C plugin's format is refused, naming both" \
  "refused    $P/badday-format-json: declares the format 'json', which the json plugin ($BADDAY_PLUGIN_PATH/json.so) renders"
expect_out "a bad format name is refused" "format name 'Bad Name' must be 1 to 32 characters of a-z, 0-9"
expect_out "another protocol is refused" "the plugin speaks protocol 2; this badday speaks protocol 1"
expect_out "a descriptor that is not JSON is refused with its position" "$P/badday-format-notjson: the descriptor (--describe) at line 1"
expect_out "a file that is not executable is refused" "$P/badday-format-noexec: not executable"
fresh; run render -f json -o "$WORK/r.out"
expect_rc "json still renders through the C plugin" 0
check "... and is the real json" jq -e '.badday == 1' "$WORK/r.out"
rm -f "$P"/badday-format-json "$P"/badday-format-badname "$P"/badday-format-future "$P"/badday-format-notjson "$P"/badday-format-noexec

# --- trust as for .so plugins: never the current directory, never PATH
mkdir -p "$WORK/cwd" && cp "$P/badday-format-echo" "$WORK/cwd/"
(cd "$WORK/cwd" && PATH="$WORK/cwd:$PATH" BADDAY_PLUGIN_PATH=. "$BADDAY" render "$EXAMPLE" -f echo -o - >/dev/null 2>&1)
check "never from the current directory or PATH" test $? -eq 3
chmod 775 "$P/badday-format-echo"
run "$BADDAY" plugins --plugin-dir "$P"
expect_out "a group-writable executable is refused" "badday-format-echo: the file is writable by group or others (mode 0775)"
chmod 755 "$P/badday-format-echo"

# --- the shipped examples
EX="$TOP_SRCDIR/examples/exec"
mkdir -p "$WORK/ex" && cp "$EX/badday-format-register" "$EX/badday-format-decisions" "$WORK/ex/" && chmod 755 "$WORK/ex" "$WORK/ex"/*
cp "$EXAMPLE" "$WORK/plan.yaml"
run "$BADDAY" render "$WORK/plan.yaml" -f register --plugin-dir "$WORK/ex"
expect_rc "the Python register renders" 0
check "its default output takes the declared extension (.md)" test -s "$WORK/plan.md"
check "the register's rows, largest loss first, amounts as the json has them" sh -c "grep -A3 -- '| --- |' '$WORK/plan.md' | sed -n '2p;3p' | cut -d'|' -f2,4 | tr -d ' ' | tr '\n' ';' | grep -qx 'ocr-partner-down|JPY2,440,000;region-outage|JPY1,612,667;'"
expect_err "its stderr is shown with its name" "badday: register: 2 scenarios"
run "$BADDAY" render "$WORK/plan.yaml" --plugin-dir "$WORK/ex" -o "$WORK/by-ext.md" -O sort=id
expect_rc "-o FILE.md picks the plugin declaring .md" 0
check "-O sort=id orders by id" sh -c "grep -A3 -- '| --- |' '$WORK/by-ext.md' | sed -n 2p | grep -q '^| ocr-partner-down'"
run "$BADDAY" render "$WORK/plan.yaml" "$VALID/checkout-slo.yaml" -f decisions --plugin-dir "$WORK/ex" -o -
expect_rc "the sh + jq decisions plugin renders a portfolio" 0
expect_out "... one plan's decisions" "Smart Receipt Manager: 1 decision(s) needed"
expect_out "... the other's, largest loss first" "  db-failover: Primary database fails over (yearly loss now USD 180900)"
finish
