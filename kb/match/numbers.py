"""The one judgment of how two statements' figures correspond: which quantity of B
is which quantity of A, and what changed. ``kb.match.compare`` turns it into
evidence, the score reads ``same_quantity``, and the Datasette family page shows it.

Figures are compared as normalized quantities (``claimkb.ingest.extract.quantities``):
"16.9 million" is "16,9 million"; "half" is "50%". Two figures are the same value
when they agree within rounding: within ``RELATIVE_TOLERANCE`` of each other, and,
when both say how precisely they are written, within half a unit of the coarser
one's last digit ("16.9 million" is 16,934,112; "$16.90M" is not "$16.95M").
A vague amount ("dozens", "thousands of") is an order of magnitude, never equal
to a figure: "dozens" against "12" is a change from vague to exact.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimkb.ingest.extract.quantities import find_quantities, is_vague, qualifier_direction
from claimkb.ingest.records import Quantity
from claimkb.match.features import stem

# The widest gap two values may have and still be one figure: "16.9 million" and
# "16,93 million" are the same figure rounded; 17 and 16.9 million are not.
RELATIVE_TOLERANCE = 0.005
# Units of a share rather than an amount.
SHARE_UNITS = ("percent", "fraction", "percentage points")
# Units news converts in passing ("10 kilometres (six miles)"), as (dimension, size in
# that dimension's base unit). Only for telling a conversion from a dropped or added
# figure; the score still compares figures as written.
MEASURES = {
    **dict.fromkeys(("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"), ("length", 1000.0)),
    **dict.fromkeys(("mi", "mile", "miles"), ("length", 1609.344)),
    **dict.fromkeys(("metre", "metres", "meter", "meters"), ("length", 1.0)),
    **dict.fromkeys(("ft", "foot", "feet"), ("length", 0.3048)),
    **dict.fromkeys(("kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"), ("mass", 1.0)),
    **dict.fromkeys(("lb", "lbs"), ("mass", 0.45359237)),
    **dict.fromkeys(("kph", "kmh"), ("speed", 1.0)),
    **dict.fromkeys(("mph",), ("speed", 1.609344)),
}
# A figure with nothing around it: digits, maybe with decimals ("7.1", "4").
BARE_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")
# A conversion is rounded to a word or a whole number: 10 km is "six miles" (3.4% off).
CONVERSION_TOLERANCE = 0.05

# What became of a quantity of A in B.
SAME = "same"  # the same figure, however written
QUALIFIER = "qualifier"  # the same figure, bent another way ("over" -> "under")
VALUE = "value"  # another figure for the same thing
VAGUE_TO_EXACT = "vague_to_exact"  # "dozens" -> "12"
EXACT_TO_VAGUE = "exact_to_vague"  # "12" -> "dozens"
# The values of the orders of magnitude a text names in the plural (dozens, hundreds,
# thousands, millions, billions) and the one above: "millions" covers a figure from one
# million up to a billion, "hundreds" one from 100 up to 1,000.
ORDERS_OF_MAGNITUDE = (12, 100, 1_000, 1_000_000, 1_000_000_000, 1_000_000_000_000)
CONVERTED = "converted"  # the same measurement in another unit ("10 km" -> "six miles")
DROPPED = "dropped"  # A's figure is not in B
ADDED = "added"  # B's figure is not in A
CHANGES = (SAME, QUALIFIER, VALUE, VAGUE_TO_EXACT, EXACT_TO_VAGUE, CONVERTED, DROPPED, ADDED)


@dataclass(frozen=True)
class QuantityMatch:
    """One of A's quantities and its counterpart in B (either may be None)."""

    a: Quantity | None
    b: Quantity | None
    change: str  # one of CHANGES

    def difference(self) -> dict | None:
        """The evidence ``compare`` lists for it; None when the figure is the same."""
        a, b = self.a, self.b
        if self.change in (SAME, CONVERTED):
            return None
        if self.change == DROPPED and a is not None:
            return {"kind": "number_dropped", "a": a.text, "b": None}
        if self.change == ADDED and b is not None:
            return {"kind": "number_added", "a": None, "b": b.text}
        assert a is not None and b is not None  # a figure on both sides for every other change
        if self.change == QUALIFIER:
            detail = f"qualifier {a.qualifier or 'none'} -> {b.qualifier or 'none'}"
        else:
            detail = f"{_describe(a)} -> {_describe(b)}"
        return {"kind": "number", "change": self.change, "a": a.text, "b": b.text, "detail": detail}


def compare_figures(a: str, b: str) -> list[QuantityMatch]:
    """``match_quantities`` over the figures written in two texts."""
    return match_quantities(find_quantities(a), find_quantities(b), texts=(a, b))


def match_quantities(a: list[Quantity], b: list[Quantity], texts: tuple[str, str] | None = None) -> list[QuantityMatch]:
    """A's quantities in order, each with its counterpart in B, then B's added ones.

    Equal figures pair first; a figure left over pairs with a left-over figure of the
    same sort and unit (a changed figure); the rest were dropped or added, unless
    (given the two ``texts``) the other text writes the same bare figure all the same:
    there it is part of a name ("iOS 7.1", "Season 4"), which only a title-cased
    headline counts as a figure (``claimkb.ingest.extract.quantities``), so it is the
    same figure, not a dropped one."""
    partner: dict[int, tuple[int, str]] = {}  # index in a -> (index in b, change)
    free = list(range(len(b)))
    for i, qa in enumerate(a):
        j = next((j for j in free if same_quantity(qa, b[j])), None)
        if j is not None:
            free.remove(j)
            partner[i] = (j, QUALIFIER if _conflicting_qualifiers(qa, b[j]) else SAME)
    for i, qa in enumerate(a):
        if i in partner:
            continue
        options = [j for j in free if _pairable(qa, b[j])]
        if options:
            j = min(options, key=lambda j: _unit_stem(b[j]) != _unit_stem(qa))  # the same unit first
            free.remove(j)
            partner[i] = (j, _kind_of_change(qa, b[j]))
    matches = []
    for i, qa in enumerate(a):
        if i in partner:
            matches.append(QuantityMatch(qa, b[partner[i][0]], partner[i][1]))
            continue
        # A figure the other side states in another unit was converted, not dropped or added.
        j = next((j for j, qb in enumerate(b) if converted(qa, qb)), None)
        written = _written_in(qa, texts[1]) if texts else None
        if written is not None:
            matches.append(QuantityMatch(qa, written, SAME))
        elif j is None:
            matches.append(QuantityMatch(qa, None, DROPPED))
        else:
            matches.append(QuantityMatch(qa, b[j], CONVERTED))
            if j in free:
                free.remove(j)
    for j in free:
        source = next((qa for qa in a if converted(qa, b[j])), None)
        written = _written_in(b[j], texts[0]) if texts else None
        if written is not None:
            matches.append(QuantityMatch(written, b[j], SAME))
        elif source is None:
            matches.append(QuantityMatch(None, b[j], ADDED))
        else:
            matches.append(QuantityMatch(source, b[j], CONVERTED))
    return matches


def _written_in(quantity: Quantity, text: str) -> Quantity | None:
    """The bare figure ``quantity`` is ("7.1", "4" of "4 trailers": no currency, scale,
    percent or qualifier) where ``text`` writes it as a word of its own, else None."""
    if quantity.qualifier is not None or not BARE_FIGURE.fullmatch(quantity.text):
        return None
    found = re.search(rf"(?<![\w.,]){re.escape(quantity.text)}(?![\w]|[.,]\d)", text)
    if found is None:
        return None
    return Quantity(text=found.group(), value=quantity.value, start=found.start(), end=found.end(),
                    precision=quantity.precision)


def converted(qa: Quantity, qb: Quantity) -> bool:
    """One measurement in two units of ``MEASURES`` ("55 km" and "34 miles")."""
    measure_a, measure_b = MEASURES.get((qa.unit or "").lower()), MEASURES.get((qb.unit or "").lower())
    if not measure_a or not measure_b or measure_a == measure_b or measure_a[0] != measure_b[0]:
        return False
    if qa.value is None or qb.value is None:
        return False
    x, y = qa.value * measure_a[1], qb.value * measure_b[1]
    return abs(x - y) <= CONVERSION_TOLERANCE * max(abs(x), abs(y))


def same_quantity(qa: Quantity, qb: Quantity) -> bool:
    """The same figure, however written (qualifiers aside)."""
    # "dozens" is no more 12 than "thousands" is 1,000: vague only matches vague.
    if qa.value is None or qb.value is None or is_vague(qa) != is_vague(qb):
        return False
    if not _same_value(_comparable(qa.value, qa.unit, qb.unit), _comparable(qb.value, qb.unit, qa.unit),
                       qa.precision, qb.precision):
        return False
    if qa.high is None or qb.high is None:
        return qa.high is None and qb.high is None
    return _same_value(qa.high, qb.high, qa.precision, qb.precision)


def _same_value(x: float, y: float, precision_x: float | None, precision_y: float | None) -> bool:
    gap = abs(x - y)
    if gap > RELATIVE_TOLERANCE * max(abs(x), abs(y)):
        return False
    if precision_x is None or precision_y is None:
        return True
    return gap <= max(precision_x, precision_y) / 2


def _comparable(value: float, unit: str | None, other_unit: str | None) -> float:
    # "half" and "50%" are the same share.
    if unit == "fraction" and other_unit == "percent":
        return value * 100
    return value


def _kind_of_change(qa: Quantity, qb: Quantity) -> str:
    vague_a, vague_b = is_vague(qa), is_vague(qb)
    if vague_a and not vague_b:
        return VAGUE_TO_EXACT
    if vague_b and not vague_a:
        return EXACT_TO_VAGUE
    return VALUE


def _conflicting_qualifiers(qa: Quantity, qb: Quantity) -> bool:
    """ "over" vs "more than" agree; "about" vs none agree (every figure is
    approximate); "over" vs "under", or "over" vs none, do not."""
    da, db = qualifier_direction(qa.qualifier), qualifier_direction(qb.qualifier)
    return not (da == db or {da, db} <= {None, "~"})


def _pairable(qa: Quantity, qb: Quantity) -> bool:
    """Could qb be qa with another figure? The same sort and unit; a figure without a
    unit pairs with a count only when both are whole ("five people" / "three"), so
    that "five people" never pairs with a 6.1 magnitude. An order of magnitude named
    with nothing counted ("millions in jewels") is the vague form of a figure of that
    order, money or count ("$2.5 million worth of jewellery")."""
    if _vague_form_of(qa, qb) or _vague_form_of(qb, qa):
        return True
    if _sort_of(qa) != _sort_of(qb):
        return False
    if qa.unit and qb.unit:
        return _unit_stem(qa) == _unit_stem(qb)
    return all(q.value is not None and float(q.value).is_integer() for q in (qa, qb))


def _vague_form_of(vague: Quantity, exact: Quantity) -> bool:
    """``vague`` ("millions", no unit) names the order of magnitude of ``exact``."""
    if not is_vague(vague) or is_vague(exact) or vague.unit is not None or not vague.value or exact.value is None:
        return False
    above = next((order for order in ORDERS_OF_MAGNITUDE if order > vague.value), math.inf)
    return vague.value <= exact.value < above


def _unit_stem(q: Quantity) -> str | None:
    return stem(q.unit.lower()) if q.unit else None


def _sort_of(q: Quantity) -> str:
    if q.unit in SHARE_UNITS:
        return "share"
    if q.unit is not None and q.unit.isupper():
        return "money"
    return "count"


def _describe(q: Quantity) -> str:
    """The figure as a value ("16,900,000", "10-20"); a vague amount as its words."""
    if q.qualifier is not None and is_vague(q):
        return q.qualifier.removesuffix(" of")
    value = f"{q.value:,.6g}" if q.value is not None else "?"
    return f"{value}-{q.high:,.6g}" if q.high is not None else value
