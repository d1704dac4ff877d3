#!/bin/sh
# bench/pdf-profile.sh - repeatable cost of the PDF report: instructions
# counted by callgrind (unlike wall or CPU time, the same on a busy machine),
# for the whole render and for the pdf plugin's part, with the pages, glyphs
# and cairo calls of each section (badday -v).
#
#   bench/pdf-profile.sh [BADDAY] [N] [ARGS...]    e.g. bench/pdf-profile.sh _install/bin/badday 1000
#   bench/pdf-profile.sh _install/bin/badday 300 --layout slides
#
# Needs python3 and valgrind.  Takes about a minute for N = 1,000.
set -eu
cd "$(dirname "$0")/.."
BADDAY=${1:-_install/bin/badday}
N=${2:-1000}
[ $# -ge 2 ] && shift 2 || shift $#
WORK=$(mktemp -d "${TMPDIR:-/tmp}/badday-profile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1738108800
command -v valgrind >/dev/null || { echo "pdf-profile: needs valgrind" >&2; exit 2; }

python3 bench/genplan.py "$N" >"$WORK/plan.yaml"
"$BADDAY" render "$WORK/plan.yaml" -f pdf -o "$WORK/out.pdf" -v "$@" 2>&1 | sed -n 's/^badday: pdf: //p'
valgrind --tool=callgrind --callgrind-out-file="$WORK/cg" "$BADDAY" render "$WORK/plan.yaml" -f pdf \
  -o "$WORK/out.pdf" "$@" 2>"$WORK/vg"
total=$(sed -n 's/.*Collected : *//p' "$WORK/vg")
pdf=$(callgrind_annotate --inclusive=yes "$WORK/cg" 2>/dev/null | awk '/pdf\.c:render_doc /{ gsub(",", "", $1); print $1; exit }')
printf 'N = %s: %s instructions in all, %s in the pdf plugin (%s per scenario), %s bytes\n' "$N" \
  "$total" "${pdf:-?}" "$(awk -v p="${pdf:-0}" -v n="$N" 'BEGIN { printf "%.0f", p / n }')" \
  "$(wc -c <"$WORK/out.pdf" | tr -d ' ')"
