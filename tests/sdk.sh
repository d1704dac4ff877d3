#!/bin/sh
# The plugin SDK out of tree: install badday into a temporary root, build the
# example plugin with nothing but `cc $(pkg-config --cflags badday-plugin)
# -shared -fPIC` against it, and render through --plugin-dir.
. "$TOP_SRCDIR/tests/lib.sh"
: "${TOP_BUILDDIR:?}" "${MAKE:=make}"

ROOT="$WORK/root"
run $MAKE -C "$TOP_BUILDDIR" install DESTDIR="$ROOT"
expect_rc "make install into a temporary root" 0
pcdir=$(find "$ROOT" -name badday-plugin.pc -printf '%h\n' | head -1)
check "badday-plugin.pc installed" test -n "$pcdir"
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$ROOT"
run pkg-config --cflags badday-plugin; expect_rc "pkg-config knows badday-plugin" 0
cflags=$(cat "$WORK/out")
plugindir=$(pkg-config --variable=plugindir badday-plugin)
libdir=$(pkg-config --variable=libdir badday-plugin)
check "plugindir derives from libdir" test "$plugindir" = "$libdir/badday/plugins"
# pkgconf prefixes variables with the sysroot too
check "plugindir holds the installed plugins" test -f "$plugindir/json.so"
check "plugin.h installed" test -f "$(find "$ROOT" -path '*/include/badday/plugin.h' | head -1)"

# shellcheck disable=SC2086
run cc $cflags -std=c11 -Wall -Wextra -Werror -shared -fPIC \
  -o "$WORK/summary.so" "$TOP_SRCDIR/examples/plugin/summary.c"
expect_rc "example plugin builds against the installed SDK alone" 0
check "no link back to badday" sh -c "! nm -D --undefined-only '$WORK/summary.so' | grep -q ' bd_'"

mkdir -p "$WORK/plugins" && mv "$WORK/summary.so" "$WORK/plugins/"
cd "$TOP_SRCDIR/tests/valid" || exit 99
run "$BADDAY" render spec-example.yaml -f txt -o - --plugin-dir "$WORK/plugins"
expect_rc "render through the example plugin" 0
expect_out "summary names the service" "Smart Receipt Manager (2025-Q1), as of 2025-01-29"
expect_out "summary has the current loss" "Yearly loss now: JPY 4,052,667"
expect_out "summary lists the decision" "- The whole region is down: JPY 1.6M a year, Accept (over the risk cap)"
run "$BADDAY" render spec-example.yaml -f txt -o - --plugin-dir "$WORK/plugins" --lang ja
expect_out "labels in Japanese, the yen as 円" "現在の年間損失: 4,052,667円"
# 1,612,666.67 yen: 161.27万, whole 万
expect_out "compact yen in 万" "- The whole region is down: 161万円 a year"
run "$BADDAY" render spec-example.yaml -f txt -o - --plugin-dir "$WORK/plugins" -O top=0
expect_rc "-O top=0" 0
check "-O top=0 lists no decision" sh -c "! grep -q '^- ' '$WORK/out'"
run "$BADDAY" render spec-example.yaml -f txt -o - --plugin-dir "$WORK/plugins" -O colour=red
expect_rc "unknown option rejected" 2
expect_err "unknown option named" "the summary plugin has no option 'colour' (its options: top)"
run "$BADDAY" render spec-example.yaml -f txt -o - --plugin-dir "$WORK/plugins" -O top=many
expect_rc "plugin rejects a bad value" 3
expect_err "plugin's reason shown" "option top must be a whole number, not 'many'"
run "$BADDAY" plugins -v --plugin-dir "$WORK/plugins"
expect_out "plugins -v shows the options" "-O top=TEXT (default 5)  how many decisions to list"

# The second example, as a third party builds it: the installed copy, the
# installed header, nothing else.  Format "register" written as .md (ABI
# 2.2 extensions), its own labels through message_or.
register_c=$(find "$ROOT" -path '*/examples/plugin-register/register.c' | head -1)
check "the register example is installed" test -n "$register_c"
mkdir -p "$WORK/register" "$WORK/regout"
# shellcheck disable=SC2086
run cc $cflags -std=c11 -Wall -Wextra -Werror -shared -fPIC -o "$WORK/register/register.so" "$register_c"
expect_rc "register example builds against the installed SDK alone" 0
chmod 755 "$WORK/register/register.so"
run "$BADDAY" plugins -v --plugin-dir "$WORK/register"
expect_out "plugins -v shows the declared extension" "writes register as *.md"
plan="$TOP_SRCDIR/tests/valid/spec-example.yaml"
(cd "$WORK/regout" && "$BADDAY" render "$plan" -f register --plugin-dir "$WORK/register") \
  >"$WORK/out" 2>"$WORK/err"
check "default output name takes the declared extension" test -s "$WORK/regout/spec-example.md"
check "no file named after the format" test ! -e "$WORK/regout/spec-example.register"
run "$BADDAY" render "$plan" -o "$WORK/regout/by-name.md" --plugin-dir "$WORK/register"
expect_rc "-o FILE.md picks the register format" 0
check "the same register either way" cmp "$WORK/regout/spec-example.md" "$WORK/regout/by-name.md"
check "register heading, the plugin's own label" grep -qx '# Risk register: Smart Receipt Manager' \
  "$WORK/regout/by-name.md"
check "register row: compact loss, measures, decision" \
  grep -qx '| ocr-partner-down | Partner OCR service stops | JPY 2.4M | 3 | Monitor |' "$WORK/regout/by-name.md"
run "$BADDAY" render "$plan" -f register -o - --lang ja --plugin-dir "$WORK/register"
expect_rc "register in Japanese" 0
expect_out "Japanese heading from the plugin's fallback" "# リスク台帳: Smart Receipt Manager"
expect_out "Japanese common labels from the catalogue" "| ID | シナリオ | 現在の年間損失 | 対策 | 判断 |"
expect_out "Japanese row" "| region-outage | The whole region is down | 161万円 | 1 | 受容を提案 |"
check "no English label left in the Japanese register" sh -c "! grep -Eq 'Risk|Scenario|Measures|column\\.' '$WORK/out'"
# rows by current yearly loss, largest first (scenarios_by_loss): japanese.yaml
# lists idp-down (244,000 a year) before db-full (880,000)
run "$BADDAY" render "$TOP_SRCDIR/tests/valid/japanese.yaml" -f register -o - --plugin-dir "$WORK/register"
expect_rc "register of japanese.yaml" 0
check "largest loss first, not file order" sh -c "grep '^| [a-z]' '$WORK/out' | cut -d' ' -f2 | tr '\\n' ' ' | grep -qx 'db-full idp-down '"
finish
