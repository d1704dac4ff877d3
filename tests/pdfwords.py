#!/usr/bin/env python3
"""pdfwords.py - checks on the words of a PDF, from `pdftotext -bbox-layout`.

  pdfwords.py bounds PDF
      every word box lies inside its page, and every word but the footer's
      own (the one line under the footer rule, 30 pt above the bottom of a
      slide, 40 pt of a report page) above that rule.  Prints one line per
      offending word and exits 1 when there is any.
  pdfwords.py split PDF LABEL...
      no LABEL is cut over two lines: no line of a block ends with a start
      of LABEL while the next line of that block (or the nearest line below
      it that starts in the same column) begins with the rest.  Prints the
      splits found and exits 1 when there is any.
  pdfwords.py smallest PDF
      prints the smallest type size in points, from the boxes of the words
      of ASCII letters and digits (a box is 1.163 times the size of DejaVu
      Sans; the CJK face's boxes are taller, so they would only measure
      larger).
  pdfwords.py pages PDF TEXT
      prints the 1-based numbers of the pages whose text has TEXT.
  pdfwords.py words PDF PAGE
      prints the words of a page (1-based), one a line.
  pdfwords.py headings PDF
      prints the heading of every slide, one a line ("-" for none): the
      words in large type (boxes over 24 pt tall) in the top band of the
      slide (starting above 72 pt), lines joined with a space.
"""
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"


def pages(pdf):
    """Yields (width, height, lines) per page; a line is (block, words),
    a word (text, x0, y0, x1, y1)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         check=True).stdout
    root = ET.fromstring(xml)
    for page in root.iter(NS + "page"):
        lines = []
        for b, block in enumerate(page.iter(NS + "block")):
            for line in block.iter(NS + "line"):
                words = [(w.text or "", float(w.get("xMin")), float(w.get("yMin")),
                          float(w.get("xMax")), float(w.get("yMax")))
                         for w in line.iter(NS + "word")]
                if words:
                    lines.append((b, words))
        yield float(page.get("width")), float(page.get("height")), lines


def bounds(pdf):
    bad = 0
    for n, (w, h, lines) in enumerate(pages(pdf), 1):
        rule = h - (30 if w > h else 40)
        words = [wd for _, ws in lines for wd in ws]
        below = [wd for wd in words if wd[4] > rule + 0.5]
        footer_top = min((wd[2] for wd in below), default=rule)
        for text, x0, y0, x1, y1 in words:
            if x0 < -0.5 or y0 < -0.5 or x1 > w + 0.5 or y1 > h + 0.5:
                print(f"page {n}: '{text}' outside the page ({x0:.1f},{y0:.1f})-({x1:.1f},{y1:.1f})")
                bad += 1
            elif y1 > rule + 0.5 and (y0 < rule or y0 > footer_top + 8):
                print(f"page {n}: '{text}' over the footer ({x0:.1f},{y0:.1f})-({x1:.1f},{y1:.1f})")
                bad += 1
    return 1 if bad else 0


def split(pdf, labels):
    bad = 0
    for n, (_, _, lines) in enumerate(pages(pdf), 1):
        texts = [("".join(t for t, *_ in ws), ws, b) for b, ws in lines]
        for i, (text, ws, block) in enumerate(texts):
            x0, y1 = ws[0][1], max(wd[4] for wd in ws)
            # the next line in the column: the same block's next line, or
            # the nearest line below that starts within 2 pt of this one
            below = [t for t in texts[i + 1:] if t[2] == block][:1]
            below += sorted((t for t in texts if t[1][0][2] >= y1 - 2 and
                             t[1][0][2] < y1 + 40 and abs(t[1][0][1] - x0) < 2 and t is not texts[i]),
                            key=lambda t: t[1][0][2])[:1]
            for label in labels:
                if label in text:
                    continue
                for k in range(1, len(label)):
                    if text.endswith(label[:k]) and any(t[0].startswith(label[k:]) for t in below):
                        print(f"page {n}: '{label}' split as '{label[:k]}' / '{label[k:]}'")
                        bad += 1
    return 1 if bad else 0


def main():
    cmd, pdf = sys.argv[1], sys.argv[2]
    if cmd == "bounds":
        return bounds(pdf)
    if cmd == "split":
        return split(pdf, sys.argv[3:])
    if cmd == "smallest":
        sizes = [(y1 - y0) / 1.163 for _, _, lines in pages(pdf) for _, ws in lines
                 for t, _, y0, _, y1 in ws if t.isascii() and t.isalnum()]
        print(f"{min(sizes, default=0):.1f}")
        return 0
    if cmd == "pages":
        for n, (_, _, lines) in enumerate(pages(pdf), 1):
            if sys.argv[3] in " ".join(t for _, ws in lines for t, *_ in ws):
                print(n)
        return 0
    if cmd == "words":
        for n, (_, _, lines) in enumerate(pages(pdf), 1):
            if n == int(sys.argv[3]):
                for _, ws in lines:
                    for t, *_ in ws:
                        print(t)
        return 0
    if cmd == "headings":
        for _, _, lines in pages(pdf):
            heading = [" ".join(t for t, _, y0, _, y1 in ws if y1 - y0 > 24 and y0 < 72)
                       for _, ws in lines]
            print(" ".join(h for h in heading if h) or "-")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
