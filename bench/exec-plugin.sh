#!/bin/sh
# bench/exec-plugin.sh - what an executable plugin costs over the C json
# writer (issue 19): for a plan of N scenarios (bench/genplan.py, default
# 1,000), the median wall time over RUNS runs of
#   render -f json -o /dev/null              the C json plugin (forked child)
#   render -f pipe -o /dev/null              an executable plugin that copies
#                                            its stdin (the request: the same
#                                            JSON and a header) to stdout
#   render -f register -o /dev/null          the Python example (its own work)
#   python3 register < request.json          the example run alone on the
#                                            request, without badday
# The pipe is not the bottleneck when `pipe` costs about `json` plus a copy,
# and `register` about `json` plus the Python run alone.
#
#   bench/exec-plugin.sh [BADDAY] [N]     e.g. bench/exec-plugin.sh _build/badday 1000
#   RUNS=9 bench/exec-plugin.sh
set -eu
cd "$(dirname "$0")/.."
BADDAY=$(realpath "${1:-_build/badday}")
N=${2:-1000}
RUNS=${RUNS:-7}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/badday-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1738108800
# a build tree's badday finds its plugins next to it
export BADDAY_PLUGIN_PATH="${BADDAY_PLUGIN_PATH:-$(dirname "$BADDAY")/plugins/.libs}"
# one directory per plugin: each render runs --describe of only its own
mkdir -p "$WORK/plugins" "$WORK/python" && chmod 755 "$WORK/plugins" "$WORK/python"
printf '#!/bin/sh\nif [ "${1:-}" = --describe ]; then echo %s; exit 0; fi\nexec cat\n' \
  "'{\"protocol\": 1, \"formats\": [\"pipe\"]}'" >"$WORK/plugins/badday-format-pipe"
cp examples/exec/badday-format-register "$WORK/python/"
chmod 755 "$WORK/plugins"/* "$WORK/python"/*
python3 bench/genplan.py "$N" >"$WORK/plan.yaml"

# median CMD...: runs CMD $RUNS times; prints the median wall time in ms
median() {
  : >"$WORK/times"
  i=0
  while [ $i -lt "$RUNS" ]; do
    python3 -c 'import subprocess, sys, time
t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
print("%.1f" % ((time.perf_counter() - t) * 1000))' "$@" >>"$WORK/times"
    i=$((i + 1))
  done
  sort -n "$WORK/times" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
"$BADDAY" render "$WORK/plan.yaml" -f pipe --plugin-dir "$WORK/plugins" -o "$WORK/request.json" 2>/dev/null
echo "# $N scenarios, median of $RUNS runs (ms); request $(wc -c <"$WORK/request.json") bytes"
echo "json (C plugin)          $(median "$BADDAY" render "$WORK/plan.yaml" -f json -o /dev/null)"
echo "pipe (exec, cat)         $(median "$BADDAY" render "$WORK/plan.yaml" -f pipe --plugin-dir "$WORK/plugins" -o /dev/null)"
echo "register (exec, Python)  $(median "$BADDAY" render "$WORK/plan.yaml" -f register --plugin-dir "$WORK/python" -o /dev/null)"
echo "register alone           $(median sh -c "python3 '$WORK/python/badday-format-register' <'$WORK/request.json'")"
echo "register --describe      $(median "$WORK/python/badday-format-register" --describe)"
echo "cat of the request alone $(median sh -c "cat '$WORK/request.json'")"
echo "check (load + analyse)   $(median "$BADDAY" check "$WORK/plan.yaml")"
