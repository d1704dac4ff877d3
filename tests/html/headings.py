#!/usr/bin/env python3
"""headings.py - the slide headings of HTML decks as Chromium shows them,
one Chromium for all pages (drive.py's Browser).

  headings.py CHROMIUM PAGE.html ...

For each page prints "# PAGE" and then one line per slide: the text of its
heading (h2 in the slide's header) as rendered (innerText), or "-" for a
slide without one (a title slide).  Exits 2 when Chromium could not be
driven.
"""
import json
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # the source tree may be read-only (make distcheck)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drive import Browser  # noqa: E402

HEADINGS = r"""
Array.from(document.querySelectorAll("section.slide")).map((slide) => {
  const h = slide.querySelector(":scope > header h2");
  return h ? h.innerText.replace(/\s+/g, " ").trim() : "-";
})
"""


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(argv[1], profile)
        try:
            browser.open_blank()
            browser.call("Page.enable")
            for path in argv[2:]:
                browser.call("Page.navigate", {"url": "file://" + os.path.abspath(path)})
                browser.wait_for("Page.loadEventFired")
                result = browser.call("Runtime.evaluate",
                                      {"expression": HEADINGS, "returnByValue": True})
                value = result.get("result", {}).get("value")
                print("# " + path)
                if not isinstance(value, list):
                    print("? could not read the headings: " + json.dumps(result)[:300])
                    continue
                for heading in value:
                    print(heading)
        except Exception as error:  # noqa: BLE001 - any failure of the browser
            print("driving Chromium failed: %s" % error, file=sys.stderr)
            browser.close()
            return 2
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
