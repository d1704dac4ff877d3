#!/bin/sh
# make-archive.sh OUT [LANG]: the history fixture for the Trend view.
# Writes the plans of the service Alpha for six quarters into OUT/plans/
# (from service.yaml beside this script, RATE = 500 x N) and archives the
# first five into OUT/archive (with `--lang LANG`, default en); the sixth,
# OUT/plans/2025-Q4.yaml, is the report to render with
# `--history OUT/archive`.  Needs $BADDAY.  Hand-computed series
# (service.yaml's comment), 2024-Q3 .. 2025-Q4:
#   yearly loss now      4000 8000 12000 16000 10000 12000
#   yearly loss planned  2000 4000  6000  8000 10000 12000
#   budget used (x 8.76) 4    4     4     4     2     2
#   coverage             0    0     0     0     0.25  0.25
#   verified coverage    0 everywhere; decisions needed 1 1 1 1 0 0
set -e
: "${BADDAY:?}"
out=$1 lang=${2:-en}
here=$(dirname "$0")
mkdir -p "$out/plans"
n=0
for q in 2024-Q3:2024-08-15:2:planned 2024-Q4:2024-11-15:4:planned 2025-Q1:2025-02-15:6:planned \
  2025-Q2:2025-05-15:8:planned 2025-Q3:2025-08-15:10:implemented 2025-Q4:2025-11-15:12:implemented; do
  IFS=: read -r period as_of factor status <<END
$q
END
  sed "s/SERVICE/Alpha/; s/PERIOD/$period/; s/AS_OF/$as_of/; s/RATE/$((500 * factor))/; s/STATUS/$status/" \
    "$here/service.yaml" >"$out/plans/$period.yaml"
  n=$((n + 1))
  if [ "$n" -le 5 ]; then
    "$BADDAY" archive --dir "$out/archive" --lang "$lang" "$out/plans/$period.yaml" >/dev/null
  fi
done
