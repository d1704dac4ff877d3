#!/bin/sh
# badday check --fail-on: every rule both firing and not firing, one line per
# finding (FILE:LINE: RULE: MESSAGE), exit 6 when anything is found.
. "$TOP_SRCDIR/tests/lib.sh"
cd "$WORK" || exit 99

# A clean plan: slo 99.5 gives a budget of .005 * 8760 = 43.8 h a year.
# web-down: 2/year * (5m + 30m) * 100% = 70/60 h = 1.1667 h -> 2.66% of the budget.
cat >clean.yaml <<'PLAN'
badday: 1
service: Gates
as_of: 2025-01-29
slo: 99.5
stale_after: 30d
losses:
  - {id: l, title: Loss, per_hour: {revenue: 1000}}
failures:
  - {id: f, loss: l, title: Failure}
scenarios:
  - id: web-down
    failure: f
    title: The web tier is down
    frequency: 2/year
    detect: 1h
    recover: 2h
    measures:
      - {id: probe, title: Probe, kind: detective, status: implemented, effect: {detect: 5m}}
      - {id: restart, title: Auto restart, kind: recovery, status: implemented, effect: {recover: 30m}}
      - {id: drill, title: Drill, kind: testing, status: implemented, last_run: 2025-01-20, result: pass}
PLAN
ALL=over-cap,stale,failing,uncovered,budget
run "$BADDAY" check --fail-on $ALL clean.yaml
expect_rc "no rule fires on a clean plan" 0
check "no finding printed" test ! -s "$WORK/out"

# over-cap: recover 12h without the restart -> 2 * (5m + 12h) = 24.1667 h = 55.2% > 25%
sed 's/effect: {recover: 30m}/effect: {recover: 12h}/; s/recover: 2h/recover: 12h/' clean.yaml >overcap.yaml
run "$BADDAY" check --fail-on over-cap overcap.yaml
expect_rc "over-cap fires" 6
expect_out "over-cap line" "overcap.yaml:11: over-cap: scenario 'web-down' uses 55.2% of the error budget (risk_cap 25%)"
run "$BADDAY" check --fail-on stale,failing,uncovered overcap.yaml
expect_rc "other rules quiet on over-cap plan" 0

# stale: last run 2024-12-01 is 59 days before as_of > 30d
sed 's/last_run: 2025-01-20/last_run: 2024-12-01/' clean.yaml >stale.yaml
run "$BADDAY" check --fail-on stale stale.yaml
expect_rc "stale fires" 6
expect_out "stale line" "stale.yaml:20: stale: test 'drill' of scenario 'web-down' last ran on 2024-12-01, more than 30d before 2025-01-29"
run "$BADDAY" check --fail-on over-cap,failing,uncovered,budget stale.yaml
expect_rc "other rules quiet on stale plan" 0

# failing
sed 's/result: pass/result: fail/' clean.yaml >failing.yaml
run "$BADDAY" check --fail-on failing failing.yaml
expect_rc "failing fires" 6
expect_out "failing line" "failing.yaml:20: failing: test 'drill' of scenario 'web-down' failed on 2025-01-20"
run "$BADDAY" check --fail-on stale,over-cap,uncovered,budget failing.yaml
expect_rc "other rules quiet on failing plan" 0

# uncovered: the restart only planned -> no implemented recovery measure
sed 's/kind: recovery, status: implemented/kind: recovery, status: planned/' clean.yaml >uncovered.yaml
run "$BADDAY" check --fail-on uncovered uncovered.yaml
expect_rc "uncovered fires" 6
expect_out "uncovered line" "uncovered.yaml:11: uncovered: scenario 'web-down' has no implemented recovery measure"
sed '/kind: detective/d' clean.yaml >nodetect.yaml
run "$BADDAY" check --fail-on uncovered nodetect.yaml
expect_out "no detective named" "has no implemented detective measure"

# budget: 20/year * (5m + 30m) = 11.67 h ... at slo 99.9 the budget is 8.76 h
sed 's/slo: 99.5/slo: 99.9/; s/frequency: 2\/year/frequency: 20\/year/' clean.yaml >budget.yaml
run "$BADDAY" check --fail-on budget budget.yaml
expect_rc "budget fires" 6
expect_out "budget line" "budget.yaml: budget: planned downtime of 11h 40m a year is over the error budget of 8h 46m (slo 99.9%)"
sed '/^slo:/d' clean.yaml >noslo.yaml
run "$BADDAY" check --fail-on budget noslo.yaml
expect_rc "budget without slo does not fire" 0
expect_err "budget without slo warns" "the plan has no slo, so the budget rule has nothing to check"

# several plans, usage errors, precedence
run "$BADDAY" check --fail-on $ALL clean.yaml failing.yaml
expect_rc "one plan with a finding among two" 6
run "$BADDAY" check --fail-on $ALL failing.yaml "$TOP_SRCDIR/tests/broken/unknown-key-suggest.yaml"
expect_rc "an invalid plan outranks a finding" 1
run "$BADDAY" check --fail-on over-cap,flaky clean.yaml
expect_rc "unknown rule" 2
expect_err "unknown rule named" "unknown rule 'flaky'"
run "$BADDAY" check failing.yaml
expect_rc "without --fail-on findings do not fail" 0

# waivers: the day of the check is SOURCE_DATE_EPOCH (2025-01-29 in the
# tests, the plan's as_of too).  web-down is uncovered (the restart is only
# planned; line 11) and its drill is stale (2024-12-01 is 59 days before
# as_of, > 30d; line 20).  uncovered is waived until 2025-01-29, today:
# the waiver holds on its last day.  stale was waived until 2025-01-28,
# yesterday: expired, so it fails and says so.  batch-late has no measure
# at all but is accepted: never uncovered (4/year x 1h = 4h is 9.1% of
# the 43.8 h budget: not over the cap).  over-cap is waived where nothing
# is over the cap: no finding.
sed 's/kind: recovery, status: implemented/kind: recovery, status: planned/;
     s/last_run: 2025-01-20/last_run: 2024-12-01/' clean.yaml >waived.yaml
cat >>waived.yaml <<'PLAN'
    waive:
      - {rule: uncovered, reason: "restart ships in February (OPS-12)", until: 2025-01-29}
      - {rule: stale, reason: drill moved to the game day, until: 2025-01-28}
      - {rule: over-cap, reason: never needed, until: 2025-12-31}
  - id: batch-late
    failure: f
    title: The nightly batch is late
    frequency: 4/year
    recover: 1h
    accept: nobody reads the report before noon
PLAN
run "$BADDAY" check --fail-on uncovered,over-cap waived.yaml
expect_rc "a waiver that holds on its last day passes the gate" 0
check "nothing on stdout when every finding is waived" test ! -s "$WORK/out"
expect_err "the waived finding is noted with its reason" \
  "waived.yaml:11: note: uncovered waived until 2025-01-29 (restart ships in February (OPS-12)): scenario 'web-down' has no implemented recovery measure"
check "the accepted scenario is not uncovered" sh -c "! grep -q batch-late '$WORK/out' '$WORK/err'"
run "$BADDAY" check --fail-on stale waived.yaml
expect_rc "an expired waiver fails the gate" 6
expect_out "the expired waiver is named" \
  "waived.yaml:20: stale: waiver of stale for scenario 'web-down' expired on 2025-01-28: test 'drill' of scenario 'web-down' last ran on 2024-12-01, more than 30d before 2025-01-29"
check "one finding" test "$(wc -l <"$WORK/out")" -eq 1
# a day later (SOURCE_DATE_EPOCH 2025-01-30) the uncovered waiver has expired too
SOURCE_DATE_EPOCH=1738195200 run "$BADDAY" check --fail-on uncovered waived.yaml
expect_rc "the day after until, the waiver no longer holds" 6
expect_out "expired the day after" \
  "waived.yaml:11: uncovered: waiver of uncovered for scenario 'web-down' expired on 2025-01-29: scenario 'web-down' has no implemented recovery measure"
# without the waive list the same plan fails both rules
sed '/^    waive:/,/over-cap, reason/d' waived.yaml >unwaived.yaml
run "$BADDAY" check --fail-on uncovered,stale unwaived.yaml
expect_rc "unwaived: fails" 6
check "unwaived: two findings" test "$(wc -l <"$WORK/out")" -eq 2
finish
