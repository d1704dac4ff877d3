#!/usr/bin/env python3
"""shrink.py REPORT_H OUT_DIR: writes OUT_DIR/badday/report.h, a copy of
badday/report.h with the last member of every model struct removed (the
structs with a struct_size), and OUT_DIR/badday/plugin.h unchanged beside it: the headers of
a plugin built before those members were appended.  Prints the removed
members as STRUCT.MEMBER, one a line.  Fails when a struct has nothing to
remove, so that the test cannot pass on a header it did not shrink."""
import os
import re
import shutil
import sys


def shrink(text):
    removed = []
    out = []
    pos = 0
    for m in re.finditer(r"typedef struct (\w+) \{\n(.*?)\n\} \1;", text, re.S):
        name, body = m.group(1), m.group(2)
        if "size_t struct_size;" not in body:
            continue
        lines = body.split("\n")
        last = max(i for i, l in enumerate(lines) if re.search(r";\s*(/\*.*\*/)?\s*$", l)
                   and not l.strip().startswith(("/*", "*")))
        decl = re.sub(r"/\*.*\*/", "", lines[last]).strip().rstrip(";").strip()
        if "," in decl:  # `double a, b;`: drop only b
            head, member = decl.rsplit(",", 1)
            indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
            lines[last] = indent + head + ";"
        else:
            member = decl
            del lines[last]
        member = re.sub(r"\[.*\]", "", member).split()[-1].lstrip("*")
        if member == "struct_size":
            sys.exit("shrink.py: %s has no member to remove" % name)
        removed.append("%s.%s" % (name, member))
        out.append(text[pos:m.start(2)])
        out.append("\n".join(lines))
        pos = m.end(2)
    out.append(text[pos:])
    return "".join(out), removed


def main():
    src, outdir = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        text, removed = shrink(f.read())
    if len(removed) < 14:
        sys.exit("shrink.py: only %d model structs found in %s" % (len(removed), src))
    os.makedirs(os.path.join(outdir, "badday"), exist_ok=True)
    with open(os.path.join(outdir, "badday", "report.h"), "w", encoding="utf-8") as f:
        f.write(text)
    shutil.copy(os.path.join(os.path.dirname(src), "plugin.h"),
                os.path.join(outdir, "badday", "plugin.h"))
    print("\n".join(removed))


main()
