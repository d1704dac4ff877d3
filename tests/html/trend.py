#!/usr/bin/env python3
"""trend.py - measures the Trend view (--history) of HTML pages in one
headless Chromium, driven over the DevTools protocol (drive.py's Browser),
nothing injected into the pages.

  trend.py CHROMIUM PAGE.html[:PANELS] ...

For each page (a report or a slide deck; PANELS is the number of panels
expected, default 4):
  - it loads with no console error, exception or CSP violation;
  - it has the Trend view: PANELS panels (figure.trend-panel), each with a
    title, a reading, an SVG with a <title> and period labels;
  - in every panel, every element with a box (title, legend, reading, the
    SVG's texts, lines and dots) lies inside the panel's box;
  - no two period labels of a panel overlap;
  - a deck: the Trend slide's content lies inside the 1280 x 720 slide and
    above its footer, and the whole deck passes fit.py's measures.
With BADDAY_SCREENSHOTS=DIR, saves the Trend section (report) or slide as
DIR/PAGE-trend.png.  Prints one TAP line per check; exits 1 when any
failed, 2 when Chromium could not be driven.
"""
import base64
import json
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # the source tree may be read-only (make distcheck)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drive import Browser  # noqa: E402
from fit import MEASURE, TOLERANCE  # noqa: E402

# Shows the Trend slide of a deck (when there is one), then measures the
# Trend view; returns what it found as JSON-able values.
TREND = r"""
(() => {
  const TOL = 0.5;
  const slide = document.querySelector("section.slide-trend");
  if (slide)
    document.querySelectorAll("section.slide").forEach((s) => s.classList.toggle("current", s === slide));
  const root = slide || document.querySelector("section.trend");
  if (!root) return {found: false};
  const scale = slide ? slide.getBoundingClientRect().width / 1280 : 1;
  const where = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.classList && el.classList.length) s += "." + Array.from(el.classList).join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ");
    return s + (text ? ' "' + text.slice(0, 40) + '"' : "");
  };
  const problems = [];
  const panels = Array.from(root.querySelectorAll("figure.trend-panel"));
  const info = panels.map((panel, p) => {
    const box = panel.getBoundingClientRect();
    for (const el of panel.querySelectorAll("*")) {
      if (el.closest("title") || el.tagName.toLowerCase() === "title") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const over = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom);
      if (over > TOL * scale)
        problems.push("panel " + (p + 1) + ": " + where(el) + " outside the panel by " +
                      (over / scale).toFixed(1) + "px");
    }
    const labels = Array.from(panel.querySelectorAll("text.trend-period")).map((t) => t.getBoundingClientRect());
    for (let i = 1; i < labels.length; i++)
      if (labels[i].left < labels[i - 1].right)
        problems.push("panel " + (p + 1) + ": period labels " + i + " and " + (i + 1) + " overlap by " +
                      ((labels[i - 1].right - labels[i].left) / scale).toFixed(1) + "px");
    const svg = panel.querySelector("svg.trend-plot");
    const title = svg && svg.querySelector(":scope > title");
    return {
      title: (panel.querySelector(".trend-title") || {}).textContent || "",
      reading: (panel.querySelector(".trend-reading") || {}).textContent || "",
      description: title ? title.textContent : "",
      periods: panel.querySelectorAll("text.trend-period").length,
      width: box.width / scale, height: box.height / scale,
    };
  });
  if (slide) {
    const box = slide.getBoundingClientRect();
    const foot = slide.querySelector(".slide-foot");
    const bottom = foot ? foot.getBoundingClientRect().top : box.bottom;
    for (const el of slide.querySelectorAll("*")) {
      if (foot && foot.contains(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const over = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - bottom);
      if (over > TOL * scale)
        problems.push(slide.id + ": " + where(el) + " outside the slide by " + (over / scale).toFixed(1) + "px");
    }
  }
  const r = root.getBoundingClientRect();
  return {found: true, slide: slide ? slide.id : null, panels: info, problems: problems,
          clip: {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}};
})()
"""


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    chromium = argv[1]
    shots = os.environ.get("BADDAY_SCREENSHOTS")
    failures = 0

    def report(ok, name, details=()):
        nonlocal failures
        print(("ok - " if ok else "not ok - ") + name)
        for d in ([] if ok else list(details)[:25]):
            print("#   " + d)
        failures += 0 if ok else 1

    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(chromium, profile)
        try:
            browser.open_blank()
            for domain in ("Page", "Runtime", "Log"):
                browser.call(domain + ".enable")
            browser.call("Emulation.setDeviceMetricsOverride",
                         {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
            for arg in argv[2:]:
                path, _, want = arg.partition(":")
                want = int(want or 4)
                name = os.path.basename(path)
                start = len(browser.events)
                browser.call("Page.navigate", {"url": "file://" + os.path.abspath(path)})
                browser.wait_for("Page.loadEventFired")
                browser.call("Runtime.evaluate", {"expression": "document.fonts.ready",
                                                  "awaitPromise": True})
                value = browser.call("Runtime.evaluate", {"expression": TREND,
                                                          "returnByValue": True})
                value = value.get("result", {}).get("value")
                log = []
                for e in browser.events[start:]:
                    m, p = e.get("method"), e.get("params", {})
                    if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning"):
                        log.append("console.%s: %s" % (p["type"], p.get("args")))
                    elif m == "Runtime.exceptionThrown":
                        log.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
                    elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                        log.append("%s: %s" % (p["entry"].get("source"), p["entry"].get("text")))
                report(not log, "%s: no console error or CSP violation" % name, log)
                if not isinstance(value, dict) or not value.get("found"):
                    report(False, "%s: has the Trend view (%s)" % (name, json.dumps(value)[:200]))
                    continue
                panels = value["panels"]
                report(len(panels) == want, "%s: %d panels (%d expected)" % (name, len(panels), want))
                whole = all(p["title"] and p["reading"] and p["description"] and p["periods"] >= 2
                            for p in panels)
                report(whole, "%s: every panel has its title, reading, SVG title and period labels"
                       % name, [json.dumps(p, ensure_ascii=False) for p in panels if not whole])
                for p in panels:
                    print("#   %s: %s | %s | %d period labels | %.0f x %.0f"
                          % (name, p["title"], p["reading"], p["periods"], p["width"], p["height"]))
                report(not value["problems"],
                       "%s: every text inside its panel%s, no period labels overlap"
                       % (name, " and the slide" if value["slide"] else ""), value["problems"])
                if shots:
                    clip = dict(value["clip"], scale=1)  # a margin: no scroll bar in the capture
                    clip.update(x=clip["x"] - 16, y=clip["y"] - 8, width=clip["width"] + 32,
                                height=clip["height"] + 16)
                    shot = browser.call("Page.captureScreenshot",
                                        {"format": "png", "clip": clip, "captureBeyondViewport": True})
                    with open(os.path.join(shots, os.path.splitext(name)[0] + "-trend.png"), "wb") as f:
                        f.write(base64.b64decode(shot["data"]))
                if value["slide"]:  # a deck
                    fit = browser.call("Runtime.evaluate", {"expression": MEASURE % {"tol": TOLERANCE},
                                                            "returnByValue": True})
                    fit = fit.get("result", {}).get("value") or {}
                    report(isinstance(fit.get("problems"), list) and not fit["problems"],
                           "%s: every slide of the deck fits (fit.py's measures)" % name,
                           fit.get("problems") or ["could not measure"])
        except Exception as error:  # a broken pipe or a timeout: Chromium misbehaved
            print("not ok - driving Chromium: %s" % error)
            browser.close()
            return 2
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
