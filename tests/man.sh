#!/bin/sh
# tests/man.sh - the manual pages (clean under groff -ww, and true to
# --help and the schema), what `make install` puts where, and the bash
# completion driven as bash-completion drives it.
. "${TOP_SRCDIR:?}/tests/lib.sh"
: "${TOP_BUILDDIR:?}" "${MAKE:=make}"
MAN="$TOP_SRCDIR/doc/man"

for page in badday.1 badday-plan.5 badday-plugin.3; do
  LC_ALL=C.UTF-8 groff -ww -z -man "$MAN/$page" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  check "groff -ww -z $page is clean" test "$RC" -eq 0 -a ! -s "$WORK/err"
done

# Every command and every long option of --help is in badday(1).
"$BADDAY" --help >"$WORK/help"
for opt in $(grep -o -- '--[a-z][a-z-]*' "$WORK/help" | sort -u); do
  esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
  check "badday(1) documents $opt" grep -q -- "$esc" "$MAN/badday.1"
done
for cmd in check render archive plugins init schema; do
  check "badday(1) documents the $cmd command" grep -q "^\.B badday $cmd\|^\.B $cmd\$" "$MAN/badday.1"
done
# Every key of the plan is in badday-plan(5).
for key in $(python3 -c 'import json,sys
s = json.load(open(sys.argv[1]))
keys = set(s["properties"])
for d in ("loss", "failure", "scenario", "measure"):
    keys |= set(s["$defs"][d]["properties"])
print(" ".join(sorted(keys)))' "$TOP_SRCDIR/templates/plan-1.schema.json"); do
  esc=$(printf '%s' "$key" | sed 's/_/\\\\?_/g')
  check "badday-plan(5) documents $key" grep -Eq "(^|[ ,(])$esc([ ,)]|$)" "$MAN/badday-plan.5"
done

# make install puts the pages, the guide and the completion in place.
ROOT="$WORK/root"
run $MAKE -C "$TOP_BUILDDIR" install DESTDIR="$ROOT"
expect_rc "make install into a temporary root" 0
for f in man1/badday.1 man5/badday-plan.5 man3/badday-plugin.3; do
  check "installed $f" test -n "$(find "$ROOT" -path "*/man/$f" | head -1)"
done
for f in plugins.md plan-format.md examples/plugin/summary.c examples/plugin-register/register.c; do
  check "installed the guide's $f" test -n "$(find "$ROOT" -path "*/doc/badday/$f" | head -1)"
done
check "installed the bash completion under bash-completion/completions" \
  test -n "$(find "$ROOT" -path '*/bash-completion/completions/badday' | head -1)"
check "installed the schema" test -n "$(find "$ROOT" -path '*/badday/templates/plan-1.schema.json' | head -1)"

# The completion, driven as bash-completion does (COMP_WORDS, COMP_CWORD).
BC=/usr/share/bash-completion/bash_completion
if [ -r "$BC" ]; then
  complete_line() { # complete_line WORD...: prints COMPREPLY after the last word
    bash -c '. "$1"; . "$2"; shift 2; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
      COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; _badday; printf "%s\n" "${COMPREPLY[@]}"' \
      sh "$BC" "$TOP_SRCDIR/src/completion/badday" "$BADDAY" "$@"
  }
  has() { # has WORD -- LINE...: WORD is among the completions
    w=$1; shift; complete_line "$@" | grep -qx -- "$w"
  }
  check "completes the init command" has init ""
  check "completes the schema command" has schema "sch"
  check "completes formats from the plugins found (svg)" has svg render p.yaml -f ""
  check "completes formats from the plugins found (pdf)" has pdf render p.yaml --format ""
  check "completes -O keys of the chosen format" has table=measures render p.yaml -f csv -O ""
  check "completes -O keys of the output's extension" has paper=letter render p.yaml -o r.pdf -O ""
  check "no -O keys for a format without options" test -z "$(complete_line render p.yaml -f json -O '')"
  check "completes --fail-on rules after a comma" has over-cap,stale check --fail-on over-cap,st
  check "completes --layout" has slides render p.yaml --layout s
  check "completes the options of init" has --lang init --l
  check "completes --strict of check" has --strict check --str
  check "completes --strict of render" has --strict render p.yaml --str
else
  fail "bash-completion is not installed ($BC)"
fi

finish
