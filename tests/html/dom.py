#!/usr/bin/env python3
"""dom.py - reads an HTML page the way a browser's tokenizer does (Python's
html.parser, standard library only) and prints or checks it.

  dom.py normalise FILE     one line per element and text run, indented by
                            depth, attributes sorted; the <style> and
                            <script> texts, the hashes in the CSP and the
                            badday version are masked, so a golden file
                            survives CSS edits and libxml2 serialiser changes
                            but not a changed DOM.
  dom.py csp FILE           checks that the Content-Security-Policy allows
                            exactly the page's <style> and <script> texts by
                            their SHA-256, and nothing from outside the file.
  dom.py safe FILE [N]      checks the DOM is free of injected markup: at most
                            N <script> elements (default 0) all of whose text
                            the CSP allows, no on* attribute, no javascript:
                            URL, every src/href a fragment or data: URL.
  dom.py text FILE          prints the page's text, one run a line.
  dom.py netlog FILE        checks a Chromium net log (--log-net-log): no
                            request started by the page (the browser's own
                            update and account checks are not the page's).

Exits 1 with a message on stderr when a check fails.
"""
import base64
import hashlib
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Page(HTMLParser):
    """Collects elements (tag, attrs, depth), text runs, styles and scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.depth = 0
        self.stack = []
        self.styles = []
        self.scripts = []
        self.attrs = []  # (tag, name, value) for every attribute
        self.tags = []  # every start tag
        self.texts = []
        self.csp = None
        self.in_svg = 0

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=tag in VOID)

    def handle_startendtag(self, tag, attrs):
        # a self-closing tag is honoured in SVG (foreign content) only
        self._start(tag, attrs, closed=self.in_svg > 0 or tag in VOID)

    def _start(self, tag, attrs, closed):
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "content-security-policy":
            self.csp = dict(attrs).get("content", "")
        shown = []
        for name, value in sorted(attrs):
            value = value or ""
            if tag == "meta" and name == "content" and "default-src" in value:
                value = re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-HASH", value)
            shown.append('%s="%s"' % (name, value))
        self.lines.append("  " * self.depth + "<" + " ".join([tag] + shown) + ">")
        if tag == "svg":
            self.in_svg += 1 if not closed else 0
        if not closed:
            self.stack.append(tag)
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack:
                top = self.stack.pop()
                self.depth -= 1
                if top == "svg":
                    self.in_svg -= 1
                if top == tag:
                    break

    def handle_data(self, data):
        current = self.stack[-1] if self.stack else ""
        if current == "style":
            self.styles.append(data)
            self.lines.append("  " * self.depth + "[style text]")
            return
        if current == "script":
            self.scripts.append(data)
            self.lines.append("  " * self.depth + "[script text]")
            return
        text = " ".join(data.split())
        if text:
            self.texts.append(text)
            text = re.sub(r"badday \d+\.\d+\.\d+\S*", "badday VERSION", text)
            self.lines.append("  " * self.depth + "| " + text)


def load(path):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    return page


def sha(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def fail(msg):
    print("dom.py: " + msg, file=sys.stderr)
    return 1


def check_csp(page):
    if page.csp is None:
        return fail("no Content-Security-Policy meta")
    policy = {}
    for part in page.csp.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    if policy.get("default-src") != ["'none'"]:
        return fail("default-src is not 'none': %r" % page.csp)
    for directive, sources in policy.items():
        for source in sources:
            if re.match(r"(https?:|\*|'unsafe-)", source):
                return fail("%s allows %s" % (directive, source))
    styles = [s.strip("'") for s in policy.get("style-src", [])]
    for text in page.styles:
        if sha(text) not in styles:
            return fail("style text not allowed by the CSP (hash %s)" % sha(text))
    scripts = [s.strip("'") for s in policy.get("script-src", [])]
    for text in page.scripts:
        if sha(text) not in scripts:
            return fail("script text not allowed by the CSP (hash %s)" % sha(text))
    if not page.scripts and policy.get("script-src", ["'none'"]) != ["'none'"]:
        return fail("script-src allows scripts but the page has none")
    return 0


def check_safe(page, max_scripts):
    if len(page.scripts) > max_scripts:
        return fail("%d <script> elements, expected at most %d" % (len(page.scripts), max_scripts))
    for tag, name, value in page.attrs:
        if name.lower().startswith("on"):
            return fail("event handler attribute %s on <%s>" % (name, tag))
        if "javascript:" in value.lower().replace(" ", "") and name in ("href", "src", "action", "formaction", "xlink:href"):
            return fail("javascript: URL in %s of <%s>" % (name, tag))
        if name in ("src", "href", "xlink:href", "action", "poster", "srcset") and not (
                value.startswith("#") or value.startswith("data:")):
            return fail("external reference %s=%r on <%s>" % (name, value, tag))
    bad = [t for t in page.tags if t in ("iframe", "img", "object", "embed", "base", "form",
                                         "frame", "applet", "link")]
    if bad:
        return fail("unexpected element <%s>" % bad[0])
    return check_csp(page)


def check_netlog(path):
    import json
    with open(path, encoding="utf-8") as f:
        text = f.read().rstrip().rstrip(",")
    if not text.endswith("}"):  # Chromium may stop before closing the list
        text += "]}"
    log = json.loads(text)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    for event in log.get("events", []):
        params = event.get("params") or {}
        if names.get(event.get("type")) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        page = params.get("initiator") != "not an origin" or "file://" in str(
            params.get("network_isolation_key", ""))
        if page:
            return fail("the page requested %s" % params.get("url"))
    return 0


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "netlog":
        return check_netlog(argv[2])
    page = load(argv[2])
    if argv[1] == "normalise":
        sys.stdout.write("\n".join(page.lines) + "\n")
        return 0
    if argv[1] == "csp":
        return check_csp(page)
    if argv[1] == "safe":
        return check_safe(page, int(argv[3]) if len(argv) > 3 else 0)
    if argv[1] == "netlog":
        return check_netlog(argv[2])
    if argv[1] == "text":
        sys.stdout.write("\n".join(page.texts) + "\n")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
