#!/bin/sh
# bench/archive.sh BADDAY [SERVICES] [QUARTERS]: the archive as a history
# (issue 17).  Archives SERVICES plans (default 100) a quarter for QUARTERS
# quarters (default 8) into a fresh directory, one `badday archive` run a
# quarter, and prints per quarter: the sets in the archive afterwards, the
# seconds and peak RSS of the quarter's run (SERVICES sets rendered, then
# the index rewritten from every report in DIR), and the seconds of an
# index refresh (archiving one unchanged plan again: one set staged and
# found unchanged, then the whole index rebuilt) next to the same set
# archived alone into an empty directory, and from the two the index's
# milliseconds per archived set; and the seconds of `render --history`
# of one plan of the next quarter (JSON and the HTML report with its Trend
# page: the whole archive's reports read) next to the same render without
# --history.  Then `archive --verify` over the whole archive.  The index part should grow linearly with the
# archive; the quarter's run should stay about constant plus that.
# Plugins: BADDAY_PLUGIN_PATH and BADDAY_DATADIR as for the tests.
set -eu
BADDAY=${1:?usage: bench/archive.sh BADDAY [SERVICES] [QUARTERS]}
SERVICES=${2:-100}
QUARTERS=${3:-8}
W=$(mktemp -d "${TMPDIR:-/tmp}/badday-archive-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
D="$W/archive"

# plan SERVICE PERIOD AS_OF RATE: a small plan of one scenario
plan() {
  cat <<PLAN
badday: 1
service: "$1"
period: "$2"
as_of: "$3"
currency: "USD"
slo: 99.9
losses:
  - {id: outage, title: The service is down, per_hour: {revenue: $4}}
failures:
  - {id: down, loss: outage, title: The region is down}
scenarios:
  - id: region-down
    failure: down
    title: The region is down
    frequency: 4
    impact: 1
    detect: 30m
    recover: 30m
    measures:
      - {id: failover, title: Fail over, kind: preventive, status: planned,
         effect: {frequency: 2}, cost: {yearly: 100}}
PLAN
}

printf '| quarter | sets in the archive | quarter run s | RSS MB | index refresh s | one set alone s | index ms/set | render --history s | render alone s |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
q=0
while [ $q -lt "$QUARTERS" ]; do
  year=$((2024 + q / 4)) n=$((q % 4 + 1)) month=$(( (q % 4) * 3 + 2 ))
  period="$year-Q$n"
  mkdir -p "$W/plans/$period"
  s=0
  while [ $s -lt "$SERVICES" ]; do
    s=$((s + 1))
    plan "Service $s" "$period" "$(printf '%d-%02d-15' $year $month)" $((1000 * s + q)) \
      >"$W/plans/$period/s$s.yaml"
  done
  /usr/bin/time -f '%e %M' -o "$W/time" "$BADDAY" archive --dir "$D" "$W/plans/$period"/*.yaml
  read -r secs rss <"$W/time"
  /usr/bin/time -f '%e' -o "$W/time2" "$BADDAY" archive --dir "$D" "$W/plans/$period/s1.yaml"
  read -r refresh <"$W/time2"
  # the same set into an empty archive: the refresh less this is the index
  rm -rf "$W/alone"
  /usr/bin/time -f '%e' -o "$W/time3" "$BADDAY" archive --dir "$W/alone" "$W/plans/$period/s1.yaml"
  read -r alone <"$W/time3"
  sets=$(( (q + 1) * SERVICES ))
  # next quarter's plan of Service 1, rendered with and without the history
  plan "Service 1" "$((2024 + (q + 1) / 4))-Q$(((q + 1) % 4 + 1))" "2030-01-01" 1000 >"$W/next.yaml"
  /usr/bin/time -f '%e' -o "$W/time4" "$BADDAY" render --history "$D" -f html -o "$W/next.html" "$W/next.yaml"
  read -r with_history <"$W/time4"
  /usr/bin/time -f '%e' -o "$W/time5" "$BADDAY" render -f html -o "$W/next.html" "$W/next.yaml"
  read -r without <"$W/time5"
  printf '| %s | %d | %s | %d | %s | %s | %s | %s | %s |\n' "$period" "$sets" "$secs" $((rss / 1024)) \
    "$refresh" "$alone" "$(echo "$refresh $alone $sets" | awk '{printf "%.2f", 1000 * ($1 - $2) / $3}')" \
    "$with_history" "$without"
  q=$((q + 1))
done
/usr/bin/time -f '%e %M' -o "$W/time" "$BADDAY" archive --verify "$D" >"$W/verify.out"
read -r secs rss <"$W/time"
printf '\narchive --verify of %d sets: %s s, %d MB (%s)\n' $((QUARTERS * SERVICES)) "$secs" \
  $((rss / 1024)) "$(cat "$W/verify.out" | sed "s|$D|DIR|")"
printf 'index.json %d bytes, index.html %d bytes\n' "$(wc -c <"$D/index.json")" "$(wc -c <"$D/index.html")"
