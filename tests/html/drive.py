#!/usr/bin/env python3
"""drive.py - opens a page in headless Chromium over the DevTools protocol
(--remote-debugging-pipe; standard library only) and checks what a user
would notice: errors in the console (CSP violations included), requests
the page makes, and, for a slide deck, the keyboard navigation.

  drive.py CHROMIUM FILE.html            load; report console errors and requests
  drive.py CHROMIUM FILE.html --slides   also press keys and check the current slide

Prints one "ok - ..." or "not ok - ..." line per check and exits 1 when any
check failed, 2 when Chromium could not be driven.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60


class Browser:
    """A Chromium child speaking the DevTools protocol on fds 3 and 4."""

    def __init__(self, chromium, profile):
        # Chromium reads commands from fd 3 and writes to fd 4: put the
        # child's ends there (our own ends first moved out of the way).
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        to_child_w = self._high(to_child_w)
        from_child_r = self._high(from_child_r)
        to_child_r = self._high(to_child_r)
        from_child_w = self._high(from_child_w)
        os.dup2(to_child_r, 3)
        os.dup2(from_child_w, 4)
        os.close(to_child_r)
        os.close(from_child_w)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--remote-debugging-pipe", "--user-data-dir=" + profile,
             "--window-size=1280,720", "about:blank"],
            pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(3)
        os.close(4)
        self.out = os.fdopen(to_child_w, "wb", buffering=0)
        self.inp = os.fdopen(from_child_r, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.seen = 0
        self.session = None

    @staticmethod
    def _high(fd):
        """Moves fd to a number of 10 or more (closing fd); returns it."""
        import fcntl
        high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(fd)
        return high

    def _read(self):
        while b"\0" not in self.buf:
            chunk = self.inp.read(65536)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        self.out.write(json.dumps(msg).encode() + b"\0")
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)
        raise RuntimeError("%s: no answer" % method)

    def open_blank(self):
        """Opens an about:blank tab and makes it the session of call()."""
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.call("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, session=False)
        self.session = attached["sessionId"]

    def wait_for(self, method):
        """Waits for event `method` after the last one waited for; every
        event stays in self.events for the checks."""
        while True:
            for i in range(self.seen, len(self.events)):
                if self.events[i].get("method") == method:
                    self.seen = i + 1
                    return self.events[i]
            self.seen = len(self.events)
            self.events.append(self._read())

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    chromium, page = argv[1], os.path.abspath(argv[2])
    slides = "--slides" in argv[3:]
    url = "file://" + page
    failures = 0
    log = []  # console errors, exceptions, CSP reports
    requests = []

    def report(ok, name):
        nonlocal failures
        print(("ok - " if ok else "not ok - ") + name)
        failures += 0 if ok else 1

    def collect(events):
        for e in events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                log.append("console.%s: %s" % (p["type"], p.get("args")))
            elif m == "Runtime.exceptionThrown":
                log.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                log.append("%s: %s" % (p["entry"].get("source"), p["entry"].get("text")))
            elif m == "Network.requestWillBeSent":
                requested = p.get("request", {}).get("url", "")
                if requested.split("#")[0] != url:
                    requests.append(requested)

    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(chromium, profile)
        try:
            browser.open_blank()
            for domain in ("Page", "Runtime", "Log", "Network"):
                browser.call(domain + ".enable")
            browser.call("Page.navigate", {"url": url})
            browser.wait_for("Page.loadEventFired")
            time.sleep(0.3)  # late console messages

            def js(expr):
                result = browser.call("Runtime.evaluate", {"expression": expr, "returnByValue": True})
                return result.get("result", {}).get("value")

            report(js("document.readyState") == "complete", "page loaded")
            report(js("document.querySelectorAll('main section, main .slide').length") > 0,
                   "page has its sections")
            if slides:
                report(js("document.documentElement.classList.contains('deck')"),
                       "slide script ran (allowed by the CSP hash)")
                total = js("document.querySelectorAll('section.slide').length")
                current = "(document.querySelector('section.slide.current')||{}).id"
                visible = ("Array.from(document.querySelectorAll('section.slide'))"
                           ".filter(s => getComputedStyle(s).display !== 'none').length")
                report(js(current) == "slide-1", "first slide shown")
                report(js(visible) == 1, "exactly one slide visible")
                keys = [("ArrowRight", 39, "slide-2"), ("PageDown", 34, "slide-3"),
                        (" ", 32, "slide-4" if total >= 4 else "slide-%d" % total),
                        ("ArrowLeft", 37, "slide-3" if total >= 4 else "slide-%d" % (total - 1)),
                        ("PageUp", 33, "slide-2" if total >= 4 else "slide-%d" % (total - 2)),
                        ("End", 35, "slide-%d" % total), ("Home", 36, "slide-1")]
                for key, code, want in keys:
                    name = {" ": "Space"}.get(key, key)
                    for kind in ("keyDown", "keyUp"):
                        browser.call("Input.dispatchKeyEvent",
                                     {"type": kind, "key": key, "code": name,
                                      "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code,
                                      "text": key if key == " " and kind == "keyDown" else ""})
                    time.sleep(0.05)
                    got = js(current)
                    report(got == want, "%s moves to %s (got %s)" % (name, want, got))
                report(js("location.hash") == "#slide-1", "address follows the slide")
                browser.call("Page.navigate", {"url": url + "#slide-%d" % total})
                time.sleep(0.3)
                report(js(current) == "slide-%d" % total, "#slide-N opens slide N")
                fits = js("(() => { const r = document.querySelector('section.slide.current')"
                          ".getBoundingClientRect(); return r.width > 100 && r.left >= -1 && r.top >= -1"
                          " && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1; })()")
                report(fits, "the current slide is scaled to fit the window")
            collect(browser.events)
        except Exception as error:  # a broken pipe or a timeout: Chromium misbehaved
            print("not ok - driving Chromium: %s" % error)
            browser.close()
            return 2
        browser.close()
    report(not log, "no console error or CSP violation" + ("".join("\n  " + l for l in log)))
    report(not requests, "no request other than the file" + ("".join("\n  " + r for r in requests)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
