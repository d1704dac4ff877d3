#!/usr/bin/env python3
"""fit.py - measures, in headless Chromium, that every slide of HTML decks
fits: one Chromium for all pages at one window size, driven over the
DevTools protocol (drive.py's Browser), nothing injected into the pages.

  fit.py CHROMIUM WIDTHxHEIGHT PAGE.html[:MAX_SLIDES] ...

For each page it shows every slide in turn (the class "current", as
slides.js sets it) and measures with getBoundingClientRect:
  - every element of the slide (the footer's own children excepted) lies
    inside the slide box and above the footer's top edge;
  - no cell, heading, caption or title is clipped (scrollWidth/Height
    within the client size); the one deliberate clip, the one-line title
    of a heatmap panel's row (span.map-title, cut at its cell's edge), is
    allowed only inside an element whose title attribute holds the whole
    text, so the words stay one hover away;
  - no text ends in "..." (U+2026): titles wrap, they are never cut;
  - no line breaks inside a word: between two Latin letters or digits,
    and in a Japanese page (phrases) between two katakana;
  - no loss-matrix slide ends on a group header, and each service's
    matrix ends with its Total row;
  - a service's coverage heatmap of up to 40 scenarios is one slide;
  - with :MAX_SLIDES, the deck has at most that many slides.
With BADDAY_SCREENSHOTS=DIR, also saves every slide as DIR/PAGE-N-WxH.png.
Prints one TAP line per page ("ok - ..." / "not ok - ..." with the
offending elements and their overflow in px); exits 1 when any failed.
"""
import base64
import json
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # the source tree may be read-only (make distcheck)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drive import Browser  # noqa: E402

TOLERANCE = 0.5  # px of the slide's own 1280 x 720 coordinates

MEASURE = r"""
(() => {
  const TOL = %(tol)s;
  const slides = Array.from(document.querySelectorAll("section.slide"));
  const problems = [];
  const where = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.classList && el.classList.length) s += "." + Array.from(el.classList).join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ");
    return s + (text ? ' "' + text.slice(0, 40) + '"' : "");
  };
  const clipCheck = "th, td, h1, h2, caption, .title, .path, .figure-value, .figure-label," +
    " .figure-note, .shares, .legend li, .plan-meta dd, .plan-meta dt, .eyebrow";
  const kinds = [];
  slides.forEach((slide, n) => {
    slides.forEach((s) => s.classList.toggle("current", s === slide));
    const box = slide.getBoundingClientRect();
    const scale = box.width / 1280;
    const foot = slide.querySelector(".slide-foot");
    const bottom = foot ? foot.getBoundingClientRect().top : box.bottom;
    const id = slide.id;
    const tol = TOL * scale;
    for (const el of slide.querySelectorAll("*")) {
      if (foot && foot.contains(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const over = Math.max(box.left - r.left, r.right - box.right, box.top - r.top,
                            r.bottom - bottom);
      if (over > tol)
        problems.push(id + ": " + where(el) + " overflows by " + (over / scale).toFixed(1) + "px");
    }
    for (const el of slide.querySelectorAll(clipCheck)) {
      if (foot && foot.contains(el)) continue;
      const dx = el.scrollWidth - el.clientWidth, dy = el.scrollHeight - el.clientHeight;
      if ((dx > 1 || dy > 1) && getComputedStyle(el).overflow !== "visible")
        problems.push(id + ": " + where(el) + " clipped by " + Math.max(dx, dy) + "px");
      else if (dx > 1) /* spills into its neighbour (a cell's or label's text) */
        problems.push(id + ": " + where(el) + " wider than its box by " + dx + "px");
    }
    /* a heatmap panel's one-line title: clipped on purpose, whole in a tooltip */
    for (const el of slide.querySelectorAll(".map-title")) {
      const tip = el.closest("[title]");
      if (el.scrollWidth > el.clientWidth + 1 && (!tip || !tip.title.includes(el.textContent)))
        problems.push(id + ": " + where(el) + " clipped without the whole title as a tooltip");
    }
    /* a line break inside a word: between two Latin letters or digits (a
     * number and its unit written together), or in Japanese two katakana
     * (the middle dot U+30FB separates words) */
    const ja = document.documentElement.lang === "ja"; /* phrases: word-break: auto-phrase */
    const inWord = (a, b) =>
      (ja && /[\u30A1-\u30FA\u30FC-\u30FF]/.test(a) && /[\u30A1-\u30FA\u30FC-\u30FF]/.test(b)) ||
      (/[A-Za-z0-9]/.test(a) && /[A-Za-z0-9]/.test(b));
    const words = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let t = words.nextNode(); t; t = words.nextNode()) {
      const el = t.parentElement;
      if (!el || el.closest("svg") || (foot && foot.contains(el)) || t.data.length < 2) continue;
      const range = document.createRange();
      let prevTop = null;
      for (let i = 0; i < t.data.length; i++) {
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getClientRects()[0];
        if (!r) continue;
        if (prevTop !== null && r.top > prevTop + 2 * scale && i > 0 && inWord(t.data[i - 1], t.data[i]))
          problems.push(id + ": " + where(el) + " breaks inside a word: " +
                        t.data.slice(Math.max(0, i - 8), i) + "|" + t.data.slice(i, i + 8));
        prevTop = r.top;
      }
    }
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode())
      if (t.data.trim().endsWith("\u2026"))
        problems.push(id + ": text cut with an ellipsis: " + t.data.trim().slice(-40));
    for (const el of slide.querySelectorAll("*")) {
      const cs = getComputedStyle(el);
      if (cs.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1)
        problems.push(id + ": " + where(el) + " shows an ellipsis");
      if (cs.webkitLineClamp && cs.webkitLineClamp !== "none" && el.scrollHeight > el.clientHeight + 1)
        problems.push(id + ": " + where(el) + " is line-clamped");
    }
    let kind = "other";
    if (slide.classList.contains("slide-matrix")) kind = "matrix";
    else if (slide.classList.contains("slide-coverage")) kind = "coverage";
    else if (slide.classList.contains("slide-title")) kind = "title";
    const rows = slide.querySelectorAll("table.data tbody tr");
    const last = rows.length ? rows[rows.length - 1] : null;
    kinds.push({id: id, kind: kind,
                scenarios: slide.querySelectorAll("table.heatmap tbody tr.scenario").length,
                endsOnGroup: !!(last && last.classList.contains("group")),
                total: !!slide.querySelector("table.matrix tfoot tr")});
  });
  slides.forEach((s, i) => s.classList.toggle("current", i === 0));
  return {slides: slides.length, problems: problems, kinds: kinds};
})()
"""


def composition(kinds):
    """Problems of deck composition: matrices and heatmaps per service."""
    problems = []
    runs = []  # (kind, [slides]) for consecutive slides of one kind
    for k in kinds:
        if runs and runs[-1][0] == k["kind"]:
            runs[-1][1].append(k)
        else:
            runs.append((k["kind"], [k]))
    for kind, run in runs:
        if kind == "matrix":
            for k in run[:-1]:
                if k["endsOnGroup"]:
                    problems.append("%s: a loss-matrix slide ends on a group header" % k["id"])
            if not run[-1]["total"]:
                problems.append("%s: the loss matrix ends without its Total row" % run[-1]["id"])
        if kind == "coverage":
            scenarios = sum(k["scenarios"] for k in run)
            if scenarios <= 40 and len(run) > 1:
                problems.append("%s: a heatmap of %d scenarios takes %d slides"
                                % (run[0]["id"], scenarios, len(run)))
    return problems


def screenshots(browser, name, count, size, where):
    """Saves each of count slides of the loaded page as a PNG in where."""
    for n in range(count):
        browser.call("Runtime.evaluate", {
            "expression": "document.querySelectorAll('section.slide').forEach("
                          "(s, i) => s.classList.toggle('current', i === %d))" % n})
        shot = browser.call("Page.captureScreenshot", {"format": "png"})
        base = os.path.splitext(name)[0]
        with open(os.path.join(where, "%s-%d-%s.png" % (base, n + 1, size)), "wb") as f:
            f.write(base64.b64decode(shot["data"]))


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    chromium, size = argv[1], argv[2]
    width, height = (int(v) for v in size.split("x"))
    failures = 0
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(chromium, profile)
        try:
            browser.open_blank()
            browser.call("Page.enable")
            browser.call("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1,
                          "mobile": False})
            for arg in argv[3:]:
                path, _, limit = arg.partition(":")
                name = os.path.basename(path)
                browser.call("Page.navigate", {"url": "file://" + os.path.abspath(path)})
                browser.wait_for("Page.loadEventFired")
                result = browser.call("Runtime.evaluate",
                                      {"expression": MEASURE % {"tol": TOLERANCE},
                                       "returnByValue": True, "awaitPromise": False})
                value = result.get("result", {}).get("value")
                if not isinstance(value, dict):
                    print("not ok - %s at %s: could not measure (%s)"
                          % (name, size, json.dumps(result)[:300]))
                    failures += 1
                    continue
                if os.environ.get("BADDAY_SCREENSHOTS"):
                    screenshots(browser, name, value["slides"], size,
                                os.environ["BADDAY_SCREENSHOTS"])
                problems = value["problems"] + composition(value["kinds"])
                if limit and value["slides"] > int(limit):
                    problems.append("%d slides, at most %s expected" % (value["slides"], limit))
                label = "%s at %s: %d slides" % (name, size, value["slides"])
                if problems:
                    failures += 1
                    print("not ok - %s, %d problem(s)" % (label, len(problems)))
                    for p in problems[:25]:
                        print("#   " + p)
                    if len(problems) > 25:
                        print("#   ... and %d more" % (len(problems) - 25))
                else:
                    print("ok - %s fit, nothing clipped or cut%s"
                          % (label, " (at most %s)" % limit if limit else ""))
        except Exception as error:
            print("not ok - driving Chromium at %s: %s" % (size, error))
            browser.close()
            return 2
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
