#!/bin/sh
# The plugin host with real modules built in the build tree: a good one, a
# wrong magic, a newer ABI major, a 1.x plugin, a newer minor, an older
# minor, a missing entry symbol, a render that fails; the search order and
# what is never searched.  (The growth rule itself: tests/abi.sh.)
. "$TOP_SRCDIR/tests/lib.sh"
: "${TEST_MODULES:?}"

# Each module alone in a directory of its own, so tests don't see each other.
for m in good badmagic badmajor oldmajor newminor oldminor noentry failrender textwriter labels \
  badext goodext; do
  mkdir -p "$WORK/mod/$m" && cp "$TEST_MODULES/$m.so" "$WORK/mod/$m/" && chmod 755 "$WORK/mod/$m/$m.so"
done
export BADDAY_PLUGIN_PATH=

run "$BADDAY" render "$EXAMPLE" -f good -o - --plugin-dir "$WORK/mod/good"
expect_rc "good module renders" 0
expect_out "good module saw the report" "good: Smart Receipt Manager (2 scenarios, layout report)"

run "$BADDAY" plugins --plugin-dir "$WORK/mod/badmagic"
expect_out "wrong magic refused" "not a badday plugin (magic number 0x12345678, expected 0xBADDA700)"
run "$BADDAY" render "$EXAMPLE" -f badmagic -o - --plugin-dir "$WORK/mod/badmagic"
expect_rc "wrong magic cannot render" 3; expect_err "refusal shown on render" "not a badday plugin"

run "$BADDAY" plugins --plugin-dir "$WORK/mod/badmajor"
expect_out "wrong major refused" "plugin 'badmajor' was built for plugin ABI 3.0, this badday needs ABI 2.x"
expect_out "wrong major: rebuild or delete" "delete the file if it is obsolete"

# A plugin of ABI 1.x read the model's arrays by value: refused, naming both
# majors and the way to 2.0.
run "$BADDAY" plugins --plugin-dir "$WORK/mod/oldmajor"
expect_out "1.x plugin refused" "plugin 'oldmajor' was built for plugin ABI 1.2, this badday needs ABI 2.x"
expect_out "1.x plugin: why" "a plugin of ABI 1.x cannot read it"
expect_out "1.x plugin: how to move" "Moving a plugin from 1.x to 2.0"
run "$BADDAY" render "$EXAMPLE" -f oldmajor -o - --plugin-dir "$WORK/mod/oldmajor"
expect_rc "1.x plugin cannot render" 3

run "$BADDAY" plugins --plugin-dir "$WORK/mod/newminor"
expect_out "newer minor refused" "plugin 'newminor' needs plugin ABI 2.99, this badday provides 2."

run "$BADDAY" render "$EXAMPLE" -f oldminor -o - --plugin-dir "$WORK/mod/oldminor"
expect_rc "older minor loads" 0
expect_out "older minor renders" "oldminor: Smart Receipt Manager (2 scenarios"

# A plugin that declares no features knows nothing of portfolios or comparisons.
printf 'kept\n' >"$WORK/portfolio.oldminor"
run "$BADDAY" render "$EXAMPLE" "$EXAMPLE" -o "$WORK/portfolio.oldminor" --plugin-dir "$WORK/mod/oldminor"
expect_rc "featureless plugin refuses several plans" 3
expect_err "featureless plugin: says why" "renders one plan at a time"
check "featureless plugin: old file kept" test "$(cat "$WORK/portfolio.oldminor")" = kept
run "$BADDAY" render "$EXAMPLE" --compare "$EXAMPLE" -f oldminor -o - --plugin-dir "$WORK/mod/oldminor"
expect_rc "featureless plugin renders despite --compare" 0
expect_err "featureless plugin: comparison warned about" "the oldminor plugin does not show comparisons"

# the file extension a C plugin declares (ABI 2.2): a name like a format's,
# or the plugin is refused; a good one makes -o FILE.EXT pick the format
run "$BADDAY" plugins --plugin-dir "$WORK/mod/badext"
expect_out "an extension that is no plain name refused" \
  "plugin 'badext' declares the extension '../md' for 'badext': an extension is 1 to"
run "$BADDAY" render "$EXAMPLE" -f badext -o "$WORK/x.badext" --plugin-dir "$WORK/mod/badext"
expect_rc "a refused extension: the plugin cannot render" 3
check "a refused extension: nothing written" test ! -e "$WORK/x.badext"
run "$BADDAY" render "$EXAMPLE" -o "$WORK/notes.md" --plugin-dir "$WORK/mod/goodext"
expect_rc "-o FILE.md picks the plugin that declares md" 0
check "the declared extension chose the format" grep -q "^goodext: Smart Receipt Manager" "$WORK/notes.md"

run "$BADDAY" plugins --plugin-dir "$WORK/mod/noentry"
expect_out "missing entry refused" "not a badday plugin (no bd_plugin_entry function)"

printf 'last quarter\n' >"$WORK/old.out"
run "$BADDAY" render "$EXAMPLE" -f failrender -o "$WORK/old.out" --plugin-dir "$WORK/mod/failrender"
expect_rc "failing render" 3
expect_err "failure reason shown" "failrender plugin failed: deliberate failure for the test"
check "old output survives a failing render" grep -qx 'last quarter' "$WORK/old.out"
check "no temporary file after a failing render" no_temp_files "$WORK"

# message and message_or (ABI 2.2): the common labels in both languages; for
# a key the catalogue lacks, message gives the key and message_or the
# plugin's own label, so Japanese output is not mixed
run "$BADDAY" render "$EXAMPLE" -f labels -o "$WORK/labels.en" --plugin-dir "$WORK/mod/labels"
expect_rc "labels in English" 0
printf '%s\n' 'column.id|ID|ID' 'column.measures|Measures|Measures' 'column.kind|Kind|Kind' \
  'column.status|Status|Status' 'labels.register|labels.register|Risk register' \
  'labels.missing|labels.missing|(none)' >"$WORK/labels.en.expected"
check "message and message_or in English" cmp "$WORK/labels.en.expected" "$WORK/labels.en"
run "$BADDAY" render "$EXAMPLE" -f labels --lang ja -o "$WORK/labels.ja" --plugin-dir "$WORK/mod/labels"
expect_rc "labels in Japanese" 0
printf '%s\n' 'column.id|ID|ID' 'column.measures|対策|対策' 'column.kind|種類|種類' \
  'column.status|ステータス|ステータス' 'labels.register|labels.register|リスク台帳' \
  'labels.missing|labels.missing|(none)' >"$WORK/labels.ja.expected"
check "message and message_or in Japanese" cmp "$WORK/labels.ja.expected" "$WORK/labels.ja"

# print and puts (ABI 2.0): a plugin writes text through the host's buffer
run "$BADDAY" render "$EXAMPLE" -f text -o "$WORK/text.out" --plugin-dir "$WORK/mod/textwriter"
expect_rc "text through print and puts" 0
{
  printf '# written through print and puts\n'
  printf 'Smart Receipt Manager, report layout, 3 lines\n'
  printf 'line %d of 3\n' 1 2 3
  printf '%-700s|700\n' wide
  printf 'end\n'
} >"$WORK/text.expected"
check "print and puts wrote exactly the text, a long line too" cmp "$WORK/text.expected" "$WORK/text.out"
run "$BADDAY" render "$EXAMPLE" -f text -O lines=100000 -o - --plugin-dir "$WORK/mod/textwriter"
expect_rc "100000 lines through print" 0
check "print writes beyond the host's buffer in order" \
  sh -c "sed -n '2p;100002p' '$WORK/out' | tr '\n' '/' | grep -qx 'Smart Receipt Manager, report layout, 100000 lines/line 100000 of 100000/'"
if [ -w /dev/full ]; then
  run "$BADDAY" render "$EXAMPLE" -f text -O lines=100000 -o /dev/full --plugin-dir "$WORK/mod/textwriter"
  expect_rc "print to /dev/full fails" 4
  expect_err "the write error is reported with the destination" "/dev/full: cannot write the report: No space left on device"
  check "a write error is not called a plugin failure" sh -c "! grep -q 'plugin failed' '$WORK/err'"
fi
# a write error on a file (its size limit): the old file stays, no temporary file
mkdir -p "$WORK/limited" && printf 'last quarter\n' >"$WORK/limited/old.text"
run sh -c "trap '' XFSZ; ulimit -f 64; exec \"\$0\" \"\$@\"" "$BADDAY" render "$EXAMPLE" -f text -O lines=100000 \
  -o "$WORK/limited/old.text" --plugin-dir "$WORK/mod/textwriter"
expect_rc "print past the file size limit fails" 4
expect_err "the file's write error is reported" "$WORK/limited/old.text: cannot write the report: File too large"
check "old file kept after a failed print" grep -qx 'last quarter' "$WORK/limited/old.text"
check "no temporary file after a failed print" no_temp_files "$WORK/limited"
run sh -c "trap '' XFSZ; ulimit -f 64; exec \"\$0\" \"\$@\"" "$BADDAY" render "$EXAMPLE" -f text -O lines=100000 \
  -o "$WORK/limited/new.text" --plugin-dir "$WORK/mod/textwriter"
expect_rc "a new file past the size limit fails" 4
check "no file left after a failed print" test ! -e "$WORK/limited/new.text"
check "no temporary file left either" no_temp_files "$WORK/limited"

# plugins -v lists plugins and refusals with paths and ABI
run "$BADDAY" plugins -v --plugin-dir "$WORK/mod/good"
expect_rc "plugins -v" 0
expect_out "plugins lists formats, ABI and path" "formats: good  ABI 2.3"
expect_out "plugins lists the path" "$WORK/mod/good/good.so"
expect_out "plugins -v shows the search path" "search path: $WORK/mod/good"

# search order: --plugin-dir first, then BADDAY_PLUGIN_PATH
mkdir -p "$WORK/first" "$WORK/second"
cp "$TEST_MODULES/good.so" "$WORK/first/a.so"; cp "$TEST_MODULES/good.so" "$WORK/second/b.so"
chmod 755 "$WORK/first/a.so" "$WORK/second/b.so"
BADDAY_PLUGIN_PATH="$WORK/second" run "$BADDAY" plugins --plugin-dir "$WORK/first"
check "--plugin-dir comes first" sh -c "grep -n 'formats: good  ' '$WORK/out' | head -1 | grep -q '$WORK/first/a.so'"
expect_out "the later duplicate is shadowed" "good (shadowed)"

# never the current directory; empty and relative entries ignored
mkdir -p "$WORK/cwd/plugins" && cp "$TEST_MODULES/good.so" "$WORK/cwd/good.so" && cp "$TEST_MODULES/good.so" "$WORK/cwd/plugins/good.so"
cd "$WORK/cwd" || exit 99
BADDAY_PLUGIN_PATH=":plugins:.::" run "$BADDAY" render "$EXAMPLE" -f good -o -
expect_rc "current directory and relative entries never searched" 3

# a group-writable plugin is refused
mkdir -p "$WORK/gw" && cp "$TEST_MODULES/good.so" "$WORK/gw/good.so" && chmod 775 "$WORK/gw/good.so"
run "$BADDAY" plugins --plugin-dir "$WORK/gw"
expect_out "group-writable plugin refused" "writable by group or others"

# the real plugins built in the tree
BADDAY_PLUGIN_PATH="$TEST_MODULES/../../../plugins/.libs" run "$BADDAY" plugins
expect_out "the json plugin is found" "json       formats: json"

finish
