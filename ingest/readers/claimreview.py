"""schema.org ``ClaimReview`` markup to fact-check records.

Fact-checkers publish their verdicts as JSON-LD in ``<script type="application/ld+json">``
elements of the fact-check page, and the same objects are collected in JSON Lines
feeds. A script or line may hold one object, a list, or an ``@graph``; a ClaimReview may
also sit inside another object (a page's ``mainEntity``). Every ClaimReview found is one
record; any other JSON-LD is ignored. A ClaimReview that cannot be used (no claim, no
rating) is reported as an ``InputError`` naming the file, the record and the reason,
and the others are read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

import lxml.html
from lxml import etree

from claimkb.ingest.readers.json_ld import has_type, json_ld_scripts, objects_in, schema_type
from claimkb.ingest.readers.jsonl import decode_utf8, iso_date
from claimkb.ingest.records import ClaimReviewRecord, InputError

CLAIM_REVIEW = "ClaimReview"
MARKER = CLAIM_REVIEW.encode()
CLAIM_REVIEW_TYPE = schema_type(CLAIM_REVIEW)


def is_claim_review(item) -> bool:
    """Whether a JSON-LD object is typed ClaimReview (alone or among other types)."""
    return has_type(item, CLAIM_REVIEW_TYPE)


def claim_reviews_in(value) -> list[dict]:
    """Every ClaimReview object in a JSON-LD value: at its top, in lists and ``@graph``,
    or nested in another object. A ClaimReview's own properties are not searched."""
    return objects_in(value, is_claim_review)


def read_claimreview_html(data: bytes | str, source: str) -> list[ClaimReviewRecord | InputError]:
    """The ClaimReviews of an HTML page's JSON-LD scripts, and an InputError per broken
    one. A script that is not JSON is reported when it mentions ClaimReview (broken
    fact-check markup) and otherwise ignored, like any JSON-LD that is not a ClaimReview."""
    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as error:
        raise InputError(source, f"cannot parse HTML: {error}") from None
    found: list[ClaimReviewRecord | InputError] = []
    reviews = []
    for number, text in json_ld_scripts(root):
        try:
            reviews += claim_reviews_in(json.loads(text))
        except json.JSONDecodeError as error:
            if CLAIM_REVIEW in text:
                found.append(InputError(f"{source}#script-{number}", f"invalid JSON-LD: {error}"))
    for number, review in enumerate(reviews, start=1):
        found.append(_record_or_error(review, f"{source}#claimreview-{number}"))
    return found


def read_claimreview_json(data: bytes, source: str) -> Iterator[ClaimReviewRecord | InputError]:
    """ClaimReviews from JSON Lines, or from one JSON document (an object, a list or an
    ``@graph``) when the whole input is one JSON value. A line that is not JSON, or
    holds no ClaimReview, is reported; raises InputError if the input holds none at all."""
    text = decode_utf8(data, source)
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        pass
    else:
        reviews = claim_reviews_in(document)
        if not reviews:
            raise InputError(source, "no ClaimReview in the JSON document")
        for number, review in enumerate(reviews, start=1):
            yield _record_or_error(review, f"{source}#claimreview-{number}")
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_source = f"{source}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(line_source, f"invalid JSON: {error}")
            continue
        reviews = claim_reviews_in(value)
        if not reviews:
            yield InputError(line_source, f"not a ClaimReview (@type {_type_of(value)})")
        for review in reviews:
            yield _record_or_error(review, line_source)


def looks_like_claimreview_json(data: bytes) -> bool:
    """Whether JSON or JSON Lines input is a ClaimReview feed: its first record holds one."""
    if MARKER not in data:
        return False
    text = data.decode("utf-8-sig", errors="replace")
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        first = next((line for line in text.split("\n") if line.strip()), "")
        try:
            document = json.loads(first)
        except json.JSONDecodeError:
            return False
    if isinstance(document, list):
        document = document[0] if document else None
    return bool(claim_reviews_in(document))


def _record_or_error(review: dict, source: str) -> ClaimReviewRecord | InputError:
    try:
        return record_from_claimreview(review, source)
    except InputError as error:
        return error


def record_from_claimreview(review: dict, source: str) -> ClaimReviewRecord:
    """One ClaimReview object as a record. Raises InputError when it has no claim text or
    no usable rating; other missing properties are left empty."""
    claim = _text(review.get("claimReviewed"))
    if not claim:
        raise InputError(source, "no claimReviewed text")
    rating_text, value, best, worst = _rating(review.get("reviewRating"), source)
    item = review.get("itemReviewed")
    if not isinstance(item, dict):
        item = {}
    return ClaimReviewRecord(
        claim_text=claim,
        source=source,
        claimant=_name(item.get("author")),
        rating_text=rating_text,
        rating_value=value,
        best_rating=best,
        worst_rating=worst,
        reviewer=_name(review.get("author")),
        url=_url(review.get("url")),
        reviewed_at=_date(review.get("datePublished"), source),
        language=_language(review.get("inLanguage")),
        claim_published=_date(item.get("datePublished"), source),
        appearances=_appearances(item),
    )


def _rating(rating, source: str) -> tuple[str | None, float | None, float | None, float | None]:
    """(text as written, value, best, worst) of a reviewRating. A bare string is taken as
    the rating's text (a common shortcut); a non-numeric ratingValue as its text when
    there is no alternateName."""
    if isinstance(rating, list) and len(rating) == 1:
        rating = rating[0]
    if isinstance(rating, str) and rating.strip():
        return rating.strip(), None, None, None
    if not isinstance(rating, dict):
        raise InputError(source, "no reviewRating" if rating is None else
                         f"reviewRating must be a Rating object or text, not {type(rating).__name__}")
    text = _text(rating.get("alternateName")) or _text(rating.get("name"))
    raw_value = rating.get("ratingValue")
    value = _number(raw_value)
    if text is None and value is None and isinstance(raw_value, str) and raw_value.strip():
        text = raw_value.strip()
    if text is None and value is None:
        raise InputError(source, "reviewRating has neither a ratingValue nor an alternateName")
    return text, value, _number(rating.get("bestRating")), _number(rating.get("worstRating"))


def _number(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _text(value) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def _name(agent) -> str | None:
    """An author's name: text, an object's ``name``, or the names of a list joined."""
    if isinstance(agent, list):
        names = [name for name in map(_name, agent) if name]
        return "; ".join(names) or None
    if isinstance(agent, dict):
        return _text(agent.get("name")) or _text(agent.get("alternateName"))
    return _text(agent)


def _url(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    return _text(value)


def _language(value) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("alternateName")) or _text(value.get("name"))
    return _text(value)


def _date(value, source: str) -> str | None:
    return iso_date(value, source) if isinstance(value, str) else None


def _appearances(item: dict) -> list[str]:
    """The URLs where the reviewed claim appeared: ``appearance`` and ``firstAppearance``."""
    urls = []
    for key in ("firstAppearance", "appearance"):
        values = item.get(key)
        for value in values if isinstance(values, list) else [values]:
            url = _url(value)
            if url:
                urls.append(url)
    return list(dict.fromkeys(urls))


def _type_of(value) -> str:
    if isinstance(value, dict):
        return json.dumps(value.get("@type")) if "@type" in value else "missing"
    return f"missing: a JSON {type(value).__name__}"
