#!/bin/sh
# badday archive: DIR/PERIOD/SERVICE.{pdf,html,json}, safe names, atomic,
# reproducible (archiving twice changes nothing), never replacing other
# content without --force.
. "$TOP_SRCDIR/tests/lib.sh"
unset SOURCE_DATE_EPOCH  # the archive takes "now" from the plan's as_of
A="$WORK/archive"

run "$BADDAY" archive --dir "$A" "$VALID/spec-example.yaml"
expect_rc "archive one plan" 0
for f in pdf html json; do
  check "$f written to PERIOD/SERVICE" test -s "$A/2025-Q1/Smart-Receipt-Manager.$f"
done
check "the json is the report" jq -e '.service == "Smart Receipt Manager"' "$A/2025-Q1/Smart-Receipt-Manager.json"
check "no temporary file left" no_temp_files "$A/2025-Q1"
cp -r "$A" "$WORK/first"

# a staging directory left by a killed run (its process is gone) is
# removed by the next run; one of a live process is left alone
dead=$(sh -c 'echo $$')
mkdir -p "$A/2025-Q1/.badday-tmp-Smart-Receipt-Manager-$dead-AbC123" "$A/2025-Q1/.badday-tmp-Smart-Receipt-Manager-$$-XyZ789"
touch "$A/2025-Q1/.badday-tmp-Smart-Receipt-Manager-$dead-AbC123/Smart-Receipt-Manager.pdf"
run "$BADDAY" archive --dir "$A" "$VALID/spec-example.yaml"
expect_rc "archive next to a stale staging directory" 0
check "the dead run's staging directory is gone" test ! -e "$A/2025-Q1/.badday-tmp-Smart-Receipt-Manager-$dead-AbC123"
check "a live run's staging directory is kept" test -d "$A/2025-Q1/.badday-tmp-Smart-Receipt-Manager-$$-XyZ789"
rmdir "$A/2025-Q1/.badday-tmp-Smart-Receipt-Manager-$$-XyZ789"

# kept inputs: the plan byte for byte and every evidence file (two of the
# same name kept apart), each with its SHA-256 in the manifest
E="$TOP_SRCDIR/tests/evidence"
mkdir -p "$WORK/ev2" && cp "$E/fail.xml" "$WORK/ev2/pass.xml"
run "$BADDAY" archive --dir "$WORK/kept" -e "$E/pass.xml" -e "$WORK/ev2/pass.xml" "$VALID/spec-example.yaml"
expect_rc "archive with evidence" 0
K="$WORK/kept/2025-Q1/Smart-Receipt-Manager"
check "the plan is kept byte for byte" cmp "$VALID/spec-example.yaml" "$K.inputs/spec-example.yaml"
check "the evidence is kept" cmp "$E/pass.xml" "$K.inputs/pass.xml"
check "a second evidence file of the same name is kept apart" cmp "$WORK/ev2/pass.xml" "$K.inputs/pass-2.xml"
check "nothing else is kept" test "$(ls "$K.inputs" | wc -l)" -eq 3
check "the manifest names six files" jq -e '.files | length == 6' "$K.manifest.json"
check "the manifest's roles" jq -e '[.files[].role] == ["report","report","report","plan","evidence","evidence"]' "$K.manifest.json"
(cd "$WORK/kept/2025-Q1" && jq -r '.files[] | "\(.sha256)  \(.path)"' Smart-Receipt-Manager.manifest.json) >"$WORK/sums"
check "every SHA-256 in the manifest is the file's" sh -c "cd '$WORK/kept/2025-Q1' && sha256sum -c --quiet '$WORK/sums'"
check "the manifest's plan hash is the report's source_sha256" test "$(jq -r '.files[3].sha256' "$K.manifest.json")" = "$(jq -r .source_sha256 "$K.json")"
check "no staging directory left" no_temp_files "$WORK/kept/2025-Q1"

run "$BADDAY" archive --dir "$A" "$VALID/spec-example.yaml"
expect_rc "archiving again succeeds" 0
check "archiving again changes nothing (reproducible)" diff -r "$WORK/first" "$A"

# a changed plan: the archived files are kept unless --force
sed 's/revenue: 300000/revenue: 310000/' "$VALID/spec-example.yaml" >"$WORK/changed.yaml"
run "$BADDAY" archive --dir "$A" "$WORK/changed.yaml"
expect_rc "changed plan is refused" 4
expect_err "refusal explained" "exists with other content; not replaced (use --force)"
check "archived files untouched" diff -r "$WORK/first" "$A"
check "no temporary file after a refusal" no_temp_files "$A/2025-Q1"
run "$BADDAY" archive --dir "$A" --force "$WORK/changed.yaml"
expect_rc "--force replaces" 0
check "--force wrote the new figures" jq -e '.losses[0].per_hour.revenue == 310000' "$A/2025-Q1/Smart-Receipt-Manager.json"

# safe names: no path traversal, no hidden files; UTF-8 names kept; as_of
# stands in for a missing period
sed 's|^service: .*|service: "../../etc/passwd"|; s|^period: .*|period: ".hidden/../x"|' \
  "$VALID/spec-example.yaml" >"$WORK/evil.yaml"
run "$BADDAY" archive --dir "$A" "$WORK/evil.yaml"
expect_rc "hostile names archived" 0
check "traversal neutralised" test -s "$A/hidden-x/etc-passwd.json"
check "nothing written outside DIR" test ! -e "$WORK/etc"
run "$BADDAY" archive --dir "$A" "$VALID/japanese.yaml"
expect_rc "Japanese plan archived" 0
sed '/^period:/d' "$VALID/japanese.yaml" >"$WORK/ja.yaml"
run "$BADDAY" archive --dir "$A" "$WORK/ja.yaml"
expect_rc "plan without period archived" 0
check "UTF-8 names kept" test -s "$A/2025年-第1四半期/経費精算システム.pdf"
check "as_of names the folder without a period" test -d "$A/$(sed -n 's/^as_of: //p' "$WORK/ja.yaml")"

# one name, one file: "café" composed and decomposed is one service file;
# a right-to-left override, zero-width space, look-alike slash and emoji
# are replaced
printf 'service: "caf\303\251"\n' >"$WORK/nfc.head"
printf 'service: "cafe\314\201"\n' >"$WORK/nfd.head"
for form in nfc nfd; do
  { cat "$WORK/$form.head"; grep -v '^service:' "$VALID/spec-example.yaml"; } >"$WORK/$form.yaml"
done
run "$BADDAY" archive --dir "$WORK/names" "$WORK/nfc.yaml"
expect_rc "NFC name archived" 0
run "$BADDAY" archive --dir "$WORK/names" "$WORK/nfd.yaml"
expect_rc "the NFD name is the same file (its other plan is refused)" 4
check "one file for café" test "$(ls "$WORK/names/2025-Q1" | grep -c 'pdf$')" -eq 1
check "café in NFC" test -s "$(printf '%s/names/2025-Q1/caf\303\251.json' "$WORK")"
{ printf 'service: "a\342\200\256b\342\200\213c\342\210\225d\360\237\222\270e"\n'
  grep -v '^service:' "$VALID/spec-example.yaml"; } >"$WORK/odd.yaml"
run "$BADDAY" archive --dir "$WORK/odd" "$WORK/odd.yaml"
expect_rc "odd name archived" 0
check "bidi, zero-width, slash look-alike and emoji replaced" test -s "$WORK/odd/2025-Q1/a-b-c-d-e.json"

# the index: built from what DIR holds, rewritten by every run
check "index.json written" jq -e '.periods | length == 4' "$A/index.json"
check "the index names the files with their SHA-256" jq -e --arg h "$(sha256sum "$A/2025-Q1/Smart-Receipt-Manager.pdf" | cut -c1-64)" \
  '[.periods[].services[].files[] | select(.path == "2025-Q1/Smart-Receipt-Manager.pdf") | .sha256] == [$h]' "$A/index.json"
check "the index copies the report's figures" jq -e --slurpfile r "$A/2025-Q1/Smart-Receipt-Manager.json" \
  '[.periods[].services[] | select(.file == "Smart-Receipt-Manager")][0] | .yearly_loss_now == $r[0].totals.current.eal and .yearly_loss_planned == $r[0].totals.planned.eal and .coverage == $r[0].totals.coverage and .decisions_needed == ($r[0].decisions | length)' "$A/index.json"
check "index.html links the PDF" grep -q 'href="2025-Q1/Smart-Receipt-Manager.pdf"' "$A/index.html"
check "index.html has the plugin's Content-Security-Policy" grep -q "default-src 'none'; style-src 'sha256-" "$A/index.html"
check "no temporary index left" no_temp_files "$A"

# a period whose services use several currencies: no portfolio sums
run "$BADDAY" archive --dir "$WORK/mixed" "$VALID"/*.yaml
expect_rc "archive every valid plan (2025-Q1 in JPY, USD and EUR)" 0
check "the mixed period's portfolio has no currency and no loss sums" jq -e \
  '.periods[] | select(.dir == "2025-Q1") | .portfolio | .currency == null and .yearly_loss_now == null and .decisions_needed >= 3' "$WORK/mixed/index.json"
check "the page shows no sum for it" grep -q '<title>Portfolio: Yearly loss now: 2025-Q1 -; 2025-01-29 EUR 1.8K;' "$WORK/mixed/index.html"

# both languages in one run: SERVICE.pdf (the first language) and
# SERVICE.ja.pdf, the JSON once; the index links both
run "$BADDAY" archive --dir "$WORK/both" --lang en,ja "$VALID/spec-example.yaml"
expect_rc "--lang en,ja" 0
B="$WORK/both/2025-Q1/Smart-Receipt-Manager"
check "the English PDF" sh -c "pdftotext '$B.pdf' - | grep -q 'Decisions needed'"
check "the Japanese PDF" sh -c "pdftotext '$B.ja.pdf' - | grep -q '判断が必要'"
check "the Japanese HTML" grep -q '<html lang="ja"' "$B.ja.html"
check "one JSON" test ! -e "$B.ja.json"
check "the index links both languages" jq -e '[.periods[].services[].files[].path] | index("2025-Q1/Smart-Receipt-Manager.ja.pdf") and index("2025-Q1/Smart-Receipt-Manager.pdf")' "$WORK/both/index.json"
run "$BADDAY" archive --dir "$WORK/both" --lang en,xx "$VALID/spec-example.yaml"
expect_rc "--lang with an unknown language" 2

run "$BADDAY" archive "$VALID/spec-example.yaml"
expect_rc "archive without --dir" 2
run "$BADDAY" archive --dir "$A" "$TOP_SRCDIR/tests/broken/unknown-key-suggest.yaml"
expect_rc "invalid plan archived nothing" 1
finish
