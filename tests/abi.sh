#!/bin/sh
# The ABI growth rule (badday/plugin.h): a plugin built against "2.0 minus
# the newest members" (tests/abi/shrink.py removed the last member of every
# model struct from its headers) loads, and reads every member it knows of
# every struct with the same values as the same plugin built against the
# real headers, on real plans, a comparison and a portfolio.  The full build
# marks the lines of each struct's last member "+ " (tests/plugins/dump.c).
. "$TOP_SRCDIR/tests/lib.sh"
: "${TEST_MODULES:?}" "${TOP_BUILDDIR:?}"

for m in dump dumpold; do
  mkdir -p "$WORK/$m" && cp "$TEST_MODULES/$m.so" "$WORK/$m/" && chmod 755 "$WORK/$m/$m.so"
done
# one archived quarter for --history (with the shipped plugins)
run "$BADDAY" archive --dir "$WORK/archive" "$TOP_SRCDIR/tests/quarters/payments-2026-Q2.yaml"
expect_rc "archive a quarter for --history" 0
export BADDAY_PLUGIN_PATH=

REMOVED="$TOP_BUILDDIR/tests/abi/old/removed.txt"
check "the old headers lack the newest members" test "$(wc -l <"$REMOVED")" -ge 14
check "bd_scenario lost its last member" grep -qx 'bd_scenario.uncertain' "$REMOVED"
check "bd_report lost its last member" grep -qx 'bd_report.history' "$REMOVED"
check "bd_waiver lost its last member" grep -qx 'bd_waiver.expired' "$REMOVED"
check "bd_figures lost its last member" grep -qx 'bd_figures.range' "$REMOVED"

run "$BADDAY" plugins --plugin-dir "$WORK/dumpold"
expect_out "the old plugin is loaded" "dump       formats: dump  ABI 2.3"
check "the old plugin is refused nothing" sh -c "! grep -q refused '$WORK/out'"

Q="$TOP_SRCDIR/tests/quarters"
# compare NAME ARGS...: renders ARGS with both builds and compares the dumps.
compare() {
  label=$1; shift
  run "$BADDAY" render "$@" -f dump -o "$WORK/new.dump" --plugin-dir "$WORK/dump"
  expect_rc "$label: the plugin of today renders" 0
  run "$BADDAY" render "$@" -f dump -o "$WORK/old.dump" --plugin-dir "$WORK/dumpold"
  expect_rc "$label: the plugin of yesterday renders" 0
  grep -v '^+ ' "$WORK/new.dump" >"$WORK/known.dump"
  check "$label: dumps something" test "$(wc -l <"$WORK/old.dump")" -gt 100
  check "$label: the newest members are there for today's plugin" grep -q '^+ ' "$WORK/new.dump"
  if cmp -s "$WORK/known.dump" "$WORK/old.dump"; then pass "$label: same values read by both"; else
    fail "$label: the old plugin reads other values"; diff "$WORK/known.dump" "$WORK/old.dump" | head -5; fi
}
for plan in "$VALID"/*.yaml; do compare "$(basename "$plan")" "$plan"; done
compare "waivers" "$VALID/waivers.yaml"
check "waivers: read by the old plugin too (ABI 2.1, no longer the newest)" \
  grep -qx 'scenario\[0\] waiver\[1\] until=2025-01-15' "$WORK/old.dump"
check "waivers: a waiver's newest member only for today's plugin" \
  grep -q '^+ scenario\[0\] waiver\[1\] expired=' "$WORK/new.dump"
compare "ranges" "$VALID/ranges.yaml"
check "ranges: the simulation read by the old plugin too (no longer the newest)" \
  grep -q '^simulation trials=20000' "$WORK/old.dump"
check "ranges: pays_off read by the old plugin too" grep -q '^scenario\[2\] has_pays_off=1' "$WORK/old.dump"
# japanese.yaml lists idp-down (current 244,000 a year) before db-full
# (880,000): by loss, db-full comes first
compare "sorted" "$VALID/japanese.yaml"
check "scenarios by current yearly loss, largest first (the old plugin too)" grep -qx 'report scenarios_by_loss\[0\]=1' "$WORK/old.dump"
check "scenarios by current yearly loss, then the smaller" grep -qx 'report scenarios_by_loss\[1\]=0' "$WORK/old.dump"
compare "comparison" "$Q/payments-2026-Q3.yaml" --compare "$Q/payments-2026-Q2.yaml"
check "comparison: the deltas were read" grep -q '^delta\[3\] id=' "$WORK/old.dump"
# the history (ABI 2.3, the report's newest member): one archived quarter
compare "history" "$Q/payments-2026-Q3.yaml" --history "$WORK/archive"
check "history: today's plugin reads both periods" grep -qx '+ history point_count=2' "$WORK/new.dump"
check "history: the archived quarter first" grep -qx '+ history period=2026-Q2' "$WORK/new.dump"
check "history: the old plugin has none" sh -c "! grep -q history '$WORK/old.dump'"
compare "portfolio" "$Q/payments-2026-Q3.yaml" "$Q/search-2026-Q3.yaml"
check "portfolio: both plans were read" grep -q '^portfolio scenario_count=' "$WORK/old.dump"

# The test would catch a 1.x-style plugin: stepping the scenarios by the old
# sizeof reads the second scenario at the wrong place.
check "scenarios beyond the first are read" grep -q '^scenario\[1\] id=' "$WORK/old.dump"
finish
