#!/usr/bin/env python3
"""pptxcheck.py - checks on a .pptx package written by the pptx plugin.

  pptxcheck.py package PPTX
      the zip's first member is [Content_Types].xml; every part has a
      content type (an Override, or the Default of its extension); every
      Override names a part; every internal relationship target is a part.
      Prints one line per problem and exits 1 when there is any.
  pptxcheck.py slides PPTX
      prints the number of slides (presentation.xml's sldIdLst).
  pptxcheck.py native PPTX
      prints "tables N connectors N glued N pictures N notes N": a:tbl
      frames, p:cxnSp, connectors whose stCxn and endCxn name shapes of
      their slide, p:pic, notes slides.
  pptxcheck.py notes PPTX
      prints the text of every notes slide, a paragraph a line.
  pptxcheck.py layout PPTX
      prints the name of the layout the first slide uses.
  pptxcheck.py figures PDF PAGE
      prints the figures (words with a digit) of a page of a PDF between
      its running head and its footer (30 pt from the top and the bottom
      of a slide), sorted, once each.
  pptxcheck.py overlaps PDF PAGE
      prints each pair of words of a page whose boxes overlap (by more
      than 1 pt both ways) and exits 1 when there is any.
  pptxcheck.py shapes PPTX
      prints a line per slide: its number, its a:custGeom freeforms, its
      p:pic pictures and its text run together without spaces.
  pptxcheck.py pixels PPM RRGGBB...
      prints, for each colour, the pixels of a binary PPM near it.
"""
import posixpath
import subprocess
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def rels_of(z, part):
    """The relationships of a part: {id: (type, target part)}."""
    d, base = posixpath.split(part)
    name = posixpath.join(d, "_rels", base + ".rels")
    if name not in z.namelist():
        return {}
    out = {}
    for r in ET.fromstring(z.read(name)).iter(PR + "Relationship"):
        if r.get("TargetMode") == "External":
            continue
        t = r.get("Target")
        target = t[1:] if t.startswith("/") else posixpath.normpath(posixpath.join(d, t))
        out[r.get("Id")] = (r.get("Type"), target)
    return out


def package(path):
    z = zipfile.ZipFile(path)
    names = [n for n in z.namelist() if not n.endswith("/")]
    bad = []
    if names[0] != "[Content_Types].xml":
        bad.append("first member is %s" % names[0])
    types = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types.iter(CT + "Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(CT + "Override")}
    for o in sorted(overrides - set(names)):
        bad.append("override for a missing part %s" % o)
    for n in names:
        if n == "[Content_Types].xml":
            continue
        if n not in overrides and n.rsplit(".", 1)[-1].lower() not in defaults:
            bad.append("no content type for %s" % n)
    for n in names:
        if n.endswith(".rels"):
            d = posixpath.dirname(posixpath.dirname(n))
            part = posixpath.join(d, posixpath.basename(n)[:-5])
            for rid, (_, target) in rels_of(z, part).items():
                if target not in names:
                    bad.append("%s %s: no part %s" % (n, rid, target))
    for b in bad:
        print(b)
    return 1 if bad else 0


def slide_parts(z):
    """The slide part names in presentation order."""
    pres = ET.fromstring(z.read("ppt/presentation.xml"))
    rels = rels_of(z, "ppt/presentation.xml")
    return [rels[s.get(R + "id")][1] for s in pres.iter(P + "sldId")]


def native(path):
    z = zipfile.ZipFile(path)
    tables = connectors = glued = pictures = 0
    slides = slide_parts(z)
    for s in slides:
        root = ET.fromstring(z.read(s))
        ids = {e.get("id") for e in root.iter(P + "cNvPr")}
        tables += len(list(root.iter(A + "tbl")))
        pictures += len(list(root.iter(P + "pic")))
        for c in root.iter(P + "cxnSp"):
            connectors += 1
            st, end = c.find(".//" + A + "stCxn"), c.find(".//" + A + "endCxn")
            if st is not None and end is not None and st.get("id") in ids and end.get("id") in ids:
                glued += 1
    notes = [n for n in z.namelist() if re.match(r"ppt/notesSlides/notesSlide\d+\.xml$", n)]
    print("tables %d connectors %d glued %d pictures %d notes %d" %
          (tables, connectors, glued, pictures, len(notes)))
    return 0


def notes(path):
    z = zipfile.ZipFile(path)
    for s in slide_parts(z):
        for _, (t, target) in sorted(rels_of(z, s).items()):
            if t.endswith("/notesSlide"):
                for p in ET.fromstring(z.read(target)).iter(A + "p"):
                    print("".join(t.text or "" for t in p.iter(A + "t")))
    return 0


def layout(path):
    z = zipfile.ZipFile(path)
    for _, (t, target) in rels_of(z, slide_parts(z)[0]).items():
        if t.endswith("/slideLayout"):
            print(ET.fromstring(z.read(target)).find(P + "cSld").get("name"))
    return 0


def figures(pdf, page):
    xml = subprocess.run(["pdftotext", "-bbox", "-f", page, "-l", page, pdf, "-"],
                         capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    ns = "{http://www.w3.org/1999/xhtml}"
    out = set()
    for p in root.iter(ns + "page"):
        rule = float(p.get("height")) - 30
        for w in p.iter(ns + "word"):
            if 30 < float(w.get("yMin")) and float(w.get("yMax")) < rule and \
                    re.search(r"[0-9]", w.text or ""):
                out.add(w.text)
    for w in sorted(out):
        print(w)
    return 0


def overlaps(pdf, page):
    xml = subprocess.run(["pdftotext", "-bbox", "-f", page, "-l", page, pdf, "-"],
                         capture_output=True, check=True).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    words = [(w.text, float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
              float(w.get("yMax"))) for w in ET.fromstring(xml).iter(ns + "word")]
    bad = 0
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1:
                print("%s overlaps %s" % (a, b))
                bad += 1
    return 1 if bad else 0


def shapes(path):
    """Per slide, in order: its number, its freeforms (a:custGeom) and its
    pictures, and the slide's text run together."""
    z = zipfile.ZipFile(path)
    for i, s in enumerate(slide_parts(z), 1):
        root = ET.fromstring(z.read(s))
        text = "".join(t.text or "" for t in root.iter(A + "t")).replace(" ", "")
        print(i, len(list(root.iter(A + "custGeom"))), len(list(root.iter(P + "pic"))), text)
    return 0


def pixels(ppm, colours):
    """How many pixels of a binary PPM (P6, maxval 255) are within 24 of
    each colour RRGGBB in every channel, one count a line."""
    data = open(ppm, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pix = data[pos + 1:]
    for c in colours:
        want = bytes.fromhex(c)
        n = 0
        for k in range(0, len(pix) - 2, 3):
            if all(abs(pix[k + j] - want[j]) <= 24 for j in range(3)):
                n += 1
        print(n)
    return 0


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == "figures":
        return figures(path, sys.argv[3])
    if cmd == "package":
        return package(path)
    if cmd == "overlaps":
        return overlaps(path, sys.argv[3])
    if cmd == "pixels":
        return pixels(path, sys.argv[3:])
    if cmd == "slides":
        print(len(slide_parts(zipfile.ZipFile(path))))
        return 0
    return {"native": native, "notes": notes, "layout": layout, "shapes": shapes}[cmd](path)


if __name__ == "__main__":
    sys.exit(main())
