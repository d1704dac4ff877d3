#!/usr/bin/env python3
"""index_check.py - the archive's index pages in one headless Chromium
(drive.py's Browser, over the DevTools protocol, nothing injected into
the pages).

  index_check.py CHROMIUM OUTDIR PAGE.html ...

For each page, prints TAP lines ("ok - ..." / "not ok - ...") for:
  - it loads with no console message, exception or CSP report, and
    requests nothing but itself;
  - no text overflows its box: no cell, heading, paragraph, link or code
    is clipped (scrollWidth/Height within the client size), no element of
    main reaches out of main's content box, no cell's content out of its
    cell;
and writes what the shell test reads: OUTDIR/NAME.lang (the html lang),
OUTDIR/NAME.text (the visible text, innerText of the body) and
OUTDIR/NAME.links (every link's href as written, one a line), NAME being
the page's directory name and file name joined by "-".
Exits 1 when any check failed, 2 when Chromium could not be driven.
"""
import os
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # the source tree may be read-only (make distcheck)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drive import Browser  # noqa: E402

MEASURE = r"""
(() => {
  const problems = [];
  const where = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.classList && el.classList.length) s += "." + Array.from(el.classList).join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ");
    return s + (text ? ' "' + text.slice(0, 40) + '"' : "");
  };
  const main = document.querySelector("main");
  const mb = main.getBoundingClientRect(), ms = getComputedStyle(main);
  const left = mb.left + parseFloat(ms.paddingLeft), right = mb.right - parseFloat(ms.paddingRight);
  main.querySelectorAll("*").forEach((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return;
    if (r.left < left - 1 || r.right > right + 1)
      problems.push(where(el) + " leaves main by " + Math.max(left - r.left, r.right - right).toFixed(1) + "px");
  });
  main.querySelectorAll("th, td, h1, h2, p, a, code, span").forEach((el) => {
    const dx = el.scrollWidth - el.clientWidth, dy = el.scrollHeight - el.clientHeight;
    if ((el.clientWidth > 0 || el.clientHeight > 0) && (dx > 1 || dy > 1) &&
        getComputedStyle(el).overflow !== "visible")
      problems.push(where(el) + " clipped by " + Math.max(dx, dy) + "px");
  });
  main.querySelectorAll("td, th").forEach((cell) => {
    const c = cell.getBoundingClientRect();
    cell.querySelectorAll("*").forEach((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1)
        problems.push(where(el) + " out of its cell " + where(cell));
    });
  });
  return problems;
})()
"""


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    chromium, outdir, pages = argv[1], argv[2], [os.path.abspath(p) for p in argv[3:]]
    failures = 0

    def report(ok, name, details=()):
        nonlocal failures
        print(("ok - " if ok else "not ok - ") + name + "".join("\n  " + d for d in details))
        failures += 0 if ok else 1

    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(chromium, profile)
        try:
            browser.open_blank()
            for domain in ("Page", "Runtime", "Log", "Network"):
                browser.call(domain + ".enable")

            def js(expr):
                result = browser.call("Runtime.evaluate", {"expression": expr, "returnByValue": True})
                return result.get("result", {}).get("value")

            for page in pages:
                url = "file://" + page
                name = os.path.basename(os.path.dirname(page)) + "-" + os.path.basename(page)
                first = len(browser.events)
                browser.call("Page.navigate", {"url": url})
                browser.wait_for("Page.loadEventFired")
                time.sleep(0.3)  # late console messages
                log, requests = [], []
                js("0")  # reads the events that came meanwhile
                for e in browser.events[first:]:
                    m, p = e.get("method"), e.get("params", {})
                    if m == "Runtime.consoleAPICalled":
                        log.append("console.%s: %s" % (p.get("type"), p.get("args")))
                    elif m == "Runtime.exceptionThrown":
                        log.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
                    elif m == "Log.entryAdded":
                        log.append("%s: %s" % (p["entry"].get("source"), p["entry"].get("text")))
                    elif m == "Network.requestWillBeSent":
                        requested = p.get("request", {}).get("url", "")
                        if requested.split("#")[0] != url:
                            requests.append(requested)
                report(js("document.readyState") == "complete" and
                       js("document.querySelectorAll('main section').length") > 0,
                       name + ": loaded, with its sections")
                report(not log, name + ": no console message or CSP report", log)
                report(not requests, name + ": no request other than the file", requests)
                problems = js(MEASURE) or []
                report(not problems, name + ": no text overflows its box", problems[:20])
                with open(os.path.join(outdir, name + ".lang"), "w") as f:
                    f.write(js("document.documentElement.lang") + "\n")
                with open(os.path.join(outdir, name + ".text"), "w") as f:
                    f.write(js("document.body.innerText") + "\n")
                with open(os.path.join(outdir, name + ".links"), "w") as f:
                    links = js("Array.from(document.querySelectorAll('a[href]'))"
                               ".map(a => a.getAttribute('href')).join('\\n')")
                    f.write(links + "\n" if links else "")
        except Exception as error:  # a broken pipe or a timeout: Chromium misbehaved
            print("not ok - driving Chromium: %s" % error)
            browser.close()
            return 2
        browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
