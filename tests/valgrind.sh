#!/bin/sh
# valgrind.sh - the CLI under valgrind: checking the valid and broken plans,
# rendering valid plans as json, csv, html, pdf, svg and png, and listing the plugins
# show no invalid access and no definite leak.  tests/valgrind.supp holds
# suppressions for third-party libraries only, never for badday code.
# Skipped without valgrind and in a sanitizer build (ASan and valgrind do
# not mix).
. "$TOP_SRCDIR/tests/lib.sh"
if [ -n "${BADDAY_SANITIZERS:-}" ]; then echo "# skipped: sanitizer build"; exit 77; fi
if ! command -v valgrind >/dev/null 2>&1; then echo "# skipped: no valgrind"; exit 77; fi

# grind NAME CODE ARG...: runs `badday ARG...` under valgrind; expects exit
# CODE and an empty valgrind log (errors exit 99 and are logged).
grind() {
  name=$1 code=$2
  shift 2
  rm -f "$WORK"/vg.*
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite \
    --suppressions="$TOP_SRCDIR/tests/valgrind.supp" --log-file="$WORK/vg.%p" \
    "$BADDAY" "$@" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  expect_rc "$name" "$code"
  if [ -z "$(cat "$WORK"/vg.* 2>/dev/null)" ]; then pass "$name: valgrind is silent"; else
    fail "$name: valgrind reports"; sed 's/^/  /' "$WORK"/vg.* | head -60; fi
}

VALID="$TOP_SRCDIR/tests/valid"
BROKEN="$TOP_SRCDIR/tests/broken"
grind "check every valid plan" 0 check "$VALID"/*.yaml
grind "check every broken plan" 1 check "$BROKEN"/*.yaml
grind "render a broken plan" 1 render "$BROKEN/billion-laughs.yaml" -o "$WORK/none.json"
for format in json csv html; do
  grind "render spec-example as $format" 0 render "$VALID/spec-example.yaml" -o "$WORK/spec.$format"
done
grind "render japanese.yaml as html slides" 0 render "$VALID/japanese.yaml" -f html --layout slides \
  --lang ja -o "$WORK/ja.html"
grind "render csv measures" 0 render "$VALID/checkout-slo.yaml" -f csv -O table=measures -o -
grind "render spec-example as pdf" 0 render "$VALID/spec-example.yaml" -o "$WORK/spec.pdf"
grind "render japanese.yaml as pdf slides" 0 render "$VALID/japanese.yaml" -f pdf --layout slides \
  --lang ja -o "$WORK/ja.pdf"
grind "render spec-example as an svg chart" 0 render "$VALID/spec-example.yaml" -o "$WORK/spec.svg" \
  -O view=tree
grind "render japanese.yaml as a png chart" 0 render "$VALID/japanese.yaml" -o "$WORK/ja.png" \
  -O view=heatmap --lang ja
grind "refuse an unknown loss in a chart" 3 render "$VALID/spec-example.yaml" -o "$WORK/none.png" \
  -O view=tree -O loss=nope
# the simulation of a plan with ranges, on two threads (fewer trials: valgrind is slow)
sed 's/trials: 20_000/trials: 1000/' "$VALID/ranges.yaml" >"$WORK/ranges.yaml"
grind "render a plan with ranges on 2 threads as json" 0 render "$WORK/ranges.yaml" --threads 2 \
  -o "$WORK/ranges.json"
check "the plan with ranges was simulated under valgrind" grep -q '"trials": 1000' "$WORK/ranges.json"
grind "render a plan from standard input" 0 render - -f json -o "$WORK/stdin.json" <"$EXAMPLE"
Q="$TOP_SRCDIR/tests/quarters"
"$BADDAY" render "$Q/payments-2026-Q2.yaml" -o "$WORK/q2.json"
for format in json csv html pdf; do
  grind "render a portfolio with --compare as $format" 0 render "$Q/payments-2026-Q3.yaml" \
    "$Q/search-2026-Q3.yaml" --compare "$WORK/q2.json" -o "$WORK/portfolio.$format"
done
grind "compare with a plan, csv changes" 0 render "$Q/payments-2026-Q3.yaml" \
  --compare "$Q/payments-2026-Q2.yaml" -f csv -O table=changes -o -
printf '{"badday": 1, "totals": {}, "scenarios": [{"id": 3}]}' >"$WORK/bad.json"
grind "a malformed compare file" 1 render "$Q/payments-2026-Q3.yaml" --compare "$WORK/bad.json" \
  -o "$WORK/none.json"
grind "list the plugins" 0 plugins -v
# the archive: sets with kept inputs, the index, --history and --verify
unset SOURCE_DATE_EPOCH
grind "archive with evidence" 0 archive --dir "$WORK/archive" -e "$TOP_SRCDIR/tests/evidence/pass.xml" \
  "$VALID/status-page-json.yaml" "$VALID/checkout-slo.yaml"
sed 's/^as_of: .*/as_of: 2025-04-15/; s/^period: .*/period: 2025-Q2/' "$VALID/checkout-slo.yaml" >"$WORK/next.yaml"
grind "archive --history" 0 archive --dir "$WORK/archive" --history "$WORK/archive" "$WORK/next.yaml"
grind "archive --verify" 0 archive --verify "$WORK/archive"
finish
