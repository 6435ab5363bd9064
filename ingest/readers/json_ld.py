"""schema.org JSON-LD in HTML pages: the ``<script type="application/ld+json">`` values,
and the objects of a given ``@type`` in them (at the top, in lists, in ``@graph``, or
nested in another object)."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

from lxml import etree

JSON_LD_TYPE = "application/ld+json"


def json_ld_scripts(root: etree._Element) -> Iterator[tuple[int, str]]:
    """(number, text) of each JSON-LD script of a parsed page, numbered from 1 among
    all its scripts."""
    for number, script in enumerate(root.iter("script"), start=1):
        if (script.get("type") or "").split(";")[0].strip().lower() == JSON_LD_TYPE:
            yield number, script.text or ""


def schema_type(names: str) -> re.Pattern:
    """A pattern for the schema.org types ``names`` (an alternation) as JSON-LD writes
    them: "ClaimReview", "schema:ClaimReview", "https://schema.org/ClaimReview"."""
    return re.compile(rf"(?:(?:https?://schema\.org/)|(?:schema:))?(?:{names})")


def has_type(item, pattern: re.Pattern) -> bool:
    """Whether a JSON-LD object is typed ``pattern`` (alone or among other types)."""
    if not isinstance(item, dict):
        return False
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and pattern.fullmatch(t) for t in types)


def objects_in(value, wanted: Callable[[object], bool]) -> list[dict]:
    """Every object of a JSON-LD value that is ``wanted``; a wanted object's own
    properties are not searched."""
    if wanted(value):
        return [value]  # type: ignore[list-item]
    if isinstance(value, dict):
        return [found for item in value.values() for found in objects_in(item, wanted)]
    if isinstance(value, list):
        return [found for item in value for found in objects_in(item, wanted)]
    return []


def json_ld_objects(root: etree._Element, wanted: Callable[[object], bool]) -> list[dict]:
    """The wanted objects of every JSON-LD script of a page that parses as JSON."""
    found = []
    for _, text in json_ld_scripts(root):
        try:
            found += objects_in(json.loads(text), wanted)
        except json.JSONDecodeError:
            continue  # a page's broken markup of other kinds is none of a reader's business
    return found
