#!/bin/sh
# Every broken plan in tests/broken is rejected with exit 1 and exactly the
# messages in its .err file (FILE:LINE:COL: error: MESSAGE), and nothing is
# written.  UPDATE_GOLDEN=1 rewrites the .err files of the plans that are
# rejected (review the git diff before committing).
. "$TOP_SRCDIR/tests/lib.sh"
cd "$TOP_SRCDIR/tests/broken" || exit 99
count=0
for plan in *.yaml; do
  name=${plan%.yaml}
  count=$((count + 1))
  "$BADDAY" check "$plan" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  [ "$RC" -eq 1 ] && update_golden "$name.err" "$WORK/err"
  if [ ! -f "$name.err" ]; then fail "$name: no $name.err"; continue; fi
  expect_rc "$name rejected" 1
  if diff -u "$name.err" "$WORK/err" >"$WORK/diff"; then pass "$name: exact messages"; else
    fail "$name: messages differ"; sed 's/^/  /' "$WORK/diff" | head -20; fi
  "$BADDAY" render "$plan" -f json -o "$WORK/$name.json" >/dev/null 2>&1
  check "$name: nothing rendered" test ! -e "$WORK/$name.json"
done
check "at least 30 broken plans" test "$count" -ge 30
finish
