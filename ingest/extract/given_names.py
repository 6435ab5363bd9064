"""The sex a given name tells, for choosing who "he" or "she" is.

A text that names "Mike Dunn" and then says "she said" is not quoting Mike Dunn, though
no "he" has followed his name yet. The lists are the 1990 US Census frequencies of
first names by sex (public domain), as the ``names`` package ships them: English-
language news names people with these names more than any others, and a name missing
from them (most names from elsewhere) tells nothing.
"""
from __future__ import annotations

import functools
import importlib.resources

# A name tells a sex when at least this share of the people bearing it are of that sex
# (weighing each list by its share of its own sex's population): "Mike" (99.5% male)
# and "Donna" do; "Alex" (98.3%), "Chris" (89%), "Jordan" and "Dana" do not.
CLEAR_SHARE = 0.99
# ... and when at least this percent of that sex bear it: rarer entries of 1990 tell
# more of their time than of news now ("Jess", 0.018% of men then, names women now).
MIN_PERCENT = 0.02
CENSUS_LISTS = {"m": "dist.male.first", "f": "dist.female.first"}


@functools.cache
def _frequencies() -> dict[str, dict[str, float]]:
    """sex -> upper-case name -> percent of that sex's population bearing it."""
    lists = importlib.resources.files("names")
    frequencies: dict[str, dict[str, float]] = {}
    for sex, filename in CENSUS_LISTS.items():
        rows = (line.split() for line in lists.joinpath(filename).read_text(encoding="ascii").splitlines())
        frequencies[sex] = {row[0]: float(row[1]) for row in rows if len(row) >= 2}
    return frequencies


def sex_of_given_name(name: str) -> str | None:
    """ "m" or "f" when the given name ``name`` is borne clearly by one sex, else None."""
    key = name.strip(".").upper()
    frequencies = _frequencies()
    male, female = frequencies["m"].get(key, 0.0), frequencies["f"].get(key, 0.0)
    if male + female == 0:
        return None
    if male / (male + female) >= CLEAR_SHARE and male >= MIN_PERCENT:
        return "m"
    if female / (male + female) >= CLEAR_SHARE and female >= MIN_PERCENT:
        return "f"
    return None
