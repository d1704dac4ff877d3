#!/bin/sh
# run.sh TARGET SECONDS OUTDIR - runs one libFuzzer target (tests/fuzz/fuzz_load,
# fuzz_render, fuzz_compare, fuzz_evidence or fuzz_cli, built with CC=clang
# ./configure --enable-fuzzing) for SECONDS on the seed corpus: for plans the
# valid and broken fixtures, tests/fuzz/corpus, tests/quarters,
# tests/fuzz/reports and examples; for fuzz_evidence tests/evidence and
# tests/fuzz/evidence; for fuzz_cli tests/fuzz/cli (the json plugin is loaded
# from the build's plugins/.libs).  New inputs go to OUTDIR/corpus, crashes to OUTDIR/
# (add a fixed crasher to tests/broken or tests/fuzz/corpus); the log is
# OUTDIR/fuzz.log and its last lines hold exec/s, cov: and ft:.
set -eu
target=$1 seconds=$2 out=$3
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out/corpus"
status=0
case $target in
*evidence) set -- -dict="$src/tests/fuzz/evidence.dict" "$src/tests/evidence" "$src/tests/fuzz/evidence" ;;
*cli)
  BADDAY_PLUGIN_PATH=${BADDAY_PLUGIN_PATH:-$(cd "$(dirname "$target")/../.." && pwd)/plugins/.libs}
  export BADDAY_PLUGIN_PATH
  set -- -dict="$src/tests/fuzz/plan.dict" "$src/tests/fuzz/cli" ;;
*) set -- -dict="$src/tests/fuzz/plan.dict" "$src/tests/valid" "$src/tests/broken" \
  "$src/tests/fuzz/corpus" "$src/examples" "$src/tests/quarters" "$src/tests/fuzz/reports" ;;
esac
"$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$out/" "$out/corpus" "$@" \
  >"$out/fuzz.log" 2>&1 || status=$?
grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' "$out/fuzz.log" || tail -20 "$out/fuzz.log"
exit "$status"
