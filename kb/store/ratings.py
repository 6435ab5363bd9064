"""Fact-checkers' verdicts on one ordered scale.

Every fact-checker words its verdicts its own way ("Pants on fire", "Misleading",
"Half true", "Four Pinocchios") and some give a number on a scale of their own. To
compare and query them, a verdict is put on one scale, worst first:

    false < mostly false < mixed < mostly true < true,  and "unrated" apart

The verdict's words decide when they are in ``RATING_WORDS`` (the text as written,
or its leading words: "False: the figure was 16.9 million" is false). Otherwise a
numeric ``ratingValue`` is placed between ``worstRating`` and ``bestRating``
(schema.org's defaults: 1 and 5) and rounded to the nearest of the five steps, so a
1-5 scale maps 1..5 to the five steps in order. Anything else is "unrated". The
README's rating table is this module's table.
"""
from __future__ import annotations

import re

SCALE = ("false", "mostly false", "mixed", "mostly true", "true")
UNRATED = "unrated"
RATINGS = SCALE + (UNRATED,)
# schema.org's Rating: "If bestRating is not present, 5 is assumed"; worstRating likewise 1.
DEFAULT_BEST, DEFAULT_WORST = 5.0, 1.0

RATING_WORDS = {
    "false": (
        "false", "fake", "untrue", "not true", "incorrect", "wrong", "pants on fire", "fabricated",
        "hoax", "baseless", "debunked", "four pinocchios", "inaccurate",
    ),
    "mostly false": (
        "mostly false", "largely false", "barely true", "misleading", "mostly inaccurate", "exaggerated",
        "three pinocchios",
    ),
    "mixed": (
        "mixed", "mixture", "half true", "partly true", "partly false", "partially true", "partially false",
        "half right", "missing context", "lacks context", "needs context", "two pinocchios",
    ),
    "mostly true": ("mostly true", "largely true", "mostly accurate", "mostly correct", "one pinocchio"),
    "true": ("true", "correct", "accurate", "verified", "confirmed", "geppetto checkmark"),
    UNRATED: ("unproven", "unverified", "unsupported", "no evidence", "not rated", "satire", "outdated",
              "unrated", "explainer"),
}
_WORD_RATING = {words: rating for rating, phrases in RATING_WORDS.items() for words in phrases}
# Longest phrases first, so "mostly false" wins over "false" and "not true" over "true".
_LEADING = re.compile(
    r"(" + "|".join(re.escape(p) for p in sorted(_WORD_RATING, key=len, reverse=True)) + r")(?![a-z])"
)


def normalized_words(text: str) -> str:
    """Lower case, hyphens and underscores as spaces, one space between words."""
    return " ".join(re.sub(r"[-_]+", " ", text.casefold()).split())


def rating_from_words(text: str | None) -> str | None:
    """The scale step of a verdict written in words, when its leading words are a known
    verdict; None otherwise."""
    if not text:
        return None
    match = _LEADING.match(normalized_words(text))
    return _WORD_RATING[match.group(1)] if match else None


def rating_from_number(value: float | None, best: float | None = None, worst: float | None = None) -> str | None:
    """The scale step of a numeric rating, placed between worst and best (either way
    round); None without a value, or with a value outside the scale or a scale of one point."""
    if value is None:
        return None
    best = DEFAULT_BEST if best is None else best
    worst = DEFAULT_WORST if worst is None else worst
    if best == worst:
        return None
    position = (value - worst) / (best - worst)
    if not 0 <= position <= 1:
        return None
    return SCALE[round(position * (len(SCALE) - 1))]


def normalize_rating(text: str | None, value: float | None = None, best: float | None = None,
                     worst: float | None = None) -> str:
    """One of RATINGS: by the verdict's words, else by its number, else "unrated"."""
    return rating_from_words(text) or rating_from_number(value, best, worst) or UNRATED
