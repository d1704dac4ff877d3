#!/bin/sh
# Every broken plan in tests/broken is rejected with exit 1 and exactly the
# messages in its .err file (FILE:LINE:COL: error: MESSAGE), and nothing is
# written.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$TOP_SRCDIR/tests/broken" || exit 99
count=0
for plan in *.yaml; do
  name=${plan%.yaml}
  count=$((count + 1))
  if [ ! -f "$name.err" ]; then fail "$name: no $name.err"; continue; fi
  "$BADDAY" check "$plan" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  expect_rc "$name rejected" 1
  if diff -u "$name.err" "$WORK/err" >"$WORK/diff"; then pass "$name: exact messages"; else
    fail "$name: messages differ"; sed 's/^/  /' "$WORK/diff" | head -20; fi
  "$BADDAY" render "$plan" -f json -o "$WORK/$name.json" >/dev/null 2>&1
  check "$name: nothing rendered" test ! -e "$WORK/$name.json"
done
check "at least 30 broken plans" test "$count" -ge 30
finish
