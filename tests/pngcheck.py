#!/usr/bin/env python3
"""pngcheck.py - is a screenshot blank?  Standard library only.

Usage: pngcheck.py FILE.png [MIN_COLOURS] [MIN_INK]
Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes),
prints "WIDTHxHEIGHT colours=N ink=F" (distinct colours; share of pixels
that are not the most common colour) and exits 1 when there are fewer than
MIN_COLOURS colours (default 8) or less ink than MIN_INK (default 0.01).

  pngcheck.py --crop FILE.png X Y W H OUT.png   writes a cropped copy (for people).
  pngcheck.py --count FILE.png RRGGBB...        prints "RRGGBB=N" for each colour:
                                                how many pixels have exactly it.
"""
import struct
import sys
import zlib


def read_png(path):
    """Returns (width, height, channels, rows) with rows as bytes per line."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s: not a PNG" % path)
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError("%s: only 8-bit RGB/RGBA non-interlaced PNGs" % path)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if ftype == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif ftype == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif ftype == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = prev[i]
                c = prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def write_png(path, width, height, rows):
    """Writes RGBA rows as a PNG."""
    raw = b"".join(b"\x00" + r for r in rows)
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def main(argv):
    if len(argv) >= 2 and argv[1] == "--crop":
        path, x, y, w, h, out = argv[2], *map(int, argv[3:7]), argv[7]
        width, height, ch, rows = read_png(path)
        cut = []
        for line in rows[y:y + h]:
            px = line[x * ch:(x + w) * ch]
            if ch == 3:
                px = b"".join(px[i:i + 3] + b"\xff" for i in range(0, len(px), 3))
            cut.append(px)
        write_png(out, min(w, width - x), len(cut), cut)
        return 0
    if len(argv) >= 3 and argv[1] == "--count":
        width, height, ch, rows = read_png(argv[2])
        wanted = {bytes.fromhex(c): c for c in argv[3:]}
        counts = dict.fromkeys(wanted, 0)
        for line in rows:
            for i in range(0, len(line), ch):
                px = line[i:i + 3]
                if px in counts:
                    counts[px] += 1
        print(" ".join("%s=%d" % (wanted[px], counts[px]) for px in wanted))
        return 0
    path = argv[1]
    min_colours = int(argv[2]) if len(argv) > 2 else 8
    min_ink = float(argv[3]) if len(argv) > 3 else 0.01
    width, height, ch, rows = read_png(path)
    counts = {}
    for line in rows[::2]:
        for i in range(0, len(line), ch * 2):
            px = line[i:i + 3]
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    ink = 1 - max(counts.values()) / total
    print("%dx%d colours=%d ink=%.3f" % (width, height, len(counts), ink))
    return 0 if len(counts) >= min_colours and ink >= min_ink else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
