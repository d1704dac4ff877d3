#!/bin/sh
# Output under faults: a file-size limit, a read-only directory, a symbolic
# link as destination, a closed pipe, and a render killed with SIGKILL in a
# loop.  The destination is always the old complete report or the new
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
