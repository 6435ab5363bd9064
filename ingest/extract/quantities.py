"""Finding and normalizing quantities in claim text: "16,9 million reports",
"more than half", "$4.2 billion", "one in five", "between 10 and 20 per cent".

Pure text functions (compiled regexes, no spaCy) so they can run over millions of
short claims. Conventions, chosen so that copies of a claim compare equal:

- ``value`` is the number as a float with its scale applied: "16.9 million" and
  "16,9 million" are both 16900000.0. Percentages keep their figure ("45%" is 45.0,
  unit "percent"); fractions are shares of one ("more than half" is 0.5, unit
  "fraction"; "one in five" is 0.2).
- ``high`` is the top of a range ("between 10 and 20": value 10, high 20).
- ``unit`` is a currency code ("USD", "EUR", "GBP", ...), "percent", "fraction", or
  the counted noun when it is a simple word ("65 million cyber-tips": "cyber-tips").
- ``qualifier`` is lower-cased as written ("over", "more than", "about", ...).
  Indefinite plural scales ("thousands of cases") have the scale as value (1000.0)
  and the qualifier "thousands of": the text only says "at least a few thousand".
- ``text`` covers qualifier, currency, number, scale and percent sign, not the
  counted noun.
- ``precision`` is the place of the last digit written, scale applied ("16.9
  million": 100000; "16.90": 0.01; "16,000": 1000, trailing zeros of a whole
  number being a rounding), so that a figure can be matched with its rounding.
- Scales may be plural or in another language after a figure, as translated and
  European copies write them: "3,4 millions euros" is 3,400,000 EUR, "2,3 milliards
  d'euros" 2,300,000,000 EUR, "1,5 Millionen Euro" 1,500,000 EUR.
- A measure named before its reading is the unit ("magnitude 6.1", "category 4",
  "magnitude-6.1"), as is a noun joined to the figure by a hyphen ("a 6.1-magnitude
  quake"), so all these writings give 6.1 "magnitude".
- A unit abbreviation glued to the figure is its unit ("10km", "5kg", "3.5GB"), so
  that "55km" is "55 kilometres" written short.

Not quantities: years ("in 2019"), dates, times, decades ("the 1990s"), ordinals,
numbers glued to letters ("COVID-19", "G7"), labels after a capitalized word
("Fortune 500", "No. 10", "iOS 7"), phone numbers, and a bare "one" (mostly a
pronoun or determiner: "one of the", "no one") unless counted ("at least one") or a
casualty count ("killing one", "one dead").
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import cast

from claimkb.ingest.records import Quantity

QUALIFIERS = (
    "no more than", "not more than", "no less than", "not less than", "no fewer than", "not fewer than",
    "more than", "less than", "fewer than", "greater than", "at least", "at most",
    "up to", "as many as", "as much as", "as few as", "close to", "upwards of",
    "in excess of", "an estimated", "just over", "just under", "well over",
    "nearly", "almost", "about", "around", "roughly", "approximately", "over",
    "under", "above", "below", "some",
)
# Which way each qualifier bends the figure: "over 69 million" and "more than
# 69 million" say the same thing; "nearly" and "up to" put the truth below it.
QUALIFIER_DIRECTION = {
    **dict.fromkeys(("more than", "greater than", "at least", "upwards of", "in excess of",
                     "just over", "well over", "over", "above", "as many as", "as much as",
                     "no less than", "not less than", "no fewer than", "not fewer than"), ">"),
    **dict.fromkeys(("less than", "fewer than", "at most", "up to", "just under", "nearly",
                     "almost", "under", "below", "as few as", "no more than", "not more than"), "<"),
    **dict.fromkeys(("about", "around", "roughly", "approximately", "close to",
                     "an estimated", "some"), "~"),
}

SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "mn": 1_000_000,
    "mln": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000, "bln": 1_000_000_000,
    "tn": 1_000_000_000_000, "dozen": 12,
}
# After a figure a plural scale is still a scale ("3,4 millions", as French and
# machine-translated copies write it), and so are the million and billion words of
# the languages news is most often translated from. The French "billion" (10^12)
# is left out: after a decimal comma it cannot be told from the English one.
SCALES.update({
    **{plural + "s": value for plural, value in SCALES.items() if len(plural) > 3},
    "milliard": 10**9, "milliards": 10**9,  # French
    "millionen": 10**6, "milliarde": 10**9, "milliarden": 10**9, "mio": 10**6, "mrd": 10**9,  # German
    "millón": 10**6, "millones": 10**6,  # Spanish
    "milione": 10**6, "milioni": 10**6, "miliardo": 10**9, "miliardi": 10**9,  # Italian
    "milhão": 10**6, "milhões": 10**6,  # Portuguese
    "miljoen": 10**6, "miljard": 10**9, "miljarden": 10**9,  # Dutch
})
# Nouns that name a scale before its reading: "magnitude 6.1", "category 4".
MEASURE_NOUNS = ("magnitude", "category", "level", "grade")
# Unit abbreviations news glues to a figure ("10km", "5kg", "3.5GB"). Letters glued to
# digits are otherwise a name ("5G", "3D", "10x"); one-letter units are left out, as
# "5g" and "3m" are as often a network or millions.
GLUED_UNITS = (
    "km", "kms", "cm", "mm", "mi", "ft", "kg", "kgs", "mg", "lb", "lbs", "oz", "mph", "kph", "kmh",
    "ml", "ha", "kw", "mw", "gw", "kwh", "mwh", "gwh", "twh", "kb", "mb", "gb", "tb",
)
ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "tenth": 10, "tenths": 10,
}
CURRENCY_SYMBOLS = {
    "us$": "USD", "$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
    "nz$": "NZD", "hk$": "HKD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "cad": "CAD", "aud": "AUD", "jpy": "JPY",
    "chf": "CHF", "cny": "CNY", "inr": "INR",
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "rupee": "INR",
    "rupees": "INR", "francs": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP",
    "cad": "CAD", "aud": "AUD", "jpy": "JPY", "chf": "CHF", "cny": "CNY", "inr": "INR",
}
PERCENT_WORDS = {"%": "percent", "per cent": "percent", "percent": "percent",
                 "pct": "percent", "percentage points": "percentage points",
                 "percentage point": "percentage points"}

# Words that follow a number without being what it counts (with the prepositions
# of translated figures: "4,5 millones de personas").
NOT_COUNTED = frozenset(
    "of the a an and or but to in on at for by with from than that which who whom whose "
    "is are was were be been being has have had will would may might can could should "
    "this these those its their his her our your my per each every as into over under "
    "about after before since until while when where if so not no more less said says "
    "say told percent years-old "
    "de di du".split()
)
# Adjectives often sitting between a number and its noun: "65 million new cases".
COUNT_ADJECTIVES = frozenset(
    "new additional other more extra confirmed active total suspected reported "
    "registered young old unique different separate individual".split()
)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)


def _alternation(words) -> str:
    # Longest first so that "more than" wins over "more", "us$" over "$".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_QUAL = _alternation(QUALIFIERS)
_CUR_SYMBOL = _alternation(CURRENCY_SYMBOLS)
_CUR_WORD = _alternation(CURRENCY_WORDS)
_PERCENT = r"%|per\s*cent\b|percent(?:age\s+points?)?\b|pct\b"
_SCALE_WORD = _alternation(w for w in SCALES if len(w) > 1)  # one letter ("m") only glued on
_WORD_NUMBER = (
    rf"(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(k for k in ONES if ONES[k] < 10)}))?"
    rf"|{'|'.join(sorted(ONES, key=len, reverse=True))}"
)
# Digits: US thousands "1,234,567.8"; European thousands "1.234.567,8"; or a plain
# number with an optional decimal point or decimal comma ("16.9", "16,9").
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.]\d)"
    r"|\d+(?:[.,]\d+)?"
    r"|\.\d+"
)
# One figure: optional currency, digits or number words, optional scale, which a
# hyphen may join to the figure as a space does ("a $3.5-million deal", "16.9-million").
_FIGURE = rf"""
    (?P<{{p}}cur>{_CUR_SYMBOL})?\s?
    (?:
        (?P<{{p}}digits>{_DIGITS})
      | (?P<{{p}}words>(?:(?:{_WORD_NUMBER})[- ])?(?:{_WORD_NUMBER})\b|an?(?=\s(?:{_SCALE_WORD})\b))
    )
    (?:[\s-]?(?P<{{p}}scale>{_SCALE_WORD})\b
      |(?P<{{p}}short>[kmb])\b)?
"""

QUANTITY_RE = re.compile(
    rf"""
    (?<![\w$€£¥₹.,/:])(?<![A-Za-z]-)
    (?:(?P<between>between|from)\s+)?
    {_FIGURE.replace("{p}", "lo_")}
    (?:
        \s*(?:-|–|—|to|and)\s*
        {_FIGURE.replace("{p}", "hi_")}
    )?
    (?P<after>
        \s?(?P<percent>{_PERCENT})
      | \s(?:d['’]|de\s|di\s)?(?P<curword>{_CUR_WORD})\b  # "millions d'euros", "millones de euros"
    )?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "one in five", "1 out of 10 adults"
RATIO_RE = re.compile(
    rf"\b(?P<num>one|\d+|{_WORD_NUMBER})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<den>\d+|{_WORD_NUMBER})\b",
    re.IGNORECASE,
)
# "half of", "two-thirds of", "a quarter of"; a qualifier also makes it a quantity.
FRACTION_RE = re.compile(
    rf"\b(?:(?P<num>a|one|{_WORD_NUMBER})[- ])?(?P<frac>{_alternation(FRACTION_WORDS)})\b(?=\s+(?:of|the|its|their|all)\b)",
    re.IGNORECASE,
)
BARE_HALF_RE = re.compile(r"\bhalf\b", re.IGNORECASE)
# "thousands of", "tens of thousands of", "millions of"
PLURAL_SCALE_RE = re.compile(
    r"\b(?:(?P<times>tens|hundreds)\s+of\s+)?(?P<scale>dozens|hundreds|thousands|millions|billions)\b(?P<of>\s+of\b)?",
    re.IGNORECASE,
)
QUALIFIER_BEFORE_RE = re.compile(rf"\b(?P<qual>{_QUAL})\s+$", re.IGNORECASE)
# Qualifiers that only ever count what follows: "about one", "over one" or "under one"
# may be a preposition before a pronoun ("a film about one man", "under one roof").
COUNTING_QUALIFIERS = ("at least", "at most", "more than", "less than", "fewer than", "as many as", "as few as")
COUNTING_BEFORE_RE = re.compile(rf"\b(?:{_alternation(COUNTING_QUALIFIERS)})\s+$", re.IGNORECASE)
# A casualty count of one, as headlines write it: "Quake kills one", "killing one",
# "leaves one dead", "One injured in crash". Harm verbs take people as their object.
CASUALTY_BEFORE_RE = re.compile(r"\b(?:kill|injur|wound|hurt)[a-z]*\s+$", re.IGNORECASE)
CASUALTY_AFTER_RE = re.compile(r"\s+(?:dead|killed|injured|wounded|hurt|missing)\b", re.IGNORECASE)
COUNTED_NOUN_RE = re.compile(r"(?:\s+|-)(?P<word>[a-z][a-z-]*[a-z])\b(?!['’]s)(?P<next>\s+[a-z][a-z-]*[a-z]\b)?")
MEASURE_HYPHEN_RE = re.compile(rf"\b(?P<noun>{'|'.join(MEASURE_NOUNS)})-(?=\d)", re.IGNORECASE)
MEASURE_BEFORE_RE = re.compile(rf"\b(?P<noun>{'|'.join(MEASURE_NOUNS)})\s+$", re.IGNORECASE)
# Spans that hold digits but no quantity; masked before matching.
NOT_A_QUANTITY_RE = re.compile(
    rf"""
      \d{{4}}-\d{{1,2}}-\d{{1,2}}                       # 2020-12-03
    | \d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}               # 12/03/2020
    | \d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s?[ap]\.?m\.?)?   # 4:59, 10:30 a.m.
    | \b\d{{3,4}}\s?(?:GMT|UTC|[ECMP][SD]T|IST|CET|CEST|WIB|hrs|hours\b)  # 0737 GMT: a clock time
    | \+?\(?\d{{3}}\)?[ .-]\d{{3}}[ .-]\d{{4}}\b           # phone numbers
    | \b\d+(?:st|nd|rd|th)\b                        # ordinals
    | (?:\b|')\d{{2}}(?:\d{{2}})?['’]?s\b                   # the 1990s, '90s
    | \b(?:{MONTHS})\.?\s+\d{{1,2}}\b(?:,?\s+\d{{4}})?    # December 3, 2020
    | \b\d{{1,2}}\s+(?:{MONTHS})\b(?:\s+\d{{4}})?          # 3 December 2020
    | \b(?:no|nos|nr)\.?\s?\d+                    # No. 10
    | \#\d+
    """,
    re.IGNORECASE | re.VERBOSE,
)
GLUED_UNIT_RE = re.compile(rf"(?:{_alternation(GLUED_UNITS)})\b", re.IGNORECASE)
# A cheap first look decides which patterns are worth running: most claims hold
# no digit and no number word at all.
HAS_DIGIT = re.compile(r"\d").search
LOWER_WORD_RE = re.compile(r"[a-z]+")
PLURAL_SCALES = frozenset(("dozens", "hundreds", "thousands", "millions", "billions"))
NUMBER_WORDS = frozenset(ONES) | frozenset(TENS) | frozenset(FRACTION_WORDS) | PLURAL_SCALES | frozenset(SCALES)
YEAR_RE = re.compile(r"(?:1[5-9]|20)\d\d")
TITLE_WORD_RE = re.compile(r"\b[A-Za-z][a-z]+\b")
CAPITALIZED_BEFORE_RE = re.compile(r"(?:^|[^\w])(?P<word>[a-z]{0,2}[A-Z][\w&.-]*)\s+$")


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in ``text``, in order; offsets index into ``text``."""
    has_digit = HAS_DIGIT(text) is not None
    words = NUMBER_WORDS.intersection(LOWER_WORD_RE.findall(text.lower()))
    if not has_digit and not words:
        return []
    masked = text
    if has_digit:
        masked = NOT_A_QUANTITY_RE.sub(lambda m: " " * len(m.group()), text)
        # "magnitude-6.1" reads as "magnitude 6.1", where "COVID-19" stays a name.
        masked = MEASURE_HYPHEN_RE.sub(lambda m: m["noun"] + " ", masked)
    found: list[Quantity] = []
    for quantity in _candidates(masked, text, words):
        if found and quantity.start < found[-1].end:
            continue  # overlaps an earlier, longer match
        found.append(quantity)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Parse one quantity phrase ("over 69 million", "€3m", "one in five")."""
    found = find_quantities(text)
    return found[0] if found else None


def qualifier_direction(qualifier: str | None) -> str | None:
    """">" (the truth is above the figure), "<", "~" (about) or None (exact)."""
    if qualifier is None:
        return None
    return QUALIFIER_DIRECTION.get(qualifier.lower(), "~")


def is_vague(quantity: Quantity) -> bool:
    """ "dozens", "thousands of": an order of magnitude, not a figure."""
    return quantity.qualifier is not None and any(w in PLURAL_SCALES for w in quantity.qualifier.lower().split())


def _candidates(masked: str, text: str, words: frozenset[str]):
    """Candidate quantities, sorted by start then longest first. ``words`` are the
    number words in the text: patterns that need one absent are skipped."""
    candidates = []
    for match in RATIO_RE.finditer(masked):
        num, den = _word_or_digits(match["num"]), _word_or_digits(match["den"])
        if num is not None and den:
            candidates.append(_make(text, match.start(), match.end(), num / den, "fraction"))
    for match in FRACTION_RE.finditer(masked) if words & FRACTION_WORDS.keys() else ():
        candidates.append(_fraction(text, match))
    for match in BARE_HALF_RE.finditer(masked) if "half" in words else ():
        # A bare "half" counts only with a qualifier: "more than half".
        if QUALIFIER_BEFORE_RE.search(masked, 0, match.start()):
            candidates.append(_make(text, match.start(), match.end(), 0.5, "fraction"))
    for match in PLURAL_SCALE_RE.finditer(masked) if words & PLURAL_SCALES else ():
        value = SCALES[match["scale"].lower().rstrip("s")]
        if match["times"]:
            value *= 10 if match["times"].lower() == "tens" else 100  # "tens of thousands"
        end = match.start("of") if match["of"] else match.end()
        candidates.append(Quantity(text=text[match.start():end], value=float(value),
                                   qualifier=re.sub(r"\s+", " ", match.group().lower()),
                                   start=match.start(), end=end,
                                   unit=_counted_noun(text, match.end())))
    for match in QUANTITY_RE.finditer(masked):
        quantity = _figure_quantity(text, masked, match)
        if quantity is not None:
            candidates.append(quantity)
    # Attach a preceding qualifier ("over", "more than") to every candidate.
    for quantity in candidates:
        if quantity.qualifier is None:
            start, end = offsets(quantity)
            before = QUALIFIER_BEFORE_RE.search(masked, max(0, start - 30), start)
            if before:
                quantity.qualifier = before["qual"].lower()
                quantity.start = before.start()
                quantity.text = text[before.start():end]
    candidates.sort(key=_by_start_longest_first)
    return candidates


def offsets(quantity: Quantity) -> tuple[int, int]:
    """(start, end) of a quantity that find_quantities found: every one has its offsets
    (only a Quantity built by hand, as in a test, lacks them)."""
    assert quantity.start is not None and quantity.end is not None
    return quantity.start, quantity.end


def _by_start_longest_first(quantity: Quantity) -> tuple[int, int]:
    start, end = offsets(quantity)
    return start, start - end


def _figure_quantity(text: str, masked: str, match: re.Match) -> Quantity | None:
    low, precision = _figure_value(match, "lo_")
    if low is None:
        return None
    high = _figure_value(match, "hi_")[0] if (match["hi_digits"] or match["hi_words"]) else None
    end = match.end()
    if high is not None:
        if high <= low:
            # "3-1" is a score, not a range: keep only the first figure.
            lo_group = "lo_scale" if match["lo_scale"] else "lo_digits" if match["lo_digits"] else "lo_words"
            end = match.end(lo_group)
            high = None
        elif match["lo_scale"] is None and match["hi_scale"] is not None:
            # "between 10 and 20 million": the scale applies to both ends.
            low *= SCALES[match["hi_scale"].lower()]
            precision = precision and precision * SCALES[match["hi_scale"].lower()]
    currency = match["lo_cur"] or match["hi_cur"]
    unit = None
    if currency:
        unit = CURRENCY_SYMBOLS[currency.lower()]
    if match["percent"]:
        unit = PERCENT_WORDS.get(re.sub(r"\s+", " ", match["percent"].lower()), "percent")
    elif match["curword"]:
        unit = CURRENCY_WORDS[match["curword"].lower()]
    if high is None and match["after"] is None:
        end = _end_of_first_figure(match)
    if match["between"] and high is not None:
        start = match.start()
    else:
        start = match.start("lo_cur") if match["lo_cur"] else _figure_start(match)
    glued = GLUED_UNIT_RE.match(masked, match.end("lo_digits")) if match["lo_digits"] and not high else None
    if unit is None and glued:
        unit = glued.group().lower()
    if unit is None:
        measure = MEASURE_BEFORE_RE.search(masked, max(0, start - 20), start)
        unit = measure["noun"].lower() if measure else None
    if not _is_quantity(match, masked, text, start, unit):
        return None
    if unit is None:
        unit = _counted_noun(text, end)
    return _make(text, start, end, low, unit, high=high, precision=precision)


def _end_of_first_figure(match: re.Match) -> int:
    for group in ("lo_short", "lo_scale", "lo_digits", "lo_words"):
        if match[group]:
            return match.end(group)
    return match.end()


def _figure_start(match: re.Match) -> int:
    return match.start("lo_digits") if match["lo_digits"] else match.start("lo_words")


def _counted_one(masked: str, start: int, end: int) -> bool:
    before = masked[max(0, start - 30):start]
    return (COUNTING_BEFORE_RE.search(before) is not None or CASUALTY_BEFORE_RE.search(before) is not None
            or CASUALTY_AFTER_RE.match(masked, end) is not None)


def _is_quantity(match: re.Match, masked: str, text: str, start: int, unit: str | None) -> bool:
    digits, words = match["lo_digits"], match["lo_words"]
    scaled = match["lo_scale"] or match["lo_short"]
    if match["lo_short"] and not match["lo_cur"] and match["lo_short"].lower() != "k":
        return False  # "3m" alone may be metres; "€3m" is money
    if words is not None:
        # A lone "one", "a" or "an" is a pronoun or determiner, not a figure, unless a
        # comparison counts it ("at least one person", "more than one") or it counts
        # casualties ("killing one", "one dead").
        return (bool(scaled) or words.lower() not in ("one", "a", "an")
                or (words.lower() == "one" and _counted_one(masked, start, match.end("lo_words"))))
    glued_letter = masked[match.end("lo_digits"):match.end("lo_digits") + 1].isalpha()
    if digits and glued_letter and not scaled and not GLUED_UNIT_RE.match(masked, match.end("lo_digits")):
        return False  # "3D", "5G", "10x"
    strong = unit is not None or scaled or match["hi_digits"] or QUALIFIER_BEFORE_RE.search(masked, max(0, start - 30), start)
    if strong:
        return True
    if YEAR_RE.fullmatch(digits):
        return False  # "in 2019"
    before = CAPITALIZED_BEFORE_RE.search(text, max(0, start - 40), start)
    if before and before["word"].lower() not in _QUALIFIER_WORDS and not looks_title_cased(text):
        return False  # "Fortune 500", "Windows 10": a name, not a count
    return True


# Capitalized words that open a sentence before a figure without naming anything:
# "About 300", "A 6.1-magnitude quake", "The 12 victims".
_QUALIFIER_WORDS = frozenset(w for q in QUALIFIERS for w in q.split()) | {"the", "a", "an", "and", "but", "only", "all"}


def _figure_value(match: re.Match, prefix: str) -> tuple[float | None, float | None]:
    """(value, precision) of one figure; precision None for number words."""
    digits, words = match[prefix + "digits"], match[prefix + "words"]
    value = _parse_digits(digits) if digits else _parse_words(words)
    if value is None:
        return None, None
    precision = _last_digit_place(value) if digits else None
    scale = match[prefix + "scale"] or match[prefix + "short"]
    if scale:
        value *= Decimal(SCALES[scale.lower()])
        precision = precision and precision * Decimal(SCALES[scale.lower()])
    return float(value), None if precision is None else float(precision)


def _last_digit_place(number: Decimal) -> Decimal:
    """1 for "1234", 0.01 for "16.90" (written decimals count), 1000 for "16000"
    (a whole number's trailing zeros are a rounding)."""
    # Typed int | "n" | "N" | "F": the letters mark NaN and infinity, which digits never parse to.
    exponent = cast(int, number.as_tuple().exponent)
    if exponent >= 0 and number:
        exponent = cast(int, number.normalize().as_tuple().exponent)
    return Decimal(1).scaleb(exponent)


def _parse_digits(digits: str) -> Decimal | None:
    """ "1,234" is 1234; "16,9" and "1,50" use a decimal comma; "1.234.567" and
    "1.234.567,8" are European thousands."""
    if digits.count(".") > 1:
        digits = digits.replace(".", "").replace(",", ".")
    elif "," in digits:
        groups = digits.split(",")
        if all(len(g) == 3 for g in groups[1:]) and "." not in groups[0]:
            digits = digits.replace(",", "")
        elif len(groups) == 2 and "." not in digits:
            digits = digits.replace(",", ".")
        else:
            digits = digits.replace(",", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _parse_words(words: str) -> Decimal | None:
    """ "twelve", "twenty-five", "a hundred", "three" (scales are handled apart)."""
    total = 0
    for word in re.split(r"[- ]+", words.lower()):
        if word in ("a", "an"):
            total = total or 1
        elif word in ONES:
            total += ONES[word]
        elif word in TENS:
            total += TENS[word]
        else:
            return None
    return Decimal(total)


def _word_or_digits(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    value = _parse_words(word)
    return float(value) if value is not None else None


def _fraction(text: str, match: re.Match) -> Quantity:
    denominator = FRACTION_WORDS[match["frac"].lower()]
    numerator = _word_or_digits(match["num"]) if match["num"] else 1.0
    return _make(text, match.start(), match.end(), (numerator or 1.0) / denominator, "fraction")


def _counted_noun(text: str, end: int) -> str | None:
    """The simple lower-case noun right after a figure: "16.9 million reports"."""
    match = COUNTED_NOUN_RE.match(text, end)
    if not match:
        return None
    word = match["word"]
    if word in COUNT_ADJECTIVES and match["next"]:
        word = match["next"].strip()
    return None if word in NOT_COUNTED else word


def _make(text: str, start: int, end: int, value: float, unit: str | None, high: float | None = None,
          precision: float | None = None) -> Quantity:
    return Quantity(text=text[start:end], value=round(value, 6) if abs(value) < 1 else value,
                    unit=unit, start=start, end=end, high=high, precision=precision)


def looks_title_cased(text: str) -> bool:
    """Headlines capitalize every word, so a capital before a number says nothing."""
    words = TITLE_WORD_RE.findall(text)
    if len(words) < 4:
        return False
    capitalized = sum(w[0].isupper() for w in words)
    return capitalized / len(words) > 0.6
