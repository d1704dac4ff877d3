"""crossformat_rules.py - the display rules of the people's formats, written
again from their specification (not from badday's C code), as the oracle of
tests/crossformat.py.  Standard library only.

  share(v)                 a share 0..1 as a percentage ("37.5%")
  slo(v)                   the SLO as the plan wrote it ("99.95%")
  amount(v, cur, compact, lang)   "USD 52,500", "USD 53K", "8,808万円"
  duration(h)              "4h 30m", "2d 3h"
  Catalogue(path)          the message catalogue; label(lang, key)

The rules (decided for every writer):
 1. shares: >= 10% one decimal, 0.1%..10% two significant digits, below
    0.1% one; a trailing ".0" dropped; decimal rounding half away from zero
    on the decimal value; a value that is not exactly 1 never reads "100%",
    one that is not exactly 0 never "0%": decimals are added until it does
    not.
 2. the SLO: the shortest decimal that reads back as the number, then "%".
 3. full amounts: whole units rounded half away from zero, "," every three
    digits, the currency code before it.
 4. compact amounts: below 1,000 as full; else K, M, B, T so that the
    rounded mantissa is in [1, 1000), one decimal below 10, whole above.
 5. JPY in Japanese: "円" after, no code; compact in 万, 億 (one decimal below
    10億), 兆.
 6. durations as "4h 30m", "2d 3h".
 7. status words from the catalogue; in Japanese "monitor" is 経過観察.
"""
import math
from decimal import ROUND_HALF_UP, Decimal

# Rule 7: words the rules fix whatever the catalogue says.
FIXED_LABELS = {("ja", "decision.monitor"): "経過観察"}


def _dec(v):
    """The decimal value of a number as JSON wrote it (shortest round trip)."""
    return Decimal(repr(float(v))) if not isinstance(v, int) else Decimal(v)


def _round(d, exp):
    """d rounded half away from zero to a multiple of 10^exp."""
    return d.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_UP)


def _plain(d):
    """A Decimal as plain text, never in exponent notation."""
    return format(d, "f")


def _share_places(mag):
    """Decimal places rule 1 gives a percentage of magnitude mag."""
    if mag >= 10:
        return 1
    digits = 2 if mag >= Decimal("0.1") else 1
    return digits - 1 - mag.adjusted()


def share(v):
    """Rule 1."""
    if v == 0:
        return "0%"
    if v == 1:
        return "100%"
    pct = _dec(v) * 100
    places = _share_places(abs(pct))
    r = _round(pct, -places)
    # rounding up into the next decade (9.96 -> 10) counts digits there
    if r != 0 and _share_places(abs(r)) < places:
        places = _share_places(abs(r))
        r = _round(pct, -places)
    while (r == 100 and v != 1) or (r == 0 and v != 0):
        places += 1
        r = _round(pct, -places)
    text = _plain(r)
    if text.endswith(".0"):
        text = text[:-2]
    return text + "%"


def share_forms(v):
    """share(v), and the same without trailing zeros ("0.50%" may read
    "0.5%": the rules say two significant digits, today's %g drops them)."""
    text = share(v)
    forms = {text}
    number = text[:-1]
    if "." in number:
        forms.add(number.rstrip("0").rstrip(".") + "%")
    return forms


def slo(v):
    """Rule 2."""
    text = repr(float(v))
    if text.endswith(".0"):
        text = text[:-2]
    return text + "%"


def _group(n):
    """An integer with ',' every three digits and its sign."""
    return ("-" if n < 0 else "") + "{:,}".format(abs(n))


def _whole(v):
    """v rounded half away from zero to whole units, as an int."""
    return int(_round(_dec(v), 0))


def _scaled(n, unit, decimals):
    """n / unit rounded half away from zero to `decimals` places."""
    return _round(Decimal(n) / Decimal(unit), -decimals)


def _compact_latin(n):
    """Rule 4's number for a whole amount n (|n| >= 1000)."""
    sign = "-" if n < 0 else ""
    a = abs(n)
    for power, unit in ((3, "K"), (6, "M"), (9, "B"), (12, "T")):
        d = 10 ** power
        if Decimal(a) / d < 10:
            m = _scaled(a, d, 1)
            if m < 10:
                return "%s%s%s" % (sign, _plain(m), unit)
        m = _scaled(a, d, 0)
        if m < 1000 or unit == "T":
            return "%s%s%s" % (sign, _group(int(m)), unit)
    raise AssertionError("unreachable")


def _compact_yen(n):
    """Rule 5's compact number for a whole amount n, without 円."""
    sign = "-" if n < 0 else ""
    a = abs(n)
    if a < 10 ** 4:
        return _group(n)
    m = _scaled(a, 10 ** 4, 0)
    if m < 10000 and a < 10 ** 8:
        return "%s%s万" % (sign, _group(int(m)))
    for power, unit in ((8, "億"), (12, "兆")):
        d = 10 ** power
        if Decimal(a) / d < 10:
            m = _scaled(a, d, 1)
            if m < 10:
                return "%s%s%s" % (sign, _plain(m), unit)
        m = _scaled(a, d, 0)
        if m < 10000 or unit == "兆":
            return "%s%s%s" % (sign, _group(int(m)), unit)
    raise AssertionError("unreachable")


def yen_in_japanese(cur, lang):
    """Rule 5 applies: Japanese yen in a Japanese report."""
    return lang == "ja" and cur == "JPY"


def amount(v, cur, compact, lang):
    """Rules 3, 4 and 5."""
    n = _whole(v)
    if yen_in_japanese(cur, lang):
        number = _compact_yen(n) if compact else _group(n)
        return number + "円"
    number = _compact_latin(n) if compact and abs(n) >= 1000 else _group(n)
    return "%s %s" % (cur, number) if cur else number


def amount_forms(v, cur, lang):
    """Every text an amount may be shown as: full or compact, with its
    currency marker, or bare where a caption names the currency."""
    forms = set()
    for compact in (0, 1):
        text = amount(v, cur, compact, lang)
        forms.add(text)
        if yen_in_japanese(cur, lang):
            forms.add(text[:-1])
        elif cur and text.startswith(cur + " "):
            forms.add(text[len(cur) + 1:])
    return forms


def _c_round(x):
    """C's round() on a double: half away from zero."""
    return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)


def duration(hours):
    """Rule 6 (unchanged, so as today: double arithmetic, C's round()):
    0m, 45s, 30m, 4h 30m, 2d 3h."""
    if hours is None or hours < 0:
        return "-"
    seconds = _c_round(hours * 3600)
    if seconds == 0:
        return "0m"
    if seconds < 60:
        return "%ds" % seconds
    minutes = _c_round(hours * 60)
    if minutes < 60:
        return "%dm" % minutes
    if minutes < 24 * 60:
        h, m = divmod(minutes, 60)
        return "%dh %dm" % (h, m) if m else "%dh" % h
    whole = _c_round(hours)
    d, h = divmod(whole, 24)
    return "%dd %dh" % (d, h) if h else "%dd" % d


class Catalogue:
    """templates/messages.tsv: KEY<TAB>ENGLISH<TAB>JAPANESE."""

    def __init__(self, path):
        self.text = {"en": {}, "ja": {}}
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) < 2:
                    continue
                self.text["en"][parts[0]] = parts[1]
                self.text["ja"][parts[0]] = parts[2] if len(parts) > 2 and parts[2] else parts[1]

    def written(self, lang, key):
        """The label as the catalogue has it."""
        return self.text[lang].get(key, key)

    def label(self, lang, key):
        """The label the rules expect (rule 7 fixes some words)."""
        return FIXED_LABELS.get((lang, key), self.written(lang, key))

    def words(self, lang, prefix):
        """Every label of a group (decision., kind., ...) that a view may
        show: the catalogue's and the rules' (so a wrong one is recognised)."""
        out = {}
        for key, text in self.text[lang].items():
            if key.startswith(prefix):
                out.setdefault(text, set()).add(key)
        for (l, key), text in FIXED_LABELS.items():
            if l == lang and key.startswith(prefix):
                out.setdefault(text, set()).add(key)
        return out


# The brief's own examples: the oracle is checked against them first.
EXAMPLES = [
    (share, (0.99996,), "99.996%"), (share, (0.9995,), "99.95%"),
    (share, (0.000004,), "0.0004%"), (share, (-0.0000001,), "-0.00001%"),
    (share, (1,), "100%"), (share, (0,), "0%"), (share, (0.375,), "37.5%"),
    (share, (0.12,), "12%"), (share, (0.0123,), "1.2%"), (share, (0.0145,), "1.5%"),
    (slo, (99.95,), "99.95%"), (slo, (99.999,), "99.999%"), (slo, (99.9,), "99.9%"),
    (slo, (99,), "99%"),
    (amount, (52500, "USD", 0, "en"), "USD 52,500"), (amount, (0.5, "USD", 0, "en"), "USD 1"),
    (amount, (2.5, "USD", 0, "en"), "USD 3"),
    (amount, (1234567.5, "USD", 0, "en"), "USD 1,234,568"),
    (amount, (52500, "USD", 1, "en"), "USD 53K"), (amount, (79500, "USD", 1, "en"), "USD 80K"),
    (amount, (1150000, "USD", 1, "en"), "USD 1.2M"),
    (amount, (999500, "USD", 1, "en"), "USD 1.0M"), (amount, (9950, "USD", 1, "en"), "USD 10K"),
    (amount, (-52500, "USD", 1, "en"), "USD -53K"), (amount, (880000, "USD", 1, "en"), "USD 880K"),
    (amount, (120000000, "USD", 1, "en"), "USD 120M"),
    (amount, (1000000, "USD", 1, "en"), "USD 1.0M"),
    (amount, (88080000, "JPY", 0, "ja"), "88,080,000円"),
    (amount, (9500, "JPY", 1, "ja"), "9,500円"), (amount, (88080000, "JPY", 1, "ja"), "8,808万円"),
    (amount, (99995000, "JPY", 1, "ja"), "1.0億円"), (amount, (120000000, "JPY", 1, "ja"), "1.2億円"),
    (amount, (450000000, "JPY", 1, "ja"), "4.5億円"), (amount, (4500000000, "JPY", 1, "ja"), "45億円"),
    (amount, (123400000000, "JPY", 1, "ja"), "1,234億円"),
    (amount, (1200000000000, "JPY", 1, "ja"), "1.2兆円"),
    (amount, (1200000, "USD", 1, "ja"), "USD 1.2M"), (amount, (88080000, "JPY", 1, "en"), "JPY 88M"),
    (duration, (4.5,), "4h 30m"), (duration, (51,), "2d 3h"), (duration, (0,), "0m"),
]


def self_check():
    """The examples that the oracle gets wrong, as (call, got, expected)."""
    wrong = []
    for fn, args, expected in EXAMPLES:
        got = fn(*args)
        if got != expected:
            wrong.append(("%s%r" % (fn.__name__, args), got, expected))
    return wrong
