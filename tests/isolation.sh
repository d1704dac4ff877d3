#!/bin/sh
# A C plugin renders in a child process: a crash, an abort, an exit or a
# hang is the plugin's problem, reported by badday with the old report
# untouched and no temporary file left; its log lines and its error with a
# line and column still come back.  SIGINT and SIGTERM during a render
# remove the temporary file (exit 130, 143); a render killed with SIGKILL
# leaves one that the next render into that directory removes.
. "$TOP_SRCDIR/tests/lib.sh"
: "${TEST_MODULES:?}"
cd "$WORK" || exit 99
M="$TEST_MODULES/misbehave.so"
PLUGIN_DIR="$WORK/plugins"
mkdir -p "$PLUGIN_DIR" && cp "$M" "$PLUGIN_DIR/" && chmod 755 "$PLUGIN_DIR" "$PLUGIN_DIR/misbehave.so"
render() { "$BADDAY" render "$EXAMPLE" -f misbehave --plugin-dir "$PLUGIN_DIR" -o "$WORK/r.txt" "$@"; }
fresh() { printf 'old report\n' >"$WORK/r.txt"; }
unchanged() { [ "$(cat "$WORK/r.txt")" = "old report" ]; }

for how in segv:SIGSEGV abort:SIGABRT; do
  mode=${how%%:*} sig=${how#*:}
  fresh
  run render -O do="$mode"
  expect_rc "a plugin that dies of $sig" 3
  expect_err "$sig named with the plugin and its path" \
    "the misbehave plugin ($PLUGIN_DIR/misbehave.so) crashed with $sig while rendering; the old report is unchanged"
  check "$sig: the old report is untouched" unchanged
  check "$sig: no temporary file" no_temp_files "$WORK"
done

fresh
run render -O do=exit
expect_rc "a plugin that calls exit(0) halfway" 3
expect_err "exit named" "exited with status 0 while rendering (a plugin returns from render, never exits); the old report is unchanged"
check "exit: the old report is untouched (half a report is never committed)" unchanged
check "exit: no temporary file" no_temp_files "$WORK"

fresh
start=$(date +%s)
run render -O do=hang --plugin-timeout 1
end=$(date +%s)
expect_rc "a plugin that hangs" 3
expect_err "the time limit named" "did not finish within 1 second and was stopped (--plugin-timeout); the old report is unchanged"
check "the hung plugin was stopped within 4 s" test $((end - start)) -le 4
check "hang: the old report is untouched" unchanged
check "hang: no temporary file" no_temp_files "$WORK"
run render --plugin-timeout 1.5
expect_rc "--plugin-timeout takes whole seconds" 2
expect_err "--plugin-timeout's error" "--plugin-timeout takes whole seconds from 0 (no limit) to 86400, not '1.5'"

fresh
run render -O do=error
expect_rc "a plugin's error" 3
expect_err "its line and column come back from the child" "spec-example.yaml:7:5: error: the plugin does not like this scenario"
check "error: the old report is untouched" unchanged

fresh
run render -O do=forge
expect_rc "a plugin that logs and fails with forged lines" 3
check "a plugin's log cannot forge a line of badday's" sh -c "! grep -q '^spec-example.yaml:2:2' '$WORK/err'"
check "a plugin's error cannot forge a line of badday's" sh -c "! grep -q '^spec-example.yaml:3:3' '$WORK/err'"
check "the forged text is shown escaped on the plugin's own line" \
  grep -q 'badday: misbehave: warning: innocent.*forged by the log' "$WORK/err"
check "U+202E is shown escaped, never raw" sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$WORK/err'"
check "forge: the old report is untouched" unchanged

run render -O do=log -v
expect_rc "a plugin that logs and renders" 0
expect_err "its log line comes back from the child" "badday: misbehave: warning: a warning from the child, 42"
expect_err "the host's lines too" "badday: wrote $WORK/r.txt (misbehave, report layout)"
check "the whole report was committed" test "$(cat "$WORK/r.txt")" = "half a report and the other half"

# signals: started from python so that SIGINT is not ignored as it is for
# a background job of a non-interactive shell
for how in INT:130 TERM:143; do
  sig=${how%%:*} code=${how#*:}
  fresh
  python3 - "$sig" "$code" "$WORK" "$BADDAY" render "$EXAMPLE" -f misbehave -O do=hang \
    --plugin-dir "$PLUGIN_DIR" -o "$WORK/r.txt" >"$WORK/out" 2>&1 <<'PY'
import os, signal, subprocess, sys, time
sig, code, work, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
p = subprocess.Popen(argv, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
for _ in range(100):  # until the temporary file exists
    if any(n.startswith(".badday-tmp-") for n in os.listdir(work)): break
    time.sleep(0.05)
else: sys.exit("no temporary file appeared")
p.send_signal(getattr(signal, "SIG" + sig))
rc = p.wait(timeout=10)
sys.exit(0 if rc == code else "exit %d, expected %d" % (rc, code))
PY
  RC=$?
  check "SIG$sig during a render exits $code" test "$RC" -eq 0
  check "SIG$sig: the old report is untouched" unchanged
  check "SIG$sig: no temporary file" no_temp_files "$WORK"
done
check "no plugin child outlives badday" sh -c "! pgrep -f 'do=han[g] --plugin-dir $PLUGIN_DIR' >/dev/null"

# SIGKILL: cannot be caught; the child goes with its parent, and the next
# render into the directory removes the temporary file left behind
fresh
"$BADDAY" render "$EXAMPLE" -f misbehave -O do=hang --plugin-dir "$PLUGIN_DIR" -o "$WORK/r.txt" \
  >/dev/null 2>&1 &
pid=$!
i=0
while no_temp_files "$WORK" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $pid
wait $pid 2>/dev/null
if no_temp_files "$WORK"; then fail "SIGKILL left no temporary file to clean up"; else
  pass "SIGKILL leaves a temporary file"; fi
sleep 0.2
check "the plugin child died with its parent" sh -c "! pgrep -f 'do=han[g] --plugin-dir $PLUGIN_DIR' >/dev/null"
# a temporary file of a live process (ours) and a look-alike name are kept
touch "$WORK/.badday-tmp-$$-abcdef" "$WORK/.badday-tmp-notapid"
run render -O do=log
expect_rc "the next render" 0
check "the next render removed the dead process's temporary file" \
  sh -c "test -z \"\$(find '$WORK' -maxdepth 1 -name '.badday-tmp-*' ! -name '.badday-tmp-$$-abcdef' ! -name '.badday-tmp-notapid')\""
check "a live process's temporary file is kept" test -e "$WORK/.badday-tmp-$$-abcdef"
check "a name outside the pattern is kept" test -e "$WORK/.badday-tmp-notapid"
# SIGINT during an archive: the staging directory of the service's set
# (the reports rendered so far, the temporary file) goes with it
ARCHIVE_PLUGINS="$WORK/archive-plugins"
mkdir -p "$ARCHIVE_PLUGINS" && chmod 755 "$ARCHIVE_PLUGINS"
for f in pdf html json; do
  cat >"$ARCHIVE_PLUGINS/badday-format-$f" <<SH
#!/bin/sh
if [ "\${1:-}" = --describe ]; then
  echo '{"protocol": 1, "description": "hangs", "formats": ["$f"]}'; exit 0
fi
cat >/dev/null; echo partial; exec sleep 60
SH
  chmod 755 "$ARCHIVE_PLUGINS/badday-format-$f"
done
rm -rf "$WORK/archive"
BADDAY_PLUGIN_PATH= python3 - "$WORK/archive" "$BADDAY" archive --dir "$WORK/archive" \
  --plugin-dir "$ARCHIVE_PLUGINS" "$EXAMPLE" >"$WORK/out" 2>&1 <<'PY'
import os, signal, subprocess, sys, time
top, argv = sys.argv[1], sys.argv[2:]
p = subprocess.Popen(argv, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
def staged():
    dirs = files = 0
    for _, ds, fs in os.walk(top):
        dirs += sum(n.startswith(".badday-tmp-") for n in ds)
        files += sum(n.startswith(".badday-tmp-") for n in fs)
    return dirs > 0 and files > 0
for _ in range(200):  # until the render's temporary file exists in the staging directory
    if staged(): break
    time.sleep(0.05)
else: sys.exit("no staging directory with a temporary file appeared")
p.send_signal(signal.SIGINT)
rc = p.wait(timeout=10)
sys.exit(0 if rc == 130 else "exit %d, expected 130" % rc)
PY
RC=$?
check "SIGINT during an archive exits 130" test "$RC" -eq 0
[ "$RC" -eq 0 ] || sed 's/^/  /' "$WORK/out" | head -5
check "SIGINT during an archive: no staging directory or temporary file is left" \
  sh -c "test -z \"\$(find '$WORK/archive' -name '.badday-tmp-*')\""
check "SIGINT during an archive: no report was published" \
  sh -c "test -z \"\$(find '$WORK/archive' -name '*.pdf' -o -name '*.json' ! -name 'index.json')\""

finish
