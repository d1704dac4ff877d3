#!/bin/sh
# badday archive: no clobber means no clobber.  Two archives of different
# plans of the same service and period run at the same time, many times:
# one publishes its whole set, the other is refused, and the set found
# afterwards is exactly one run's (never the PDF of one and the JSON of
# the other), with nothing left behind.
. "$TOP_SRCDIR/tests/lib.sh"
unset SOURCE_DATE_EPOCH
sed 's/revenue: 300000/revenue: 310000/' "$EXAMPLE" >"$WORK/b.yaml"
cp "$EXAMPLE" "$WORK/a.yaml"
run "$BADDAY" archive --dir "$WORK/ref-a" "$WORK/a.yaml"
expect_rc "reference set A" 0
run "$BADDAY" archive --dir "$WORK/ref-b" "$WORK/b.yaml"
expect_rc "reference set B" 0
check "the two sets differ in every report" sh -c "! cmp -s '$WORK/ref-a/2025-Q1/Smart-Receipt-Manager.pdf' '$WORK/ref-b/2025-Q1/Smart-Receipt-Manager.pdf'"
ROUNDS=12
whole=0 refused=0 clean=0
i=0
while [ $i -lt $ROUNDS ]; do
  i=$((i + 1))
  D="$WORK/race$i"
  "$BADDAY" archive --dir "$D" "$WORK/a.yaml" 2>"$WORK/err-a" &
  pa=$!
  "$BADDAY" archive --dir "$D" "$WORK/b.yaml" 2>"$WORK/err-b" &
  pb=$!
  wait $pa; ra=$?
  wait $pb; rb=$?
  if diff -r "$D" "$WORK/ref-a" >/dev/null || diff -r "$D" "$WORK/ref-b" >/dev/null; then
    whole=$((whole + 1))
  else
    diff -r "$D" "$WORK/ref-a" | head -3
  fi
  # exactly one run wins; the other explains why it left the set alone
  if [ $((ra + rb)) -eq 4 ] && cat "$WORK/err-a" "$WORK/err-b" | grep -q "exists with other content"; then
    refused=$((refused + 1))
  else
    echo "  round $i: exit codes $ra and $rb"
  fi
  no_temp_files "$D/2025-Q1" && clean=$((clean + 1))
  rm -rf "$D"
done
check "every round left one run's whole set ($whole of $ROUNDS)" test $whole -eq $ROUNDS
check "every round refused exactly one run ($refused of $ROUNDS)" test $refused -eq $ROUNDS
check "every round left no staging directory ($clean of $ROUNDS)" test $clean -eq $ROUNDS

# --force under the same race: each run replaces the whole set, so the
# set found afterwards is still exactly one run's
D="$WORK/forced"
run "$BADDAY" archive --dir "$D" "$WORK/a.yaml"
whole=0
i=0
while [ $i -lt 6 ]; do
  i=$((i + 1))
  "$BADDAY" archive --force --dir "$D" "$WORK/b.yaml" 2>/dev/null &
  pb=$!
  "$BADDAY" archive --force --dir "$D" "$WORK/a.yaml" 2>/dev/null
  wait $pb
  if diff -r "$D" "$WORK/ref-a" >/dev/null || diff -r "$D" "$WORK/ref-b" >/dev/null; then
    whole=$((whole + 1))
  fi
done
check "forced races leave one run's whole set ($whole of 6)" test $whole -eq 6
finish
