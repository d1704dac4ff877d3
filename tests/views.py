#!/usr/bin/env python3
"""tests/views.py - checks of the proven state and the ranges in the views
(tests/views.sh): each command reads rendered files and the plan's JSON
report, and exits 0 when the views show the model's figures, 1 (with the
reason on stderr) when not.  Figures are formatted here by the display
rules (doc/display-rules.md) from the JSON's raw numbers, independently of
badday's own code.

  views.py range-html REPORT.html REPORT.json
  views.py confidence-html REPORT.html REPORT.json
  views.py confidence-pdf PDF.txt REPORT.json
  views.py reading-html REPORT.html REPORT.json
  views.py curve-html REPORT.html
  views.py curve-svg CHART.svg
"""
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def whole(v):
    """An amount rounded half away from zero (amounts are >= 0 here)."""
    return int(Decimal(repr(v)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def exact(v, currency):
    """format_money, full: 'JPY 1,234,568' (English)."""
    return "%s %s" % (currency, format(whole(v), ","))


def share(v):
    """format_share for 0.1 <= v < 1 (one decimal, a trailing .0 dropped),
    0.01 <= v < 0.1 (two significant digits), 1 and 0."""
    if v == 1:
        return "100%"
    if v == 0:
        return "0%"
    pct = Decimal(repr(v)) * 100
    if pct >= 10:
        s = str(pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    elif pct >= 1:
        s = str(pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    else:
        fail("share %r below 1%%: not covered by this test" % v)
    return (s[:-2] if s.endswith(".0") else s) + "%"


class Tree(HTMLParser):
    """The elements of an HTML file: (tag, attrs, text, children) nodes."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "use", "circle", "line", "rect",
            "polyline", "path"}

    def __init__(self):
        super().__init__()
        self.root = {"tag": "#root", "attrs": {}, "text": "", "kids": []}
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "text": "", "kids": []}
        self.stack[-1]["kids"].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1]["kids"].append({"tag": tag, "attrs": dict(attrs), "text": "", "kids": []})

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1]["text"] += data


def parse(path):
    t = Tree()
    with open(path, encoding="utf-8") as f:
        t.feed(f.read())
    return t.root


def walk(node):
    yield node
    for k in node["kids"]:
        yield from walk(k)


def classes(node):
    return node["attrs"].get("class", "").split()


def text(node):
    return node["text"] + "".join(text(k) for k in node["kids"])


def find(root, tag, cls):
    return [n for n in walk(root) if n["tag"] == tag and cls in classes(n)]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def range_html(html, js):
    r = load(js)
    table = find(parse(html), "table", "matrix")
    if len(table) != 1:
        fail("expected one loss matrix, found %d" % len(table))
    rows = {}
    for tr in find(table[0], "tr", "scenario"):
        name = [k for k in tr["kids"] if k["tag"] == "th"][0]
        rows[text(name).strip()] = tr
    checked = 0
    for s in r["scenarios"]:
        rg = s["current"].get("range")
        if rg is None:
            fail("%s: no current range in the JSON" % s["id"])
        tds = [k for k in rows[s["title"]]["kids"] if "range" in classes(k)]
        if len(tds) != 1:
            fail("%s: %d range cells" % (s["id"], len(tds)))
        want = "%s \u2013 %s" % (exact(rg["p5"], r["currency"]), exact(rg["p95"], r["currency"]))
        got = tds[0]["attrs"].get("title")
        if got != want:
            fail("%s: range %r, want %r (p5 %r, p95 %r)" % (s["id"], got, want, rg["p5"], rg["p95"]))
        checked += 1
    print("%d range cells equal the JSON's p5 and p95" % checked)


def confidence_sentence(s, words):
    decision = words[s["decision"]]
    verb = ("pays off in %s of simulated years" if s["decision"] == "mitigate"
            else "accepting is right in %s of simulated years")
    line = "%s: %s" % (decision, verb % share(s["confidence"]))
    return ("Uncertain \u00b7 " + line) if s["confidence"] < 0.6 else line


WORDS = {"mitigate": "Mitigate", "accept": "Accept"}


def decisions_with_confidence(r):
    return [s for s in r["scenarios"] if s.get("confidence") is not None]


def confidence_html(html, js):
    r = load(js)
    root = parse(html)
    table = find(root, "table", "decisions")
    if len(table) != 1:
        fail("expected one decisions table, found %d" % len(table))
    lines = [text(n).strip() for n in find(table[0], "div", "confidence")]
    want = [confidence_sentence(s, WORDS) for s in decisions_with_confidence(r)]
    if sorted(lines) != sorted(want):
        fail("confidence lines %r, want %r" % (lines, want))
    for s in decisions_with_confidence(r):
        want_pays = s["confidence"] if s["decision"] == "mitigate" else 1 - s["confidence"]
        if abs(want_pays - s["pays_off"]) > 1e-12:
            fail("%s: confidence %r does not read pays_off %r" % (s["id"], s["confidence"],
                                                                 s["pays_off"]))
    marks = len(find(table[0], "span", "decision-uncertain"))
    uncertain = sum(1 for s in decisions_with_confidence(r) if s["confidence"] < 0.6)
    if marks != uncertain or uncertain == 0:
        fail("%d uncertain marks, %d decisions under 60%%" % (marks, uncertain))
    print("%d confidence lines, %d uncertain" % (len(lines), uncertain))


def confidence_pdf(txt, js):
    r = load(js)
    with open(txt, encoding="utf-8") as f:
        flat = re.sub(r"\s+", " ", f.read())
    for s in decisions_with_confidence(r):
        line = confidence_sentence(s, WORDS)
        if line not in flat:
            fail("%r not in the PDF" % line)
    print("every confidence line is in the PDF")


def reading_at(curve, p):
    """x where the curve [[x, p], ...], drawn as straight lines, comes down to p."""
    if curve[0][1] <= p:
        return 0
    for (x0, p0), (x1, p1) in zip(curve, curve[1:]):
        if p1 <= p:
            t = (p0 - p) / (p0 - p1) if p0 > p1 else 1
            return x0 + t * (x1 - x0)
    return curve[-1][0]


def reading_html(html, js):
    r = load(js)
    want = exact(reading_at(r["totals"]["exceedance"], 0.1), r["currency"])
    got = [n["attrs"].get("data-value") for n in find(parse(html), "p", "exceedance-reading")]
    if got != [want]:
        fail("reading %r, want [%r]" % (got, want))
    print("1 year in 10: %s" % want)


def non_increasing(ys, what):
    """SVG y grows downwards: a non-increasing chance is a non-decreasing y."""
    if len(ys) < 10:
        fail("%s: only %d points" % (what, len(ys)))
    for a, b in zip(ys, ys[1:]):
        if b < a - 1e-6:
            fail("%s: the curve rises (y %r then %r)" % (what, a, b))


def curve_html(html):
    curves = find(parse(html), "polyline", "curve-current")
    if len(curves) != 1:
        fail("expected one current curve, found %d" % len(curves))
    pts = [tuple(map(float, p.split(","))) for p in curves[0]["attrs"]["points"].split()]
    xs = [p[0] for p in pts]
    if xs != sorted(xs):
        fail("the curve's x goes back")
    non_increasing([p[1] for p in pts], "html")
    print("%d points, non-increasing" % len(pts))


def curve_svg(svg):
    with open(svg, encoding="utf-8") as f:
        doc = f.read()
    # the current curve: the accent colour 0x0B4F8A, stroked as one path
    accent = r"stroke:rgb\(4\.3137\d*%,30\.98\d*%,54\.11\d*%\)"
    paths = [m for m in re.finditer(r"<path[^>]*>", doc) if re.search(accent, m.group(0))
             and "stroke-width:1.5" in m.group(0).replace(" ", "")]
    if len(paths) != 1:
        fail("expected one current curve path, found %d" % len(paths))
    d = re.search(r' d="([^"]*)"', paths[0].group(0)).group(1)
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    ys = nums[1::2]
    non_increasing(ys, "svg")
    print("%d points, non-increasing" % len(ys))


COMMANDS = {"range-html": range_html, "confidence-html": confidence_html,
            "confidence-pdf": confidence_pdf, "reading-html": reading_html,
            "curve-html": curve_html, "curve-svg": curve_svg}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in COMMANDS:
        fail(__doc__)
    COMMANDS[sys.argv[1]](*sys.argv[2:])
