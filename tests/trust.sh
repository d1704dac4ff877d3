#!/bin/sh
# Plugin trust is decided before dlopen: a module whose constructor writes a
# marker file is never loaded from the current directory, an empty or
# relative BADDAY_PLUGIN_PATH entry, a group- or world-writable file or
# directory, under a directory others can write (without the sticky bit),
# or through a symbolic link -- and is loaded from a trusted one.
. "$TOP_SRCDIR/tests/lib.sh"
: "${TEST_MODULES:?}"
export BADDAY_MARKER="$WORK/marker"
loaded() { test -e "$BADDAY_MARKER"; }
not_loaded() { ! test -e "$BADDAY_MARKER"; }
install_marker() { mkdir -p "$1" && cp "$TEST_MODULES/marker.so" "$1/marker.so" && chmod 755 "$1" "$1/marker.so"; }

# the current directory, empty and relative path entries
install_marker "$WORK/cwd"
install_marker "$WORK/cwd/rel"
cd "$WORK/cwd" || exit 99
for path in "" ":" "::" "." "rel" ":rel:" "./rel"; do
  BADDAY_PLUGIN_PATH="$path" "$BADDAY" render "$EXAMPLE" -f marker -o - >/dev/null 2>&1
  check "not loaded with BADDAY_PLUGIN_PATH='$path' from the current directory" not_loaded
done
BADDAY_PLUGIN_PATH= "$BADDAY" plugins >/dev/null 2>&1
check "'plugins' never loads from the current directory" not_loaded
cd "$WORK" || exit 99
export BADDAY_PLUGIN_PATH=

# a group-writable file, a world-writable directory, a symbolic link
install_marker "$WORK/gw" && chmod 775 "$WORK/gw/marker.so"
run "$BADDAY" plugins --plugin-dir "$WORK/gw"
expect_out "group-writable file refused" "the file is writable by group or others (mode 0775)"
check "group-writable file never loaded" not_loaded
install_marker "$WORK/ww" && chmod 777 "$WORK/ww"
run "$BADDAY" plugins --plugin-dir "$WORK/ww"
expect_out "world-writable directory refused" "its directory is writable by group or others (mode 0777)"
check "file in world-writable directory never loaded" not_loaded
install_marker "$WORK/real"
mkdir -p "$WORK/links" && ln -s "$WORK/real/marker.so" "$WORK/links/marker.so"
run "$BADDAY" plugins --plugin-dir "$WORK/links"
expect_out "symbolic link refused" "is a symbolic link"
check "symbolic link never followed" not_loaded
if [ "$(id -u)" -eq 0 ]; then
  install_marker "$WORK/nobody" && chown nobody "$WORK/nobody/marker.so"
  run "$BADDAY" plugins --plugin-dir "$WORK/nobody"
  expect_out "file of another user refused" "the file is owned by user $(id -u nobody), neither you nor root"
  check "file of another user never loaded" not_loaded
fi

# the whole path, as ssh's StrictModes: a directory above the plugin
# directory that others can write without the sticky bit, a symbolic link
# on the way owned by someone else (root only: chown); the sticky bit (as
# on /tmp) is fine
mkdir -p "$WORK/open" && chmod 777 "$WORK/open" && install_marker "$WORK/open/plugins"
run "$BADDAY" plugins --plugin-dir "$WORK/open/plugins"
expect_out "world-writable parent refused" "$WORK/open above it is writable by others without the sticky bit (mode 0777)"
check "plugin under a world-writable parent never loaded" not_loaded
ln -s "$WORK/open/plugins" "$WORK/via-link"
run "$BADDAY" plugins --plugin-dir "$WORK/via-link"
expect_out "the resolved path is checked too" "$WORK/open above it is writable by others without the sticky bit"
check "plugin reached through a link into it never loaded" not_loaded
chmod 1777 "$WORK/open"
run "$BADDAY" plugins --plugin-dir "$WORK/open/plugins"
expect_out "a sticky world-writable parent (like /tmp) is fine" "marker     formats: marker"
rm -f "$BADDAY_MARKER"
if [ "$(id -u)" -eq 0 ]; then
  install_marker "$WORK/theirs/plugins"
  ln -s "$WORK/theirs" "$WORK/their-link" && chown -h nobody "$WORK/their-link"
  run "$BADDAY" plugins --plugin-dir "$WORK/their-link/plugins"
  expect_out "a symbolic link of another user on the way refused" \
    "reached through $WORK/their-link, a symbolic link owned by user $(id -u nobody), neither you nor root"
  check "plugin behind another user's link never loaded" not_loaded
fi

# ... and a trusted directory does load it (so the checks above can fail)
run "$BADDAY" render "$EXAMPLE" -f marker -o - --plugin-dir "$WORK/real"
expect_rc "trusted directory renders" 0
check "trusted plugin was loaded" loaded
finish
