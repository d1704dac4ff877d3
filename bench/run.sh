#!/bin/sh
# bench/run.sh - badday against the browser route, side by side, in one run.
#
# For N = 100, 1,000, 10,000 and 100,000 scenarios (bench/genplan.py), times
#   badday -> PDF (report layout), badday -> HTML, badday -> JSON
#   Chromium --print-to-pdf of badday's own HTML of the same plan (N <= 10,000)
# and prints the median wall time over RUNS runs, the peak RSS, the output
# size and the ratio browser / badday PDF.  Speed is measured here, never
# asserted in tests.
#
#   bench/run.sh [BADDAY] [SIZES]      e.g. bench/run.sh _install/bin/badday "100 1000"
#   RUNS=5 bench/run.sh
#
# Needs python3, GNU time (/usr/bin/time) and chromium.
set -eu
cd "$(dirname "$0")/.."
BADDAY=${1:-_install/bin/badday}
SIZES=${2:-"100 1000 10000 100000"}
RUNS=${RUNS:-3}
BROWSER_MAX=${BROWSER_MAX:-10000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/badday-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1738108800

command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }

# measure LABEL CMD...: runs CMD $RUNS times; sets MEDIAN (s) and RSS (MB).
measure() {
  : >"$WORK/times"
  RSS=0
  i=0
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f '%e %M' -o "$WORK/t" "$@" >/dev/null 2>"$WORK/stderr" || {
      echo "bench: failed: $*" >&2; cat "$WORK/stderr" >&2; exit 1; }
    read -r secs kb <"$WORK/t"
    echo "$secs" >>"$WORK/times"
    [ "$kb" -gt "$RSS" ] && RSS=$kb
    i=$((i + 1))
  done
  MEDIAN=$(sort -n "$WORK/times" | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
  RSS=$((RSS / 1024))
}

size_of() { wc -c <"$1" | awk '{printf "%.1f MB", $1/1048576}'; }

printf '%s, %s, %s runs each (median)\n' "$(uname -m)" "$(nproc) cores" "$RUNS"
printf '%-8s %-22s %9s %9s %11s %12s\n' "N" "route" "time s" "RSS MB" "size" "s/1k scen."
for n in $SIZES; do
  python3 bench/genplan.py "$n" >"$WORK/plan.yaml"
  for fmt in pdf html json; do
    measure "$BADDAY" render "$WORK/plan.yaml" -o "$WORK/out.$fmt"
    eval "t_$fmt=$MEDIAN"
    printf '%-8s %-22s %9s %9s %11s %12.4f\n' "$n" "badday -> $fmt" "$MEDIAN" "$RSS" "$(size_of "$WORK/out.$fmt")" \
      "$(echo "$MEDIAN $n" | awk '{print $1 * 1000 / $2}')"
  done
  if [ "$n" -le "$BROWSER_MAX" ] && command -v chromium >/dev/null; then
    measure chromium --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$WORK/profile" --no-pdf-header-footer \
      --print-to-pdf="$WORK/browser.pdf" "file://$WORK/out.html"
    printf '%-8s %-22s %9s %9s %11s %12s   browser/badday PDF: %.1fx\n' "$n" "chromium print-to-pdf" "$MEDIAN" \
      "$RSS" "$(size_of "$WORK/browser.pdf")" "" "$(echo "$MEDIAN $t_pdf" | awk '{print $1 / $2}')"
  fi
done

# The simulation engine for ranges (issue 14) on seeded random plans, when
# SIMBENCH names the build tree's bench/simbench (make bench/simbench):
#   SIMBENCH=_build/bench/simbench bench/run.sh _install/bin/badday 100
# CPU seconds (user, the firm figure on a shared machine: an idle 2-core
# machine's wall time is about user / threads), wall time and peak RSS at
# 10^4 and 10^5 trials (memory must not grow with them), 1 and 2 threads.
if [ -n "${SIMBENCH:-}" ]; then
  printf '%-8s %-9s %-8s %9s %9s %9s\n' "N" "trials" "threads" "user s" "wall s" "RSS MB"
  for run in "1000 10000 1" "1000 10000 2" "1000 100000 2" "10000 10000 2"; do
    /usr/bin/time -f '%U %e %M' -o "$WORK/t" "$SIMBENCH" $run >/dev/null || exit 1
    read -r user wall kb <"$WORK/t"
    printf '%-8s %-9s %-8s %9s %9s %9s\n' $run "$user" "$wall" "$((kb / 1024))"
  done
fi
