#!/usr/bin/env python3
"""crossformat.py - one fact, one value, every format: reads back what
badday rendered for one plan (or portfolio) in every format and checks it
against the JSON report of the same render, formatted by the display rules
(tests/crossformat_rules.py, written from the rules, not from badday's C
code).  Standard library only; run by tests/crossformat.sh.

  crossformat.py CATALOGUE CASE_DIR NAME LANG
  crossformat.py --self-check      the oracle against the rules' examples

CASE_DIR holds report.json and whatever else was rendered: matrix.csv,
measures.csv, services.csv, changes.csv (the CSV tables), report.dom.html
and slides.dom.html (the HTML after Chromium ran it, --dump-dom),
report.bbox.html and slides.bbox.html (pdftotext -bbox-layout of the PDFs),
matrix.svg, tree.svg, heatmap.svg (the chart plugin) with *.svg.bbox.html
(what tests/crossformat.sh read back from them; see there).

Prints one TAP line per (fixture, format, view), every disagreement under
it as "#   where: shown 'X', expected 'Y'".  Exits 1 when any disagrees.

Figures are found by structure: HTML by the classes of the rows, cells and
tree nodes and the table headers (catalogue labels); PDF and SVG by the
block of text that carries a scenario's, measure's, loss's or state's title,
then the row it starts (to its right, between its top and bottom) or, on a
scenario-tree page, the box under it; a figure in a row under a column
heading (right-aligned over it) is that column's figure, any other must be
one of the figures its thing has.  A view that omits a figure is not
faulted for it; every figure it shows must agree, and every scenario must
be found in every view.
"""
import csv
import html as H
import json
import os
import re
import sys
from html.parser import HTMLParser

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crossformat_rules as R  # noqa: E402
from crossformat_svg import learn_reference, read_chart  # noqa: E402

KINDS = ["detective", "preventive", "recovery", "testing"]
STATES = ["baseline", "current", "planned"]
CANDIDATE_STATES = ["current", "planned", "baseline"]  # the nearest is named in this order
INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\u00ad\ufeff"), None)
MINUS = "\u2212"


def clean(text):
    """Text as compared: invisible joiners out, spaces collapsed."""
    return re.sub(r"\s+", " ", (text or "").translate(INVISIBLE)).strip()


def squash(text):
    """Text as matched against titles: no spaces at all (wrapped lines of
    Latin and Japanese titles alike), no ellipsis."""
    return re.sub(r"\s+", "", clean(text)).replace("\u2026", "")


# --- the expected facts ---------------------------------------------------------


class Fact:
    """Something with a title that views show figures for: a scenario, a
    measure, a business loss, a failure type, a state row, a service."""

    def __init__(self, kind, title, svc, **data):
        self.kind = kind
        self.title = title
        self.svc = svc
        self.__dict__.update(data)


class Expect:
    """What the JSON says, with the labels the rules give it."""

    def __init__(self, report, lang, cat):
        self.lang = lang
        self.cat = cat
        self.report = report
        self.services = report["services"] if "services" in report else [report]
        self.portfolio = report.get("portfolio")
        self.facts = []
        for svc in self.services:
            self._collect(svc)
        self.by_title = {}
        for fact in self.facts:
            self.by_title.setdefault(squash(fact.title), []).append(fact)

    def label(self, key):
        return self.cat.label(self.lang, key)

    def _collect(self, svc):
        cur = svc.get("currency") or ""
        for s in svc["scenarios"]:
            self.facts.append(Fact("scenario", s["title"], svc, data=s, cur=cur))
            for m in s["measures"]:
                self.facts.append(Fact("measure", m["title"], svc, data=m, cur=cur, scenario=s))
        for key in ("losses", "failures"):
            for x in svc.get(key, []):
                self.facts.append(Fact("loss" if key == "losses" else "failure",
                                       x["title"], svc, data=x, cur=cur))
        for st in STATES:
            self.facts.append(Fact("state", self.label("state." + st), svc, state=st, cur=cur))
        self.facts.append(Fact("service", svc["service"], svc, cur=cur))

    # the words a fact must show
    def verification(self, m):
        """Rule 8: a test's verification is its own latest run's state."""
        if m["kind"] == "testing" and "test_state" in m:
            st = m["test_state"]
            return st if st in ("verified", "stale", "failing") else "unverified"
        return m["verification"]

    def decision_word(self, s):
        return self.label("decision." + s["decision"])


# --- comparing ---------------------------------------------------------------------


class View:
    """The disagreements found in one (fixture, format, view)."""

    def __init__(self, name):
        self.name = name
        self.problems = []
        self.checked = 0
        self.seen = set()  # the titles of the scenarios and measures found

    def agree(self, where, shown, expected):
        """shown must be expected (a string) or one of expected (a set)."""
        self.checked += 1
        ok = shown in expected if isinstance(expected, (set, frozenset)) else shown == expected
        if not ok:
            want = " or ".join(sorted(expected)) if isinstance(expected, (set, frozenset)) \
                else expected
            self.problems.append("%s: shown '%s', expected '%s'" % (where, shown, want))
        return ok

    def fail(self, where, what):
        self.problems.append("%s: %s" % (where, what))


def like(shown, value, cur, lang):
    """The form of value the rules give for the shape of shown: compact when
    it shows a unit, with its currency marker when it shows one."""
    compact = 1 if re.search(r"\d[KMBT万億兆]", shown) else 0
    text = R.amount(value, cur, compact, lang)
    marked = re.search(r"[A-Z]{3}|円", shown)
    if not marked:
        text = text[:-1] if R.yen_in_japanese(cur, lang) else text.replace(cur + " ", "", 1)
    return text


def amount_agree(view, where, shown, value, cur, lang):
    """shown is one of the forms of the amount; a disagreement names the
    form of the same shape."""
    view.checked += 1
    if shown in R.amount_forms(value, cur, lang):
        return True
    view.fail(where, "shown '%s', expected '%s'" % (shown, like(shown, value, cur, lang)))
    return False


def amount_set(x, fact_or_cur, lang):
    cur = fact_or_cur if isinstance(fact_or_cur, str) else fact_or_cur.cur
    return R.amount_forms(x, cur, lang)


def signed_amount_ok(view, where, shown, value, cur, lang):
    """A difference: "USD −1,000", "+3,000", "0"; the sign apart from the
    amount's rules (U+2212 or '-' when it fell, '+' when it rose)."""
    text = shown.replace(MINUS, "-")
    sign = ""
    if text[:1] in "+-":
        sign, text = text[0], text[1:].strip()
    after_code = re.match(r"([A-Z]{3}) ?([+-])", text)
    if not sign and after_code:  # "USD −1,000": the sign stands before the digits
        sign, text = after_code.group(2), after_code.group(1) + " " + text[after_code.end():]
    want_sign = "-" if value < 0 else "+" if value > 0 else ""
    if sign != want_sign and not (sign == "" and value == 0):
        view.fail(where, "shown '%s' has sign '%s', the difference is %r" % (shown, sign, value))
    amount_agree(view, where, text, abs(value), cur, lang)


# --- tokens in running text (PDF and SVG text, HTML notes) ----------------------

DATE = re.compile(r"\d{4}-(?:\d{2}-\d{2}|Q\d)")
DURATION = re.compile(r"(?<![\w.,])(\d+d(?: \d+h)?|\d+h(?: \d+m)?|\d+m|\d+s)(?![\w%])")
PERCENT = re.compile(r"(?<![\w.,])([-\u2212]?\d[\d,]*(?:\.\d+)?%)")
AMOUNT = re.compile(
    r"(?<![\w.,%])([-\u2212+]?)(?:(USD|JPY|EUR|GBP) ?([-\u2212]?))?"
    r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(K|M|B|T|万|億|兆)?(円)?(?![\w%.,])")


def tokens(text):
    """The figures in a run of text: [(kind, text)], kind amount, share or
    duration, in order; dates are not figures."""
    text = DATE.sub(" ", clean(text))
    found = []
    for rx, kind in ((DURATION, "duration"), (PERCENT, "share")):
        for m in rx.finditer(text):
            found.append((m.start(), kind, m.group(1)))
        text = rx.sub(lambda m: " " * len(m.group(0)), text)
    for m in AMOUNT.finditer(text):
        found.append((m.start(), "amount", m.group(0).strip()))
    found.sort()
    return [(k, t) for _, k, t in found]


def parse_value(text):
    """A shown figure as a number, roughly (to name the nearest fact)."""
    t = text.replace(MINUS, "-").replace(",", "")
    m = re.search(r"(-?)\+?(?:[A-Z]{3} ?)?(-?)(\d+(?:\.\d+)?)(K|M|B|T|万|億|兆)?", t)
    if not m:
        return None
    mult = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12, "万": 1e4, "億": 1e8, "兆": 1e12}
    v = float(m.group(3)) * mult.get(m.group(4), 1)
    return -v if "-" in (m.group(1) + m.group(2)) else v


def eal(fact, state):
    """The yearly loss of a scenario, business loss or failure type."""
    d = fact.data
    return d["eal"][state] if isinstance(d.get("eal"), dict) else d[state]["eal"]


class Candidates:
    """The figures a titled thing may show: (name, kind, value)."""

    def __init__(self, ex, fact):
        self.ex = ex
        self.fact = fact
        self.items = []
        svc = fact.svc
        if fact.kind == "scenario":
            s = fact.data
            for st in CANDIDATE_STATES:
                self.add("%s yearly loss" % st, "amount", s[st]["eal"])
                self.add("%s downtime" % st, "duration", s[st]["downtime_h"])
                for c, v in s[st]["by_category"].items():
                    self.add("%s %s" % (st, c), "amount", v)
            self.add("reduction", "amount", s["reduction"])
            self.add("cost a year", "amount", s["plan_cost"])
            if s.get("budget_share") is not None:
                self.add("error budget share", "share", s["budget_share"])
                err = svc["totals"].get("error_budget_h")
                if err:
                    for st in STATES:
                        self.add("%s budget share" % st, "share", s[st]["downtime_h"] / err)
            comp = self.comparison()
            if comp:
                for k in ("before", "after", "difference"):
                    if comp["eal"].get(k) is not None:
                        self.add("yearly loss %s" % k, "amount", abs(comp["eal"][k]))
        elif fact.kind == "measure":
            m = fact.data
            for k in ("annual_cost", "cost_once", "cost_yearly"):
                self.add(k, "amount", m[k])
        elif fact.kind in ("loss", "failure"):
            for st in CANDIDATE_STATES:
                self.add("%s yearly loss" % st, "amount", eal(fact, st))
            self.add("reduction", "amount", eal(fact, "current") - eal(fact, "planned"))
        elif fact.kind == "state":
            t = svc["totals"][fact.state]
            self.add("yearly loss", "amount", t["eal"])
            self.add("downtime", "duration", t["downtime_h"])
            for c, v in t["by_category"].items():
                self.add(c, "amount", v)
            if t.get("budget_used") is not None:
                self.add("budget used", "share", t["budget_used"])
        elif fact.kind == "service":
            self.add_totals(svc)
            if svc.get("slo") is not None:
                self.add("SLO", "share", ("slo", svc["slo"]))

    def comparison(self):
        comp = self.fact.svc.get("comparison")
        if not comp:
            return None
        for entry in comp["scenarios"]:
            if entry["id"] == self.fact.data["id"]:
                return entry
        return None

    def add(self, name, kind, value):
        if value is not None:
            self.items.append((name, kind, value))

    def add_totals(self, svc):
        t = svc["totals"]
        for st in STATES:
            self.add("%s yearly loss" % st, "amount", t[st]["eal"])
            self.add("%s downtime" % st, "duration", t[st]["downtime_h"])
            if t[st].get("budget_used") is not None:
                self.add("%s budget used" % st, "share", t[st]["budget_used"])
        if "proven" in t:
            self.add("proven yearly loss", "amount", t["proven"]["eal"])
            self.add("loss resting on untested measures", "amount",
                     t["proven"]["eal"] - t["current"]["eal"])
        self.add("coverage", "share", t["coverage"])
        self.add("verified coverage", "share", t["verified_coverage"])
        if t.get("error_budget_h") is not None:
            self.add("error budget", "duration", t["error_budget_h"])
        if svc.get("comparison"):
            for k in ("before", "after", "difference"):
                self.add("yearly loss %s" % k, "amount", abs(svc["comparison"]["eal"][k]))

    def forms(self, kind, value):
        if kind == "amount":
            return amount_set(value, self.fact, self.ex.lang)
        if kind == "share":
            return {R.slo(value[1])} if isinstance(value, tuple) else R.share_forms(value)
        return {R.duration(value)}

    def check(self, view, where, kind, shown):
        """shown (a figure of `kind`) must be the formatted value of one of
        the figures this thing has; otherwise the nearest is named."""
        view.checked += 1
        text = shown.replace(MINUS, "-")
        # a difference is shown signed ("−USD 1,000", "USD +3,000"); its
        # candidates are magnitudes (the HTML check judges the sign)
        unsigned = re.sub(r"^[-+]", "", re.sub(r"^([A-Z]{3}) [-+]", r"\1 ",
                                                 re.sub(r"^[-+]([A-Z]{3}) ", r"\1 ", text)))
        pool = [(n, k, v) for n, k, v in self.items if k == kind]
        for n, k, v in pool:
            if (unsigned if n.endswith("difference") else text) in self.forms(k, v):
                return n
        got = parse_value(shown) if kind != "duration" else None
        best = None
        for n, k, v in pool:
            target = v[1] if isinstance(v, tuple) else v * 100 if kind == "share" else v
            dist = abs(abs(target) - abs(got)) if got is not None else 0
            if best is None or dist < best[0]:
                best = (dist, n, v)
        if best:
            want = sorted(self.forms(kind, best[2]))[0] if kind != "amount" else \
                like(shown, best[2], self.fact.cur, self.ex.lang)
            view.fail(where, "shown '%s', expected '%s' (%s)" % (shown, want, best[1]))
        else:
            view.fail(where, "shown '%s', which no %s of it explains" % (shown, kind))
        return None

    def has(self, name):
        for n, k, v in self.items:
            if n == name:
                return k, v
        return None


def field_value(fact, field):
    """(kind, value) of the figure a column shows for a scenario or a state
    row, or None."""
    if fact.kind == "scenario":
        s = fact.data
        amounts = {"current": s["current"]["eal"], "total": s["current"]["eal"],
                   "planned": s["planned"]["eal"], "reduction": s["reduction"],
                   "plan_cost": s["plan_cost"]}
        if field in amounts:
            return "amount", amounts[field]
        if field.startswith("cat:"):
            return "amount", s["current"]["by_category"].get(field[4:])
        if field == "downtime":
            return "duration", s["current"]["downtime_h"]
        if field == "budget_share" and s.get("budget_share") is not None:
            return "share", s["budget_share"]
    if fact.kind == "state":
        t = fact.svc["totals"][fact.state]
        if field == "total":
            return "amount", t["eal"]
        if field.startswith("cat:"):
            return "amount", t["by_category"].get(field[4:])
        if field == "downtime":
            return "duration", t["downtime_h"]
        if field == "budget_used" and t.get("budget_used") is not None:
            return "share", t["budget_used"]
    return None


# a range of two amounts joined by an en dash, as the matrix's 90% range column shows it
RANGE = re.compile(r"[^\s\u2013]+\u2013[^\s\u2013]+")


def range_value(fact):
    """The simulated range of the current yearly loss a matrix row shows
    (a scenario, or the total of the current state), or None."""
    if fact.kind == "scenario":
        return fact.data["current"].get("range")
    if fact.kind == "state" and fact.state == "current":
        return fact.svc["totals"]["current"].get("range")
    return None


def find_words(text, groups):
    """Catalogue words in text: [(group, key, word)] in order of appearance,
    longest words first so that "Accepted" is not read as "Accept" and
    テスト失敗 not as テスト."""
    text = clean(text)
    words = []
    for group, table in groups.items():
        for word, keys in table.items():
            words.append((word, group, keys))
    words.sort(key=lambda w: -len(w[0]))
    spans = []
    for word, group, keys in words:
        latin = re.match(r"^[A-Za-z]", word) is not None
        rx = re.compile((r"(?<![A-Za-z])%s(?![A-Za-z])" if latin else "%s") % re.escape(word))
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, *_ in spans):
                continue
            spans.append((m.start(), m.end(), group, keys, word))
    spans.sort()
    return [(g, k, w) for _, _, g, k, w in spans]


# --- JSON: the model itself -------------------------------------------------------


def check_json(ex, view):
    """Rule 8 in the model: every test's verification is its own run's."""
    for fact in ex.facts:
        if fact.kind == "measure" and fact.data["kind"] == "testing":
            m = fact.data
            view.agree("json %s/%s verification" % (fact.scenario["id"], m.get("id") or m["title"]),
                       m["verification"], ex.verification(m))


# --- CSV: raw numbers and enum names ----------------------------------------------


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read().lstrip("\ufeff")
    return list(csv.DictReader(text.splitlines()))


def raw_equal(view, where, cell, value):
    """A CSV cell is the JSON number itself (or empty for null)."""
    view.checked += 1
    if value is None:
        if cell != "":
            view.fail(where, "shown '%s', expected an empty cell (null)" % cell)
        return
    if isinstance(value, bool):
        view.agree(where, cell, "true" if value else "false")
        return
    if isinstance(value, str):
        view.agree(where, cell, value)
        return
    try:
        ok = float(cell) == float(value)
    except ValueError:
        ok = False
    if not ok:
        view.fail(where, "shown '%s', expected %s" % (cell, json.dumps(value)))


def service_of(ex, row):
    if "service" in row and len(ex.services) > 1:
        return [s for s in ex.services if s["service"] == row["service"]]
    return ex.services[:1]


def check_csv_matrix(ex, view, rows):
    seen = 0
    for row in rows:
        for svc in service_of(ex, row):
            s = next((x for x in svc["scenarios"] if x["id"] == row["scenario"]), None)
            if s is None:
                view.fail("row %s" % row["scenario"], "no such scenario in the JSON")
                continue
            seen += 1
            w = "scenario %s" % s["id"]
            raw_equal(view, w + " title", row["title"], s["title"])
            raw_equal(view, w + " loss", row["loss"], s["loss"])
            raw_equal(view, w + " failure", row["failure"], s["failure"])
            for c in svc["categories"]:
                raw_equal(view, w + " " + c, row[c], s["current"]["by_category"][c])
            raw_equal(view, w + " total", row["total"], s["current"]["eal"])
            raw_equal(view, w + " downtime_h", row["downtime_h"], s["current"]["downtime_h"])
            raw_equal(view, w + " planned_total", row["planned_total"], s["planned"]["eal"])
            raw_equal(view, w + " decision", row["decision"], s["decision"])
            raw_equal(view, w + " budget_share", row["budget_share"], s.get("budget_share"))
            raw_equal(view, w + " over_cap", row["over_cap"], s["over_cap"])
    want = sum(len(s["scenarios"]) for s in ex.services)
    view.agree("rows", str(seen), str(want))


def check_csv_measures(ex, view, rows):
    seen = 0
    for row in rows:
        for svc in service_of(ex, row):
            s = next((x for x in svc["scenarios"] if x["id"] == row["scenario"]), None)
            # a measure may have no id: then its title names it
            m = s and next((x for x in s["measures"] if (x.get("id") or "") == row["measure"] and
                            (row["measure"] or x["title"] == row["title"])), None)
            if m is None:
                view.fail("row %s/%s" % (row["scenario"], row["measure"]), "not in the JSON")
                continue
            seen += 1
            w = "measure %s/%s" % (s["id"], m.get("id") or m["title"])
            for k in ("title", "kind", "status", "cost_once", "cost_yearly", "annual_cost"):
                raw_equal(view, w + " " + k, row[k], m[k])
            raw_equal(view, w + " verification", row["verification"], ex.verification(m))
            raw_equal(view, w + " last_run", row["last_run"], m.get("last_run") or "")
            # csv.c writes a result only for a run (a last_run)
            raw_equal(view, w + " result", row["result"], m.get("last_run") and m.get("result") or "")
    want = sum(len(s["measures"]) for svc in ex.services for s in svc["scenarios"])
    view.agree("rows", str(seen), str(want))


def check_csv_services(ex, view, rows):
    view.agree("rows", str(len(rows)), str(len(ex.services)))
    for row, svc in zip(rows, ex.services):
        t = svc["totals"]
        w = "service %s" % svc["service"]
        raw_equal(view, w + " service", row["service"], svc["service"])
        raw_equal(view, w + " currency", row["currency"], svc.get("currency"))
        for st in STATES:
            raw_equal(view, w + " %s_total" % st, row["%s_total" % st], t[st]["eal"])
        raw_equal(view, w + " budget_used", row["budget_used"], t["current"].get("budget_used"))
        raw_equal(view, w + " coverage", row["coverage"], t["coverage"])
        raw_equal(view, w + " verified_coverage", row["verified_coverage"], t["verified_coverage"])
        raw_equal(view, w + " scenarios", row["scenarios"], len(svc["scenarios"]))
        raw_equal(view, w + " decisions", row["decisions"], len(svc["decisions"]))
        raw_equal(view, w + " source_sha256", row["source_sha256"], svc["source_sha256"])


def check_csv_changes(ex, view, rows):
    seen = 0
    for row in rows:
        for svc in service_of(ex, row):
            comp = svc.get("comparison")
            entry = comp and next((e for e in comp["scenarios"] if e["id"] == row["scenario"]),
                                  None)
            if entry is None:
                continue
            seen += 1
            w = "change %s" % entry["id"]
            raw_equal(view, w + " change", row["change"], entry["change"])
            for k in ("before", "after"):
                raw_equal(view, w + " eal_" + k, row["eal_" + k], entry["eal"][k])
                raw_equal(view, w + " decision_" + k, row["decision_" + k],
                          entry["decision"][k] or "")
            raw_equal(view, w + " difference", row["difference"], entry["eal"]["difference"])
            for k in KINDS:
                cell = entry["coverage"].get(k)
                if cell:
                    for side in ("before", "after"):
                        raw_equal(view, w + " %s_%s" % (k, side), row["%s_%s" % (k, side)],
                                  cell[side] or "")
    want = sum(len(s["comparison"]["scenarios"]) for s in ex.services if s.get("comparison"))
    view.agree("rows", str(seen), str(want))


# --- HTML (the DOM after Chromium ran the page) ------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []
        self.classes = set((self.attrs.get("class") or "").split())

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find(self, pred):
        return [n for n in self.walk() if pred(n)]

    def text(self, skip=("title", "style", "script")):
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag not in skip:
                out.append(c.text(skip))
        return "".join(out)

    def has(self, cls):
        return cls in self.classes

    def ancestor_ids(self):
        n = self.parent
        while n is not None:
            if "id" in n.attrs:
                yield n.attrs["id"]
            n = n.parent


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_dom(path):
    t = Tree()
    with open(path, encoding="utf-8") as f:
        t.feed(f.read())
    return t.root


class HtmlCheck:
    """The checks of one HTML page (report or slides)."""

    def __init__(self, ex, view, root):
        self.ex = ex
        self.view = view
        self.root = root
        cat = ex.cat
        self.header_fields = {}
        for key, field in (("column.current", "current"), ("column.yearly_loss", "current"),
                           ("column.planned", "planned"), ("column.reduction", "reduction"),
                           ("column.plan_cost", "plan_cost"), ("column.budget_share", "budget_share"),
                           ("column.total", "total"), ("column.downtime", "downtime"),
                           ("column.decision", "decision"), ("column.budget_used", "budget_used"),
                           ("figure.error_budget_used", "budget_used"),
                           ("column.coverage", "coverage"), ("figure.coverage", "coverage"),
                           ("column.verified_coverage", "verified_coverage"),
                           ("column.decisions", "decisions"), ("column.before", "before"),
                           ("column.after", "after"), ("column.difference", "difference"),
                           ("column.coverage_changes", "coverage_changes")):
            self.header_fields[clean(cat.written(ex.lang, key))] = field
        for k in KINDS:
            self.header_fields[clean(cat.written(ex.lang, "kind." + k))] = "cell:" + k
        for svc in ex.services:
            for c in svc["categories"]:
                self.header_fields[clean(cat.written(ex.lang, "category." + c)
                                         if "category." + c in cat.text[ex.lang] else c)] = "cat:" + c

    # which service a node belongs to
    def scope(self, node):
        for i in node.ancestor_ids():
            m = re.match(r"svc-(\d+)$", i)
            if m:
                return [self.ex.services[int(m.group(1)) - 1]]
            if i == "portfolio":
                return "portfolio"
        return self.ex.services if len(self.ex.services) > 1 else self.ex.services[:1]

    def facts(self, title, kinds, node=None):
        """The facts a title names (several when titles repeat)."""
        t = squash(title)
        found = [f for f in self.ex.by_title.get(t, []) if f.kind in kinds]
        if not found and len(t) >= 8 and clean(title).endswith("\u2026"):
            found = [f for k, fs in self.ex.by_title.items() if k.startswith(t) for f in fs
                     if f.kind in kinds]
        scope = self.scope(node) if node is not None else None
        if isinstance(scope, list) and len(found) > 1:
            inside = [f for f in found if any(f.svc is s for s in scope)]
            found = inside or found
        return found

    def run(self):
        for table in self.root.find(lambda n: n.tag == "table" and n.has("data")):
            self.table(table)
        for fig in self.root.find(lambda n: n.has("figure") and n.tag == "div"):
            self.figure(fig)
        for dl in self.root.find(lambda n: n.tag == "dl" and n.has("plan-meta")):
            self.plan_meta(dl)
        for g in self.root.find(lambda n: n.tag == "g" and n.has("node")):
            self.tree_node(g)
        for g in self.root.find(lambda n: n.tag == "g" and n.has("bar")):
            self.bar(g)
        for p in self.root.find(lambda n: n.has("shares")):
            self.shares(p)
        self.measures_in_order()

    # one value of a fact, in a cell
    def expect_field(self, fact, field, cell, where):
        ex, v = self.ex, self.view
        # a yearly loss may have the proven one under it (div.cell-sub,
        # tests/views.sh checks it): the cell's own figure is the rest
        shown = clean("".join(c if isinstance(c, str) else
                              "" if c.has("cell-sub") else c.text() for c in cell.children))
        tip = cell.attrs.get("title")
        if fact.kind == "scenario":
            s = fact.data
            values = {"current": s["current"]["eal"], "total": s["current"]["eal"],
                      "planned": s["planned"]["eal"], "reduction": s["reduction"],
                      "plan_cost": s["plan_cost"]}
            if field in values:
                self.amount(where, shown, tip, values[field], fact)
            elif field.startswith("cat:"):
                self.amount(where, shown, tip, s["current"]["by_category"][field[4:]], fact)
            elif field == "downtime":
                v.agree(where, shown, R.duration(s["current"]["downtime_h"]))
            elif field == "budget_share" and s.get("budget_share") is not None:
                v.agree(where, shown, R.share_forms(s["budget_share"]))
            elif field == "decision":
                badge = next((b for b in cell.walk() if any(c.startswith("decision-")
                                                          for c in b.classes)), None)
                word = clean(badge.text()) if badge else clean(
                    (cell.find(lambda n: n.has("after")) or [cell])[0].text())
                v.agree(where, word, ex.decision_word(s))
                if badge:
                    v.agree(where + " class", sorted(c for c in badge.classes
                                                     if c.startswith("decision-"))[0],
                            "decision-" + s["decision"])
                before = cell.find(lambda n: n.has("before"))
                comp = Candidates(ex, fact).comparison()
                if before and comp and comp["decision"]["before"]:
                    v.agree(where + " before", clean(before[0].text()),
                            ex.label("decision." + comp["decision"]["before"]))
            elif field == "coverage_changes":
                self.cell_changes(fact, cell, where)
            elif field.startswith("cell:"):
                state = s["coverage"][field[5:]]
                v.agree(where, shown, ex.label("cell." + state))
                v.agree(where + " class", "cell-" + state in cell.classes and "cell-" + state
                        or str(sorted(cell.classes)), "cell-" + state)
            elif field in ("before", "after", "difference"):
                comp = Candidates(ex, fact).comparison()
                if comp and comp["eal"][field] is not None:
                    if field == "difference":
                        signed_amount_ok(v, where, shown, comp["eal"][field], fact.cur, ex.lang)
                    else:
                        self.amount(where, shown, tip, comp["eal"][field], fact)
        elif fact.kind == "state":
            t = fact.svc["totals"][fact.state]
            if field in ("current", "total", "planned") or field == "yearly":
                self.amount(where, shown, tip, t["eal"], fact)
            elif field.startswith("cat:"):
                self.amount(where, shown, tip, t["by_category"][field[4:]], fact)
            elif field == "downtime":
                v.agree(where, shown, R.duration(t["downtime_h"]))
            elif field == "budget_used" and t.get("budget_used") is not None:
                v.agree(where, shown, R.share_forms(t["budget_used"]))
        elif fact.kind == "service":
            t = fact.svc["totals"]
            if field == "current":
                self.amount(where, shown, tip, t["current"]["eal"], fact)
            elif field == "planned":
                self.amount(where, shown, tip, t["planned"]["eal"], fact)
            elif field == "budget_used":
                if t["current"].get("budget_used") is None:
                    v.agree(where, shown, ex.label("figure.no_slo"))
                else:
                    v.agree(where, shown, R.share_forms(t["current"]["budget_used"]))
            elif field in ("coverage", "verified_coverage"):
                v.agree(where, shown, R.share_forms(t[field]))
            elif field == "decisions":
                v.agree(where, shown, str(len(fact.svc["decisions"])))

    def cell_changes(self, fact, cell, where):
        """"Detective: Planned → Verified" for each coverage cell that changed."""
        comp = Candidates(self.ex, fact).comparison()
        if not comp:
            return
        kinds = {clean(self.ex.cat.written(self.ex.lang, "kind." + k)): k for k in KINDS}
        for change in cell.find(lambda n: n.has("cell-change")):
            label = change.find(lambda n: n.has("kind-label"))
            kind = kinds.get(clean(label[0].text()).rstrip(":：").strip()) if label else None
            if kind is None:
                continue
            want = comp["coverage"].get(kind)
            if want is None:
                self.view.fail(where, "shows a change of the %s cell, which did not change" % kind)
                continue
            for side in ("before", "after"):
                node = change.find(lambda n, side=side: n.has(side))
                if node and want[side]:
                    self.view.agree("%s %s %s" % (where, kind, side), clean(node[0].text()),
                                    self.ex.label("cell." + want[side]))

    def amount(self, where, shown, tip, value, fact):
        amount_agree(self.view, where, shown, value, fact.cur, self.ex.lang)
        if tip:
            amount_agree(self.view, where + " tooltip", clean(tip), value, fact.cur, self.ex.lang)

    def table(self, table):
        heads = []
        thead = table.find(lambda n: n.tag == "thead")
        if thead:
            rows = thead[0].find(lambda n: n.tag == "tr")
            for cell in [c for c in rows[-1].children if isinstance(c, Node)]:
                # (a heatmap panel's head shows the kind's letter, labelled)
                heads += [clean(cell.attrs.get("aria-label") or cell.text())] \
                    * int(cell.attrs.get("colspan", 1))
        # the row labelled Yearly loss in the totals table
        fields = [self.header_fields.get(h) for h in heads]
        yearly = clean(self.ex.cat.written(self.ex.lang, "column.yearly_loss"))
        fields = ["total" if h == yearly else f for h, f in zip(heads, fields)]
        for body in table.find(lambda n: n.tag in ("tbody", "tfoot")):
            for tr in [n for n in body.children if isinstance(n, Node) and n.tag == "tr"]:
                self.table_row(table, tr, fields, body.tag == "tfoot")

    def table_row(self, table, tr, fields, foot):
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
        if not cells or tr.has("group") or foot:
            if foot and table.has("portfolio-table") and self.ex.portfolio:
                self.portfolio_total(cells, fields)
            return
        # the row's header cell (after a rank cell in the decisions)
        head = next((c for c in cells if c.tag == "th"), cells[0])
        title_node = head.find(lambda n: n.has("title") and n.tag == "div")
        title = head.attrs.get("title") or (title_node[0].attrs.get("title") if title_node else None) \
            or clean((title_node[0] if title_node else head).text())
        kinds = ("scenario", "state", "service")
        found = self.facts(title, kinds, tr)
        if table.has("totals"):
            found = [f for f in found if f.kind == "state"]
        else:
            found = [f for f in found if f.kind != "state"]
        if not found:
            return
        col = 0
        per_fact = []
        self.view.seen.update(squash(f.title) for f in found)
        for fact in found:
            v = View("")
            for cell in cells:
                span = int(cell.attrs.get("colspan", 1))
                field = fields[col] if col < len(fields) else None
                if field and cell is not head:
                    kind = [c for c in table.attrs.get("class", "").split() if c != "data"]
                    where = "%s '%s' %s" % ((kind or ["table"])[0], fact.title[:40], field)
                    saved, self.view = self.view, v
                    self.expect_field(fact, field, cell, where)
                    self.view = saved
                col += span
            col = 0
            per_fact.append(v)
        best = min(per_fact, key=lambda x: len(x.problems))
        self.view.checked += best.checked
        self.view.problems += best.problems

    def portfolio_total(self, cells, fields):
        p = self.ex.portfolio
        col = 0
        for cell in cells:
            field = fields[col] if col < len(fields) else None
            shown = clean(cell.text())
            cur = p.get("currency") or ""
            where = "portfolio total %s" % field
            if field in ("current", "planned") and p["eal"]:
                amount_agree(self.view, where, shown, p["eal"][field], cur, self.ex.lang)
            elif field in ("coverage", "verified_coverage"):
                self.view.agree(where, shown, R.share_forms(p[field]))
            elif field == "decisions":
                self.view.agree(where, shown, str(p["decisions"]))
            col += int(cell.attrs.get("colspan", 1))

    def figure(self, fig):
        scope = self.scope(fig)
        value = fig.find(lambda n: n.has("figure-value"))
        if not value:
            return
        value = value[0]
        shown, tip = clean(value.text()), value.attrs.get("title")
        if scope == "portfolio":
            p = self.ex.portfolio
            cur = p.get("currency") or ""
            totals = {"current": p["eal"] and p["eal"]["current"],
                      "planned": p["eal"] and p["eal"]["planned"]}
            shares = {"coverage": p["coverage"], "verified": p["verified_coverage"]}
            svc = None
        else:
            if len(scope) != 1:
                return
            svc = scope[0]
            t = svc["totals"]
            cur = svc.get("currency") or ""
            totals = {"now": t["current"]["eal"], "planned": t["planned"]["eal"]}
            shares = {"coverage": t["coverage"], "verified": t["verified_coverage"],
                      "budget": t["current"].get("budget_used")}
        where = "key figure %s" % " ".join(sorted(c for c in fig.classes if c.startswith("figure-")))
        for key, val in totals.items():
            if fig.has("figure-" + key) and val is not None:
                amount_agree(self.view, where, shown, val, cur, self.ex.lang)
                if tip:
                    amount_agree(self.view, where + " tooltip", clean(tip), val, cur, self.ex.lang)
        for key, val in shares.items():
            if fig.has("figure-" + key):
                if val is None:  # no SLO: a dash or the words
                    self.view.agree(where, shown, {"\u2014", "-", self.ex.label("figure.no_slo")})
                else:
                    self.view.agree(where, shown, R.share_forms(val))
        if fig.has("figure-change") and svc is not None and svc.get("comparison"):
            signed_amount_ok(self.view, where, shown, svc["comparison"]["eal"]["difference"],
                             cur, self.ex.lang)
        notes = fig.find(lambda n: n.has("figure-note"))
        if notes and svc is not None:
            fact = next(f for f in self.ex.facts if f.kind == "service" and f.svc is svc)
            cands = Candidates(self.ex, fact)
            for note in notes:
                for kind, text in tokens(note.text()):
                    if kind == "amount" and not re.search(r"[A-Z]{3}|[KMBT万億兆円,]", text):
                        continue  # a count ("Scenarios: 12")
                    cands.check(self.view, where + " note", kind, text)
            # the proven state: its total, then the loss resting on untested
            # measures (proven - current), in this order
            t = svc["totals"]
            for note in notes:
                if not note.has("figure-proven") or "proven" not in t:
                    continue
                got = [x for k, x in tokens(note.text()) if k == "amount"]
                want = [t["proven"]["eal"], t["proven"]["eal"] - t["current"]["eal"]]
                if len(got) != 2:
                    self.view.fail(where + " proven", "shows %d amounts, not 2" % len(got))
                for i, x in enumerate(got[:2]):
                    amount_agree(self.view, where + " proven %d" % (i + 1), x, want[i], cur,
                                 self.ex.lang)

    def plan_meta(self, dl):
        scope = self.scope(dl)
        if scope == "portfolio" or len(scope) != 1:
            return
        svc = scope[0]
        for div in dl.children:
            if not isinstance(div, Node):
                continue
            dt = div.find(lambda n: n.tag == "dt")
            dd = div.find(lambda n: n.tag == "dd")
            if not dt or not dd:
                continue
            label, shown = clean(dt[0].text()), clean(dd[0].text())
            if label == clean(self.ex.cat.written(self.ex.lang, "meta.slo")) and svc.get("slo"):
                self.view.agree("cover SLO", shown, R.slo(svc["slo"]))
            if label == clean(self.ex.cat.written(self.ex.lang, "meta.error_budget")) and \
                    svc["totals"].get("error_budget_h") is not None:
                self.view.agree("cover error budget", shown, R.duration(svc["totals"]["error_budget_h"]))

    def tree_node(self, g):
        tip = g.find(lambda n: n.tag == "title")
        tip_text = tip[0].text() if tip else ""
        texts = [t for t in g.find(lambda n: n.tag == "text")]
        plain = " ".join(clean(t.text()) for t in texts if not t.has("t2"))
        title = tip_text.split("\n")[0] if tip_text else plain
        if g.has("node-measure"):
            return  # by the scenario they belong to, in measures_in_order
        kinds = ("scenario",) if g.has("node-scenario") else ("loss", "failure")
        found = self.facts(title, kinds, g)
        if not found and not tip_text:
            # no tooltip: the wrapped, maybe cut title
            found = self.facts(plain if plain.endswith("\u2026") else plain + "\u2026", kinds, g)
        if not found:
            self.view.fail("tree node '%s'" % clean(title)[:50], "names nothing in the JSON")
            return
        fact = found[0]
        self.view.seen.add(squash(fact.title))
        cands = Candidates(self.ex, fact)
        where = "tree %s '%s'" % (fact.kind, fact.title[:40])
        figures = [t for t in texts if t.has("t2") and not t.has("dec")]
        for t in figures:
            parts = [clean(p) for p in t.text().split("\u2192")]
            if len(parts) == 2:  # "now → planned", on slides "· proven X" after it
                parts[1] = clean(parts[1].split("\u00b7")[0])
                self.amount_exact(where + " now", parts[0], fact, eal(fact, "current"))
                self.amount_exact(where + " planned", parts[1], fact, eal(fact, "planned"))
            else:
                for kind, text in tokens(t.text()):
                    cands.check(self.view, where, kind, text)
        for line in tip_text.split("\n")[1:]:
            for kind, text in tokens(line):
                cands.check(self.view, where + " tooltip", kind, text)
        if fact.kind == "scenario":
            dec = [t for t in texts if t.has("dec")]
            for t in dec:
                self.view.agree(where + " decision", clean(t.text()), self.ex.decision_word(fact.data))
            dec_class = [c for c in g.classes if c.startswith("decision-")]
            if dec_class:
                self.view.agree(where + " class", dec_class[0], "decision-" + fact.data["decision"])
            for line in tip_text.split("\n"):
                words = find_words(line, {"d": self.ex.cat.words(self.ex.lang, "decision.")})
                for _, _, word in words:
                    self.view.agree(where + " tooltip decision", word, self.ex.decision_word(fact.data))

    def amount_exact(self, where, shown, fact, value):
        amount_agree(self.view, where, shown, value, fact.cur, self.ex.lang)

    def measures_in_order(self):
        """Measure boxes and chips: each follows its scenario's node, in the
        scenario's order; matched by title within that scenario."""
        scenario = None
        for n in self.root.walk():
            if n.tag == "g" and n.has("node-scenario"):
                tip = n.find(lambda x: x.tag == "title")
                title = tip[0].text().split("\n")[0] if tip else " ".join(
                    clean(t.text()) for t in n.find(lambda x: x.tag == "text") if not t.has("t2"))
                found = self.facts(title, ("scenario",), n) or self.facts(title + "\u2026",
                                                                          ("scenario",), n)
                scenario = found[0].data if found else None
            elif n.has("node-measure") or n.has("measure-chip"):
                self.measure_node(n, scenario)

    def measure_node(self, n, scenario):
        texts = n.find(lambda x: x.tag == "text") or [n]
        tip = n.find(lambda x: x.tag == "title")
        tip_text = tip[0].text() if tip else ""
        title = tip_text.split("\n")[0] if tip_text else " ".join(
            clean(t.text()) for t in texts if not t.has("t2"))
        pool = scenario["measures"] if scenario else [f.data for f in self.ex.facts
                                                      if f.kind == "measure"]
        t = squash(title)
        m = next((x for x in pool if squash(x["title"]) == t), None) or next(
            (x for x in pool if t and squash(x["title"]).startswith(t[:max(8, len(t) - 2)])), None)
        if m is None:
            self.view.fail("measure '%s'" % clean(title)[:50], "not a measure of its scenario")
            return
        self.view.seen.add(squash(m["title"]))
        where = "tree measure '%s'" % m["title"][:40]
        for cls, want in (("kind-", m["kind"]), ("status-", m["status"])):
            have = [c for c in n.classes if c.startswith(cls)]
            if have:
                self.view.agree(where + " class", have[0], cls + want)
        lines = [clean(x.text()) for x in texts if x.has("t2")]
        lines += [clean(l) for l in tip_text.split("\n")[1:2]]
        for line in lines:
            self.measure_words(where, line, m)
        ver = [c for x in texts for c in x.classes if c.startswith("ver-")]
        for c in ver:
            self.view.agree(where + " class", c, "ver-" + self.ex.verification(m))

    def measure_words(self, where, line, m):
        ex = self.ex
        groups = {"kind": ex.cat.words(ex.lang, "kind."), "status": ex.cat.words(ex.lang, "status."),
                  "verification": ex.cat.words(ex.lang, "verification.")}
        want = {"kind": ex.label("kind." + m["kind"]), "status": ex.label("status." + m["status"]),
                "verification": ex.label("verification." + ex.verification(m))}
        for group, _, word in find_words(line, groups):
            self.view.agree("%s %s" % (where, group), word, want[group])

    def bar(self, g):
        scope = self.scope(g)
        if scope == "portfolio" or len(scope) != 1:
            return
        tip = g.find(lambda n: n.tag == "title")
        label = g.find(lambda n: n.has("bar-label"))
        if not label:
            return
        found = [f for f in self.facts(clean(label[0].text()), ("state",), g) if f.svc is scope[0]]
        if not found:
            return
        fact = found[0]
        cands = Candidates(self.ex, fact)
        where = "bar '%s'" % fact.title
        for t in g.find(lambda n: n.has("bar-value")) + tip:
            for kind, text in tokens(t.text().split(":")[-1]):
                cands.check(self.view, where, kind, text)

    def shares(self, p):
        scope = self.scope(p)
        if scope == "portfolio" or len(scope) != 1:
            return
        t = scope[0]["totals"]
        got = [x for k, x in tokens(p.text()) if k == "share"]
        want = [t["coverage"], t["verified_coverage"]]
        for i, x in enumerate(got[:2]):
            self.view.agree("heatmap shares %d" % (i + 1), x, R.share_forms(want[i]))


# --- PDF and SVG text (pdftotext -bbox-layout) --------------------------------------


class Block:
    def __init__(self, x0, y0, x1, y1, lines):
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.lines = lines  # [[(x0, y0, x1, y1, word)]]

    def text(self):
        return clean(" ".join(w[4] for line in self.lines for w in line))


def read_bbox(path):
    """Pages of blocks from pdftotext -bbox-layout's XHTML."""
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    pages = []
    for page in re.finditer(r"<page [^>]*>(.*?)</page>", doc, re.S):
        blocks = []
        for b in re.finditer(r"<block ([^>]*)>(.*?)</block>", page.group(1), re.S):
            box = [float(x) for x in re.findall(r'="([-\d.]+)"', b.group(1))]
            lines = []
            for ln in re.finditer(r"<line [^>]*>(.*?)</line>", b.group(2), re.S):
                words = []
                for w in re.finditer(r"<word ([^>]*)>(.*?)</word>", ln.group(1), re.S):
                    c = [float(x) for x in re.findall(r'="([-\d.]+)"', w.group(1))]
                    text = H.unescape(w.group(2)).translate(INVISIBLE)
                    if text:
                        words.append((c[0], c[1], c[2], c[3], text))
                if words:
                    lines.append(words)
            if lines:
                blocks.append(Block(box[0], box[1], box[2], box[3], lines))
        pages.append(blocks)
    return pages


class TextCheck:
    """The checks of a document read back as positioned text: a PDF (report
    or slides) or a chart."""

    def __init__(self, ex, view, pages):
        self.ex = ex
        self.view = view
        self.pages = pages
        lang = ex.lang
        self.tree_heading = squash(ex.cat.written(lang, "heading.scenario_tree"))
        self.groups = {"decision": ex.cat.words(lang, "decision."),
                       "kind": ex.cat.words(lang, "kind."),
                       "status": ex.cat.words(lang, "status."),
                       "verification": ex.cat.words(lang, "verification.")}
        self.cells = ex.cat.words(lang, "cell.")
        # column headings, squashed (they wrap in the PDF): the figure each names
        self.columns = {}
        for key, field in (("column.current", "current"), ("column.planned", "planned"),
                           ("column.reduction", "reduction"), ("column.plan_cost", "plan_cost"),
                           ("column.budget_share", "budget_share"), ("column.total", "total"),
                           ("column.downtime", "downtime"), ("column.budget_used", "budget_used")):
            self.columns[squash(ex.cat.written(lang, key))] = field
        for svc in ex.services:
            for c in svc["categories"]:
                key = "category." + c
                self.columns[squash(ex.cat.written(lang, key) if key in ex.cat.text[lang]
                                    else c)] = "cat:" + c

    def run(self):
        for n, blocks in enumerate(self.pages, 1):
            # a tree page: headed by the view's name (a chart's title line
            # is "service · view · as of")
            tree = any(squash(b.text()).startswith(self.tree_heading) or
                       "\u00b7%s\u00b7" % self.tree_heading in squash(b.text()) for b in blocks)
            anchors = self.anchors(blocks, not tree)
            if len(self.ex.services) == 1:  # the cover's service line is no row
                anchors = [a for a in anchors if a[1][0].kind != "service"]
            self.key_figures(n, blocks)
            for block, fact, lines in anchors:
                where = "p%d %s '%s'" % (n, fact[0].kind, fact[0].title[:40])
                if tree:
                    self.tree_box(blocks, block, lines, fact, where, anchors)
                else:
                    self.row(blocks, block, lines, fact, where, anchors)
            self.slo(n, blocks)
            self.coverage_line(n, blocks)

    def anchors(self, blocks, table):
        """(block, fact, title lines) for every block that starts with a
        title: the longest title wins; several facts of one title are
        tried in turn (the first that agrees counts).  On a table page a
        title right of another within its lines is a cell of its row."""
        out = []
        for b in blocks:
            text = squash(b.text())
            best = None
            # the title may end the block's first lines, or be cut with …
            acc = ""
            for i, line in enumerate(b.lines):
                words = [w[4] for w in line]
                if i == 0 and len(words) > 1 and words[0].isdigit():
                    words = words[1:]  # the rank of a decisions row
                acc += squash(" ".join(words))
                raw = clean(" ".join(w[4] for w in line))
                cut = raw.endswith("\u2026")
                if not cut and self.lookup(acc):
                    best = (len(acc), i + 1, self.lookup(acc))
                if cut and len(acc) >= 8:
                    hits = [f for k, fs in self.ex.by_title.items() if k.startswith(acc) for f in fs]
                    if hits:
                        best = (len(acc), i + 1, hits)
                if best or len(acc) > 400:
                    break
            if best is None and text in self.ex.by_title:
                best = (len(text), len(b.lines), self.ex.by_title[text])
            if best:
                out.append((b, best[2], best[1]))
        if not table:
            return out
        # a block right of another title, within its lines, is a cell of
        # that row ("Planned" in a measure's row is its status, not a state)
        cells = set()
        for b, _, n in out:
            top = min(w[1] for line in b.lines[:n] for w in line)
            bottom = max(w[3] for line in b.lines[:n] for w in line)
            for c, _, _ in out:
                if c is not b and c.x0 >= b.x1 - 0.5 and top - 1 <= (c.y0 + c.y1) / 2 <= bottom + 1:
                    cells.add(c)
        return [a for a in out if a[0] not in cells]

    def lookup(self, key):
        """The facts of a squashed title; a character a chart's outline did
        not give (U+FFFD) stands for any one."""
        if "\ufffd" not in key:
            return self.ex.by_title.get(key, [])
        rx = re.compile(".".join(re.escape(p) for p in key.split("\ufffd")) + "$")
        return [f for k, fs in self.ex.by_title.items() if rx.match(k) for f in fs]

    def region_words(self, blocks, x0, y0, x1, y1, exclude):
        words = []
        for b in blocks:
            if b in exclude:
                continue
            for line in b.lines:
                for w in line:
                    cy = (w[1] + w[3]) / 2
                    if x0 <= w[0] and w[2] <= x1 and y0 <= cy <= y1:
                        words.append(w)
        words.sort(key=lambda w: (round((w[1] + w[3]) / 2 / 3), w[0]))
        return words

    def row(self, blocks, block, nlines, facts, where, anchors):
        """A table row: what lies right of the title, between its top and
        bottom (the title block may wrap; cells may be centred)."""
        title_lines = block.lines[:nlines]
        x1 = max(w[2] for line in title_lines for w in line)
        y0 = min(w[1] for line in title_lines for w in line)
        y1 = max(w[3] for line in title_lines for w in line)
        others = {b for b, _, _ in anchors}
        words = self.region_words(blocks, x1 - 0.5, y0 - 1, 1e9, y1 + 1, others)
        # "proven X" under a yearly loss (tests/views.sh checks it) is no cell
        proven = self.ex.cat.written(self.ex.lang, "figure.proven_short")
        words = [w for i, w in enumerate(words)
                 if w[4] != proven and not (i and words[i - 1][4] == proven)]
        cells = [(text, self.heading(blocks, x1_, y0)) for text, x1_ in self.cells_of(words)]
        self.judge(facts, words, where, row=True, cells=cells)

    @staticmethod
    def cells_of(words):
        """A row's words as cells: (text, right edge), split where the gap
        is wider than a word space."""
        cells = []
        for w in words:
            h = w[3] - w[1]
            if cells and abs((w[1] + w[3]) / 2 - cells[-1][2]) < h / 2 and \
                    w[0] - cells[-1][1] < 0.6 * h:
                text, _, cy = cells[-1]
                cells[-1] = (text + " " + w[4], w[2], cy)
            else:
                cells.append((w[4], w[2], (w[1] + w[3]) / 2))
        return [(t, x) for t, x, _ in cells]

    def heading(self, blocks, right, top):
        """The column heading over a right-aligned cell whose right edge is
        `right`: the nearest lines above the row ending there, read
        upwards while they join into (the end of) a heading."""
        lines = []
        for b in blocks:
            for line in b.lines:
                if line[-1][3] <= top and abs(line[-1][2] - right) < 0.5 or any(
                        abs(w[2] - right) < 0.5 and w[3] <= top for w in line):
                    # the words of the line up to the aligned one, left-contiguous
                    end = max(i for i, w in enumerate(line) if abs(w[2] - right) < 0.5)
                    run = [line[end]]
                    for w in reversed(line[:end]):
                        if run[0][0] - w[2] > 0.6 * (w[3] - w[1]):
                            break
                        run.insert(0, w)
                    lines.append(run)
        lines.sort(key=lambda r: -r[0][3])  # nearest first
        text, last = "", None
        for run in lines:
            line = " ".join(w[4] for w in run)
            if tokens(line):  # a figure of a row above: the heading is higher
                text, last = "", None
                continue
            if last is not None and last[0][1] - run[0][3] > 0.8 * (run[0][3] - run[0][1]):
                text = ""  # not the line just above: a new heading starts here
            text = squash(line) + text
            last = run
            if text in self.columns:
                return self.columns[text]
        return None

    def tree_box(self, blocks, block, nlines, facts, where, anchors):
        """A tree box: the title block, the lines under it in its column."""
        title_lines = block.lines[:nlines]
        x0 = min(w[0] for line in title_lines for w in line)
        x1 = max(w[2] for line in title_lines for w in line)
        y1 = max(w[3] for line in title_lines for w in line)
        height = y1 - min(w[1] for line in title_lines for w in line)
        step = height / max(1, nlines)
        others = {b for b, _, _ in anchors if b is not block}
        words = [w for line in block.lines[nlines:] for w in line]
        words += self.region_words(blocks, x0 - 2, y1, x1 + 6, y1 + 2.2 * step, others | {block})
        self.judge(facts, words, where, row=False)

    def judge(self, facts, words, where, row, cells=None):
        """The figures and words near a title against each fact it may be
        (titles may repeat); the fact with the fewest disagreements counts."""
        self.view.seen.update(squash(f.title) for f in facts)
        # a word with a character the chart's outlines did not give is not read
        text = " ".join(w[4] for w in words if "\ufffd" not in w[4])
        results = []
        for fact in facts:
            v = View("")
            self.judge_fact(v, fact, text, where, row, cells or [])
            results.append(v)
        best = min(results, key=lambda x: len(x.problems))
        self.view.checked += best.checked
        self.view.problems += best.problems

    def judge_fact(self, v, fact, text, where, row, cells):
        ex = self.ex
        cands = Candidates(ex, fact)
        # "670K–11M": the 90% range of the current yearly loss (p5–p95),
        # wherever the row shows it (its heading has a figure in it)
        rng = range_value(fact) if row else None
        if rng:
            for m in list(RANGE.finditer(clean(text))):
                two = tokens(m.group(0).replace("\u2013", " "))
                if len(two) == 2 and all(k == "amount" for k, _ in two):
                    for fig, want, name in zip(two, (rng["p5"], rng["p95"]), ("p5", "p95")):
                        amount_agree(v, "%s range %s" % (where, name), fig[1], want, fact.cur,
                                     ex.lang)
                    text = clean(text).replace(m.group(0), " ", 1)
        figs = tokens(text)
        # every amount of the row, those judged under their column included
        shown_amounts = [t for k, t in figs if k == "amount"]
        # a figure under a known column heading is that column's figure
        for cell_text, field in cells:
            one = tokens(cell_text) if field and "\ufffd" not in cell_text else []
            want = field_value(fact, field) if len(one) == 1 else None
            if want is None or want[0] != one[0][0]:
                continue
            kind, value = want
            w = "%s %s" % (where, field)
            if kind == "amount":
                amount_agree(v, w, one[0][1], value, fact.cur, ex.lang)
            elif kind == "share":
                v.agree(w, one[0][1], R.share_forms(value))
            else:
                v.agree(w, one[0][1], R.duration(value))
            figs.remove(one[0]) if one[0] in figs else None
        if fact.kind == "measure":
            m = fact.data
            want = {"kind": ex.label("kind." + m["kind"]), "status": ex.label("status." + m["status"]),
                    "verification": ex.label("verification." + ex.verification(m))}
            groups = {k: self.groups[k] for k in want}
            for group, _, word in find_words(text, groups):
                v.agree("%s %s" % (where, group), word, want[group])
            for kind, t in figs:
                if kind == "amount":
                    cands.check(v, where, kind, t)
            return
        if fact.kind == "scenario":
            s = fact.data
            words = find_words(text, {"cell": self.cells, "decision": self.groups["decision"]})
            cell_words = [w for g, _, w in words if g == "cell"]
            if row and len(cell_words) >= 4 and not figs:
                want = [ex.label("cell." + s["coverage"][k]) for k in KINDS]
                v.agree(where + " coverage cells", " | ".join(cell_words[:4]), " | ".join(want))
            elif figs:
                # "Mitigate → Monitor": the decision before and now (--compare)
                comp = cands.comparison()
                alt = "|".join(re.escape(w) for w in sorted(self.groups["decision"], key=len,
                                                            reverse=True))
                for m in re.finditer(r"(%s) ?\u2192 ?(%s)" % (alt, alt), clean(text)):
                    if comp and comp["decision"]["before"]:
                        v.agree(where + " decision before", m.group(1),
                                ex.label("decision." + comp["decision"]["before"]))
                    v.agree(where + " decision", m.group(2), ex.decision_word(s))
                    text = text.replace(m.group(0), " ")
                # "Detective: Planned → Verified": a coverage cell that changed
                cells = "|".join(re.escape(w) for w in sorted(self.cells, key=len, reverse=True))
                for k in KINDS:
                    kind = re.escape(clean(ex.cat.written(ex.lang, "kind." + k)))
                    rx = r"%s ?[:：]? ?(%s) ?\u2192 ?(%s)" % (kind, cells, cells)
                    for m in re.finditer(rx, clean(text)):
                        change = comp and comp["coverage"].get(k)
                        if not change:
                            v.fail(where, "shows a change of the %s cell, which did not change" % k)
                            continue
                        for side, word in (("before", m.group(1)), ("after", m.group(2))):
                            if change[side]:
                                v.agree("%s %s %s" % (where, k, side), word,
                                        ex.label("cell." + change[side]))
                        text = text.replace(m.group(0), " ")
                for g, _, w in find_words(text, {"decision": self.groups["decision"]}):
                    v.agree(where + " decision", w, ex.decision_word(s))
        amounts = [t for k, t in figs if k == "amount"]
        for kind, t in figs:
            if kind == "amount" and fact.kind in ("state", "service") and \
                    not re.search(r"[A-Z]{3}|[KMBT万億兆円,]", t) and len(t) < 3:
                continue
            cands.check(v, where, kind, t)
        if amounts and fact.kind in ("scenario", "loss", "failure") and not v.problems:
            now = eal(fact, "current")
            forms = amount_set(now, fact, ex.lang)
            norm = {a.replace(MINUS, "-").lstrip("+-") for a in shown_amounts}
            if not (forms & norm):
                v.fail(where, "the yearly loss now (%s) is not among the figures shown: %s"
                       % (R.amount(now, fact.cur, 1, ex.lang), ", ".join(shown_amounts)))

    def key_figures(self, n, blocks):
        """A key figure: its label, the value under it."""
        if len(self.ex.services) != 1:
            return
        t = self.ex.services[0]["totals"]
        cur = self.ex.services[0].get("currency") or ""
        want = {"figure.yearly_loss_now": ("amount", t["current"]["eal"]),
                "figure.yearly_loss_planned": ("amount", t["planned"]["eal"]),
                "figure.error_budget_used": ("share", t["current"].get("budget_used")),
                "figure.coverage": ("share", t["coverage"]),
                "figure.verified_coverage": ("share", t["verified_coverage"]),
                "figure.downtime_now": ("duration", t["current"]["downtime_h"])}
        for key, (kind, value) in want.items():
            label = clean(self.ex.cat.written(self.ex.lang, key))
            for b in blocks:
                if b.text() != label or value is None:
                    continue
                below = [c for c in blocks if c is not b and b.y1 - 1 <= c.y0 <= b.y1 + 45
                         and abs(c.x0 - b.x0) < 4]
                below.sort(key=lambda c: c.y0)
                figs = tokens(below[0].text()) if below else []
                if not figs:
                    continue
                where = "p%d key figure %s" % (n, label)
                if kind == "amount":
                    amount_agree(self.view, where, figs[0][1], value, cur, self.ex.lang)
                elif kind == "share":
                    self.view.agree(where, figs[0][1], R.share_forms(value))
                else:
                    self.view.agree(where, figs[0][1], R.duration(value))
        # a note line "Proven by tests: AMOUNT" shows the proven total
        if "proven" not in t:
            return
        label = squash(self.ex.cat.written(self.ex.lang, "figure.proven")) + ":"
        for b in blocks:
            for line in b.lines:
                text = squash(" ".join(w[4] for w in line))
                if not text.startswith(label):
                    continue
                figs = [x for k, x in tokens(" ".join(w[4] for w in line)) if k == "amount"]
                where = "p%d key figure %s" % (n, label.rstrip(":"))
                if not figs:
                    self.view.fail(where, "no amount after the label")
                    continue
                amount_agree(self.view, where, figs[0], t["proven"]["eal"], cur, self.ex.lang)

    def coverage_line(self, n, blocks):
        """'Coverage 29.2% · Verified coverage 10.4%' over the heatmap."""
        if len(self.ex.services) != 1:
            return
        t = self.ex.services[0]["totals"]
        for key, value in (("figure.verified_coverage", t["verified_coverage"]),
                           ("figure.coverage", t["coverage"])):
            label = re.escape(clean(self.ex.cat.written(self.ex.lang, key)))
            for b in blocks:
                text = b.text()
                if key == "figure.coverage":  # not the one inside "Verified coverage"
                    text = re.sub(re.escape(clean(self.ex.cat.written(
                        self.ex.lang, "figure.verified_coverage"))) + r" ?:? ?\S+", " ", text)
                for m in re.finditer(r"(?<![\w])%s:? ?([-\d.,]+%%)" % label, text):
                    self.view.agree("p%d %s" % (n, clean(self.ex.cat.written(self.ex.lang, key))),
                                    m.group(1), R.share_forms(value))

    def slo(self, n, blocks):
        """'SLO 99.95%' wherever a page names the SLO, and the cover's
        SLO cell under its label."""
        if len(self.ex.services) != 1 or not self.ex.services[0].get("slo"):
            return
        want = R.slo(self.ex.services[0]["slo"])
        label = clean(self.ex.cat.written(self.ex.lang, "meta.slo"))
        for b in blocks:
            for m in re.finditer(r"(?<![\w])%s\)?:? ?([-\d.,]+%%)" % re.escape(label), b.text()):
                self.view.agree("p%d SLO" % n, m.group(1), want)
            if b.text() == label:
                below = [c for c in blocks if c.y0 >= b.y1 - 1 and c.y0 <= b.y1 + 30
                         and c.x0 < b.x1 and c.x1 > b.x0 and c is not b]
                below.sort(key=lambda c: c.y0)
                if below:
                    shown = below[0].text()
                    if re.match(r"^[\d.]+%$", shown):
                        self.view.agree("p%d cover SLO" % n, shown, want)


# --- main ------------------------------------------------------------------------------------


def missing(ex, view, kinds, svc=None):
    """Every scenario (and measure, of svc alone when given) must be found
    in a view that shows them all: one that is not was dropped, or the
    checker lost it."""
    for fact in ex.facts:
        if fact.kind in kinds and squash(fact.title) not in view.seen and \
                (svc is None or fact.svc is svc):
            view.fail("%s '%s'" % (fact.kind, fact.title[:50]), "not found in this view")


def report(name, view):
    view.problems = list(dict.fromkeys(view.problems))
    what = "%d figures and words agree" % view.checked
    if view.problems:
        print("not ok - %s: %d of %d disagree" % (name, len(view.problems), view.checked))
        for p in view.problems:
            print("#   " + p)
        return 1
    if view.checked == 0:
        print("not ok - %s: nothing was found to check (the checker lost its way)" % name)
        return 1
    print("ok - %s: %s" % (name, what))
    return 0


def self_check():
    """The oracle against the rules' own examples, first."""
    wrong = R.self_check()
    if wrong:
        print("not ok - display rules oracle: %d of %d examples wrong" % (len(wrong),
                                                                         len(R.EXAMPLES)))
        for call, got, want in wrong:
            print("#   %s: gives '%s', the rules say '%s'" % (call, got, want))
        return 1
    print("ok - display rules oracle: the rules' %d examples come out as written" % len(R.EXAMPLES))
    return 0


def main(argv):
    if argv[1:] == ["--self-check"]:
        return self_check()
    if len(argv) != 5:
        sys.stderr.write(__doc__)
        return 2
    cat = R.Catalogue(argv[1])
    case, name, lang = argv[2], argv[3], argv[4]
    with open(os.path.join(case, "report.json"), encoding="utf-8") as f:
        ex = Expect(json.load(f), lang, cat)
    failed = 0
    v = View("")
    check_json(ex, v)
    failed += report("%s json: test verification is its own run's state (rule 8)" % name, v)
    for table, fn in (("matrix", check_csv_matrix), ("measures", check_csv_measures),
                      ("services", check_csv_services), ("changes", check_csv_changes)):
        path = os.path.join(case, table + ".csv")
        if os.path.exists(path):
            v = View("")
            fn(ex, v, read_csv(path))
            failed += report("%s csv %s" % (name, table), v)
    for layout in ("report", "slides"):
        path = os.path.join(case, layout + ".dom.html")
        if os.path.exists(path):
            v = View("")
            HtmlCheck(ex, v, parse_dom(path)).run()
            missing(ex, v, ("scenario", "measure") if layout == "report" else ("scenario",))
            failed += report("%s html %s" % (name, layout), v)
    for layout in ("report", "slides"):
        path = os.path.join(case, layout + ".bbox.html")
        if os.path.exists(path):
            v = View("")
            TextCheck(ex, v, read_bbox(path)).run()
            missing(ex, v, ("scenario", "measure") if layout == "report" else ("scenario",))
            failed += report("%s pdf %s" % (name, layout), v)
    reference = os.path.join(case, "report.ref.svg")
    charts = sorted(f for f in os.listdir(case) if f.endswith(".svg") and f != "report.ref.svg")
    if charts and os.path.exists(reference):
        glyphs = learn_reference(reference, read_bbox(os.path.join(case, "report.bbox.html")))
        for chart in charts:
            v = View("")
            pages = read_chart(os.path.join(case, chart), glyphs)
            TextCheck(ex, v, pages).run()
            # a portfolio's charts are one plan's each: tree-2.svg the second's
            plan = re.search(r"-(\d+)\.svg$", chart)
            missing(ex, v, ("scenario", "measure") if chart.startswith("tree") else ("scenario",),
                    ex.services[int(plan.group(1)) - 1] if plan else None)
            failed += report("%s svg %s" % (name, chart[:-4]), v)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
