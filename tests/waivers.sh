#!/bin/sh
# Waivers of CI gate rules (a scenario's `waive`) in every report: who
# waived what and until when.  tests/valid/waivers.yaml waives uncovered
# for psp-down until 2025-03-31 and stale until 2025-01-15; the day of the
# check is SOURCE_DATE_EPOCH's (2025-01-29 in the tests), so the first is in
# force and the second has expired.  The gate itself is tests/gates.sh, the
# CSV table tests/csv.sh, the errors tests/broken/waive-*.
. "$TOP_SRCDIR/tests/lib.sh"
PLAN="$VALID/waivers.yaml"
REASON1="The second provider is signed in March (Payments lead, OPS-77)"
REASON2="The drill was dropped with the old provider"

# JSON: the waive list as given, with "expired"; none where none is given
run "$BADDAY" render "$PLAN" -o "$WORK/w.json"
expect_rc "json renders" 0
check "json: psp-down's waivers echoed in order" jq -e --arg r1 "$REASON1" --arg r2 "$REASON2" '
  .scenarios[0].waive == [
    {"rule": "uncovered", "reason": $r1, "until": "2025-03-31", "expired": false},
    {"rule": "stale", "reason": $r2, "until": "2025-01-15", "expired": true}]' "$WORK/w.json"
check "json: no waive key without waivers" jq -e '.scenarios[1] | has("waive") | not' "$WORK/w.json"
# the decision rule on the same plan: psp-down's only planned measure is a
# test without a cost, which does not count (monitor); ledger-slow's planned
# index has a cost (3000 once over 3 years: 1000 a year) and no effect: it
# counts, and reduction 0 < 1000 (accept)
check "json: a planned test without a cost does not count (monitor)" \
  jq -e '.scenarios[0].decision == "monitor" and .scenarios[0].plan_cost == 0' "$WORK/w.json"
check "json: a planned measure with only a cost counts (accept)" jq -e '.scenarios[1] |
  .decision == "accept" and .plan_cost == 1000 and .reduction == 0' "$WORK/w.json"
# on 2025-04-01 (SOURCE_DATE_EPOCH 1743465600) the first has expired too
SOURCE_DATE_EPOCH=1743465600 run "$BADDAY" render "$PLAN" -o "$WORK/april.json"
check "json: on 2025-04-01 both have expired" \
  jq -e '[.scenarios[0].waive[].expired] == [true, true]' "$WORK/april.json"

# HTML report: a table in the decisions section, one row per waiver
run "$BADDAY" render "$PLAN" -o "$WORK/w.html"
expect_rc "html renders" 0
python3 - "$WORK/w.html" >"$WORK/rows" <<'PY'
import html.parser
import sys


class Rows(html.parser.HTMLParser):
    """The text of each row of the table with class "waivers"."""

    def __init__(self):
        super().__init__()
        self.inside, self.rows, self.cell = False, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "waivers" in (dict(attrs).get("class") or "").split():
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(" ".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


p = Rows()
p.feed(open(sys.argv[1], encoding="utf-8").read())
for row in p.rows:
    print(" | ".join(row))
PY
printf '%s\n' "Scenario | Rule | Until | State | Reason" \
  "The payment provider is down psp-down | uncovered | 2025-03-31 | in force | $REASON1" \
  "The payment provider is down psp-down | stale | 2025-01-15 | expired | $REASON2" >"$WORK/rows.want"
if diff -u "$WORK/rows.want" "$WORK/rows" >"$WORK/diff"; then pass "html: the waivers table"; else
  fail "html: the waivers table differs"; sed 's/^/  /' "$WORK/diff" | head -10; fi
run "$BADDAY" render "$EXAMPLE" -o "$WORK/spec.html"
check "html: no waivers table without waivers" sh -c "! grep -q 'data waivers' '$WORK/spec.html'"

# PDF report: under the scenario's title in the appendix, in both languages
expect_pdf() {
  if grep -qF -- "$2" "$WORK/pdf.txt"; then pass "$1"; else fail "$1: the PDF lacks '$2'"; fi
}
run "$BADDAY" render "$PLAN" -o "$WORK/w.pdf"
expect_rc "pdf renders" 0
pdftotext "$WORK/w.pdf" - | tr -s ' \n' '  ' >"$WORK/pdf.txt"
expect_pdf "pdf: the waiver in force" "Waived: uncovered until 2025-03-31 (in force): $REASON1"
expect_pdf "pdf: the expired waiver" "Waived: stale until 2025-01-15 (expired): $REASON2"
run "$BADDAY" render "$PLAN" --lang ja -o "$WORK/ja.pdf"
expect_rc "pdf (ja) renders" 0
pdftotext "$WORK/ja.pdf" - | tr -d ' \n' >"$WORK/pdf.txt"
expect_pdf "pdf (ja): the waiver in force" "見逃し:uncovered期限2025-03-31(有効)"
expect_pdf "pdf (ja): the expired waiver" "見逃し:stale期限2025-01-15(期限切れ)"
finish
