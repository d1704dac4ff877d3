#!/bin/sh
# hostile.sh - plans written to hurt: every case ends with the expected exit
# code and message, within bounded time and memory.
#
# Each case runs badday under `timeout` and, in a subshell, `ulimit -v`
# (2 GiB of address space; not with the sanitizers, whose shadow memory
# reserves terabytes) and fails when badday used more than 2 s of CPU time
# (user + system, measured with `times`, so that a loaded machine does not
# make it flaky; 3x that under the sanitizers).  Big inputs are generated
# into $WORK at test time; random bytes come from a fixed-seed generator.
. "$TOP_SRCDIR/tests/lib.sh"

MEM_KB=2097152
CPU_LIMIT_MS=2000
WALL_LIMIT_S=5
if [ -n "${BADDAY_SANITIZERS:-}" ]; then
  MEM_KB=""
  CPU_LIMIT_MS=6000
  WALL_LIMIT_S=15
fi
BROKEN="$TOP_SRCDIR/tests/broken"
cd "$WORK" || exit 99

# cpu_ms: prints the CPU time (user + system, in ms) of the children of the
# shell that wrote `times` to $WORK/times.
cpu_ms() {
  awk 'NR == 2 {
    n = split($0, t, " "); ms = 0
    for (i = 1; i <= n; i++) { split(t[i], p, "m"); sub("s", "", p[2]); ms += (p[1] * 60 + p[2]) * 1000 }
    printf "%d\n", ms }' "$WORK/times"
}

# hostile_in INPUT NAME CODE TEXT ARG...: runs `badday ARG...` with stdin
# from INPUT, bounded in time and memory; expects exit CODE, TEXT (if not
# empty) on stderr, and at most CPU_LIMIT_MS of CPU time.  The subshell
# measures its own children only (timeout and badday, not a FIFO's writer).
hostile_in() {
  input=$1 name=$2 code=$3 text=$4
  shift 4
  (
    if [ -n "$MEM_KB" ]; then ulimit -v "$MEM_KB" || exit 99; fi
    timeout "$WALL_LIMIT_S" "$BADDAY" "$@"
    rc=$?
    times >"$WORK/times"
    exit "$rc"
  ) <"$input" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  used=$(cpu_ms)
  expect_rc "$name" "$code"
  [ -z "$text" ] || expect_err "$name: message" "$text"
  if [ "$used" -le "$CPU_LIMIT_MS" ]; then pass "$name: $used ms of CPU"; else
    fail "$name: $used ms of CPU (limit $CPU_LIMIT_MS)"; fi
}

# hostile NAME CODE TEXT ARG...: hostile_in with stdin from /dev/null.
hostile() {
  hostile_in /dev/null "$@"
}

# repeat CHAR N: prints CHAR N times.
repeat() {
  head -c "$2" /dev/zero | tr '\0' "$1"
}

# random_bytes N SEED: N bytes from a small LCG (x = 75x + 74 mod 65537),
# the same on every machine.
random_bytes() {
  LC_ALL=C awk -v n="$1" -v x="$2" 'BEGIN {
    for (i = 0; i < n; i++) { x = (x * 75 + 74) % 65537; printf "%c", x % 256 } }'
}

# random_yaml N SEED: N characters of YAML punctuation, words and line
# breaks from the same generator (no NUL: this reaches the parser).
random_yaml() {
  LC_ALL=C awk -v n="$1" -v x="$2" 'BEGIN {
    s = "[]{}:,-?&*!|>\047\"%@#` \n\n\t abc1.~\\"
    for (i = 0; i < n; i++) { x = (x * 75 + 74) % 65537; printf "%s", substr(s, x % length(s) + 1, 1) } }'
}

# plan FILE [SED-SCRIPT]: writes a small valid plan to FILE (- for standard
# output), edited by the sed script.
plan() {
  if [ "$1" != - ]; then plan - "${2:-}" >"$1"; return; fi
  cat <<'EOF' | sed "${2:-}"
badday: 1
service: Web shop
as_of: 2025-01-29
losses:
  - id: checkout-down
    title: Customers cannot pay
    per_hour: {revenue: 1000, brand: 200}
failures:
  - id: payment-fails
    loss: checkout-down
    title: Payments fail
scenarios:
  - id: psp-down
    failure: payment-fails
    title: Payment provider is down
    frequency: 2/year
    recover: 1h
    measures:
      - {id: alarm, title: Error-rate alarm, kind: detective, effect: {detect: 5m}}
EOF
}

plan base.yaml
hostile "a valid plan" 0 "" check base.yaml

# --- aliases -----------------------------------------------------------------
{
  printf 'badday: 1\nservice: s\nlosses: []\nfailures: []\nscenarios: []\n'
  printf 'x-0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  for i in 1 2 3 4 5 6 7 8 9; do
    printf 'x-%d: &a%d [' "$i" "$i"
    for j in 1 2 3 4 5 6 7 8 9; do printf '*a%d, ' $((i - 1)); done
    printf '*a%d]\n' $((i - 1))
  done
} >laughs.yaml
hostile "billion laughs in an extension" 1 "aliases expand to more than 1000000 nodes" check laughs.yaml
hostile "billion laughs, render" 1 "aliases expand to more than" render laughs.yaml -f json -o laughs.json
check "billion laughs: nothing written" test ! -e laughs.json
{
  printf 'badday: 1\nservice: s\nlosses: []\nfailures: []\nscenarios: []\n'
  printf 'x-0: &a0 {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol}\n'
  for i in 1 2 3 4 5 6 7 8 9; do
    printf 'x-%d: &a%d {' "$i" "$i"
    for j in 1 2 3 4 5 6 7; do printf 'k%d: *a%d, ' "$j" $((i - 1)); done
    printf 'k0: *a%d}\n' $((i - 1))
  done
} >laughs-maps.yaml
hostile "billion laughs of mappings" 1 "aliases expand to more than 1000000 nodes" check laughs-maps.yaml
{ plan -; seq 1 160000 | sed 's/.*/      - {id: m&, title: T, kind: detective}/'; } >measures.yaml
hostile "160,000 measures (1.1 million nodes, no alias) are no alias bomb" 0 "" check measures.yaml
printf 'badday: 1\nx-a: &a [1, {b: *a}]\n' >cycle.yaml
hostile "alias cycle" 1 "alias cycle: *a refers to a collection that contains it" check cycle.yaml
printf 'badday: 1\nx-a: &a {b: {c: [*a]}}\n' >cycle2.yaml
hostile "alias cycle through a mapping" 1 "alias cycle: *a" check cycle2.yaml
printf 'badday: 1\nx-a: *nowhere\n' >undefined.yaml
hostile "undefined alias" 1 "alias *nowhere names no anchor defined before it" check undefined.yaml

# --- nesting -----------------------------------------------------------------
{ printf 'badday: 1\nx-deep: '; repeat '[' 100000; repeat ']' 100000; echo; } >deep-flow.yaml
hostile "100,000-deep flow lists" 1 "deep-flow.yaml:2:72: error: nesting deeper than 64 levels" \
  check deep-flow.yaml
{ printf 'badday: 1\nx-deep: '; repeat '{' 100000 | sed 's/{/{a: /g'; echo; } >deep-map.yaml
hostile "100,000-deep flow mappings, never closed" 1 "nesting deeper than 64 levels" \
  check deep-map.yaml
{ printf 'badday: 1\nx-deep:\n'; repeat '-' 100000 | sed 's/-/- /g'; echo x; } >deep-block.yaml
hostile "100,000-deep block lists" 1 "deep-block.yaml:3:127: error: nesting deeper than 64 levels" \
  check deep-block.yaml
{ printf 'badday: 1\nx-deep: '; repeat '[' 100000; echo; } >deep-open.yaml
hostile "100,000 unclosed brackets" 1 "nesting deeper than 64 levels" check deep-open.yaml

# --- keys and documents ------------------------------------------------------
plan dup.yaml 's/^service: Web shop/service: Web shop\nservice: Other shop/'
hostile "duplicate key" 1 "dup.yaml:3:1: error: duplicate key 'service' (first at line 2)" check dup.yaml
{ plan -; echo 'x-keys:'; seq 1 100000 | sed 's/.*/  k&: 1/'; echo '  k5: 2'; } >dup-many.yaml
hostile "a duplicate among 100,000 keys" 1 "duplicate key 'k5' (first at line 25)" check dup-many.yaml
printf 'badday: 1\n"x-a\\nbase.yaml:1:1: error: forged": 1\n"x-a\\nbase.yaml:1:1: error: forged": 2\n' >forged.yaml
hostile "a key cannot forge an error line" 1 "duplicate key 'x-a\\nbase.yaml:1:1: error: forged'" \
  check forged.yaml
check "  no forged line" test "$(grep -c '^base.yaml' "$WORK/err")" -eq 0
{ plan -; printf -- '---\nbadday: 1\n'; } >two-docs.yaml
hostile "two documents" 1 "two-docs.yaml:20:1: error: only one YAML document is allowed" check two-docs.yaml
{ plan -; seq 1 10000 | sed 's/.*/---\nx: &/'; } >many-docs.yaml
hostile "10,000 documents" 1 "only one YAML document is allowed" check many-docs.yaml
printf '%%YAML 1.3\n---\nbadday: 1\n' >yaml13.yaml
hostile "a YAML 1.3 directive" 1 "found incompatible YAML document" check yaml13.yaml
plan tags.yaml 's/^service: Web shop/service: !!str Web shop/'
hostile "a core tag" 1 "tags are not allowed (found '!!str')" check tags.yaml
printf '%%TAG !e! tag:example.com,2000:\n---\nbadday: !e!x 1\n' >tag-directive.yaml
hostile "a %TAG directive" 1 "tags are not allowed (found 'tag:example.com,2000:x')" check tag-directive.yaml
printf 'badday: !<tag:x%%0Abase.yaml:1:1:%%20error:%%20forged> 1\n' >tag-forged.yaml
hostile "a tag cannot forge an error line" 1 "found 'tag:x\\nbase.yaml:1:1: error: forged')" check tag-forged.yaml
check "  no forged line" test "$(grep -c '^base.yaml' "$WORK/err")" -eq 0

# --- encodings, NUL and escapes -----------------------------------------------
plan bad-utf8.yaml 's/Payments fail/Payments f\xffil/'
hostile "invalid UTF-8" 1 "bad-utf8.yaml:11:22: error: the plan must be UTF-8 (found the byte 0xFF" \
  check bad-utf8.yaml
plan overlong.yaml 's/Payments fail/Payments \xc0\xaf/'
hostile "overlong UTF-8" 1 "found the byte 0xC0, which is not valid UTF-8 here" check overlong.yaml
plan surrogate.yaml 's/Payments fail/Payments \xed\xa0\x80/'
hostile "a UTF-8 surrogate" 1 "found the byte 0xED" check surrogate.yaml
{ plan -; printf 'x-cut: \343\201'; } >cut.yaml
hostile "UTF-8 cut at the end" 1 "found the byte 0xE3" check cut.yaml
plan latin1.yaml 's/Web shop/Caf\xe9/'
hostile "Latin-1" 1 "latin1.yaml:2:13: error: the plan must be UTF-8 (found the byte 0xE9" check latin1.yaml
plan nul.yaml 's/Payments fail/Payments\x00fail/'
hostile "a NUL byte" 1 "nul.yaml:11:20: error: the plan must be UTF-8 text (found a NUL byte)" check nul.yaml
plan esc0.yaml 's/title: Payments fail/title: "Payments\\0fail"/'
hostile "the escape backslash-0" 1 "esc0.yaml:11:12: error: control character U+0000 is not allowed" check esc0.yaml
plan esc1.yaml 's/title: Payments fail/title: "Payments\\x01fail"/'
hostile "the escape backslash-x01" 1 "control character U+0001 is not allowed" check esc1.yaml
plan esce.yaml 's/title: Payments fail/title: "Payments\\efail"/'
hostile "the escape backslash-e" 1 "control character U+001B is not allowed" check esce.yaml
plan escn.yaml 's/title: Payments fail/title: "Payments\\Nfail"/'
hostile "the escape backslash-N (NEL, C1)" 1 "control character U+0085 is not allowed" check escn.yaml
plan escs.yaml 's/title: Payments fail/title: "Payments\\ud800"/'
hostile "the escape backslash-ud800 (a surrogate)" 1 "found invalid Unicode character escape code" check escs.yaml
plan raw-ctl.yaml 's/Payments fail/Payments\x01fail/'
hostile "a raw control character" 1 "raw-ctl.yaml:11:20: error: control character U+0001 is not allowed" \
  check raw-ctl.yaml
plan raw-del.yaml 's/Payments fail/Payments\x7ffail/'
hostile "a raw DEL" 1 "control character U+007F is not allowed" check raw-del.yaml
{ printf '\377\376'; sed 's/./&\x00/g; s/$/\x00/' base.yaml; } >utf16le.yaml
hostile "UTF-16LE with a BOM" 1 "utf16le.yaml:1:1: error: the plan must be UTF-8 (found a UTF-16 byte order mark)" \
  check utf16le.yaml
{ printf '\376\377'; sed 's/./\x00&/g; s/$/\x00/' base.yaml; } >utf16be.yaml
hostile "UTF-16BE with a BOM" 1 "found a UTF-16 byte order mark" check utf16be.yaml
{ printf '\377\376\000\000'; sed 's/./&\x00\x00\x00/g' base.yaml; } >utf32.yaml
hostile "UTF-32 with a BOM" 1 "found a UTF-32 byte order mark" check utf32.yaml
sed 's/./&\x00/g' base.yaml >utf16-nobom.yaml
hostile "UTF-16 without a BOM" 1 "utf16-nobom.yaml:1:2: error: the plan must be UTF-8 text (found a NUL byte)" \
  check utf16-nobom.yaml
{ printf '\357\273\277'; cat base.yaml; } >utf8-bom.yaml
hostile "UTF-8 with a BOM is fine" 0 "" check utf8-bom.yaml

# --- numbers and dates --------------------------------------------------------
plan big.yaml 's/revenue: 1000/revenue: 1e999/'
hostile "amount 1e999" 1 "big.yaml:7:25: error: invalid amount '1e999': expected an amount below 1e15" check big.yaml
plan bigdur.yaml 's/recover: 1h/recover: 99999999999999999999h/'
hostile "a duration out of range" 1 "expected a duration below 1e15 hours" check bigdur.yaml
plan bigfreq.yaml 's/frequency: 2\/year/frequency: 1e300\/day/'
hostile "a frequency out of range" 1 "invalid frequency '1e300/day'" check bigfreq.yaml
plan amort.yaml 's/^as_of: .*/amortize_years: 1e-300/'
hostile "amortize_years 1e-300 (an infinite annual cost)" 1 "expected a number of years of at least 0.001" \
  check amort.yaml
plan nan.yaml 's/revenue: 1000/revenue: .nan/'
hostile ".nan" 1 "invalid amount '.nan': expected a finite amount (no NaN or infinity)" check nan.yaml
plan inf.yaml 's/frequency: 2\/year/frequency: .inf/'
hostile ".inf" 1 "invalid frequency '.inf': expected a finite frequency (no NaN or infinity)" check inf.yaml
plan minf.yaml 's/revenue: 1000/revenue: -.Inf/'
hostile "-.Inf" 1 "expected a finite amount" check minf.yaml
plan slonan.yaml 's/^as_of: .*/slo: .NaN/'
hostile "slo .NaN" 1 "invalid slo '.NaN'" check slonan.yaml
plan neg.yaml 's/revenue: 1000/revenue: -1000/'
hostile "a negative amount" 1 "invalid amount '-1000': expected an amount of 0 or more (no negative values)" check neg.yaml
plan negzero.yaml 's/revenue: 1000/revenue: -0/'
hostile "minus zero" 1 "invalid amount '-0'" check negzero.yaml
plan negshare.yaml 's/recover: 1h/recover: 1h\n    impact: -5%/'
hostile "a negative share" 1 "invalid share '-5%'" check negshare.yaml
plan negdur.yaml 's/recover: 1h/recover: -1h/'
hostile "a negative duration" 1 "invalid duration '-1h'" check negdur.yaml
plan feb30.yaml 's/2025-01-29/2025-02-30/'
hostile "2025-02-30" 1 "feb30.yaml:3:8: error: invalid date '2025-02-30': expected a real calendar date YYYY-MM-DD" \
  check feb30.yaml
plan feb29.yaml 's/2025-01-29/2023-02-29/'
hostile "2023-02-29 (not a leap year)" 1 "invalid date '2023-02-29'" check feb29.yaml
plan month13.yaml 's/2025-01-29/2025-13-01/'
hostile "month 13" 1 "invalid date '2025-13-01'" check month13.yaml
plan year0.yaml 's/2025-01-29/0000-01-01/'
hostile "year 0" 1 "invalid date '0000-01-01'" check year0.yaml
plan year5.yaml 's/2025-01-29/99999-01-01/'
hostile "a five-digit year" 1 "invalid date '99999-01-01'" check year5.yaml

# --- size ----------------------------------------------------------------------
word=$(repeat w 100000)
plan word.yaml "s/title: Payment provider is down/title: $word/"
hostile "a 100,000-character word in a title" 0 "" check word.yaml
for format in json csv html; do
  hostile "a 100,000-character word renders as $format" 0 "" render word.yaml -o "word.$format"
  check "  the $format report holds the word" grep -q "$word" "word.$format"
done
hostile "a 100,000-character word renders as pdf" 0 "" render word.yaml -o word.pdf
plan word-id.yaml "s/id: psp-down/id: $(repeat i 100000)/"
hostile "a 100,000-character id" 1 "word-id.yaml:13:9: error: invalid identifier 'iiiiiiiiii" check word-id.yaml
expect_err "  expected at most 64 bytes" "...': expected an identifier of at most 64 bytes"
{ plan -; printf '? %s\n: 1\n' "$word"; } >word-key.yaml
hostile "a 100,000-character unknown key" 1 "unknown key 'wwwwwwwwww" check word-key.yaml
{ plan -; echo 'x-foo:'; yes '  - lol' | head -n 1000000; } >million.yaml
hostile "a million items in an x- list" 0 "" check million.yaml
hostile "a million items render" 0 "" render million.yaml -o million.json
check "  the million items are in the report" test "$(grep -o '"lol"' million.json | wc -l)" -eq 1000000
{
  plan -
  printf '      - id: drill\n        title: Drill\n        kind: testing\n        verifies: ['
  yes 'alarn,' | head -n 1000000 | tr -d '\n'
  echo 'alarm]'
} >million-verifies.yaml
hostile "a million unknown names in verifies" 1 "unknown measure 'alarn' in verifies; did you mean 'alarm'?" \
  check million-verifies.yaml
expect_err "  errors stop at 50" "million-verifies.yaml: error: 999950 more errors not shown"
check "  50 errors shown" test "$(grep -c ': error: unknown measure' "$WORK/err")" -eq 50
random_bytes 100000 1 >garbage.bin
hostile "100,000 random bytes" 1 "garbage.bin:1:90: error: the plan must be UTF-8 text (found a NUL byte)" \
  check garbage.bin
random_bytes 100000 1 | tr -d '\000' >garbage-nonul.bin
hostile "100,000 random bytes without NUL" 1 "garbage-nonul.bin:1:1: error: the plan must be UTF-8 (found the byte 0x95" \
  check garbage-nonul.bin
random_yaml 100000 7 >garbage.yaml
hostile "100,000 random YAML characters" 1 "garbage.yaml:" check garbage.yaml
truncate -s 300M sparse.yaml
hostile "a 300 MiB file" 1 "sparse.yaml: error: the plan is larger than 256 MiB" check sparse.yaml

# --- what is not a plan file ---------------------------------------------------
hostile "/dev/zero is refused at once" 1 "/dev/zero:1:1: error: the plan must be UTF-8 text (found a NUL byte)" \
  check /dev/zero
hostile "/dev/null" 1 "/dev/null: error: the file holds no YAML document" check /dev/null
mkdir plan.d
hostile "a directory" 1 "plan.d: error: cannot read the plan: is a directory" check plan.d
: >empty.yaml
hostile "an empty file" 1 "empty.yaml: error: the file holds no YAML document" check empty.yaml
hostile "a missing file" 1 "nothing.yaml: error: cannot open the plan: No such file or directory" check nothing.yaml
hostile_in base.yaml "a plan on standard input" 0 "" check -
hostile_in base.yaml "a plan on standard input renders" 0 "" render - -f json -o stdin.json
check "  the report is written" grep -q '"service": "Web shop"' stdin.json
hostile_in nul.yaml "a broken plan on standard input" 1 "<stdin>:11:20: error: the plan must be UTF-8 text" check -
mkfifo fifo
(exec cat base.yaml >fifo) &
writer=$!
hostile "a FIFO" 0 "" check fifo
wait "$writer"
# A NUL byte ends the read at once: the writer keeps the FIFO open for 60 s.
(
  printf 'badday: 1\n\000'
  exec sleep 60
) >fifo &
writer=$!
hostile "a FIFO held open after a NUL byte" 1 "fifo:2:1: error: the plan must be UTF-8 text (found a NUL byte)" \
  check fifo
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
# --- JUnit evidence (--evidence) -----------------------------------------------
VALID_PLAN="$TOP_SRCDIR/tests/valid/spec-example.yaml"
{
  printf '<?xml version="1.0"?>\n<!DOCTYPE testsuites [\n<!ENTITY a "%s">\n]>\n' "$(repeat x 50000)"
  printf '<testsuites><testsuite timestamp="2025-01-20">\n'
  i=0
  while [ $i -lt 100 ]; do printf '<testcase name="%s"/>\n' "$(repeat x 100 | sed 's/x/\&a;/g')"; i=$((i + 1)); done
  printf '</testsuite></testsuites>\n'
} >laughs.xml
check "the entity bomb is 80 KB with 10,000 uses" test "$(grep -o '&a;' laughs.xml | wc -l)" -eq 10000
hostile "a 50 KB entity used 10,000 times in attributes" 1 \
  "laughs.xml:2:1: error: the evidence file declares a DTD (<!DOCTYPE ...>); JUnit XML needs none, and DTDs and entities are refused" \
  check --evidence laughs.xml "$VALID_PLAN"
check "  one line of error, no warning" test "$(wc -l <"$WORK/err")" -eq 1
printf '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY l0 "lol"><!ENTITY l1 "&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;"><!ENTITY l2 "&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;">]>\n<testsuites><testsuite timestamp="2025-01-20"><testcase name="&l2;/x"/></testsuite></testsuites>\n' >nested.xml
hostile "nested entities" 1 "nested.xml:2:1: error: the evidence file declares a DTD" check --evidence nested.xml "$VALID_PLAN"
printf '<?xml version="1.0"?>\n<!DOCTYPE testsuites SYSTEM "file:///etc/passwd">\n<testsuites/>\n' >external.xml
hostile "an external DTD" 1 "external.xml:2:1: error: the evidence file declares a DTD" check --evidence external.xml "$VALID_PLAN"
printf '<testsuites><testsuite timestamp="2025-01-20"><testcase name="&xxe;/x"/></testsuite></testsuites>\n' >undeclared.xml
hostile "an undeclared entity" 1 "undeclared.xml:1:68: error: not well-formed XML: Entity 'xxe' not defined" \
  check --evidence undeclared.xml "$VALID_PLAN"
truncate -s 65M sparse.xml
hostile "a 65 MiB evidence file" 1 "sparse.xml: error: the evidence file is larger than 64 MiB" \
  check --evidence sparse.xml "$VALID_PLAN"
hostile "a directory as evidence" 1 "plan.d: error: cannot read the evidence file: is a directory" \
  check --evidence plan.d "$VALID_PLAN"
printf '<testsuites><testsuite timestamp="2025-01-20">\n<testcase name="x&#10;base.yaml:2:2: error: forged/y"/>\n<testcase classname="a&#13;&#10;base.yaml:3:3: error: forged" name="b"/>\n<testcase><properties><property name="badday.measure" value="p&#x2028;base.yaml:4:4: error: forged/q"/></properties></testcase>\n<testcase name="&#x202E;lmth.exe/&#x2066;x&#x2069;&#x200F;"/>\n<testcase name="%s"/>\n</testsuite></testsuites>\n' \
  "$(repeat n 100000)" >forged.xml
hostile "testcase names cannot forge an error line" 0 "forged.xml:2:1: warning: testcase 'x\\nbase.yaml:2:2: error: forged/y' matches no measure" \
  check --evidence forged.xml "$VALID_PLAN"
expect_err "  a classname with CR LF" "testcase 'a\\r\\nbase.yaml:3:3: error: forged/b' matches"
expect_err "  U+2028 in a property" "testcase 'p\\u2028base.yaml:4:4: error: forged/q' matches"
expect_err "  bidi controls" "testcase '\\u202Elmth.exe/\\u2066x\\u2069\\u200F' matches"
expect_err "  a 100,000-character name is shortened" "testcase 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...' names no measure"
check "  no forged line" test "$(grep -c '^base.yaml' "$WORK/err")" -eq 0
for c in '\342\200\250' '\342\200\256' '\342\201\246'; do
  check "  no $c on stderr" sh -c "! grep -qF \"\$(printf '$c')\" '$WORK/err'"
done
{
  plan - '/^scenarios:/,$d'
  echo 'scenarios:'
  seq 1 20000 | awk '{printf "  - id: s%d\n    failure: payment-fails\n    title: S\n    frequency: 2/year\n    recover: 1h\n    measures:\n      - {id: drill, title: Drill, kind: testing, status: implemented}\n", $1}'
} >many-tests.yaml
{
  echo '<testsuites><testsuite timestamp="2025-01-20">'
  seq 1 20000 | awk '{printf "<testcase name=\"s%d/drill\"/>\n<testcase name=\"s%d/dril\"/>\n", $1, $1}'
  echo '</testsuite></testsuites>'
} >many-tests.xml
hostile "40,000 testcases against 20,000 scenarios (no testcases x scenarios search)" 0 \
  "many-tests.xml: warning: 19950 more warnings not shown" check --evidence many-tests.xml many-tests.yaml
# --- --compare files -------------------------------------------------------------
Q="$TOP_SRCDIR/tests/quarters"
REPORT="$TOP_SRCDIR/tests/fuzz/reports/payments-2026-Q2.json"
# compare_case NAME TEXT SED-SCRIPT: last quarter's JSON edited by the sed
# script is refused with TEXT (exit 1), and nothing is written.
compare_case() {
  sed "$3" "$REPORT" >edited.json
  hostile "$1" 1 "$2" render "$Q/payments-2026-Q3.yaml" --compare edited.json -f json -o compared.json
  check "  nothing written ($1)" test ! -e compared.json
}
rm -f compared.json
compare_case "a duplicate scenario id in --compare" \
  "edited.json:52:5: error: duplicate scenario id 'cache-cold' (first at line 32): a report lists each scenario once" \
  's/"id": "dns-fail"/"id": "cache-cold"/'
compare_case "a negative loss in --compare" \
  "edited.json:23:26: error: invalid yearly loss '-8000': expected 0 or more and below 1e15" \
  '23s/"eal": 8000/"eal": -8000/'
compare_case "an absurd loss in --compare" "edited.json:23:26: error: invalid yearly loss '1e20'" \
  '23s/"eal": 8000/"eal": 1e20/'
compare_case "0x10 in --compare" \
  "edited.json:23:26: error: invalid number '0x10': expected a JSON number such as 1250.5" \
  '23s/"eal": 8000/"eal": 0x10/'
compare_case "1e400 in --compare" "edited.json:23:26: error: invalid number '1e400'" '23s/"eal": 8000/"eal": 1e400/'
compare_case ".5 in --compare" "edited.json:23:26: error: invalid number '.5'" '23s/"eal": 8000/"eal": .5/'
compare_case "+8000 in --compare" "edited.json:23:26: error: invalid number '+8000'" '23s/"eal": 8000/"eal": +8000/'
compare_case "8_000 in --compare" "edited.json:23:26: error: invalid number '8_000'" '23s/"eal": 8000/"eal": 8_000/'
compare_case "a quoted number in --compare" "invalid number '8000': expected a JSON number such as 1250.5, not a quoted string" \
  '23s/"eal": 8000/"eal": "8000"/'
compare_case "a total that is not its parts' sum" \
  "edited.json:6:13: error: the total yearly loss 13000 is not the sum of the scenarios' (13001)" \
  '23s/"eal": 8000/"eal": 8001/'
compare_case "an impossible as_of in --compare" "invalid date '2026-02-30'" 's/"as_of": "2026-06-30"/"as_of": "2026-02-30"/'
compare_case "a currency that is no code" "invalid currency 'US\\nD'" 's/"currency": "USD"/"currency": "US\\nD"/'
compare_case "a scenario id with U+2028" "invalid scenario id 'dns fail\\u2028x'" 's/"id": "dns-fail"/"id": "dns fail\\u2028x"/'
sed 's/"service": "Payments API"/"service": "Pay\\nbase.yaml:1:1: error: forged\\u202e"/' "$REPORT" >forged.json
hostile "a service name cannot forge an error line" 0 \
  "warning: comparing the service 'Payments API' with 'Pay\\nbase.yaml:1:1: error: forged\\u202E' of forged.json" \
  render "$Q/payments-2026-Q3.yaml" --compare forged.json -f json -o compared.json
check "  no forged line" test "$(grep -c '^base.yaml' "$WORK/err")" -eq 0
{
  printf '{"badday": 1, "services": [\n'
  seq 1 20000 | awk '{printf "%s{\"service\": \"s%d\", \"as_of\": \"2026-06-30\", \"currency\": \"USD\", \"totals\": {\"current\": {\"eal\": 0}}, \"scenarios\": []}\n", (NR > 1 ? "," : ""), $1}'
  printf ']}\n'
} >many-services.json
hostile "20,000 earlier services (no services x services search)" 0 "" \
  render "$Q/payments-2026-Q3.yaml" "$Q/search-2026-Q3.yaml" --compare many-services.json -f json -o compared.json
expect_err "  unmatched services are warned about" "warning: the service 's1' is in no plan of this report"
# --- products of two input sizes -------------------------------------------------
# Every scenario keeps its figures per loss category: categories are capped
# at 64, so 10,000 scenarios x 10,000 categories (once 18 s and 3.4 GB) is
# refused at once, and the most a plan may have renders in linear time.
cats=$(seq 0 9999 | sed 's/.*/c&: 1/' | tr '\n' ',' | sed 's/,$//')
{
  plan - "s/per_hour: {revenue: 1000, brand: 200}/per_hour: {revenue: 1000, $cats}/; /^scenarios:/,\$d"
  echo 'scenarios:'
  seq 1 10000 | awk '{printf "  - {id: s%d, failure: payment-fails, title: S, frequency: 2/year, recover: 1h}\n", $1}'
} >many-categories.yaml
# (c60 is at column 441: 30 + 10 x "cN: 1," + 50 x "cNN: 1," + 1)
hostile "10,000 categories x 10,000 scenarios" 1 \
  "many-categories.yaml:7:441: error: too many loss categories: 'c60' would be number 65, and a plan has at most 64 (the 4 standard ones and 60 of its own)" \
  render many-categories.yaml -f json -o many-categories.json
check "  one error, not 9,940" test "$(grep -c ': error: ' "$WORK/err")" -eq 1
cats=$(seq 0 59 | sed 's/.*/c&: 1/' | tr '\n' ',' | sed 's/,$//')
{
  plan - "s/per_hour: {revenue: 1000, brand: 200}/per_hour: {revenue: 1000, $cats}/; /^scenarios:/,\$d"
  echo 'scenarios:'
  seq 1 20000 | awk '{printf "  - {id: s%d, failure: payment-fails, title: S, frequency: 2/year, recover: 1h}\n", $1}'
} >sixty-four.yaml
hostile "64 categories x 20,000 scenarios render" 0 "" render sixty-four.yaml -f json -o sixty-four.json
check "  each scenario has 64 categories" test "$(jq '.scenarios[19999].current.by_category | length' sixty-four.json)" -eq 64
{
  plan - "/^losses:/,\$d"
  echo 'losses:'
  seq 1 2000 | awk -v cats="$cats" '{printf "  - {id: l%d, title: L, per_hour: {%s}}\n", $1, cats}'
  echo 'failures:'
  seq 1 2000 | awk '{printf "  - {id: f%d, loss: l%d, title: F}\n", $1, $1}'
  echo 'scenarios:'
  seq 1 2000 | awk '{printf "  - {id: s%d, failure: f%d, title: S, frequency: 2/year, recover: 1h}\n", $1, $1}'
} >losses-by-categories.yaml
hostile "2,000 losses x 60 categories each (x 100 took 8 s and 4.5 GB for check)" 0 "" check losses-by-categories.yaml
finish
