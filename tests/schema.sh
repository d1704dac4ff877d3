#!/bin/sh
# tests/schema.sh - `badday schema`, `badday init` and the JSON Schema of
# plan format 1 (templates/plan-1.schema.json), checked with Debian's
# python3-jsonschema: every valid plan validates, every broken plan whose
# error the schema can express fails it, and the starter plan that init
# writes passes both the schema and `badday check`, in both languages.
. "${TOP_SRCDIR:?}/tests/lib.sh"
SCHEMA="$TOP_SRCDIR/templates/plan-1.schema.json"
VALIDATE="python3 $TOP_SRCDIR/tests/schema/validate.py $SCHEMA"

# The broken fixtures only `check` can see: references between ids, ids
# used twice, keys given twice, real calendar dates, dates after as_of,
# what verifies may name, and YAML-level limits (aliases, nesting depth).
CHECK_ONLY="alias-cycle bad-date billion-laughs deep-nesting duplicate-failure-id duplicate-key
duplicate-loss-id duplicate-measure-id duplicate-scenario-id last-run-after-as-of merge-key
range-low-above-high unknown-failure-ref unknown-loss-ref verifies-test verifies-unknown"

# badday schema prints the installed schema, byte for byte.
run "$BADDAY" schema
expect_rc "badday schema" 0
check "badday schema prints templates/plan-1.schema.json" cmp -s "$WORK/out" "$SCHEMA"

# Every valid plan of the suite and the example validates.
for plan in "$TOP_SRCDIR"/tests/valid/*.yaml "$TOP_SRCDIR"/tests/meeting/*.yaml \
  "$TOP_SRCDIR"/tests/quarters/*.yaml "$TOP_SRCDIR"/examples/receipts.yaml; do
  verdict=$($VALIDATE "$plan")
  case "$verdict" in
    *" ok") pass "schema accepts ${plan#"$TOP_SRCDIR"/}" ;;
    *) fail "schema rejects valid ${plan#"$TOP_SRCDIR"/}: $verdict" ;;
  esac
done

# Every broken plan fails the schema, except those only check can see;
# and those pass it, so that the list stays true.
for plan in "$TOP_SRCDIR"/tests/broken/*.yaml; do
  name=$(basename "$plan" .yaml)
  verdict=$($VALIDATE "$plan")
  case " $(echo $CHECK_ONLY) " in
    *" $name "*)
      case "$verdict" in
        *" ok") pass "only check sees $name" ;;
        *) fail "$name is in CHECK_ONLY but the schema rejects it: $verdict" ;;
      esac ;;
    *)
      case "$verdict" in
        *" ok") fail "schema accepts broken $name" ;;
        *) pass "schema rejects broken $name" ;;
      esac ;;
  esac
done

# init writes a starter plan that passes check and the schema, in both
# languages, with the modeline first and every key of the schema in it.
for lang in en ja; do
  run "$BADDAY" init --lang "$lang"
  expect_rc "init --lang $lang" 0
  cp "$WORK/out" "$WORK/starter-$lang.yaml"
  first=$(head -1 "$WORK/starter-$lang.yaml")
  check "init --lang $lang starts with the schema modeline" \
    test "$first" = "# yaml-language-server: \$schema=$SCHEMA"
  run "$BADDAY" check "$WORK/starter-$lang.yaml"
  expect_rc "the $lang starter passes check" 0
  verdict=$($VALIDATE "$WORK/starter-$lang.yaml")
  check "the $lang starter passes the schema" test "${verdict##* }" = ok
  missing=""
  for key in $(python3 -c 'import json,sys
s = json.load(open(sys.argv[1]))
keys = set(s["properties"])
for d in ("loss", "failure", "scenario", "measure"):
    keys |= set(s["$defs"][d]["properties"])
keys |= set(s["$defs"]["measure"]["properties"]["effect"]["properties"])
keys |= set(s["$defs"]["waiver"]["properties"])
print(" ".join(sorted(keys)))' "$SCHEMA"); do
    grep -Eq "(^|[ {,])$key:" "$WORK/starter-$lang.yaml" || missing="$missing $key"
  done
  check "the $lang starter uses every key of the schema${missing:+ (missing:$missing)}" test -z "$missing"
  run "$BADDAY" render "$WORK/starter-$lang.yaml" --lang "$lang" -o "$WORK/starter-$lang.json"
  expect_rc "the $lang starter renders" 0
done

# The starter is the same plan in both languages: same ids and decisions.
ids() { jq -r '.scenarios[] | "\(.id) \(.decision)"' "$1"; }
check "en and ja starters have the same scenarios and decisions" \
  test "$(ids "$WORK/starter-en.json")" = "$(ids "$WORK/starter-ja.json")"

# init -o never overwrites: an existing file (even a symlink) is kept.
printf 'mine\n' >"$WORK/plan.yaml"
run "$BADDAY" init -o "$WORK/plan.yaml"
expect_rc "init -o onto an existing file" 4
expect_err "init says it never overwrites" "already exists; init never overwrites a file"
check "the existing file is unchanged" test "$(cat "$WORK/plan.yaml")" = mine
ln -s "$WORK/nowhere.yaml" "$WORK/link.yaml"
run "$BADDAY" init -o "$WORK/link.yaml"
expect_rc "init -o onto a dangling symlink" 4
check "nothing was written through the symlink" test ! -e "$WORK/nowhere.yaml"
run "$BADDAY" init -o "$WORK/new.yaml"
expect_rc "init -o a new file" 0
check "init -o wrote the starter" cmp -s "$WORK/new.yaml" "$WORK/starter-en.yaml"
check "init -o leaves no temporary file" no_temp_files "$WORK"

run "$BADDAY" init --lang fr
expect_rc "init --lang fr" 2
expect_err "init names the languages" "expected en or ja"
run "$BADDAY" init extra.yaml
expect_rc "init with a stray argument" 2
run "$BADDAY" schema extra
expect_rc "schema with a stray argument" 2

finish
