#!/bin/sh
# Output under faults: a file-size limit, a read-only directory, symbolic
# links (to a report, a FIFO, a device, a directory) as destination, a
# planted set-uid file, devices and /dev/stdout, a closed pipe, and a render
# killed with SIGKILL in a loop.  The destination is always the old complete report or the new
# complete one, and a clean failure leaves no temporary file.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 99

# A plan whose JSON is large (about 2 MB) so that writes span many buffers.
python3 "$TOP_SRCDIR/bench/genplan.py" 1000 >"$WORK/big.yaml" || exit 99
"$BADDAY" render "$WORK/big.yaml" -f json -o "$WORK/new.json" || exit 99
check "reference render is large" test "$(wc -c <"$WORK/new.json")" -gt 1000000
printf 'old report\n' >"$WORK/old.json"

# a file-size limit: EFBIG is reported (exit 4), the old report survives
cp "$WORK/old.json" "$WORK/limited.json"
(ulimit -f 100; "$BADDAY" render "$WORK/big.yaml" -f json -o "$WORK/limited.json") 2>"$WORK/err"
RC=$?
expect_rc "file-size limit" 4
expect_err "file-size limit reported" "File too large"
check "old report survives the file-size limit" cmp -s "$WORK/old.json" "$WORK/limited.json"
check "no temporary file after the file-size limit" no_temp_files "$WORK"

# a read-only directory (as root, permissions do not stop writes: make the
# directory immutable instead)
mkdir "$WORK/ro" && cp "$WORK/old.json" "$WORK/ro/r.json"
if [ "$(id -u)" -eq 0 ]; then
  chattr +i "$WORK/ro" || { fail "cannot make a read-only directory (chattr +i)"; finish; exit; }
else
  chmod 555 "$WORK/ro"
fi
run "$BADDAY" render "$VALID/spec-example.yaml" -f json -o "$WORK/ro/r.json"
expect_rc "read-only directory" 4
expect_err "read-only directory reported" "cannot create a temporary file"
check "old report in the read-only directory survives" cmp -s "$WORK/old.json" "$WORK/ro/r.json"
if [ "$(id -u)" -eq 0 ]; then chattr -i "$WORK/ro"; else chmod 755 "$WORK/ro"; fi
check "no temporary file in the read-only directory" no_temp_files "$WORK/ro"

# a symbolic link as destination: the link is replaced by the new report and
# its target (say, last quarter's archived report) is never written through
mkdir "$WORK/archive" && cp "$WORK/old.json" "$WORK/archive/2025-Q1.json"
ln -s "$WORK/archive/2025-Q1.json" "$WORK/latest.json"
run "$BADDAY" render "$VALID/spec-example.yaml" -f json -o "$WORK/latest.json"
expect_rc "symbolic link as destination" 0
check "the link's target is untouched" cmp -s "$WORK/old.json" "$WORK/archive/2025-Q1.json"
check "the link became the new report" sh -c "test ! -L '$WORK/latest.json' && jq -e '.badday == 1' '$WORK/latest.json' >/dev/null"
ln -s "$WORK/nowhere/x.json" "$WORK/dangling.json"
run "$BADDAY" render "$VALID/spec-example.yaml" -f json -o "$WORK/dangling.json"
expect_rc "dangling link as destination" 0

# a symbolic link to a FIFO, a device or a directory is replaced as well,
# never written through (a reader of the FIFO would block the render)
mkfifo "$WORK/fifo" && ln -s "$WORK/fifo" "$WORK/to-fifo.json"
ln -s /dev/null "$WORK/to-null.json"
mkdir "$WORK/somedir" && ln -s "$WORK/somedir" "$WORK/to-dir.json"
for link in to-fifo to-null to-dir; do
  run timeout 10 "$BADDAY" render "$VALID/spec-example.yaml" -f json -o "$WORK/$link.json"
  expect_rc "a link ($link) as destination" 0
  check "  the link ($link) became the new report" sh -c "test ! -L '$WORK/$link.json' && jq -e '.badday == 1' '$WORK/$link.json' >/dev/null"
done
check "  the FIFO is still a FIFO" test -p "$WORK/fifo"
check "  the directory is untouched and empty" test -z "$(ls -A "$WORK/somedir")"

# a planted file's set-uid, set-gid, sticky, execute and world-write bits
# are never copied onto the report, nor anything the umask clears
: >"$WORK/planted.json" && chmod 7777 "$WORK/planted.json"
run sh -c "umask 022 && exec '$BADDAY' render '$VALID/spec-example.yaml' -f json -o '$WORK/planted.json'"
expect_rc "a planted 7777 file as destination" 0
check "  the report is 0644 under umask 022" test "$(stat -c %a "$WORK/planted.json")" = 644
chmod 0660 "$WORK/planted.json"
run sh -c "umask 077 && exec '$BADDAY' render '$VALID/spec-example.yaml' -f json -o '$WORK/planted.json'"
check "  a 0660 report becomes 0600 under umask 077" test "$(stat -c %a "$WORK/planted.json")" = 600
chmod 0600 "$WORK/planted.json"
run sh -c "umask 022 && exec '$BADDAY' render '$VALID/spec-example.yaml' -f json -o '$WORK/planted.json'"
check "  a 0600 report stays 0600" test "$(stat -c %a "$WORK/planted.json")" = 600
rm -f "$WORK/new-mode.json"
run sh -c "umask 027 && exec '$BADDAY' render '$VALID/spec-example.yaml' -f json -o '$WORK/new-mode.json'"
check "  a new report is 0666 less the umask (0640 under 027)" test "$(stat -c %a "$WORK/new-mode.json")" = 640

# devices and the process's own descriptors are named by their path
run "$BADDAY" render "$VALID/spec-example.yaml" -f json -o /dev/full
expect_rc "-o /dev/full" 4
expect_err "  /dev/full is named" "badday: /dev/full: cannot write the report: No space left on device"
"$BADDAY" render "$VALID/spec-example.yaml" -f json -o /dev/stdout >"$WORK/via-stdout.json" 2>"$WORK/err"
RC=$?
expect_rc "-o /dev/stdout" 0
check "  /dev/stdout writes to standard output" cmp -s "$WORK/via-stdout.json" "$WORK/latest.json"
check "  /dev/stdout itself is left alone" test -L /dev/stdout
"$BADDAY" render "$VALID/spec-example.yaml" -f json -o /dev/fd/1 >/dev/full 2>"$WORK/err"
RC=$?
expect_rc "-o /dev/fd/1 on a full device" 4
expect_err "  /dev/fd/1 is named" "badday: /dev/fd/1: cannot write the report: No space left on device"

# a closed pipe on -o -: a write error (exit 4), not a silent death by SIGPIPE
{ "$BADDAY" render "$WORK/big.yaml" -f json -o - 2>"$WORK/err"; echo $? >"$WORK/rc"; } | head -c 100 >/dev/null
RC=$(cat "$WORK/rc")
expect_rc "closed pipe" 4
expect_err "closed pipe reported" "Broken pipe"

# SIGKILL at random moments: the destination is always complete
cp "$WORK/old.json" "$WORK/killed.json"
i=0
while [ $i -lt 30 ]; do
  "$BADDAY" render "$WORK/big.yaml" -f json -o "$WORK/killed.json" 2>/dev/null &
  pid=$!
  sleep "0.0$(( (i * 37) % 10 ))$(( (i * 11) % 10 ))"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  if ! cmp -s "$WORK/killed.json" "$WORK/old.json" && ! cmp -s "$WORK/killed.json" "$WORK/new.json"; then
    fail "after SIGKILL $i the destination is neither the old nor the new report"
    break
  fi
  i=$((i + 1))
done
[ $i -eq 30 ] && pass "30 renders killed at random moments: always the old or the new report"
check "the loop saw both outcomes or only the old one" sh -c "cmp -s '$WORK/killed.json' '$WORK/old.json' || cmp -s '$WORK/killed.json' '$WORK/new.json'"
finish
