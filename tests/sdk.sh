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
finish
