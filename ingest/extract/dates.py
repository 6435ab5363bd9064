"""Dates a claim names: weekdays, months (with their day when written) and years.

Quantities leave dates out on purpose ("in 2019" is no count), so without this a copy
that moves an arrest from Tuesday to Friday, or a law from 2007 to 2009, would read as a
plain paraphrase. ``find_dates`` finds them; ``dates_disagree`` says when two claims
name incompatible dates of one kind, which ``claimkb.match.compare`` reports.

Found, as written in news:
- weekdays, full and capitalized ("Tuesday"); abbreviations are left out because
  "Sun", "Sat" and "Wed" are more often a newspaper or a verb;
- months, capitalized, full or abbreviated with a period ("September", "Sept.",
  "Feb."), with the day beside them when there is one ("September 18", "18 September",
  "Feb. 17"); "May" and "March" count only beside a day or a year, being a verb or a
  name as often as a month;
- years from 1500 to 2099 standing alone ("in 2007", "September 18, 2013").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                       "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
# Months that are as often a verb or a name ("May I", "March on"): a date only with a
# day or a year beside them.
AMBIGUOUS_MONTHS = frozenset(("May", "March"))
MONTH_NAME = "|".join(MONTHS) + "|" + "|".join(rf"{a}\." for a in MONTH_ABBREVIATIONS)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]|20)\d\d"
DATE_RE = re.compile(
    rf"""\b(?:
        (?P<weekday>{"|".join(WEEKDAYS)})\b
      | (?P<day_before>{DAY})\s+(?:of\s+)?(?P<month_after>{MONTH_NAME})(?!\w)
      | (?P<month>{MONTH_NAME})(?!\w)(?:\s+(?P<day_after>{DAY})\b(?![,.]?\d|:))?
      | (?<![\d.,$€£-])(?P<year>{YEAR})\b(?![.,]\d|%|-)
    )""",
    re.VERBOSE,
)
ORDINAL_ENDINGS = "stndrh"  # "1st", "2nd", "3rd", "4th"
YEAR_AFTER_RE = re.compile(rf",?\s+{YEAR}\b")


@dataclass(frozen=True)
class DateMention:
    kind: str  # "weekday", "month_day" (a month, with its day when written) or "year"
    month_or_value: int  # weekday 1-7, month 1-12 or the year
    day: int | None  # the day of the month, when written beside it
    text: str  # as written
    start: int
    end: int

    def compatible(self, other: DateMention) -> bool:
        """The same date, or one less precise than the other ("September" and
        "September 18")."""
        return (self.kind == other.kind and self.month_or_value == other.month_or_value
                and (self.day is None or other.day is None or self.day == other.day))


def find_dates(text: str) -> list[DateMention]:
    """The weekdays, months and years ``text`` names, in order."""
    found = []
    for match in DATE_RE.finditer(text):
        if match["weekday"]:
            found.append(DateMention("weekday", WEEKDAYS.index(match["weekday"]) + 1, None,
                                     match.group(), match.start(), match.end()))
        elif match["year"]:
            found.append(DateMention("year", int(match["year"]), None, match.group(), match.start(), match.end()))
        else:
            name = match["month"] or match["month_after"]
            day = match["day_after"] or match["day_before"]
            if name in AMBIGUOUS_MONTHS and not day and not YEAR_AFTER_RE.match(text, match.end()):
                continue
            month = MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBREVIATIONS[name.rstrip(".")]
            found.append(DateMention("month_day", month, int(day.rstrip(ORDINAL_ENDINGS)) if day else None,
                                     match.group(), match.start(), match.end()))
    return found


def dates_disagree(a: list[DateMention], b: list[DateMention]) -> list[tuple[list[DateMention], list[DateMention]]]:
    """Per kind of date both name, the mentions when each side names a date the other
    has nothing compatible with: (A's mentions, B's mentions). One side naming a date
    the other leaves out is a detail dropped, not a change."""
    changes = []
    for kind in ("weekday", "month_day", "year"):
        of_a = [d for d in a if d.kind == kind]
        of_b = [d for d in b if d.kind == kind]
        if not of_a or not of_b:
            continue
        a_only = any(not any(x.compatible(y) for y in of_b) for x in of_a)
        b_only = any(not any(y.compatible(x) for x in of_a) for y in of_b)
        if a_only and b_only:
            changes.append((of_a, of_b))
    return changes
