#!/usr/bin/env python3
"""structure.py - strict structural checks of an HTML page that a browser
would forgive (standard library only).

  structure.py wellformed FILE   every start tag is closed by its own end tag
                                 in order (void elements aside; self-closing
                                 tags only inside <svg>), no stray end tag,
                                 nothing left open at the end.
  structure.py ids FILE          no id is used twice, and every href="#x"
                                 points at an element of the page.

Exits 1 with a message on stderr when a check fails.
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.ids = {}
        self.hrefs = []

    def _attrs(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids[value] = self.ids.get(value, 0) + 1
            if name == "href" and value and value.startswith("#"):
                self.hrefs.append(value[1:])

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID and "svg" not in [t for t, _ in self.stack]:
            self.problems.append("line %d: <%s/> outside <svg>" % (self.getpos()[0], tag))

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append("line %d: end tag of void <%s>" % (self.getpos()[0], tag))
        elif not self.stack:
            self.problems.append("line %d: stray </%s>" % (self.getpos()[0], tag))
        elif self.stack[-1][0] != tag:
            top, pos = self.stack[-1]
            self.problems.append("line %d: </%s> closes <%s> of line %d" %
                                 (self.getpos()[0], tag, top, pos[0]))
        else:
            self.stack.pop()


def load(path):
    page = Strict()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    return page


def main(argv):
    if len(argv) != 3 or argv[1] not in ("wellformed", "ids"):
        print(__doc__, file=sys.stderr)
        return 2
    page = load(argv[2])
    if argv[1] == "wellformed":
        problems = page.problems + ["<%s> of line %d never closed" % (t, p[0])
                                    for t, p in page.stack]
    else:
        problems = ["id %r used %d times" % (i, n) for i, n in sorted(page.ids.items()) if n > 1]
        problems += ["href #%s points at no id" % h for h in page.hrefs if h not in page.ids]
    for p in problems[:20]:
        print("structure.py: %s: %s" % (argv[2], p), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
