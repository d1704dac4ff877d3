"""crossformat_svg.py - reads the text of a chart SVG back (standard library
only).  cairo writes text into an SVG as glyph outlines (<symbol> paths used
at positions), not as characters, so the characters are recovered from a
reference: the PDF of the same plan, which holds the same fonts with their
character maps.  pdftocairo -svg turns that PDF into outlines the same way,
and pdftotext -bbox-layout says which characters lie where; an outline
under a word's box is that word's character at its index.  Outlines are
compared with their size divided out (a chart and a page may use other
sizes of the same face).

  learn_reference(reference_svg, reference_pages) -> glyphs
  read_chart(chart_svg, glyphs) -> pages

gives the chart's text in the shape crossformat.read_bbox gives a PDF's:
one page of blocks of lines of words (x0, y0, x1, y1, text), so the same
checks read both.  An outline the reference lacks reads as U+FFFD.
"""
import re

SYMBOL = re.compile(r'<symbol overflow="visible" id="([^"]+)">\s*<path[^>]* d="([^"]*)"', re.S)
USE = re.compile(r'<use xlink:href="#([^"]+)" x="([-\d.]+)" y="([-\d.]+)"/>')
UNKNOWN = "\ufffd"


def shape(d):
    """An outline without its size: the commands and every coordinate
    divided by the largest one; None for an empty outline (a space)."""
    parts = d.split()
    if not parts:
        return None
    cmds = "".join(p for p in parts if p.isalpha())
    nums = [float(p) for p in parts if not p.isalpha()]
    scale = max(abs(n) for n in nums) or 1.0
    right = max(nums[0::2])  # coordinates come in x y pairs
    return cmds, tuple(n / scale for n in nums), scale, right


def same(a, b, tol=0.015):
    return a[0] == b[0] and len(a[1]) == len(b[1]) and \
        all(abs(x - y) <= tol for x, y in zip(a[1], b[1]))


class Glyphs:
    """Outline shapes and the characters they were seen as."""

    def __init__(self):
        self.known = {}  # commands -> [(shape, char)]

    def learn(self, sh, char):
        if sh is None:
            return
        bucket = self.known.setdefault(sh[0], [])
        for other, c in bucket:
            if same(other, sh, 0.002):
                return
        bucket.append((sh, char))

    def char(self, sh):
        """The character an outline is, by the nearest known outline of the
        same commands; U+FFFD when none is near or two characters are
        about as near (hinting moves points a little between sizes)."""
        if sh is None:
            return " "
        ranked = []
        for other, c in self.known.get(sh[0], []):
            if len(other[1]) == len(sh[1]):
                err = max((abs(x - y) for x, y in zip(other[1], sh[1])), default=0)
                ranked.append((err, c))
        ranked.sort()
        if not ranked or ranked[0][0] > 0.2:
            return UNKNOWN
        if ranked[0][0] <= 0.015:  # the same outline: no doubt
            return ranked[0][1]
        rivals = [e for e, c in ranked[1:] if c != ranked[0][1]]
        if rivals and rivals[0] < ranked[0][0] + 0.03:
            return UNKNOWN
        return ranked[0][1]


def symbols(text):
    return {i: shape(d) for i, d in SYMBOL.findall(text)}


def learn_reference(reference_svg, pages):
    """Glyphs of every word of the reference PDF whose outlines under its
    box are as many as its characters."""
    with open(reference_svg, encoding="utf-8") as f:
        text = f.read()
    syms = symbols(text)
    glyphs = Glyphs()
    svg_pages = re.split(r"<page\b", text)[1:] or [text]
    learned = set()  # symbol ids already known
    for page_svg, blocks in zip(svg_pages, pages):
        uses = [(syms.get(i), float(x), float(y), i) for i, x, y in USE.findall(page_svg)]
        uses = [u for u in uses if u[0] is not None]
        uses.sort(key=lambda u: (u[2], u[1]))
        for b in blocks:
            for line in b.lines:
                for x0, y0, x1, y1, word in line:
                    under = sorted((u for u in uses if x0 - 0.6 <= u[1] < x1 - 0.3
                                    and y0 - 0.5 <= u[2] <= y1 + 0.5), key=lambda u: u[1])
                    if len(under) == len(word):
                        for u, c in zip(under, word):
                            if u[3] not in learned:
                                learned.add(u[3])
                                glyphs.learn(u[0], c)
    return glyphs


def read_chart(chart_svg, glyphs):
    """The chart's text as one page of blocks (see the module comment),
    its outlines read with glyphs (learn_reference)."""
    from crossformat import Block  # one shape of text for every reader

    with open(chart_svg, encoding="utf-8") as f:
        text = f.read()
    syms = symbols(text)
    chars = {i: glyphs.char(sh) for i, sh in syms.items()}
    rows = {}
    for i, x, y in USE.findall(text):
        rows.setdefault(float(y), []).append((float(x), chars.get(i, UNKNOWN), syms.get(i)))
    segments = []  # (x0, x1, baseline, size, words)
    for y, row in rows.items():
        row.sort()
        # the type size: outlines reach about 0.73 em (capitals, digits)
        size = max((g[2][2] for g in row if g[2]), default=7.0) / 0.73
        step = 0.6 * size
        current = []
        for n, g in enumerate(row):
            # a new run where the white space from the last glyph's ink is
            # wider than a letter's side bearings (a space has a glyph)
            prev = row[n - 1]
            ink = prev[0] + (prev[2][3] if prev[2] else 0.3 * size)
            if current and g[0] - ink > 0.45 * size:
                segments.append(segment(current, y, step, size))
                current = []
            current.append(g)
        if current:
            segments.append(segment(current, y, step, size))
    segments = [s for s in segments if s[4]]
    segments.sort(key=lambda s: (s[2], s[0]))
    blocks = []
    open_blocks = []
    for seg in segments:
        x0, x1, y, size, words = seg
        home = None
        for blk in open_blocks:
            # (a line without capitals looks smaller: the block's size counts)
            if abs(blk["x0"] - x0) <= 1.5 and 0 < y - blk["y"] <= 1.5 * max(size, blk["size"]):
                home = blk
                break
        if home is None:
            home = {"x0": x0, "y": y, "size": size, "lines": []}
            open_blocks.append(home)
            blocks.append(home)
        home["y"] = y
        home["size"] = max(home["size"], size)
        home["lines"].append(words)
    out = []
    for blk in blocks:
        ws = [w for line in blk["lines"] for w in line]
        out.append(Block(min(w[0] for w in ws), min(w[1] for w in ws),
                         max(w[2] for w in ws), max(w[3] for w in ws), blk["lines"]))
    return [out]


def segment(glyph_run, y, step, size):
    """A run of glyphs as words split at spaces: (x0, x1, y, size, words)."""
    words = []
    chars = ""
    start = None
    last = None
    for x, c, _ in glyph_run:
        if c == " ":
            if chars:
                words.append((start, y - size * 0.8, last + step, y + size * 0.25, chars))
            chars, start = "", None
            continue
        if start is None:
            start = x
        chars += c
        last = x
    if chars:
        words.append((start, y - size * 0.8, last + step, y + size * 0.25, chars))
    x0 = glyph_run[0][0]
    return x0, (last or x0) + step, y, size, words
